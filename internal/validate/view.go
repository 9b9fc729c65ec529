package validate

import (
	"unsafe"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// treeView is the rules.View of an object read into a value tree.
type treeView struct{ v *jsonpos.Value }

func (t treeView) Len() int          { return len(t.v.Members) }
func (t treeView) Name(i int) string { return t.v.Members[i].Name }

func (t treeView) Value(i int) rules.Value { return scalarOf(t.v.Members[i].Value) }

// scalarOf is a value read into a tree as a rules.View shows it: its
// kind, position and text (a string decoded, a number as written, true
// or false), and no text for an array or an object.
func scalarOf(v *jsonpos.Value) rules.Value {
	text := v.Text
	if v.Kind == jsonpos.Bool {
		text = "false"
		if v.Bool {
			text = "true"
		}
	}
	return rules.Value{Kind: v.Kind, Text: text, Pos: v.Pos}
}

func (t treeView) Index(name string) int {
	for i := len(t.v.Members) - 1; i >= 0; i-- {
		if t.v.Members[i].Name == name {
			return i
		}
	}
	return -1
}

// rawView is the rules.View of a resource that jsonpos.ScanFlat read in
// place. Its strings look straight into the scanned bytes, which nothing
// changes while a check runs, so that proving a resource clean allocates
// nothing; a string with an escape is decoded, as the decoder would.
type rawView []jsonpos.FlatMember

func (r rawView) Len() int          { return len(r) }
func (r rawView) Name(i int) string { return bytesString(r[i].Name) }

func (r rawView) Value(i int) rules.Value {
	m := &r[i]
	switch {
	case m.Kind == jsonpos.String && m.Esc >= 0:
		return rules.Value{Kind: m.Kind, Text: jsonpos.Unescape(m.Text)}
	case m.Kind == jsonpos.Array || m.Kind == jsonpos.Object:
		return rules.Value{Kind: m.Kind} // no text, as scalarOf gives none
	}
	return rules.Value{Kind: m.Kind, Text: bytesString(m.Text)}
}

func (r rawView) Index(name string) int {
	for i := len(r) - 1; i >= 0; i-- { // the last of a repeated name
		if string(r[i].Name) == name {
			return i
		}
	}
	return -1
}

// repeats tells whether a name comes twice.
func (r rawView) repeats() bool {
	for i := range r {
		if r[i].First >= 0 {
			return true
		}
	}
	return false
}

// bytesString looks at b as a string without copying it; b must not
// change while the string is in use.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// flatView is the rules.View of a resource that jsonpos.ScanFlat read,
// for reporting findings without a value tree. text is the resource's
// text as read, starting at start; the members' slices look into it, and
// text's capacity runs to the end of the same array as theirs, so that a
// member's offset in text is the difference of the capacities.
//
// The values it gives carry only their offset (Pos.Line is 0): working
// out lines and columns costs a pass over the text, which only a value
// that ends up in a finding needs (see place, and check.emit).
type flatView struct {
	valueView
	text  []byte
	start jsonpos.Pos
	// obj is where the object the view shows starts: start for a
	// resource, an offset for a value nested in one (fillNested).
	obj jsonpos.Pos
	// placed is the last position place worked out (Line 0: none yet),
	// from which the next one further on is worked out: a resource's
	// findings come mostly in reading order.
	placed jsonpos.Pos
}

// fill sets up a view of the members of from, which ScanFlat read from
// text, which starts at start.
func (f *flatView) fill(from *valueView, text []byte, start jsonpos.Pos) {
	f.members, f.text, f.start, f.obj, f.placed = from.members, text, start, start, jsonpos.Pos{}
	copy(f.values[:len(from.members)], from.values[:len(from.members)])
	for i := range f.members {
		off := f.offset(f.members[i].Text)
		if f.values[i].Kind == jsonpos.String {
			off-- // a string starts at its quote
		}
		f.values[i].Pos = jsonpos.Pos{Offset: start.Offset + int64(off)}
	}
}

// fillNested sets up a view of the members of from, which ScanFlat read
// from text, an object nested in the resource that outer shows: its
// positions are worked out from the resource's start, as outer's are.
func (f *flatView) fillNested(from *valueView, outer *flatView, text []byte) {
	f.fill(from, outer.text, outer.start)
	f.obj, f.placed = jsonpos.Pos{Offset: outer.start.Offset + int64(outer.offset(text))}, outer.placed
}

// valueView is the rules.View of a resource that jsonpos.ScanFlat read in
// place, with its members' values worked out once (fill), without their
// positions: the fast check and the lint checks ask for each value many
// times.
type valueView struct {
	members rawView
	values  [quickMembers]rules.Value
}

func (f *valueView) fill(members rawView) {
	f.members = members
	for i := range members {
		f.values[i] = members.Value(i)
	}
}

func (f *valueView) Len() int              { return len(f.members) }
func (f *valueView) Name(i int) string     { return f.members.Name(i) }
func (f *valueView) Index(name string) int { return f.members.Index(name) }
func (f *valueView) Value(i int) rules.Value {
	return f.values[i]
}
func (f *valueView) Values() []rules.Value { return f.values[:len(f.members)] }

func (f *flatView) offset(part []byte) int { return cap(f.text) - cap(part) }

// namePos is where member i's name starts, at its quote, as an offset
// for place to work out.
func (f *flatView) namePos(i int) jsonpos.Pos {
	return jsonpos.Pos{Offset: f.start.Offset + int64(f.offset(f.members[i].Name)-1)}
}

// place completes a position inside the resource that has only its
// offset, and leaves any other as it is.
func (f *flatView) place(at jsonpos.Pos) jsonpos.Pos {
	off := at.Offset - f.start.Offset
	if at.Line != 0 || off < 0 || off > int64(len(f.text)) {
		return at
	}
	// Offsets are where tokens start, never inside a character, so the
	// text can be counted in two parts.
	from := f.start
	if f.placed.Line != 0 && f.placed.Offset <= at.Offset {
		from = f.placed
	}
	f.placed = from.Advance(f.text[from.Offset-f.start.Offset : off])
	return f.placed
}
