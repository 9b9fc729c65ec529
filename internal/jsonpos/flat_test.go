package jsonpos

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// FuzzScanFlat holds ScanFlat to its promise: whatever it accepts, the
// Decoder reads as the same object, with the same members, kinds and
// decoded text, the same repeated names, and the same length; and it
// accepts every flat object among the seeds that it should.
func FuzzScanFlat(f *testing.F) {
	seedFromTestdata(f)
	for _, s := range []string{
		`{"a":"x","b":1,"c":true,"d":false,"e":null}`,
		`{ "a" : "\u00e9\n\"" , "b":-0 }`,
		`{"a":"\ud83d\ude00"}`, `{"a":"\ud83d"}`, `{"a":01}`, `{"a":1.5}`, `{"a":"x","a":"y"}`, `{"b":1,"a":2,"b":3,"a":4,"b":5}`,
		`{"a\u0041":1}`, "{\"a\":\"\x01\"}", `{"a":[1]}`, `{}`, `{"a":1}trailing`, "{\"a\":\"\xff\"}",
		`{"a":1e3,"b":-0.5E-7,"c":1.}`, `{"a":1e}`, `{"a":1.5.2}`, `{"a":1-2}`,
		`{"a":[1,{"b":[2,"c"]},null],"d":{"e":{"f":1}}}`, `{"a":{"b":1,"b":2}}`, `{"a":[[[1]]]}`, `{"a":[1,]}`,
		`{"a":` + nestObjects(5, `{"b":1,"b":2}`) + `}`, `{"a":` + nest(FlatNesting, `{"b":[1,{"c":"\u00e9"}]}`) + `}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var buf [64]FlatMember
		n, members, ascii, ok := ScanFlat(b, buf[:0])
		if !ok {
			return
		}
		if n <= 0 || n > len(b) {
			t.Fatalf("length %d of %d bytes", n, len(b))
		}
		if want := bytes.IndexFunc(b[:n], func(r rune) bool { return r >= 0x80 }) < 0; ascii != want {
			t.Errorf("ascii = %v for %q", ascii, b[:n])
		}
		d := NewDecoder(bytes.NewReader(b[:n]), Options{})
		v, err := d.ReadValue()
		if err != nil {
			t.Fatalf("ScanFlat accepted %q, the Decoder says %v", b[:n], err)
		}
		if v.Kind != Object || len(v.Members) != len(members) {
			t.Fatalf("%q: the Decoder reads %d members, ScanFlat %d", b[:n], len(v.Members), len(members))
		}
		// Each repeat is one of the Decoder's duplicates, in order, its
		// first occurrence at First.
		dups := d.TakeDuplicates()
		for i, m := range members {
			if m.First < 0 {
				continue
			}
			if len(dups) == 0 || dups[0].Pos != v.Members[i].NamePos || dups[0].First != v.Members[m.First].NamePos {
				t.Fatalf("%q member %d repeats member %d; the Decoder's duplicates: %+v", b[:n], i, m.First, dups)
			}
			dups = dups[1:]
		}
		if len(dups) > 0 {
			t.Fatalf("%q: the Decoder reports duplicates %+v that ScanFlat does not", b[:n], dups)
		}
		for i, m := range members {
			dm := v.Members[i]
			text := string(m.Text)
			if m.Kind == Array || m.Kind == Object {
				// Its text as written, which the Decoder reads whole as
				// the same kind, without a repeated name.
				d := NewDecoder(bytes.NewReader(m.Text), Options{})
				nv, err := d.ReadValue()
				if err != nil || nv.Kind != dm.Value.Kind || len(d.TakeDuplicates()) > 0 || d.Offset() != int64(len(m.Text)) ||
					cap(b)-cap(m.Text) != int(dm.Value.Pos.Offset) {
					t.Errorf("%q member %d: ScanFlat read %q, the Decoder %v at %d (%v)", b[:n], i, m.Text, dm.Value.Kind, dm.Value.Pos.Offset, err)
				}
				if string(m.Name) != dm.Name || m.Kind != dm.Value.Kind {
					t.Errorf("%q member %d: ScanFlat %q %v, the Decoder %q %v", b[:n], i, m.Name, m.Kind, dm.Name, dm.Value.Kind)
				}
				continue
			}
			switch {
			case m.Kind == String && m.Esc >= 0:
				text = Unescape(m.Text)
			case m.Kind == Bool:
				text = map[bool]string{true: "true", false: "false"}[dm.Value.Bool]
				if string(m.Text) != text {
					t.Errorf("%q member %d: %q, the Decoder reads %s", b[:n], i, m.Text, text)
				}
			case m.Kind == Null:
				text = ""
			}
			if string(m.Name) != dm.Name || m.Kind != dm.Value.Kind || (m.Kind != Bool && text != dm.Value.Text) {
				t.Errorf("%q member %d: ScanFlat %q %v %q, the Decoder %q %v %q", b[:n], i, m.Name, m.Kind, text, dm.Name, dm.Value.Kind, dm.Value.Text)
			}
		}
	})
}

// TestScanFlatTakesAndDeclines: the common flat shapes are taken, and
// whatever the quick path must leave to the Decoder is declined.
func TestScanFlatTakesAndDeclines(t *testing.T) {
	for _, s := range []string{`{}`, `{"a":"x","b":1,"c":true,"d":false,"e":null}`, `{ "a" : "\u00e9\n\"" , "b":-0 }`, `{"a":"\ud83d\ude00"} tail`,
		`{"a":1.5,"b":1e3,"c":-0.0E+7,"d":2E-2,"e":99999999999999999999}`, `{"a":"x","a":"y"}`,
		`{"a":[1]}`, `{"a":{}}`, `{"a":[]}`, `{"a":[1, "x", true, null, {"b": 2}], "c": {"d": {"e": "f"}}}`,
		`{"a":` + nest(FlatNesting, `1`) + `}`, `{"a":` + nestObjects(FlatNesting, `1`) + `}`, `{"a":` + wide(flatNames, "") + `}`} {
		if _, _, _, ok := ScanFlat([]byte(s), make([]FlatMember, 0, 8)); !ok {
			t.Errorf("ScanFlat declined %s", s)
		}
	}
	for _, s := range []string{`{"a":"\ud83d"}`, `{"a":01}`, `{"a":1.}`, `{"a":.5}`, `{"a":1e}`, `{"a":1e+}`, `{"a":1.5.2}`, `{"a":1-2}`, `{"a":+1}`, `{"a\u0041":1}`,
		"{\"a\":\"\x01\"}", "{\"a\":\"\xff\"}", `{"a":1`, `{"a":1,}`, `[1]`,
		`{"a":` + nest(FlatNesting+1, `1`) + `}`, `{"a":` + nestObjects(FlatNesting, `{}`) + `}`, `{"a":{"b":1,"b":2}}`,
		`{"a":{"x":{"y":{"b":1,"b":2}}}}`, `{"a":` + wide(flatNames+1, "") + `}`, `{"a":` + wide(flatNames-1, "m7") + `}`,
		`{"a":` + wide(40, "m39") + `}`, `{"a":` + wide(3, "m0") + `}`, `{"a":[1,]}`, `{"a":{"b":1,}}`, `{"a":[1 2]}`, `{"a":{"b"}}`, `{"a":[01]}`,
		`{"a":["\x"]}`, `{"a":{"b\u0041":1}}`, `{"a":[1}`, `{"a":{"b":1]}`, `{"a":[`} {
		if _, _, _, ok := ScanFlat([]byte(s), make([]FlatMember, 0, 8)); ok {
			t.Errorf("ScanFlat took %s", s)
		}
	}
	if _, _, _, ok := ScanFlat([]byte(`{"a":1,"b":2,"c":3}`), make([]FlatMember, 0, 2)); ok {
		t.Error("ScanFlat took more members than members has room for")
	}
}

// nest wraps inner in depth arrays.
func nest(depth int, inner string) string {
	return strings.Repeat("[", depth) + inner + strings.Repeat("]", depth)
}

// nestObjects wraps inner in depth objects, each with one member "k".
func nestObjects(depth int, inner string) string {
	return strings.Repeat(`{"k":`, depth) + inner + strings.Repeat("}", depth)
}

// wide is an object of n members m0, m1, ..., then one more named
// repeat when it is not "".
func wide(n int, repeat string) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		fmt.Fprintf(&b, `"m%d":%d,`, i, i)
	}
	if repeat != "" {
		fmt.Fprintf(&b, `%q:0,`, repeat)
	}
	return strings.TrimSuffix(b.String(), ",") + "}"
}

// TestAdvancePlacesFlatMembers: a member's place worked out from the
// text ScanFlat read is the one the Decoder gives, across lines and
// non-ASCII text.
func TestAdvancePlacesFlatMembers(t *testing.T) {
	src := "  \n {\"a\": \"é€\",\n\t\"bb\" :\r\n 12, \"c\":\"\\u00e9x\",\"d\" : null}"
	start := Pos{Offset: 4, Line: 2, Column: 2}
	var buf [8]FlatMember
	_, members, _, ok := ScanFlat([]byte(src[start.Offset:]), buf[:0])
	if !ok {
		t.Fatal("ScanFlat declined the object")
	}
	doc, err := Parse([]byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := []byte(src[start.Offset:])
	for i, m := range members {
		off := cap(text) - cap(m.Name) - 1 // the name's opening quote
		if got, want := start.Advance(text[:off]), doc.Root.Members[i].NamePos; got != want {
			t.Errorf("member %s: name at %+v, the Decoder says %+v", m.Name, got, want)
		}
		off = cap(text) - cap(m.Text)
		if m.Kind == String {
			off-- // the value starts at its quote
		}
		if got, want := start.Advance(text[:off]), doc.Root.Members[i].Value.Pos; got != want {
			t.Errorf("member %s: value at %+v, the Decoder says %+v", m.Name, got, want)
		}
	}
}

// FuzzFlatItems holds FlatItems to the Decoder: for every array that
// ScanFlat accepts as a member's value, it yields the Decoder's items in
// order, each with its kind, and for a string the content that decodes
// (Unescape) to the Decoder's text, with its first escape where it is.
func FuzzFlatItems(f *testing.F) {
	for _, s := range []string{`[]`, `[1, "a", true, false, null]`, `[ "a\"b" , "\u00e9\\" ]`, `[[1,[2]],{"a":[3]},{"b":"]"}]`,
		`[{"x":"[{"},"}"]`, `[-0.5e3,0,12]`, "[\n\t1 ,\r\n2\n]", `[{"@odata.type":"#microsoft.graph.vppTokenActionResult","actionName":"A"}]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, arr []byte) {
		src := append(append([]byte(`{"a":`), arr...), '}')
		var buf [4]FlatMember
		n, members, _, ok := ScanFlat(src, buf[:0])
		if !ok || n != len(src) || len(members) != 1 || members[0].Kind != Array {
			return
		}
		v, err := NewDecoder(bytes.NewReader(members[0].Text), Options{}).ReadValue()
		if err != nil {
			t.Fatalf("%s: %v", members[0].Text, err)
		}
		k := 0
		done := FlatItems(members[0].Text, func(kind Kind, item []byte, esc int) bool {
			if k >= len(v.Items) {
				t.Fatalf("%s: more than %d items", members[0].Text, len(v.Items))
			}
			want := v.Items[k]
			k++
			if kind != want.Kind {
				t.Fatalf("%s: item %d is %v, want %v", members[0].Text, k, kind, want.Kind)
			}
			switch kind {
			case String:
				if Unescape(item) != want.Text || esc != bytes.IndexByte(item, '\\') {
					t.Fatalf("%s: item %d is %q (escape at %d), want %q", members[0].Text, k, item, esc, want.Text)
				}
			case Bool:
				if (string(item) == "true") != want.Bool || string(item) != "true" && string(item) != "false" {
					t.Fatalf("%s: item %d is %q, want %v", members[0].Text, k, item, want.Bool)
				}
			case Null:
				if string(item) != "null" {
					t.Fatalf("%s: item %d is %q", members[0].Text, k, item)
				}
			case Number:
				if string(item) != want.Text {
					t.Fatalf("%s: item %d is %q, want %q", members[0].Text, k, item, want.Text)
				}
			default:
				if item[0] != '[' && item[0] != '{' || item[len(item)-1] != ']' && item[len(item)-1] != '}' {
					t.Fatalf("%s: item %d is %q", members[0].Text, k, item)
				}
			}
			return true
		})
		if !done || k != len(v.Items) {
			t.Fatalf("%s: FlatItems gave %d items (done %v), want %d", members[0].Text, k, done, len(v.Items))
		}
	})
}

// BenchmarkScanFlat reads one revoke result, as the quick path does for
// every resource of a collection.
func BenchmarkScanFlat(b *testing.B) {
	src := []byte(`{"@odata.type":"#microsoft.graph.vppTokenRevokeLicensesActionResult","actionName":"RevokeLicenses","actionState":"notSupported","startDateTime":"2018-02-13T10:25:08.2690814Z","lastUpdatedDateTime":"2018-02-13T12:16:57.5331501Z","totalLicensesCount":1585,"totalLicensesCount@odata.type":"#Int32","failedLicensesCount":0,"actionFailureReason":"none"}`)
	var buf [64]FlatMember
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if n, _, _, ok := ScanFlat(src, buf[:0]); !ok || n != len(src) {
			b.Fatal(n, ok)
		}
	}
}

// TestSkipPlain compares skipPlain, which reads eight bytes at a time,
// with a byte-by-byte reading of the plain table: every byte value at
// every place of windows of several lengths, starting at several
// offsets, among plain bytes, alone and after another byte that is not
// plain.
func TestSkipPlain(t *testing.T) {
	slow := func(b []byte, i int) int {
		for i < len(b) && plain[b[i]] {
			i++
		}
		return i
	}
	for n := 0; n <= 27; n++ {
		for at := 0; at < n; at++ {
			for c := 0; c < 256; c++ {
				for _, before := range []int{-1, '"', 0x1f, 0xc3} {
					b := bytes.Repeat([]byte("a"), n)
					b[at] = byte(c)
					if before >= 0 && at > 0 {
						b[at-1] = byte(before)
					}
					for from := 0; from <= min(n, 9); from++ {
						if got, want := skipPlain(b, from), slow(b, from); got != want {
							t.Fatalf("skipPlain(%q, %d) = %d, want %d", b, from, got, want)
						}
					}
				}
			}
		}
	}
}
