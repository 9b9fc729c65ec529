package rules

import (
	"strconv"

	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// FailureReasonState is the ID of the rule that reports that actionFailureReason does not agree with actionState.
const FailureReasonState = "failure-reason-state"

var _ = register(Rule{
	ID:      FailureReasonState,
	Doc:     "actionFailureReason does not agree with actionState",
	Default: finding.Warning,
	Explain: `
actionFailureReason explains a failure: a result whose actionState is
failed should name a reason other than none, and a result that did not
fail should have none, unless some of its licenses failed
(failedLicensesCount above 0), which the reason may explain. A mismatch
usually means a fixture was edited by hand, one field at a time. The
finding points at actionFailureReason.

Bad:
    "actionState": "failed", "actionFailureReason": "none"
    "actionState": "done", "failedLicensesCount": 0, "actionFailureReason": "appleFailure"
Good:
    "actionState": "failed", "actionFailureReason": "expiredVppToken"
    "actionState": "done", "actionFailureReason": "none"
    "actionState": "done", "failedLicensesCount": 3, "actionFailureReason": "appleFailure"
`,
	Check: failureReasonState,
})

// failureReasonState reports a failure reason that contradicts the state.
func failureReasonState(r *Resource, report Report) {
	state, reason := r.text("actionState"), r.text("actionFailureReason")
	if state == nil || reason == nil {
		return
	}
	switch {
	case state.Text == "failed" && reason.Text == "none":
		r.say(report, FailureReasonState, reason.Pos, "actionFailureReason", func() string {
			return `actionState is "failed" but actionFailureReason is "none"; a failed action should say why it failed`
		})
	case state.Text != "failed" && reason.Text != "none":
		failed, known := someFailed(r)
		if failed || !known {
			return // a partial failure, or a count that cannot tell
		}
		r.say(report, FailureReasonState, reason.Pos, "actionFailureReason", func() string {
			return "actionFailureReason is " + strconv.Quote(finding.Clip(reason.Text)) + " but actionState is " + strconv.Quote(finding.Clip(state.Text)) + ", not \"failed\"; an action that did not fail has no failure reason"
		})
	}
}

// someFailed tells whether a result says that some of its licenses
// failed: a failedLicensesCount above 0. known is false when the result
// has the count but it is invalid (not an integer, or negative), which
// leaves the question open; a result without the count failed none.
func someFailed(r *Resource) (failed, known bool) {
	if r.Index("failedLicensesCount") < 0 {
		return false, true
	}
	_, n, ok := r.count("failedLicensesCount")
	if !ok || n < 0 {
		return false, false
	}
	return n > 0, true
}
