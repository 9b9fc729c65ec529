package jsonpos

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
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
	// LaterLine is set on End's error when the value read ended on the
	// input's first line and what follows it, on a later line, can begin
	// a JSON value: the first line holds a whole JSON value, as in JSON
	// Lines, and so may the next.
	LaterLine bool
}

func (e *SyntaxError) Error() string { return e.Msg }

// Comment tells whether the error is at a '/' where a value or a member
// was expected: most often a // or /* comment, as JSONC files (a
// tsconfig.json, an editor's settings) have and JSON does not.
func (e *SyntaxError) Comment() bool {
	return strings.HasPrefix(e.Msg, "unexpected character '/'")
}

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
	// Buffer, when SizeHint is known and small and Buffer's capacity
	// holds it, is the decoder's read buffer, so that a caller reading
	// many small inputs one after another allocates one buffer for all.
	// Its contents are overwritten; what the decoder hands out that looks
	// into its buffer (ScanFlat's members, a Run's Text) then looks into
	// Buffer.
	Buffer []byte
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
	slabs  int     // chunks made so far

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
	// run is set for an array read from a Run: the end of the input
	// ends the run, not the array.
	run bool
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
		// +1 sees the end without a second buffer.
		if int64(cap(opts.Buffer)) > opts.SizeHint {
			d.buf = opts.Buffer[:0]
		} else {
			d.buf = make([]byte, 0, opts.SizeHint+1)
		}
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

// fill reads more input, and may drop the bytes before d.pos, which have
// been consumed. Scanners index the window relative to d.pos, so their
// indices stay valid across a fill. It returns false when no more input
// will come.
//
// The unread bytes are moved to the front only when at least as many
// have been consumed since the last move, and the buffer doubles when it
// is full and mostly unread; otherwise the input is read into the free
// end. So each input byte is moved about once, however often a caller
// asks for a Window a few bytes longer than the one it had: moving the
// unread bytes on every fill made a 1 MB array of a million numbers
// take seconds at -j 2, where the walker asks for a Window of a task's
// size before every item it cannot cut into a run.
func (d *Decoder) fill() bool {
	for !d.eof {
		unread := len(d.buf) - d.pos
		switch {
		case d.pos > 0 && d.pos >= unread:
			copy(d.buf, d.buf[d.pos:])
			d.base += int64(d.pos)
			d.buf, d.pos = d.buf[:unread], 0
		case len(d.buf) == cap(d.buf):
			nb := make([]byte, unread, max(minBuffer, 2*cap(d.buf)))
			copy(nb, d.buf[d.pos:])
			d.base += int64(d.pos)
			d.buf, d.pos = nb, 0
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
		cont += int64(extraBytes(seg))
	}
	return Pos{Offset: off, Line: d.line, Column: int(off-d.lineStart-cont) + 1}
}

// consume moves the scan point past n bytes of a token (never a newline).
func (d *Decoder) consume(n int, nonASCII bool) {
	if nonASCII {
		seg := d.buf[d.pos : d.pos+n]
		d.cont += int64(extraBytes(seg))
	}
	d.pos += n
}

func (d *Decoder) fail(p Pos, format string, args ...any) error {
	if d.err == nil {
		d.err = &SyntaxError{Pos: d.lineBreak(p), Pointer: pointer(d.path), Msg: fmt.Sprintf(format, args...)}
	}
	return d.err
}

// lineBreak places an error at the end of a JSON Lines line where the
// line break starts: at the \r of a \r\n, which skipping spaces passed,
// as it is at the \n of a lone \n. p is any position d has in its buffer.
func (d *Decoder) lineBreak(p Pos) Pos {
	i := int(p.Offset - d.base)
	if d.oneLine && i > 0 && i < len(d.buf) && d.buf[i] == '\n' && d.buf[i-1] == '\r' {
		p.Offset--
		p.Column--
	}
	return p
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
	line := d.line // where the value ended
	_, ok, err := d.Peek()
	if err != nil || !ok {
		return err
	}
	err = d.fail(d.here(0), "unexpected %s after the end of the JSON value", d.describe(0))
	if se, ok := err.(*SyntaxError); ok && line == 1 && d.line > 1 && beginsValue(d.buf[d.pos]) {
		se.LaterLine = true
	}
	return err
}

// beginsValue tells whether a JSON value can begin with c (RFC 8259,
// section 3).
func beginsValue(c byte) bool {
	switch c {
	case '{', '[', '"', '-', 't', 'f', 'n':
		return true
	}
	return '0' <= c && c <= '9'
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
