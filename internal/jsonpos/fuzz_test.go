package jsonpos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// seedFromTestdata adds every fixture of the repository as a seed.
func seedFromTestdata(f *testing.F) {
	for _, dir := range []string{"valid", "invalid"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*"))
		for _, p := range files {
			if strings.HasSuffix(p, ".want") {
				continue
			}
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	for _, s := range []string{"", " ", "{}", "[]", `{"a":1,"a":2}`, `[1,]`, "\xef\xbb\xbf{}", `"\ud800"`, `{"a":[{"b":{"b":1,"b":2}}]}`, "1e400", "-0"} {
		f.Add([]byte(s))
	}
}

var surrogateEscape = regexp.MustCompile(`(?i)\\ud[89a-f][0-9a-f]{2}`)

// FuzzDecoder checks the reader against encoding/json, which serves as the
// reference: the same verdict on well-formedness (but for the documented
// differences), the same duplicate members, positions always inside the
// input and pointing at the value, and the same result when the input
// arrives one byte at a time.
func FuzzDecoder(f *testing.F) {
	seedFromTestdata(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Parse(data, Options{})
		var se *SyntaxError
		if err != nil && !errors.As(err, &se) {
			t.Fatalf("Parse returned a %T, not a *SyntaxError: %v", err, err)
		}

		// The same input read one byte at a time gives the same answer.
		d := NewDecoder(iotest.OneByteReader(bytes.NewReader(data)), Options{})
		root, err2 := d.ReadValue()
		if err2 == nil {
			err2 = d.End()
		}
		if fmt.Sprint(err) != fmt.Sprint(err2) {
			t.Fatalf("one byte at a time: %v, at once: %v", err2, err)
		}
		if err == nil && !reflect.DeepEqual(doc.Root, root) {
			t.Fatal("one byte at a time gave another tree")
		}

		bom := bytes.HasPrefix(data, []byte("\xef\xbb\xbf"))
		body := data
		if bom {
			body = data[3:]
		}
		refValid := json.Valid(body)
		switch {
		case err == nil && !refValid:
			t.Fatalf("accepted what encoding/json rejects: %q", data)
		case err != nil && refValid:
			// Documented differences: invalid UTF-8 and lone surrogates in
			// strings (encoding/json replaces them), nesting past the
			// limit, and UTF-16/32 that happens to be valid JSON bytes.
			lenient := !utf8.Valid(body) || surrogateEscape.Match(body) ||
				strings.Contains(se.Msg, "nesting deeper") || strings.Contains(se.Msg, "UTF-16") || strings.Contains(se.Msg, "UTF-32")
			if !lenient {
				t.Fatalf("rejected what encoding/json accepts: %q: %v", data, err)
			}
		}

		if err != nil {
			checkPos(t, data, bom, se.Pos, true)
			return
		}
		// Every value and member name sits where its position says.
		var walk func(v *Value)
		walk = func(v *Value) {
			checkPos(t, data, bom, v.Pos, false)
			first := data[v.Pos.Offset]
			want := map[Kind]string{Null: "n", Bool: "tf", Number: "-0123456789", String: `"`, Array: "[", Object: "{"}[v.Kind]
			if !strings.ContainsRune(want, rune(first)) {
				t.Fatalf("a %v at offset %d starts with %q", v.Kind, v.Pos.Offset, first)
			}
			for _, it := range v.Items {
				walk(it)
			}
			for _, m := range v.Members {
				checkPos(t, data, bom, m.NamePos, false)
				if data[m.NamePos.Offset] != '"' {
					t.Fatalf("member %q: name position is not at its quote", m.Name)
				}
				walk(m.Value)
			}
		}
		walk(doc.Root)

		// Duplicates agree with a reference built on encoding/json's tokens.
		var got []string
		for _, dup := range doc.Duplicates {
			got = append(got, dup.Pointer)
		}
		want := referenceDuplicates(t, body)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("duplicates %v, reference %v", got, want)
		}
	})
}

// checkPos checks a position against the input: inside it, and line and
// column as counted independently here.
func checkPos(t *testing.T, data []byte, bom bool, p Pos, endOK bool) {
	t.Helper()
	if p.Offset < 0 || p.Offset > int64(len(data)) || (!endOK && p.Offset == int64(len(data))) {
		t.Fatalf("offset %d outside the input of %d bytes", p.Offset, len(data))
	}
	before := data[:p.Offset]
	line := bytes.Count(before, []byte("\n")) + 1
	start := bytes.LastIndexByte(before, '\n') + 1
	if bom && start == 0 {
		start = min(3, len(before))
	}
	col := utf8.RuneCount(before[start:]) + 1
	if p.Line != line || p.Column != col {
		t.Fatalf("position %+v, but offset %d is at %d:%d", p, p.Offset, line, col)
	}
}

// referenceDuplicates lists the pointers of repeated member names using
// encoding/json's tokenizer.
func referenceDuplicates(t *testing.T, data []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var dups []string
	var value func(ptr string) error
	value = func(ptr string) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			seen := map[string]bool{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				name := k.(string)
				p := ptr + "/" + EscapeToken(name)
				if seen[name] {
					dups = append(dups, p)
				}
				seen[name] = true
				if err := value(p); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if err := value(fmt.Sprintf("%s/%d", ptr, i)); err != nil {
					return err
				}
			}
			_, err = dec.Token()
			return err
		}
		return nil
	}
	if err := value(""); err != nil && err != io.EOF {
		t.Fatalf("reference tokenizer: %v", err)
	}
	return dups
}
