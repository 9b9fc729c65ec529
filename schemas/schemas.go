// Package schemas embeds the JSON Schemas (draft 2020-12) of Graph's Apple
// VPP model, one directory per API version (beta/, v1.0/), one file per
// type, plus edm.json for the primitive types. They are generated from the
// CSDL slices in csdl/ by `go generate ./schemas` and never edited by
// hand; they are part of the binary, so nothing is read from the network
// or the file system at run time.
package schemas

//go:generate go run ../internal/cmd/modelgen -root ..

import "embed"

// FS holds every schema file, by version directory and type name (for
// example "beta/vppTokenActionResult.json").
//
//go:embed beta/*.json v1.0/*.json
var FS embed.FS

// BaseURL is the common prefix of every schema's $id. The schema of type
// T in version V has the $id BaseURL + V + "/" + T + ".json".
const BaseURL = "https://vppvalidate.dev/schemas/graph/"
