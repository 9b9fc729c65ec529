package validate

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// FuzzValidate runs the whole pipeline (reader, shapes, type resolution,
// schema check, lint) on arbitrary input, as a document and as JSON Lines:
// it must not panic, every finding must sit inside the input with the
// line and column of its offset, every pointer must resolve in the
// document, and findings must come sorted. Checked on four workers, cut
// into runs as small as can be, the input must give the same result as
// on one, whatever the workers guess about what came before their runs.
func FuzzValidate(f *testing.F) {
	for _, dir := range []string{"valid", "invalid"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*"))
		for _, p := range files {
			if !strings.HasSuffix(p, ".want") {
				if b, err := os.ReadFile(p); err == nil {
					f.Add(b, strings.HasSuffix(p, ".jsonl") || strings.HasSuffix(p, ".ndjson"))
				}
			}
		}
	}
	v, err := New(Options{MaxFindings: 50})
	if err != nil {
		f.Fatal(err)
	}
	par := []*Validator{parallelOf(v, 4, 1), parallelOf(v, 4, 97), parallelOf(v, 4, 1, 3), parallelOf(v, 2, 61, 5),
		guessing(parallelOf(v, 3, 7), true), guessing(parallelOf(v, 3, 7), false)}
	f.Fuzz(func(t *testing.T, data []byte, lines bool) {
		res, err := v.Check(Input{Name: "f.json", Reader: bytes.NewReader(data), Lines: lines})
		if err != nil {
			t.Fatalf("reading from memory failed: %v", err)
		}
		for _, p := range par {
			got, err := p.Check(Input{Name: "f.json", Reader: bytes.NewReader(data), Lines: lines})
			if err != nil || !sameResults(got, res) {
				guess := "as the file's check finds"
				if p.guess != nil {
					guess = fmt.Sprintf("nothing checked before: %v", *p.guess)
				}
				t.Fatalf("on %d workers, tasks of %d bytes, guessing %s (error %v):\n%s", p.opts.Workers, p.cuts.task, guess, err, resultDiff(got, res))
			}
		}
		// In reading order, but for the findings that sum the file up,
		// which come last.
		body := res.Findings
		for len(body) > 0 && sumsUp(body[len(body)-1]) {
			body = body[:len(body)-1]
		}
		if !slices.IsSortedFunc(body, finding.Compare) || slices.ContainsFunc(body, sumsUp) {
			t.Fatal("findings are not in reading order, with those that sum the file up last")
		}
		if len(res.Findings) > 51 {
			t.Fatalf("%d findings listed past the limit of 50", len(res.Findings))
		}
		var doc *jsonpos.Document
		if !lines {
			doc, _ = jsonpos.Parse(data, jsonpos.Options{})
		}
		for _, fd := range res.Findings {
			if fd.Offset < 0 || fd.Offset > int64(len(data)) {
				t.Fatalf("%+v: offset outside the input of %d bytes", fd, len(data))
			}
			before := data[:fd.Offset]
			line := bytes.Count(before, []byte("\n")) + 1
			start := bytes.LastIndexByte(before, '\n') + 1
			if start == 0 && bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
				start = min(3, len(before))
			}
			if fd.Line != line || fd.Column != utf8.RuneCount(before[start:])+1 {
				t.Fatalf("%+v: offset %d is at line %d", fd, fd.Offset, line)
			}
			if _, ok := rules.Lookup(fd.Rule); !ok {
				t.Fatalf("unknown rule %q", fd.Rule)
			}
			if fd.Message == "" || utf8.RuneCountInString(fd.Message) > 1000 {
				t.Fatalf("message of %d characters", utf8.RuneCountInString(fd.Message))
			}
			if doc != nil && fd.Rule != rules.Syntax {
				if _, _, ok := jsonpos.Resolve(doc.Root, jsonpos.SplitPointer(fd.Pointer)); !ok && !throughRepeated(res.Findings, fd.Pointer) {
					t.Fatalf("%+v: the pointer does not resolve in the document", fd)
				}
			}
		}
	})
}

// throughRepeated tells whether a pointer passes through a member that
// occurs more than once in its object: it may name a place inside an
// occurrence other than the last, which is the one Resolve follows.
func throughRepeated(findings []finding.Finding, ptr string) bool {
	for _, f := range findings {
		if f.Rule == rules.DuplicateKey && strings.HasPrefix(ptr+"/", f.Pointer+"/") && ptr != f.Pointer {
			return true
		}
	}
	return false
}
