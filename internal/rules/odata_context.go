package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// ODataContext is the ID of the rule that reports that @odata.context cannot be followed, or leads outside the VPP model.
const ODataContext = "odata-context"

var _ = register(Rule{
	ID:      ODataContext,
	Doc:     "@odata.context cannot be followed, or leads outside the VPP model",
	Default: finding.Error,
	Explain: `
@odata.context says what a payload holds: the API version (v1.0 or beta),
the entity set or navigation path, a type cast, a select list. vppvalidate
reads it as the OData JSON format defines it and checks the payload
against what it names. It reports a context that is not a metadata URL,
names a version it does not know, names a path the version does not
have (tokenActionResults in v1.0, say), or has a select list naming a
property the type does not have, as Graph would refuse that $select (the
payload is still checked then). A context naming a Graph resource
outside the Apple VPP model (users, deviceManagement/managedDevices) is
one finding for the document, whose content is then not checked: the
capture comes from the wrong endpoint.

The model knows: {{contexts}}.

Bad:
    "@odata.context": "https://graph.microsoft.com/beta/$metadata#users/$entity"
    "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#deviceAppManagement/vppTokens('x')/tokenActionResults"
    "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/vppTokens(id,bogus)"
Good:
    "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/vppTokens('x')/tokenActionResults"
`,
})
