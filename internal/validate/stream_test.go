package validate

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/input"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// mixedCollection is a mobileApps collection of copies of the skipped-type
// fixture's items (two apps outside the VPP model, then a VPP app) in
// which every VPP app has a casing mistake and every other one a
// duplicate member: findings in every item, skipped items among them.
func mixedCollection(t testing.TB, copies int) []byte {
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "invalid", "skipped-type.json"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	open := strings.Index(s, `"value": [`) + len(`"value": [`)
	end := strings.LastIndex(s, "]")
	items := strings.Replace(s[open:end], `"isFeatured"`, `"IsFeatured"`, 1)
	dup := strings.Replace(items, `"publisher": "Apple",`, `"publisher": "Apple", "publisher": "Apple",`, 1)
	if items == s[open:end] || dup == items {
		t.Fatal("the skipped-type fixture changed: mixedCollection finds no VPP app to spoil")
	}
	var b strings.Builder
	b.WriteString(s[:open])
	for i := range copies {
		if i > 0 {
			b.WriteString(",")
		}
		if i%2 == 1 {
			b.WriteString(dup)
		} else {
			b.WriteString(items)
		}
	}
	b.WriteString(s[end:])
	return []byte(b.String())
}

// sumsUp tells the findings that sum up a document and so come last in
// it rather than at their place.
func sumsUp(f finding.Finding) bool {
	return f.Rule == rules.SkippedType || f.Rule == rules.FindingLimit
}

// TestFindingsStreamInReadingOrder: the findings Input.Findings receives
// are those Result.Findings lists, in the same order, which is reading
// order but for the findings that sum a document up; on one worker or
// several, with or without a limit, on every fixture and recording and a
// large mixed collection.
func TestFindingsStreamInReadingOrder(t *testing.T) {
	type source struct {
		name  string
		src   []byte
		lines bool
	}
	var sources []source
	for _, dir := range []string{"valid", "invalid", "recordings"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*"))
		for _, path := range files {
			if strings.HasSuffix(path, ".want") {
				continue
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			sources = append(sources, source{path, src, input.IsLines(path)})
		}
	}
	sources = append(sources, source{"mixed.json", mixedCollection(t, 60), false})
	// What is wrong with a collection's own members before its value
	// array is said before the items' findings, and after it, after.
	wrapped := strings.Replace(string(mixedCollection(t, 3)), `"value": [`, `"extra": 1, "@odata.count": "3", "value": [`, 1)
	wrapped = wrapped[:strings.LastIndex(wrapped, "]")+1] + `, "later": 2, "@odata.nextLink": 5}`
	sources = append(sources, source{"wrapper.json", []byte(wrapped), false})

	var validators []*Validator
	for _, max := range []int{0, 7, -1} {
		seq, err := New(Options{MaxFindings: max})
		if err != nil {
			t.Fatal(err)
		}
		validators = append(validators, seq, parallelOf(seq, 3, 1), parallelOf(seq, 2, 500), parallelOf(seq, 3, 40, 4))
	}
	summed := 0
	for _, s := range sources {
		for _, v := range validators {
			in := Input{Name: s.name, Lines: s.lines, Sniff: true, Reader: bytes.NewReader(s.src), Size: int64(len(s.src))}
			want, _ := v.Check(in)
			var got []finding.Finding
			in.Reader = bytes.NewReader(s.src)
			in.Findings = func(f finding.Finding) { got = append(got, f) }
			res, _ := v.Check(in)
			if res.Findings != nil {
				t.Fatalf("%s: Result.Findings holds %d findings that Input.Findings received", s.name, len(res.Findings))
			}
			res.Findings = got
			if !sameResults(res, want) {
				t.Fatalf("%s: -j %d, tasks of %d bytes, max %d: streamed and listed findings part:\n%s",
					s.name, v.opts.Workers, v.cuts.task, v.opts.MaxFindings, resultDiff(res, want))
			}
			last := int64(-1)
			for i, f := range got {
				if sumsUp(f) {
					summed++
					continue
				}
				if f.Offset < last {
					t.Fatalf("%s: -j %d, max %d: finding %d is out of reading order:\n%s",
						s.name, v.opts.Workers, v.opts.MaxFindings, i, resultDiff(Result{Findings: got}, Result{Findings: slices.SortedStableFunc(slices.Values(got), finding.Compare)}))
				}
				last = f.Offset
			}
		}
	}
	if summed == 0 {
		t.Error("no finding summed a document up: the corpus no longer tests where they go")
	}
}

// TestMixedCollectionSumsUpLast: the skipped-type finding of a collection
// whose findings come after its first skipped item is listed after them,
// at the first skipped item's place.
func TestMixedCollectionSumsUpLast(t *testing.T) {
	v, _ := New(Options{MaxFindings: -1})
	res := v.Validate("mixed.json", mixedCollection(t, 4), rules.Severities{})
	if n := len(res.Findings); n < 3 {
		t.Fatalf("%d findings, want those of 4 spoilt apps and one skipped-type", n)
	}
	last := res.Findings[len(res.Findings)-1]
	if last.Rule != rules.SkippedType || !strings.HasPrefix(last.Message, "8 item(s)") {
		t.Fatalf("the last finding is %+v, want skipped-type counting 8 items", last)
	}
	if first := res.Findings[0]; first.Offset <= last.Offset {
		t.Errorf("the skipped-type finding (offset %d) comes after one at offset %d; the corpus no longer has findings after the first skipped item", last.Offset, first.Offset)
	}
}

// countingReader counts the bytes read through it. On several workers
// the walker reads while the file's check hands findings on, so the count
// is atomic.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// TestFindingsStreamWhileReading: a finding reaches Input.Findings soon
// after the walk has read past it, not when the file ends, so that a file
// with millions of findings is never held whole; on one worker and on
// several.
func TestFindingsStreamWhileReading(t *testing.T) {
	src := mixedCollection(t, 1500) // about 3.8 MB, 3,750 findings
	seq, _ := New(Options{MaxFindings: -1})
	for _, v := range []*Validator{seq, parallelOf(seq, 2, 16<<10)} {
		cr := &countingReader{r: bytes.NewReader(src)}
		var lag int64
		n := 0
		in := Input{Name: "mixed.json", Reader: cr, Findings: func(f finding.Finding) {
			if !sumsUp(f) {
				lag = max(lag, cr.n.Load()-f.Offset)
			}
			n++
		}}
		if _, err := v.Check(in); err != nil {
			t.Fatal(err)
		}
		// The reader's buffer, and on several workers the tasks queued:
		// far less than the input.
		if n < 3000 || lag > 1<<20 {
			t.Errorf("-j %d: %d findings, read up to %d bytes past one before it was handed over (input %d bytes)",
				v.opts.Workers, n, lag, len(src))
		}
	}
}

// TestUnknownPropertyMessagesNameTheirProperty: every unknown-property
// message of a long collection quotes the member its pointer names. The
// messages are kept per (type, property) while the flat view's names
// look into the reader's buffer, which moves on: a kept name that still
// looked into it would put one property's message on another.
func TestUnknownPropertyMessagesNameTheirProperty(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"@odata.context":"https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.vppTokenActionResult)","value":[`)
	for i := range 20000 {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"@odata.type":"#microsoft.graph.vppTokenActionResult","actionName":"RevokeLicenses","actionState":"done","startDateTime":"2024-01-01T00:00:00Z","lastUpdatedDateTime":"2024-01-01T00:00:0%dZ","totalLicensesCount":%d,"failedLicensesCount":0,"actionFailureReason":"none"}`, i%10, i)
	}
	b.WriteString("]}")
	src := []byte(b.String())
	seq, _ := New(Options{MaxFindings: -1})
	for _, v := range []*Validator{seq, parallelOf(seq, 2, 64<<10)} {
		n := 0
		in := Input{Name: "c.json", Reader: bytes.NewReader(src), Size: int64(len(src)), Findings: func(f finding.Finding) {
			if f.Rule != rules.UnknownProperty {
				return
			}
			n++
			name := f.Pointer[strings.LastIndexByte(f.Pointer, '/')+1:]
			if !strings.HasPrefix(f.Message, fmt.Sprintf("unknown property %q", name)) {
				t.Fatalf("-j %d: %s: %s", v.opts.Workers, f.Pointer, f.Message)
			}
		}}
		if _, err := v.Check(in); err != nil {
			t.Fatal(err)
		}
		if n != 60000 {
			t.Errorf("-j %d: %d unknown-property findings, want 3 in each of 20,000 items", v.opts.Workers, n)
		}
	}
}

// TestKeptMessagesOwnTheirNames: the unknown-property messages a check
// keeps are keyed by names it owns. A name from the flat view looks into
// the reader's buffer; when the buffer is read into again, a key that
// still looked into it would change under the map, and the next member
// whose name it now spells would get another member's message.
func TestKeptMessagesOwnTheirNames(t *testing.T) {
	v, _ := New(Options{MaxFindings: -1})
	s, err := LoadSchemas("beta")
	if err != nil {
		t.Fatal(err)
	}
	typ := s.Type("vppTokenActionResult")
	buf := []byte("failedLicensesCount")
	c := v.newCheck(Input{Name: "c.json"})
	c.unknownProperty(typ, bytesString(buf), jsonpos.Pos{Line: 1, Column: 1}, "/failedLicensesCount")
	copy(buf, "actionFailureReason") // the buffer is read into again
	for k := range c.propMsgs {
		if k.prop != "failedLicensesCount" {
			t.Fatalf("a kept message's key changed with the buffer it was read from: %q", k.prop)
		}
	}
	if len(c.propMsgs) != 1 {
		t.Fatalf("%d messages kept, want 1", len(c.propMsgs))
	}
	for _, r := range c.propRecent {
		if r.key.t != nil && r.key.prop != "failedLicensesCount" {
			t.Fatalf("a recent message's key changed with the buffer it was read from: %q", r.key.prop)
		}
	}
	// The buffer now spells another name: its finding must say so.
	c.unknownProperty(typ, bytesString(buf), jsonpos.Pos{Line: 1, Column: 30, Offset: 29}, "/actionFailureReason")
	if n := len(c.pending); n != 2 || !strings.Contains(c.pending[1].Message, `"actionFailureReason"`) {
		t.Fatalf("pending findings %+v, want the second about actionFailureReason", c.pending)
	}
}
