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
The finding points at each occurrence after the first. The schema and the
other rules judge the last occurrence, the value most readers keep, so a
repeated member can have findings of its own as well. A collection's
value array, whose items are checked as they are read, is the exception:
the items of every occurrence are checked.

Bad:
    {"actionState": "failed", "actionName": "RevokeLicenses", "actionState": "done"}
Good:
    {"actionState": "failed", "actionName": "RevokeLicenses"}
`,
})
