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
// A mistake in the file (bad JSON, an unknown key, an unknown rule or
// severity) is an error that names the file, line and column.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

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
// when there is none.
func Find(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, Name)
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
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

// Load reads and checks a project file.
func Load(p string) (*File, error) {
	src, err := os.ReadFile(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &Error{Path: p, Msg: "no such file"}
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
			return nil, &Error{p, se.Pos.Line, se.Pos.Column, "not valid JSON: " + se.Msg}
		}
		return nil, &Error{Path: p, Msg: err.Error()}
	}
	r := reader{path: p}
	f := &File{Path: p, Dir: filepath.Dir(abs)}
	own := Rules{}
	var overrides []Rules
	var exclude []string
	var typ string
	var typPos jsonpos.Pos
	if len(doc.Duplicates) > 0 {
		d := doc.Duplicates[0]
		return nil, &Error{p, d.Pos.Line, d.Pos.Column, fmt.Sprintf("%q is given twice", d.Name)}
	}
	root := doc.Root
	if root.Kind != jsonpos.Object {
		return nil, r.fail(root.Pos, "the file must hold one JSON object")
	}
	for _, m := range root.Members {
		switch m.Name {
		case "$schema":
			// Lets editors offer completion; not a setting.
		case "severity":
			own.Severity, err = r.severities(m.Value)
		case "disable":
			own.Disable, err = r.ruleList(m.Value)
		case "strict":
			if m.Value.Kind != jsonpos.Bool {
				err = r.fail(m.Value.Pos, "strict must be true or false")
			}
			own.Strict = m.Value.Bool
		case "failOn":
			if m.Value.Kind != jsonpos.String {
				err = r.fail(m.Value.Pos, `failOn must be "error", "warning", "info" or "none"`)
				break
			}
			level, perr := ParseFailOn(m.Value.Text)
			if perr != nil {
				err = r.fail(m.Value.Pos, "failOn: "+perr.Error())
			}
			f.FailOn = &level
		case "type":
			if m.Value.Kind != jsonpos.String || m.Value.Text == "" {
				err = r.fail(m.Value.Pos, "type must be a string naming a type")
				break
			}
			typ, typPos = m.Value.Text, m.Value.Pos
		case "graphVersion":
			if m.Value.Kind != jsonpos.String || model.Get(m.Value.Text) == nil {
				err = r.fail(m.Value.Pos, fmt.Sprintf("graphVersion must be one of %s", strings.Join(quoteAll(model.Versions()), ", ")))
			}
			f.GraphVersion = m.Value.Text
		case "overrides":
			overrides, err = r.overrides(m.Value, f.Dir)
		case "exclude":
			exclude, err = r.patterns(m.Value, `exclude must be an array of path patterns such as ["node_modules", "fixtures/drafts/**"]`)
		case "graphHosts":
			f.GraphHosts, err = r.hosts(m.Value)
		default:
			err = r.fail(m.NamePos, unknownWord("key", m.Name, topKeys))
		}
		if err != nil {
			return nil, err
		}
	}
	// The type may name its version (v1.0/iosVppApp); that must agree
	// with graphVersion, wherever either stands in the file.
	if typ != "" {
		if err := f.SetType(typ); err != nil {
			return nil, r.fail(typPos, err.Error())
		}
		if msg := unknownType(f.Type, f.GraphVersion); msg != "" {
			return nil, r.fail(typPos, msg)
		}
	}
	f.Rules = append([]Rules{own}, overrides...)
	source := "exclude in " + shortName(p)
	for _, pat := range exclude {
		f.Exclude = append(f.Exclude, input.Exclude{Pattern: pat, Dir: f.Dir, Source: source})
	}
	return f, nil
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

var (
	topKeys      = []string{"$schema", "severity", "disable", "strict", "failOn", "type", "graphVersion", "overrides", "exclude", "graphHosts"}
	overrideKeys = []string{"files", "severity", "disable"}
	levels       = []string{"error", "warning", "info", "off"}
	failOns      = []string{"error", "warning", "info", "none"}
)

// unknownType words a type that no structured type of the model has the
// name of, in version or, when that is "", in any version; "" when
// there is one.
func unknownType(name, version string) string {
	versions := model.Versions()
	if version != "" {
		versions = []string{version}
	}
	name = model.Unqualified(name)
	var known []string
	for _, v := range versions {
		m := model.Get(v)
		if t := m.Type(name); t != nil && t.Kind != model.Enum {
			return ""
		}
		for _, t := range m.Structured() {
			if !slices.Contains(known, t.Name) {
				known = append(known, t.Name)
			}
		}
	}
	return "type: " + unknownWord("type", name, known)
}

// unknownWord words a value that is not one of known, with a "did you
// mean" when one is close, the same hint the command line gives.
func unknownWord(what, got string, known []string) string {
	return unknownWordIn(what, got, "", known)
}

// unknownWordIn is unknownWord for a value met in a part of the file,
// such as " in an override".
func unknownWordIn(what, got, where string, known []string) string {
	msg := fmt.Sprintf("unknown %s %q%s", what, got, where)
	if guess := suggest.Closest(got, known); guess != "" {
		msg += fmt.Sprintf("; did you mean %q?", guess)
	}
	return msg + " (known: " + strings.Join(known, ", ") + ")"
}

// ParseSeverity reads a rule severity (error, warning, info or off), for
// the project file and for --severity alike.
func ParseSeverity(s string) (finding.Severity, error) {
	sev, err := finding.ParseSeverity(s)
	if err != nil {
		return finding.Off, errors.New(unknownWord("severity", s, levels))
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
	return finding.Off, errors.New(unknownWord("value", s, failOns))
}

type reader struct{ path string }

func (r reader) fail(p jsonpos.Pos, msg string) error {
	return &Error{r.path, p.Line, p.Column, msg}
}

func (r reader) rule(v *jsonpos.Value) error {
	if v.Kind != jsonpos.String {
		return r.fail(v.Pos, "a rule ID must be a string")
	}
	if _, ok := rules.Lookup(v.Text); !ok {
		return r.fail(v.Pos, rules.UnknownError(v.Text).Error())
	}
	return nil
}

func (r reader) severities(v *jsonpos.Value) ([]RuleLevel, error) {
	if v.Kind != jsonpos.Object {
		return nil, r.fail(v.Pos, `severity must be an object such as {"time-order": "error"}`)
	}
	var out []RuleLevel
	for _, m := range v.Members {
		if _, ok := rules.Lookup(m.Name); !ok {
			return nil, r.fail(m.NamePos, rules.UnknownError(m.Name).Error())
		}
		if m.Value.Kind != jsonpos.String {
			return nil, r.fail(m.Value.Pos, `a severity must be "error", "warning", "info" or "off"`)
		}
		sev, err := ParseSeverity(m.Value.Text)
		if err != nil {
			return nil, r.fail(m.Value.Pos, err.Error())
		}
		out = append(out, RuleLevel{m.Name, sev})
	}
	return out, nil
}

func (r reader) ruleList(v *jsonpos.Value) ([]string, error) {
	if v.Kind != jsonpos.Array {
		return nil, r.fail(v.Pos, `disable must be an array of rule IDs such as ["unset-timestamp"]`)
	}
	var out []string
	for _, it := range v.Items {
		if err := r.rule(it); err != nil {
			return nil, err
		}
		out = append(out, it.Text)
	}
	return out, nil
}

// overrides reads the overrides, each a rule layer for the inputs its
// patterns, relative to dir, match.
func (r reader) overrides(v *jsonpos.Value, dir string) ([]Rules, error) {
	if v.Kind != jsonpos.Array {
		return nil, r.fail(v.Pos, "overrides must be an array of objects")
	}
	var out []Rules
	for _, it := range v.Items {
		if it.Kind != jsonpos.Object {
			return nil, r.fail(it.Pos, `an override must be an object such as {"files": ["legacy/**"], "severity": {...}}`)
		}
		o := Rules{Dir: dir}
		var err error
		for _, m := range it.Members {
			switch m.Name {
			case "files":
				o.Files, err = r.patterns(m.Value, `files must be an array of path patterns such as ["fixtures/legacy/**"]`)
			case "severity":
				o.Severity, err = r.severities(m.Value)
			case "disable":
				o.Disable, err = r.ruleList(m.Value)
			default:
				err = r.fail(m.NamePos, unknownWordIn("key", m.Name, " in an override", overrideKeys))
			}
			if err != nil {
				return nil, err
			}
		}
		if len(o.Files) == 0 {
			return nil, r.fail(it.Pos, `an override needs "files", a non-empty array of path patterns`)
		}
		out = append(out, o)
	}
	return out, nil
}

// patterns reads an array of path patterns; notArray is the message for
// a value that is not one.
func (r reader) patterns(v *jsonpos.Value, notArray string) ([]string, error) {
	if v.Kind != jsonpos.Array {
		return nil, r.fail(v.Pos, notArray)
	}
	var out []string
	for _, it := range v.Items {
		if it.Kind != jsonpos.String || it.Text == "" {
			return nil, r.fail(it.Pos, "a path pattern must be a non-empty string")
		}
		if err := glob.Check(it.Text); err != nil {
			return nil, r.fail(it.Pos, err.Error())
		}
		out = append(out, glob.Clean(it.Text))
	}
	return out, nil
}

func quoteAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// hosts reads graphHosts: an array of HOST or HOST:PORT strings.
func (r reader) hosts(v *jsonpos.Value) ([]string, error) {
	const want = `graphHosts must be an array of host names such as ["graph-proxy.test.local", "127.0.0.1:8731"]`
	if v.Kind != jsonpos.Array {
		return nil, r.fail(v.Pos, want)
	}
	var out []string
	for _, it := range v.Items {
		if it.Kind != jsonpos.String {
			return nil, r.fail(it.Pos, want)
		}
		if _, err := recording.ParseHost(it.Text); err != nil {
			return nil, r.fail(it.Pos, fmt.Sprintf("graphHosts: %q: %v", it.Text, err))
		}
		out = append(out, it.Text)
	}
	return out, nil
}
