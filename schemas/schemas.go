// Package schemas embeds the JSON Schemas (draft 2020-12) of Graph's Apple
// VPP model, one directory per API version (beta/, v1.0/), one file per
// type, plus edm.json for the primitive types. They are generated from the
// CSDL slices in csdl/ by `go generate ./schemas` (which then compiles
// their fast checks into internal/validate/fastcheck_gen.go) and never
// edited by hand; they are part of the binary, so nothing is read from
// the network or the file system at run time.
//
// Apart from those, vppvalidate/ holds the schemas of vppvalidate's own
// files: the project file and the -o json report (see Own).
package schemas

//go:generate go run ../internal/cmd/modelgen -root ..
//go:generate go test ../internal/validate -run ^TestGeneratedFastChecks$ -generate

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// FS holds every schema file, by version directory and type name (for
// example "beta/vppTokenActionResult.json").
//
//go:embed beta/*.json v1.0/*.json
var FS embed.FS

// BaseURL is the common prefix of every schema's $id. The schema of type
// T in version V has the $id BaseURL + V + "/" + T + ".json".
const BaseURL = "https://vppvalidate.dev/schemas/graph/"

// OwnURL is the common prefix of the $id of the schemas of vppvalidate's
// own files: the address at which GitHub serves the files of
// schemas/vppvalidate/ on the main branch, so that an editor given the
// $id can fetch the schema.
const OwnURL = "https://raw.githubusercontent.com/vppvalidate/vppvalidate/main/schemas/vppvalidate/"

//go:embed vppvalidate/*.schema.json
var ownFS embed.FS

// Own is the schema of one of vppvalidate's own files, kept apart from
// Graph's types: written by hand, not generated from CSDL.
type Own struct {
	Name string // what --print-schema calls it: "config", "report"
	Doc  string // one line, lower case: what the schema describes
	File string // its file name in schemas/vppvalidate/
}

// Owns lists the schemas of vppvalidate's own files, in the order
// --print-schema list names them. Adding one is adding its file to
// vppvalidate/ and a value here.
func Owns() []Own {
	return []Own{
		{"config", "the project file, .vppvalidate.json", "config.schema.json"},
		{"report", "the report that -o json writes", "report.schema.json"},
	}
}

// LookupOwn returns the schema of vppvalidate's own files that
// --print-schema calls name, and whether there is one.
func LookupOwn(name string) (Own, bool) {
	for _, o := range Owns() {
		if o.Name == name {
			return o, true
		}
	}
	return Own{}, false
}

// ID returns the schema's $id, OwnURL followed by its file name.
func (o Own) ID() string { return OwnURL + o.File }

// Bytes returns the schema document as embedded. The files are checked by
// the tests, so it only fails (with fs.ErrNotExist) for an Own that is not
// one of Owns.
func (o Own) Bytes() ([]byte, error) {
	return fs.ReadFile(ownFS, "vppvalidate/"+o.File)
}

// LoadOwn is a jsonschema.Compiler's LoadURL for the schemas of
// vppvalidate's own files: it serves the embedded document whose $id is
// url, and fails for any other address, so that compiling one never
// reaches the network or the file system.
func LoadOwn(url string) (io.ReadCloser, error) {
	if file, ok := strings.CutPrefix(url, OwnURL); ok {
		for _, o := range Owns() {
			if o.File == file {
				b, err := o.Bytes()
				if err != nil {
					return nil, err
				}
				return io.NopCloser(bytes.NewReader(b)), nil
			}
		}
	}
	return nil, fmt.Errorf("schema %s is not embedded in vppvalidate", url)
}
