// Package rules is the catalogue of every check vppvalidate can report,
// one file per rule, like the analyzers of golang.org/x/tools/go/analysis:
// each file declares its rule's ID, one-line description, default
// severity, explanation with a bad and a good example and, for the rules
// that relate properties the schema cannot (the lint rules), the check
// itself. The package also holds the per-run table of effective
// severities, and the read-only view of a resource that checks read.
//
// Rule IDs are an interface: users write them in CI settings and flags, so
// an ID never changes once published.
package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/suggest"
)

// Rule describes one check.
type Rule struct {
	ID      string           // kebab-case, stable
	Doc     string           // one line, lower case, no final period
	Default finding.Severity // severity unless configured otherwise
	// Explain is the longer explanation printed by --explain and used as
	// help by report formats: what the rule reports and why, then a bad
	// and a good example. Plain text with indented example blocks, and
	// {{name}} where a fact of the model goes: Explanation fills those in.
	Explain string
	// Check is the rule's code, for rules that judge a resource the
	// schema has accepted; nil for rules that come from the schema, the
	// reader or the payload's shape.
	Check func(r *Resource, report Report)
	// AlwaysOn is why the rule cannot be switched off (its severity may
	// still be lowered), "" for a rule that can: one whose finding is
	// the only sign that an input went unchecked.
	AlwaysOn string
	// OwnSeverity is why the rule's severity cannot be set (it may still
	// be switched off), "" for a rule whose severity can: one whose
	// finding takes the severity of the findings it stands for.
	OwnSeverity string
}

// catalogue lists every rule, sorted by ID once every rule's file has
// registered it (see init).
var catalogue []Rule

// Explanation returns the rule's explanation with the model's facts
// filled in (see facts). They are worked out on first use, not when the
// program starts: most runs print no explanation.
func (r Rule) Explanation() string { return fill(r.Explain) }

// register adds a rule to the catalogue. Each rule's file calls it once,
// at package initialisation, with the rule's whole definition: adding a
// rule is adding a file. It returns the rule.
func register(r Rule) Rule {
	r.Explain = strings.TrimSpace(r.Explain)
	catalogue = append(catalogue, r)
	return r
}

// init sorts the catalogue: package variables, and so every register
// call, are initialised before init runs. Two rules with one ID are a
// programming error that no run may survive.
func init() {
	slices.SortFunc(catalogue, func(a, b Rule) int { return strings.Compare(a.ID, b.ID) })
	for i := 1; i < len(catalogue); i++ {
		if catalogue[i-1].ID == catalogue[i].ID {
			panic("rules: rule " + catalogue[i].ID + " is registered twice")
		}
	}
}

// All returns the catalogue, sorted by ID.
func All() []Rule { return slices.Clone(catalogue) }

// Lookup finds a rule by ID.
func Lookup(id string) (Rule, bool) {
	i := sort.Search(len(catalogue), func(i int) bool { return catalogue[i].ID >= id })
	if i < len(catalogue) && catalogue[i].ID == id {
		return catalogue[i], true
	}
	return Rule{}, false
}

// UnknownError is the error for a rule ID that is not in the catalogue.
func UnknownError(id string) error {
	ids := make([]string, len(catalogue))
	for i, r := range catalogue {
		ids[i] = r.ID
	}
	if guess := suggest.Closest(id, ids); guess != "" {
		return fmt.Errorf("unknown rule %q; did you mean %q? (see vppvalidate --list-rules)", id, guess)
	}
	return fmt.Errorf("unknown rule %q (known rules: %s)", id, strings.Join(ids, ", "))
}

// CheckLevel tells whether a run may give the rule with the given ID the
// severity sev: an error for an ID that is not in the catalogue
// (UnknownError), for switching off (finding.Off) a rule that is
// AlwaysOn, and for any other severity of a rule that has its
// OwnSeverity. The flags, the project file and the Go API all ask it.
func CheckLevel(id string, sev finding.Severity) error {
	r, ok := Lookup(id)
	switch {
	case !ok:
		return UnknownError(id)
	case sev == finding.Off && r.AlwaysOn != "":
		return fmt.Errorf("rule %s cannot be switched off: %s", id, r.AlwaysOn)
	case sev != finding.Off && r.OwnSeverity != "":
		return fmt.Errorf("rule %s can be switched off, but its severity cannot be set: %s", id, r.OwnSeverity)
	}
	return nil
}

// Severities maps each rule to the severity it reports with in one run or
// for one file. The zero value uses every rule's default.
type Severities struct {
	set map[string]finding.Severity
}

// Set changes the severity of a rule; Off disables it. It fails, and
// changes nothing, where CheckLevel does.
func (s *Severities) Set(id string, sev finding.Severity) error {
	if err := CheckLevel(id, sev); err != nil {
		return err
	}
	if s.set == nil {
		s.set = make(map[string]finding.Severity)
	}
	s.set[id] = sev
	return nil
}

// Of returns the severity a rule reports with.
func (s Severities) Of(id string) finding.Severity {
	if sev, ok := s.set[id]; ok {
		return sev
	}
	r, _ := Lookup(id)
	return r.Default
}

// Clone returns an independent copy, so that per-file settings can start
// from the run's.
func (s Severities) Clone() Severities {
	if s.set == nil {
		return Severities{}
	}
	c := make(map[string]finding.Severity, len(s.set))
	for k, v := range s.set {
		c[k] = v
	}
	return Severities{set: c}
}
