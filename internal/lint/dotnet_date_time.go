package lint

import (
	"fmt"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/rfc3339"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// dotnetDateTime reports valid date-times that .NET's DateTimeOffset,
// into which Graph's .NET and PowerShell clients read them, cannot hold
// exactly.
func dotnetDateTime(r *Resource, report Report) {
	for m := range r.typed("Edm.DateTimeOffset") {
		if m.Value.Kind != jsonpos.String {
			continue
		}
		if why := rfc3339.DotnetProblem(m.Value.Text); why != "" {
			report(rules.DotnetDateTime, m.Value.Pos, r.ptr(m.Name), fmt.Sprintf("%s %s: %s", m.Name, m.Value.Text, why))
		}
	}
}
