package main

import (
	"embed"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"github.com/vppvalidate/vppvalidate/internal/config"
	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/report"
	"github.com/vppvalidate/vppvalidate/internal/rules"
	"github.com/vppvalidate/vppvalidate/schemas"
)

// Shell completion has two halves. --completion SHELL prints a script,
// one of the files under completion/, that knows nothing about the
// command's flags or their values: on every TAB it runs
//
//	vppvalidate __complete WORD... CURRENT
//
// with the words typed before the one under the cursor and that word as
// far as it is typed, and offers what comes back. completeArg is that
// hidden entry point. It is no flag, so pflag never parses it and --help
// never lists it, and it counts only as the very first argument (an input
// file of that name is still reached as ./__complete).
//
// Answering from the binary keeps one source of truth: the flags come
// from the FlagSet itself and the values from the registries the flags
// are checked against, so a new flag, format, rule or type completes
// without an edit here or in the scripts, and an installed script never
// falls behind an upgraded binary.
const completeArg = "__complete"

//go:embed completion
var completionScripts embed.FS

// shells are the shells --completion writes a script for, in the order
// help and errors name them, with the embedded file of each.
var shells = []struct{ name, file string }{
	{"bash", "completion/vppvalidate.bash"},
	{"zsh", "completion/vppvalidate.zsh"},
	{"fish", "completion/vppvalidate.fish"},
}

func shellNames() []string {
	names := make([]string, len(shells))
	for i, s := range shells {
		names[i] = s.name
	}
	return names
}

// completionScript returns the script for shell, or false for a shell
// without one.
func completionScript(shell string) ([]byte, bool) {
	for _, s := range shells {
		if s.name == shell {
			b, err := completionScripts.ReadFile(s.file)
			return b, err == nil
		}
	}
	return nil, false
}

// completion is the answer to one __complete call.
type completion struct {
	// words replace the word under the cursor whole: for "--output=sa"
	// that is "--output=sarif", not "sarif".
	words []candidate
	// noSpace asks the shell not to add a space after a word, because
	// the user goes on typing it (a rule, then "=" and a level).
	noSpace bool
	// files asks the shell for file names too: the word is filePrefix
	// followed by the start of a file name.
	files      bool
	filePrefix string
}

// candidate is one word to offer, with a line that says what it is for
// the shells that show one ("" for none).
type candidate struct{ word, doc string }

// writeCompletion prints c for the scripts: a first line that tells how
// to complete (":words", ":nospace" or ":files PREFIX"), then one word a
// line, a tab and its description after it where there is one. A word
// that holds a tab or a line break (one the user typed) is left out: it
// would break the lines apart.
func writeCompletion(w io.Writer, c completion) error {
	header := ":words"
	switch {
	case c.files:
		header = ":files " + c.filePrefix
	case c.noSpace:
		header = ":nospace"
	}
	var b strings.Builder
	b.WriteString(header + "\n")
	for _, w := range c.words {
		if strings.ContainsAny(w.word, "\t\n") {
			continue
		}
		b.WriteString(w.word)
		if doc := strings.Join(strings.Fields(w.doc), " "); doc != "" {
			b.WriteString("\t" + doc)
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// complete answers __complete. args are the words after the command
// name; the last is the word under the cursor, "" right after a space.
func complete(args []string) completion {
	if len(args) == 0 {
		args = []string{""}
	}
	before, cur := args[:len(args)-1], args[len(args)-1]
	fs := newFlagSet(&options{}, &raw{})
	pending, onlyPaths := scanWords(fs, before)
	switch {
	case pending != nil:
		return completeValue(pending, "", cur)
	case onlyPaths || !strings.HasPrefix(cur, "-"):
		return completion{files: true}
	case strings.HasPrefix(cur, "--") && strings.Contains(cur, "="):
		name, value, _ := strings.Cut(cur, "=")
		if f := fs.Lookup(name[2:]); f != nil && takesValue(f) {
			return completeValue(f, name+"=", value)
		}
		return completion{}
	case !strings.HasPrefix(cur, "--") && len(cur) > 2:
		// -oVALUE, -o=VALUE, -qoVALUE: pflag gives what follows the
		// first shorthand that takes a value to that flag.
		f, at := shorthandValue(fs, cur)
		if f == nil {
			return completion{}
		}
		if at == len(cur) {
			return completion{words: []candidate{{word: cur}}}
		}
		prefix, value := cur[:at], cur[at:]
		if rest, ok := strings.CutPrefix(value, "="); ok {
			prefix, value = prefix+"=", rest
		}
		return completeValue(f, prefix, value)
	}
	return completeFlags(fs, cur)
}

// scanWords reads the words before the cursor the way pflag will: it
// returns the flag whose value the next word is, if any, and whether a
// "--" has ended the flags, so that only paths follow.
func scanWords(fs *pflag.FlagSet, words []string) (pending *pflag.Flag, onlyPaths bool) {
	for _, w := range words {
		switch {
		case pending != nil:
			pending = nil // pflag takes the next word as the value, even "-x"
		case w == "--":
			return nil, true
		case strings.HasPrefix(w, "--"):
			name, _, inline := strings.Cut(w[2:], "=")
			if f := fs.Lookup(name); f != nil && takesValue(f) && !inline {
				pending = f
			}
		case strings.HasPrefix(w, "-") && len(w) > 1:
			if f, at := shorthandValue(fs, w); f != nil && at == len(w) {
				pending = f
			}
		}
	}
	return pending, false
}

// shorthandValue walks a word of shorthands such as "-qo" or "-ojson"
// and returns the first flag that takes a value, with the index of the
// word where that value starts; nil at an unknown shorthand or when none
// takes a value.
func shorthandValue(fs *pflag.FlagSet, word string) (*pflag.Flag, int) {
	for i := 1; i < len(word); i++ {
		if word[i] >= 0x80 || word[i] == '-' || word[i] == '=' {
			return nil, 0 // ShorthandLookup panics on more than one byte
		}
		f := fs.ShorthandLookup(word[i : i+1])
		if f == nil {
			return nil, 0
		}
		if takesValue(f) {
			return f, i + 1
		}
	}
	return nil, 0
}

// takesValue tells a flag that needs a value from a switch: pflag gives
// every switch a value to use when none is written.
func takesValue(f *pflag.Flag) bool { return f.NoOptDefVal == "" }

// completeFlags offers the flags, long and short forms, that start with
// prefix, in the order --help lists them.
func completeFlags(fs *pflag.FlagSet, prefix string) completion {
	var c completion
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		doc := strings.Join(strings.Fields(f.Usage), " ")
		for _, word := range []string{"--" + f.Name, "-" + f.Shorthand} {
			if word != "-" && strings.HasPrefix(word, prefix) {
				c.words = append(c.words, candidate{word, doc})
			}
		}
	})
	return c
}

// completeValue completes value, the value given to flag f so far, after
// prefix, the part of the word before the value ("--output=", "-o" or
// "" for a value in a word of its own). A flag without a completer gets
// nothing: a number or a host name has nothing to offer, and file names
// would be wrong.
func completeValue(f *pflag.Flag, prefix, value string) completion {
	complete, ok := valueCompleters[f.Name]
	if !ok {
		return completion{}
	}
	c := complete(value)
	for i := range c.words {
		c.words[i].word = prefix + c.words[i].word
	}
	if c.files {
		c.filePrefix = prefix + c.filePrefix
	}
	return c
}

// valueCompleters complete the values of flags, by flag name. Each reads
// the registry its flag's value is checked against.
var valueCompleters = map[string]func(value string) completion{
	"output":         completeOutput,
	"type":           func(v string) completion { return matching(v, typeWords(true)) },
	"print-schema":   completePrintSchema,
	"graph-version":  func(v string) completion { return matching(v, plain(model.Versions())) },
	"severity":       completeSeverity,
	"disable":        completeDisable,
	"explain":        func(v string) completion { return matching(v, ruleWords()) },
	"fail-on":        func(v string) completion { return matching(v, plain(config.FailOnNames())) },
	"recording":      func(v string) completion { return matching(v, plain(recordingModes())) },
	"completion":     func(v string) completion { return matching(v, plain(shellNames())) },
	"config":         completeFile,
	"baseline":       completeFile,
	"write-baseline": completeFile,
	"exclude":        completeFile, // a pattern, most often the path it names
}

func completeFile(string) completion { return completion{files: true} }

// completeOutput offers the formats, and file names after "FORMAT=".
func completeOutput(value string) completion {
	if format, _, toFile := strings.Cut(value, "="); toFile {
		if _, ok := report.LookupFormat(format); !ok {
			return completion{}
		}
		return completion{files: true, filePrefix: format + "="}
	}
	var words []candidate
	for _, f := range report.Formats() {
		words = append(words, candidate{f.Name, f.Doc})
	}
	return matching(value, words)
}

// completeSeverity offers "RULE=" until the rule is written, then the
// levels after it.
func completeSeverity(value string) completion {
	if id, _, ok := strings.Cut(value, "="); ok {
		var words []candidate
		for _, level := range config.SeverityNames() {
			if sev, err := config.ParseSeverity(level); err == nil && rules.CheckLevel(id, sev) == nil {
				words = append(words, candidate{word: id + "=" + level})
			}
		}
		return matching(value, words)
	}
	var words []candidate
	for _, r := range ruleWords() {
		words = append(words, candidate{r.word + "=", r.doc})
	}
	c := matching(value, words)
	c.noSpace = true
	return c
}

// completeDisable offers the rule IDs for the last item of a comma
// list, leaving out those already in it and those that cannot be
// switched off.
func completeDisable(value string) completion {
	i := strings.LastIndex(value, ",") + 1
	head := value[:i]
	given := strings.Split(head, ",")
	var words []candidate
	for _, r := range ruleWords() {
		if !slices.Contains(given, r.word) && rules.CheckLevel(r.word, finding.Off) == nil {
			words = append(words, candidate{head + r.word, r.doc})
		}
	}
	return matching(value, words)
}

// ruleWords lists the rule catalogue's IDs with their docs.
func ruleWords() []candidate {
	var words []candidate
	for _, r := range rules.All() {
		words = append(words, candidate{r.ID, r.Doc})
	}
	return words
}

// completePrintSchema offers what --print-schema takes: list,
// vppvalidate's own schemas, then the types.
func completePrintSchema(v string) completion {
	words := []candidate{{"list", "name the schemas"}}
	for _, own := range schemas.Owns() {
		words = append(words, candidate{own.Name, own.Doc})
	}
	return matching(v, append(words, typeWords(false)...))
}

// typeWords lists the names --print-schema list prints, VERSION/TYPE,
// and each type's bare name once before them, since both spellings are
// accepted. With structured set, only the types --type accepts: no
// enums.
func typeWords(structured bool) []candidate {
	list, err := schemaList()
	if err != nil {
		return nil
	}
	var bare, versioned []candidate
	seen := make(map[string]bool)
	for _, entry := range list {
		v, name, _ := strings.Cut(entry, "/")
		if t := model.Get(v).Type(name); structured && (t == nil || t.Kind == model.Enum) {
			continue
		}
		versioned = append(versioned, candidate{word: entry})
		if !seen[name] {
			seen[name] = true
			bare = append(bare, candidate{word: name})
		}
	}
	return append(bare, versioned...)
}

// plain makes candidates of words that need no description.
func plain(words []string) []candidate {
	out := make([]candidate, len(words))
	for i, w := range words {
		out[i] = candidate{word: w}
	}
	return out
}

// matching keeps the candidates that start with prefix.
func matching(prefix string, words []candidate) completion {
	var c completion
	for _, w := range words {
		if strings.HasPrefix(w.word, prefix) {
			c.words = append(c.words, w)
		}
	}
	return c
}

// printCompletion answers __complete on stdout.
func printCompletion(args []string, stdout, stderr io.Writer) int {
	if err := writeCompletion(stdout, complete(args)); err != nil {
		return done(fmt.Errorf("__complete: %v", err), stderr)
	}
	return exitClean
}
