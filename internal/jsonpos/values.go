package jsonpos

import (
	"strconv"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// Reading whole values: the tree ReadValue builds, with positions,
// pointers, duplicate members and exact number text.

func (d *Decoder) newValue(k Kind, p Pos) *Value {
	if len(d.slab) == 0 {
		// A chunk of 8 first: a small file (or a document of JSON
		// Lines) reads only a few values whole, and a run over many
		// small files had spent a quarter of what it allocated on
		// chunks of 64 mostly unused.
		n := 64
		if d.slabs < 3 {
			n = 8 << d.slabs
		}
		d.slabs++
		d.slab = make([]Value, n)
	}
	v := &d.slab[0]
	d.slab = d.slab[1:]
	v.Kind, v.Pos = k, p
	return v
}

// Detach makes the values read from here on come from chunks apart from
// those of the values read so far. Values are carved from shared chunks,
// and a live value keeps its chunk alive: a value the caller keeps (a
// document's @odata.context, around a long collection) would otherwise
// keep alive the values read after it in the same chunk, and through
// their children, carved from the next chunk, every value read since, so
// that memory grows with the document. Call it before a long stream of
// values that are dropped as they come, after values that are kept.
func (d *Decoder) Detach() { d.slab = nil }

// ReadValue reads the next value whole.
func (d *Decoder) ReadValue() (*Value, error) {
	c, ok, err := d.Peek()
	if err != nil {
		return nil, err
	}
	if !ok {
		if len(d.levels) == 0 && d.Offset() == d.lineStart && d.line == 1 {
			return nil, d.fail(d.here(0), "the file is empty; expected a JSON value")
		}
		if len(d.levels) == 0 && len(d.path) == 0 {
			return nil, d.failEOF("the file holds only white space; expected a JSON value")
		}
		return nil, d.failEOF("unexpected end of input; expected a value")
	}
	p := d.here(0)
	switch {
	case c == '{':
		return d.object(p)
	case c == '[':
		return d.array(p)
	case c == '"':
		s, err := d.str()
		if err != nil {
			return nil, err
		}
		v := d.newValue(String, p)
		v.Text = s
		return v, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number(p)
	case c == 't':
		return d.literal("true", Bool, true, p)
	case c == 'f':
		return d.literal("false", Bool, false, p)
	case c == 'n':
		return d.literal("null", Null, false, p)
	case c == ']' || c == '}':
		return nil, d.fail(p, "unexpected %s; expected a value", d.describe(0))
	default:
		if len(d.path) == 0 && len(d.levels) == 0 && !d.oneLine {
			// Nothing read yet: more likely a file that is not JSON at all
			// (binary, HTML, a log) than a typo.
			return nil, d.fail(p, "the file does not begin with a JSON value: unexpected %s (is it a JSON file?)", d.describe(0))
		}
		return nil, d.fail(p, "unexpected %s; expected a value (object, array, string, number, true, false or null)", d.describe(0))
	}
}

func (d *Decoder) literal(word string, k Kind, b bool, p Pos) (*Value, error) {
	for i := 0; i < len(word); i++ {
		if c, ok := d.at(i); !ok || c != word[i] {
			if !ok {
				return nil, d.failEOF("unexpected end of input in literal; expected %q", word)
			}
			return nil, d.fail(d.here(i), "unexpected %s in literal; expected %q", d.describe(i), word)
		}
	}
	d.consume(len(word), false)
	v := d.newValue(k, p)
	v.Bool = b
	return v, nil
}

func (d *Decoder) enter(p Pos) error {
	if len(d.levels)+1 > d.maxDepth || len(d.path) >= d.maxDepth {
		return d.fail(p, "nesting deeper than %d levels; the document is not a Graph payload", d.maxDepth)
	}
	return nil
}

func (d *Decoder) array(p Pos) (*Value, error) {
	if err := d.enter(p); err != nil {
		return nil, err
	}
	d.consume(1, false) // [
	v := d.newValue(Array, p)
	c, ok, err := d.Peek()
	if err != nil {
		return nil, err
	}
	if ok && c == ']' {
		d.consume(1, false)
		return v, nil
	}
	d.path = append(d.path, step{index: 0})
	base := len(d.items)
	defer func() { d.items = d.items[:base] }()
	for {
		d.path[len(d.path)-1].index = len(d.items) - base
		item, err := d.ReadValue()
		if err != nil {
			return nil, err
		}
		d.items = append(d.items, item)
		c, ok, err := d.Peek()
		if err != nil {
			return nil, err
		}
		if !ok {
			d.path = d.path[:len(d.path)-1]
			return nil, d.failEOF("unexpected end of input in the array opened at %s; expected ',' or ']'", where(p))
		}
		switch c {
		case ',':
			comma := d.here(0)
			d.consume(1, false)
			if c, ok, _ := d.Peek(); ok && c == ']' {
				d.path = d.path[:len(d.path)-1]
				return nil, d.fail(comma, "trailing comma before ']'")
			}
		case ']':
			d.consume(1, false)
			d.path = d.path[:len(d.path)-1]
			v.Items = append([]*Value(nil), d.items[base:]...)
			return v, nil
		default:
			d.path = d.path[:len(d.path)-1]
			return nil, d.fail(d.here(0), "unexpected %s after array element; expected ',' or ']'", d.describe(0))
		}
	}
}

func (d *Decoder) object(p Pos) (*Value, error) {
	if err := d.enter(p); err != nil {
		return nil, err
	}
	d.consume(1, false) // {
	v := d.newValue(Object, p)
	c, ok, err := d.Peek()
	if err != nil {
		return nil, err
	}
	if ok && c == '}' {
		d.consume(1, false)
		return v, nil
	}
	var seen map[string]Pos // built lazily, for large objects only
	base := len(d.members)
	defer func() { d.members = d.members[:base] }()
	for {
		name, namePos, err := d.memberName(p)
		if err != nil {
			return nil, err
		}
		// Small objects are searched directly; a map pays off only for
		// large ones.
		first, dup := Pos{}, false
		if seen != nil {
			first, dup = seen[name]
		} else {
			mine := d.members[base:]
			for i := range mine {
				if mine[i].Name == name {
					first, dup = mine[i].NamePos, true
					break
				}
			}
			if len(mine) >= 16 {
				seen = make(map[string]Pos, 2*len(mine))
				for i := len(mine) - 1; i >= 0; i-- {
					seen[mine[i].Name] = mine[i].NamePos
				}
			}
		}
		if dup {
			d.duplicate(name, namePos, first)
		} else if seen != nil {
			seen[name] = namePos
		}
		d.path = append(d.path, step{name: name, index: -1})
		val, err := d.ReadValue()
		d.path = d.path[:len(d.path)-1]
		if err != nil {
			return nil, err
		}
		d.members = append(d.members, Member{Name: name, NamePos: namePos, Value: val})
		c, ok, err := d.Peek()
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, d.failEOF("unexpected end of input in the object opened at %s; expected ',' or '}'", where(p))
		}
		switch c {
		case ',':
			comma := d.here(0)
			d.consume(1, false)
			if c, ok, _ := d.Peek(); ok && c == '}' {
				return nil, d.fail(comma, "trailing comma before '}'")
			}
		case '}':
			d.consume(1, false)
			v.Members = append([]Member(nil), d.members[base:]...)
			return v, nil
		default:
			return nil, d.fail(d.here(0), "unexpected %s after object member %q; expected ',' or '}'", d.describe(0), finding.Clip(name))
		}
	}
}

func (d *Decoder) duplicate(name string, p, first Pos) {
	d.dups = append(d.dups, Duplicate{Name: name, Pos: p, First: first, Pointer: pointer(d.path) + "/" + EscapeToken(name)})
}

// memberName reads `"name" :` in the object opened at open.
func (d *Decoder) memberName(open Pos) (string, Pos, error) {
	c, ok, err := d.Peek()
	if err != nil {
		return "", Pos{}, err
	}
	if !ok {
		return "", Pos{}, d.failEOF("unexpected end of input in the object opened at %s; expected a member name", where(open))
	}
	if c != '"' {
		return "", Pos{}, d.fail(d.here(0), "unexpected %s; expected a member name in double quotes", d.describe(0))
	}
	namePos := d.here(0)
	name, err := d.str()
	if err != nil {
		return "", Pos{}, err
	}
	c, ok, err = d.Peek()
	if err != nil {
		return "", Pos{}, err
	}
	if !ok {
		return "", Pos{}, d.failEOF("unexpected end of input after member name %q; expected ':'", finding.Clip(name))
	}
	if c != ':' {
		return "", Pos{}, d.fail(d.here(0), "unexpected %s after member name %q; expected ':'", d.describe(0), finding.Clip(name))
	}
	d.consume(1, false)
	return name, namePos, nil
}

func pointer(path []step) string {
	if len(path) == 0 {
		return ""
	}
	var b strings.Builder
	for _, s := range path {
		b.WriteByte('/')
		if s.index >= 0 {
			b.WriteString(strconv.Itoa(s.index))
		} else {
			b.WriteString(EscapeToken(s.name))
		}
	}
	return b.String()
}

// number checks the RFC 8259 number grammar and keeps the literal.
func (d *Decoder) number(p Pos) (*Value, error) {
	// Find the end of the token first, then check it as one slice.
	n := 0
	for {
		c, ok := d.at(n)
		if !ok || !(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
			break
		}
		n++
	}
	s := d.buf[d.pos : d.pos+n]
	i := 0
	if s[i] == '-' {
		i++
	}
	digits := func() int {
		k := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			k++
		}
		return k
	}
	bad := func(i int, what string) (*Value, error) {
		if i >= len(s) && d.pos+i >= len(d.buf) && d.rerr != nil {
			return nil, d.readFailed()
		}
		return nil, d.fail(d.here(i), "unexpected %s in number; expected %s", d.describe(i), what)
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			return nil, d.fail(d.here(i-1), "number has a leading zero")
		}
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		digits()
	default:
		return bad(i, "a digit")
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return bad(i, "a digit after the decimal point")
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return bad(i, "a digit in the exponent")
		}
	}
	if i < len(s) {
		return bad(i, "a digit, '.', 'e' or the end of the number")
	}
	v := d.newValue(Number, p)
	v.Text = d.intern(s)
	d.consume(n, false)
	return v, nil
}
