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
	for i := 0; i < r.View.Len(); i++ {
		v := r.View.Value(i)
		if v.Kind != jsonpos.String || len(v.Text) < len(never) {
			continue
		}
		// Only a date on 31 December of year 0 or 1 January of year 1
		// can name that instant (offsets reach at most a day back).
		if !strings.HasPrefix(v.Text, "0001-01-01") && !strings.HasPrefix(v.Text, "0000-12-31") {
			continue
		}
		name := r.View.Name(i)
		if r.Invalid(name) {
			continue
		}
		if c, ok := rfc3339.Compare(v.Text, never); ok && c == 0 {
			report(rules.UnsetTimestamp, v.Pos, r.ptr(name),
				fmt.Sprintf("%s is %s, the value Graph sends for \"never\" or \"not set\"", name, v.Text))
		}
	}
}
