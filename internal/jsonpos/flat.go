package jsonpos

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
)

// FlatMember is one member of an object that ScanFlat read in place.
type FlatMember struct {
	Name []byte // as written; ScanFlat accepts names without escapes only
	Kind Kind
	// Text is a string's content as written, or the literal text of a
	// number, true, false or null, or of an array or an object.
	Text []byte
	// Esc is where in a string's Text its first escape sequence starts,
	// -1 when there is none: Text[:Esc] is the start of the decoded
	// string, and past it the two differ.
	Esc int
	// First is the index of the first member with the same name when
	// the name came before in the object, -1 when it did not (the
	// Decoder reports a Duplicate for each such member).
	First int
}

// Unescape decodes the content of a string member that ScanFlat
// accepted (every escape in it is one the Decoder reads).
func Unescape(text []byte) string {
	out := make([]byte, 0, len(text))
	for i := 0; i < len(text); {
		if text[i] != '\\' {
			out = append(out, text[i])
			i++
			continue
		}
		r, n, _ := escape(text[i:])
		if n == 0 {
			break // cannot happen after ScanFlat; stop rather than loop
		}
		out = utf8.AppendRune(out, r)
		i += n
	}
	return string(out)
}

// FlatNesting is how deep ScanFlat follows arrays and objects inside the
// object it reads: a member's value may hold values nested this many
// levels (1: an array of scalars, or an object of scalars). At 2, every
// resource with an unknown member holding {"a": {"b": {...}}} went to the
// Decoder and ran at a third of the clean speed. A resource sits at most
// 8 deep in a document, so what ScanFlat takes stays far inside the
// Decoder's DefaultMaxDepth; each level costs ScanFlat's recursion a few
// hundred bytes of stack.
const FlatNesting = 32

// flatNames bounds the members of an object nested in what ScanFlat
// reads, whose names it compares for repeats in place. At 16, an unknown
// member holding an object of 20 members sent every resource to the
// Decoder (0.27 of the clean speed).
const flatNames = 64

// ones and highs are a byte's lowest and highest bit in each byte of a
// uint64, for testing eight bytes at a time.
const ones, highs = 0x0101010101010101, 0x8080808080808080

// skipPlain returns the index of the first byte at or after i that is
// not plain (see plain), or len(b): eight bytes at a time, then byte by
// byte for the last few.
func skipPlain(b []byte, i int) int {
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		q, bs := w^(ones*'"'), w^(ones*'\\')
		// A byte of the result has its high bit set where w's byte is
		// 0x80 or above, below 0x20, a quote or a backslash. A byte
		// after such a byte may have it set too (a borrow carries
		// upwards), but none before the first: the lowest bit set is
		// that of the first byte that is not plain.
		if m := (w | (w - ones*0x20) | (q-ones)&^q | (bs-ones)&^bs) & highs; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for i < len(b) && plain[b[i]] {
		i++
	}
	return i
}

// nameBit is a bit of a 64-bit filter for a name: two names with
// different bits differ, so ScanFlat compares a name with those before
// it only when its bit is already set.
func nameBit(name []byte) uint64 {
	h := uint(len(name))
	if len(name) > 0 {
		h = h*31 + uint(name[0])*7 + uint(name[len(name)-1]) + uint(name[len(name)/2])*3
	}
	return 1 << (h & 63)
}

// ScanFlat reads the object at the start of b strictly, appending its
// members to members. It accepts only objects whose names hold no escape,
// whose strings hold no control character and only escapes Escape reads,
// with at most cap(members) members, and whose values are strings,
// numbers, true, false, null, or arrays and objects of those nested at
// most FlatNesting deep, with at most flatNames members each and no name
// twice; ok is false for anything else, including an object that does not
// end within b. A name of the object itself may come twice (see
// FlatMember.First). n is the object's length in bytes; ascii tells that
// all of them are ASCII.
func ScanFlat(b []byte, members []FlatMember) (n int, _ []FlatMember, ascii, ok bool) {
	ascii = true
	i := 0
	space := func() {
		for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
			i++
		}
	}
	// str reads a string whose opening quote is at i and returns its
	// content as written, and where its first escape sequence is (-1 for
	// none). Escapes are checked as Decoder checks them, so that a
	// string accepted here is one it accepts.
	str := func() ([]byte, int, bool) {
		start, esc := i+1, -1
		utf := false
		for i++; i < len(b); {
			i = skipPlain(b, i)
			if i == len(b) {
				break
			}
			switch c := b[i]; {
			case c == '"':
				s := b[start:i]
				i++
				if utf {
					ascii = false
					return s, esc, utf8.Valid(s)
				}
				return s, esc, true
			case c == '\\':
				if esc < 0 {
					esc = i - start
				}
				_, n, _ := escape(b[i:])
				if n == 0 {
					return nil, 0, false
				}
				i += n
			case c < utf8.RuneSelf: // a control character
				return nil, 0, false
			default:
				utf = true
				i++
			}
		}
		return nil, 0, false
	}
	// number reads the number at i, RFC 8259's grammar as the Decoder
	// reads it: an optional minus, an integer part without a leading zero
	// before a digit, a fraction and an exponent each with at least one
	// digit. A leading zero followed by a digit, or anything else, fails
	// at the check after the value.
	number := func() bool {
		if b[i] == '-' {
			i++
		}
		switch {
		case i < len(b) && b[i] == '0':
			i++
		case i < len(b) && b[i] >= '1' && b[i] <= '9':
			for i < len(b) && b[i] >= '0' && b[i] <= '9' {
				i++
			}
		default:
			return false
		}
		digits := func() int {
			k := i
			for i < len(b) && b[i] >= '0' && b[i] <= '9' {
				i++
			}
			return i - k
		}
		if i < len(b) && b[i] == '.' {
			i++
			if digits() == 0 {
				return false
			}
		}
		if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
			i++
			if i < len(b) && (b[i] == '+' || b[i] == '-') {
				i++
			}
			if digits() == 0 {
				return false
			}
		}
		return true
	}
	// value reads the value at i, depth levels below the object's
	// members, and returns its kind, or false.
	var value func(depth int) (Kind, bool)
	// nested reads the array or object at i.
	nested := func(depth int) bool {
		if depth > FlatNesting {
			return false
		}
		obj, end := b[i] == '{', byte(']')
		if obj {
			end = '}'
		}
		i++
		space()
		if i < len(b) && b[i] == end {
			i++
			return true
		}
		var names [flatNames][]byte
		var seen uint64 // the nameBit of every name so far
		for k := 0; ; k++ {
			if obj {
				if k == len(names) || i >= len(b) || b[i] != '"' {
					return false
				}
				name, esc, ok := str()
				if !ok || esc >= 0 {
					return false
				}
				if bit := nameBit(name); seen&bit == 0 {
					seen |= bit
				} else {
					for _, before := range names[:k] {
						if bytes.Equal(before, name) {
							return false // a repeat, which the Decoder reports
						}
					}
				}
				names[k] = name
				space()
				if i >= len(b) || b[i] != ':' {
					return false
				}
				i++
				space()
			}
			if _, ok := value(depth); !ok {
				return false
			}
			space()
			switch {
			case i < len(b) && b[i] == ',':
				i++
				space()
			case i < len(b) && b[i] == end:
				i++
				return true
			default:
				return false
			}
		}
	}
	value = func(depth int) (Kind, bool) {
		if i >= len(b) {
			return 0, false
		}
		switch c := b[i]; {
		case c == '"':
			_, _, ok := str()
			return String, ok
		case c == '-' || (c >= '0' && c <= '9'):
			return Number, number()
		case c == 't' && bytes.HasPrefix(b[i:], []byte("true")):
			i += 4
			return Bool, true
		case c == 'f' && bytes.HasPrefix(b[i:], []byte("false")):
			i += 5
			return Bool, true
		case c == 'n' && bytes.HasPrefix(b[i:], []byte("null")):
			i += 4
			return Null, true
		case c == '[':
			return Array, nested(depth + 1)
		case c == '{':
			return Object, nested(depth + 1)
		}
		return 0, false
	}
	fail := func() (int, []FlatMember, bool, bool) { return 0, members, false, false }
	if len(b) == 0 || b[0] != '{' {
		return fail()
	}
	i++
	space()
	if i < len(b) && b[i] == '}' {
		return i + 1, members, true, true
	}
	var seen uint64 // the nameBit of every name so far
	for {
		if i >= len(b) || b[i] != '"' || len(members) == cap(members) {
			return fail()
		}
		name, esc, ok := str()
		if !ok || esc >= 0 {
			return fail() // names are matched as written
		}
		first := -1
		if bit := nameBit(name); seen&bit == 0 {
			seen |= bit
		} else {
			for k := range members {
				if bytes.Equal(members[k].Name, name) {
					first = k
					break
				}
			}
		}
		space()
		if i >= len(b) || b[i] != ':' {
			return fail()
		}
		i++
		space()
		m := FlatMember{Name: name, Esc: -1, First: first}
		start := i
		if i < len(b) && b[i] == '"' {
			m.Kind = String
			if m.Text, m.Esc, ok = str(); !ok {
				return fail()
			}
		} else {
			if m.Kind, ok = value(0); !ok {
				return fail()
			}
			m.Text = b[start:i]
		}
		members = append(members, m)
		space()
		if i >= len(b) {
			return fail()
		}
		switch b[i] {
		case ',':
			i++
			space()
		case '}':
			return i + 1, members, ascii, true
		default:
			return fail()
		}
	}
}

// Advance returns the position of the byte just past text, which starts
// at p, counting lines and columns as the Decoder does: a line ends at
// each line feed, and a column is one character (an invalid byte is
// one). ScanFlat's members are slices of the text it read, so Advance
// places them without a Decoder.
func (p Pos) Advance(text []byte) Pos {
	p.Offset += int64(len(text))
	// As Decoder.advance counts: bytes.Count is vectorised and
	// bytes.LastIndexByte is not, and extraBytes strides over ASCII.
	if lines := bytes.Count(text, []byte{'\n'}); lines > 0 {
		p.Line += lines
		p.Column = 1
		text = text[bytes.LastIndexByte(text, '\n')+1:]
	}
	p.Column += len(text) - extraBytes(text)
	return p
}

// FlatItems calls yield with each item of the array at the start of
// text, an array that ScanFlat accepted as (part of) a member's value:
// its kind, and its text as FlatMember holds it (a string's content as
// written and where its first escape starts, -1 for none; the literal
// text of anything else). It stops early, and returns false, when yield
// does; on text ScanFlat did not accept it returns false too.
func FlatItems(text []byte, yield func(kind Kind, item []byte, esc int) bool) bool {
	if len(text) == 0 || text[0] != '[' {
		return false
	}
	i := skipSpace(text, 1)
	if i < len(text) && text[i] == ']' {
		return true
	}
	for i < len(text) {
		start, end, esc := i, 0, -1
		var kind Kind
		switch c := text[i]; c {
		case '"':
			q := closingQuote(text, i)
			if q < 0 {
				return false
			}
			kind, start, end, i = String, i+1, q, q+1
			esc = bytes.IndexByte(text[start:end], '\\')
		case '[', '{':
			next, ok := scanValue(text, i)
			if !ok {
				return false
			}
			kind, end, i = Array, next, next
			if c == '{' {
				kind = Object
			}
		default:
			for i < len(text) && text[i] != ',' && text[i] != ']' && skipSpace(text, i) == i {
				i++
			}
			kind, end = Number, i
			switch c {
			case 't', 'f':
				kind = Bool
			case 'n':
				kind = Null
			}
		}
		if !yield(kind, text[start:end], esc) {
			return false
		}
		i = skipSpace(text, i)
		switch {
		case i >= len(text):
			return false
		case text[i] == ',':
			i = skipSpace(text, i+1)
		case text[i] == ']':
			return true
		default:
			return false
		}
	}
	return false
}
