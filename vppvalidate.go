// Package vppvalidate checks captured Microsoft Graph payloads about Apple
// VPP tokens from Go, with the findings, summary and exit decision that
// the vppvalidate command gives for the same input and settings: both run
// the same code.
//
// CheckFiles checks files or directories, CheckReader and CheckBytes an
// input held by the caller. Options says what the command's flags and a
// .vppvalidate.json project file say; Report holds what a run found. The
// package vpptest wraps it for tests.
package vppvalidate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"reflect"
	"slices"

	"github.com/vppvalidate/vppvalidate/internal/config"
	"github.com/vppvalidate/vppvalidate/internal/engine"
	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/report"
	"github.com/vppvalidate/vppvalidate/internal/rules"
	"github.com/vppvalidate/vppvalidate/internal/validate"
)

// Severity ranks a finding, as the command's --severity and --fail-on
// name them. Compare severities with < and >: the constants are in
// increasing order.
type Severity uint8

// The severities, from silent to most serious.
const (
	// Off switches a rule off in Options.Severities; no finding has it.
	// As Options.FailOn it means the default, Error.
	Off Severity = iota
	// Info is worth knowing, and fails a run only with FailOn Info.
	Info
	// Warning is probably wrong: an undocumented property, say.
	Warning
	// Error contradicts the model; it fails a run by default.
	Error
	// None is above every finding's severity: as Options.FailOn
	// ("--fail-on none") no finding fails the run.
	None
)

// String returns the severity's name as the command prints it: "off",
// "info", "warning", "error" or "none".
func (s Severity) String() string { return finding.Severity(s).String() }

// Finding is one problem found in one input.
type Finding struct {
	File    string // the name the input was checked under
	Line    int    // 1-based
	Column  int    // 1-based, counted in characters
	Pointer string // JSON pointer to the value, within the payload (or the recorded response body)
	Rule    string // the rule's ID, such as "enum"
	// Severity is the rule's severity for this input, never Off or None.
	Severity Severity
	Message  string
	// Call is, for a finding in recorded traffic, the method and URL of
	// the call whose response it is about; "" for a plain payload.
	Call string
}

// String returns the finding as "file:line:column: [rule] message".
func (f Finding) String() string {
	return fmt.Sprintf("%s:%d:%d: [%s] %s", f.File, f.Line, f.Column, f.Rule, f.Message)
}

// Summary counts what a run looked at and what it found.
type Summary struct {
	Files     int // inputs checked, wholly or in part
	Resources int // resources found in them
	Errors    int // findings by severity, including those past Options.MaxFindings
	Warnings  int
	Infos     int
	// Unreadable counts the inputs that could not be read to their end.
	Unreadable int
	// Skipped counts the calls in recorded traffic that were not
	// checked: not to Graph, not a JSON success, or not about VPP.
	Skipped int
}

// Unreadable is an input that could not be read, or not to its end.
type Unreadable struct {
	File   string // as given
	Reason string // in words, without the file name
}

// Report is what one check found.
type Report struct {
	// Findings are the findings listed, by input in the order given,
	// then in reading order; nil when Options.OnFinding took them.
	Findings []Finding
	// Unreadable lists the inputs that could not be read, in the order met.
	Unreadable []Unreadable
	Summary    Summary
	// ExitCode is the command's exit code for the same run: 0 when no
	// finding reaches the fail-on level, 1 when one does, 2 when an
	// input could not be read.
	ExitCode int
	// FailOn is the fail-on level the run used: Options.FailOn, else the
	// project file's, else Error.
	FailOn Severity
}

// Failed reports whether the run fails, as a non-zero exit code does.
func (r *Report) Failed() bool { return r.ExitCode != engine.ExitClean }

// Options say how to check, as the command's flags do. The zero value
// checks as the command does with no flags and --no-config.
type Options struct {
	// Type is the type every top-level resource is checked as (--type),
	// such as "vppToken" or "beta/vppToken"; "" infers it.
	Type string
	// GraphVersion is the API version, "v1.0" or "beta", of payloads
	// whose @odata.context names none (--graph-version); "" for the
	// command's default, beta.
	GraphVersion string
	// Severities sets rules' severities by rule ID (--severity), Off
	// switching a rule off; rules not named keep their default. An
	// unknown rule, Off for syntax (which cannot be switched off:
	// nothing after a syntax fault is checked) and anything but Off for
	// finding-limit (which has the severity of the findings it stands
	// for) are errors.
	Severities map[string]Severity
	// MaxFindings bounds the findings listed per input (--max-findings);
	// the rest are still counted. 0 means the command's default, 1000; a
	// negative number means no limit.
	MaxFindings int
	// FailOn is the lowest severity that fails the run (--fail-on); Off
	// means Error, None that nothing fails.
	FailOn Severity
	// Config is the .vppvalidate.json project file to honour (--config).
	// When it is "", ConfigDir, if set, is where one is looked for: in
	// that directory, then in each above it, as the command does from
	// the current directory; finding none there is no error, but a
	// ConfigDir that does not exist or is not a directory is. With both
	// "", no project file is read; both set is an error. Options set here
	// win over the file's, as flags do.
	Config    string
	ConfigDir string
	// OnFinding, when set, receives each finding as soon as it is known,
	// in the order Report.Findings would list them, and Report.Findings
	// stays nil: a large input is then never held whole. It is called
	// from one goroutine at a time.
	OnFinding func(Finding)
}

// CheckFiles checks each path, a file or a directory (the payloads and
// recordings below it, as the command finds them), and returns the report
// of them all. An input that cannot be read is in Report.Unreadable, not
// an error; the error is for no paths, options that are not valid (a
// ConfigDir that is not a directory among them), or a project file that
// cannot be read or is not valid, and then there is no report.
func CheckFiles(paths []string, opts Options) (*Report, error) {
	if len(paths) == 0 {
		return nil, errors.New("no path to check")
	}
	return check(opts, func(r *engine.Run, rep *report.Report, s config.Settings) []string {
		return engine.Expand(paths, s.Exclude, rep, func(string) {})
	})
}

// CheckReader checks the payload or recording read from r, calling it
// name in findings (Finding.File) and for the project file's overrides,
// and reading r to its end or to a read error (then in
// Report.Unreadable). The error is as CheckFiles's, or says that r is
// nil: a nil interface, or a nil pointer in one (a nil *bytes.Reader
// would panic when read).
func CheckReader(name string, r io.Reader, opts Options) (*Report, error) {
	if r == nil || isNilPointer(r) {
		return nil, errors.New("CheckReader: the reader is nil; give one, or use CheckBytes")
	}
	return check(opts, func(run *engine.Run, _ *report.Report, _ config.Settings) []string {
		run.Open = func(string) (io.ReadCloser, error) { return io.NopCloser(r), nil }
		return []string{name}
	})
}

// CheckBytes checks the payload or recording in b, as CheckReader does.
func CheckBytes(name string, b []byte, opts Options) (*Report, error) {
	return CheckReader(name, bytes.NewReader(b), opts)
}

// check runs the engine over the inputs that inputs names, after setting
// up the run from opts.
func check(opts Options, inputs func(*engine.Run, *report.Report, config.Settings) []string) (*Report, error) {
	s, err := settings(opts)
	if err != nil {
		return nil, err
	}
	v, err := validate.New(validate.Options{Type: s.Type, Version: s.GraphVersion, MaxFindings: opts.MaxFindings, GraphHosts: s.GraphHosts})
	if err != nil {
		return nil, err
	}
	out := &Report{}
	w := &collector{out: out, each: opts.OnFinding}
	run := &engine.Run{Validator: v, Settings: s, Recording: "auto", MaxSize: maxSize, Jobs: 1, Writers: []engine.Writer{w}}
	rep := &report.Report{}
	files := inputs(run, rep, s)
	run.Check(rep, files) // a collector never fails
	for _, u := range rep.Unreadable {
		out.Unreadable = append(out.Unreadable, Unreadable(u))
	}
	sum := rep.Summary
	out.Summary = Summary{Files: sum.Files, Resources: sum.Resources, Errors: sum.Errors, Warnings: sum.Warnings,
		Infos: sum.Infos, Unreadable: sum.Unreadable, Skipped: sum.Skipped}
	out.FailOn = Severity(s.FailLevel())
	out.ExitCode = engine.ExitCode(sum, s.FailLevel())
	return out, nil
}

// maxSize is the most bytes read of one file: the command's default.
const maxSize = 2 << 30

// settings turns opts into the run's settings, laid over the project
// file's as the command lays its flags over them.
func settings(opts Options) (config.Settings, error) {
	var s config.Settings
	if opts.GraphVersion != "" {
		s.GraphVersion = opts.GraphVersion
		s.GraphVersionFrom = config.Origin{Flag: "GraphVersion", As: opts.GraphVersion}
	}
	if opts.Type != "" {
		if err := s.SetType(opts.Type, config.Origin{Flag: "Type"}); err != nil {
			return s, err
		}
	}
	switch {
	case opts.FailOn > None:
		return s, fmt.Errorf("fail-on: unknown severity %d", opts.FailOn)
	case opts.FailOn != Off:
		level := finding.Severity(opts.FailOn)
		s.FailOn = &level
	}
	var layer config.Rules
	for _, id := range slices.Sorted(maps.Keys(opts.Severities)) {
		sev := opts.Severities[id]
		if err := rules.CheckLevel(id, finding.Severity(sev)); err != nil {
			return s, err
		}
		if sev >= None {
			return s, fmt.Errorf("rule %s: severity %s is not one a rule can have (want error, warning, info or off)", id, sev)
		}
		layer.Severity = append(layer.Severity, config.RuleLevel{Rule: id, Level: finding.Severity(sev)})
	}
	s.Rules = []config.Rules{layer}
	if opts.Config != "" && opts.ConfigDir != "" {
		return s, errors.New("set Config or ConfigDir, not both")
	}
	if opts.ConfigDir != "" {
		// A directory that is not there finds no project file: a typo
		// would silently check without the settings it was meant to
		// bring, as a missing Config never does.
		info, err := os.Stat(opts.ConfigDir)
		switch {
		case err != nil:
			return s, fmt.Errorf("ConfigDir: %v", err)
		case !info.IsDir():
			return s, fmt.Errorf("ConfigDir: %s is not a directory", opts.ConfigDir)
		}
	}
	return engine.LoadSettings(opts.Config, opts.ConfigDir, s)
}

// collector is the run's one writer: it turns findings into this
// package's type and keeps them, or hands them to the caller.
type collector struct {
	out  *Report
	each func(Finding)
}

func (c *collector) Finding(f finding.Finding) error {
	pf := Finding{File: f.File, Line: f.Line, Column: f.Column, Pointer: f.Pointer, Rule: f.Rule,
		Severity: Severity(f.Severity), Message: f.Message, Call: f.Call}
	if c.each != nil {
		c.each(pf)
	} else {
		c.out.Findings = append(c.out.Findings, pf)
	}
	return nil
}

// isNilPointer tells whether r holds a nil pointer, map, func, channel or
// slice: a value whose methods have nothing to work on.
func isNilPointer(r io.Reader) bool {
	switch v := reflect.ValueOf(r); v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Func, reflect.Chan, reflect.Slice:
		return v.IsNil()
	}
	return false
}
