package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// DuplicateKey is the ID of the rule that reports that a member name appears twice in one object.
const DuplicateKey = "duplicate-key"

var _ = register(Rule{
	ID:      DuplicateKey,
	Doc:     "a member name appears twice in one object",
	Default: finding.Error,
	Explain: `
JSON readers disagree on what a repeated member name means: Go's
encoding/json and most others silently keep the last value, some keep the
first, some fail. A fixture with a repeated name does not say one thing.
The finding points at the second occurrence.

Bad:
    {"actionState": "failed", "actionName": "RevokeLicenses", "actionState": "done"}
Good:
    {"actionState": "failed", "actionName": "RevokeLicenses"}
`,
})
