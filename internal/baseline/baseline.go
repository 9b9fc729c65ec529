// Package baseline records the findings a team has accepted, so that a
// project with an existing corpus of fixtures can adopt vppvalidate and
// fail only on new problems.
//
// Entries are keyed by file, JSON pointer and rule, not by line, so that
// edits elsewhere in a file keep them valid; a finding in recorded
// traffic is keyed by its call too (method and request URL), since its
// pointer is the response body's own, and by the "id" of the inner
// response for a finding in a $batch answer, whose responses Graph may
// return in any order. Nor are entries keyed by the
// position of an item in an array: every array index of a pointer is
// written "*" (/value/*/actionState), and the entry counts the findings
// of that pattern, so that items added or removed before a mistake do
// not un-accept it, and a baseline for a collection of a million items
// with the same mistake is one entry. The file is sorted, indented JSON,
// stable from one run to the next, and readable in a code review.
package baseline

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/rules"
	"github.com/vppvalidate/vppvalidate/internal/suggest"
)

// Entry is one accepted finding, or several with the same key.
type Entry struct {
	File     string `json:"file"`
	Call     string `json:"call,omitempty"`     // finding.Finding.Call
	Response string `json:"response,omitempty"` // finding.Finding.Response
	Pointer  string `json:"pointer"`
	Rule     string `json:"rule"`
	Count    int    `json:"count"`
}

type key struct{ file, call, response, pointer, rule string }

// document is the file's shape.
type document struct {
	Comment string  `json:"comment"`
	Version int     `json:"version"`
	Entries []Entry `json:"entries"`
}

const comment = "Findings accepted on purpose: vppvalidate --baseline reports only findings not listed here. Regenerate with --write-baseline."

// Baseline is a loaded baseline file.
type Baseline struct {
	mu    sync.Mutex  // inputs checked at once ask it at once
	left  map[key]int // how many findings each key may still suppress
	names namer       // the entries' files are relative to names.dir
}

// namer turns input names into a baseline's form (Path), remembering
// each: a file with a million findings has its name turned once, not a
// million times, and a directory's links are resolved once.
type namer struct {
	dir   string            // absolute, links resolved
	paths map[string]string // Path(dir, name) by name
	dirs  map[string]string // resolved directories by absolute directory
}

func newNamer(dir string) namer {
	return namer{dir: dir, paths: make(map[string]string), dirs: make(map[string]string)}
}

// name is Path(n.dir, file), with file's directory's links resolved as
// n.dir's are, so that a baseline reached through a link to its folder
// names the same files.
func (n *namer) name(file string) string {
	if p, ok := n.paths[file]; ok {
		return p
	}
	p := file
	if file != "-" {
		if abs, err := filepath.Abs(file); err == nil {
			d := filepath.Dir(abs)
			real, ok := n.dirs[d]
			if !ok {
				real = resolved(d)
				n.dirs[d] = real
			}
			p = filepath.Join(real, filepath.Base(abs))
		}
	}
	n.paths[file] = Path(n.dir, p)
	return n.paths[file]
}

// entry is the name of a baseline entry's file (relative to n.dir,
// slash-separated, or absolute; "-" for standard input) in the form
// name gives a finding's file, so that a hand-edited "./a.json" or
// "sub/../a.json" names the file that "a.json" does.
func (n *namer) entry(file string) string {
	if file == "-" {
		return file
	}
	p := filepath.FromSlash(file)
	if !filepath.IsAbs(p) {
		p = filepath.Join(n.dir, p)
	}
	return n.name(p)
}

// resolved is dir with its symbolic links followed, or dir itself when
// they cannot be.
func resolved(dir string) string {
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		return real
	}
	return dir
}

// Path turns an input name into the form stored in a baseline whose
// entries are relative to the directory dir: relative to dir (which
// may take "../"), slash-separated, clean; "-" (standard input) stays as
// it is. Keyed so, a baseline matches the same files from any working
// directory.
func Path(dir, name string) string {
	if name == "-" {
		return name
	}
	p := filepath.Clean(name)
	if abs, err := filepath.Abs(p); err == nil {
		if rel, err := filepath.Rel(dir, abs); err == nil {
			p = rel
		} else {
			p = abs // on another volume: no relative path leads there
		}
	}
	return filepath.ToSlash(p)
}

// Dir is the directory, absolute and with its symbolic links followed,
// that the entries of the baseline file at path are relative to: the
// file's own; for "-" (standard output) the working directory. The error
// is the working directory's.
func Dir(path string) (string, error) {
	if path == "-" {
		wd, err := os.Getwd()
		return resolved(wd), err
	}
	abs, err := filepath.Abs(path)
	return resolved(filepath.Dir(abs)), err
}

// Written says what Write recorded.
type Written struct {
	Findings int // every finding, listed or not
	Entries  int
}

// Write records findings in a baseline file. The findings that share
// file, call, rule and general pointer (finding.GeneralPointer: every
// array index "*") are one entry, with that pointer and their count. The
// error is the file system's.
func Write(path string, findings []finding.Finding) (Written, error) {
	dir, err := Dir(path)
	if err != nil {
		return Written{}, err
	}
	rec := NewRecorder(dir)
	for _, f := range findings {
		rec.Add(f)
	}
	return rec.WriteFile(path)
}

// Recorder gathers findings for a baseline as a run reports them, in a
// space that grows with the entries, not with the findings: a million
// findings of one mistake in one collection are one group.
type Recorder struct {
	groups map[key]int // how many findings each entry stands for
	n      int         // findings recorded
	names  namer       // as in Baseline
}

// NewRecorder returns an empty Recorder for a baseline whose entries
// are relative to the absolute directory dir (see Dir).
func NewRecorder(dir string) *Recorder {
	return &Recorder{groups: make(map[key]int), names: newNamer(dir)}
}

// Add records one finding.
func (r *Recorder) Add(f finding.Finding) {
	r.groups[key{r.names.name(f.File), f.Call, f.Response, finding.GeneralPointer(f.Pointer), f.Rule}]++
	r.n++
}

// WriteFile writes what was recorded to the file at path, replacing
// it (see Write). The error is the file system's.
func (r *Recorder) WriteFile(path string) (Written, error) {
	f, err := os.Create(path)
	if err != nil {
		return Written{}, err
	}
	w, err := r.Write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return w, err
}

// Write writes what was recorded to out as a baseline document, sorted
// and indented. The error is out's.
func (r *Recorder) Write(out io.Writer) (Written, error) {
	w := Written{Findings: r.n}
	doc := document{Comment: comment, Version: 1, Entries: []Entry{}}
	for k, count := range r.groups {
		doc.Entries = append(doc.Entries, Entry{File: k.file, Call: k.call, Response: k.response, Pointer: k.pointer, Rule: k.rule, Count: count})
	}
	slices.SortFunc(doc.Entries, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Call, b.Call), cmp.Compare(a.Response, b.Response), cmp.Compare(a.Pointer, b.Pointer), cmp.Compare(a.Rule, b.Rule))
	})
	w.Entries = len(doc.Entries)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return w, err
	}
	_, err := out.Write(buf.Bytes())
	return w, err
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
	if msg, m := strangeMember(doc.Root, documentKeys, ""); m != nil {
		return nil, bad(m.NamePos, msg)
	}
	switch v := doc.Root.Get("version"); {
	case v == nil:
		return nil, bad(doc.Root.Pos, `a baseline needs "version": 1; write it again with --write-baseline`)
	case v.Kind != jsonpos.Number || v.Text != "1":
		return nil, bad(v.Pos, "version must be 1, the only baseline version this vppvalidate reads; write the baseline again with --write-baseline")
	}
	if c := doc.Root.Get("comment"); c != nil && c.Kind != jsonpos.String {
		return nil, bad(c.Pos, "comment must be a string")
	}
	dir, err := Dir(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	b := &Baseline{left: make(map[key]int), names: newNamer(dir)}
	first := make(map[key]jsonpos.Pos) // where each key's entry is
	for _, e := range entries.Items {
		if msg, m := strangeMember(e, entryKeys, " in an entry"); m != nil {
			return nil, bad(m.NamePos, msg)
		}
		text := func(name string) (string, bool) {
			if v := e.Get(name); v != nil && v.Kind == jsonpos.String {
				return v.Text, true
			}
			return "", false
		}
		file, ok1 := text("file")
		ptr, ok2 := text("pointer")
		rule, ok3 := text("rule")
		call, _ := text("call")
		if c := e.Get("call"); c != nil && (c.Kind != jsonpos.String || c.Text == "") {
			return nil, bad(c.Pos, "call must be a string: the method and URL of a recorded call (left out for a finding in a plain payload)")
		}
		response, _ := text("response")
		if r := e.Get("response"); r != nil && (r.Kind != jsonpos.String || r.Text == "" || call == "") {
			return nil, bad(r.Pos, `response must be a string, with a "call": the id of an inner response of that call's $batch answer`)
		}
		c := e.Get("count")
		if e.Kind != jsonpos.Object || !ok1 || !ok2 || !ok3 || c == nil {
			return nil, bad(e.Pos, `an entry needs "file", "pointer" and "rule" strings and a "count"`)
		}
		count, err := strconv.Atoi(c.Text)
		switch {
		case c.Kind == jsonpos.Number && errors.Is(err, strconv.ErrRange) && c.Text[0] != '-':
			return nil, bad(c.Pos, "count is too large for this vppvalidate")
		case c.Kind != jsonpos.Number || err != nil || count < 1:
			return nil, bad(c.Pos, "count must be a whole number of at least 1, written as digits")
		}
		if file == "" {
			return nil, bad(e.Get("file").Pos, `file must name a file: its path relative to the baseline's folder, or "-" for standard input`)
		}
		if !jsonpos.ValidPointer(ptr) {
			return nil, bad(e.Get("pointer").Pos, `pointer must be a JSON pointer: "" for the document, or starting with /, with ~ only in ~0 (for ~) and ~1 (for /)`)
		}
		if _, known := rules.Lookup(rule); !known {
			return nil, bad(e.Get("rule").Pos, rules.UnknownError(rule).Error())
		}
		if rule == rules.FindingLimit {
			return nil, bad(e.Get("rule").Pos, rules.FindingLimit+" is never recorded in a baseline: it stands for the findings past --max-findings, which a baseline records one by one")
		}
		k := key{b.names.entry(file), call, response, ptr, rule}
		if at, twice := first[k]; twice {
			return nil, bad(e.Pos, fmt.Sprintf("this entry has the file, call, response, pointer and rule of the entry at line %d: give them one entry with the total count", at.Line))
		}
		first[k] = e.Pos
		b.left[k] = count
	}
	return b, nil
}

// The members a baseline document and each of its entries may have, as
// Write writes them.
var (
	documentKeys = []string{"comment", "version", "entries"}
	entryKeys    = []string{"file", "call", "response", "pointer", "rule", "count"}
)

// strangeMember returns a message about the first member of an object
// whose name is not one of known or comes twice, and that member; ""
// and nil when there is none. where places the object for the message.
func strangeMember(v *jsonpos.Value, known []string, where string) (string, *jsonpos.Member) {
	for i := range v.Members {
		m := &v.Members[i]
		switch {
		case !slices.Contains(known, m.Name):
			return suggest.Unknown("key", m.Name, where, known), m
		case v.Member(m.Name) != m:
			return fmt.Sprintf("%q is given twice%s", m.Name, where), v.Member(m.Name)
		}
	}
	return "", nil
}

// Filter removes the findings the baseline accepts and returns the rest,
// in order, with how many were suppressed (see Accept).
func (b *Baseline) Filter(findings []finding.Finding) (kept []finding.Finding, suppressed int) {
	for _, f := range findings {
		if b.Accept(f) {
			suppressed++
			continue
		}
		kept = append(kept, f)
	}
	return kept, suppressed
}

// Accept tells whether the baseline accepts one more finding like f, and
// if so uses up that much of its entry: an entry with f's exact pointer
// first (one with an item index, as a baseline written before every
// index was "*" may hold), then one with f's inner response and general
// pointer, then one with its general pointer alone (a $batch finding
// recorded before responses were keyed by id). Findings are matched in
// the order they are passed, so a run passes them in report order.
func (b *Baseline) Accept(f finding.Finding) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	file := b.names.name(f.File)
	general := finding.GeneralPointer(f.Pointer)
	return b.take(key{file, f.Call, "", f.Pointer, f.Rule}) ||
		f.Response != "" && b.take(key{file, f.Call, f.Response, general, f.Rule}) ||
		b.take(key{file, f.Call, "", general, f.Rule})
}

// take uses up one of what an entry may still suppress, if it may; b.mu
// is held.
func (b *Baseline) take(k key) bool {
	if b.left[k] == 0 {
		return false
	}
	b.left[k]--
	return true
}

// Unused counts the accepted findings that did not occur: problems fixed
// since the baseline was written, which a refresh would drop. It counts
// the entries of the inputs checked in this run (inputs, as named to
// the run) and of files that no longer exist; entries of other files,
// not checked this time (a pre-commit hook names only some), do not
// count.
func (b *Baseline) Unused(inputs []string) int {
	checked := make(map[string]bool, len(inputs))
	for _, in := range inputs {
		checked[b.names.name(in)] = true
	}
	gone := make(map[string]bool)
	n := 0
	for k, left := range b.left {
		if left == 0 {
			continue
		}
		if !checked[k.file] {
			if k.file == "-" {
				continue // standard input is never gone
			}
			g, known := gone[k.file]
			if !known {
				_, err := os.Stat(filepath.Join(b.names.dir, filepath.FromSlash(k.file)))
				g = errors.Is(err, fs.ErrNotExist)
				gone[k.file] = g
			}
			if !g {
				continue
			}
		}
		n += left
	}
	return n
}

// Begins tells whether head, the first bytes of a file, is how a
// baseline file begins: an object whose first member is the comment
// Write puts there, however the file has been indented since. A walk of
// a folder leaves such a file out rather than take it for a capture.
func Begins(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for _, want := range []string{"{", `"comment"`, ":", `"Findings accepted on purpose: vppvalidate`} {
		head = bytes.TrimLeft(head, " \t\r\n")
		if !bytes.HasPrefix(head, []byte(want)) {
			return false
		}
		head = head[len(want):]
	}
	return true
}
