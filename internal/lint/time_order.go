package lint

import (
	"fmt"

	"github.com/vppvalidate/vppvalidate/internal/rfc3339"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// timeOrder reports a last update before the start, comparing instants.
func timeOrder(r *Resource, report Report) {
	start, ok1 := r.text("startDateTime")
	last, ok2 := r.text("lastUpdatedDateTime")
	if !ok1 || !ok2 {
		return
	}
	if c, ok := rfc3339.Compare(last.Text, start.Text); ok && c < 0 {
		report(rules.TimeOrder, last.Pos, r.ptr("lastUpdatedDateTime"),
			fmt.Sprintf("lastUpdatedDateTime %s is earlier than startDateTime %s; the state cannot change before the action starts", last.Text, start.Text))
	}
}
