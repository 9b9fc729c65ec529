package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/vppvalidate/vppvalidate/internal/config"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/report"
	"github.com/vppvalidate/vppvalidate/internal/rules"
	"github.com/vppvalidate/vppvalidate/internal/validate"
)

// list is what c offers, without descriptions.
func (c completion) list() []string {
	var out []string
	for _, w := range c.words {
		out = append(out, w.word)
	}
	return out
}

// rulesStarting lists the rule IDs that start with prefix, each after
// head.
func rulesStarting(head, prefix string) []string {
	var out []string
	for _, r := range rules.All() {
		if strings.HasPrefix(r.ID, prefix) {
			out = append(out, head+r.ID)
		}
	}
	return out
}

// TestComplete drives the answers of __complete: which words a flag's
// value, a flag name or a path gets, in every way pflag lets a value be
// written.
func TestComplete(t *testing.T) {
	withPrefix := func(prefix string, words []string) []string {
		out := make([]string, len(words))
		for i, w := range words {
			out[i] = prefix + w
		}
		return out
	}
	levels := withPrefix("enum=", config.SeverityNames())
	files := completion{files: true}
	for _, tc := range []struct {
		args []string
		want completion // words compared without descriptions
	}{
		{nil, files},
		{[]string{""}, files},
		{[]string{"capture"}, files},
		{[]string{"--gr"}, completion{words: []candidate{{word: "--graph-version"}, {word: "--graph-host"}}}},
		{[]string{"-o", ""}, completion{words: plain(report.FormatNames())}},
		{[]string{"--output", "sa"}, completion{words: plain([]string{"sarif"})}},
		{[]string{"--output=sa"}, completion{words: plain([]string{"--output=sarif"})}},
		{[]string{"-osa"}, completion{words: plain([]string{"-osarif"})}},
		{[]string{"-o=sa"}, completion{words: plain([]string{"-o=sarif"})}},
		{[]string{"-qosa"}, completion{words: plain([]string{"-qosarif"})}},
		{[]string{"-qo"}, completion{words: plain([]string{"-qo"})}},
		{[]string{"-o", "sarif="}, completion{files: true, filePrefix: "sarif="}},
		{[]string{"--output=sarif=out/r"}, completion{files: true, filePrefix: "--output=sarif="}},
		{[]string{"-o", "nope="}, completion{}},
		{[]string{"--severity", "enum="}, completion{words: plain(levels)}},
		{[]string{"--severity", "enum=w"}, completion{words: plain([]string{"enum=warning"})}},
		{[]string{"--severity=enum=o"}, completion{words: plain([]string{"--severity=enum=off"})}},
		{[]string{"--severity", "enu"}, completion{words: plain([]string{"enum="}), noSpace: true}},
		{[]string{"--disable", "int"}, completion{words: plain(rulesStarting("", "int"))}},
		{[]string{"--disable", "enum,int"}, completion{words: plain(rulesStarting("enum,", "int"))}},
		{[]string{"--disable", "enum,en"}, completion{}},
		{[]string{"--explain", "time"}, completion{words: plain([]string{"time-order"})}},
		{[]string{"--type", "vppTokenL"}, completion{words: plain([]string{"vppTokenLicenseSummary"})}},
		{[]string{"--type", "beta/vppTokenSt"}, completion{}}, // an enum: --type refuses it
		{[]string{"--print-schema", "beta/vppTokenSt"}, completion{words: plain([]string{"beta/vppTokenState"})}},
		{[]string{"--print-schema", "li"}, completion{words: plain([]string{"list"})}},
		{[]string{"--graph-version", ""}, completion{words: plain(model.Versions())}},
		{[]string{"--fail-on", ""}, completion{words: plain(config.FailOnNames())}},
		{[]string{"--recording", ""}, completion{words: plain(recordingModes())}},
		{[]string{"--completion", ""}, completion{words: plain(shellNames())}},
		{[]string{"--config", "x"}, files},
		{[]string{"--config=x"}, completion{files: true, filePrefix: "--config="}},
		{[]string{"--baseline", ""}, files},
		{[]string{"--write-baseline", ""}, files},
		{[]string{"--jobs", ""}, completion{}},
		{[]string{"-j", ""}, completion{}},
		{[]string{"-qj", ""}, completion{}},
		{[]string{"-q", ""}, files},
		{[]string{"--graph-host", ""}, completion{}},
		{[]string{"--strict", ""}, files},
		{[]string{"--type", "--strict", ""}, files}, // pflag took --strict as the type
		{[]string{"--type", "vppToken", "--gra"}, completion{words: plain([]string{"--graph-version", "--graph-host"})}},
		{[]string{"--", "-"}, files},
		{[]string{"--", "--type", ""}, files},
		{[]string{"--nope=x"}, completion{}},
		{[]string{"-\u00e9"}, completion{}},
		{[]string{"-x"}, completion{}},
	} {
		got := complete(tc.args)
		if !slices.Equal(got.list(), tc.want.list()) || got.noSpace != tc.want.noSpace || got.files != tc.want.files || got.filePrefix != tc.want.filePrefix {
			t.Errorf("complete(%q) = words %q, noSpace %v, files %v %q; want %q, %v, %v %q", tc.args,
				got.list(), got.noSpace, got.files, got.filePrefix, tc.want.list(), tc.want.noSpace, tc.want.files, tc.want.filePrefix)
		}
	}
}

// TestWriteCompletion checks the lines the scripts read: the header,
// then a word a line with its description after a tab, on one line even
// where a flag's usage runs over several; a word typed with a line break
// is left out rather than split.
func TestWriteCompletion(t *testing.T) {
	for _, tc := range []struct {
		c    completion
		want string
	}{
		{completion{words: []candidate{{"--type", "the type\nof  every resource"}, {word: "v1.0"}}}, ":words\n--type\tthe type of every resource\nv1.0\n"},
		{completion{words: []candidate{{word: "enum="}}, noSpace: true}, ":nospace\nenum=\n"},
		{completion{files: true, filePrefix: "--output=sarif="}, ":files --output=sarif=\n"},
		{completion{files: true}, ":files \n"},
		{completion{words: []candidate{{word: "a\nb"}, {word: "a\tb"}, {word: "ok"}}}, ":words\nok\n"},
	} {
		var b strings.Builder
		if err := writeCompletion(&b, tc.c); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.want {
			t.Errorf("writeCompletion(%+v) = %q, want %q", tc.c, b.String(), tc.want)
		}
	}
}

// TestCompleteFlags checks that the flag names come from the FlagSet:
// every flag, long and short, and nothing else.
func TestCompleteFlags(t *testing.T) {
	var want []string
	newFlagSet(&options{}, &raw{}).VisitAll(func(f *pflag.Flag) {
		want = append(want, "--"+f.Name)
		if f.Shorthand != "" {
			want = append(want, "-"+f.Shorthand)
		}
	})
	got := complete([]string{"-"})
	if !slices.Equal(sorted(got.list()), sorted(want)) {
		t.Errorf("after -: %q, want %q", got.list(), want)
	}
	for _, w := range got.words {
		if w.doc == "" || strings.Contains(w.doc, "\n") {
			t.Errorf("%s has the description %q, want one line", w.word, w.doc)
		}
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestValueCompletersNameFlags keeps the completers attached: each
// names a flag that takes a value, so renaming a flag cannot silently
// leave its values uncompleted.
func TestValueCompletersNameFlags(t *testing.T) {
	fs := newFlagSet(&options{}, &raw{})
	for name := range valueCompleters {
		f := fs.Lookup(name)
		switch {
		case f == nil:
			t.Errorf("valueCompleters has %q, which is no flag", name)
		case !takesValue(f):
			t.Errorf("valueCompleters has --%s, which takes no value", name)
		}
	}
}

// TestTypeWordsMatchPrintSchemaList checks that --type is offered the
// names --print-schema list prints that it accepts (not the enums), and
// only names it accepts.
func TestTypeWordsMatchPrintSchemaList(t *testing.T) {
	accepts := func(name string) bool {
		o, _, err := parseOptions([]string{"--type", name})
		if err != nil {
			return false
		}
		_, err = validate.New(validate.Options{Type: o.settings.Type, Version: o.settings.GraphVersion})
		return err == nil
	}
	list, err := schemaList()
	if err != nil {
		t.Fatal(err)
	}
	got := complete([]string{"--type", ""}).list()
	for _, entry := range list {
		if offered := slices.Contains(got, entry); offered != accepts(entry) {
			t.Errorf("--type %s: offered %v, accepted %v", entry, offered, !offered)
		}
	}
	for _, word := range got {
		if !accepts(word) {
			t.Errorf("--type is offered %q, which it refuses", word)
		}
	}
	if !slices.Contains(got, "beta/vppTokenRevokeLicensesActionResult") || !slices.Contains(got, "vppToken") || slices.Contains(got, "actionState") {
		t.Errorf("--type is offered %q", got)
	}
}

// writeScript writes the completion script for shell to a temporary file.
func writeScript(t *testing.T, shell string) string {
	t.Helper()
	script, ok := completionScript(shell)
	if !ok {
		t.Fatalf("no %s script", shell)
	}
	path := filepath.Join(t.TempDir(), "vppvalidate."+shell)
	if err := os.WriteFile(path, script, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// needShell skips the test when shell is not installed, and makes sure
// that the scripts will find the command: TestMain puts a vppvalidate
// (this test binary, run as the command) on PATH.
func needShell(t *testing.T, shell string) string {
	t.Helper()
	path, err := exec.LookPath(shell)
	if err != nil {
		t.Skipf("%s is not installed", shell)
	}
	if _, err := exec.LookPath("vppvalidate"); err != nil {
		t.Fatalf("vppvalidate is not on PATH: %v", err)
	}
	return path
}

// shellEnv is the environment to start a shell in: fish makes its
// configuration and data folders when it starts, and they belong in the
// test's folder, not the user's.
func shellEnv(t *testing.T) []string {
	home := t.TempDir()
	return append(os.Environ(), "XDG_CONFIG_HOME="+home, "XDG_DATA_HOME="+home, "XDG_CACHE_HOME="+home)
}

// completionFiles makes a directory with a few inputs to complete.
func completionFiles(t *testing.T) string {
	dir := t.TempDir()
	for _, name := range []string{"a.json", "b.jsonl", "my file.json", "sub/c.json"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestBashCompletion sources the bash script in a real bash, sets the
// variables bash sets on a TAB and reads COMPREPLY. COMP_WORDS are given
// as bash cuts a line: at "=" too, so "-o sarif=" is "-o" "sarif" "=".
func TestBashCompletion(t *testing.T) {
	bash := needShell(t, "bash")
	script := writeScript(t, "bash")
	dir := completionFiles(t)
	// tab runs one TAB: line is COMP_LINE, with the cursor at point
	// (-1: at the end), cword indexes words, which are COMP_WORDS.
	tab := func(line string, point, cword int, words ...string) []string {
		t.Helper()
		if point < 0 {
			point = len(line)
		}
		const driver = `source "$1" || exit
COMP_CWORD=$2 COMP_LINE=$3 COMP_POINT=$4
shift 4
COMP_WORDS=("$@")
_vppvalidate
for w in "${COMPREPLY[@]}"; do printf '%s\n' "$w"; done`
		args := append([]string{"--norc", "--noprofile", "-c", driver, "bash", script, strconv.Itoa(cword), line, strconv.Itoa(point)}, words...)
		cmd := exec.Command(bash, args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%q: %v\n%s", line, err, out)
		}
		var reply []string
		for _, l := range strings.Split(string(out), "\n") {
			if l != "" {
				reply = append(reply, l)
			}
		}
		slices.Sort(reply)
		return reply
	}
	var longFlags []string
	newFlagSet(&options{}, &raw{}).VisitAll(func(f *pflag.Flag) { longFlags = append(longFlags, "--"+f.Name) })
	allFiles := []string{"a.json", "b.jsonl", "my file.json", "sub"}

	for _, tc := range []struct {
		name  string
		line  string
		point int
		cword int
		words []string
		want  []string
	}{
		{"flags after --", "vppvalidate --", -1, 1, []string{"vppvalidate", "--"}, longFlags},
		{"formats after -o", "vppvalidate -o ", -1, 2, []string{"vppvalidate", "-o", ""}, report.FormatNames()},
		{"rule IDs after --disable", "vppvalidate --disable int", -1, 2, []string{"vppvalidate", "--disable", "int"}, rulesStarting("", "int")},
		{"comma list after --disable", "vppvalidate --disable enum,int", -1, 2, []string{"vppvalidate", "--disable", "enum,int"}, rulesStarting("enum,", "int")},
		{"rules after --severity", "vppvalidate --severity time-o", -1, 2, []string{"vppvalidate", "--severity", "time-o"}, []string{"time-order="}},
		{"levels after --severity RULE=", "vppvalidate --severity time-order=", -1, 3, []string{"vppvalidate", "--severity", "time-order", "="}, config.SeverityNames()},
		{"a level after --severity RULE=w", "vppvalidate --severity time-order=w", -1, 4, []string{"vppvalidate", "--severity", "time-order", "=", "w"}, []string{"warning"}},
		{"levels after --fail-on", "vppvalidate --fail-on ", -1, 2, []string{"vppvalidate", "--fail-on", ""}, config.FailOnNames()},
		{"rules after --explain", "vppvalidate --explain time", -1, 2, []string{"vppvalidate", "--explain", "time"}, []string{"time-order"}},
		{"types after --type", "vppvalidate --type ", -1, 2, []string{"vppvalidate", "--type", ""}, complete([]string{"--type", ""}).list()},
		{"a versioned type", "vppvalidate --type beta/vppTokenR", -1, 2, []string{"vppvalidate", "--type", "beta/vppTokenR"}, []string{"beta/vppTokenRevokeLicensesActionResult"}},
		{"cursor inside a word", "vppvalidate --type vppTokenLx --strict", len("vppvalidate --type vppTokenL"), 2, []string{"vppvalidate", "--type", "vppTokenLx", "--strict"}, []string{"vppTokenLicenseSummary"}},
		{"versions after --graph-version", "vppvalidate --graph-version ", -1, 2, []string{"vppvalidate", "--graph-version", ""}, model.Versions()},
		{"recordings after --recording", "vppvalidate --recording ", -1, 2, []string{"vppvalidate", "--recording", ""}, recordingModes()},
		{"shells after --completion", "vppvalidate --completion ", -1, 2, []string{"vppvalidate", "--completion", ""}, shellNames()},
		{"files for a path", "vppvalidate ", -1, 1, []string{"vppvalidate", ""}, allFiles},
		{"a file for a path", "vppvalidate --strict b", -1, 2, []string{"vppvalidate", "--strict", "b"}, []string{"b.jsonl"}},
		{"a file name with a space", `vppvalidate my\ f`, -1, 1, []string{"vppvalidate", `my\ f`}, []string{"my file.json"}},
		{"files after --config", "vppvalidate --config ", -1, 2, []string{"vppvalidate", "--config", ""}, allFiles},
		{"files after --config=", "vppvalidate --config=a", -1, 3, []string{"vppvalidate", "--config", "=", "a"}, []string{"a.json"}},
		{"files after -o FORMAT=", "vppvalidate -o sarif=", -1, 3, []string{"vppvalidate", "-o", "sarif", "="}, allFiles},
		{"files after --output=FORMAT=", "vppvalidate --output=sarif=m", -1, 5, []string{"vppvalidate", "--output", "=", "sarif", "=", "m"}, []string{"my file.json"}},
		{"nothing after --jobs", "vppvalidate --jobs ", -1, 2, []string{"vppvalidate", "--jobs", ""}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tab(tc.line, tc.point, tc.cword, tc.words...)
			if want := sorted(tc.want); !slices.Equal(got, want) {
				t.Errorf("%q: COMPREPLY is %q, want %q", tc.line, got, want)
			}
		})
	}
}

// TestScriptsParse checks that each script is valid in its shell,
// where that shell is installed.
func TestScriptsParse(t *testing.T) {
	for _, tc := range []struct{ shell, flag string }{
		{"bash", "-n"},
		{"zsh", "-n"},
		{"fish", "--no-execute"},
	} {
		t.Run(tc.shell, func(t *testing.T) {
			sh := needShell(t, tc.shell)
			cmd := exec.Command(sh, tc.flag, writeScript(t, tc.shell))
			cmd.Env = shellEnv(t)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("%s %s: %v\n%s", tc.shell, tc.flag, err, out)
			}
		})
	}
	if len(shells) != 3 {
		t.Errorf("%d shells have a script; this test checks bash, zsh and fish", len(shells))
	}
}

// TestFishCompletion asks a real fish what it completes, with the
// script sourced: fish's "complete -C" prints the candidates for a line.
func TestFishCompletion(t *testing.T) {
	fish := needShell(t, "fish")
	script := writeScript(t, "fish")
	dir := completionFiles(t)
	env := shellEnv(t)
	for _, tc := range []struct {
		line string
		want []string // each a whole line of the answer
	}{
		{"vppvalidate --severity time-order=w", []string{"time-order=warning"}},
		{"vppvalidate --graph-version ", model.Versions()},
		{"vppvalidate --type beta/vppTokenR", []string{"beta/vppTokenRevokeLicensesActionResult"}},
		{"vppvalidate --disable time", []string{"time-order\t" + mustRule(t, "time-order").Doc}},
		{"vppvalidate -o sarif=m", []string{"sarif=my file.json"}},
		{"vppvalidate --config=s", []string{"--config=sub/"}},
		{"vppvalidate b", []string{"b.jsonl"}},
	} {
		cmd := exec.Command(fish, "--no-config", "-c", `source $argv[1]; and complete -C $argv[2]`, script, tc.line)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("%q: %v\n%s", tc.line, err, out)
			continue
		}
		got := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
		if !slices.Equal(sorted(got), sorted(tc.want)) {
			t.Errorf("%q: fish completes %q, want %q", tc.line, got, tc.want)
		}
	}
}

func mustRule(t *testing.T, id string) rules.Rule {
	t.Helper()
	r, ok := rules.Lookup(id)
	if !ok {
		t.Fatalf("no rule %s", id)
	}
	return r
}

// TestZshCompletion runs the zsh script's function in a real zsh, with
// the completion system's functions replaced by ones that print what
// they are given, since those work only inside a completion widget.
func TestZshCompletion(t *testing.T) {
	zsh := needShell(t, "zsh")
	script := writeScript(t, "zsh")
	const driver = `compdef() { :; }
_describe() { print -r -- "describe ${(j: :)${(@q)@[5,-1]}}"; print -rl -- "${(@P)4}"; }
compset() { print -r -- "compset $*"; }
_files() { print -r -- "files"; }
source $1 || exit
CURRENT=$2 PREFIX=$3
shift 3
words=("$@")
_vppvalidate`
	for _, tc := range []struct {
		words []string // the last is the word under the cursor
		want  string
	}{
		{[]string{"vppvalidate", "--severity", "time-order=w"}, "describe \ntime-order=warning\n"},
		{[]string{"vppvalidate", "--severity", "time-o"}, "describe -S ''\ntime-order=:" + mustRule(t, "time-order").Doc + "\n"},
		{[]string{"vppvalidate", "--graph-version", ""}, "describe \n" + strings.Join(model.Versions(), "\n") + "\n"},
		{[]string{"vppvalidate", "-o", "sarif=r"}, "compset -P sarif=\nfiles\n"},
		{[]string{"vppvalidate", "--output=sarif=r"}, "compset -P --output=sarif=\nfiles\n"},
		{[]string{"vppvalidate", "fixtures/"}, "compset -P \nfiles\n"},
	} {
		args := append([]string{"-f", "-c", driver, "zsh", script, strconv.Itoa(len(tc.words)), tc.words[len(tc.words)-1]}, tc.words...)
		out, err := exec.Command(zsh, args...).CombinedOutput()
		if err != nil {
			t.Errorf("%q: %v\n%s", tc.words, err, out)
			continue
		}
		if string(out) != tc.want {
			t.Errorf("%q: the script does\n%s\nwant\n%s", tc.words, out, tc.want)
		}
	}
}

// TestPrintSchemaCompletesOwnSchemas: --print-schema offers
// vppvalidate's own schemas beside list and the types.
func TestPrintSchemaCompletesOwnSchemas(t *testing.T) {
	got := complete([]string{"--print-schema", ""}).list()
	for _, want := range []string{"list", "config", "report", "vppToken", "beta/vppToken"} {
		if !slices.Contains(got, want) {
			t.Errorf("--print-schema is not offered %q (offered %q)", want, got)
		}
	}
}
