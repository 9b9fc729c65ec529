package baseline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/finding"
)

func TestRoundTripIsStableAndCounts(t *testing.T) {
	dir := t.TempDir()
	fs := []finding.Finding{
		{File: "./b.json", Pointer: "/x", Rule: "enum", Line: 9},
		{File: "a.json", Pointer: "", Rule: "missing-property", Line: 1},
		{File: "a.json", Pointer: "", Rule: "missing-property", Line: 1},
		{File: "a.json", Pointer: "/y", Rule: "type", Line: 3},
	}
	p1, p2 := filepath.Join(dir, "1.json"), filepath.Join(dir, "2.json")
	if _, err := Write(p1, fs); err != nil {
		t.Fatal(err)
	}
	// The same findings in another order give the same bytes.
	if _, err := Write(p2, []finding.Finding{fs[3], fs[0], fs[2], fs[1]}); err != nil {
		t.Fatal(err)
	}
	b1, _ := os.ReadFile(p1)
	b2, _ := os.ReadFile(p2)
	if string(b1) != string(b2) {
		t.Errorf("not stable:\n%s\n%s", b1, b2)
	}
	if !strings.Contains(string(b1), `"count": 2`) || strings.Index(string(b1), `"a.json"`) > strings.Index(string(b1), `"b.json"`) {
		t.Errorf("unexpected file:\n%s", b1)
	}
	b, err := Load(p1)
	if err != nil {
		t.Fatal(err)
	}
	// A third missing-property and a finding on another line of an
	// accepted key: the third is new; lines do not matter.
	next := append(fs, finding.Finding{File: "a.json", Pointer: "", Rule: "missing-property", Line: 1},
		finding.Finding{File: "c.json", Pointer: "/x", Rule: "enum"})
	next[0].Line = 42
	kept, suppressed := b.Filter(next)
	if suppressed != 4 || len(kept) != 2 || kept[0].Rule != "missing-property" || kept[1].File != "c.json" {
		t.Errorf("suppressed %d, kept %+v", suppressed, kept)
	}
	if n := b.Unused([]string{"a.json", "b.json"}); n != 0 {
		t.Errorf("unused %d", n)
	}
}

// TestUnusedCountsCheckedAndGoneFiles: the note about findings that no
// longer occur counts the files checked and those deleted since, never
// a file that is there but was not checked this time.
func TestUnusedCountsCheckedAndGoneFiles(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, f := range []string{"a.json", "z.json"} {
		if err := os.WriteFile(f, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Write("b.json", []finding.Finding{{File: "a.json", Rule: "enum"}, {File: "z.json", Rule: "enum"}, {File: "gone.json", Rule: "enum"}, {File: "-", Rule: "enum"}}); err != nil {
		t.Fatal(err)
	}
	b, err := Load("b.json")
	if err != nil {
		t.Fatal(err)
	}
	if n := b.Unused([]string{"a.json"}); n != 2 {
		t.Errorf("unused %d, want 2 (a.json checked, gone.json deleted; z.json and standard input not checked)", n)
	}
}

// TestEntriesAreRelativeToTheBaseline: a baseline's files are named from
// its own directory, so that it matches the same files whatever the
// working directory of the run that writes or reads it.
func TestEntriesAreRelativeToTheBaseline(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "fixtures", "new"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if _, err := Write(filepath.Join("ci", "..", "bl.json"), []finding.Finding{{File: "fixtures/a.json", Pointer: "/x", Rule: "enum"}}); err != nil {
		t.Fatal(err)
	}
	if text, _ := os.ReadFile("bl.json"); !strings.Contains(string(text), `"file": "fixtures/a.json"`) {
		t.Errorf("written from the baseline's directory:\n%s", text)
	}
	t.Chdir(filepath.Join(dir, "fixtures", "new"))
	b, err := Load("../../bl.json")
	if err != nil {
		t.Fatal(err)
	}
	kept, suppressed := b.Filter([]finding.Finding{{File: "../a.json", Pointer: "/x", Rule: "enum"}, {File: "a.json", Pointer: "/x", Rule: "enum"}})
	if suppressed != 1 || len(kept) != 1 || kept[0].File != "a.json" {
		t.Errorf("from another directory: suppressed %d, kept %+v", suppressed, kept)
	}
	// Written from there, into a directory beside the files.
	if _, err := Write(filepath.Join(dir, "ci", "bl.json"), []finding.Finding{{File: "../a.json", Rule: "enum"}}); err == nil {
		t.Error("wrote into a directory that does not exist")
	}
	if err := os.Mkdir(filepath.Join(dir, "ci"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(filepath.Join(dir, "ci", "bl.json"), []finding.Finding{{File: "../a.json", Rule: "enum"}}); err != nil {
		t.Fatal(err)
	}
	if text, _ := os.ReadFile(filepath.Join(dir, "ci", "bl.json")); !strings.Contains(string(text), `"file": "../fixtures/a.json"`) {
		t.Errorf("written beside the files:\n%s", text)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		`[]`: "1:1: not a vppvalidate baseline",
		`{"version": 1, "entries": [{"file": "a"}]}`:                                         `1:28: an entry needs "file", "pointer" and "rule"`,
		`{"version": 1, "entries": [{"file": "a", "pointer": "", "rule": "x", "count": 0}]}`: "1:79: count must be a whole number",
		`{"version": 1, "entries": [`:                                                        "not valid JSON",
		// Only what Write writes, and only the version it writes.
		`{"version": 2, "entries": []}`:               "1:13: version must be 1",
		`{"version": "1", "entries": []}`:             "1:13: version must be 1",
		`{"version": 1.0, "entries": []}`:             "1:13: version must be 1",
		`{"comment": 7, "version": 1, "entries": []}`: "1:13: comment must be a string",
		`{"entrys": [], "entries": []}`:               `1:2: unknown key "entrys" (known: comment, version, entries)`,
		`{"version": 1, "entries": [{"file": "a", "pointer": "", "rule": "enum", "cuont": 2, "count": 1}]}`:         `1:73: unknown key "cuont" in an entry; did you mean "count"?`,
		`{"version": 1, "entries": [{"file": "a", "pointer": "", "rule": "enum", "count": 3.5}]}`:                   "1:82: count must be a whole number",
		`{"version": 1, "entries": [{"file": "a", "pointer": "", "rule": "enum", "count": 1e3}]}`:                   "1:82: count must be a whole number",
		`{"version": 1, "entries": [{"file": "a", "pointer": "", "rule": "enum", "count": "2"}]}`:                   "1:82: count must be a whole number",
		`{"version": 1, "entries": [{"file": "a", "pointer": "", "rule": "enum", "count": 99999999999999999999}]}`:  "1:82: count is too large",
		`{"version": 1, "entries": [{"file": "a", "pointer": "", "rule": "enum", "count": -99999999999999999999}]}`: "1:82: count must be a whole number",
		`{"version": 1, "entries": [], "version": 1}`:                                                               `1:31: "version" is given twice`,
		`{"version": 1, "entries": [{"file": "a", "pointer": "", "rule": "enum", "rule": "enum"}]}`:                 `1:73: "rule" is given twice in an entry`,
		`{"version": 1, "entries": [{"file": "a", "pointer": "x/y", "rule": "enum", "count": 1}]}`:                  `1:53: pointer must be a JSON pointer`,
		// What Write always writes is needed; what it never writes is refused.
		`{"entries": []}`: `1:1: a baseline needs "version": 1`,
		`{"version": 1, "entries": [{"file": "a", "pointer": "", "rule": "enum"}]}`:                         `1:28: an entry needs "file", "pointer" and "rule" strings and a "count"`,
		`{"version": 1, "entries": [{"file": "", "pointer": "", "rule": "enum", "count": 1}]}`:              `1:37: file must name a file`,
		`{"version": 1, "entries": [{"file": "a", "call": "", "pointer": "", "rule": "enum", "count": 1}]}`: `1:50: call must be a string`,
		`{"version": 1, "entries": [{"file": "a", "pointer": "", "rule": "finding-limit", "count": 1}]}`:    `1:65: finding-limit is never recorded in a baseline`,
		// One key, one entry, also when a hand-edited path names the file
		// of another entry in other words.
		`{"version": 1, "entries": [{"file": "a", "pointer": "", "rule": "enum", "count": 1},
{"file": "./b/../a", "pointer": "", "rule": "enum", "count": 1}]}`: `2:1: this entry has the file, call, response, pointer and rule of the entry at line 1`,
		`{"version": 1, "entries": [{"file": "a", "response": "1", "pointer": "", "rule": "enum", "count": 1}]}`:                 `1:54: response must be a string, with a "call"`,
		`{"version": 1, "entries": [{"file": "a", "call": "POST u", "response": 1, "pointer": "", "rule": "enum", "count": 1}]}`: `1:72: response must be a string, with a "call"`,
		// RFC 6901 section 3: "~" only before 0 or 1.
		`{"version": 1, "entries": [{"file": "a", "pointer": "/x~2", "rule": "enum", "count": 1}]}`:    `1:53: pointer must be a JSON pointer`,
		`{"version": 1, "entries": [{"file": "a", "pointer": "/x~", "rule": "enum", "count": 1}]}`:     `1:53: pointer must be a JSON pointer`,
		`{"version": 1, "entries": [{"file": "a", "pointer": "/~/x", "rule": "enum", "count": 1}]}`:    `1:53: pointer must be a JSON pointer`,
		`{"version": 1, "entries": [{"file": "a", "pointer": "/a~01~x", "rule": "enum", "count": 1}]}`: `1:53: pointer must be a JSON pointer`,
	}
	for content, want := range cases {
		p := filepath.Join(dir, "b.json")
		_ = os.WriteFile(p, []byte(content), 0o644)
		if _, err := Load(p); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", content, err, want)
		}
	}
	if _, err := Load(filepath.Join(dir, "none.json")); err == nil || !strings.Contains(err.Error(), "no such baseline file") {
		t.Errorf("missing: %v", err)
	}
}

// TestLoadTakesEscapesAndItemGroups: a pointer with RFC 6901's escapes
// and a general one with "*" for an item index, as Write writes them,
// load and accept their findings.
func TestLoadTakesEscapesAndItemGroups(t *testing.T) {
	t.Chdir(t.TempDir()) // the entries' files are relative to the baseline's directory
	p := "b.json"
	src := `{"version": 1, "entries": [{"file": "a.json", "pointer": "/value/*/a~0b~1c", "rule": "enum", "count": 2}]}`
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	kept, suppressed := b.Filter([]finding.Finding{
		{File: "a.json", Pointer: "/value/3/a~0b~1c", Rule: "enum"},
		{File: "a.json", Pointer: "/value/7/a~0b~1c", Rule: "enum"},
		{File: "a.json", Pointer: "/value/8/a~0b~1c", Rule: "enum"},
	})
	if suppressed != 2 || len(kept) != 1 {
		t.Errorf("suppressed %d, kept %+v", suppressed, kept)
	}
}

func TestPath(t *testing.T) {
	wd, _ := os.Getwd()
	for _, c := range []struct{ dir, in, want string }{
		{wd, "./a/../b.json", "b.json"},
		{wd, "-", "-"},
		{wd, filepath.Join(wd, "x", "y.json"), "x/y.json"},
		{filepath.Join(wd, "x"), "y.json", "../y.json"},
		{filepath.Dir(wd), "y.json", filepath.Base(wd) + "/y.json"},
	} {
		if got := Path(c.dir, c.in); got != c.want {
			t.Errorf("Path(%q, %q) = %q, want %q", c.dir, c.in, got, c.want)
		}
	}
}

func TestLoadRefusesUnknownRules(t *testing.T) {
	p := filepath.Join(t.TempDir(), "b.json")
	if err := os.WriteFile(p, []byte(`{"version": 1, "entries": [{"file": "a.json", "pointer": "/x", "rule": "nosuch", "count": 1}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(p); err == nil || !strings.Contains(err.Error(), `unknown rule "nosuch"`) || !strings.Contains(err.Error(), ":1:") {
		t.Errorf("got %v", err)
	}
}

// TestRecordedCallsAreKeptApart: in recorded traffic every response has
// its own pointers, so a finding accepted in one call must not hide the
// same mistake in another call of the same recording.
func TestRecordedCallsAreKeptApart(t *testing.T) {
	p := filepath.Join(t.TempDir(), "b.json")
	const a, b = "GET https://graph.microsoft.com/beta/deviceAppManagement/vppTokens/1", "GET https://graph.microsoft.com/beta/deviceAppManagement/vppTokens/2"
	old := finding.Finding{File: "r.yaml", Pointer: "/lastSyncDateTime", Rule: "date-time", Call: a}
	if _, err := Write(p, []finding.Finding{old, {File: "r.yaml", Pointer: "/state", Rule: "enum", Call: a}}); err != nil {
		t.Fatal(err)
	}
	if text, _ := os.ReadFile(p); !strings.Contains(string(text), `"call": "`+a+`"`) {
		t.Errorf("the baseline does not name the call:\n%s", text)
	}
	bl, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	moved := old
	moved.Call = b
	kept, suppressed := bl.Filter([]finding.Finding{moved, old})
	if suppressed != 1 || len(kept) != 1 || kept[0].Call != b {
		t.Errorf("kept %+v, suppressed %d; want the finding of the other call kept", kept, suppressed)
	}
}

// TestBaselineThroughALink: a baseline read through a link to its
// folder, or for files reached through a link, names the files the
// links lead to, as the file system resolves "..".
func TestBaselineThroughALink(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "proj")
	for _, d := range []string{"base", "fixtures"} {
		if err := os.MkdirAll(filepath.Join(proj, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(proj, "base"), filepath.Join(dir, "blink")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if err := os.Symlink(filepath.Join(proj, "fixtures"), filepath.Join(dir, "flink")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(proj)
	if _, err := Write(filepath.Join("base", "bl.json"), []finding.Finding{{File: "fixtures/a.json", Rule: "enum"}, {File: "fixtures/b.json", Rule: "enum"}}); err != nil {
		t.Fatal(err)
	}
	b, err := Load(filepath.Join(dir, "blink", "bl.json"))
	if err != nil {
		t.Fatal(err)
	}
	kept, suppressed := b.Filter([]finding.Finding{{File: "fixtures/a.json", Rule: "enum"}, {File: filepath.Join(dir, "flink", "b.json"), Rule: "enum"}})
	if suppressed != 2 || len(kept) != 0 {
		t.Errorf("suppressed %d, kept %+v", suppressed, kept)
	}
}

// TestHandEditedPathsNameTheirFiles: an entry's file written by hand as
// "./fixtures/a.json" names the file "fixtures/a.json" does, both to
// accept its findings and to tell that it no longer has them.
func TestHandEditedPathsNameTheirFiles(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.MkdirAll("fixtures", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"fixtures/a.json", "fixtures/b.json"} {
		if err := os.WriteFile(f, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src := `{"version": 1, "entries": [
{"file": "./fixtures/a.json", "pointer": "/x", "rule": "enum", "count": 1},
{"file": "fixtures//sub/../b.json", "pointer": "/x", "rule": "enum", "count": 1},
{"file": "` + filepath.ToSlash(filepath.Join(dir, "fixtures", "c.json")) + `", "pointer": "/x", "rule": "enum", "count": 1}]}`
	if err := os.WriteFile("b.json", []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Load("b.json")
	if err != nil {
		t.Fatal(err)
	}
	kept, suppressed := b.Filter([]finding.Finding{{File: "fixtures/a.json", Pointer: "/x", Rule: "enum"}, {File: "fixtures/c.json", Pointer: "/x", Rule: "enum"}})
	if suppressed != 2 || len(kept) != 0 {
		t.Errorf("suppressed %d, kept %+v", suppressed, kept)
	}
	if n := b.Unused([]string{"fixtures/a.json", "fixtures/b.json"}); n != 1 {
		t.Errorf("unused %d, want 1 (fixtures/b.json checked without its finding)", n)
	}
}

// TestOneOffItemsSurviveInsertions: a mistake in one item of an array
// is recorded as its pattern, like one that repeats, so that items added
// or removed before it keep it accepted; the count still tells a second
// such mistake from the first. An entry at an item's index, as older
// baselines hold, is still read and used first.
func TestOneOffItemsSurviveInsertions(t *testing.T) {
	t.Chdir(t.TempDir())
	one := finding.Finding{File: "a.json", Pointer: "/value/0/actionState", Rule: "enum"}
	if _, err := Write("b.json", []finding.Finding{one}); err != nil {
		t.Fatal(err)
	}
	if text, _ := os.ReadFile("b.json"); !strings.Contains(string(text), `"pointer": "/value/*/actionState"`) {
		t.Errorf("a one-off mistake is recorded at its index:\n%s", text)
	}
	b, err := Load("b.json")
	if err != nil {
		t.Fatal(err)
	}
	moved, second := one, one
	moved.Pointer, second.Pointer = "/value/1/actionState", "/value/4/actionState"
	kept, suppressed := b.Filter([]finding.Finding{moved, second})
	if suppressed != 1 || len(kept) != 1 || kept[0].Pointer != second.Pointer {
		t.Errorf("after an insertion: suppressed %d, kept %+v", suppressed, kept)
	}

	older := `{"version": 1, "entries": [{"file": "a.json", "pointer": "/value/*/actionState", "rule": "enum", "count": 1},
{"file": "a.json", "pointer": "/value/3/actionState", "rule": "enum", "count": 1}]}`
	if err := os.WriteFile("old.json", []byte(older), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err = Load("old.json"); err != nil {
		t.Fatal(err)
	}
	at3 := one
	at3.Pointer = "/value/3/actionState"
	kept, suppressed = b.Filter([]finding.Finding{at3, moved, second})
	if suppressed != 2 || len(kept) != 1 || kept[0].Pointer != second.Pointer {
		t.Errorf("an older baseline: suppressed %d, kept %+v", suppressed, kept)
	}
}

// TestBatchResponsesAreKeyedByID: a finding in an inner response of a
// $batch answer is keyed by the response's id, so the responses may come
// back in any order, but a mistake of one request does not hide the same
// mistake in another. An entry written before responses had ids, with
// the response's index or "*", still accepts its findings.
func TestBatchResponsesAreKeyedByID(t *testing.T) {
	t.Chdir(t.TempDir())
	const call = "POST https://graph.microsoft.com/beta/$batch"
	in1 := finding.Finding{File: "r.har", Call: call, Response: "1", Pointer: "/responses/0/body/value/0/actionState", Rule: "enum"}
	if _, err := Write("b.json", []finding.Finding{in1}); err != nil {
		t.Fatal(err)
	}
	if text, _ := os.ReadFile("b.json"); !strings.Contains(string(text), `"response": "1",`) {
		t.Errorf("the baseline does not name the response:\n%s", text)
	}
	b, err := Load("b.json")
	if err != nil {
		t.Fatal(err)
	}
	reordered, in2 := in1, in1
	reordered.Pointer = "/responses/1/body/value/0/actionState"
	in2.Response = "2"
	kept, suppressed := b.Filter([]finding.Finding{in2, reordered})
	if suppressed != 1 || len(kept) != 1 || kept[0].Response != "2" {
		t.Errorf("suppressed %d, kept %+v; want the finding of response 2 kept", suppressed, kept)
	}

	older := `{"version": 1, "entries": [{"file": "r.har", "call": "` + call + `", "pointer": "/responses/0/body/value/0/actionState", "rule": "enum", "count": 1},
{"file": "r.har", "call": "` + call + `", "pointer": "/responses/*/body/value/*/actionState", "rule": "enum", "count": 1}]}`
	if err := os.WriteFile("old.json", []byte(older), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err = Load("old.json"); err != nil {
		t.Fatal(err)
	}
	if kept, suppressed = b.Filter([]finding.Finding{in1, in2}); suppressed != 2 {
		t.Errorf("an older baseline: suppressed %d, kept %+v", suppressed, kept)
	}
}

// TestBeginsTellsABaseline: a baseline is told by the comment Write puts
// first, however it has been indented since; a capture is not.
func TestBeginsTellsABaseline(t *testing.T) {
	var buf strings.Builder
	if _, err := NewRecorder(t.TempDir()).Write(&buf); err != nil {
		t.Fatal(err)
	}
	for head, want := range map[string]bool{
		buf.String(): true,
		`{"comment":"` + comment + `","version":1,"entries":[]}`:             true,
		"\ufeff{ \"comment\" :\n\"Findings accepted on purpose: vppvalidate": true,
		`{"version": 1, "comment": "` + comment + `"}`:                       false,
		`{"comment": "mine", "value": []}`:                                   false,
		`{"@odata.context": "x", "value": []}`:                               false,
		``:                                                                   false,
	} {
		if got := Begins([]byte(head)); got != want {
			t.Errorf("Begins(%q) = %v, want %v", head, got, want)
		}
	}
}
