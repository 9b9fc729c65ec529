package schemas

import (
	"encoding/json"
	"io/fs"
	"path"
	"strings"
	"testing"
)

// TestSchemaFiles checks the conventions every embedded schema keeps: draft
// 2020-12, an $id made of BaseURL and the version and file name, a description, and
// references that stay inside the embedded set.
func TestSchemaFiles(t *testing.T) {
	files, err := fs.Glob(FS, "*/*.json")
	if err != nil || len(files) < 20 {
		t.Fatalf("embedded schemas: %v %v", files, err)
	}
	embedded := make(map[string]bool)
	for _, f := range files {
		embedded[f] = true
	}
	for _, f := range files {
		b, _ := fs.ReadFile(FS, f)
		var doc map[string]any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if doc["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema is %v", f, doc["$schema"])
		}
		if doc["$id"] != BaseURL+f {
			t.Errorf("%s: $id is %v, want %s", f, doc["$id"], BaseURL+f)
		}
		if d, _ := doc["description"].(string); len(d) < 20 {
			t.Errorf("%s: no description", f)
		}
		var refs func(v any)
		refs = func(v any) {
			switch v := v.(type) {
			case map[string]any:
				if r, ok := v["$ref"].(string); ok {
					file, _, _ := strings.Cut(r, "#")
					if file != "" && !embedded[path.Dir(f)+"/"+file] {
						t.Errorf("%s: $ref %q leaves the embedded set", f, r)
					}
				}
				for _, x := range v {
					refs(x)
				}
			case []any:
				for _, x := range v {
					refs(x)
				}
			}
		}
		refs(doc)
	}
}
