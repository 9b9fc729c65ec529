// Package baseline records the findings a team has accepted, so that a
// project with an existing corpus of fixtures can adopt vppvalidate and
// fail only on new problems.
//
// Entries are keyed by file, JSON pointer and rule, not by line, so that
// edits elsewhere in a file keep them valid. The file is sorted, indented
// JSON, stable from one run to the next, and readable in a code review.
package baseline

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
)

// Entry is one accepted finding, or several with the same key.
type Entry struct {
	File    string `json:"file"`
	Pointer string `json:"pointer"`
	Rule    string `json:"rule"`
	Count   int    `json:"count"`
}

type key struct{ file, pointer, rule string }

// document is the file's shape.
type document struct {
	Comment string  `json:"comment"`
	Version int     `json:"version"`
	Entries []Entry `json:"entries"`
}

const comment = "Findings accepted on purpose: vppvalidate --baseline reports only findings not listed here. Regenerate with --write-baseline."

// Baseline is a loaded baseline file.
type Baseline struct {
	left map[key]int // how many findings each key may still suppress
}

// Path turns an input name into the form stored in a baseline: relative
// to the working directory when it lies below it, slash-separated, clean.
func Path(name string) string {
	if name == "-" {
		return name
	}
	p := filepath.Clean(name)
	if filepath.IsAbs(p) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel
			}
		}
	}
	return filepath.ToSlash(p)
}

// Write records findings in a baseline file.
func Write(path string, findings []finding.Finding) error {
	counts := make(map[key]int)
	for _, f := range findings {
		counts[key{Path(f.File), f.Pointer, f.Rule}]++
	}
	doc := document{Comment: comment, Version: 1, Entries: []Entry{}}
	for k, n := range counts {
		doc.Entries = append(doc.Entries, Entry{File: k.file, Pointer: k.pointer, Rule: k.rule, Count: n})
	}
	slices.SortFunc(doc.Entries, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Pointer, b.Pointer), cmp.Compare(a.Rule, b.Rule))
	})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("cannot write the baseline: %v", err)
	}
	return nil
}

// Load reads a baseline file. Mistakes in it are reported with their
// position.
func Load(path string) (*Baseline, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such baseline file (create one with --write-baseline)", path)
		}
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	doc, err := jsonpos.Parse(src, jsonpos.Options{})
	if err != nil {
		var se *jsonpos.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("%s:%d:%d: not valid JSON: %s", path, se.Pos.Line, se.Pos.Column, se.Msg)
		}
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	bad := func(p jsonpos.Pos, msg string) error {
		return fmt.Errorf("%s:%d:%d: %s", path, p.Line, p.Column, msg)
	}
	entries := doc.Root.Get("entries")
	if doc.Root.Kind != jsonpos.Object || entries == nil || entries.Kind != jsonpos.Array {
		return nil, bad(doc.Root.Pos, `not a vppvalidate baseline: expected an object with an "entries" array`)
	}
	b := &Baseline{left: make(map[key]int)}
	for _, e := range entries.Items {
		text := func(name string) (string, bool) {
			if v := e.Get(name); v != nil && v.Kind == jsonpos.String {
				return v.Text, true
			}
			return "", false
		}
		file, ok1 := text("file")
		ptr, ok2 := text("pointer")
		rule, ok3 := text("rule")
		count := 1
		if c := e.Get("count"); c != nil {
			if _, err := fmt.Sscanf(c.Text, "%d", &count); c.Kind != jsonpos.Number || err != nil || count < 1 {
				return nil, bad(c.Pos, "count must be a whole number of at least 1")
			}
		}
		if e.Kind != jsonpos.Object || !ok1 || !ok2 || !ok3 {
			return nil, bad(e.Pos, `an entry needs "file", "pointer" and "rule" strings`)
		}
		b.left[key{file, ptr, rule}] += count
	}
	return b, nil
}

// Filter removes the findings the baseline accepts and returns the rest,
// in order, with how many were suppressed.
func (b *Baseline) Filter(findings []finding.Finding) (kept []finding.Finding, suppressed int) {
	for _, f := range findings {
		k := key{Path(f.File), f.Pointer, f.Rule}
		if b.left[k] > 0 {
			b.left[k]--
			suppressed++
			continue
		}
		kept = append(kept, f)
	}
	return kept, suppressed
}

// Unused counts the accepted findings in the given inputs that did not
// occur: problems fixed since the baseline was written, which a refresh
// would drop. Entries for inputs not checked in this run do not count.
func (b *Baseline) Unused(inputs []string) int {
	checked := make(map[string]bool, len(inputs))
	for _, in := range inputs {
		checked[Path(in)] = true
	}
	n := 0
	for k, left := range b.left {
		if checked[k.file] {
			n += left
		}
	}
	return n
}
