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
	for i := 0; i < r.View.Len(); i++ {
		v := r.View.Value(i)
		if v.Kind != jsonpos.String || !r.typed(i, "Edm.DateTimeOffset") {
			continue
		}
		if why := rfc3339.DotnetProblem(v.Text); why != "" {
			name := r.View.Name(i)
			report(rules.DotnetDateTime, v.Pos, r.ptr(name), fmt.Sprintf("%s %s: %s", name, v.Text, why))
		}
	}
}
