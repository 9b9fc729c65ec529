// Package schemas embeds the JSON Schemas (draft 2020-12) that describe the
// Graph beta types vppvalidate checks. They are part of the binary: nothing
// is read from the network or the file system at run time.
package schemas

import "embed"

// FS holds every schema file, named by its base name (for example
// "vppTokenActionResult.json").
//
//go:embed *.json
var FS embed.FS

// BaseURL is the common prefix of every schema's $id. A schema file named
// F has the $id BaseURL+F.
const BaseURL = "https://vppvalidate.dev/schemas/graph-beta/"

// GraphVersion is the Microsoft Graph API version the schemas describe.
const GraphVersion = "beta"
