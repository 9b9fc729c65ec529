package jsonpos

import (
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// Reading strings: the scan for the closing quote, escapes, interning.

// plain marks the bytes a string can hold as they are: printable ASCII
// other than the quote and the backslash.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str reads a string at the scan point and returns its decoded content.
func (d *Decoder) str() (string, error) {
	start := d.here(0)
	// First find the closing quote, checking UTF-8 and control characters
	// on the way; decode escapes afterwards, from one contiguous slice.
	i := 1
	escapes, nonASCII := false, false
	for {
		// The common case, printable ASCII, is skipped in a tight loop
		// over what is already buffered.
		i = skipPlain(d.buf[d.pos:], i)
		c, ok := d.at(i)
		if !ok {
			return "", d.failEOF("unexpected end of input in the string that starts at %s", where(start))
		}
		switch {
		case c == '"':
			goto closed
		case c == '\\':
			escapes = true
			next, ok := d.at(i + 1)
			if !ok {
				return "", d.failEOF("unexpected end of input in escape sequence")
			}
			if next < 0x20 || next >= utf8.RuneSelf {
				// Not an escape; said here, since skipping a line break
				// as the second byte of an escape would lose count of
				// lines.
				return "", d.fail(d.here(i), "invalid escape sequence: a backslash before %s", d.describe(i+1))
			}
			i += 2
		case c == '\n' || c == '\r':
			return "", d.fail(d.here(i), "line break in the string that starts at %s; is a closing quote missing?", where(start))
		case c < 0x20:
			return "", d.fail(d.here(i), "%s in string; control characters must be escaped", d.describe(i))
		case c < utf8.RuneSelf:
			i++
		default:
			nonASCII = true
			for j := 1; j < utf8.UTFMax; j++ {
				d.at(i + j)
			}
			r, size := utf8.DecodeRune(d.buf[d.pos+i:])
			if r == utf8.RuneError && size == 1 {
				return "", d.fail(d.here(i), "byte %#02x in string is not valid UTF-8", c)
			}
			i += size
		}
	}
closed:
	raw := d.buf[d.pos+1 : d.pos+i]
	if !escapes {
		s := d.intern(raw)
		d.consume(i+1, nonASCII)
		return s, nil
	}
	b := make([]byte, 0, len(raw))
	for k := 0; k < len(raw); {
		c := raw[k]
		if c != '\\' {
			b = append(b, c)
			k++
			continue
		}
		r, n, problem := escape(raw[k:])
		if n == 0 {
			return "", d.fail(d.here(1+k), "%s", problem)
		}
		b = utf8.AppendRune(b, r)
		k += n
	}
	d.consume(i+1, nonASCII)
	return string(b), nil
}

// intern returns raw as a string, sharing one copy of each short string.
func (d *Decoder) intern(raw []byte) string {
	const short, most = 24, 4096
	if len(raw) > short {
		return string(raw)
	}
	if s, ok := d.names[string(raw)]; ok {
		return s
	}
	s := string(raw)
	if d.names == nil {
		d.names = make(map[string]string)
	}
	if len(d.names) < most {
		d.names[s] = s
	}
	return s
}

// escape reads the escape sequence at the start of b, whose first byte
// is the backslash, as the Decoder reads it: it returns the character the
// sequence stands for and the sequence's length, or a length of 0 and what
// is wrong with it. A UTF-16 surrogate must come as a high and a low half,
// one after the other, since UTF-8 cannot hold half a pair.
func escape(b []byte) (r rune, n int, problem string) {
	if len(b) < 2 {
		return 0, 0, "unexpected end of input in escape sequence"
	}
	switch e := b[1]; e {
	case '"', '\\', '/':
		return rune(e), 2, ""
	case 'b':
		return '\b', 2, ""
	case 'f':
		return '\f', 2, ""
	case 'n':
		return '\n', 2, ""
	case 'r':
		return '\r', 2, ""
	case 't':
		return '\t', 2, ""
	case 'u':
		r, ok := hex4(b, 2)
		if !ok {
			return 0, 0, "invalid \\u escape; expected four hexadecimal digits"
		}
		if !utf16.IsSurrogate(r) {
			return r, 6, ""
		}
		r2, ok2 := rune(0), false
		if r < 0xDC00 && len(b) >= 12 && b[6] == '\\' && b[7] == 'u' {
			r2, ok2 = hex4(b, 8)
		}
		if dec := utf16.DecodeRune(r, r2); ok2 && dec != utf8.RuneError {
			return dec, 12, ""
		}
		return 0, 0, fmt.Sprintf("escape %s is half of a UTF-16 surrogate pair without its other half; it cannot be represented in UTF-8", b[:6])
	default:
		return 0, 0, fmt.Sprintf("invalid escape sequence \\%c in string", rune(e))
	}
}

func hex4(s []byte, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range s[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// StringChars walks the string whose opening quote is at p in src, as
// the Decoder reads it: for each character it calls yield with where the
// character is written, its UTF-8 bytes (decoded, for an escape sequence)
// and whether it was written as an escape. p.Offset is an offset into
// src, and the positions given to yield count on from p. It returns false
// when no well-formed string starts at p, or when yield returns false.
func StringChars(src []byte, p Pos, yield func(at Pos, char []byte, escaped bool) bool) bool {
	if p.Offset < 0 || p.Offset >= int64(len(src)) || src[p.Offset] != '"' {
		return false
	}
	i := int(p.Offset) + 1
	p.Offset++
	p.Column++
	var buf [utf8.UTFMax]byte
	for i < len(src) {
		switch c := src[i]; {
		case c == '"':
			return true
		case c == '\\':
			r, n, _ := escape(src[i:])
			if n == 0 {
				return false
			}
			if !yield(p, utf8.AppendRune(buf[:0], r), true) {
				return false
			}
			i += n
			p.Offset += int64(n)
			p.Column += n // an escape is ASCII
		case c < 0x20:
			return false
		default:
			_, size := utf8.DecodeRune(src[i:])
			if !yield(p, src[i:i+size], false) {
				return false
			}
			i += size
			p.Offset += int64(size)
			p.Column++
		}
	}
	return false
}
