package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// WrappedEntity is the ID of the rule that reports that a single entity is wrapped as {\"value\": {...}}.
const WrappedEntity = "wrapped-entity"

var _ = register(Rule{
	ID:      WrappedEntity,
	Doc:     "a single entity is wrapped as {\"value\": {...}}",
	Default: finding.Info,
	Explain: `
OData sends a single entity as a bare object; only collections use
"value", and then as an array. Graph's documentation examples for actions
such as syncLicenses show the entity wrapped in "value", and fixtures
copied from them carry that shape. The entity inside is checked as usual.

Bad:
    {"value": {"@odata.type": "#microsoft.graph.vppToken", "id": "..."}}
Good:
    {"@odata.type": "#microsoft.graph.vppToken", "id": "..."}
`,
})
