package lint

import (
	"fmt"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/rfc3339"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// never is 0001-01-01T00:00:00Z, which Graph sends for "never" or "not set".
const never = "0001-01-01T00:00:00Z"

// unsetTimestamp points out date-times that are Graph's "never".
func unsetTimestamp(r *Resource, report Report) {
	for _, m := range r.Value.Members {
		if m.Value.Kind != jsonpos.String || len(m.Value.Text) < len(never) || r.Invalid(m.Name) {
			continue
		}
		// Only a date on 31 December of year 0 or 1 January of year 1
		// can name that instant (offsets reach at most a day back).
		if t := m.Value.Text; !strings.HasPrefix(t, "0001-01-01") && !strings.HasPrefix(t, "0000-12-31") {
			continue
		}
		if c, ok := rfc3339.Compare(m.Value.Text, never); ok && c == 0 {
			report(rules.UnsetTimestamp, m.Value.Pos, r.ptr(m.Name),
				fmt.Sprintf("%s is %s, the value Graph sends for \"never\" or \"not set\"", m.Name, m.Value.Text))
		}
	}
}
