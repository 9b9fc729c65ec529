package jsonpos

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// readAll reads one whole value from r, as Parse does from memory.
func readAll(r io.Reader) (*Value, []Duplicate, error) {
	d := NewDecoder(r, Options{})
	v, err := d.ReadValue()
	if err == nil {
		err = d.End()
	}
	return v, d.TakeDuplicates(), err
}

// TestWindowBoundaries reads the same inputs through a reader that hands
// out one byte at a time, so every token straddles a refill, and expects
// exactly what reading from memory gives: the same tree, positions,
// duplicates and errors.
func TestWindowBoundaries(t *testing.T) {
	inputs := []string{
		"{\n  \"a\": [1, \"é\\u00e9\", {\"b\": true, \"b\": null}],\n\t\"ü\": -12.5e+3\n}",
		"\xef\xbb\xbf[\"😀\", \"\\ud83d\\ude00\", 0, -0.0, 1E400]",
		`{"a": 1,}`,
		"[\"a\xffb\"]",
		`["\ud800"]`,
		`[1 2]`,
		"[\"abc",
		"{\"x\": tru",
		strings.Repeat(" ", 70000) + `{"long": "` + strings.Repeat("é", 40000) + `", "bad": 01}`,
	}
	for _, in := range inputs {
		v1, d1, e1 := readAll(strings.NewReader(in))
		v2, d2, e2 := readAll(iotest.OneByteReader(strings.NewReader(in)))
		if !reflect.DeepEqual(v1, v2) || !reflect.DeepEqual(d1, d2) || fmt.Sprint(e1) != fmt.Sprint(e2) {
			t.Errorf("%.40q: one byte at a time differs:\n%v %v %v\n%v %v %v", in, v1, d1, e1, v2, d2, e2)
		}
		var s1, s2 *SyntaxError
		if errors.As(e1, &s1) && errors.As(e2, &s2) && *s1 != *s2 {
			t.Errorf("%.40q: errors differ: %+v vs %+v", in, s1, s2)
		}
	}
}

func TestLongLineColumns(t *testing.T) {
	// A minified capture: everything on one line, columns in the tens of
	// thousands, with multi-byte characters before the value.
	in := `{"pad": "` + strings.Repeat("ü", 50000) + `", "x": 1}`
	v, _, err := readAll(iotest.HalfReader(strings.NewReader(in)))
	if err != nil {
		t.Fatal(err)
	}
	x := v.Member("x")
	want := 1 + len(`{"pad": "`) + 50000 + len(`", `)
	if x.NamePos.Line != 1 || x.NamePos.Column != want {
		t.Errorf("got %+v, want column %d", x.NamePos, want)
	}
}

func TestWalkingLevels(t *testing.T) {
	in := `{"@odata.context": "c", "value": [{"a": 1}, {"a": 2}, 3], "value": [], "n": {"k": [true]}}`
	d := NewDecoder(iotest.OneByteReader(strings.NewReader(in)), Options{})
	if err := d.OpenObject(); err != nil {
		t.Fatal(err)
	}
	var log []string
	for {
		name, _, more, err := d.NextMember()
		if err != nil {
			t.Fatal(err)
		}
		if !more {
			break
		}
		if c, _, _ := d.Peek(); name == "value" && c == '[' {
			if err := d.OpenArray(); err != nil {
				t.Fatal(err)
			}
			for {
				i, more, err := d.NextItem()
				if err != nil {
					t.Fatal(err)
				}
				if !more {
					break
				}
				ptr := d.Pointer()
				v, err := d.ReadValue()
				if err != nil {
					t.Fatal(err)
				}
				log = append(log, fmt.Sprintf("%s=%d:%s@%d", ptr, i, v.Kind, v.Pos.Column))
			}
			continue
		}
		ptr := d.Pointer()
		v, err := d.ReadValue()
		if err != nil {
			t.Fatal(err)
		}
		log = append(log, fmt.Sprintf("%s:%s", ptr, v.Kind))
	}
	if err := d.End(); err != nil {
		t.Fatal(err)
	}
	want := "/@odata.context:string /value/0=0:object@35 /value/1=1:object@45 /value/2=2:number@55 /n:object"
	if got := strings.Join(log, " "); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	dups := d.TakeDuplicates()
	if len(dups) != 1 || dups[0].Pointer != "/value" || dups[0].First.Column != 25 {
		t.Errorf("duplicates: %+v", dups)
	}
}

func TestWalkingErrors(t *testing.T) {
	cases := map[string]string{
		`[1, 2,]`:       "trailing comma before ']'",
		`[1 2]`:         "expected ',' or ']'",
		`[1, 2`:         "unexpected end of input in the array opened at line 1, column 1",
		`{"a": 1 "b"}`:  "expected ',' or '}'",
		`{"a": 1, 2}`:   "expected a member name",
		`{"a": 1,}`:     "trailing comma before '}'",
		`{"a" 1}`:       "expected ':'",
		`"just a text"`: `expected '[', found character '"'`,
	}
	for in, want := range cases {
		d := NewDecoder(strings.NewReader(in), Options{})
		var err error
		if in[0] == '{' {
			err = d.OpenObject()
			for err == nil {
				var more bool
				if _, _, more, err = d.NextMember(); more && err == nil {
					_, err = d.ReadValue()
				} else if !more && err == nil {
					err = io.EOF
				}
			}
		} else {
			err = d.OpenArray()
			for err == nil {
				var more bool
				if _, more, err = d.NextItem(); more && err == nil {
					_, err = d.ReadValue()
				} else if !more && err == nil {
					err = io.EOF
				}
			}
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", in, err, want)
		}
	}
}

type failingReader struct{ after int }

func (f *failingReader) Read(p []byte) (int, error) {
	if f.after == 0 {
		return 0, errors.New("disk on fire")
	}
	n := min(len(p), f.after)
	copy(p, bytes.Repeat([]byte(" "), n))
	f.after -= n
	return n, nil
}

// TestReadErrorsAreNotSyntax: an I/O failure must surface as itself, not
// as truncated JSON.
func TestReadErrorsAreNotSyntax(t *testing.T) {
	_, _, err := readAll(io.MultiReader(strings.NewReader(`{"a": "bc`), &failingReader{}))
	var se *SyntaxError
	if err == nil || errors.As(err, &se) || err.Error() != "disk on fire" {
		t.Errorf("got %T %v", err, err)
	}
	_, _, err = readAll(&failingReader{after: 10})
	if err == nil || errors.As(err, &se) {
		t.Errorf("white space then failure: got %T %v", err, err)
	}
}

// TestSkipKeepsPositions: skipping items through Window and Skip leaves
// the decoder exactly where reading them would, line and column included,
// also in a small buffer that must be refilled in the middle of an item.
func TestSkipKeepsPositions(t *testing.T) {
	src := "[{\"a\": \"é\"},\n {\"b\":\n 1}, {\"c\": \"✓ ✓\"},  {\"d\": \"x\"},\n\t7]"
	type stop struct {
		at     Pos
		length int
	}
	var stops []stop
	d := NewDecoder(strings.NewReader(src), Options{})
	if err := d.OpenArray(); err != nil {
		t.Fatal(err)
	}
	for {
		_, more, err := d.NextItem()
		if err != nil || !more {
			break
		}
		at := d.Here()
		if _, err := d.ReadValue(); err != nil {
			t.Fatal(err)
		}
		stops = append(stops, stop{at, int(d.Offset() - at.Offset)})
	}
	for _, r := range []io.Reader{strings.NewReader(src), iotest.OneByteReader(strings.NewReader(src))} {
		d := NewDecoder(r, Options{SizeHint: 8})
		if err := d.OpenArray(); err != nil {
			t.Fatal(err)
		}
		for i, s := range stops[:len(stops)-1] {
			if _, _, err := d.NextItem(); err != nil {
				t.Fatal(err)
			}
			if d.Here() != s.at {
				t.Fatalf("item %d: at %+v, reading gave %+v", i, d.Here(), s.at)
			}
			w := d.Window(s.length)
			if len(w) < s.length {
				t.Fatalf("item %d: window of %d bytes, want %d", i, len(w), s.length)
			}
			d.Skip(s.length, utf8.Valid(w[:s.length]) && !strings.ContainsFunc(string(w[:s.length]), func(r rune) bool { return r >= utf8.RuneSelf }))
		}
		if _, _, err := d.NextItem(); err != nil {
			t.Fatal(err)
		}
		if last := stops[len(stops)-1]; d.Here() != last.at {
			t.Fatalf("last item: at %+v, reading gave %+v", d.Here(), last.at)
		}
	}
}

// TestEndLaterLine marks End's error as JSON Lines' shape exactly when
// the value ended on the first line and what follows stands on a later
// one, however the input reaches the decoder.
func TestEndLaterLine(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"{\"a\": 1}\n{\"b\": 2}\n", true},
		{"  [1, 2]  \r\n\n\t\"x\"", true},
		{"{\"a\": 1}\n}", false},            // a stray bracket begins no value
		{"{\"a\":\n1}\n{\"b\": 2}", false},  // the first line is not a whole value
		{"\n{\"a\": 1}\n{\"b\": 2}", false}, // nor is an empty one
		{"{\"a\": 1} {\"b\": 2}\n", false},  // on the first line itself
		{"1\n2", true},
		{"{\"a\": 1}\nhello", false}, // text, not a second value
		{"{\"a\": 1}\n:", false},
	} {
		for _, r := range []io.Reader{strings.NewReader(c.in), iotest.OneByteReader(strings.NewReader(c.in))} {
			_, _, err := readAll(r)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("%q: %v, want a syntax error", c.in, err)
			}
			if se.LaterLine != c.want {
				t.Errorf("%q: LaterLine = %v, want %v (%v)", c.in, se.LaterLine, c.want, se)
			}
		}
	}
}

// TestRecoverKeepsReadError: a read error met while Recover skips the
// rest of a bad line (an input cut at its size limit, a failing disk) is
// what the next read returns, not the end of the input; the lines past
// it were never read.
func TestRecoverKeepsReadError(t *testing.T) {
	cut := errors.New("cut here")
	src := "{\"a\": 1}} " + strings.Repeat("x", 100) + "\n{\"b\": 2}\n"
	for _, at := range []int{12, 50, 109} {
		r := io.MultiReader(strings.NewReader(src[:at]), iotest.ErrReader(cut))
		d := NewDecoder(r, Options{})
		d.BeginLine()
		if _, err := d.ReadValue(); err != nil {
			t.Fatal(err)
		}
		if err := d.EndLine(); err == nil {
			t.Fatal("no syntax error for the bad line")
		}
		if !d.Recover() {
			t.Fatalf("cut at %d: Recover said nothing is left to read", at)
		}
		if _, _, err := d.Peek(); !errors.Is(err, cut) {
			t.Errorf("cut at %d: Peek after Recover returned %v, want the read error", at, err)
		}
	}
}

// TestLineBreakPlacesCRLFLikeLF: an error at the end of a JSON Lines
// line is placed where the line break starts, so a line ended by \r\n
// gets the same line and column as the same line ended by \n, for each
// way a document can stop short at its line's end.
func TestLineBreakPlacesCRLFLikeLF(t *testing.T) {
	for _, doc := range []string{`{"a": "x",`, `{"a":`, `{"a": [1,`, `{"a": "x"`, `[`, `{`, `{"a"`} {
		var at [2]Pos
		for k, eol := range []string{"\n", "\r\n"} {
			d := NewDecoder(strings.NewReader(doc+eol+"{}"+eol), Options{})
			d.BeginLine()
			_, err := d.ReadValue()
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("%q: %v, want a syntax error", doc+eol, err)
			}
			at[k] = se.Pos
		}
		if at[1].Line != at[0].Line || at[1].Column != at[0].Column || at[1].Offset != at[0].Offset {
			t.Errorf("%q: at %+v with \\r\\n, %+v with \\n", doc, at[1], at[0])
		}
	}
}
