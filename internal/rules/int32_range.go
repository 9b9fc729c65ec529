package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// Int32Range is the ID of the rule that reports that an Int32 value lies outside -2147483648..2147483647.
const Int32Range = "int32-range"

var _ = register(Rule{
	ID:      Int32Range,
	Doc:     "an Int32 value lies outside -2147483648..2147483647",
	Default: finding.Error,
	Explain: `
Edm.Int32 holds whole numbers from -2147483648 to 2147483647. Numbers are
compared exactly as written, never through a float, so
99999999999999999999 is reported rather than rounded. A fraction such as
1.5 is a type finding instead.

Bad:
    "totalLicensesCount": 2147483648
    "failedLicensesCount": 3e9
Good:
    "totalLicensesCount": 2147483647
`,
})
