package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// GraphError is the ID of the rule that reports that the payload is a Graph error response, not data.
const GraphError = "graph-error"

var _ = register(Rule{
	ID:      GraphError,
	Doc:     "the payload is a Graph error response, not data",
	Default: finding.Warning,
	Explain: `
The file (or a batch response in it) holds {"error": {"code", "message",
"innerError"}}: the request failed, and the fixture records the failure
instead of the data. That may be on purpose (a test of error handling), so
it is a warning; the message repeats Graph's code and message. innerError
is not checked: Graph writes its date without a zone.

Bad (as a fixture of data):
    {"error": {"code": "ResourceNotFound", "message": "Resource not found"}}
Good:
    {"@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/vppTokens('x')/tokenActionResults",
     "value": []}
`,
})
