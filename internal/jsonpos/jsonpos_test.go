package jsonpos

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

func mustParse(t *testing.T, src string) *Document {
	t.Helper()
	d, err := Parse([]byte(src), Options{})
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return d
}

func TestPositionsOfValuesAndNames(t *testing.T) {
	src := "{\n  \"a\": [1, \"é\", {\"b\": true}],\n\t\"ü\": null\n}"
	d := mustParse(t, src)
	cases := []struct {
		ptr       string
		line, col int
		name      bool // position of the member name instead of the value
	}{
		{"", 1, 1, false},
		{"/a", 2, 8, false},
		{"/a", 2, 3, true},
		{"/a/0", 2, 9, false},
		{"/a/1", 2, 12, false},
		{"/a/2/b", 2, 23, false},
		{"/ü", 3, 2, true},
		{"/ü", 3, 7, false}, // columns count characters, not bytes
	}
	for _, c := range cases {
		v, m, ok := Resolve(d.Root, SplitPointer(c.ptr))
		if !ok {
			t.Fatalf("Resolve(%q) failed", c.ptr)
		}
		p := v.Pos
		if c.name {
			p = m.NamePos
		}
		if line, col := p.Line, p.Column; line != c.line || col != c.col {
			t.Errorf("%s (name=%v): got %d:%d, want %d:%d", c.ptr, c.name, line, col, c.line, c.col)
		}
	}
}

func TestNumbersKeepTheirText(t *testing.T) {
	for _, lit := range []string{"99999999999999999999", "-0", "1.50", "3e9", "1E+400", "-2147483649"} {
		d := mustParse(t, lit)
		if d.Root.Kind != Number || d.Root.Text != lit {
			t.Errorf("%s: got kind %v text %q", lit, d.Root.Kind, d.Root.Text)
		}
		if n, ok := ToAny(d.Root).(json.Number); !ok || string(n) != lit {
			t.Errorf("%s: ToAny gave %#v", lit, ToAny(d.Root))
		}
	}
}

func TestStringsDecode(t *testing.T) {
	d := mustParse(t, `"a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00é"`)
	if want := "a\"\\/\b\f\n\r\té😀é"; d.Root.Text != want {
		t.Errorf("got %q, want %q", d.Root.Text, want)
	}
}

func TestDuplicates(t *testing.T) {
	src := `{"a": 1, "b": {"x": 1, "x": 2}, "a": 3, "c/~": [{"k": 0, "k": 1}], "c/~": 0}`
	d := mustParse(t, src)
	got := make([]string, len(d.Duplicates))
	for i, dup := range d.Duplicates {
		got[i] = dup.Pointer
		if off := dup.Pos.Offset; src[off:off+int64(len(dup.Name))+2] != `"`+dup.Name+`"` {
			t.Errorf("duplicate %s: offset %d does not point at its name", dup.Pointer, off)
		}
		if dup.First.Offset >= dup.Pos.Offset {
			t.Errorf("duplicate %s: first occurrence %v is not before %v", dup.Pointer, dup.First, dup.Pos)
		}
	}
	want := []string{"/b/x", "/a", "/c~1~0/0/k", "/c~1~0"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %v, want %v", got, want)
	}
	// Last one wins, as in encoding/json.
	if v := d.Root.Get("a"); v.Text != "3" {
		t.Errorf("Get(a) = %s, want 3", v.Text)
	}
}

func TestDuplicatesInLargeObjects(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 40; i++ {
		b.WriteString(`"k` + strings.Repeat("x", i) + `": 0, `)
	}
	b.WriteString(`"k": 1, "kxxx": 2}`)
	d := mustParse(t, b.String())
	if len(d.Duplicates) != 2 || d.Duplicates[0].Pointer != "/k" || d.Duplicates[1].Pointer != "/kxxx" {
		t.Errorf("got %+v", d.Duplicates)
	}
}

func TestSyntaxErrors(t *testing.T) {
	cases := []struct {
		src       string
		line, col int
		msg       string
	}{
		{"", 1, 1, "empty"},
		{" \n ", 2, 2, "only white space"},
		{`{"a": 1,}`, 1, 8, "trailing comma before '}'"},
		{`[1, 2,]`, 1, 6, "trailing comma before ']'"},
		{`{"a": 1} x`, 1, 10, "after the end of the JSON value"},
		{`{"a": 1}{}`, 1, 9, "after the end of the JSON value"},
		{`{"a" 1}`, 1, 6, "expected ':'"},
		{`{a: 1}`, 1, 2, "expected a member name in double quotes"},
		{`{"a": 1 "b": 2}`, 1, 9, "expected ',' or '}'"},
		{`[1 2]`, 1, 4, "expected ',' or ']'"},
		{`[01]`, 1, 2, "leading zero"},
		{`[1.]`, 1, 4, "after the decimal point"},
		{`[1e]`, 1, 4, "in the exponent"},
		{`[-]`, 1, 3, "expected a digit"},
		{`[tru]`, 1, 5, `expected "true"`},
		{`[nul`, 1, 5, `expected "null"`},
		{"[\"a\tb\"]", 1, 4, "control character 0x09"},
		{`["\x"]`, 1, 3, `invalid escape sequence \x`},
		{`["\u12G4"]`, 1, 3, "four hexadecimal digits"},
		{`["\ud800"]`, 1, 3, "surrogate"},
		{`["\udc00\ud800"]`, 1, 3, "surrogate"},
		{`["\ud800\u0041"]`, 1, 3, "surrogate"},
		{"[\"a\xffb\"]", 1, 4, "not valid UTF-8"},
		{"[\xff]", 1, 2, "not valid UTF-8"},
		{"[\"abc", 1, 6, "unexpected end of input in the string that starts at line 1, column 2"},
		{"{\"a\": [1,\n", 2, 1, "unexpected end of input; expected a value"},
		{"{\"a\": 1", 1, 8, "in the object opened at line 1, column 1"},
		{"\xef\xbb\xbf{,}", 1, 2, "expected a member name"},
		{"\xff\xfe{\x00}\x00", 1, 1, "UTF-16 (little-endian)"},
		{"\xfe\xff\x00{\x00}", 1, 1, "UTF-16 (big-endian)"},
		{"{\x00}\x00", 1, 1, "looks UTF-16"},
		{"\x00", 1, 1, "NUL byte"},
		{"]", 1, 1, "expected a value"},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.src), Options{})
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("%q: got error %v, want a syntax error", c.src, err)
			continue
		}
		if se.Pos.Offset < 0 || se.Pos.Offset > int64(len(c.src)) {
			t.Errorf("%q: offset %d outside the input", c.src, se.Pos.Offset)
		}
		line, col := se.Pos.Line, se.Pos.Column
		if line != c.line || col != c.col || !strings.Contains(se.Msg, c.msg) {
			t.Errorf("%q: got %d:%d %q, want %d:%d containing %q", c.src, line, col, se.Msg, c.line, c.col, c.msg)
		}
		// encoding/json lets lone surrogates and invalid UTF-8 in strings
		// through (replacing them); everything else it must refuse too.
		lenient := strings.Contains(c.msg, "surrogate") || strings.Contains(c.msg, "UTF-8")
		if json.Valid([]byte(c.src)) && !lenient {
			t.Errorf("%q: encoding/json calls it valid", c.src)
		}
	}
}

func TestBOMIsSkippedAndNotCounted(t *testing.T) {
	d := mustParse(t, "\xef\xbb\xbf{\"a\": 1}")
	v, _, _ := Resolve(d.Root, []string{"a"})
	if line, col := v.Pos.Line, v.Pos.Column; line != 1 || col != 7 {
		t.Errorf("got %d:%d, want 1:7", line, col)
	}
}

func TestDepthLimit(t *testing.T) {
	deep := strings.Repeat("[", 50) + strings.Repeat("]", 50)
	if _, err := Parse([]byte(deep), Options{MaxDepth: 50}); err != nil {
		t.Errorf("50 levels with a limit of 50: %v", err)
	}
	_, err := Parse([]byte(deep), Options{MaxDepth: 49})
	var se *SyntaxError
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "nesting deeper than 49") || se.Pos.Offset != 49 {
		t.Errorf("got %v", err)
	}
	// A million levels end quickly with the default limit, not a crash.
	huge := strings.Repeat(`{"value":`, 1_000_000)
	if _, err := Parse([]byte(huge), Options{}); err == nil || !strings.Contains(err.Error(), "nesting deeper") {
		t.Errorf("got %v", err)
	}
}

func TestResolveMisses(t *testing.T) {
	d := mustParse(t, `{"a": [1], "b": 2}`)
	for _, p := range []string{"/c", "/a/1", "/a/01", "/a/-", "/b/x", "/a/x"} {
		if _, _, ok := Resolve(d.Root, SplitPointer(p)); ok {
			t.Errorf("Resolve(%q) succeeded", p)
		}
	}
}

func TestPointerEscaping(t *testing.T) {
	for tok, want := range map[string]string{"a/b": "a~1b", "m~n": "m~0n", "~/": "~0~1", "plain": "plain"} {
		if got := EscapeToken(tok); got != want {
			t.Errorf("EscapeToken(%q) = %q, want %q", tok, got, want)
		}
		if got := SplitPointer("/" + want); len(got) != 1 || got[0] != tok {
			t.Errorf("SplitPointer(/%s) = %q", want, got)
		}
	}
}

// TestValidPointer holds ValidPointer to RFC 6901 section 3: a "/"
// before each token, and "~" only in "~0" and "~1"; a baseline's "*" for
// an item index is an ordinary character. Every pointer EscapeToken
// builds is valid.
func TestValidPointer(t *testing.T) {
	for p, want := range map[string]bool{
		"":                     true,
		"/":                    true,
		"/value/0/a~0b~1c":     true,
		"/value/*/@odata.type": true,
		"/~0~1~00~11":          true,
		"//":                   true,
		"x/y":                  false,
		"*":                    false,
		"/x~2":                 false,
		"/x~":                  false,
		"~0":                   false,
		"/~/x":                 false,
		"/a~01~x":              false,
		"/a~~0":                false,
		"/a~/":                 false,
	} {
		if got := ValidPointer(p); got != want {
			t.Errorf("ValidPointer(%q) = %v, want %v", p, got, want)
		}
	}
	for _, tok := range []string{"", "~", "/", "~1", "~0", "a~/b", "~~//"} {
		if p := "/" + EscapeToken(tok) + "/" + EscapeToken(tok); !ValidPointer(p) {
			t.Errorf("ValidPointer(%q) = false for a pointer EscapeToken built", p)
		}
	}
}

// TestSplitURIPointer: jsonschema/v5 escapes a token as RFC 6901 says and
// then percent-encodes it; splitting undoes both, in that order, and
// keeps a token that is not valid percent-encoding as written.
func TestSplitURIPointer(t *testing.T) {
	for p, want := range map[string][]string{
		"":                  nil,
		"/severity/a%20b":   {"severity", "a b"},
		"/m~0n/a~1b":        {"m~n", "a/b"},
		"/%7E1":             {"/"},
		"/100%25/x%2":       {"100%", "x%2"},
		"/overrides/0/x%3C": {"overrides", "0", "x<"},
	} {
		if got := SplitURIPointer(p); !slices.Equal(got, want) {
			t.Errorf("SplitURIPointer(%q) = %q, want %q", p, got, want)
		}
	}
}

// TestAgreesWithEncodingJSON: on well-formed input the tree converts to the
// same value encoding/json produces (numbers compared as text).
func TestAgreesWithEncodingJSON(t *testing.T) {
	srcs := []string{
		`{"a": [1, 2.5, -3e2, true, false, null, "x\u0041"], "b": {"c": {}}, "d": []}`,
		`[{"@odata.type": "#microsoft.graph.vppTokenActionResult", "n": 12345678901234567890}]`,
		`"just a string"`,
	}
	for _, src := range srcs {
		d := mustParse(t, src)
		dec := json.NewDecoder(strings.NewReader(src))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatal(err)
		}
		got, _ := json.Marshal(ToAny(d.Root))
		wantB, _ := json.Marshal(want)
		if string(got) != string(wantB) {
			t.Errorf("%s:\n got %s\nwant %s", src, got, wantB)
		}
	}
}

func TestSyntaxErrorPointer(t *testing.T) {
	cases := map[string]string{
		`{"a": [1, {"b/c": tru}]}`: "/a/1/b~1c",
		`{"a": 1,}`:                "",
		`[0, [1, 2`:                "/1",
		`{"v": "x`:                 "/v",
	}
	for src, want := range cases {
		_, err := Parse([]byte(src), Options{})
		var se *SyntaxError
		if !errors.As(err, &se) || se.Pointer != want {
			t.Errorf("%s: got %v (pointer %q), want pointer %q", src, err, se.Pointer, want)
		}
	}
}

// TestDigits: a number's significant digits and the place of its point.
func TestDigits(t *testing.T) {
	for _, c := range []struct {
		text   string
		neg    bool
		digits string
		point  int64
		ok     bool
	}{
		{"0", false, "", 0, true}, // zero: no place to tell
		{"-0.0e5", true, "", 0, true},
		{"12", false, "12", 2, true},
		{"-1.25", true, "125", 1, true},
		{"0.0042", false, "42", -2, true},
		{"4000e-3", false, "4000", 1, true},
		{"1E+2", false, "1", 3, true},
		{"3" + strings.Repeat("0", 1500) + "e-1500", false, "3" + strings.Repeat("0", 1500), 1, true},
		{"1e99999999999999999999", false, "1", 0, false},
	} {
		neg, digits, point, ok := Digits(c.text)
		if neg != c.neg || digits != c.digits || ok != c.ok || ok && digits != "" && point != c.point {
			t.Errorf("Digits(%.30q) = %v %.30q %d %v; want %v %.30q %d %v", c.text, neg, digits, point, ok, c.neg, c.digits, c.point, c.ok)
		}
	}
}

// TestInteger: the plain digits of an integer, and what is not one.
func TestInteger(t *testing.T) {
	for _, c := range []struct {
		digits  string
		point   int64
		max     int
		text    string
		integer bool
	}{
		{"4000", 1, 19, "4", true},
		{"12", 4, 19, "1200", true},
		{"125", 1, 19, "", false},
		{"5", 0, 19, "", false},
		{"1", 25, 19, "", true},
	} {
		if text, integer := Integer(c.digits, c.point, c.max); text != c.text || integer != c.integer {
			t.Errorf("Integer(%q, %d, %d) = %q %v; want %q %v", c.digits, c.point, c.max, text, integer, c.text, c.integer)
		}
	}
}
