package engine

import (
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/finding"
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
