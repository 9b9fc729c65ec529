// Package report renders findings. Formatters only render: the findings
// and the summary arrive computed, in their final order.
package report

import (
	"encoding/json"
	"fmt"
	"io"
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
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}
	var b strings.Builder
	for _, f := range r.Findings {
		if opts.Quiet && f.Severity < opts.FailOn {
			continue
		}
		sev := f.Severity.String()
		switch f.Severity {
		case finding.Error:
			sev = paint(ansiRed, sev)
		case finding.Warning:
			sev = paint(ansiYellow, sev)
		case finding.Info:
			sev = paint(ansiBlue, sev)
		}
		fmt.Fprintf(&b, "%s %s [%s] %s %s\n",
			paint(ansiBold, fmt.Sprintf("%s:%d:%d:", Printable(f.File), f.Line, f.Column)),
			sev, Printable(f.Rule), Printable(f.Message), paint(ansiDim, "("+pointerText(f.Pointer)+")"))
	}
	if !opts.Quiet {
		b.WriteString(summaryLine(r.Summary))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func summaryLine(s finding.Summary) string {
	line := fmt.Sprintf("%s, %s: %s, %s, %s",
		plural(s.Files, "file", "files"), plural(s.Resources, "resource", "resources"),
		plural(s.Errors, "error", "errors"), plural(s.Warnings, "warning", "warnings"),
		plural(s.Infos, "info", "infos"))
	if s.Skipped > 0 {
		line += fmt.Sprintf(" (%s in recordings skipped: not Graph VPP JSON)", plural(s.Skipped, "call", "calls"))
	}
	if s.Suppressed > 0 {
		line += fmt.Sprintf(" (%d suppressed by the baseline)", s.Suppressed)
	}
	if s.Recorded > 0 {
		line += fmt.Sprintf(" (%s recorded in the baseline, not listed)", plural(s.Recorded, "finding", "findings"))
	}
	if s.Unreadable > 0 {
		line += "; " + plural(s.Unreadable, "input", "inputs") + " could not be read"
	}
	return line
}

// pointerText is a finding's pointer as people read it, made printable.
// A backslash is doubled, so that a member called `a\x1bb` and one
// holding an escape character read differently: a pointer, unlike a
// message, quotes nothing.
func pointerText(ptr string) string {
	if ptr == "" {
		return "document root"
	}
	return Printable(strings.ReplaceAll(ptr, `\`, `\\`))
}

// Printable makes text that may come from an input safe to print as part
// of one line of a terminal or a CI log: control characters (C0, DEL, C1),
// the Unicode line and paragraph separators, the bidirectional formatting
// characters and invalid UTF-8 become escapes such as \x1b, \n, \u2028 or
// \xff. Everything else, including non-ASCII letters, is kept.
func Printable(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && strings.HasPrefix(s[i:], "\xef\xbf\xbd"):
			b.WriteRune(r) // a real U+FFFD
		case r == utf8.RuneError:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\x%02x", r)
		case 0x80 <= r && r < 0xa0, r == 0x2028, r == 0x2029,
			0x200e <= r && r <= 0x200f, 0x202a <= r && r <= 0x202e, 0x2066 <= r && r <= 0x2069:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// displayFile names an input for people: "-" is standard input.
func displayFile(file string) string {
	if file == "-" {
		return "stdin"
	}
	return file
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// JSON writes the stable machine-readable shape:
//
//	{"findings":[{...}],"unreadable":[{"file":"x.json","reason":"..."}],"summary":{"files":1,...}}
//
// findings and unreadable are [] (never null) when there are none.
func JSON(w io.Writer, r *Report) error {
	out := struct {
		Findings   []finding.Finding `json:"findings"`
		Unreadable []Unreadable      `json:"unreadable"`
		Summary    finding.Summary   `json:"summary"`
	}{r.Findings, r.Unreadable, r.Summary}
	if out.Findings == nil {
		out.Findings = []finding.Finding{}
	}
	if out.Unreadable == nil {
		out.Unreadable = []Unreadable{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
