// Package lint holds the checks that a schema cannot express: relations
// between properties (failed licenses against total licenses, start
// against last update) and values that are valid but suspicious.
//
// Each check is a declarative value, one file per rule. A check reads one
// resource that has already been through the schema, and stays silent
// about any property the schema found wrong, so one mistake gives one
// finding.
package lint

import (
	"strconv"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// Resource is what a check looks at.
type Resource struct {
	Value   *jsonpos.Value // an object
	Pointer string         // of Value, from the document root
	Type    *model.Type    // the resolved type, in the payload's API version
	// Invalid tells whether a property of Value has a schema finding
	// (whatever its severity, even off).
	Invalid func(prop string) bool
}

// Report records a finding for rule at a position and pointer.
type Report func(rule string, at jsonpos.Pos, pointer, msg string)

// Check is one lint rule's code. Its metadata (description, severity,
// explanation) lives in the rules catalogue under the same ID.
type Check struct {
	Rule string
	Run  func(r *Resource, report Report)
}

// Checks returns every check, sorted by rule ID.
func Checks() []Check {
	return []Check{
		{rules.DotnetDateTime, dotnetDateTime},
		{rules.FailedExceedsTotal, failedExceedsTotal},
		{rules.FailureReasonState, failureReasonState},
		{rules.Int32Notation, int32Notation},
		{rules.NegativeCount, negativeCount},
		{rules.TimeOrder, timeOrder},
		{rules.UnsetTimestamp, unsetTimestamp},
	}
}

// valid returns the member called prop when it is present and passed the
// schema.
func (r *Resource) valid(prop string) *jsonpos.Member {
	m := r.Value.Member(prop)
	if m == nil || r.Invalid(prop) {
		return nil
	}
	return m
}

// ptr is the pointer of a property of the resource.
func (r *Resource) ptr(prop string) string { return r.Pointer + "/" + jsonpos.EscapeToken(prop) }

// count reads a valid Int32 property. Int32 values are exact in a float64,
// and the schema has accepted the number, so it is an integer in range
// (possibly written as 1e3 or 10.0).
func (r *Resource) count(prop string) (*jsonpos.Member, int64, bool) {
	m := r.valid(prop)
	if m == nil || m.Value.Kind != jsonpos.Number {
		return nil, 0, false
	}
	f, err := strconv.ParseFloat(m.Value.Text, 64)
	if err != nil {
		return nil, 0, false
	}
	return m, int64(f), true
}

// text reads a valid string property.
func (r *Resource) text(prop string) (*jsonpos.Member, string, bool) {
	m := r.valid(prop)
	if m == nil || m.Value.Kind != jsonpos.String {
		return nil, "", false
	}
	return m, m.Value.Text, true
}

// typed iterates the members of the resource whose property has the
// given CSDL type and passed the schema.
func (r *Resource) typed(edm string) func(yield func(*jsonpos.Member, *model.Property) bool) {
	return func(yield func(*jsonpos.Member, *model.Property) bool) {
		for i := range r.Value.Members {
			m := &r.Value.Members[i]
			p := r.Type.Property(m.Name)
			if p == nil || p.Type != edm || p.Collection || r.Invalid(m.Name) {
				continue
			}
			if !yield(m, p) {
				return
			}
		}
	}
}
