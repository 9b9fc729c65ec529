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

func (t treeView) Value(i int) rules.Value {
	v := t.v.Members[i].Value
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
	if m.Kind == jsonpos.String && m.Esc >= 0 {
		return rules.Value{Kind: m.Kind, Text: jsonpos.Unescape(m.Text)}
	}
	return rules.Value{Kind: m.Kind, Text: bytesString(m.Text)}
}

func (r rawView) Index(name string) int {
	for i := range r {
		if string(r[i].Name) == name { // jsonpos.ScanFlat allows no name twice
			return i
		}
	}
	return -1
}

// bytesString looks at b as a string without copying it; b must not
// change while the string is in use.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
