package jsonpos

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// walkItems reads the items of a top-level array and describes each (its
// pointer and the positions of its values), then the error and the
// duplicate members. With max > 0 it cuts runs of at most max bytes and
// reads each with its own decoder, as a parallel check does; with blocks
// > 0 too, it first tries NextRuns with blocks of max bytes. For an odd
// max a run holds 1 to 5 items at most, else any number.
func walkItems(src []byte, max int, blocks ...int) string {
	var b strings.Builder
	maxItems := math.MaxInt
	if max%2 == 1 {
		maxItems = 1 + max/2%5
	}
	d := NewDecoder(bytes.NewReader(src), Options{MaxDepth: 6})
	describe := func(d *Decoder) error {
		ptr := d.Pointer()
		v, err := d.ReadValue()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s:", ptr)
		var walk func(v *Value)
		walk = func(v *Value) {
			fmt.Fprintf(&b, " %s@%d:%d:%d", v.Kind, v.Pos.Line, v.Pos.Column, v.Pos.Offset)
			for _, m := range v.Members {
				walk(m.Value)
			}
			for _, it := range v.Items {
				walk(it)
			}
		}
		walk(v)
		b.WriteByte('\n')
		return nil
	}
	var found []Duplicate
	dups := func(d *Decoder) { found = append(found, d.TakeDuplicates()...) }
	err := func() error {
		if err := d.OpenArray(); err != nil {
			return err
		}
		for {
			if max > 0 {
				var runs []Run
				if len(blocks) > 0 {
					runs = d.NextRuns(max, 1+max%3, blocks[0], maxItems)
				}
				if len(runs) == 0 {
					if run, ok := d.NextRun(max, maxItems); ok {
						runs = []Run{run}
					}
				}
				for i := range runs {
					if runs[i].Items > maxItems {
						fmt.Fprintf(&b, "a run of %d items, more than %d\n", runs[i].Items, maxItems)
					}
					runs[i].Text = bytes.Clone(runs[i].Text)
				}
				for _, run := range runs {
					rd := run.Decoder(Options{MaxDepth: 6})
					for {
						_, more, err := rd.NextItem()
						if err == nil && more {
							err = describe(rd)
						}
						if err != nil || !more {
							dups(rd)
							if err != nil {
								return err
							}
							break
						}
					}
				}
				if len(runs) > 0 {
					continue
				}
			}
			_, more, err := d.NextItem()
			if err != nil || !more {
				return err
			}
			if err := describe(d); err != nil {
				return err
			}
		}
	}()
	if err == nil {
		err = d.End()
	}
	dups(d)
	for _, dup := range found {
		fmt.Fprintf(&b, "dup %s at %+v first %+v\n", dup.Pointer, dup.Pos, dup.First)
	}
	if se, ok := err.(*SyntaxError); ok {
		fmt.Fprintf(&b, "error at %+v %s: %s\n", se.Pos, se.Pointer, se.Msg)
	} else if err != nil {
		fmt.Fprintf(&b, "error %v\n", err)
	}
	return b.String()
}

// TestRunsReadAsWhole reads arrays in runs of every size and expects
// what reading them whole gives: the same values at the same positions,
// the same pointers, duplicates and errors, whatever stands where a run
// is cut.
func TestRunsReadAsWhole(t *testing.T) {
	items := []string{
		`{"a": 1, "b": "x"}`, "{\"é\": \"ü\\\"}\",\n \"b\": [1, {\"c\": null}]}", `[1, 2, [3]]`, `{}`, `[]`,
		`{"a": 1, "a": 2}`, `{"s": "\\\\"}`, `{"a": {"b": {"c": {"d": {"e": 1}}}}}`,
	}
	bad := []string{
		`{"a": 1,}`, `{"a" 1}`, `{"a": tru}`, `{"a": 01}`, `{"a": "\x"}`, "{\"a\": \"\n\"}", `{"a": [1}`,
		`{"a": 1} {"b": 2}`, `{"a": 1},]`, `,{"a": 1}`, `1`, `"s"`, `{"a": 1.}`, `{"a": "\ud800"}`, "{\"a\": \"\xff\"}",
	}
	var docs []string
	for i := range items {
		var parts []string
		for k := range len(items) {
			parts = append(parts, items[(i+k)%len(items)])
		}
		whole := strings.Join(parts, ",\n  ")
		docs = append(docs, "["+whole+"]", "\xef\xbb\xbf [ "+strings.Join(parts, ",")+" ] ", "["+whole)
		for _, b := range bad {
			docs = append(docs, "["+whole+", "+b+", "+items[0]+"]")
		}
	}
	// Items that are not objects or arrays, among many that are: a cut
	// that counted only objects and arrays would number the items after
	// them wrong.
	objects := strings.Repeat(`{"a": [1, {"b": "]"}]}, `, 6)
	docs = append(docs, "["+objects+`1, `+objects+`"s", `+objects+`null, {"x": {}}, `+objects+`[]]`)
	for _, doc := range docs {
		want := walkItems([]byte(doc), 0)
		for max := 1; max <= len(doc)+1; max += 1 + max/8 {
			if got := walkItems([]byte(doc), max); got != want {
				t.Fatalf("runs of %d bytes in %q:\n--- got\n%s--- want\n%s", max, doc, got, want)
			}
			for _, blocks := range []int{2, 3, 7} {
				if got := walkItems([]byte(doc), max, blocks); got != want {
					t.Fatalf("%d blocks of %d bytes in %q:\n--- got\n%s--- want\n%s", blocks, max, doc, got, want)
				}
			}
		}
	}
}

// TestNextLines cuts JSON Lines into runs of whole lines, and only
// there.
func TestNextLines(t *testing.T) {
	src := "{\"a\": 1}\n\n{\"b\": \"é\"}\r\n{\"c\": 3}"
	for max := 1; max <= 3*(len(src)+1); max++ {
		maxItems := []int{1, 2, math.MaxInt}[max%3]
		d := NewDecoder(strings.NewReader(src), Options{})
		var got []string
		for {
			if _, ok, err := d.Peek(); err != nil || !ok {
				break
			}
			run, ok := d.NextLines(max/3, maxItems)
			if run.Items > maxItems {
				t.Fatalf("max %d: a run of %d lines, more than %d", max, run.Items, maxItems)
			}
			if !ok {
				d.BeginLine()
				v, err := d.ReadValue()
				if err == nil {
					err = d.EndLine()
				}
				if err != nil {
					t.Fatalf("max %d: %v", max, err)
				}
				got = append(got, fmt.Sprintf("%d:%d", v.Pos.Line, v.Pos.Column))
				continue
			}
			rd := run.Decoder(Options{})
			for {
				if _, ok, _ := rd.Peek(); !ok {
					break
				}
				rd.BeginLine()
				v, err := rd.ReadValue()
				if err == nil {
					err = rd.EndLine()
				}
				if err != nil {
					t.Fatalf("max %d, run %q: %v", max, run.Text, err)
				}
				got = append(got, fmt.Sprintf("%d:%d", v.Pos.Line, v.Pos.Column))
			}
		}
		if s := strings.Join(got, " "); s != "1:1 3:1 4:1" {
			t.Errorf("max %d: documents at %s", max, s)
		}
	}
}

// BenchmarkScanItems times the structural scan that cuts runs, on items
// like the bench corpus's resources (about 300 bytes, a dozen short
// strings each); the walker of a parallel check spends most of its own
// time there, and the walker bounds how far -j N can scale. Testing
// eight bytes at a time for a quote or a backslash instead of
// bytes.IndexByte was faster on items with escapes and nested arrays but
// slower on the corpus itself (2.15 against 2.27 GB/s), so these are the
// corpus's.
func BenchmarkScanItems(b *testing.B) {
	item := `{"@odata.type":"#microsoft.graph.vppTokenRevokeLicensesActionResult","actionName":"RevokeLicenses","actionState":"notSupported",` +
		`"startDateTime":"2018-02-13T10:25:08.2690814Z","lastUpdatedDateTime":"2018-02-13T12:16:57.5331501Z","totalLicensesCount":1585,` +
		`"totalLicensesCount@odata.type":"#Int32","failedLicensesCount":0,"actionFailureReason":"none"}`
	var buf bytes.Buffer
	for buf.Len() < 256<<10 {
		if buf.Len() > 0 {
			buf.WriteString(",\n")
		}
		buf.WriteString(item)
	}
	src := buf.Bytes()
	want := strings.Count(string(src), "\n") + 1
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for b.Loop() {
		end, items := scanItems(src, true, math.MaxInt)
		if end != len(src) || items != want {
			b.Fatalf("scanItems = %d, %d; want %d, %d", end, items, len(src), want)
		}
	}
}

// TestExtraBytes holds extraBytes to what it stands for, len(b) -
// utf8.RuneCount(b), on text where multibyte characters, invalid bytes
// and cut sequences fall at every place relative to its 8- and 32-byte
// strides.
func TestExtraBytes(t *testing.T) {
	pieces := []string{"a", "é", "✓", "😀", "\xff", "\xe2\x9c", "\xf0\x9f\x98", "\xc3", "\x80", strings.Repeat("x", 7), strings.Repeat("y", 31)}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b []byte
		for range rng.IntN(12) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		for cut := range len(b) + 1 {
			if got, want := extraBytes(b[cut:]), len(b[cut:])-utf8.RuneCount(b[cut:]); got != want {
				t.Fatalf("extraBytes(%q) = %d, want %d", b[cut:], got, want)
			}
		}
	}
}

// BenchmarkAdvance times what the walker does with each run it cuts
// besides scanning it: counting its lines and, after the last line break,
// its characters. Graph sends a collection on one line, so there every
// run is all "after the last line break"; the bench corpus has an item a
// line.
func BenchmarkAdvance(b *testing.B) {
	item := `{"@odata.type":"#microsoft.graph.vppTokenRevokeLicensesActionResult","actionName":"RevokeLicenses","actionState":"notSupported","displayName":"Café ✓"}`
	for _, bench := range []struct{ name, sep string }{{"one-line", ","}, {"item-a-line", ",\n"}} {
		b.Run(bench.name, func(b *testing.B) {
			var buf bytes.Buffer
			for buf.Len() < 256<<10 {
				buf.WriteString(item + bench.sep)
			}
			src := buf.Bytes()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				d := &Decoder{buf: src}
				d.advance(len(src))
				if d.pos != len(src) {
					b.Fatal(d.pos)
				}
			}
		})
	}
}

// FuzzRuns reads an array cut into runs of some size and whole, and
// expects the same: the structural scan that cuts runs may stop early,
// but never where reading whole would not.
func FuzzRuns(f *testing.F) {
	for _, s := range []string{
		`[{"a": 1, "b": "x\"y"}, [1, {"c": "\\"}], {"d": "}]"}]`,
		"[{\"é\": \"a long string with \\\\\\\" escapes and ] brackets\"},\n{}]",
		`[{"a": "\\\\\\\\"}, {"b": 1}`, `[{"a": 1},]`,
	} {
		f.Add(s, uint16(3))
	}
	f.Fuzz(func(t *testing.T, doc string, max uint16) {
		if len(doc) > 4096 {
			return
		}
		want := walkItems([]byte(doc), 0)
		size := int(max)%(len(doc)+2) + 1
		if got := walkItems([]byte(doc), size); got != want {
			t.Fatalf("runs of %d bytes:\n--- got\n%s--- want\n%s", size, got, want)
		}
		blocks := int(max)>>12 + 2
		if got := walkItems([]byte(doc), size, blocks); got != want {
			t.Fatalf("%d blocks of %d bytes:\n--- got\n%s--- want\n%s", blocks, size, got, want)
		}
	})
}

// TestClosingQuote compares the scan for a string's end, which finds
// quotes with bytes.IndexByte and looks back for backslashes, with
// reading one byte at a time, on strings of quotes, backslashes and
// other bytes in any order, and strings cut short.
func TestClosingQuote(t *testing.T) {
	slow := func(b []byte, open int) int {
		for i := open + 1; i < len(b); i++ {
			switch b[i] {
			case '"':
				return i
			case '\\':
				i++
			}
		}
		return -1
	}
	alphabet := []byte{'a', '"', '\\', 0x80, 0xff, '\x00', '\\'}
	for n := 0; n < 200000; n++ {
		// A pseudo-random string over the alphabet, of length 0 to 40.
		x := uint64(n)*0x9e3779b97f4a7c15 + 1
		b := []byte{'"'}
		for k := range int(x % 41) {
			b = append(b, alphabet[(x>>(k%58))%uint64(len(alphabet))*uint64(k%3+1)%uint64(len(alphabet))])
		}
		if got, want := closingQuote(b, 0), slow(b, 0); got != want {
			t.Fatalf("closingQuote(%q) = %d, want %d", b, got, want)
		}
		// In an array, up to its end: the array ends right after the
		// string, or never.
		q := slow(b, 0)
		if q >= 0 {
			b = b[:q+1]
		}
		if end, ok := scanValue(append([]byte("["), append(b, ']')...), 0); ok != (q >= 0) || (ok && end != q+3) {
			t.Fatalf("scanValue([%q]) = %d, %v", b, end, ok)
		}
	}
}

// TestWindowMovesLittle walks an array of small numbers as the parallel
// walker does: before each item it asks for a Window of a run's length
// (NextRun, which takes no scalar), then reads the item. The bytes left
// unread must be moved to the front of the buffer only now and then, not
// once per item: moving them on every fill made a million numbers take
// seconds. A move shows as a change of base.
func TestWindowMovesLittle(t *testing.T) {
	const items, max = 200000, 64 << 10
	var src bytes.Buffer
	src.WriteByte('[')
	for i := range items {
		if i > 0 {
			src.WriteByte(',')
		}
		fmt.Fprint(&src, i%1000)
	}
	src.WriteByte(']')
	for _, chunk := range []int{1 << 20, 4 << 10} { // a file; a pipe's short reads
		d := NewDecoder(&shortReader{src.Bytes(), chunk}, Options{})
		if err := d.OpenArray(); err != nil {
			t.Fatal(err)
		}
		moves, base, n := 0, d.base, 0
		for ; ; n++ {
			if _, ok := d.NextRun(max, math.MaxInt); ok {
				t.Fatal("NextRun took a run of numbers")
			}
			if d.base != base {
				moves, base = moves+1, d.base
			}
			_, more, err := d.NextItem()
			if err != nil {
				t.Fatal(err)
			}
			if !more {
				break
			}
			if _, err := d.ReadValue(); err != nil {
				t.Fatal(err)
			}
		}
		if n != items {
			t.Fatalf("read %d items, want %d", n, items)
		}
		// Each move follows at least half a window's worth of reading.
		if most := 2*src.Len()/max + 2; moves > most {
			t.Errorf("reads of %d bytes: the unread bytes were moved %d times, want at most %d", chunk, moves, most)
		}
	}
}

// shortReader reads src at most chunk bytes at a time.
type shortReader struct {
	src   []byte
	chunk int
}

func (r *shortReader) Read(p []byte) (int, error) {
	if len(r.src) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), r.chunk)], r.src)
	r.src = r.src[n:]
	return n, nil
}

// TestMemberAfter: from the value of an object's member, MemberAfter finds
// a later member by its decoded name, skipping strings, nested values and
// scalars; says it cannot tell when the object does not end within the
// bytes it may look at or is not well-formed there; and consumes nothing.
func TestMemberAfter(t *testing.T) {
	cases := []struct {
		doc          string
		max          int
		found, known bool
	}{
		{`{"value": [1, {"a": "]}"}], "@odata.context": "x"}`, 100, true, true},
		{`{"value": [], "n": -1.5e3, "b": true, "\u0040odata.context": "x"}`, 100, true, true},
		{`{"value": [{"@odata.context": "x"}], "s": "\", \"@odata.context\": 1"}`, 100, false, true},
		{`{"value": []}`, 100, false, true},
		{`{"value": [1, 2, 3], "@odata.context": "x"}`, 12, false, false},
		{`{"value": [1] "@odata.context": "x"}`, 100, false, false},
		{`{"value": [1], "@odata.context" "x"}`, 100, false, false},
	}
	for _, c := range cases {
		d := NewDecoder(strings.NewReader(c.doc), Options{})
		if err := d.OpenObject(); err != nil {
			t.Fatal(err)
		}
		if name, _, more, err := d.NextMember(); err != nil || !more || name != "value" {
			t.Fatalf("%s: %q %v %v", c.doc, name, more, err)
		}
		found, known := d.MemberAfter("@odata.context", c.max)
		if found != c.found || known != c.known {
			t.Errorf("%s (max %d): found %v, known %v; want %v, %v", c.doc, c.max, found, known, c.found, c.known)
		}
		if v, err := d.ReadValue(); err != nil || v.Kind != Array {
			t.Errorf("%s: after MemberAfter, the value reads as %v, %v; want the array, untouched", c.doc, v, err)
		}
	}
}
