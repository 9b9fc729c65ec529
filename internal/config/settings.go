package config

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/glob"
	"github.com/vppvalidate/vppvalidate/internal/input"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// Settings is what one source tells a run: the command line and the
// project file each fill one, in the same shape, and Merge lays the
// command line's over the file's once. A zero field is one the source
// leaves to the others (or to the default).
type Settings struct {
	// Type is the type every top-level resource is checked as (--type,
	// "type"), unqualified; "" to infer it.
	Type string
	// GraphVersion is the API version of payloads whose @odata.context
	// names none (--graph-version, "graphVersion", or the version part of
	// a VERSION/TYPE type); "" for the model's default.
	GraphVersion string
	// FailOn is the lowest severity that fails the run (--fail-on,
	// "failOn"); nil for the default, finding.Error. finding.None means
	// report only.
	FailOn *finding.Severity
	// Rules are layers of rule severities, applied in order so that
	// later ones win: the file's own, its overrides, then the command
	// line's.
	Rules []Rules
	// Exclude holds the patterns of paths never checked, each with the
	// directory it is relative to and where it was set.
	Exclude []input.Exclude
	// GraphHosts are hosts whose recorded responses are Graph's, besides
	// Graph's own.
	GraphHosts []string
	// TypeFrom and GraphVersionFrom say where Type and GraphVersion were
	// set, and how they were written there, for the messages about them;
	// the zero Origin where no source set them.
	TypeFrom, GraphVersionFrom Origin
}

// Origin is where a setting was given: a flag (or an option of the
// library), or a place in a project file; with the value as written.
type Origin struct {
	// Flag names the flag, "--type", or the library's option, "Type";
	// "" for a project file.
	Flag string
	// Key, Path, Line and Col place the value in a project file: the
	// key it is the value of, the file as found or given, and the
	// value's line and column.
	Key       string
	Path      string
	Line, Col int
	// As is the value as written: "beta/vppToken", not "vppToken".
	As string
}

// Errorf returns an error about the setting o is the origin of, worded by
// format and args after the setting and its value as written: an *Error
// located at the value in the project file, or a *FlagError naming the
// flag. The zero Origin gives a plain error.
func (o Origin) Errorf(format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	switch {
	case o.Flag != "":
		return &FlagError{Flag: o.Flag, As: o.As, Msg: msg}
	case o.Path != "":
		return &Error{Path: o.Path, Line: o.Line, Col: o.Col, Msg: fmt.Sprintf("%s %q: %s", o.Key, o.As, msg)}
	}
	return errors.New(msg)
}

// String names the origin for a message about another setting: "--graph-version
// v1.0", or `graphVersion "v1.0" (.vppvalidate.json:3:19)`.
func (o Origin) String() string {
	switch {
	case o.Flag != "":
		return o.Flag + " " + o.As
	case o.Path != "":
		return fmt.Sprintf("%s %q (%s:%d:%d)", o.Key, o.As, o.Path, o.Line, o.Col)
	}
	return strconv.Quote(o.As)
}

// FlagError is a value given by a flag (or an option of the library)
// that does not fit: for the command, a usage error.
type FlagError struct {
	Flag string // "--type"
	As   string // the value as given
	Msg  string // what is wrong with it
}

func (e *FlagError) Error() string { return fmt.Sprintf("%s %q: %s", e.Flag, e.As, e.Msg) }

// Rules is one layer of rule severities: --strict, then every severity
// in order, then every rule switched off.
type Rules struct {
	// Files limits the layer to the inputs matching one of these
	// slash-separated patterns, relative to Dir (an override in the
	// project file); nil means every input.
	Files []string
	Dir   string
	// Strict makes unknown-property an error (--strict, "strict": true).
	Strict   bool
	Severity []RuleLevel // later ones win
	Disable  []string    // rule IDs switched off
}

// RuleLevel is one rule's severity, as --severity RULE=LEVEL or a
// member of "severity" gives it.
type RuleLevel struct {
	Rule  string
	Level finding.Severity
}

// Merge returns s with over laid on it: over's Type, GraphVersion and
// FailOn win where set; its rule layers apply after s's; its exclude
// patterns and hosts are added to s's. A version over gives, with
// GraphVersion or as the VERSION/ of a type, wins over s's, however s
// gives it: the type of s then stands in over's version, which CheckType
// checks once the merge is done.
func (s Settings) Merge(over Settings) Settings {
	out := s
	if over.Type != "" {
		out.Type, out.TypeFrom = over.Type, over.TypeFrom
	}
	if over.GraphVersion != "" {
		out.GraphVersion, out.GraphVersionFrom = over.GraphVersion, over.GraphVersionFrom
	}
	if over.FailOn != nil {
		out.FailOn = over.FailOn
	}
	out.Rules = append(append([]Rules(nil), s.Rules...), over.Rules...)
	out.Exclude = append(append([]input.Exclude(nil), s.Exclude...), over.Exclude...)
	out.GraphHosts = append(append([]string(nil), s.GraphHosts...), over.GraphHosts...)
	return out
}

// FailLevel is FailOn, or finding.Error when no source set it.
func (s Settings) FailLevel() finding.Severity {
	if s.FailOn == nil {
		return finding.Error
	}
	return *s.FailOn
}

// Severities returns the rule table for one input (a path as given, or
// input.Stdin): the defaults, then every layer that applies to it, in
// order.
func (s Settings) Severities(name string) rules.Severities {
	var sev rules.Severities
	for _, r := range s.Rules {
		if r.matches(name) {
			r.apply(&sev)
		}
	}
	return sev
}

// apply changes sev by the layer. It is the only place where --strict
// and "strict" take effect.
func (r Rules) apply(sev *rules.Severities) {
	if r.Strict {
		_ = sev.Set(rules.UnknownProperty, finding.Error)
	}
	for _, rl := range r.Severity {
		_ = sev.Set(rl.Rule, rl.Level) // checked when the source was read
	}
	for _, id := range r.Disable {
		_ = sev.Set(id, finding.Off)
	}
}

// matches tells whether the layer applies to the input called name.
// Standard input matches only a layer without Files.
func (r Rules) matches(name string) bool {
	if r.Files == nil {
		return true
	}
	if name == input.Stdin {
		return false
	}
	rel := name
	if abs, err := filepath.Abs(name); err == nil {
		if p, err := filepath.Rel(r.Dir, abs); err == nil {
			rel = p
		}
	}
	rel = filepath.ToSlash(rel)
	for _, pat := range r.Files {
		if glob.Match(pat, rel) {
			return true
		}
	}
	return false
}

// SetType sets Type from a type name given at from, or from
// VERSION/TYPE as --print-schema list names types, which also sets
// GraphVersion. It fails, with from's error (Origin.Errorf), when the
// version part contradicts a GraphVersion already set by the same
// source, or is not a version the model has.
func (s *Settings) SetType(name string, from Origin) error {
	from.As = name
	v, typ, ok := strings.Cut(name, "/")
	if !ok {
		s.Type, s.TypeFrom = name, from
		return nil
	}
	if model.Get(v) == nil {
		return from.Errorf("unknown Graph version %q (want %s)", v, strings.Join(model.Versions(), " or "))
	}
	if s.GraphVersion != "" && s.GraphVersion != v {
		return from.Errorf("it names Graph %s, which %s contradicts; give one version", v, s.GraphVersionFrom)
	}
	s.Type, s.TypeFrom = typ, from
	if s.GraphVersion == "" {
		s.GraphVersion, s.GraphVersionFrom = v, from
	}
	return nil
}

// CheckType returns nil when Type is empty or names a structured type of
// the Graph version in use (of any version when GraphVersion is empty),
// and otherwise an error from where Type was given (Origin.Errorf) that
// names where the version came from when that is elsewhere. Call it on
// the merged settings: a type need only exist in the version that wins.
func (s Settings) CheckType() error {
	if s.Type == "" {
		return nil
	}
	msg := unknownType(s.Type, s.GraphVersion)
	if msg == "" {
		return nil
	}
	if s.GraphVersion != "" && s.GraphVersionFrom != s.TypeFrom {
		msg += fmt.Sprintf("; %s sets the Graph version", s.GraphVersionFrom)
	}
	return s.TypeFrom.Errorf("%s", msg)
}
