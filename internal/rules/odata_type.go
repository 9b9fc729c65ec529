package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// ODataType is the ID of the rule that reports that @odata.type names no known type, or not one that fits where it stands, or that nothing tells an object's type.
const ODataType = "odata-type"

var _ = register(Rule{
	ID:      ODataType,
	Doc:     "@odata.type names no known type or none that fits, or nothing tells an object's type",
	Default: finding.Error,
	Explain: `
@odata.type says which type an object is, and so which properties it may
have. It must be a string naming a type of the model in the
microsoft.graph namespace (or its alias, graph), and where a type is
declared (by --type, by @odata.context, or by the property holding the
object) it must be that type or one derived from it. A misspelt type gets
a suggestion. The rest of the object is still checked: as the suggested
type when that type may stand there, else as if @odata.type were absent,
and when its members then pick its type, the finding names that type.
An object without @odata.type is checked as the type its members fit
best when its declared type is abstract (an item of mobileApps), or
when it has properties that only a type derived from the declared one
documents (a revoke result among tokenActionResults, with its license
counts). In a payload with an @odata.context, which must name such a
derived type (OData JSON 4.01, section 4.5.3), the missing @odata.type
is reported too. An object whose type nothing tells (no
usable @odata.type, a place that declares no concrete type, and no member
that is a property of a type that may stand there, or a near miss of
one) is reported here too, and not checked: naming a type for it would be
a guess. The types: {{types}}.

Bad:
    "@odata.type": "#microsoft.graph.vppTokenRevokeLicenseActionResult"
    "@odata.type": "#vppTokenActionResult"
Good:
    "@odata.type": "#microsoft.graph.vppTokenRevokeLicensesActionResult"
`,
})
