package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/payload"
	"github.com/vppvalidate/vppvalidate/internal/rfc3339"
	"github.com/vppvalidate/vppvalidate/schemas"
)

// Type is a Graph type that a resource can have.
type Type struct {
	Name string // for example "vppTokenRevokeLicensesActionResult"
	Base string // name of the base type, "" for none
	// Own lists the properties this type declares itself, not inherited.
	Own []string
	// Properties lists every documented property, inherited ones first.
	Properties []string

	owner *Schemas
	// fast proves valid resources valid without v5; nil when the schema
	// uses something it does not understand.
	fast *fastType
}

// documents tells whether prop is one of the type's properties.
func (t *Type) documents(prop string) bool { return slices.Contains(t.Properties, prop) }

// ODataType is the value Graph sends in @odata.type for this type.
func (t *Type) ODataType() string { return "#microsoft.graph." + t.Name }

// resourceTypes names the schema files that describe a resource, base types
// before derived ones. Everything else about a type (its base, its
// properties) is read from the schema itself.
var resourceTypes = []string{"vppTokenActionResult", "vppTokenRevokeLicensesActionResult", "vppToken"}

// Schemas is the compiled, embedded schema set.
type Schemas struct {
	compiled func() (map[string]*jsonschema.Schema, error)
	types    []*Type
	raw      map[string]any // parsed schema documents, by file name
}

// LoadSchemas compiles the embedded schemas. The work is done once per
// process; every caller shares the result, which is read-only.
var LoadSchemas = sync.OnceValues(loadSchemas)

func loadSchemas() (*Schemas, error) {
	s := &Schemas{raw: make(map[string]any)}
	s.compiled = sync.OnceValues(s.compile)
	files, err := fs.Glob(schemas.FS, "*.json")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		b, err := fs.ReadFile(schemas.FS, f)
		if err != nil {
			return nil, err
		}
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber()
		var doc any
		if err := d.Decode(&doc); err != nil {
			return nil, fmt.Errorf("embedded schema %s: %w", f, err)
		}
		s.raw[f] = doc
	}
	for _, name := range resourceTypes {
		t := &Type{Name: name, owner: s}
		doc, _ := s.raw[name+".json"].(map[string]any)
		if ref, ok := doc["$ref"].(string); ok {
			if file, _, ok := strings.Cut(ref, "#"); ok && file != "" {
				t.Base = strings.TrimSuffix(file, ".json")
			}
		}
		props, _ := doc["properties"].(map[string]any)
		for p := range props {
			if !payload.IsAnnotation(p) {
				t.Own = append(t.Own, p)
			}
		}
		slices.Sort(t.Own)
		if base := s.Type(t.Base); base != nil {
			t.Properties = slices.Clone(base.Properties)
		} else if defs, ok := s.keyword(schemas.BaseURL + name + ".json#/$defs/members/properties").(map[string]any); ok {
			// A base type keeps its properties open under $defs/members.
			for p := range defs {
				t.Own = append(t.Own, p)
			}
			slices.Sort(t.Own)
		}
		t.Properties = append(t.Properties, t.Own...)
		t.fast, _ = s.compileFast(name) // without one, v5 checks everything
		s.types = append(s.types, t)
	}
	return s, nil
}

// compile compiles every resource type's schema with jsonschema/v5. It
// runs on first need only: a run whose resources all pass the fast path
// never pays for it, which matters for a pre-commit hook checking one file.
func (s *Schemas) compile() (map[string]*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	c.Formats = map[string]func(any) bool{
		"date-time": func(v any) bool {
			str, ok := v.(string)
			return !ok || rfc3339.Problem(str) == ""
		},
	}
	c.LoadURL = loadEmbedded
	out := make(map[string]*jsonschema.Schema, len(resourceTypes))
	for _, name := range resourceTypes {
		sch, err := c.Compile(schemas.BaseURL + name + ".json")
		if err != nil {
			return nil, fmt.Errorf("compiling embedded schema %s: %w", name, err)
		}
		out[name] = sch
	}
	return out, nil
}

// Schema returns the type's schema compiled by jsonschema/v5.
func (t *Type) Schema() (*jsonschema.Schema, error) {
	all, err := t.owner.compiled()
	if err != nil {
		return nil, err
	}
	return all[t.Name], nil
}

// loadEmbedded is the compiler's only loader: it serves the embedded files
// and nothing else, never the network, never the file system, and not
// jsonschema's global loader registry.
func loadEmbedded(url string) (io.ReadCloser, error) {
	name, ok := strings.CutPrefix(url, schemas.BaseURL)
	if ok {
		if b, err := fs.ReadFile(schemas.FS, name); err == nil {
			return io.NopCloser(bytes.NewReader(b)), nil
		}
	}
	return nil, fmt.Errorf("schema %s is not embedded in vppvalidate", url)
}

// infer picks the type of an object that names none and stands where no
// type is declared: the type that documents most of its members, the
// earlier (base) type on a tie. An action result with any revoke-only
// property is thus a vppTokenRevokeLicensesActionResult, one without is a
// vppTokenActionResult, and an object with vppToken's members a vppToken.
func (s *Schemas) infer(v *jsonpos.Value) *Type {
	best, bestScore := s.types[0], -1
	for _, t := range s.types {
		score := 0
		for _, m := range v.Members {
			if slices.Contains(t.Properties, m.Name) {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = t, score
		}
	}
	return best
}

// Types lists the resource types, base types first.
func (s *Schemas) Types() []*Type { return slices.Clone(s.types) }

// Type returns the type called name, or nil.
func (s *Schemas) Type(name string) *Type {
	for _, t := range s.types {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// derives reports whether t is base or derives from it.
func (s *Schemas) derives(t *Type, base string) bool {
	for t != nil {
		if t.Name == base {
			return true
		}
		t = s.Type(t.Base)
	}
	return false
}

// keyword returns the value found at an absolute keyword location such as
// "https://.../edm.json#/$defs/Int32/maximum", read from the embedded
// schema documents, or nil. It lets messages quote what the schema expects
// (enum members, types, bounds) instead of parsing the validator's strings.
func (s *Schemas) keyword(loc string) any {
	rest, ok := strings.CutPrefix(loc, schemas.BaseURL)
	if !ok {
		return nil
	}
	file, ptr, _ := strings.Cut(rest, "#")
	v, ok := s.raw[file]
	if !ok {
		return nil
	}
	for _, tok := range jsonpos.SplitPointer(ptr) {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[tok]
	}
	return v
}
