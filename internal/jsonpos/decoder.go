package jsonpos

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// DefaultMaxDepth bounds how deeply arrays and objects may nest. Graph
// payloads nest a handful of levels; the bound keeps hostile input from
// exhausting the stack.
const DefaultMaxDepth = 1000

// SyntaxError is input that is not well-formed JSON. Pos is the byte where
// reading had to stop.
type SyntaxError struct {
	Pos     Pos
	Pointer string // RFC 6901 pointer to the innermost value being read
	Msg     string
}

func (e *SyntaxError) Error() string { return e.Msg }

// Options tune a Decoder.
type Options struct {
	// MaxDepth is the deepest nesting accepted; 0 means DefaultMaxDepth.
	MaxDepth int
	// SizeHint is the input's size when known (a file's), so that a small
	// input gets a small buffer; 0 means unknown.
	SizeHint int64
	// Start is where the input begins in a larger one, when it is a value
	// cut out of it, so that positions are those in the larger input. The
	// zero Pos means the input is the whole file.
	Start Pos
}

// Document is a JSON text read whole.
type Document struct {
	Root       *Value
	Duplicates []Duplicate
}

// Parse reads one whole JSON text from memory: optional white space, one
// value, optional white space, nothing else. The error, if any, is a
// *SyntaxError.
func Parse(src []byte, opts Options) (*Document, error) {
	d := NewDecoder(bytes.NewReader(src), opts)
	root, err := d.ReadValue()
	if err == nil {
		err = d.End()
	}
	if err != nil {
		return nil, err
	}
	return &Document{Root: root, Duplicates: d.TakeDuplicates()}, nil
}

const minBuffer = 64 << 10

// Decoder reads JSON from a stream. Values are read whole with ReadValue;
// the enclosing levels of a large document can instead be walked with
// OpenObject/NextMember and OpenArray/NextItem, so that only one inner
// value at a time is held in memory.
//
// After the first error every call returns that error.
type Decoder struct {
	r    io.Reader
	buf  []byte
	pos  int   // next unread byte in buf
	base int64 // input offset of buf[0]
	eof  bool
	rerr error // a read error other than io.EOF
	// encoding is set when the input is not UTF-8: no line of it can be
	// read, so Recover does not try the next one.
	encoding bool

	// Where the scan point is: line number, input offset of the line's
	// first byte, and how many UTF-8 continuation bytes lie between the
	// line start and the scan point (columns count characters).
	line      int
	lineStart int64
	cont      int64

	maxDepth int
	started  bool
	// oneLine makes a line break end the input, for a JSON Lines document.
	oneLine bool
	err     error
	dups    []Duplicate
	// levels are the containers open through OpenObject/OpenArray, path
	// the reference tokens to the value being read.
	levels []level
	path   []step
	slab   []Value // Values are carved from here, a chunk at a time

	// members and items are stacks shared by all the objects and arrays
	// being read: each collects its elements on top and copies them out
	// in one exact allocation when it closes.
	members []Member
	items   []*Value
	// names keeps one copy of each short string seen (member names, enum
	// values), so that a collection of a million resources does not
	// allocate the same few names a million times.
	names map[string]string
}

type level struct {
	object bool
	opened Pos
	n      int            // members or items read so far
	seen   map[string]Pos // member names seen so far (objects)
}

// step is one reference token: an array index when index >= 0, else a
// member name.
type step struct {
	name  string
	index int
}

// NewDecoder returns a Decoder reading from r.
func NewDecoder(r io.Reader, opts Options) *Decoder {
	if opts.MaxDepth <= 0 {
		opts.MaxDepth = DefaultMaxDepth
	}
	d := &Decoder{r: r, line: 1, maxDepth: opts.MaxDepth}
	if p := opts.Start; p.Line > 0 {
		// Columns count from the start of the line, which lies before the
		// input: place it so that the first byte gets p's column.
		d.base, d.line, d.lineStart = p.Offset, p.Line, p.Offset-int64(p.Column-1)
	}
	if opts.SizeHint > 0 && opts.SizeHint < minBuffer {
		d.buf = make([]byte, 0, opts.SizeHint+1) // +1 sees the end without a second buffer
	}
	return d
}

// TakeDuplicates returns the duplicate member names found since the last
// call, and forgets them.
func (d *Decoder) TakeDuplicates() []Duplicate {
	dd := d.dups
	d.dups = nil
	return dd
}

// Offset is how many input bytes have been consumed.
func (d *Decoder) Offset() int64 { return d.base + int64(d.pos) }

// Pointer is the JSON pointer of the value about to be read.
func (d *Decoder) Pointer() string { return pointer(d.path) }

// fill reads more input, dropping the bytes before d.pos, which have been
// consumed. Scanners index the window relative to d.pos, so their indices
// stay valid across a fill. It returns false when no more input will come.
func (d *Decoder) fill() bool {
	for !d.eof {
		if d.pos > 0 {
			n := copy(d.buf, d.buf[d.pos:])
			d.base += int64(d.pos)
			d.buf = d.buf[:n]
			d.pos = 0
		}
		if len(d.buf) == cap(d.buf) {
			nb := make([]byte, len(d.buf), max(minBuffer, 2*cap(d.buf)))
			copy(nb, d.buf)
			d.buf = nb
		}
		m, err := d.r.Read(d.buf[len(d.buf):cap(d.buf)])
		d.buf = d.buf[:len(d.buf)+m]
		if err != nil {
			d.eof = true
			if !errors.Is(err, io.EOF) {
				d.rerr = err
			}
		}
		if m > 0 {
			return true
		}
	}
	return false
}

// at returns the byte i bytes after the scan point, reading more input if
// needed; ok is false past the end of the input.
func (d *Decoder) at(i int) (byte, bool) {
	for d.pos+i >= len(d.buf) {
		if !d.fill() {
			return 0, false
		}
	}
	return d.buf[d.pos+i], true
}

// here is the position of the byte i bytes after the scan point. The line
// must not change in between (true inside any token).
func (d *Decoder) here(i int) Pos {
	off := d.base + int64(d.pos) + int64(i)
	cont := d.cont
	if i > 0 {
		seg := d.buf[d.pos : d.pos+i]
		cont += int64(len(seg) - utf8.RuneCount(seg))
	}
	return Pos{Offset: off, Line: d.line, Column: int(off-d.lineStart-cont) + 1}
}

// consume moves the scan point past n bytes of a token (never a newline).
func (d *Decoder) consume(n int, nonASCII bool) {
	if nonASCII {
		seg := d.buf[d.pos : d.pos+n]
		d.cont += int64(len(seg) - utf8.RuneCount(seg))
	}
	d.pos += n
}

func (d *Decoder) fail(p Pos, format string, args ...any) error {
	if d.err == nil {
		d.err = &SyntaxError{Pos: p, Pointer: pointer(d.path), Msg: fmt.Sprintf(format, args...)}
	}
	return d.err
}

// failEOF reports reaching the end of the input where more was needed:
// as the read error behind it, if any, so that an I/O failure is not
// mistaken for truncated JSON, else as a syntax error at the end.
func (d *Decoder) failEOF(format string, args ...any) error {
	if d.rerr != nil {
		return d.readFailed()
	}
	return d.fail(d.here(len(d.buf)-d.pos), format, args...)
}

// readFailed makes the read error the decoder's error.
func (d *Decoder) readFailed() error {
	if d.err == nil {
		d.err = d.rerr
	}
	return d.err
}

// start checks the encoding: it skips a UTF-8 byte order mark and refuses
// UTF-16 and UTF-32, which JSON exchanged between systems must not use
// (RFC 8259, 8.1) and which Windows PowerShell 5.1 writes by default.
func (d *Decoder) start() error {
	if d.started {
		return d.err
	}
	d.started = true
	var head [4]byte
	n := 0
	for ; n < 4; n++ {
		c, ok := d.at(n)
		if !ok {
			break
		}
		head[n] = c
	}
	s := head[:n]
	switch {
	case bytes.HasPrefix(s, []byte{0xEF, 0xBB, 0xBF}):
		d.pos = 3
		d.lineStart = 3
	case bytes.HasPrefix(s, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(s, []byte{0, 0, 0xFE, 0xFF}):
		return d.failEncoding("the file is UTF-32 encoded; save it as UTF-8")
	case bytes.HasPrefix(s, []byte{0xFF, 0xFE}):
		return d.failEncoding("the file is UTF-16 (little-endian) encoded; save it as UTF-8 (in PowerShell 5.1: Out-File -Encoding utf8)")
	case bytes.HasPrefix(s, []byte{0xFE, 0xFF}):
		return d.failEncoding("the file is UTF-16 (big-endian) encoded; save it as UTF-8")
	case n >= 2 && (s[0] == 0) != (s[1] == 0):
		return d.failEncoding("the file looks UTF-16 encoded (it has NUL bytes between characters); save it as UTF-8")
	}
	return nil
}

// failEncoding fails on an input that is not UTF-8.
func (d *Decoder) failEncoding(msg string) error {
	d.encoding = true
	return d.fail(d.here(0), "%s", msg)
}

// skipSpace moves past white space, counting lines.
func (d *Decoder) skipSpace() {
	for {
		for d.pos < len(d.buf) {
			switch d.buf[d.pos] {
			case ' ', '\t', '\r':
				d.pos++
			case '\n':
				if d.oneLine {
					return
				}
				d.pos++
				d.line++
				d.lineStart = d.base + int64(d.pos)
				d.cont = 0
			default:
				return
			}
		}
		if !d.fill() {
			return
		}
	}
}

// Peek skips white space and returns the next byte without consuming it;
// ok is false at the end of the input.
func (d *Decoder) Peek() (c byte, ok bool, err error) {
	if err := d.start(); err != nil {
		return 0, false, err
	}
	d.skipSpace()
	c, ok = d.at(0)
	if !ok && d.rerr != nil {
		d.err = d.rerr
		return 0, false, d.err
	}
	return c, ok, nil
}

// Here returns the position of the next unread byte.
func (d *Decoder) Here() Pos { return d.here(0) }

// End checks that nothing but white space follows the value just read.
func (d *Decoder) End() error {
	c, ok, err := d.Peek()
	if err != nil || !ok {
		return err
	}
	_ = c
	return d.fail(d.here(0), "unexpected %s after the end of the JSON value", d.describe(0))
}

// describe names the byte i bytes after the scan point for a message.
func (d *Decoder) describe(i int) string {
	b, ok := d.at(i)
	switch {
	case !ok:
		return "end of input"
	case b == '\n' && d.oneLine:
		return "end of the line"
	case b == 0:
		return "NUL byte"
	case b < 0x20:
		return fmt.Sprintf("control character %#02x", b)
	case b < utf8.RuneSelf:
		return fmt.Sprintf("character %q", rune(b))
	}
	for j := 1; j < utf8.UTFMax; j++ {
		d.at(i + j) // make the whole rune visible when there is one
	}
	r, size := utf8.DecodeRune(d.buf[d.pos+i:])
	if r == utf8.RuneError && size <= 1 {
		return fmt.Sprintf("byte %#02x, which is not valid UTF-8", b)
	}
	return fmt.Sprintf("character %q", r)
}

// where names a position for a message, as "line L, column C".
func where(p Pos) string { return fmt.Sprintf("line %d, column %d", p.Line, p.Column) }

func (d *Decoder) newValue(k Kind, p Pos) *Value {
	if len(d.slab) == 0 {
		d.slab = make([]Value, 64)
	}
	v := &d.slab[0]
	d.slab = d.slab[1:]
	v.Kind, v.Pos = k, p
	return v
}

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
			return nil, d.fail(d.here(0), "unexpected %s after object member %q; expected ',' or '}'", d.describe(0), name)
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
		return "", Pos{}, d.failEOF("unexpected end of input after member name %q; expected ':'", name)
	}
	if c != ':' {
		return "", Pos{}, d.fail(d.here(0), "unexpected %s after member name %q; expected ':'", d.describe(0), name)
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

// plain marks the bytes a string can hold as they are: printable ASCII
// other than the quote and the backslash.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// Plain tells whether a string may hold byte c as it is, with no escape
// and no UTF-8 sequence to check: printable ASCII other than the quote
// and the backslash.
func Plain(c byte) bool { return plain[c] }

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
		for buf := d.buf[d.pos:]; i < len(buf) && plain[buf[i]]; {
			i++
		}
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
		r, n, problem := Escape(raw[k:])
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

// Escape reads the escape sequence at the start of b, whose first byte
// is the backslash, as the Decoder reads it: it returns the character the
// sequence stands for and the sequence's length, or a length of 0 and what
// is wrong with it. A UTF-16 surrogate must come as a high and a low half,
// one after the other, since UTF-8 cannot hold half a pair.
func Escape(b []byte) (r rune, n int, problem string) {
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

// OpenObject consumes the '{' of an object whose members the caller will
// walk with NextMember instead of reading it whole.
func (d *Decoder) OpenObject() error { return d.open('{', true) }

// OpenArray consumes the '[' of an array whose items the caller will walk
// with NextItem.
func (d *Decoder) OpenArray() error { return d.open('[', false) }

func (d *Decoder) open(want byte, object bool) error {
	c, ok, err := d.Peek()
	if err != nil {
		return err
	}
	p := d.here(0)
	if !ok || c != want {
		return d.fail(p, "expected %q, found %s", want, d.describe(0))
	}
	if err := d.enter(p); err != nil {
		return err
	}
	d.consume(1, false)
	d.levels = append(d.levels, level{object: object, opened: p})
	return nil
}

// NextMember moves to the next member of the object opened with
// OpenObject and returns its name; the caller must then read its value
// (ReadValue, or OpenObject/OpenArray). more is false after the closing '}',
// which closes the level.
func (d *Decoder) NextMember() (name string, namePos Pos, more bool, err error) {
	if d.err != nil {
		return "", Pos{}, false, d.err
	}
	lv := &d.levels[len(d.levels)-1]
	if lv.n > 0 {
		d.path = d.path[:len(d.path)-1]
	}
	if more, err := d.separator(lv, '}'); !more || err != nil {
		return "", Pos{}, false, err
	}
	name, namePos, err = d.memberName(lv.opened)
	if err != nil {
		return "", Pos{}, false, err
	}
	if first, dup := lv.seen[name]; dup {
		d.duplicate(name, namePos, first)
	} else {
		if lv.seen == nil {
			lv.seen = make(map[string]Pos)
		}
		lv.seen[name] = namePos
	}
	lv.n++
	d.path = append(d.path, step{name: name, index: -1})
	return name, namePos, true, nil
}

// NextItem moves to the next item of the array opened with OpenArray; the
// caller must then read it. more is false after the closing ']', which
// closes the level. index is the item's position in the array.
func (d *Decoder) NextItem() (index int, more bool, err error) {
	if d.err != nil {
		return 0, false, d.err
	}
	lv := &d.levels[len(d.levels)-1]
	if lv.n > 0 {
		d.path = d.path[:len(d.path)-1]
	}
	if more, err := d.separator(lv, ']'); !more || err != nil {
		return 0, false, err
	}
	index = lv.n
	lv.n++
	d.path = append(d.path, step{index: index})
	return index, true, nil
}

// separator reads what comes between the members or items of an open
// level: nothing before the first, then ',' or the closing byte.
func (d *Decoder) separator(lv *level, closing byte) (bool, error) {
	what := "array"
	if lv.object {
		what = "object"
	}
	c, ok, err := d.Peek()
	if err != nil {
		return false, err
	}
	if !ok {
		return false, d.failEOF("unexpected end of input in the %s opened at %s", what, where(lv.opened))
	}
	if c == closing {
		d.consume(1, false)
		d.levels = d.levels[:len(d.levels)-1]
		return false, nil
	}
	if lv.n == 0 {
		return true, nil
	}
	if c != ',' {
		return false, d.fail(d.here(0), "unexpected %s in the %s opened at %s; expected ',' or %q", d.describe(0), what, where(lv.opened), closing)
	}
	comma := d.here(0)
	d.consume(1, false)
	if c, ok, _ := d.Peek(); ok && c == closing {
		return false, d.fail(comma, "trailing comma before %q", closing)
	}
	return true, nil
}

// BeginLine starts a JSON Lines document: until EndLine, a line break
// ends the input, so a document cut short cannot run into the next line.
func (d *Decoder) BeginLine() { d.oneLine = true }

// EndLine checks, for JSON Lines, that nothing but spaces follows the
// document before the line break.
func (d *Decoder) EndLine() error {
	d.oneLine = false
	if d.err != nil {
		return d.err
	}
	for {
		c, ok := d.at(0)
		switch {
		case !ok:
			if d.rerr != nil {
				return d.readFailed()
			}
			return nil
		case c == ' ' || c == '\t' || c == '\r':
			d.pos++
		case c == '\n':
			return nil
		default:
			return d.fail(d.here(0), "unexpected %s after the JSON value; JSON Lines hold one document per line", d.describe(0))
		}
	}
}

// Recover clears a syntax error so that reading can go on at the next
// line, for JSON Lines where one bad line must not hide the rest. It
// returns false when nothing is left to read, when the error was a read
// error, which cannot be recovered from, or when the input is not UTF-8,
// which no later line would be either.
func (d *Decoder) Recover() bool {
	var se *SyntaxError
	if d.err != nil && !errors.As(d.err, &se) || d.encoding {
		return false
	}
	d.err = nil
	d.oneLine = false
	d.levels = d.levels[:0]
	d.path = d.path[:0]
	for {
		c, ok := d.at(0)
		if !ok {
			return false
		}
		d.pos++
		if c == '\n' {
			d.line++
			d.lineStart = d.base + int64(d.pos)
			d.cont = 0
			return true
		}
	}
}

// Window returns the unread input from the scan point on, reading until it
// holds at least n bytes or the input ends; for a JSON Lines document it
// stops at the line break. It lets a caller that recognises a common value
// cheaply look at its bytes before deciding how to read it: either Skip it
// whole, or read it with ReadValue as if Window had not been called. The
// slice is valid until the next call on d, and must not be modified.
func (d *Decoder) Window(n int) []byte {
	if d.err != nil {
		return nil
	}
	for len(d.buf)-d.pos < n && d.fill() {
	}
	w := d.buf[d.pos:]
	if d.oneLine {
		if i := bytes.IndexByte(w, '\n'); i >= 0 {
			w = w[:i]
		}
	}
	return w
}

// Skip consumes the first n bytes of the Window, which the caller has
// checked to be one whole, well-formed value, and keeps the line and
// column count for what follows. ascii tells that the caller saw only
// ASCII bytes among them, which spares counting characters.
func (d *Decoder) Skip(n int, ascii bool) {
	seg := d.buf[d.pos : d.pos+n]
	d.pos += n
	if bytes.IndexByte(seg, '\n') >= 0 {
		nl := bytes.LastIndexByte(seg, '\n')
		d.line += bytes.Count(seg, []byte{'\n'})
		d.lineStart = d.base + int64(d.pos-n+nl+1)
		d.cont = 0
		seg = seg[nl+1:]
	}
	if !ascii {
		d.cont += int64(len(seg) - utf8.RuneCount(seg))
	}
}
