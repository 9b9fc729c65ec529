package config

import (
	"fmt"
	"path/filepath"
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
}

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
// patterns and hosts are added to s's.
func (s Settings) Merge(over Settings) Settings {
	out := s
	if over.Type != "" {
		out.Type = over.Type
	}
	if over.GraphVersion != "" {
		out.GraphVersion = over.GraphVersion
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

// SetType sets Type from a type name, or from VERSION/TYPE as
// --print-schema list names types, which also sets GraphVersion. It
// fails when the version part contradicts a GraphVersion already set, or
// when a version is not one the model has.
func (s *Settings) SetType(name string) error {
	v, typ, ok := strings.Cut(name, "/")
	if !ok {
		s.Type = name
		return nil
	}
	if s.GraphVersion != "" && s.GraphVersion != v {
		return fmt.Errorf("type %s names Graph %s, but the Graph version is %s", name, v, s.GraphVersion)
	}
	if model.Get(v) == nil {
		return fmt.Errorf("type %s: unknown Graph version %q (want %s)", name, v, strings.Join(model.Versions(), " or "))
	}
	s.GraphVersion, s.Type = v, typ
	return nil
}
