// Package config reads the project file .vppvalidate.json, which holds the
// same settings as the command line plus per-path overrides, so that a
// team can record once which rules fail its build.
//
//	{
//	  "severity": {"time-order": "error"},
//	  "disable": ["unset-timestamp"],
//	  "strict": false,
//	  "failOn": "error",
//	  "graphVersion": "beta",
//	  "exclude": ["node_modules", "tsconfig*.json"],
//	  "graphHosts": ["graph-proxy.test.local"],
//	  "overrides": [
//	    {"files": ["fixtures/legacy/**"], "severity": {"unknown-property": "off"}}
//	  ]
//	}
//
// What the file may hold is said once, by its JSON Schema
// (schemas/vppvalidate/config.schema.json, which --print-schema config
// prints and editors can use); Load checks the file against it with
// jsonschema/v5. A mistake in the file (bad JSON, an unknown key, an
// unknown rule or severity, a rule that cannot be switched off switched
// off, a bad pattern) is an error that names the file, line and column.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/glob"
	"github.com/vppvalidate/vppvalidate/internal/input"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/recording"
	"github.com/vppvalidate/vppvalidate/internal/rules"
	"github.com/vppvalidate/vppvalidate/internal/suggest"
)

// Name is the file name looked for in the current directory and its
// parents.
const Name = ".vppvalidate.json"

// File is a parsed project file: its Settings, with the rule layers
// in the order they apply (the file's own, then each override), and
// exclude patterns relative to Dir.
type File struct {
	Path string // as found or given
	Dir  string // absolute directory of the file; override and exclude patterns are relative to it
	Settings
}

// Find looks for Name in dir and its parents and returns its path, or ""
// when there is none. Anything of that name counts, a directory or a
// broken symbolic link too: Load then says why it cannot be read, rather
// than a parent's file being used in silence.
func Find(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, Name)
		if _, err := os.Lstat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Error is a mistake in a project file, located.
type Error struct {
	Path      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.Path, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
}

// Load reads the project file at path p and checks it: against its
// schema, then for what a schema cannot say (the syntax of patterns and
// hosts, and that the type exists in some Graph version: Settings.CheckType
// checks it in the version in use, once flags are laid over). It
// returns the file's settings, or an *Error: for a mistake in the file
// located at its line and column, for a file that cannot be read without
// them. A file with several mistakes gives every one that its stage
// finds (repeated keys, then the schema's, then the others), joined with
// errors.Join in reading order, one per line; errors.As finds the first.
func Load(p string) (*File, error) {
	if info, err := os.Stat(p); err == nil && info.IsDir() {
		return nil, &Error{Path: p, Msg: "it is a directory, not a project file"}
	}
	src, err := os.ReadFile(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if info, lerr := os.Lstat(p); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
				return nil, &Error{Path: p, Msg: "a broken symbolic link: what it points to does not exist"}
			}
			return nil, &Error{Path: p, Msg: "no such file"}
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the path is said once, before the message
		}
		return nil, &Error{Path: p, Msg: err.Error()}
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, &Error{Path: p, Msg: err.Error()}
	}
	doc, err := jsonpos.Parse(src, jsonpos.Options{})
	if err != nil {
		var se *jsonpos.SyntaxError
		if errors.As(err, &se) {
			msg := "not valid JSON: " + se.Msg
			if se.Comment() {
				msg += "; JSON has no comments: the project file is plain JSON, so remove the comment"
			}
			return nil, &Error{p, se.Pos.Line, se.Pos.Column, msg}
		}
		return nil, &Error{Path: p, Msg: err.Error()}
	}
	if len(doc.Duplicates) > 0 {
		errs := make([]error, len(doc.Duplicates))
		for i, d := range doc.Duplicates {
			errs[i] = &Error{p, d.Pos.Line, d.Pos.Column, fmt.Sprintf("%q is given twice", d.Name)}
		}
		return nil, joined(errs)
	}
	r := reader{path: p}
	// The schema decides what the file may hold; what follows reads a
	// file that holds nothing else, and checks only what the schema
	// cannot say: the syntax of patterns and hosts, and types.
	if err := r.check(doc.Root); err != nil {
		return nil, err
	}
	f := &File{Path: p, Dir: filepath.Dir(abs)}
	own := Rules{}
	var overrides []Rules
	var exclude []*jsonpos.Value
	var typ *jsonpos.Value
	var errs []error // what the schema cannot say, in reading order
	for _, m := range doc.Root.Members {
		v := m.Value
		switch m.Name {
		case "$schema":
			// Lets editors find the schema; not a setting.
		case "severity":
			own.Severity, err = r.severities(v)
		case "disable":
			own.Disable, err = r.disabled(v)
		case "strict":
			own.Strict = v.Bool
		case "failOn":
			level, _ := ParseFailOn(v.Text) // one of the schema's values
			f.FailOn = &level
		case "type":
			typ = v
		case "graphVersion":
			f.GraphVersion, f.GraphVersionFrom = v.Text, r.origin(m.Name, v)
		case "overrides":
			overrides, err = r.overrides(v, f.Dir)
		case "exclude":
			exclude = v.Items
			_, err = r.patterns(v)
		case "graphHosts":
			f.GraphHosts, err = r.hosts(v)
		default:
			err = r.fail(m.NamePos, fmt.Sprintf("vppvalidate does not read %q, which its schema allows (a bug)", m.Name))
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	// The type may name its version (v1.0/iosVppApp); that must agree
	// with graphVersion, wherever either stands in the file. Whether the
	// type is one of the version in use is known only once the flags
	// are laid over the file (Settings.CheckType); a name that no
	// version has is wrong whatever they say.
	if typ != nil {
		if err := f.SetType(typ.Text, r.origin("type", typ)); err != nil {
			errs = append(errs, err)
		} else if msg := unknownType(f.Type, ""); msg != "" {
			errs = append(errs, f.TypeFrom.Errorf("%s", msg))
		}
	}
	if len(errs) > 0 {
		return nil, joined(errs)
	}
	f.Rules = append([]Rules{own}, overrides...)
	source := "exclude in " + shortName(p)
	for _, pat := range exclude {
		f.Exclude = append(f.Exclude, input.Exclude{Pattern: glob.Clean(pat.Text), As: pat.Text, Dir: f.Dir, Source: source})
	}
	return f, nil
}

// joined returns nil for no error, the one error of errs as it is, and
// several joined (errors.Join): errors.As still finds the first *Error.
func joined(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}

// shortName is a file's path as messages give it: relative to the
// current directory when the path found is absolute and that is shorter
// to read.
func shortName(p string) string {
	if !filepath.IsAbs(p) {
		return p
	}
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil {
		return rel
	}
	return p
}

// The values of a rule severity and of failOn, as the flags and the
// project file's schema take them; the tests keep the schema's lists equal
// to these.
var (
	levels  = []string{"error", "warning", "info", "off"}
	failOns = []string{"error", "warning", "info", "none"}
)

// unknownType words a type that no structured type of the model has the
// name of, in version or, when that is "", in any version; "" when
// there is one, or when version is not one of the model's (which is
// a mistake of its own, told where the version is read).
func unknownType(name, version string) string {
	versions, where := model.Versions(), ""
	if version != "" {
		if model.Get(version) == nil {
			return ""
		}
		versions, where = []string{version}, " in Graph "+version
	}
	name = model.Unqualified(name)
	for _, v := range versions {
		if t := model.Get(v).Type(name); t != nil && t.Kind != model.Enum {
			return ""
		}
	}
	return suggest.Unknown("type", name, where, structuredNames(versions))
}

// structuredNames lists the names of the structured types of the given
// versions, each once, sorted: the types "type" may name.
func structuredNames(versions []string) []string {
	var names []string
	for _, v := range versions {
		for _, t := range model.Get(v).Structured() {
			if !slices.Contains(names, t.Name) {
				names = append(names, t.Name)
			}
		}
	}
	slices.Sort(names)
	return names
}

// ParseSeverity reads a rule severity (error, warning, info or off), for
// the project file and for --severity alike.
func ParseSeverity(s string) (finding.Severity, error) {
	sev, err := finding.ParseSeverity(s)
	if err != nil {
		return finding.Off, errors.New(suggest.Unknown("severity", s, "", levels))
	}
	return sev, nil
}

// SeverityNames lists the words ParseSeverity accepts, most serious
// first, for help texts and shell completion.
func SeverityNames() []string { return slices.Clone(levels) }

// FailOnNames lists the words ParseFailOn accepts, for help texts and
// shell completion.
func FailOnNames() []string { return slices.Clone(failOns) }

// ParseFailOn reads a failOn or --fail-on value: a severity from which the
// exit code is 1, or "none" for report only (finding.None, which no
// finding reaches).
func ParseFailOn(s string) (finding.Severity, error) {
	switch s {
	case "error":
		return finding.Error, nil
	case "warning":
		return finding.Warning, nil
	case "info":
		return finding.Info, nil
	case "none":
		return finding.None, nil
	}
	return finding.Off, errors.New(suggest.Unknown("value", s, "", failOns))
}

type reader struct{ path string }

func (r reader) fail(p jsonpos.Pos, msg string) error {
	return &Error{r.path, p.Line, p.Column, msg}
}

// origin is where the value v of key stands in the file.
func (r reader) origin(key string, v *jsonpos.Value) Origin {
	return Origin{Key: key, Path: r.path, Line: v.Pos.Line, Col: v.Pos.Column, As: v.Text}
}

// severities reads a "severity" object the schema accepted; a level
// that rules.CheckLevel refuses is an error at its value.
func (r reader) severities(v *jsonpos.Value) ([]RuleLevel, error) {
	var out []RuleLevel
	var errs []error
	for _, m := range v.Members {
		sev, _ := finding.ParseSeverity(m.Value.Text) // one of the schema's values
		if err := rules.CheckLevel(m.Name, sev); err != nil {
			errs = append(errs, r.fail(m.Value.Pos, err.Error()))
		}
		out = append(out, RuleLevel{m.Name, sev})
	}
	return out, joined(errs)
}

// disabled reads a "disable" array the schema accepted; a rule that
// cannot be switched off is an error at its item.
func (r reader) disabled(v *jsonpos.Value) ([]string, error) {
	var errs []error
	for _, it := range v.Items {
		if err := rules.CheckLevel(it.Text, finding.Off); err != nil {
			errs = append(errs, r.fail(it.Pos, err.Error()))
		}
	}
	return texts(v), joined(errs)
}

// texts reads an array of strings the schema accepted.
func texts(v *jsonpos.Value) []string {
	var out []string
	for _, it := range v.Items {
		out = append(out, it.Text)
	}
	return out
}

// overrides reads the overrides, each a rule layer for the inputs its
// patterns, relative to dir, match.
func (r reader) overrides(v *jsonpos.Value, dir string) ([]Rules, error) {
	var out []Rules
	var errs []error
	for _, it := range v.Items {
		o := Rules{Dir: dir}
		for _, m := range it.Members {
			var err error
			switch m.Name {
			case "files":
				o.Files, err = r.patterns(m.Value)
			case "severity":
				o.Severity, err = r.severities(m.Value)
			case "disable":
				o.Disable, err = r.disabled(m.Value)
			default:
				err = r.fail(m.NamePos, fmt.Sprintf("vppvalidate does not read %q in an override, which its schema allows (a bug)", m.Name))
			}
			if err != nil {
				errs = append(errs, err)
			}
		}
		out = append(out, o)
	}
	return out, joined(errs)
}

// patterns reads an array of path patterns, checking their syntax.
func (r reader) patterns(v *jsonpos.Value) ([]string, error) {
	var out []string
	var errs []error
	for _, it := range v.Items {
		if err := glob.Check(it.Text); err != nil {
			errs = append(errs, r.fail(it.Pos, err.Error()))
		}
		out = append(out, glob.Clean(it.Text))
	}
	return out, joined(errs)
}

// hosts reads graphHosts, checking that each is HOST or HOST:PORT.
func (r reader) hosts(v *jsonpos.Value) ([]string, error) {
	var out []string
	var errs []error
	for _, it := range v.Items {
		if _, err := recording.ParseHost(it.Text); err != nil {
			errs = append(errs, r.fail(it.Pos, fmt.Sprintf("graphHosts: %q: %v", it.Text, err)))
		}
		out = append(out, it.Text)
	}
	return out, joined(errs)
}
