package validate

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/input"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/payload"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// parallelValidators returns validators that check every input on
// several workers, cut into tasks of the given sizes, down to one byte
// (a task per item), with the options given; some cut arrays one run at
// a time, some always several blocks at once, some as the walker sees
// fit. Their workers guess about what came before their pieces (see
// firstResource) always that nothing was checked, always that something
// was, or as a check does.
func parallelValidators(t testing.TB, opts Options, tasks ...int) []*Validator {
	var vs []*Validator
	unchecked, checked := true, false
	for i, workers := range []int{2, 3, 8} {
		for k, task := range tasks {
			o := opts
			o.Workers = workers
			v, err := New(o)
			if err != nil {
				t.Fatal(err)
			}
			v.cuts = cutSizes{from: 0, task: task, items: 1 + task%4, blocks: []int{-1, 3, 0}[i]}
			v.guess = []*bool{&unchecked, &checked, nil}[(i+k)%3]
			vs = append(vs, v)
		}
	}
	return vs
}

// parallelOf returns a copy of v that checks every input on workers
// workers, cut into tasks of about task bytes, and arrays into runs as
// the walker sees fit; blocks, when given, sets cutSizes.blocks.
func parallelOf(v *Validator, workers, task int, blocks ...int) *Validator {
	p := *v
	p.opts.Workers, p.tokens, p.cuts = workers, make(chan struct{}, workers), cutSizes{task: task, items: 1 + task%4}
	if len(blocks) > 0 {
		p.cuts.blocks = blocks[0]
	}
	return &p
}

// guessing sets what v's workers guess about the resources before their
// pieces: that none was checked, or that one was (see firstResource).
func guessing(v *Validator, unchecked bool) *Validator {
	v.guess = &unchecked
	return v
}

// sameCheck checks src with seq and with each of par and fails on any
// difference in what they give.
func sameCheck(t *testing.T, seq *Validator, par []*Validator, in Input, src []byte) {
	t.Helper()
	in.Reader, in.Size = bytes.NewReader(src), int64(len(src))
	want, wantErr := seq.Check(in)
	for _, v := range par {
		for _, size := range []int64{int64(len(src)), 0} {
			in.Reader, in.Size = bytes.NewReader(src), size
			got, err := v.Check(in)
			if (err == nil) != (wantErr == nil) || !sameResults(got, want) {
				t.Fatalf("%s: -j %d, tasks of %d bytes, size %d:\n%s\n%s(error %v, want %v)",
					in.Name, v.opts.Workers, v.cuts.task, size, clipped(src), resultDiff(got, want), err, wantErr)
			}
		}
	}
}

func sameResults(a, b Result) bool {
	return slices.Equal(a.Findings, b.Findings) && a.Resources == b.Resources && a.Omitted == b.Omitted &&
		a.Skipped == b.Skipped && a.Accepted == b.Accepted
}

// resultDiff describes where two results part.
func resultDiff(got, want Result) string {
	var b strings.Builder
	for i := range max(len(got.Findings), len(want.Findings)) {
		var g, w string
		if i < len(got.Findings) {
			g = fmt.Sprintf("%+v", got.Findings[i])
		}
		if i < len(want.Findings) {
			w = fmt.Sprintf("%+v", want.Findings[i])
		}
		if g != w {
			fmt.Fprintf(&b, "finding %d:\ngot  %s\nwant %s\n", i, g, w)
			break
		}
	}
	fmt.Fprintf(&b, "got  %d findings, %d resources, omitted %+v, skipped %d, accepted %d\n", len(got.Findings), got.Resources, got.Omitted, got.Skipped, got.Accepted)
	fmt.Fprintf(&b, "want %d findings, %d resources, omitted %+v, skipped %d, accepted %d\n", len(want.Findings), want.Resources, want.Omitted, want.Skipped, want.Accepted)
	return b.String()
}

func clipped(src []byte) string {
	if len(src) > 2000 {
		return string(src[:2000]) + "..."
	}
	return string(src)
}

// TestParallelFixtures checks every fixture on several workers, cut as
// finely as can be, and expects what one goroutine gives.
func TestParallelFixtures(t *testing.T) {
	seq, _ := New(Options{})
	par := parallelValidators(t, Options{}, 1, 200)
	for _, dir := range []string{"valid", "invalid"} {
		for _, ext := range input.Extensions {
			files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*"+ext))
			for _, path := range files {
				src, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				sameCheck(t, seq, par, Input{Name: path, Lines: input.IsLines(path)}, src)
			}
		}
	}
}

// TestParallelRecordings checks recorded traffic, whose responses are
// checked as documents of their own, on several workers.
func TestParallelRecordings(t *testing.T) {
	seq, _ := New(Options{})
	par := parallelValidators(t, Options{}, 1, 300)
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "recordings", "*"))
	n := 0
	for _, path := range files {
		if strings.HasSuffix(path, ".want") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sameCheck(t, seq, par, Input{Name: path, Sniff: true}, src)
		n++
	}
	if n == 0 {
		t.Fatal("no recordings under testdata/recordings")
	}
}

// TestParallelShapes checks on several workers the shapes a large input
// takes, each with what can go wrong in it, and expects what one
// goroutine gives: the same findings in the same order, positions,
// pointers, counts, the same not-graph verdict and skipped-type summary,
// and the same findings listed and omitted under --max-findings.
func TestParallelShapes(t *testing.T) {
	docs := parallelDocuments()
	var off rules.Severities
	if err := off.Set(rules.UnknownProperty, finding.Off); err != nil {
		t.Fatal(err)
	}
	// A baseline is asked about each finding by its pointer, also past
	// the limit, where no one reads the pointer otherwise.
	accept := func(f finding.Finding) bool {
		return strings.HasSuffix(f.Pointer, "/actionState") || strings.HasSuffix(f.Pointer, "/x") ||
			f.Rule == rules.UnknownProperty && strings.HasPrefix(f.Pointer, "/value/1")
	}
	for _, o := range []struct {
		opts   Options
		tasks  []int
		sev    rules.Severities
		accept func(finding.Finding) bool
	}{
		{Options{}, []int{1, 700}, rules.Severities{}, nil},
		{Options{MaxFindings: 3}, []int{1, 100}, rules.Severities{}, nil},
		{Options{MaxFindings: 3}, []int{1, 200}, rules.Severities{}, accept},
		{Options{MaxFindings: -1}, []int{300}, rules.Severities{}, nil},
		{Options{Type: "vppTokenActionResult"}, []int{500}, off, nil},
	} {
		seq, _ := New(o.opts)
		par := parallelValidators(t, o.opts, o.tasks...)
		for _, d := range docs {
			sameCheck(t, seq, par, Input{Name: d.name, Lines: d.lines, Severities: o.sev, Accept: o.accept}, []byte(d.src))
		}
	}
}

type parallelDoc struct {
	name  string
	src   string
	lines bool
}

const (
	revokeContext = `https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.vppTokenRevokeLicensesActionResult)`
	tokensContext = `https://graph.microsoft.com/beta/$metadata#deviceAppManagement/vppTokens`
	appsContext   = `https://graph.microsoft.com/beta/$metadata#deviceAppManagement/mobileApps`
)

// parallelItems are resources as collections hold them: clean ones (the
// quick path), ones with findings, untyped ones, ones of a type outside
// the model, nested values, duplicate members, and characters outside
// ASCII before and after line breaks.
var parallelItems = []string{
	resourceJSON,
	strings.Replace(resourceJSON, `"failed"`, `"Failed"`, 1),
	strings.Replace(resourceJSON, `2147483`, `99999999999999999999`, 1),
	`{"actionName": "untyped", "actionState": "done", "startDateTime": "2024-03-01T09:00:00Z", "lastUpdatedDateTime": "2024-03-01T10:00:00Z"}`,
	`{"@odata.type": "#microsoft.graph.win32LobApp", "displayName": "not ours"}`,
	`{"@odata.type": "#microsoft.graph.vppTokenActionResult", "actionName": "Lizenzen ✓ é", "actionState": "done", "startDateTime": "2024-03-01T09:00:00Z", "lastUpdatedDateTime": "2024-03-01T09:00:00Z"}`,
	"{\"@odata.type\": \"#microsoft.graph.vppTokenActionResult\",\n   \"actionName\": \"é\\\"quoted\\\\\",\n   \"actionState\": \"done\", \"actionState\": \"failed\"}",
	`{"@odata.type": "#microsoft.graph.iosVppApp", "displayName": "app", "revokeLicenseActionResults": [{"actionState": "bogus", "userId": 1}], "licensingType": {"supportsUserLicensing": "yes"}}`,
	`{"@odata.type": "#microsoft.graph.vppToken", "displayName": "t", "state": "valid", "tokenActionResults": [{"actionName": "a", "actionState": "done", "x": {"y": [1, 2, {"z": null}]}}]}`,
	`{"name": "package", "version": "1.0.0"}`,
	`[1, 2]`,
	`"a string"`,
	`{}`,
	`{"@odata.type": "#microsoft.graph.vppTokenRevokeLicensesActionResult", "actionName": "a", "actionName": "b", "totalLicensesCount": 1.5}`,
}

// parallelDocuments builds the inputs: each shape with the items in
// several orders and at several sizes, clean and broken.
func parallelDocuments() []parallelDoc {
	var docs []parallelDoc
	items := func(n, rot int, sep string) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(parallelItems[(i+rot)%len(parallelItems)])
		}
		return b.String()
	}
	clean := func(n int, sep string) string {
		return strings.Repeat(resourceJSON+sep, n-1) + resourceJSON
	}
	for rot := 0; rot < len(parallelItems); rot += 5 {
		body := items(2*len(parallelItems)+1, rot, ",\n  ")
		flat := items(len(parallelItems), rot, ",")
		docs = append(docs,
			parallelDoc{name: "collection.json", src: `{"@odata.context": "` + revokeContext + `", "value": [` + body + "]}\n"},
			parallelDoc{name: "untyped.json", src: `{"value": [` + body + `], "@odata.nextLink": "https://graph.microsoft.com/beta/next"}`},
			parallelDoc{name: "array.json", src: "[" + body + "]"},
			parallelDoc{name: "oneline.json", src: "\xef\xbb\xbf[" + flat + "]"},
			parallelDoc{name: "tokens.json", src: `{"@odata.context": "` + tokensContext + `", "value": [` + body + "]}"},
			parallelDoc{name: "apps.json", src: `{"@odata.context": "` + appsContext + `", "value": [` + body + "]}"},
			parallelDoc{name: "select.json", src: `{"@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/vppTokens(displayName,state)", "value": [` + body + "]}"},
			parallelDoc{name: "v1.json", src: `{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#deviceAppManagement/vppTokens", "value": [` + body + "]}"},
			parallelDoc{name: "lines.jsonl", lines: true, src: items(2*len(parallelItems)+1, rot, "\n") + "\n"},
			parallelDoc{name: "batch.json", src: `{"responses": [{"id": "1", "status": 200, "body": {"@odata.context": "` + revokeContext + `", "value": [` + body + `]}}, {"id": "2", "status": 200, "body": [` + flat + `]}]}`},
		)
	}
	// Broken in the middle, in each way the reader can be, and cut off.
	breaks := []string{
		`{"actionName": "a",}`, `{"actionName" "a"}`, `{"actionName": tru}`, `{"a": 01}`, `{"a": 1.}`,
		`{"a": "\x"}`, "{\"a\": \"line\nbreak\"}", `{"a": [1}`, `{"a": "\ud800"}`, "{\"a\": \"\xff\"}",
		`{"a": 1} {"b": 2}`, `{"a": 1}]`, `{"a": 1},`, `{"a": 1},,`, `,{"a": 1}`, `{"a": {"b": {"c": [[[[[[[[1]]]]]]]]}}}`,
	}
	for _, bad := range breaks {
		head, tail := clean(30, ",\n"), items(len(parallelItems), 0, ",\n")
		docs = append(docs,
			parallelDoc{name: "broken.json", src: `{"@odata.context": "` + revokeContext + `", "value": [` + head + ",\n" + bad + ",\n" + tail + `], "@odata.context": "x"}`},
			parallelDoc{name: "broken-array.json", src: "[" + head + ", " + bad + ", " + tail + "]"},
			parallelDoc{name: "broken.jsonl", lines: true, src: strings.ReplaceAll(head, ",\n", "\n") + "\n" + bad + "\n" + strings.ReplaceAll(tail, ",\n", "\n") + "\n"},
			parallelDoc{name: "broken-in-line.jsonl", lines: true, src: `{"value": [` + clean(5, ", ") + ", " + bad + ", " + clean(3, ", ") + `], "value": 1}` + "\n" + `{"value": [` + clean(3, ",") + `]}` + "\n"},
		)
	}
	full := `{"@odata.context": "` + revokeContext + `", "value": [` + clean(40, ",\n") + "]}"
	for _, cut := range []int{len(full) - 1, len(full) - 3, len(full) / 2, 150} {
		docs = append(docs, parallelDoc{name: "truncated.json", src: full[:cut]})
	}
	// Duplicate members outside the runs, before and after them.
	docs = append(docs,
		parallelDoc{name: "dups.json", src: `{"@odata.context": "` + revokeContext + `", "@odata.context": "` + revokeContext + `", "value": [` + items(20, 5, ",") + `], "@odata.count": 20, "@odata.count": 21}`},
		parallelDoc{name: "not-graph-array.json", src: `[{"name": "a"}, {"name": "b"}, ` + clean(10, ", ") + `, {"name": "c"}]`},
		parallelDoc{name: "not-graph.jsonl", lines: true, src: "{\"name\": \"a\"}\n{\"name\": \"b\"}\n" + clean(10, "\n") + "\n{\"name\": \"c\"}\n"},
		parallelDoc{name: "foreign.json", src: `{"@odata.context": "https://graph.microsoft.com/beta/$metadata#users", "value": [` + clean(20, ",") + "]}"},
		parallelDoc{name: "empty.json", src: ""},
		parallelDoc{name: "space.jsonl", lines: true, src: "\n\n  \n"},
		parallelDoc{name: "utf16.jsonl", lines: true, src: "\xff\xfe{\x00}\x00\n"},
		parallelDoc{name: "no-newline.jsonl", lines: true, src: clean(5, "\n")},
		parallelDoc{name: "crlf.jsonl", lines: true, src: clean(5, "\r\n") + "\r\n"},
	)
	return docs
}

// TestParallelWorkersShared checks many inputs at once on a validator
// whose workers are fewer than the inputs: every check waits its turn,
// none deadlocks, and each gives what one goroutine gives.
func TestParallelWorkersShared(t *testing.T) {
	seq, _ := New(Options{})
	par, _ := New(Options{Workers: 3})
	par.cuts = cutSizes{task: 64, items: defaultCuts.items}
	docs := parallelDocuments()
	want := make([]Result, len(docs))
	for i, d := range docs {
		want[i], _ = seq.Check(Input{Name: d.name, Lines: d.lines, Reader: strings.NewReader(d.src)})
	}
	got := make([]Result, len(docs))
	done := make(chan int)
	for i, d := range docs {
		go func() {
			got[i], _ = par.Check(Input{Name: d.name, Lines: d.lines, Reader: strings.NewReader(d.src)})
			done <- i
		}()
	}
	for range docs {
		<-done
	}
	for i := range docs {
		if !sameResults(got[i], want[i]) {
			t.Errorf("%s (%d): got %+v, want %+v", docs[i].name, i, got[i], want[i])
		}
	}
}

// TestTasksBoundedByItems hands the walker runs and pieces of many items
// in few bytes and expects each task to cover about cutSizes.items of
// them: what a worker keeps of a task, findings above all, grows with its
// items, and ten million empty objects held 2 GB at -j 2 when only bytes
// bounded a task.
func TestTasksBoundedByItems(t *testing.T) {
	const items = 8
	w := &walker{
		sizes: cutSizes{task: 1 << 20, items: items},
		d:     jsonpos.NewDecoder(strings.NewReader(""), jsonpos.Options{}),
		order: make(chan *task, 64), work: make(chan *task, 64), free: make(chan *task, 66),
		more: func() {},
	}
	w.cap.Store(items)
	w.t = w.newTask()
	for range 10 {
		w.addRun(piece{kind: itemsPiece, run: jsonpos.Run{Text: []byte("{},{},{}"), Items: 3}})
	}
	for range 10 {
		w.add(piece{kind: problemPiece})
	}
	w.addRun(piece{kind: linesPiece, run: jsonpos.Run{Text: []byte("{}\n"), Items: items}})
	w.dispatch()
	close(w.order)
	var sizes []int
	total := 0
	for tk := range w.order {
		n := 0
		for _, p := range tk.pieces {
			if p.kind == itemsPiece || p.kind == linesPiece {
				n += p.run.Items
			} else {
				n++
			}
		}
		sizes, total = append(sizes, n), total+n
	}
	if total != 10*3+10+items {
		t.Fatalf("tasks of %v items, %d in all; want %d", sizes, total, 10*3+10+items)
	}
	for i, n := range sizes {
		// A task closes once it reaches items; a run holds items at most.
		if n >= 2*items || n < items && i < len(sizes)-1 {
			t.Errorf("tasks of %v items; want %d to %d each, the last one fewer", sizes, items, 2*items-1)
			break
		}
	}
}

// TestSparseArraysCutOneRunAtATime checks, on 16 workers, a collection
// with a number after every resource. Blocks end at each number, so a
// walker that scanned blocks for every run read 8 MB per resource (28 s
// for 3 MB, 20 s for these 2.7 MB); it must cut them one run at a time, and find what one
// goroutine finds.
func TestSparseArraysCutOneRunAtATime(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(16))
	var b bytes.Buffer
	b.WriteString(`{"@odata.context": "https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.vppTokenRevokeLicensesActionResult)", "value": [`)
	for i := range 8000 {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(resourceJSON + ", " + strconv.Itoa(i))
	}
	b.WriteString("]}")
	seq, _ := New(Options{})
	par, _ := New(Options{Workers: 16})
	start := time.Now()
	sameCheck(t, seq, []*Validator{par}, Input{Name: "sparse.json"}, b.Bytes())
	// Each check takes a tenth of a second; scanning blocks per run,
	// about ten seconds.
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("checking %d bytes on 16 workers took %v", b.Len(), d)
	}
}

// TestFoldedAsTaken checks that what a worker counts past the limit
// (pieceResult.fold) comes to what the file's check would have counted
// taking each finding in turn: the same numbers of each severity, and
// the first omitted at the same place, whatever the mix of findings the
// worker counts and records.
func TestFoldedAsTaken(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 11))
	sevs := []finding.Severity{finding.Error, finding.Warning, finding.Info}
	var limited atomic.Bool
	limited.Store(true)
	for range 500 {
		var fs []reported
		for i := range rng.IntN(6) {
			fs = append(fs, reported{rule: rules.UnknownProperty, sev: sevs[rng.IntN(3)],
				at: jsonpos.Pos{Offset: int64(10 * (i + 1))}, ptr: "/x", unlisted: rng.IntN(2) == 0})
		}
		// The file has listed as many as it may, as the worker knows.
		turns := &check{max: 2, listed: 2}
		folds := &check{max: 2, listed: 2}
		r := &pieceResult{}
		worker := &check{out: r, limited: &limited}
		for _, f := range fs {
			turns.take(f)
			worker.pass(f)
		}
		folds.takeReports(r)
		if turns.omitted != folds.omitted || turns.firstOmitted != folds.firstOmitted || turns.listed != folds.listed {
			t.Fatalf("%+v: taken in turn, omitted %+v first at %d, %d listed; folded %+v, %+v first at %d, %d listed",
				fs, turns.omitted, turns.firstOmitted.Offset, turns.listed, r, folds.omitted, folds.firstOmitted.Offset, folds.listed)
		}
	}
}

// TestTasksBoundedByFindings checks a collection whose items each carry
// about fifty findings, none past the limit: a worker keeps a task's
// findings until the file's check takes it over, so once one task has
// shown how many findings items carry, tasks hold fewer items, about
// taskFindings findings in all, where a task of 256 KB would hold 20,000.
func TestTasksBoundedByFindings(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"@odata.context": "` + revokeContext + `", "value": [`)
	const n = 3000
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`{"@odata.type": "#microsoft.graph.vppTokenRevokeLicensesActionResult"`)
		for k := range 40 {
			fmt.Fprintf(&b, `, "extra%d": %d`, k, i)
		}
		b.WriteString("}")
	}
	b.WriteString("]}")
	seq, err := New(Options{MaxFindings: -1})
	if err != nil {
		t.Fatal(err)
	}
	par := parallelOf(seq, 4, defaultCuts.task)
	par.cuts = defaultCuts
	par.cuts.from = 0
	var tasks [][2]int
	par.merged = func(items, reports int) { tasks = append(tasks, [2]int{items, reports}) }
	sameCheck(t, seq, []*Validator{par}, Input{Name: "wide.json"}, []byte(b.String()))
	items := 0
	for i, tk := range tasks {
		items += tk[0]
		if tk[1] > 2*taskFindings {
			t.Fatalf("task %d of %v ([items, findings]): more than %d findings", i, tasks, 2*taskFindings)
		}
	}
	// sameCheck checks twice: with the size known and not.
	if items != 2*n {
		t.Fatalf("tasks of %v ([items, findings]): %d items in all, want %d", tasks, items, 2*n)
	}
}

// TestShortArraysCutOneRunAtATime walks a batch whose bodies' arrays are
// shorter than what the walker's blocks scan at once, then one that is
// far longer, as 16 workers would: NextRuns scans all its blocks however
// soon the array ends, so the short arrays must be cut one run at a time
// (a batch of 120 bodies of 300 KB took 3 times as long at -j 16 as at
// -j 1), and the long one in blocks once it is known to be long.
func TestShortArraysCutOneRunAtATime(t *testing.T) {
	const size = 1 << 10 // blocks of 4 KB, 8 at once: 32 KB
	body := func(n int) string {
		var b strings.Builder
		b.WriteString(`{"@odata.context": "` + revokeContext + `", "value": [`)
		for i := range n {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(resourceJSON)
		}
		return b.String() + "]}"
	}
	var b strings.Builder
	b.WriteString(`{"responses": [`)
	for i, n := range []int{50, 50, 50, 800} {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"id": "%d", "status": 200, "body": %s}`, i, body(n))
	}
	b.WriteString("]}")
	if n := len(body(50)); n < 12<<10 || n > 24<<10 {
		t.Fatalf("short bodies of %d bytes", n)
	}
	w := &walker{
		sizes:   cutSizes{task: size, items: 1 << 20},
		workers: 16,
		d:       jsonpos.NewDecoder(strings.NewReader(b.String()), jsonpos.Options{}),
		order:   make(chan *task, 1<<12), work: make(chan *task, 1<<12), free: make(chan *task, 1<<12+2),
		more: func() {},
	}
	w.cap.Store(1 << 20)
	w.t = w.newTask()
	most := map[string]int64{} // the most bytes one cut took, by array
	vis := payload.Visitor{
		Resource: func(payload.Resource) {},
		Problem:  func(payload.Problem) {},
		Cut: func(d *jsonpos.Decoder, at payload.Place) bool {
			for len(w.work) > 0 { // the workers keep up
				<-w.work
			}
			from := d.Offset()
			ok := w.cut(d, at)
			most[at.Array] = max(most[at.Array], d.Offset()-from)
			return ok
		},
	}
	if err := payload.Walk(w.d, vis); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		// A run ends with the last item that ends within size bytes.
		if n := most[fmt.Sprintf("/responses/%d/body/value", i)]; n > size+int64(len(resourceJSON))+2 {
			t.Errorf("body %d: a cut took %d bytes; blocks were scanned in an array shorter than they are", i, n)
		}
	}
	if n := most["/responses/3/body/value"]; n < 4*size {
		t.Errorf("the long body: cuts of %d bytes at most; it was never cut in blocks", n)
	}
}

// TestLimitKeepsTheFirstInReadingOrder: under a --max-findings limit of
// n, a file lists the first n of the findings it lists without one, in
// reading order, and the finding-limit finding stands where the first of
// the others does, whatever order the checks report them in (a
// resource's missing properties come base type first) and on any number
// of workers.
func TestLimitKeepsTheFirstInReadingOrder(t *testing.T) {
	var inputs []string
	for _, ext := range input.Extensions {
		m, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "invalid", "*"+ext))
		inputs = append(inputs, m...)
	}
	if len(inputs) < 20 {
		t.Fatalf("%d fixtures in testdata/invalid", len(inputs))
	}
	srcs := map[string][]byte{}
	for _, name := range inputs {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		srcs[name] = src
	}
	fc := findingCollections()
	for _, kind := range []string{"token-both", "token-result-untyped", "app-device-casing", "casing"} {
		src := fc[kind].src
		// 40 items of the collection: enough for several pieces.
		cut := 0
		for range 40 {
			cut += bytes.IndexByte(src[cut:], '\n') + 1
		}
		srcs[kind] = append(append([]byte{}, src[:cut-2]...), "]}\n"...)
	}
	// Items whose findings the flat path reports out of reading order:
	// the value's first, the missing properties at the item's start last.
	var mixed strings.Builder
	mixed.WriteString(`{"@odata.context": "https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.vppTokenActionResult)", "value": [`)
	for i := range 30 {
		if i > 0 {
			mixed.WriteString(",\n")
		}
		fmt.Fprintf(&mixed, `{"@odata.type": "#microsoft.graph.vppTokenRevokeLicensesActionResult", "actionName": "r%d", "actionState": "Done", "startDateTime": "2024-01-01T00:00:00Z", "extra": %d}`, i, i)
	}
	mixed.WriteString("]}\n")
	srcs["mixed"] = []byte(mixed.String())
	checkWith := func(v *Validator, name string, src []byte) []finding.Finding {
		res, err := v.Check(Input{Name: name, Reader: bytes.NewReader(src), Size: int64(len(src))})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return res.Findings
	}
	for name, src := range srcs {
		all, _ := New(Options{MaxFindings: -1})
		want := checkWith(all, name, src)
		if len(want) < 2 {
			continue
		}
		for _, n := range []int{1, 2, 3, len(want) / 2, len(want) - 1} {
			if n < 1 || n >= len(want) {
				continue
			}
			seq, _ := New(Options{MaxFindings: n})
			for _, v := range []*Validator{seq, parallelOf(seq, 2, 2<<10), parallelOf(seq, 3, 700)} {
				got := checkWith(v, name, src)
				if len(got) != n+1 || !slices.Equal(got[:n], want[:n]) {
					t.Fatalf("%s, limit %d, -j %d: got\n%s\nwant the first %d of\n%s", name, n, v.opts.Workers, lines(got), n, lines(want))
				}
				limit := got[n]
				if limit.Rule != rules.FindingLimit || limit.Line != want[n].Line || limit.Column != want[n].Column {
					t.Errorf("%s, limit %d, -j %d: %s, want a finding-limit at %d:%d", name, n, v.opts.Workers, lines(got[n:]), want[n].Line, want[n].Column)
				}
			}
		}
	}
}

func lines(fs []finding.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %d:%d %s %s %s\n", f.Line, f.Column, f.Rule, f.Pointer, f.Message)
	}
	return b.String()
}
