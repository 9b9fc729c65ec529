package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// NotGraph is the ID of the rule that reports that the document does not look like a Graph payload.
const NotGraph = "not-graph"

var _ = register(Rule{
	ID:      NotGraph,
	Doc:     "the document does not look like a Graph payload",
	Default: finding.Warning,
	Explain: `
The document has no OData annotation (@odata.context, @odata.type), does
not stand in a collection, and has no member that only the model's types
have (names such as id, description or version, which other JSON files
use too, do not count) and at most one near miss of one: a package.json,
a tsconfig.json or an editor's settings picked up by a directory walk or a
pre-commit hook. It is reported once per file and not checked further. A
fixture whose names are misspelt is still checked, against the type its
names come closest to.
Keep such files out with --exclude GLOB or an "exclude" list in
.vppvalidate.json, or with a files: pattern in the pre-commit
configuration.

Bad (as an input):
    {"name": "my-app", "version": "1.0.0", "scripts": {"test": "jest"}}
Good:
    {"@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/vppTokens", "value": []}
`,
})
