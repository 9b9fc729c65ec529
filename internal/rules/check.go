package rules

import (
	"strconv"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
)

// Value is one member's value as a check sees it: its JSON kind, its
// text (a string's decoded content; a number, true, false or null as
// written) and where it starts. Pos is the zero Pos when the caller asks
// for a verdict only.
type Value struct {
	Kind jsonpos.Kind
	Text string
	Pos  jsonpos.Pos
}

// View is a read-only look at the members of one object resource. The
// value tree and the flat scan of the quick path both provide one, so
// that the proof that a resource is clean and the report of what is
// wrong with it run the very same checks.
type View interface {
	Len() int
	Name(i int) string
	Value(i int) Value
	// Index returns the index of the member called name, its last
	// occurrence when it is repeated, or -1.
	Index(name string) int
}

// ValueList is a View that holds its members' values already worked
// out, in order: Values()[i] is Value(i). Look reads such a view's
// values in place rather than one call at a time; they must not change
// while the Resource looks at them.
type ValueList interface {
	View
	Values() []Value
}

// Resource is what a check looks at: one object resource that has already
// been through the schema. A check stays silent about any property for
// which Invalid is true, so that one mistake gives one finding.
//
// Look fills in its members and Type; the checks read the members through
// Len, Name, Value, Index and Property, which cost a slice access each,
// not a call through View or a map lookup: every check reads every
// member, and a million resources each go through every check.
type Resource struct {
	Pointer string      // of the resource, from the document root
	Type    *model.Type // the resolved type, in the payload's API version
	// Invalid tells whether a property has a schema finding (whatever its
	// severity, even off) or is not documented by Type. Of a repeated
	// member, as of every other, a check reads the last occurrence: the
	// value the schema judges and that most JSON readers keep (the first
	// ones are duplicate-key's to report).
	Invalid func(prop string) bool
	// Verdict says that only whether a check reports anything is asked
	// (the quick path's proof that a resource is clean): the findings go
	// without pointer or message, and no message is worded.
	Verdict bool
	// Int64Strings is set when the document was sent with
	// IEEE754Compatible=true, under which an Edm.Int64 value, a count
	// among them, is written as a string (OData JSON Format 4.01,
	// section 3.2).
	Int64Strings bool

	// The members, in the view's order, with each one's property of
	// Type (nil for one Type does not document). The slices are kept
	// from one Look to the next, so that a Resource used for resource
	// after resource allocates nothing once it has seen the widest.
	names  []string
	values []Value // own, or a ValueList's
	own    []Value
	props  []*model.Property
	// none[i] is, where props[i] is nil, the name of member i: its
	// lookup found no property (see noProperty).
	none []string
}

// Look points r at the members that view shows, of a resource of type t
// (nil: no type, so no member has a property), reading each member once.
// Pointer, Invalid and Verdict stay as they are.
func (r *Resource) Look(view View, t *model.Type) {
	n := view.Len()
	// The resources of a collection mostly have the same members in the
	// same order: a member named as the same place's property of the
	// last resource of the same type is that property, and is not
	// looked up again (the lookups were a fifth of the lint checks'
	// time), nor is a member named as the same place's member without
	// one (an annotation, mostly). The names of the last resource may
	// look into bytes since reused; the properties' own names and the
	// copies noProperty keeps do not.
	prev := 0
	if r.Type == t {
		prev = len(r.props)
	}
	r.Type = t
	r.names, r.props = r.names[:0], r.props[:0]
	for i := 0; i < n; i++ {
		name := view.Name(i)
		r.names = append(r.names, name)
		var p *model.Property
		known := false
		if i < prev {
			if q := r.props[:prev][i]; q != nil {
				if q.Name == name {
					p, known = q, true
				}
			} else {
				known = r.none[i] == name
			}
		}
		if !known {
			if p = t.Property(name); p == nil {
				r.noProperty(i, name)
			}
		}
		r.props = append(r.props, p)
	}
	if list, ok := view.(ValueList); ok {
		// Copying every value, six words each, was a fifth of
		// the lint checks' time on the flat scan's views.
		r.values = list.Values()
		return
	}
	r.own = r.own[:0]
	for i := 0; i < n; i++ {
		r.own = append(r.own, view.Value(i))
	}
	r.values = r.own
}

// noProperty remembers that the member at position i, called name, has
// no property of the type being looked at, for the next Look of a
// resource of the same type: annotations, which no type documents, come
// at the same places resource after resource. The name is kept as a copy
// of its own, since a view's names may look into bytes that are reused.
func (r *Resource) noProperty(i int, name string) {
	for len(r.none) <= i {
		r.none = append(r.none, "")
	}
	if r.none[i] != name {
		r.none[i] = strings.Clone(name)
	}
}

// Len is the number of members, repeated names included.
func (r *Resource) Len() int { return len(r.names) }

// Name is member i's name, decoded.
func (r *Resource) Name(i int) string { return r.names[i] }

// Value is member i's value, the Resource's own, to read only.
func (r *Resource) Value(i int) *Value { return &r.values[i] }

// Property is the property of Type that member i is, or nil for a member
// Type does not document (an annotation among them).
func (r *Resource) Property(i int) *model.Property { return r.props[i] }

// Index returns the index of the member called name, its last occurrence
// when it is repeated, or -1.
func (r *Resource) Index(name string) int {
	for i := len(r.names) - 1; i >= 0; i-- {
		if r.names[i] == name {
			return i
		}
	}
	return -1
}

// Report records a finding for the rule with the given ID, at the value's
// position and JSON pointer, with a message that says what was expected.
type Report func(rule string, at jsonpos.Pos, pointer, msg string)

// valid returns the value of the member called prop when it is present
// and passed the schema, or nil. The value is the Resource's, to read
// only; pointers, not copies of six words each, were a tenth of the lint
// checks' time.
func (r *Resource) valid(prop string) *Value {
	i := r.Index(prop)
	if i < 0 || r.Invalid(prop) {
		return nil
	}
	return &r.values[i]
}

// say reports a finding for rule at the value of the property prop, at,
// with the message msg words; when only a verdict is asked, msg is not
// called, and the finding has neither pointer nor message.
func (r *Resource) say(report Report, rule string, at jsonpos.Pos, prop string, msg func() string) {
	if r.Verdict {
		report(rule, at, "", "")
		return
	}
	report(rule, at, r.ptr(prop), msg())
}

// ptr is the pointer of a property of the resource.
func (r *Resource) ptr(prop string) string { return r.Pointer + "/" + jsonpos.EscapeToken(prop) }

// count reads a valid integer property. The schema has accepted the
// number as an integer in the property's range, possibly written as 1e3,
// 10.0 or 4000e-3: it is read exactly (exactInt), never through a float.
func (r *Resource) count(prop string) (*Value, int64, bool) {
	v := r.valid(prop)
	if v == nil || v.Kind != jsonpos.Number {
		return nil, 0, false
	}
	n, ok := exactInt(v.Text)
	if !ok {
		return nil, 0, false
	}
	return v, n, true
}

// exactInt reads the text of a JSON number (RFC 8259, section 6) as an
// integer, from its digits and exponent as written (jsonpos.Digits,
// jsonpos.Integer): ok is false for one that is not an integer (a
// fraction is left) or lies outside int64. strconv.ParseFloat, which
// read the others, gave 0.4 for a 4 followed by 800 zeros and e-800, and
// rounds beyond 2^53.
func exactInt(text string) (n int64, ok bool) {
	if n, err := strconv.ParseInt(text, 10, 64); err == nil {
		return n, true
	}
	neg, digits, point, exact := jsonpos.Digits(text)
	switch {
	case digits == "":
		return 0, true // zero, whatever its exponent
	case !exact:
		return 0, false // an exponent beyond int64: far outside, or far below 1
	}
	text, integer := jsonpos.Integer(digits, point, 19)
	if !integer || text == "" {
		return 0, false
	}
	if neg {
		text = "-" + text
	}
	n, err := strconv.ParseInt(text, 10, 64)
	return n, err == nil
}

// text reads a valid string property, or gives nil.
func (r *Resource) text(prop string) *Value {
	if v := r.valid(prop); v != nil && v.Kind == jsonpos.String {
		return v
	}
	return nil
}

// typed tells whether member i of the resource has a property of the
// given CSDL type (a single value, not a collection), passed the schema
// and is the occurrence that counts.
func (r *Resource) typed(i int, edm string) bool {
	p := r.props[i]
	return p != nil && p.Type == edm && !p.Collection && !r.Invalid(r.names[i]) && r.last(i)
}

// last tells whether member i is the last occurrence of its name, the
// one the checks read; the earlier ones of a repeated name are not.
func (r *Resource) last(i int) bool { return r.Index(r.names[i]) == i }

// Checks returns the rules that have a check, sorted by ID.
func Checks() []Rule {
	var out []Rule
	for _, r := range catalogue {
		if r.Check != nil {
			out = append(out, r)
		}
	}
	return out
}
