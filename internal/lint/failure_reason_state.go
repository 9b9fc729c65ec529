package lint

import (
	"fmt"

	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// failureReasonState reports a failure reason that contradicts the state.
func failureReasonState(r *Resource, report Report) {
	state, ok1 := r.text("actionState")
	reason, ok2 := r.text("actionFailureReason")
	if !ok1 || !ok2 {
		return
	}
	var msg string
	switch {
	case state.Text == "failed" && reason.Text == "none":
		msg = `actionState is "failed" but actionFailureReason is "none"; a failed action should say why it failed`
	case state.Text != "failed" && reason.Text != "none":
		msg = fmt.Sprintf("actionFailureReason is %q but actionState is %q, not \"failed\"; an action that did not fail has no failure reason", reason.Text, state.Text)
	default:
		return
	}
	report(rules.FailureReasonState, reason.Pos, r.ptr("actionFailureReason"), msg)
}
