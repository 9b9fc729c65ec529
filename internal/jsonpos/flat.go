package jsonpos

import (
	"bytes"
	"unicode/utf8"
)

// FlatMember is one member of an object that ScanFlat read in place.
type FlatMember struct {
	Name []byte // as written; ScanFlat accepts names without escapes only
	Kind Kind
	// Text is a string's content as written, or the literal text of a
	// number, true, false or null.
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

// ScanFlat reads the object at the start of b strictly, appending its
// members to members. It accepts only objects whose values are strings,
// numbers, true, false or null, whose names hold no escape, whose strings
// hold no control character and only escapes Escape reads, with at most
// cap(members) members; ok is false for anything else, including an
// object that does not end within b. A name may come twice (see
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
			for i < len(b) && plain[b[i]] {
				i++
			}
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
	fail := func() (int, []FlatMember, bool, bool) { return 0, members, false, false }
	if len(b) == 0 || b[0] != '{' {
		return fail()
	}
	i++
	space()
	if i < len(b) && b[i] == '}' {
		return i + 1, members, true, true
	}
	for {
		if i >= len(b) || b[i] != '"' || len(members) == cap(members) {
			return fail()
		}
		name, esc, ok := str()
		if !ok || esc >= 0 {
			return fail() // names are matched as written
		}
		first := -1
		for k := range members {
			if bytes.Equal(members[k].Name, name) {
				first = k
				break
			}
		}
		space()
		if i >= len(b) || b[i] != ':' {
			return fail()
		}
		i++
		space()
		if i >= len(b) {
			return fail()
		}
		m := FlatMember{Name: name, Esc: -1, First: first}
		switch c := b[i]; {
		case c == '"':
			m.Kind = String
			if m.Text, m.Esc, ok = str(); !ok {
				return fail()
			}
		case c == '-' || (c >= '0' && c <= '9'):
			m.Kind = Number
			start := i
			if c == '-' {
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
				return fail()
			}
			// The rest of RFC 8259's grammar, as the Decoder reads it: a
			// fraction and an exponent, each with at least one digit. A
			// leading zero followed by a digit, or anything else, fails
			// at the check after the value.
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
					return fail()
				}
			}
			if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
				i++
				if i < len(b) && (b[i] == '+' || b[i] == '-') {
					i++
				}
				if digits() == 0 {
					return fail()
				}
			}
			m.Text = b[start:i]
		case c == 't' && bytes.HasPrefix(b[i:], []byte("true")):
			m.Kind, m.Text = Bool, b[i:i+4]
			i += 4
		case c == 'f' && bytes.HasPrefix(b[i:], []byte("false")):
			m.Kind, m.Text = Bool, b[i:i+5]
			i += 5
		case c == 'n' && bytes.HasPrefix(b[i:], []byte("null")):
			m.Kind, m.Text = Null, b[i:i+4]
			i += 4
		default:
			return fail() // nested values go the full way
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
	if nl := bytes.LastIndexByte(text, '\n'); nl >= 0 {
		p.Line += bytes.Count(text, []byte{'\n'})
		p.Column = 1
		text = text[nl+1:]
	}
	p.Column += utf8.RuneCount(text)
	return p
}
