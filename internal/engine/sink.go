package engine

import (
	"slices"
	"sync"

	"github.com/vppvalidate/vppvalidate/internal/baseline"
	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/report"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// sink takes the run's findings in report order (by file as given, then
// as each file lists them) and hands them on as they come: through the
// baseline, into the summary, to every report. Nothing in it grows with
// the number of findings.
type sink struct {
	rep     *report.Report
	writers []Writer
	// err is the first error of each writer; a writer that failed is
	// given nothing more.
	err []error
	// base is the baseline, nil for none: the check asks it about each
	// finding before the --max-findings limit (validate.Input.Accept),
	// so what reaches the sink is what it does not accept. record, with
	// --write-baseline, records every finding instead, and the run lists
	// none (the baseline written accepts them all).
	base   *baseline.Baseline
	record *baseline.Recorder
	// limit is the finding-limit finding of the file being passed, held
	// until the file ends: it comes last in its file, and what it says
	// depends on what the baseline accepts of the findings it counts.
	limit *finding.Finding
	// named and note are Run.Named and Run.Note.
	named []string
	note  func(string)
}

// finding passes one finding on.
func (s *sink) finding(f finding.Finding) {
	if f.Rule == rules.FindingLimit {
		// A copy, so that f itself does not escape: every finding of a
		// file passes here, and taking f's address moved each one to
		// the heap.
		limit := f
		s.limit = &limit
		return
	}
	if s.record != nil {
		s.record.Add(f)
		s.rep.Summary.Recorded++
		return
	}
	s.rep.Summary.Add(f)
	s.write(f)
}

// write hands f to every report still being written.
func (s *sink) write(f finding.Finding) {
	for i, w := range s.writers {
		if s.err[i] == nil {
			s.err[i] = w.Finding(f)
		}
	}
}

// endFile ends one input, after its last finding.
func (s *sink) endFile(file string, r fileResult) {
	rep := s.rep
	if r.openErr != nil {
		rep.Unreadable = append(rep.Unreadable, unreadable(file, r.openErr))
		return
	}
	if r.baseline {
		if s.note != nil && slices.Contains(s.named, file) {
			s.note(file + " is a vppvalidate baseline, not a capture: not checked")
		}
		return
	}
	if r.readErr != nil {
		// The findings so far stand, but the file was not read to its
		// end: that must not pass.
		rep.Unreadable = append(rep.Unreadable, unreadable(file, r.readErr))
	}
	rep.Files = append(rep.Files, file)
	rep.Summary.Files++
	rep.Summary.Resources += r.res.Resources
	rep.Summary.Skipped += r.res.Skipped
	rep.Summary.OffHost += r.res.OffHost
	for _, h := range r.res.OffHosts {
		rep.OffHosts = finding.AddHost(rep.OffHosts, h)
	}
	rep.Summary.Calls += r.res.Calls
	rep.Summary.Suppressed += r.res.Accepted
	limit := s.limit
	s.limit = nil
	omitted := r.res.Omitted
	if omitted == (finding.Summary{}) {
		return
	}
	if s.record != nil {
		// A baseline records every finding at its own pointer: what is
		// only counted past a limit cannot be recorded (see Run.Recorder).
		panic("engine: a baseline was recorded by a check with a finding limit")
	}
	// Findings past --max-findings are not listed but still count.
	rep.Summary.AddCounts(omitted)
	for i, w := range s.writers {
		if oc, ok := w.(report.OmittedCounter); ok && s.err[i] == nil {
			s.err[i] = oc.Omitted(file, omitted)
		}
	}
	if limit == nil {
		return
	}
	// A run that fails then always lists a finding that made it fail,
	// even when every failing finding of the file lies past the limit.
	// The summary counts the findings it stands for, not the finding.
	limit.Severity = max(limit.Severity, omitted.Worst())
	s.write(*limit)
}

// ordered puts the findings of inputs checked at once in input order:
// those of the first input not yet ended go straight to the sink; the
// others wait, in memory, until every input before theirs has ended. An
// input that has maxWaiting findings waiting is held up at its next one
// until its turn comes, so that memory stays bounded however many
// findings the inputs behind a slow one have.
type ordered struct {
	mu      sync.Mutex
	moved   sync.Cond // next has moved on
	s       *sink
	files   []string
	next    int // the input whose findings go straight through
	waiting [][]finding.Finding
	ended   []*fileResult
}

// maxWaiting bounds the findings an input keeps while it waits for its
// turn: a few megabytes per input being checked.
const maxWaiting = 16 << 10

func newOrdered(s *sink, files []string) *ordered {
	o := &ordered{s: s, files: files, waiting: make([][]finding.Finding, len(files)), ended: make([]*fileResult, len(files))}
	o.moved.L = &o.mu
	return o
}

// finding takes a finding of input i, in the order i lists them. It
// waits while input i already has maxWaiting findings waiting. Inputs are
// checked in input order (checkFiles hands them out so), so the one
// whose turn it is never waits here, and no wait lasts forever.
func (o *ordered) finding(i int, f finding.Finding) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for i != o.next && len(o.waiting[i]) >= maxWaiting {
		o.moved.Wait()
	}
	if i == o.next {
		o.s.finding(f)
	} else {
		o.waiting[i] = append(o.waiting[i], f)
	}
}

// end takes the end of input i, after its last finding.
func (o *ordered) end(i int, r fileResult) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.ended[i] = &r
	for o.next < len(o.files) && o.ended[o.next] != nil {
		o.s.endFile(o.files[o.next], *o.ended[o.next])
		o.ended[o.next] = nil
		o.next++
		if o.next < len(o.files) {
			for _, f := range o.waiting[o.next] {
				o.s.finding(f)
			}
			o.waiting[o.next] = nil
		}
		o.moved.Broadcast()
	}
}
