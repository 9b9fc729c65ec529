// Package rules is the catalogue of every check vppvalidate can report:
// one sorted list of rule IDs, each with a one-line description and a
// default severity, plus the per-run table of effective severities.
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
)

// Rule describes one check.
type Rule struct {
	ID      string           // kebab-case, stable
	Doc     string           // one line, lower case, no final period
	Default finding.Severity // severity unless configured otherwise
}

// The rule IDs, named so that code refers to them without string typos.
const (
	Syntax          = "syntax"
	DuplicateKey    = "duplicate-key"
	Type            = "type"
	Int32Range      = "int32-range"
	Enum            = "enum"
	DateTime        = "date-time"
	ODataType       = "odata-type"
	UnknownProperty = "unknown-property"
	MissingProperty = "missing-property"
)

// catalogue lists every rule, sorted by ID (a test keeps it so).
var catalogue = []Rule{
	{DateTime, "a DateTimeOffset value is not an RFC 3339 date-time with seconds and a zone", finding.Error},
	{DuplicateKey, "a member name appears twice in one object", finding.Error},
	{Enum, "a value is not one of its enum's documented members (case-sensitive)", finding.Error},
	{Int32Range, "an Int32 value lies outside -2147483648..2147483647", finding.Error},
	{MissingProperty, "a documented property is absent", finding.Warning},
	{ODataType, "@odata.type names no known type, or not one that fits where it stands", finding.Error},
	{Syntax, "the file is not well-formed UTF-8 JSON", finding.Error},
	{Type, "a value has the wrong JSON type, or is null where null is not allowed", finding.Error},
	{UnknownProperty, "a property that the documented model does not have", finding.Warning},
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
	return fmt.Errorf("unknown rule %q (known rules: %s)", id, strings.Join(ids, ", "))
}

// Severities maps each rule to the severity it reports with in one run or
// for one file. The zero value uses every rule's default.
type Severities struct {
	set map[string]finding.Severity
}

// Set changes the severity of a rule; Off disables it. It fails for a rule
// that is not in the catalogue.
func (s *Severities) Set(id string, sev finding.Severity) error {
	if _, ok := Lookup(id); !ok {
		return UnknownError(id)
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
