package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// ODataTypePrefix is the ID of the rule that reports that @odata.type lacks the leading #.
const ODataTypePrefix = "odata-type-prefix"

var _ = register(Rule{
	ID:      ODataTypePrefix,
	Doc:     "@odata.type lacks the leading #",
	Default: finding.Warning,
	Explain: `
In OData JSON, @odata.type values are written with a leading #, as in
#microsoft.graph.vppToken. Graph's own documentation examples often leave
it out, and fixtures copied from them do too; clients that match the
value exactly will not recognise it.

Bad:
    "@odata.type": "microsoft.graph.vppTokenActionResult"
Good:
    "@odata.type": "#microsoft.graph.vppTokenActionResult"
`,
})
