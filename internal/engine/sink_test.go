package engine

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/vppvalidate/vppvalidate/internal/baseline"
	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/report"
	"github.com/vppvalidate/vppvalidate/internal/validate"
)

// collect is a Writer that keeps what it is given.
type collect struct{ got []finding.Finding }

func (c *collect) Finding(f finding.Finding) error { c.got = append(c.got, f); return nil }

// TestOrderedBoundsWaiting: an input behind one that has not ended keeps
// at most maxWaiting findings, and is held up until its turn, after
// which the findings come out in input order, none lost.
func TestOrderedBoundsWaiting(t *testing.T) {
	w := &collect{}
	rep := &report.Report{}
	o := newOrdered(&sink{rep: rep, writers: []Writer{w}, err: make([]error, 1)}, []string{"a.json", "b.json"})
	const n = maxWaiting + 100
	done := make(chan struct{})
	go func() { // the second input, checked while the first is slow
		defer close(done)
		for k := range n {
			o.finding(1, finding.Finding{File: "b.json", Offset: int64(k), Severity: finding.Warning})
		}
		o.end(1, fileResult{})
	}()
	// It stops at the bound, and keeps no more than that.
	deadline := time.Now().Add(10 * time.Second)
	for waiting(o, 1) < maxWaiting && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	select {
	case <-done:
		t.Fatal("the second input ran to its end while the first had not ended")
	default:
	}
	if got := waiting(o, 1); got != maxWaiting {
		t.Fatalf("%d findings waiting, want %d", got, maxWaiting)
	}
	o.finding(0, finding.Finding{File: "a.json", Severity: finding.Error})
	o.end(0, fileResult{})
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the second input was not let through once the first ended")
	}
	if len(w.got) != n+1 || w.got[0].File != "a.json" {
		t.Fatalf("%d findings written, first %+v; want %d, a.json's first", len(w.got), w.got[0], n+1)
	}
	for k, f := range w.got[1:] {
		if f.File != "b.json" || f.Offset != int64(k) {
			t.Fatalf("finding %d: %+v, want b.json at offset %d", k+1, f, k)
		}
	}
}

func waiting(o *ordered, i int) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.waiting[i])
}

// TestOrderedManyInputs: inputs checked on several goroutines, each with
// more findings than may wait, come out whole and in input order.
func TestOrderedManyInputs(t *testing.T) {
	w := &collect{}
	files := make([]string, 6)
	for i := range files {
		files[i] = fmt.Sprintf("f%d.json", i)
	}
	o := newOrdered(&sink{rep: &report.Report{}, writers: []Writer{w}, err: make([]error, 1)}, files)
	var mu sync.Mutex
	checkFiles(files, 3, func(i int, name string) {
		for k := range maxWaiting + 7 {
			o.finding(i, finding.Finding{File: name, Offset: int64(k)})
		}
		mu.Lock()
		defer mu.Unlock()
		o.end(i, fileResult{})
	})
	if len(w.got) != len(files)*(maxWaiting+7) {
		t.Fatalf("%d findings, want %d", len(w.got), len(files)*(maxWaiting+7))
	}
	for k, f := range w.got {
		if want := files[k/(maxWaiting+7)]; f.File != want || f.Offset != int64(k%(maxWaiting+7)) {
			t.Fatalf("finding %d is %s at %d, want %s at %d", k, f.File, f.Offset, want, k%(maxWaiting+7))
		}
	}
}

// TestRecordingRefusesALimit: findings only counted past a limit have no
// pointer to record, so a baseline recorded from a check with a limit
// would silently accept less than it should; the sink refuses it.
func TestRecordingRefusesALimit(t *testing.T) {
	s := &sink{rep: &report.Report{}, record: baseline.NewRecorder(t.TempDir())}
	defer func() {
		if recover() == nil {
			t.Error("a recording sink took a file with findings past a limit")
		}
	}()
	s.endFile("a.json", fileResult{res: validate.Result{Omitted: finding.Summary{Warnings: 3}}})
}

// TestSinkKeepsFindingsOffTheHeap: passing a finding on to a writer
// allocates nothing. A file can have millions of findings, and the sink
// once moved each to the heap by taking its argument's address for the
// one finding-limit finding it keeps.
func TestSinkKeepsFindingsOffTheHeap(t *testing.T) {
	s := &sink{rep: &report.Report{}, writers: []Writer{discard{}}, err: make([]error, 1)}
	f := finding.Finding{File: "a.json", Line: 1, Column: 2, Pointer: "/value/0/actionState", Rule: "enum", Severity: finding.Error, Message: "m"}
	if n := testing.AllocsPerRun(100, func() { s.finding(f) }); n != 0 {
		t.Fatalf("%v allocations a finding, want 0", n)
	}
}

// discard is a Writer that keeps nothing.
type discard struct{}

func (discard) Finding(finding.Finding) error { return nil }
