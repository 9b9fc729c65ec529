package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// SkippedType is the ID of the rule that reports that items of a Graph type outside the VPP model were skipped.
const SkippedType = "skipped-type"

var _ = register(Rule{
	ID:      SkippedType,
	Doc:     "items of a Graph type outside the VPP model were skipped",
	Default: finding.Info,
	Explain: `
A collection of a type with subtypes, such as deviceAppManagement/mobileApps,
holds items of many types; those whose @odata.type names a Graph type
outside the Apple VPP model (a win32LobApp, say) are not vppvalidate's to
check. They are skipped, and one finding per file (per recorded response
in a recording) says how many. It is placed at the first of them but
listed last in its file, since only the file's end tells their number.
vppvalidate knows Graph's model only as far as the VPP types go, so a
name that is no Graph type at all (a typo too far from any VPP type to be
taken for a near miss of one) is skipped the same way: the finding names
the first, to be looked at.

Bad (skipped):
    {"@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/mobileApps",
     "value": [{"@odata.type": "#microsoft.graph.win32LobApp", "id": "...", "displayName": "7-Zip"}]}
Good:
    {"@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/mobileApps",
     "value": [{"@odata.type": "#microsoft.graph.iosVppApp", "id": "...", "bundleId": "com.apple.Pages"}]}
`,
})
