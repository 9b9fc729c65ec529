package report

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

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
	want := "::error file=a.json,line=2,col=5,title=vppvalidate enum::bad\n" +
		"::warning file=a.json,line=3,col=1,title=vppvalidate unknown-property::odd\n" +
		"::notice file=b.json,line=1,col=1,title=vppvalidate x::fyi\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}

	b.Reset()
	if err := GitHub(&b, &Report{}); err != nil || b.Len() != 0 {
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
	if len(lines) != len(fs) {
		t.Fatalf("%d lines for %d findings:\n%s", len(lines), len(fs), out)
	}
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
		wantData := f.Message
		switch {
		case f.File == "-":
			wantData = fmt.Sprintf("stdin:%d:%d: %s", f.Line, f.Column, f.Message)
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
		"100%25 wrong%0Asecond line :: still data, with commas%0D%0Athird %250A literal"
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
