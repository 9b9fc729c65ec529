package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// ODataType is the ID of the rule that reports that @odata.type names no known type, or not one that fits where it stands.
const ODataType = "odata-type"

var _ = register(Rule{
	ID:      ODataType,
	Doc:     "@odata.type names no known type, or not one that fits where it stands",
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
The types: {{types}}.

Bad:
    "@odata.type": "#microsoft.graph.vppTokenRevokeLicenseActionResult"
    "@odata.type": "#vppTokenActionResult"
Good:
    "@odata.type": "#microsoft.graph.vppTokenRevokeLicensesActionResult"
`,
})
