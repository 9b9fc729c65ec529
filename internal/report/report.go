// Package report renders findings. Formatters only render: the findings
// and the summary arrive computed, in their final order.
package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// Report is everything a formatter may show about one run.
type Report struct {
	Tool     Tool
	Rules    []rules.Rule      // the whole catalogue, sorted by ID
	Files    []string          // the inputs checked, in order ("-" for stdin)
	Findings []finding.Finding // ordered by file, then position
	// Unreadable lists the inputs that could not be read, or not to their
	// end, in the order met; Summary.Unreadable counts them.
	Unreadable []Unreadable
	Summary    finding.Summary
	// OffHosts names the first finding.MaxHosts hosts (host[:port]) of
	// the recorded calls Summary.OffHost counts, each once.
	OffHosts []string
}

// Unreadable is an input that could not be read: missing, a directory
// where a file was expected, not permitted, over --max-size. An input
// read only in part is also in Files, with the findings up to where
// reading stopped.
type Unreadable struct {
	File   string `json:"file"`   // as given; "-" for standard input
	Reason string `json:"reason"` // in words, without the file name
}

// Tool names the program that produced a report.
type Tool struct {
	Name           string // "vppvalidate"
	Version        string // module version, "(devel)" for a checkout build
	InformationURI string // the project's home page
}

// TextOptions tune the text format.
type TextOptions struct {
	Color bool // ANSI colours, for a terminal
	// Quiet prints only the findings at or above FailOn, the ones that
	// make the run fail, and no summary line.
	Quiet  bool
	FailOn finding.Severity
}

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiDim    = "\x1b[2m"
)

// Text writes one line per finding,
//
//	file:line:column: severity [rule] message (pointer)
//
// and then a summary line. Everything that comes from the input (file
// name, message, pointer) goes through Printable, so that a finding is
// always one line and no input can write control sequences to a terminal.
func Text(w io.Writer, r *Report, opts TextOptions) error {
	return writeAll(newText(w, r, opts), r)
}

// textWriter is the text format as a Writer: each finding is a line as
// it comes.
type textWriter struct {
	w    *bufio.Writer
	r    *Report
	opts TextOptions
	num  [20]byte // a number being written
	// The last finding's file, and that file as it is printed.
	file, printed string
}

func newText(w io.Writer, r *Report, opts TextOptions) *textWriter {
	return &textWriter{w: bufio.NewWriterSize(w, 64<<10), r: r, opts: opts}
}

// open starts text painted with code, when colours are on; shut ends it.
func (t *textWriter) open(code string) {
	if t.opts.Color {
		t.w.WriteString(code)
	}
}

func (t *textWriter) shut() {
	if t.opts.Color {
		t.w.WriteString(ansiReset)
	}
}

// Finding writes one line, piece by piece: a run may write millions.
func (t *textWriter) Finding(f finding.Finding) error {
	if t.opts.Quiet && f.Severity < t.opts.FailOn {
		return nil
	}
	w := t.w
	t.open(ansiBold)
	if f.File != t.file || t.printed == "" {
		t.file, t.printed = f.File, Printable(f.File)
	}
	w.WriteString(t.printed)
	w.WriteByte(':')
	w.Write(strconv.AppendInt(t.num[:0], int64(f.Line), 10))
	w.WriteByte(':')
	w.Write(strconv.AppendInt(t.num[:0], int64(f.Column), 10))
	w.WriteByte(':')
	t.shut()
	w.WriteByte(' ')
	switch f.Severity {
	case finding.Error:
		t.open(ansiRed)
	case finding.Warning:
		t.open(ansiYellow)
	case finding.Info:
		t.open(ansiBlue)
	}
	w.WriteString(f.Severity.String())
	if f.Severity >= finding.Info && f.Severity <= finding.Error {
		t.shut()
	}
	w.WriteString(" [")
	w.WriteString(Printable(f.Rule))
	w.WriteString("] ")
	w.WriteString(Printable(f.Message))
	w.WriteByte(' ')
	t.open(ansiDim)
	w.WriteByte('(')
	w.WriteString(pointerText(f.Pointer))
	w.WriteByte(')')
	t.shut()
	_, err := w.WriteString("\n")
	return err
}

func (t *textWriter) End() error {
	if !t.opts.Quiet {
		t.w.WriteString(summaryLine(t.r.Summary))
		t.w.WriteByte('\n')
	}
	return t.w.Flush()
}

func summaryLine(s finding.Summary) string {
	line := fmt.Sprintf("%s, %s: %s, %s, %s",
		finding.Count(s.Files, "file", "files"), finding.Count(s.Resources, "resource", "resources"),
		finding.Count(s.Errors, "error", "errors"), finding.Count(s.Warnings, "warning", "warnings"),
		finding.Count(s.Infos, "info", "infos"))
	if s.Skipped > 0 {
		line += fmt.Sprintf(" (%s in recordings skipped: not Graph VPP JSON)", finding.Count(s.Skipped, "call", "calls"))
	}
	if s.Suppressed > 0 {
		line += fmt.Sprintf(" (%d suppressed by the baseline)", s.Suppressed)
	}
	if s.Recorded > 0 {
		line += fmt.Sprintf(" (%s recorded in the baseline, not listed)", finding.Count(s.Recorded, "finding", "findings"))
	}
	if s.Unreadable > 0 {
		line += "; " + finding.Count(s.Unreadable, "input", "inputs") + " could not be read"
	}
	return line
}

// pointerText is a finding's pointer as people read it, made printable.
// A backslash is doubled, so that a member called `a\x1bb` and one
// holding an escape character read differently: a pointer, unlike a
// message, quotes nothing. Each reference token is clipped as a message
// clips a value (finding.Clip), so that a member name of megabytes does
// not make a line of megabytes; the machine-read formats keep the
// pointer whole.
func pointerText(ptr string) string {
	if ptr == "" {
		return "document root"
	}
	return Printable(strings.ReplaceAll(clipTokens(ptr), `\`, `\\`))
}

// clipTokens clips each reference token of a JSON pointer that is longer
// than finding.ClipLength characters.
func clipTokens(ptr string) string {
	long := false
	for tok := range strings.SplitSeq(ptr, "/") {
		if len(tok) > finding.ClipLength {
			long = true
			break
		}
	}
	if !long {
		return ptr // no token has more bytes, let alone characters
	}
	var b strings.Builder
	for i, tok := range strings.Split(ptr, "/") {
		if i > 0 {
			b.WriteString("/")
		}
		b.WriteString(finding.Clip(tok))
	}
	return b.String()
}

// Printable makes text that may come from an input safe to print as part
// of one line of a terminal or a CI log: control characters (C0, DEL, C1),
// the Unicode line and paragraph separators, the bidirectional formatting
// characters and invalid UTF-8 become escapes such as \x1b, \n, \u2028 or
// \xff. Everything else, including non-ASCII letters, is kept.
func Printable(s string) string {
	i := printablePrefix(s)
	if i == len(s) {
		return s // the usual case, non-ASCII letters included
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i < len(s) {
		b.WriteString(s[:i])
		s = s[i:]
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1:
			escapeByte(&b, `\x`, s[0])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80:
			escapeByte(&b, `\x`, byte(r))
		default:
			escapeByte(&b, `\u`, byte(r>>8))
			escapeByte(&b, "", byte(r))
		}
		s = s[size:]
		i = printablePrefix(s)
	}
	b.WriteString(s)
	return b.String()
}

// escapeByte writes prefix and c as two lower-case hex digits.
func escapeByte(b *strings.Builder, prefix string, c byte) {
	const hex = "0123456789abcdef"
	b.WriteString(prefix)
	b.WriteByte(hex[c>>4])
	b.WriteByte(hex[c&0xf])
}

// printablePrefix returns how many bytes at the start of s Printable
// keeps as they are: printable ASCII is passed over eight bytes at a
// time, and other characters are decoded one by one only to tell the few
// that need an escape.
func printablePrefix(s string) int {
	i := 0
	for i < len(s) {
		for i+8 <= len(s) {
			if w := word(s, i); below(w, 0x20) || w&highs != 0 || zeroIn(w^0x7f*ones) {
				break
			}
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || 0x80 <= r && r < 0xa0 || r == 0x2028 || r == 0x2029 ||
			0x200e <= r && r <= 0x200f || 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069 {
			return i
		}
		i += size
	}
	return i
}

// Bytes a word at a time: a uint64 holds eight bytes of a string, and a
// few additions and masks tell whether any of them is zero or below a
// bound. A borrow or carry between bytes can only start at a byte that
// is itself a match, so "any" is answered exactly.
const ones, highs = 0x0101010101010101, 0x8080808080808080

// word is the eight bytes of s from i, the first in the low byte.
func word(s string, i int) uint64 {
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// below tells whether a byte of w is below n, for n up to 0x80.
func below(w uint64, n byte) bool { return (w-uint64(n)*ones)&^w&highs != 0 }

// zeroIn tells whether a byte of w is zero.
func zeroIn(w uint64) bool { return below(w, 1) }

// displayFile names an input for people: "-" is standard input.
func displayFile(file string) string {
	if file == "-" {
		return "stdin"
	}
	return file
}

// JSON writes the stable machine-readable shape:
//
//	{"findings":[{...}],"unreadable":[{"file":"x.json","reason":"..."}],"summary":{"files":1,...}}
//
// on one line. findings and unreadable are [] (never null) when there
// are none. HTML characters are not escaped: messages quote JSON.
func JSON(w io.Writer, r *Report) error {
	return writeAll(newJSON(w, r), r)
}

// jsonWriter is the JSON format as a Writer: the findings array is
// written as it fills, the members after it at End.
type jsonWriter struct {
	w   *bufio.Writer
	r   *Report
	enc *json.Encoder
	buf bytes.Buffer // one value, as enc writes it
	n   int          // findings written
	num [20]byte
}

func newJSON(w io.Writer, r *Report) *jsonWriter {
	j := &jsonWriter{w: bufio.NewWriterSize(w, 64<<10), r: r}
	j.enc = json.NewEncoder(&j.buf)
	j.enc.SetEscapeHTML(false)
	j.w.WriteString(`{"findings":[`)
	return j
}

// value writes v as encoding/json would inside the whole document.
func (j *jsonWriter) value(v any) error {
	j.buf.Reset()
	if err := j.enc.Encode(v); err != nil {
		return err
	}
	_, err := j.w.Write(bytes.TrimSuffix(j.buf.Bytes(), []byte("\n")))
	return err
}

// Finding writes f as encoding/json writes a finding.Finding: its members
// in their order, with call left out when empty.
func (j *jsonWriter) Finding(f finding.Finding) error {
	if j.n > 0 {
		j.w.WriteByte(',')
	}
	j.n++
	w := j.w
	w.WriteString(`{"file":`)
	j.str(f.File)
	w.WriteString(`,"line":`)
	w.Write(strconv.AppendInt(j.num[:0], int64(f.Line), 10))
	w.WriteString(`,"column":`)
	w.Write(strconv.AppendInt(j.num[:0], int64(f.Column), 10))
	w.WriteString(`,"pointer":`)
	j.str(f.Pointer)
	w.WriteString(`,"rule":`)
	j.str(f.Rule)
	w.WriteString(`,"severity":`)
	j.str(f.Severity.String())
	w.WriteString(`,"message":`)
	j.str(f.Message)
	if f.Call != "" {
		w.WriteString(`,"call":`)
		j.str(f.Call)
	}
	_, err := w.WriteString("}")
	return err
}

// str writes a string as encoding/json does (HTML characters not
// escaped), in one pass: printable ASCII goes out as it is, with a
// backslash before each " and \, which is all encoding/json does to it;
// from the first other byte on (a control character or a non-ASCII
// one), the rest of the string is handed to encoding/json, whose escapes
// depend on each character alone (TestJSONStrings compares the two).
func (j *jsonWriter) str(s string) {
	w := j.w
	w.WriteByte('"')
	from := 0
	for i := 0; i < len(s); i++ {
		for i+8 <= len(s) {
			// Skip words of printable ASCII without " or \.
			if x := word(s, i); below(x, 0x20) || x&highs != 0 || zeroIn(x^'"'*ones) || zeroIn(x^'\\'*ones) {
				break
			}
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if jsonPlain[c] {
			continue
		}
		if c >= utf8.RuneSelf {
			// Valid UTF-8 is written as it is, but for the two characters
			// encoding/json escapes.
			if r, size := utf8.DecodeRuneInString(s[i:]); size > 1 && r != 0x2028 && r != 0x2029 {
				i += size - 1
				continue
			}
		}
		w.WriteString(s[from:i])
		if c != '"' && c != '\\' {
			j.buf.Reset()
			_ = j.enc.Encode(s[i:]) // a string always encodes
			// Without its opening quote and the newline after the closing one.
			w.Write(j.buf.Bytes()[1 : j.buf.Len()-1])
			return
		}
		w.WriteByte('\\')
		from = i
	}
	w.WriteString(s[from:])
	w.WriteByte('"')
}

// jsonPlain marks the bytes that encoding/json writes in a string as they
// are, when it does not escape HTML characters: printable ASCII and DEL,
// but for " and \ (RFC 8259, section 7, asks more only of control
// characters; encoding/json also escapes U+2028, U+2029 and invalid
// UTF-8, which are not ASCII).
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c <= 0x7f; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

func (j *jsonWriter) End() error {
	unreadable := j.r.Unreadable
	if unreadable == nil {
		unreadable = []Unreadable{}
	}
	j.w.WriteString(`],"unreadable":`)
	if err := j.value(unreadable); err != nil {
		return err
	}
	j.w.WriteString(`,"summary":`)
	if err := j.value(j.r.Summary); err != nil {
		return err
	}
	j.w.WriteString("}\n")
	return j.w.Flush()
}
