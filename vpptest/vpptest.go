// Package vpptest checks Graph VPP fixtures from Go tests: a test that
// calls Check fails, with one error per finding, when a fixture does not
// pass vppvalidate:
//
//	func TestFixtures(t *testing.T) {
//		vpptest.Check(t, "testdata/*.json")
//	}
package vpptest

import (
	"path/filepath"
	"testing"

	"github.com/vppvalidate/vppvalidate"
)

// Check checks the files that patterns name (file paths, or
// filepath.Glob patterns such as "testdata/*.json") and reports one test
// error, "file:line:column: [rule] message", for each finding at or above
// the fail-on level. It honours the .vppvalidate.json found from the
// current directory upward (a package's directory, under go test) as the
// command does, every setting of it: the fail-on level; the rule
// severities of "severity", "disable" and "strict", and those of the
// "overrides" whose files match; "exclude", which leaves matching files
// unchecked, also those a pattern names; "type", "graphVersion" and
// "graphHosts".
//
// The test fails at once (t.Fatalf) when a pattern is malformed or
// matches no file, or when the project file or the options are not
// valid; it fails (t.Errorf) for each input that cannot be read. It
// returns the report, for a test that wants to look further.
func Check(t testing.TB, patterns ...string) *vppvalidate.Report {
	t.Helper()
	return CheckWith(t, vppvalidate.Options{ConfigDir: "."}, patterns...)
}

// CheckWith is Check with the options given in place of the project
// file found from the current directory: opts.Config or opts.ConfigDir
// say which project file, if any, is honoured. opts.OnFinding is not
// used: the findings are the test's errors.
func CheckWith(t testing.TB, opts vppvalidate.Options, patterns ...string) *vppvalidate.Report {
	t.Helper()
	if len(patterns) == 0 {
		t.Fatalf("vpptest: no file or pattern to check")
	}
	var paths []string
	for _, p := range patterns {
		matches, err := filepath.Glob(p)
		if err != nil {
			t.Fatalf("vpptest: pattern %q: %v", p, err)
		}
		if len(matches) == 0 {
			t.Fatalf("vpptest: %q matches no file", p)
		}
		paths = append(paths, matches...)
	}
	opts.OnFinding = nil
	rep, err := vppvalidate.CheckFiles(paths, opts)
	if err != nil {
		t.Fatalf("vpptest: %v", err)
	}
	for _, u := range rep.Unreadable {
		t.Errorf("vpptest: cannot read %s: %s", u.File, u.Reason)
	}
	for _, f := range rep.Findings {
		if f.Severity >= rep.FailOn {
			t.Errorf("%s", f)
		}
	}
	return rep
}
