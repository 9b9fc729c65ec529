package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// Type is the ID of the rule that reports that a value has the wrong JSON type, is null where null is not allowed, or is not base64 where Edm.Binary asks for it.
const Type = "type"

var _ = register(Rule{
	ID:      Type,
	Doc:     "a value has the wrong JSON type, is null where null is not allowed, or is not base64 text (Edm.Binary)",
	Default: finding.Error,
	Explain: `
Every property has one JSON type, from its CSDL type: strings for
String, enums, DateTimeOffset and Binary (base64), integers for Int32 and
Int64, booleans for Boolean, objects for complex types, arrays for
collections. A property may be null only where the CSDL says Nullable
(items of a collection: the collection itself is never null). A number in
quotes, a fraction where an integer belongs, or null where it is not
allowed is reported, as is a resource that is not an object. A Binary
string must be base64 text, in the standard or the URL-safe alphabet,
whose last character sets no bit past the data, as OData's ABNF asks
("YQ==", not "YR=="): switching this rule off switches that check off
too. So is control information of the wrong JSON type: a count
(@odata.count, tokenActionResults@odata.count) that is not a
non-negative integer, a link, an etag or an @odata.id that is not a
string (OData JSON 4.01, section 4.5).

Properties that may be null: {{nullable}}.

Bad:
    "totalLicensesCount": "10"
    "failedLicensesCount": 2.5
    "actionState": null
Good:
    "totalLicensesCount": 10
    "actionName": null
`,
	Check: controlInformation,
})
