package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// Enum is the ID of the rule that reports that a value is not one of its enum's documented members (case-sensitive).
const Enum = "enum"

var _ = register(Rule{
	ID:      Enum,
	Doc:     "a value is not one of its enum's documented members (case-sensitive)",
	Default: finding.Error,
	Explain: `
An enum property holds one of its enum's member names, spelled exactly
(case matters); a flags enum may hold several, joined by commas. The
message lists the members and suggests the closest one. The enums:
{{enums}}. Graph adds members over time; if a new one shows
up before vppvalidate knows it, lower the rule with --severity
enum=warning to keep a build green.

Bad:
    "actionState": "Failed"
    "actionFailureReason": "expiredToken"
Good:
    "actionState": "failed"
    "actionFailureReason": "expiredVppToken"
`,
})
