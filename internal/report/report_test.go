package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

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

// TestPointerTextClipsLongTokens: a member name of megabytes is cut in
// the pointer people read, as in the message, token by token; short
// tokens, and the JSON report's pointer, stay whole.
func TestPointerTextClipsLongTokens(t *testing.T) {
	long := strings.Repeat("é", 100000)
	exact := "/" + strings.Repeat("x", finding.ClipLength) + "/0"
	cases := map[string]string{
		"/value/0/actionState":    "/value/0/actionState",
		exact:                     exact,
		"/" + long + "/3/" + long: "/" + finding.Clip(long) + "/3/" + finding.Clip(long),
		"/" + long + "/" + long[:2*(finding.ClipLength-1)]: "/" + finding.Clip(long) + "/" + long[:2*(finding.ClipLength-1)],
	}
	for ptr, want := range cases {
		if got := pointerText(ptr); got != want {
			t.Errorf("pointerText of %d bytes = %.80q..., want %.80q...", len(ptr), got, want)
		}
	}
	if got := finding.Clip(long); len([]rune(got)) != finding.ClipLength || !strings.HasSuffix(got, "…") {
		t.Fatalf("Clip gives %d characters", len([]rune(got)))
	}
	f := finding.Finding{File: "a.json", Line: 1, Column: 1, Rule: "unknown-property", Severity: finding.Warning, Pointer: "/" + long}
	var b bytes.Buffer
	if err := JSON(&b, &Report{Findings: []finding.Finding{f}, Files: []string{"a.json"}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), long) {
		t.Error("the JSON report clipped the pointer")
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
	// Characters of two to four bytes, valid or not, at every place of
	// the first words, and what may follow them.
	for _, r := range []string{"é", "±", "…", "\u2028", "\u2029", "\ufffd", "😀", "\u0085", "\xc3", "\xe2\x80", "\xed\xa0\x80"} {
		for k := range 10 {
			for _, tail := range []string{"", `"`, "\x01", "\xff", `\`, "\u2028"} {
				cases = append(cases, strings.Repeat("ab", k)+r+tail+"é")
			}
		}
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

// TestPrintable holds Printable to its definition, a rune at a time:
// every byte value at every place of strings of 1 to 20 bytes (so in a
// whole word and in the bytes after the last one), among ASCII and
// non-ASCII neighbours; the characters it escapes and those next to them,
// at every place; and random bytes.
func TestPrintable(t *testing.T) {
	slow := func(s string) string {
		var b strings.Builder
		for i, r := range s {
			switch {
			case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\xef\xbf\xbd"):
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
	check := func(s string) {
		t.Helper()
		if got, want := Printable(s), slow(s); got != want {
			t.Fatalf("Printable(%q) = %q, want %q", s, got, want)
		}
	}
	for n := 1; n <= 20; n++ {
		for _, fill := range []string{" ", "~", "a", "é"} {
			for at := 0; at < n; at++ {
				for c := 0; c < 256; c++ {
					check(strings.Repeat(fill, at) + string([]byte{byte(c)}) + strings.Repeat(fill, n-at-1))
				}
			}
		}
	}
	runes := []rune{0x7f, 0x80, 0x85, 0x9f, 0xa0, 0xe9, 0x200d, 0x200e, 0x200f, 0x2010, 0x2027, 0x2028, 0x2029, 0x202a,
		0x202e, 0x202f, 0x2065, 0x2066, 0x2069, 0x206a, 0xfffd, 0x1f600}
	for _, r := range runes {
		for at := 0; at <= 12; at++ {
			check(strings.Repeat("ab", at) + string(r) + "± …")
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		b := make([]byte, rng.IntN(24))
		for i := range b {
			b[i] = byte(rng.IntN(256))
			if rng.IntN(2) == 0 {
				b[i] = 'a' + byte(rng.IntN(26))
			}
		}
		check(string(b))
	}
}

// TestBegins: a format that says how its reports begin recognises the
// start of every report it writes, whatever it holds, and no Graph
// payload or other format's report.
func TestBegins(t *testing.T) {
	reports := map[string][]byte{}
	for _, f := range Formats() {
		for _, r := range []*Report{
			{Tool: Tool{Name: "vppvalidate", Version: "(devel)"}},
			{Tool: Tool{Name: "vppvalidate", Version: "v1.2.3"}, Files: []string{"a.json"},
				Findings: []finding.Finding{{File: "a.json", Line: 1, Column: 2, Rule: "enum", Severity: finding.Error, Message: "m"}}},
		} {
			var b bytes.Buffer
			if err := f.Write(&b, r, Options{}); err != nil {
				t.Fatal(err)
			}
			reports[f.Name] = b.Bytes()
			head := b.Bytes()[:min(b.Len(), HeadSize)]
			if f.Begins != nil && !f.Begins(head) {
				t.Errorf("%s: does not recognise its own report %q", f.Name, head)
			}
		}
	}
	others := [][]byte{
		[]byte(`{"@odata.context":"https://graph.microsoft.com/beta/$metadata#deviceAppManagement/vppTokens","value":[]}`),
		[]byte(`{"findings":7}`),
		[]byte(`{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": []}`),
	}
	for _, r := range reports {
		others = append(others, r[:min(len(r), HeadSize)])
	}
	for _, f := range Formats() {
		if f.Begins == nil {
			continue
		}
		for _, o := range others {
			if f.Begins(o) && !bytes.Equal(o, reports[f.Name][:min(len(reports[f.Name]), HeadSize)]) {
				t.Errorf("%s: takes %q for its report", f.Name, o)
			}
		}
	}
}
