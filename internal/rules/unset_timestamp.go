package rules

import (
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/rfc3339"
)

// UnsetTimestamp is the ID of the rule that reports that a timestamp is 0001-01-01T00:00:00Z, Graph's value for never.
const UnsetTimestamp = "unset-timestamp"

var _ = register(Rule{
	ID:      UnsetTimestamp,
	Doc:     "a timestamp is 0001-01-01T00:00:00Z, Graph's value for never",
	Default: finding.Info,
	Explain: `
Graph has no null for many DateTimeOffset properties and sends the
smallest date instead, 0001-01-01T00:00:00Z, to mean "never" or "not
set". It is valid, but code that formats or compares dates often trips
over it, so it is worth knowing where it occurs.

Bad (worth a look):
    "lastSyncDateTime": "0001-01-01T00:00:00Z"
Good:
    "lastSyncDateTime": "2019-01-23T10:15:30Z"
`,
	Check: unsetTimestamp,
})

// never is 0001-01-01T00:00:00Z, which Graph sends for "never" or "not set".
const never = "0001-01-01T00:00:00Z"

// unset tells whether an RFC 3339 date-time names the instant of Graph's
// "never", whatever its offset and fraction; false for anything else,
// including text that is not a date-time.
func unset(text string) bool {
	// Only a date on 31 December of year 0 or 1 January of year 1 can
	// name that instant (offsets reach less than a day either way), and
	// a timestamp of any other date is not read at all.
	if len(text) < 10 || text[0] != '0' || !strings.HasPrefix(text, "0001-01-01") && !strings.HasPrefix(text, "0000-12-31") {
		return false
	}
	c, ok := rfc3339.Compare(text, never)
	return ok && c == 0
}

// unsetTimestamp points out date-times that are Graph's "never".
func unsetTimestamp(r *Resource, report Report) {
	for i := 0; i < r.Len(); i++ {
		v := r.Value(i)
		if v.Kind != jsonpos.String || !unset(v.Text) {
			continue
		}
		if name := r.Name(i); !r.Invalid(name) && r.last(i) {
			r.say(report, UnsetTimestamp, v.Pos, name, func() string {
				return name + " is " + finding.Clip(v.Text) + ", the value Graph sends for \"never\" or \"not set\""
			})
		}
	}
}
