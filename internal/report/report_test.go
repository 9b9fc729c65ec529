package report

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/finding"
)

func sample() *Report {
	fs := []finding.Finding{
		{File: "a.json", Line: 2, Column: 5, Pointer: "/value/0/actionState", Rule: "enum", Severity: finding.Error, Message: "bad"},
		{File: "a.json", Line: 3, Column: 1, Pointer: "", Rule: "unknown-property", Severity: finding.Warning, Message: "odd"},
		{File: "b.json", Line: 1, Column: 1, Pointer: "", Rule: "x", Severity: finding.Info, Message: "fyi"},
	}
	return &Report{Files: []string{"a.json", "b.json"}, Findings: fs,
		Summary: finding.Summary{Files: 2, Resources: 1, Errors: 1, Warnings: 1, Infos: 1}}
}

func TestText(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, sample(), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	want := `a.json:2:5: error [enum] bad (/value/0/actionState)
a.json:3:1: warning [unknown-property] odd (document root)
b.json:1:1: info [x] fyi (document root)
2 files, 1 resource: 1 error, 1 warning, 1 info
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestTextQuietAndColor(t *testing.T) {
	var b bytes.Buffer
	_ = Text(&b, sample(), TextOptions{Quiet: true, FailOn: finding.Error})
	if b.String() != "a.json:2:5: error [enum] bad (/value/0/actionState)\n" {
		t.Errorf("quiet: %q", b.String())
	}
	b.Reset()
	_ = Text(&b, sample(), TextOptions{Quiet: true, FailOn: finding.Warning})
	if b.String() != "a.json:2:5: error [enum] bad (/value/0/actionState)\na.json:3:1: warning [unknown-property] odd (document root)\n" {
		t.Errorf("quiet, failing on warnings: %q", b.String())
	}
	b.Reset()
	_ = Text(&b, sample(), TextOptions{Color: true})
	if !strings.Contains(b.String(), "\x1b[31merror\x1b[0m") || !strings.Contains(b.String(), "\x1b[33mwarning\x1b[0m") {
		t.Errorf("colour: %q", b.String())
	}
	b.Reset()
	_ = Text(&b, sample(), TextOptions{})
	if strings.Contains(b.String(), "\x1b") {
		t.Errorf("escape codes without colour: %q", b.String())
	}
}

func TestJSONShape(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, &Report{}); err != nil {
		t.Fatal(err)
	}
	if b.String() != `{"findings":[],"unreadable":[],"summary":{"files":0,"resources":0,"errors":0,"warnings":0,"infos":0}}`+"\n" {
		t.Errorf("empty: %s", b.String())
	}
	b.Reset()
	_ = JSON(&b, sample())
	var back struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Findings) != 3 || back.Findings[0]["severity"] != "error" || back.Findings[0]["line"] != 2.0 {
		t.Errorf("got %v", back.Findings)
	}
	for _, key := range []string{"file", "line", "column", "pointer", "rule", "severity", "message"} {
		if _, ok := back.Findings[0][key]; !ok {
			t.Errorf("finding has no %q", key)
		}
	}
	if len(back.Findings[0]) != 7 {
		t.Errorf("finding has extra keys: %v", back.Findings[0])
	}
}

// TestPointerTextIsUnambiguous: a member whose name holds an escape
// character and one whose name holds the text \x1b print differently.
func TestPointerTextIsUnambiguous(t *testing.T) {
	real, text := pointerText("/a\x1bb"), pointerText(`/a\x1bb`)
	if real == text || strings.ContainsRune(real, 0x1b) {
		t.Errorf("%q and %q", real, text)
	}
}

// TestJSONStrings: the JSON report writes every string exactly as
// encoding/json does, whether it only quotes it or hands it over: every
// single byte, characters that need an escape, and random strings.
func TestJSONStrings(t *testing.T) {
	cases := []string{"", "plain /value/0/actionState", `a"b`, `a\b`, "<&>", "\u2028\u2029", "\x7f", "é ✓ 😀", "\xff\xfe", "tab\there", "\x00"}
	for c := 0; c < 256; c++ {
		cases = append(cases, string([]byte{byte(c)}), "x"+string([]byte{byte(c)})+"y")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		cases = append(cases, string(b))
		// Printable ASCII, dense in quotes and backslashes, which are
		// escaped without encoding/json.
		for i := range b {
			b[i] = `"\\ az{}`[rng.IntN(8)]
		}
		cases = append(cases, string(b))
		// The same, then a byte that hands the rest to encoding/json.
		cases = append(cases, string(b)+string([]byte{byte(rng.IntN(256))})+`"\\ é`)
	}
	for _, s := range cases {
		var got bytes.Buffer
		j := newJSON(&got, &Report{})
		got.Reset()
		j.w.Reset(&got)
		j.str(s)
		j.w.Flush()
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got.String()+"\n" != want.String() {
			t.Errorf("%q: wrote %s, encoding/json writes %s", s, got.String(), want.String())
		}
	}
}

// TestPrintableASCII holds the word-at-a-time test to its definition:
// every byte value, at every place of strings of 1 to 20 bytes (so in a
// whole word and in the bytes after the last one), among printable
// neighbours at both ends of the range.
func TestPrintableASCII(t *testing.T) {
	slow := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if s[i] < 0x20 || s[i] > 0x7e {
				return false
			}
		}
		return true
	}
	for n := 1; n <= 20; n++ {
		for _, fill := range []byte{' ', '~', 'a'} {
			for at := 0; at < n; at++ {
				b := bytes.Repeat([]byte{fill}, n)
				for c := 0; c < 256; c++ {
					b[at] = byte(c)
					if got, want := printableASCII(string(b)), slow(string(b)); got != want {
						t.Fatalf("printableASCII(%q) = %v, want %v", b, got, want)
					}
				}
			}
		}
	}
}
