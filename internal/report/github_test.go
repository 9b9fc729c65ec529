package report

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// ghCommand is one workflow command read back the way the runner reads it.
type ghCommand struct {
	name  string
	props map[string]string
	order []string // property names as written
	data  string
}

// parseGHCommand splits "::name k=v,k=v::data" and undoes the escapes.
// Properties cannot contain "::" once escaped, so the first "::" after the
// name ends them.
func parseGHCommand(line string) (ghCommand, error) {
	rest, ok := strings.CutPrefix(line, "::")
	if !ok {
		return ghCommand{}, fmt.Errorf("no leading ::")
	}
	head, data, ok := strings.Cut(rest, "::")
	if !ok {
		return ghCommand{}, fmt.Errorf("no :: before the data")
	}
	cmd := ghCommand{props: map[string]string{}}
	name, props, _ := strings.Cut(head, " ")
	cmd.name = name
	if props != "" {
		for _, kv := range strings.Split(props, ",") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				return cmd, fmt.Errorf("property %q has no =", kv)
			}
			u, err := ghUnescape(v, true)
			if err != nil {
				return cmd, err
			}
			cmd.props[k] = u
			cmd.order = append(cmd.order, k)
		}
	}
	var err error
	cmd.data, err = ghUnescape(data, false)
	return cmd, err
}

// ghUnescape decodes left to right, so that "%250A" is "%0A" and not a
// line break, and fails on anything the runner would not decode or on a
// raw character that escaping should have removed.
func ghUnescape(s string, property bool) (string, error) {
	codes := map[string]byte{"25": '%', "0D": '\r', "0A": '\n'}
	if property {
		codes["3A"] = ':'
		codes["2C"] = ','
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%':
			if i+3 > len(s) {
				return "", fmt.Errorf("%q: truncated escape", s)
			}
			d, ok := codes[s[i+1:i+3]]
			if !ok {
				return "", fmt.Errorf("%q: unexpected escape %%%s", s, s[i+1:i+3])
			}
			b.WriteByte(d)
			i += 2
		case c == '\r' || c == '\n' || property && (c == ':' || c == ','):
			return "", fmt.Errorf("%q: raw %q", s, c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

func TestGitHubSimple(t *testing.T) {
	var b bytes.Buffer
	if err := GitHub(&b, sample()); err != nil {
		t.Fatal(err)
	}
	want := "::error file=a.json,line=2,col=5,title=vppvalidate enum::a.json:2:5: bad (/value/0/actionState)\n" +
		"::warning file=a.json,line=3,col=1,title=vppvalidate unknown-property::a.json:3:1: odd (document root)\n" +
		"::notice file=b.json,line=1,col=1,title=vppvalidate x::b.json:1:1: fyi (document root)\n" +
		"2 files, 1 resource: 1 error, 1 warning, 1 info\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}

	b.Reset()
	if err := GitHub(&b, &Report{}); err != nil || b.String() != "0 files, 0 resources: 0 errors, 0 warnings, 0 infos\n" {
		t.Errorf("no findings wrote %q (%v)", b.String(), err)
	}
}

func TestGitHubRoundTrip(t *testing.T) {
	fs := []finding.Finding{
		{File: "dir,with:odd/100%.json", Line: 12, Column: 34, Pointer: "/a", Rule: "enum", Severity: finding.Error,
			Message: "100% wrong\nsecond line :: still data, with commas\r\nthird %0A literal"},
		{File: "plain.json", Line: 1, Column: 1, Rule: "unknown-property", Severity: finding.Warning, Message: "::error::not a command"},
		{File: "plain.json", Line: 2, Column: 3, Rule: "missing-property", Severity: finding.Info, Message: "info"},
		{File: "nowhere.json", Rule: "syntax", Severity: finding.Error, Message: "no position"},
		{File: "-", Line: 4, Column: 2, Rule: "syntax", Severity: finding.Error, Message: "from stdin"},
	}
	r := &Report{Tool: Tool{Name: "vppvalidate"}, Files: []string{"dir,with:odd/100%.json", "plain.json", "nowhere.json", "-"}, Findings: fs}
	var b bytes.Buffer
	if err := GitHub(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasSuffix(out, "\n") {
		t.Fatalf("output does not end in a newline: %q", out)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(fs)+1 {
		t.Fatalf("%d lines for %d findings and a summary:\n%s", len(lines), len(fs), out)
	}
	lines = lines[:len(fs)]
	wantName := map[finding.Severity]string{finding.Error: "error", finding.Warning: "warning", finding.Info: "notice"}
	for i, line := range lines {
		f := fs[i]
		if strings.ContainsRune(line, '\r') {
			t.Errorf("line %d holds a raw CR: %q", i, line)
		}
		cmd, err := parseGHCommand(line)
		if err != nil {
			t.Errorf("line %d: %v: %q", i, err, line)
			continue
		}
		if cmd.name != wantName[f.Severity] {
			t.Errorf("line %d: command %q, want %q", i, cmd.name, wantName[f.Severity])
		}
		if cmd.props["title"] != "vppvalidate "+f.Rule {
			t.Errorf("line %d: title %q", i, cmd.props["title"])
		}
		wantProps := map[string]string{"title": "vppvalidate " + f.Rule}
		wantData := location(f.File, f.Line, f.Column) + ": " + Printable(f.Message) + " (" + pointerText(f.Pointer) + ")"
		switch {
		case f.File == "-":
			wantData = fmt.Sprintf("stdin:%d:%d: %s (document root)", f.Line, f.Column, f.Message)
		case f.Line == 0:
			wantProps["file"] = f.File
		default:
			wantProps["file"] = f.File
			wantProps["line"] = strconv.Itoa(f.Line)
			wantProps["col"] = strconv.Itoa(f.Column)
		}
		if fmt.Sprint(cmd.props) != fmt.Sprint(wantProps) {
			t.Errorf("line %d: properties %v, want %v", i, cmd.props, wantProps)
		}
		if cmd.order[len(cmd.order)-1] != "title" || (len(cmd.order) > 1 && cmd.order[0] != "file") {
			t.Errorf("line %d: property order %v", i, cmd.order)
		}
		if cmd.data != wantData {
			t.Errorf("line %d: message %q, want %q", i, cmd.data, wantData)
		}
	}
	wantFirst := "::error file=dir%2Cwith%3Aodd/100%25.json,line=12,col=34,title=vppvalidate enum::" +
		`dir,with:odd/100%25.json:12:34: 100%25 wrong\nsecond line :: still data, with commas\r\nthird %250A literal (/a)`
	if lines[0] != wantFirst {
		t.Errorf("escaping:\n%s\nwant\n%s", lines[0], wantFirst)
	}
}

func TestGitHubEscapers(t *testing.T) {
	for in, want := range map[string]string{
		"a%b\rc\nd:e,f": "a%25b%0Dc%0Ad:e,f",
		"%0A":           "%250A",
	} {
		if got := ghDataEscaper.Replace(in); got != want {
			t.Errorf("data %q -> %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"a%b\rc\nd:e,f": "a%25b%0Dc%0Ad%3Ae%2Cf",
		"%3A":           "%253A",
	} {
		if got := ghPropertyEscaper.Replace(in); got != want {
			t.Errorf("property %q -> %q, want %q", in, got, want)
		}
	}
}

// TestGitHubFilePropertyNamesTheFile: a CR or LF in a path reaches the
// runner as %0D or %0A in the file property, which the runner turns back
// into the path, so that the annotation is placed on the file; the
// message shows the path as Printable writes it, on one line. A control
// character the runner has no escape for stays Printable's.
func TestGitHubFilePropertyNamesTheFile(t *testing.T) {
	paths := []string{"nl\nx.json", "cr\rx.json", "a,b:c%d\r\n.json", "\n", "esc\x1b\n.json"}
	r := &Report{Tool: Tool{Name: "vppvalidate"}, Files: paths}
	for _, p := range paths {
		r.Findings = append(r.Findings, finding.Finding{File: p, Line: 1, Column: 2, Rule: "enum", Severity: finding.Error, Message: "bad"})
		r.Unreadable = append(r.Unreadable, Unreadable{File: p, Reason: "gone"})
	}
	var b bytes.Buffer
	if err := GitHub(&b, r); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 2*len(paths)+1 {
		t.Fatalf("%d lines for %d findings, %d unreadable and a summary:\n%s", len(lines), len(paths), len(paths), b.String())
	}
	for i, line := range lines[:2*len(paths)] {
		p := paths[i%len(paths)]
		cmd, err := parseGHCommand(line)
		if err != nil {
			t.Errorf("line %d: %v: %q", i, err, line)
			continue
		}
		want := p
		if strings.ContainsRune(p, '\x1b') {
			want = strings.ReplaceAll(p, "\x1b", `\x1b`)
		}
		if cmd.props["file"] != want {
			t.Errorf("line %d: file %q, want %q: %s", i, cmd.props["file"], want, line)
		}
		if !strings.Contains(cmd.data, Printable(p)) || strings.ContainsAny(cmd.data, "\r\n") {
			t.Errorf("line %d: message %q does not show %s on one line", i, cmd.data, Printable(p))
		}
	}
	if want := "::error file=nl%0Ax.json,line=1,col=2,title=vppvalidate enum::nl\\nx.json:1:2: bad (document root)"; lines[0] != want {
		t.Errorf("got\n%s\nwant\n%s", lines[0], want)
	}
}

// TestGitHubNothingRawFromTheInput feeds control characters through every
// field that comes from the input: each finding must stay one line, with
// no control character left for the runner or a terminal to act on.
func TestGitHubNothingRawFromTheInput(t *testing.T) {
	nasty := "a\x1b[31mred\x00\u2028b\rc\nd\u202e\u009b\xff"
	r := &Report{
		Files:      []string{nasty + ".json"},
		Findings:   []finding.Finding{{File: nasty + ".json", Line: 1, Column: 2, Pointer: "/" + nasty, Rule: "unknown-property", Severity: finding.Warning, Message: "unknown property " + nasty}},
		Unreadable: []Unreadable{{File: nasty, Reason: nasty}},
	}
	for name, render := range map[string]func(*bytes.Buffer) error{
		"github": func(b *bytes.Buffer) error { return GitHub(b, r) },
		"text":   func(b *bytes.Buffer) error { return Text(b, r, TextOptions{}) },
	} {
		var b bytes.Buffer
		if err := render(&b); err != nil {
			t.Fatal(err)
		}
		out := strings.TrimSuffix(b.String(), "\n")
		lines := strings.Split(out, "\n")
		want := map[string]int{"github": 3, "text": 2}[name] // findings, unreadable, summary
		if len(lines) != want {
			t.Errorf("%s: %d lines, want %d:\n%s", name, len(lines), want, out)
		}
		for _, r := range out {
			if r < 0x20 && r != '\n' || r == 0x7f || 0x80 <= r && r < 0xa0 || r == 0x2028 || r == 0x202e || r == utf8.RuneError {
				t.Errorf("%s: raw %U in %q", name, r, out)
			}
		}
		if !strings.Contains(out, `a\x1b[31mred\x00\u2028b\rc\nd\u202e\u009b\xff`) {
			t.Errorf("%s: the escaped text is not there:\n%s", name, out)
		}
	}
}

// location is "file:line:column", or less where the finding has no line or
// column.
func location(file string, line, col int) string {
	switch {
	case line < 1:
		return file
	case col < 1:
		return fmt.Sprintf("%s:%d", file, line)
	}
	return fmt.Sprintf("%s:%d:%d", file, line, col)
}
