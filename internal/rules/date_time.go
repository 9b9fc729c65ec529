package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// DateTime is the ID of the rule that reports that a DateTimeOffset value is not an RFC 3339 date-time with seconds and a zone.
const DateTime = "date-time"

var _ = register(Rule{
	ID:      DateTime,
	Doc:     "a DateTimeOffset value is not an RFC 3339 date-time with seconds and a zone",
	Default: finding.Error,
	Explain: `
Graph serialises Edm.DateTimeOffset as an RFC 3339 date-time: a full date,
T, a time with seconds, an optional fraction of any length (Graph sends
seven digits) and a zone, Z or ±hh:mm. Dates that do not exist, a missing
zone or missing seconds, and shapes some parsers accept anyway (a signed
hour such as T+1:00:00) are reported. A leap second (:60) is accepted only
at 23:59 UTC.

Bad:
    "startDateTime": "2019-01-23T10:15:30"
    "startDateTime": "2024-01-01T+1:00:00Z"
Good:
    "startDateTime": "2019-01-23T10:15:30.1234567Z"
    "startDateTime": "2019-01-23T11:15:30+01:00"
`,
})
