package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/rfc3339"
)

// TimeOrder is the ID of the rule that reports that lastUpdatedDateTime is earlier than startDateTime.
const TimeOrder = "time-order"

var _ = register(Rule{
	ID:      TimeOrder,
	Doc:     "lastUpdatedDateTime is earlier than startDateTime",
	Default: finding.Warning,
	Explain: `
An action's state cannot change before the action starts. The two
timestamps are compared as instants, so offsets are honoured
(2019-01-23T11:00:00+01:00 is the same moment as 2019-01-23T10:00:00Z).
The finding points at lastUpdatedDateTime. A lastUpdatedDateTime of
0001-01-01T00:00:00Z is Graph's "never" (see unset-timestamp), not a
moment before the start, and is not compared.

Bad:
    "startDateTime": "2019-01-23T10:15:30Z", "lastUpdatedDateTime": "2019-01-23T10:15:29Z"
Good:
    "startDateTime": "2019-01-23T10:15:30Z", "lastUpdatedDateTime": "2019-01-23T11:30:00+01:00"
`,
	Check: timeOrder,
})

// timeOrder reports a last update before the start, comparing instants.
func timeOrder(r *Resource, report Report) {
	start, last := r.text("startDateTime"), r.text("lastUpdatedDateTime")
	if start == nil || last == nil || unset(last.Text) {
		return
	}
	// The schema has accepted both as date-times.
	if rfc3339.CompareValid(last.Text, start.Text) < 0 {
		r.say(report, TimeOrder, last.Pos, "lastUpdatedDateTime", func() string {
			return "lastUpdatedDateTime " + finding.Clip(last.Text) + " is earlier than startDateTime " + finding.Clip(start.Text) + "; the state cannot change before the action starts"
		})
	}
}
