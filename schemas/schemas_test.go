package schemas

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
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

// TestOwnSchemas checks the schemas of vppvalidate's own files: each is
// listed once, embedded, laid out as json.Indent lays it out, draft
// 2020-12 with its $id and a title and description, refers only within
// itself, and compiles with jsonschema/v5 through LoadOwn alone.
func TestOwnSchemas(t *testing.T) {
	files, err := fs.Glob(ownFS, "vppvalidate/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(Owns()) {
		t.Errorf("vppvalidate/ embeds %q; Owns lists %d", files, len(Owns()))
	}
	names := map[string]bool{}
	for _, o := range Owns() {
		if names[o.Name] {
			t.Errorf("two schemas are called %q", o.Name)
		}
		names[o.Name] = true
		b, err := o.Bytes()
		if err != nil {
			t.Errorf("%s: %v", o.Name, err)
			continue
		}
		var indented bytes.Buffer
		if err := json.Indent(&indented, b, "", "  "); err != nil || indented.String() != string(b) || !bytes.HasSuffix(b, []byte("}\n")) {
			t.Errorf("%s: not laid out as json.Indent with two spaces lays it out (%v)", o.File, err)
		}
		var doc map[string]any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Errorf("%s: %v", o.File, err)
			continue
		}
		if doc["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema is %v", o.File, doc["$schema"])
		}
		if doc["$id"] != o.ID() || !strings.HasSuffix(o.ID(), "/schemas/vppvalidate/"+o.File) {
			t.Errorf("%s: $id is %v, want %s, the address of the file in the repository", o.File, doc["$id"], o.ID())
		}
		if title, _ := doc["title"].(string); title == "" {
			t.Errorf("%s: no title", o.File)
		}
		if d, _ := doc["description"].(string); len(d) < 20 {
			t.Errorf("%s: no description", o.File)
		}
		for _, r := range refs(doc) {
			if !strings.HasPrefix(r, "#/") {
				t.Errorf("%s: $ref %q leaves the document", o.File, r)
			}
		}
		c := jsonschema.NewCompiler()
		c.Draft = jsonschema.Draft2020
		c.LoadURL = LoadOwn
		if _, err := c.Compile(o.ID()); err != nil {
			t.Errorf("%s: %v", o.File, err)
		}
		if got, ok := LookupOwn(o.Name); !ok || got != o {
			t.Errorf("LookupOwn(%q) = %v, %v", o.Name, got, ok)
		}
	}
	for _, url := range []string{
		OwnURL + "nope.schema.json",
		BaseURL + "beta/vppToken.json",
		"https://json-schema.org/draft/2020-12/schema",
		"file:///etc/passwd",
	} {
		if rc, err := LoadOwn(url); err == nil {
			rc.Close()
			t.Errorf("LoadOwn(%q) served it", url)
		}
	}
}

// refs lists every $ref in a schema document.
func refs(v any) []string {
	var out []string
	switch v := v.(type) {
	case map[string]any:
		if r, ok := v["$ref"].(string); ok {
			out = append(out, r)
		}
		for _, x := range v {
			out = append(out, refs(x)...)
		}
	case []any:
		for _, x := range v {
			out = append(out, refs(x)...)
		}
	}
	return out
}
