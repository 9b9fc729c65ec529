package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/rfc3339"
)

// DotnetDateTime is the ID of the rule that reports that a DateTimeOffset that .NET's DateTimeOffset cannot hold, or holds only rounded.
const DotnetDateTime = "dotnet-date-time"

var _ = register(Rule{
	ID:      DotnetDateTime,
	Doc:     "a DateTimeOffset that .NET's DateTimeOffset cannot hold, or holds only rounded",
	Default: finding.Warning,
	Explain: `
Graph's clients read Edm.DateTimeOffset into .NET's DateTimeOffset (the
Graph SDK for .NET, PowerShell) or similar types. RFC 3339 allows values
that such a type refuses: an offset beyond ±14:00 or the year 0000 (the
first year .NET holds is 0001). A fraction longer than seven digits (.NET
keeps 100-nanosecond ticks) is read, but rounded, so the value a client
sees is not the one in the fixture.

Bad:
    "startDateTime": "2019-01-23T10:15:30+15:00"
    "startDateTime": "0000-06-01T00:00:00Z"
    "startDateTime": "2019-01-23T10:15:30.123456789Z"
Good:
    "startDateTime": "2019-01-23T10:15:30.1234567Z"
`,
	Check: dotnetDateTime,
})

// dotnetDateTime reports valid date-times that .NET's DateTimeOffset,
// into which Graph's .NET and PowerShell clients read them, cannot hold
// exactly.
func dotnetDateTime(r *Resource, report Report) {
	for i := 0; i < r.Len(); i++ {
		p := r.Property(i)
		if p == nil || p.Type != "Edm.DateTimeOffset" {
			continue
		}
		v := r.Value(i)
		if v.Kind != jsonpos.String {
			continue
		}
		// The text before the rest of typed: nearly every date-time
		// has nothing to say about it, told from a few characters.
		if why := rfc3339.DotnetProblem(v.Text); why != "" && r.typed(i, p.Type) {
			name := r.Name(i)
			r.say(report, DotnetDateTime, v.Pos, name, func() string {
				return name + " " + finding.Clip(v.Text) + ": " + why
			})
		}
	}
}
