// Package engine is the one code path that checks inputs, for the command
// and the public library alike: how an input is opened and checked, how
// its findings are passed on in input order (through a baseline, into the
// one summary, to whoever writes them), and which exit code a run ends
// with. Neither caller decides any of that on its own.
package engine

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/vppvalidate/vppvalidate/internal/baseline"
	"github.com/vppvalidate/vppvalidate/internal/config"
	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/input"
	"github.com/vppvalidate/vppvalidate/internal/recording"
	"github.com/vppvalidate/vppvalidate/internal/report"
	"github.com/vppvalidate/vppvalidate/internal/validate"
)

// Exit codes, like go vet's.
const (
	ExitClean    = 0 // no finding reaches the fail-on level
	ExitFindings = 1 // at least one does
	ExitTrouble  = 2 // usage error, or an input that cannot be read
)

// ExitCode is the exit code of a run with summary s that fails on
// findings at or above failOn: an unreadable input outranks findings.
func ExitCode(s finding.Summary, failOn finding.Severity) int {
	switch {
	case s.Unreadable > 0:
		return ExitTrouble
	case s.Worst() >= failOn:
		return ExitFindings
	}
	return ExitClean
}

// LoadSettings returns the settings of a run: over (what the caller says)
// laid over those of a project file. The file is path when given, else
// the one config.Find finds from the directory findFrom upward; with
// both empty, or no file found, over stands alone. The error is the
// project file's, unreadable or invalid, or a type that is not one of the
// Graph version of the merged settings (config.Settings.CheckType): a
// *config.Error where the file gave it, a *config.FlagError where over
// did.
func LoadSettings(path, findFrom string, over config.Settings) (config.Settings, error) {
	if path == "" && findFrom != "" {
		path = config.Find(findFrom)
		// A named pipe there would block the run until something wrote
		// to it. One named with --config is read, since process
		// substitution (--config <(...)) hands over a pipe.
		if path != "" {
			if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() && !info.IsDir() {
				return config.Settings{}, &config.Error{Path: path, Msg: "found as the project file, but it is not a regular file (a named pipe, socket or device); name it with --config to read it anyway, or --no-config to run without one"}
			}
		}
	}
	var s config.Settings
	if path != "" {
		cfg, err := config.Load(path)
		if err != nil {
			return config.Settings{}, err
		}
		s = cfg.Settings
	}
	s = s.Merge(over)
	// The type is checked in the version that won, wherever each was
	// given: a version given by the caller may make the file's type
	// right, or wrong.
	if err := s.CheckType(); err != nil {
		return config.Settings{}, err
	}
	return s, nil
}

// Writer takes a run's findings in report order; report.Writer is one.
// An error stops the findings going to that writer, and Run returns it.
type Writer interface {
	Finding(f finding.Finding) error
}

// Run is how a set of inputs is checked.
type Run struct {
	Validator *validate.Validator
	// Settings are the run's, for the rule severities of each input.
	Settings config.Settings
	// Lines reads every input as JSON Lines (--lines); files named
	// .jsonl or .ndjson always are.
	Lines bool
	// Recording is "auto" (tell recorded traffic by name and content),
	// "json" (never a recording) or the name of a recording format.
	Recording string
	// MaxSize is the most bytes read of one input.
	MaxSize int64
	// Jobs is how many inputs are checked at once.
	Jobs int
	// Stdin is what the input named "-" reads.
	Stdin io.Reader
	// Open, when set, opens the input called name in place of input.Open:
	// for a library caller's own reader.
	Open func(name string) (io.ReadCloser, error)
	// Baseline filters the findings (--baseline); Recorder instead takes
	// them all and the run lists none (--write-baseline), from a Validator
	// without a finding limit (MaxFindings -1). Both may be nil.
	Baseline *baseline.Baseline
	Recorder *baseline.Recorder
	// Writers receive the findings that pass, in report order.
	Writers []Writer
	// Named are the inputs as the caller named them, not found by a walk;
	// Note, when set, is told in words that one of them is a baseline
	// file (baseline.Begins), which no run checks: found in a walk, it
	// is left out without a word, as hidden files are.
	Named []string
	Note  func(string)
}

// Check checks files and fills rep with the outcome: the files checked,
// the unreadable ones, the summary (Summary.Unreadable counting
// rep.Unreadable, including any already there). Findings go to
// r.Writers as they are found, in the order of files, and are not kept
// in rep. It returns, for each writer, the first error it gave, or nil.
func (r *Run) Check(rep *report.Report, files []string) []error {
	sk := &sink{rep: rep, writers: r.Writers, err: make([]error, len(r.Writers)), base: r.Baseline, record: r.Recorder,
		named: r.Named, note: r.Note}
	ord := newOrdered(sk, files)
	checkFiles(files, r.Jobs, func(i int, name string) {
		ord.end(i, r.checkFile(i, name, ord))
	})
	rep.Summary.Unreadable = len(rep.Unreadable)
	return sk.err
}

// Expand lists the inputs that paths name, each once, in order, leaving
// out what excludes match (note is told why, in words). A path that
// names nothing to check is recorded in rep as unreadable. Each path is
// expanded on its own so that such an error is tied to the path given.
func Expand(paths []string, excludes []input.Exclude, rep *report.Report, note func(string)) []string {
	var files []string
	var seen *input.Seen // a file two paths name is listed once
	if len(paths) > 1 {
		seen = input.NewSeen()
	}
	for _, p := range paths {
		found, skipped, errs := input.Expand([]string{p}, excludes)
		for _, s := range skipped {
			// Not an error: a pre-commit hook names every staged file,
			// and the excludes are how a user keeps some of them out.
			note(fmt.Sprint(s))
		}
		for _, err := range errs {
			rep.Unreadable = append(rep.Unreadable, unreadable(p, err))
		}
		if seen == nil {
			files = found
			continue
		}
		for _, f := range found {
			if seen.Add(p, f) {
				files = append(files, f)
			}
		}
	}
	return files
}

// unreadable turns an input error into report data: the file and the
// reason, apart. Errors from package input carry both; any other names
// the input given.
func unreadable(name string, err error) report.Unreadable {
	var ie *input.Error
	if errors.As(err, &ie) {
		return report.Unreadable{File: ie.Path, Reason: ie.Reason}
	}
	return report.Unreadable{File: name, Reason: strings.TrimPrefix(err.Error(), name+": ")}
}

// fileResult is what checking one input gave.
type fileResult struct {
	res     validate.Result
	openErr error // the input could not be opened: not checked at all
	readErr error // reading stopped early: the findings so far stand
	// baseline is set for a baseline file, not checked (Run.Named).
	baseline bool
}

// checkFile checks input i, called name, handing its findings to ord as
// they are found.
func (r *Run) checkFile(i int, name string, ord *ordered) fileResult {
	var in io.ReadCloser
	var err error
	if r.Open != nil {
		in, err = r.Open(name)
	} else {
		in, err = input.Open(name, r.Stdin, r.MaxSize)
	}
	if err != nil {
		return fileResult{openErr: err}
	}
	defer in.Close()
	lines := r.Lines || input.IsLines(name)
	size := input.Size(in)
	var src io.Reader = in
	if !lines {
		br := heads.Get().(*bufio.Reader)
		br.Reset(in)
		defer func() {
			br.Reset(nil) // let go of the input
			heads.Put(br)
		}()
		if head, _ := br.Peek(report.HeadSize); baseline.Begins(head) {
			return fileResult{baseline: true}
		}
		src = br
	}
	res, err := r.Validator.Check(validate.Input{
		Name: name, Reader: src, Size: size,
		Lines:      lines,
		Severities: r.Settings.Severities(name),
		Recording:  recording.Lookup(r.Recording),
		Sniff:      r.Recording == "auto" && !lines,
		Accept:     r.accept(),
		Findings:   func(f finding.Finding) { ord.finding(i, f) },
	})
	return fileResult{res: res, readErr: err}
}

// heads reads the first bytes of inputs, to tell a baseline file from a
// capture; a large read goes past its buffer, straight to the input.
var heads = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, report.HeadSize) }}

// accept is validate.Input.Accept for the run's baseline, nil without one.
func (r *Run) accept() func(finding.Finding) bool {
	if r.Baseline == nil {
		return nil
	}
	return r.Baseline.Accept
}

// checkFiles checks the inputs on jobs goroutines, calling check with
// each input's index and name; the order of the report is ordered's
// business.
func checkFiles(files []string, jobs int, check func(i int, name string)) {
	jobs = max(1, min(jobs, len(files)))
	if jobs == 1 {
		// On this goroutine: a one-file run (a pre-commit hook) spares
		// starting another.
		for i, name := range files {
			check(i, name)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					return
				}
				check(i, files[i])
			}
		}()
	}
	wg.Wait()
}
