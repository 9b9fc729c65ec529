package jsonpos

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// DefaultMaxDepth bounds how deeply arrays and objects may nest. Graph
// payloads nest a handful of levels; the bound keeps hostile input from
// exhausting the stack.
const DefaultMaxDepth = 1000

// SyntaxError is a document that is not well-formed JSON. Offset is the
// byte where reading had to stop.
type SyntaxError struct {
	Offset  int
	Pointer string // RFC 6901 pointer to the innermost value being read
	Msg     string
}

func (e *SyntaxError) Error() string { return e.Msg }

// Options tune Parse.
type Options struct {
	// MaxDepth is the deepest nesting accepted; 0 means DefaultMaxDepth.
	MaxDepth int
}

// Parse reads one JSON text: optional whitespace, one value, optional
// whitespace, nothing else. A leading UTF-8 byte order mark is skipped.
// The error, if any, is a *SyntaxError; the Document is returned even then
// so that positions of the error can be computed.
func Parse(src []byte, opts Options) (*Document, error) {
	doc := &Document{Src: src}
	if opts.MaxDepth <= 0 {
		opts.MaxDepth = DefaultMaxDepth
	}
	p := parser{src: src, maxDepth: opts.MaxDepth, doc: doc}
	if err := p.checkEncoding(); err != nil {
		return doc, err
	}
	doc.bom = p.pos
	p.skipSpace()
	if p.pos == len(src) {
		if p.pos == doc.bom {
			return doc, p.fail(p.pos, "the file is empty; expected a JSON value")
		}
		return doc, p.fail(p.pos, "the file holds only white space; expected a JSON value")
	}
	root, err := p.value()
	if err != nil {
		return doc, err
	}
	p.skipSpace()
	if p.pos < len(src) {
		return doc, p.fail(p.pos, "unexpected %s after the end of the JSON value", p.describe(p.pos))
	}
	doc.Root = root
	return doc, nil
}

type parser struct {
	src      []byte
	pos      int
	depth    int
	maxDepth int
	doc      *Document
	// path holds the steps leading to the value being read, so that a
	// duplicate member can be reported with its pointer.
	path []step
}

// step is one reference token: a member name, or an array index when name
// is empty and index is not negative.
type step struct {
	name  string
	index int
}

// where names an earlier offset for a message, as "line L, column C".
func (p *parser) where(off int) string {
	line, col := p.doc.Position(off)
	return fmt.Sprintf("line %d, column %d", line, col)
}

func (p *parser) fail(off int, format string, args ...any) error {
	return &SyntaxError{Offset: off, Pointer: pointer(p.path), Msg: fmt.Sprintf(format, args...)}
}

// checkEncoding skips a UTF-8 byte order mark and refuses UTF-16 and UTF-32
// text, which JSON exchanged between systems must not use (RFC 8259, 8.1)
// and which Windows PowerShell 5.1 writes by default.
func (p *parser) checkEncoding() error {
	s := p.src
	switch {
	case len(s) >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF:
		p.pos = 3
	case len(s) >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0,
		len(s) >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF:
		return p.fail(0, "the file is UTF-32 encoded; save it as UTF-8")
	case len(s) >= 2 && s[0] == 0xFF && s[1] == 0xFE:
		return p.fail(0, "the file is UTF-16 (little-endian) encoded; save it as UTF-8 (in PowerShell 5.1: Out-File -Encoding utf8)")
	case len(s) >= 2 && s[0] == 0xFE && s[1] == 0xFF:
		return p.fail(0, "the file is UTF-16 (big-endian) encoded; save it as UTF-8")
	case len(s) >= 2 && s[0] != 0 && s[1] == 0, len(s) >= 2 && s[0] == 0 && s[1] != 0:
		return p.fail(0, "the file looks UTF-16 encoded (it has NUL bytes between characters); save it as UTF-8")
	}
	return nil
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// describe names the byte at off for an error message.
func (p *parser) describe(off int) string {
	if off >= len(p.src) {
		return "end of input"
	}
	b := p.src[off]
	switch {
	case b == 0:
		return "NUL byte"
	case b < 0x20:
		return fmt.Sprintf("control character %#02x", b)
	case b < utf8.RuneSelf:
		return fmt.Sprintf("character %q", rune(b))
	}
	r, size := utf8.DecodeRune(p.src[off:])
	if r == utf8.RuneError && size <= 1 {
		return fmt.Sprintf("byte %#02x, which is not valid UTF-8", b)
	}
	return fmt.Sprintf("character %q", r)
}

func (p *parser) value() (*Value, error) {
	if p.pos >= len(p.src) {
		return nil, p.fail(p.pos, "unexpected end of input; expected a value")
	}
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		start := p.pos
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return &Value{Kind: String, Offset: start, End: p.pos, Text: s}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 't':
		return p.literal("true", &Value{Kind: Bool, Bool: true})
	case c == 'f':
		return p.literal("false", &Value{Kind: Bool})
	case c == 'n':
		return p.literal("null", &Value{Kind: Null})
	case c == ']' || c == '}':
		return nil, p.fail(p.pos, "unexpected %s; expected a value", p.describe(p.pos))
	default:
		return nil, p.fail(p.pos, "unexpected %s; expected a value (object, array, string, number, true, false or null)", p.describe(p.pos))
	}
}

func (p *parser) literal(word string, v *Value) (*Value, error) {
	start := p.pos
	for i := 0; i < len(word); i++ {
		if p.pos >= len(p.src) || p.src[p.pos] != word[i] {
			return nil, p.fail(p.pos, "unexpected %s in literal; expected %q", p.describe(p.pos), word)
		}
		p.pos++
	}
	v.Offset, v.End = start, p.pos
	return v, nil
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > p.maxDepth {
		return p.fail(p.pos, "nesting deeper than %d levels; the document is not a Graph payload", p.maxDepth)
	}
	return nil
}

func (p *parser) array() (*Value, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	v := &Value{Kind: Array, Offset: p.pos}
	p.pos++ // [
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		v.End = p.pos
		p.depth--
		return v, nil
	}
	for {
		p.path = append(p.path, step{index: len(v.Items)})
		item, err := p.value()
		p.path = p.path[:len(p.path)-1]
		if err != nil {
			return nil, err
		}
		v.Items = append(v.Items, item)
		p.skipSpace()
		if p.pos >= len(p.src) {
			return nil, p.fail(p.pos, "unexpected end of input in the array opened at %s; expected ',' or ']'", p.where(v.Offset))
		}
		switch p.src[p.pos] {
		case ',':
			comma := p.pos
			p.pos++
			p.skipSpace()
			if p.pos < len(p.src) && p.src[p.pos] == ']' {
				return nil, p.fail(comma, "trailing comma before ']'")
			}
		case ']':
			p.pos++
			v.End = p.pos
			p.depth--
			return v, nil
		default:
			return nil, p.fail(p.pos, "unexpected %s after array element; expected ',' or ']'", p.describe(p.pos))
		}
	}
}

func (p *parser) object() (*Value, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	v := &Value{Kind: Object, Offset: p.pos}
	p.pos++ // {
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		v.End = p.pos
		p.depth--
		return v, nil
	}
	var seen map[string]int // name -> offset of first occurrence, built lazily
	for {
		if p.pos >= len(p.src) {
			return nil, p.fail(p.pos, "unexpected end of input in the object opened at %s; expected a member name", p.where(v.Offset))
		}
		if p.src[p.pos] != '"' {
			return nil, p.fail(p.pos, "unexpected %s; expected a member name in double quotes", p.describe(p.pos))
		}
		nameOff := p.pos
		name, err := p.str()
		if err != nil {
			return nil, err
		}
		// Small objects are searched directly; a map pays off only for
		// large ones.
		first := -1
		if seen != nil {
			if o, ok := seen[name]; ok {
				first = o
			}
		} else {
			for _, m := range v.Members {
				if m.Name == name {
					first = m.NameOffset
					break
				}
			}
			if len(v.Members) >= 16 {
				seen = make(map[string]int, 2*len(v.Members))
				for i := len(v.Members) - 1; i >= 0; i-- {
					seen[v.Members[i].Name] = v.Members[i].NameOffset
				}
			}
		}
		if first >= 0 {
			p.doc.Duplicates = append(p.doc.Duplicates, Duplicate{
				Name: name, NameOffset: nameOff, First: first,
				Pointer: pointer(p.path) + "/" + EscapeToken(name),
			})
		} else if seen != nil {
			seen[name] = nameOff
		}
		p.skipSpace()
		if p.pos >= len(p.src) {
			return nil, p.fail(p.pos, "unexpected end of input after member name; expected ':'")
		}
		if p.src[p.pos] != ':' {
			return nil, p.fail(p.pos, "unexpected %s after member name %q; expected ':'", p.describe(p.pos), name)
		}
		p.pos++
		p.skipSpace()
		p.path = append(p.path, step{name: name, index: -1})
		val, err := p.value()
		p.path = p.path[:len(p.path)-1]
		if err != nil {
			return nil, err
		}
		v.Members = append(v.Members, Member{Name: name, NameOffset: nameOff, Value: val})
		p.skipSpace()
		if p.pos >= len(p.src) {
			return nil, p.fail(p.pos, "unexpected end of input in the object opened at %s; expected ',' or '}'", p.where(v.Offset))
		}
		switch p.src[p.pos] {
		case ',':
			comma := p.pos
			p.pos++
			p.skipSpace()
			if p.pos < len(p.src) && p.src[p.pos] == '}' {
				return nil, p.fail(comma, "trailing comma before '}'")
			}
		case '}':
			p.pos++
			v.End = p.pos
			p.depth--
			return v, nil
		default:
			return nil, p.fail(p.pos, "unexpected %s after object member %q; expected ',' or '}'", p.describe(p.pos), name)
		}
	}
}

func pointer(path []step) string {
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
func (p *parser) number() (*Value, error) {
	start := p.pos
	s := p.src
	i := p.pos
	if s[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			return nil, p.fail(i-1, "number has a leading zero")
		}
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		digits()
	default:
		return nil, p.fail(i, "unexpected %s in number; expected a digit", p.describe(i))
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return nil, p.fail(i, "unexpected %s in number; expected a digit after the decimal point", p.describe(i))
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return nil, p.fail(i, "unexpected %s in number; expected a digit in the exponent", p.describe(i))
		}
	}
	p.pos = i
	return &Value{Kind: Number, Offset: start, End: i, Text: string(s[start:i])}, nil
}

// str reads a string starting at its opening quote and returns its decoded
// content.
func (p *parser) str() (string, error) {
	s := p.src
	start := p.pos
	i := start + 1
	// Fast path: no escapes, all printable ASCII or valid UTF-8.
	for i < len(s) {
		c := s[i]
		if c == '"' {
			p.pos = i + 1
			return string(s[start+1 : i]), nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			return "", p.fail(i, "byte %#02x in string is not valid UTF-8", c)
		}
		i += size
	}
	var b []byte
	b = append(b, s[start+1:i]...)
	for {
		if i >= len(s) {
			return "", p.fail(i, "unexpected end of input in the string that starts at %s", p.where(start))
		}
		c := s[i]
		switch {
		case c == '"':
			p.pos = i + 1
			return string(b), nil
		case c == '\n' || c == '\r':
			return "", p.fail(i, "line break in the string that starts at %s; is a closing quote missing?", p.where(start))
		case c < 0x20:
			return "", p.fail(i, "%s in string; control characters must be escaped", p.describe(i))
		case c == '\\':
			if i+1 >= len(s) {
				return "", p.fail(i+1, "unexpected end of input in escape sequence")
			}
			e := s[i+1]
			switch e {
			case '"', '\\', '/':
				b = append(b, e)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, ok := hex4(s, i+2)
				if !ok {
					return "", p.fail(i, "invalid \\u escape; expected four hexadecimal digits")
				}
				n := 6
				if utf16.IsSurrogate(r) {
					r2, ok2 := rune(0), false
					if r < 0xDC00 && i+12 <= len(s) && s[i+6] == '\\' && s[i+7] == 'u' {
						r2, ok2 = hex4(s, i+8)
					}
					dec := utf16.DecodeRune(r, r2)
					if !ok2 || dec == utf8.RuneError {
						return "", p.fail(i, "escape %s is half of a UTF-16 surrogate pair without its other half; it cannot be represented in UTF-8", s[i:i+6])
					}
					r, n = dec, 12
				}
				b = utf8.AppendRune(b, r)
				i += n
				continue
			default:
				return "", p.fail(i, "invalid escape sequence \\%c in string", rune(e))
			}
			i += 2
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && size == 1 {
				return "", p.fail(i, "byte %#02x in string is not valid UTF-8", c)
			}
			b = append(b, s[i:i+size]...)
			i += size
		}
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
