package engine

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/report"
)

// TestExitCode pins the exit decision that the command and the library
// share: an unreadable input outranks findings, which fail at or above
// the fail-on level.
func TestExitCode(t *testing.T) {
	for _, tc := range []struct {
		sum    finding.Summary
		failOn finding.Severity
		want   int
	}{
		{finding.Summary{}, finding.Error, ExitClean},
		{finding.Summary{}, finding.Info, ExitClean},
		{finding.Summary{Errors: 1}, finding.Error, ExitFindings},
		{finding.Summary{Warnings: 1}, finding.Error, ExitClean},
		{finding.Summary{Warnings: 1}, finding.Warning, ExitFindings},
		{finding.Summary{Infos: 1}, finding.Info, ExitFindings},
		{finding.Summary{Errors: 1}, finding.None, ExitClean},
		{finding.Summary{Unreadable: 1}, finding.None, ExitTrouble},
		{finding.Summary{Errors: 3, Unreadable: 1}, finding.Error, ExitTrouble},
	} {
		if got := ExitCode(tc.sum, tc.failOn); got != tc.want {
			t.Errorf("ExitCode(%+v, %s) = %d, want %d", tc.sum, tc.failOn, got, tc.want)
		}
	}
}

// TestExpandListsEachFileOnce gives Expand one directory alone, then the
// same directory, one of its files and the directory again: each file is
// listed once, in the order first named, and a path that names nothing
// is unreadable without hiding the others.
func TestExpandListsEachFileOnce(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.json", "a.json", "sub/c.json"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a, b, c := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json"), filepath.Join(dir, "sub", "c.json")
	missing := filepath.Join(dir, "missing.json")
	for _, tc := range []struct {
		paths      []string
		want       []string
		unreadable int
	}{
		{[]string{dir}, []string{a, b, c}, 0},
		{[]string{c, dir, b, dir}, []string{c, a, b}, 0},
		{[]string{b, missing, b}, []string{b}, 1},
	} {
		rep := &report.Report{}
		got := Expand(tc.paths, nil, rep, func(string) {})
		if !slices.Equal(got, tc.want) || len(rep.Unreadable) != tc.unreadable {
			t.Errorf("Expand(%q) = %q with %d unreadable, want %q with %d", tc.paths, got, len(rep.Unreadable), tc.want, tc.unreadable)
		}
	}
}
