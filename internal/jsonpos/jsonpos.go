// Package jsonpos reads JSON once, from a stream, and keeps for every value
// where it sits in the input.
//
// Go's encoding/json forgets positions, silently keeps the last of two
// members with the same name and rounds large numbers through float64. A
// validator cannot afford any of that: its findings must point at a line
// and column, duplicate members are mistakes to report, and
// 99999999999999999999 must stay exactly that. The Decoder here builds a
// small tree of Values, each with its line and column, keeps numbers as
// their literal text, records duplicate member names, and stops at the
// first syntax error with its position.
//
// The Decoder reads through a window: a caller may walk the outer levels of
// a huge document (a collection of a million resources) member by member
// and item by item, and materialise only one resource at a time, so memory
// does not grow with the input.
package jsonpos

import (
	"encoding/json"
	"net/url"
	"strings"
)

// Kind is the JSON type of a Value.
type Kind uint8

// The JSON types.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{Null: "null", Bool: "boolean", Number: "number", String: "string", Array: "array", Object: "object"}

// String returns the JSON Schema name of the kind ("object", "number", ...).
func (k Kind) String() string { return kindNames[k] }

// Pos is a place in the input.
type Pos struct {
	Offset int64 // bytes from the start of the input
	Line   int   // 1-based
	Column int   // 1-based, counted in characters (an invalid byte is one)
}

// Value is one JSON value and its place in the input.
type Value struct {
	Kind Kind
	Pos  Pos // of the value's first byte

	// Text is the decoded content of a String and the literal text of a
	// Number, exactly as written (so no precision is ever lost).
	Text    string
	Bool    bool
	Items   []*Value // Array elements
	Members []Member // Object members, in input order, duplicates included

	// index maps member names to their last position in Members, built on
	// first lookup in a large object so that lookups stay cheap even in an
	// object with a million members.
	index map[string]int
}

// Member is one name/value pair of an object.
type Member struct {
	Name    string
	NamePos Pos // of the opening quote of the name
	Value   *Value
}

// Get returns the value of the last member called name, as JSON parsers
// that keep one value per name do, or nil.
func (v *Value) Get(name string) *Value {
	if m := v.Member(name); m != nil {
		return m.Value
	}
	return nil
}

// Member returns the last member called name, or nil when v is not an
// object or has no such member.
func (v *Value) Member(name string) *Member {
	if v == nil || v.Kind != Object {
		return nil
	}
	if len(v.Members) > 32 {
		if v.index == nil {
			v.index = make(map[string]int, len(v.Members))
			for i, m := range v.Members {
				v.index[m.Name] = i
			}
		}
		if i, ok := v.index[name]; ok {
			return &v.Members[i]
		}
		return nil
	}
	for i := len(v.Members) - 1; i >= 0; i-- {
		if v.Members[i].Name == name {
			return &v.Members[i]
		}
	}
	return nil
}

// Duplicate is a member name seen a second (or later) time in one object.
type Duplicate struct {
	Name    string
	Pos     Pos    // of the repeated name
	First   Pos    // of the first occurrence's name
	Pointer string // RFC 6901 pointer to the repeated member
}

// Resolve follows a pointer, given as unescaped reference tokens, from v.
// It returns the value found and, when the last token named an object
// member, that member (so callers can point at the name instead of the
// value). ok is false when the path does not exist.
func Resolve(v *Value, tokens []string) (*Value, *Member, bool) {
	var m *Member
	for _, t := range tokens {
		switch {
		case v == nil:
			return nil, nil, false
		case v.Kind == Object:
			m = v.Member(t)
			if m == nil {
				return nil, nil, false
			}
			v = m.Value
		case v.Kind == Array:
			i, ok := arrayIndex(t)
			if !ok || i >= len(v.Items) {
				return nil, nil, false
			}
			v, m = v.Items[i], nil
		default:
			return nil, nil, false
		}
	}
	return v, m, v != nil
}

func arrayIndex(t string) (int, bool) {
	if t == "" || len(t) > 9 || (len(t) > 1 && t[0] == '0') {
		return 0, false
	}
	n := 0
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return 0, false
		}
		n = n*10 + int(t[i]-'0')
	}
	return n, true
}

var (
	escaper   = strings.NewReplacer("~", "~0", "/", "~1")
	unescaper = strings.NewReplacer("~1", "/", "~0", "~")
)

// EscapeToken escapes one reference token for use in a JSON pointer.
func EscapeToken(t string) string {
	// Two IndexByte calls, which are vectorised, beat ContainsAny, which
	// builds a set on every call: every finding's pointer comes here.
	if strings.IndexByte(t, '~') < 0 && strings.IndexByte(t, '/') < 0 {
		return t
	}
	return escaper.Replace(t)
}

// ValidPointer tells whether p is a JSON pointer as RFC 6901 section 3
// writes one: empty (the whole document), or a "/" before each reference
// token, in which "~" stands only in the escapes "~0" (for "~") and "~1"
// (for "/"). Any other character may appear in a token, "*" among them.
func ValidPointer(p string) bool {
	if p != "" && p[0] != '/' {
		return false
	}
	for i := strings.IndexByte(p, '~'); i >= 0; i = strings.IndexByte(p, '~') {
		if i+1 == len(p) || p[i+1] != '0' && p[i+1] != '1' {
			return false
		}
		p = p[i+2:]
	}
	return true
}

// SplitPointer splits an RFC 6901 pointer into unescaped tokens. The empty
// pointer (the whole document) gives no tokens.
func SplitPointer(p string) []string {
	if p == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, t := range parts {
		if strings.Contains(t, "~") {
			parts[i] = unescaper.Replace(t)
		}
	}
	return parts
}

// SplitURIPointer splits a JSON pointer written as a URI fragment, each
// reference token escaped as RFC 6901 section 4 says and then
// percent-encoded, into unescaped tokens. jsonschema/v5 writes its
// instance and keyword locations so. A token that is not valid
// percent-encoding is kept as written.
func SplitURIPointer(p string) []string {
	if p == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, t := range parts {
		if u, err := url.PathUnescape(t); err == nil {
			t = u
		}
		parts[i] = unescaper.Replace(t)
	}
	return parts
}

// ToAny converts a value into the plain Go form that JSON Schema validators
// take: map[string]any, []any, string, bool, nil and json.Number holding the
// literal text. For repeated member names the last one wins, as in
// encoding/json; the repetition itself is reported as a Duplicate.
func ToAny(v *Value) any {
	return ToAnyWith(v, func(text string) any { return json.Number(text) })
}

// ToAnyWith is ToAny with numbers converted by number.
func ToAnyWith(v *Value, number func(text string) any) any {
	switch v.Kind {
	case Null:
		return nil
	case Bool:
		return v.Bool
	case Number:
		return number(v.Text)
	case String:
		return v.Text
	case Array:
		a := make([]any, len(v.Items))
		for i, it := range v.Items {
			a[i] = ToAnyWith(it, number)
		}
		return a
	default:
		m := make(map[string]any, len(v.Members))
		for _, mem := range v.Members {
			m[mem.Name] = ToAnyWith(mem.Value, number)
		}
		return m
	}
}
