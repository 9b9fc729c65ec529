package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// UnknownProperty is the ID of the rule that reports that a property that the documented model does not have.
const UnknownProperty = "unknown-property"

var _ = register(Rule{
	ID:      UnknownProperty,
	Doc:     "a property that the documented model does not have",
	Default: finding.Warning,
	Explain: `
The property is not part of the resource's documented type: often a typo,
a property of another type (check @odata.type), or one the service added
after vppvalidate's schemas were written. Annotations, any name containing
@, are never reported. --strict makes this an error.

Bad:
    "failedLicenseCount": 0
Good:
    "failedLicensesCount": 0
`,
})
