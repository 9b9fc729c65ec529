package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// MissingProperty is the ID of the rule that reports that a documented property is absent.
const MissingProperty = "missing-property"

var _ = register(Rule{
	ID:      MissingProperty,
	Doc:     "a documented property is absent",
	Default: finding.Warning,
	Explain: `
Graph returns every property of a resource, with null where it has no
value and null is allowed. A fixture that lacks one was probably edited by
hand or cut short, and code tested against it never sees the real shape.
The finding points at the object and names the property.

Bad:
    {"@odata.type": "#microsoft.graph.vppTokenRevokeLicensesActionResult", "actionState": "done"}
Good:
    {"@odata.type": "#microsoft.graph.vppTokenActionResult", "actionName": null,
     "actionState": "done", "startDateTime": "2019-01-23T10:15:30Z",
     "lastUpdatedDateTime": "2019-01-23T10:15:30Z"}
`,
})
