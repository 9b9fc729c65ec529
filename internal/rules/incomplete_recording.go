package rules

import (
	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// IncompleteRecording is the ID of the rule that reports that a recording lacks what checking one of its Graph VPP calls needs.
const IncompleteRecording = "incomplete-recording"

var _ = register(Rule{
	ID:      IncompleteRecording,
	Doc:     "a recording lacks what checking one of its Graph VPP calls needs",
	Default: finding.Warning,
	Explain: `
A recorded call to Graph's VPP endpoints can only be checked from what the
recording kept. Two gaps leave it unchecked, and each is said rather than
passed over: a successful JSON response whose body was not kept (a HAR
saved without content, a recorder told to drop bodies; a 204 or the
answer to a HEAD has none), and $batch responses that cannot be tied by
their id to a recorded request, which types them: the request body was not
kept or is not JSON, or names no request with that id. Those of them that
carry no @odata.context of their own are not checked rather than guessed
at. The finding points at the interaction, or at the batch answer.

Bad (a HAR entry without its body):
    "response": {"status": 200, "content": {"size": 1520, "mimeType": "application/json"}}
Good:
    "response": {"status": 200, "content": {"size": 1520, "mimeType": "application/json",
                 "text": "{\"@odata.context\": \"...\", \"value\": [...]}"}}
`,
})
