package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/rfc3339"
	"github.com/vppvalidate/vppvalidate/internal/rules"
	"github.com/vppvalidate/vppvalidate/schemas"
)

// Type is a structured Graph type that a resource can have, in one API
// version, with its compiled checks.
type Type struct {
	Name  string      // for example "vppTokenRevokeLicensesActionResult"
	Model *model.Type // what the model says of it

	owner *Schemas
	// fast proves valid resources valid without v5; nil when the schema
	// uses something it does not understand. It is compiled on first use:
	// a run over one file meets few types.
	fast     *fastType
	fastOnce sync.Once
}

// fastCheck returns the type's fast check, made on first use from the
// tables compiled ahead of time (generatedFast), or compiled from the
// embedded schema for a type they lack; nil means v5 checks everything.
func (t *Type) fastCheck() *fastType {
	t.fastOnce.Do(func() {
		var ok bool
		if t.fast, ok = generatedFast(t.owner.Version, t.Name); !ok {
			t.fast, _ = t.owner.compileFast(t.Name)
		}
		if t.fast != nil {
			t.fast.index()
		}
	})
	return t.fast
}

// documents tells whether prop is one of the type's properties.
func (t *Type) documents(prop string) bool { return t.Model.Property(prop) != nil }

// ODataType is the value Graph sends in @odata.type for this type.
func (t *Type) ODataType() string { return t.Model.ODataType() }

// Schemas is the compiled, embedded schema set of one API version.
type Schemas struct {
	Version  string
	Model    *model.Model
	base     string // $id prefix of the version's files
	compiled func() (map[string]*jsonschema.Schema, error)
	types    []*Type // the structured types, sorted by name
	// files are the version's schema documents by file name, each parsed
	// on first need.
	files map[string]*lazyDoc
	// typeNames lists the structured types' names, in types' order.
	typeNames func() []string
	// verdicts remembers what @odata.type strings say (typeVerdict),
	// nearMemo which types a name is a near miss for (near).
	verdicts memo[verdictKey, typeVerdict]
	nearMemo memo[string, uint64]
	// keywords and labels remember keyword and label by location.
	keywords memo[string, any]
	labels   memo[string, string]
	// properties remembers the schemas of single properties
	// (PropertySchema), by declaring type and name.
	properties memo[string, compiledSchema]
	// documentedBy maps each property name to the types that document
	// it, bit i for types[i].
	documentedBy func() map[string]uint64
}

// lazyDoc is one embedded schema document, parsed once when first read.
type lazyDoc struct {
	once sync.Once
	doc  any
}

// doc returns the parsed schema document called file ("vppToken.json"),
// or nil when the version has none. The embedded files are checked by
// the tests; one that does not parse reads as nil.
func (s *Schemas) doc(file string) any {
	ld := s.files[file]
	if ld == nil {
		return nil
	}
	ld.once.Do(func() {
		b, err := fs.ReadFile(schemas.FS, s.Version+"/"+file)
		if err != nil {
			return
		}
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber()
		_ = d.Decode(&ld.doc)
	})
	return ld.doc
}

var loaders = func() map[string]func() (*Schemas, error) {
	out := map[string]func() (*Schemas, error){}
	for _, v := range model.Versions() {
		out[v] = sync.OnceValues(func() (*Schemas, error) { return loadSchemas(v) })
	}
	return out
}()

// LoadSchemas returns the schemas of an API version ("v1.0" or "beta"),
// compiled once per process and shared by every caller (they are
// read-only). It fails for a version the model does not know, and when
// the embedded schemas do not match the model (a bug the tests catch).
func LoadSchemas(version string) (*Schemas, error) {
	load, ok := loaders[version]
	if !ok {
		return nil, fmt.Errorf("unknown Graph version %q (known: %s)", version, strings.Join(model.Versions(), ", "))
	}
	return load()
}

func loadSchemas(version string) (*Schemas, error) {
	m := model.Get(version)
	s := &Schemas{Version: version, Model: m, base: schemas.BaseURL + version + "/"}
	s.compiled = sync.OnceValues(s.compile)
	s.typeNames = sync.OnceValue(func() []string {
		out := make([]string, len(s.types))
		for i, t := range s.types {
			out[i] = t.Name
		}
		return out
	})
	s.documentedBy = sync.OnceValue(func() map[string]uint64 {
		by := map[string]uint64{}
		for i, t := range s.types {
			for _, p := range t.Model.Properties {
				by[p.Name] |= 1 << i
			}
		}
		return by
	})
	// ReadDir rather than Glob: this runs on a one-file run's start-up,
	// and matching a pattern against each name cost more than the rest.
	entries, err := fs.ReadDir(schemas.FS, version)
	if err != nil {
		return nil, err
	}
	docs := make([]lazyDoc, len(entries))
	s.files = make(map[string]*lazyDoc, len(entries))
	for i, e := range entries {
		if name := e.Name(); !e.IsDir() && strings.HasSuffix(name, ".json") {
			s.files[name] = &docs[i]
		}
	}
	for _, mt := range m.Structured() {
		if s.files[mt.Name+".json"] == nil {
			return nil, fmt.Errorf("the embedded %s schemas lack %s.json", version, mt.Name)
		}
		s.types = append(s.types, &Type{Name: mt.Name, Model: mt, owner: s})
	}
	if len(s.types) > 64 {
		// infer counts in a 64-bit set; the Apple VPP slice has 18 types.
		return nil, fmt.Errorf("the %s model has %d structured types, more than 64", version, len(s.types))
	}
	return s, nil
}

// compile compiles every structured type's schema with jsonschema/v5. It
// runs on first need only: a run whose resources all pass the fast path
// never pays for it, which matters for a pre-commit hook checking one file.
func (s *Schemas) compile() (map[string]*jsonschema.Schema, error) {
	c := newCompiler()
	out := make(map[string]*jsonschema.Schema, len(s.types))
	for _, t := range s.types {
		sch, err := c.Compile(s.base + t.Name + ".json")
		if err != nil {
			return nil, fmt.Errorf("compiling embedded schema %s/%s: %w", s.Version, t.Name, err)
		}
		out[t.Name] = sch
	}
	return out, nil
}

// newCompiler returns a jsonschema/v5 compiler for the embedded schemas:
// draft 2020-12, formats asserted, date-time read as RFC 3339 by
// rfc3339.Problem, nothing loaded but the embedded files.
func newCompiler() *jsonschema.Compiler {
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
	return c
}

// compiledSchema is a schema compiled by jsonschema/v5, or why not.
type compiledSchema struct {
	schema *jsonschema.Schema
	err    error
}

// PropertySchema returns the schema of the property called name that t
// declares itself (not one it inherits: ask the declaring type), compiled
// by jsonschema/v5 from the subschema the type's file gives it
// (#/$defs/members/properties/NAME), once per property. It is what a
// payload holding that property's value alone ({"value": ...}) is
// checked against. The error says that t has no such subschema.
func (t *Type) PropertySchema(name string) (*jsonschema.Schema, error) {
	s := t.owner
	url := s.base + t.Name + ".json#/$defs/members/properties/" + jsonpos.EscapeToken(name)
	c := s.properties.get(url, func(k string) string { return k }, func() compiledSchema {
		sch, err := newCompiler().Compile(url)
		return compiledSchema{sch, err}
	})
	return c.schema, c.err
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
// type is declared: among the concrete types of the version (or those
// deriving from within, when the place declares an abstract type), the
// one that documents most of its members; on a tie the one with fewer
// properties, so that the base type wins over types that only add to it.
// An action result with any revoke-only property is thus a
// vppTokenRevokeLicensesActionResult, one without a vppTokenActionResult.
// It also returns how many members the winner documents.
//
// Every member of every untyped item in a collection asks it, so the
// scores are counted from each name's set of documenting types
// (documentedBy) rather than by asking each type about each name.
func (s *Schemas) infer(names func(yield func(string) bool), within *Type) (*Type, int) {
	var scores [64]int
	documentedBy := s.documentedBy()
	for name := range names {
		tally(&scores, documentedBy[name])
	}
	var best *Type
	bestScore := -1
	for i, t := range s.types {
		if t.Model.Abstract || (within != nil && !t.Model.DerivesFrom(within.Model)) {
			continue
		}
		if sc := scores[i]; sc > bestScore || sc == bestScore && len(t.Model.Properties) < len(best.Model.Properties) {
			best, bestScore = t, sc
		}
	}
	if best == nil {
		return within, 0
	}
	return best, bestScore
}

// tally counts one for each type in set (bit i for Schemas.types[i]).
func tally(scores *[64]int, set uint64) {
	for ; set != 0; set &= set - 1 {
		scores[bits.TrailingZeros64(set)]++
	}
}

// names iterates the member names of an object, as infer reads them.
func names(v rules.View) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		for i := 0; i < v.Len(); i++ {
			if !yield(v.Name(i)) {
				return
			}
		}
	}
}

// Types lists the structured types, sorted by name.
func (s *Schemas) Types() []*Type { return slices.Clone(s.types) }

// Type returns the type called name (qualified or not), or nil.
func (s *Schemas) Type(name string) *Type {
	if s == nil {
		return nil
	}
	name = model.Unqualified(name)
	i, ok := slices.BinarySearchFunc(s.types, name, func(t *Type, n string) int { return strings.Compare(t.Name, n) })
	if !ok {
		return nil
	}
	return s.types[i]
}

// typeOf returns the compiled type of a model type, or nil.
func (s *Schemas) typeOf(mt *model.Type) *Type {
	if mt == nil {
		return nil
	}
	return s.Type(mt.Name)
}

// keyword returns the value found at an absolute keyword location such as
// "https://.../beta/edm.json#/$defs/Int32/maximum", read from the embedded
// schema documents, or nil. It lets messages quote what the schema expects
// (enum members, types, bounds) instead of parsing the validator's strings.
// Each location is looked up once: a systemic mistake words a message
// about the same few keywords for every resource.
func (s *Schemas) keyword(loc string) any {
	return s.keywords.get(loc, strings.Clone, func() any { return s.keywordAt(loc) })
}

// keywordAt is keyword, looked up.
func (s *Schemas) keywordAt(loc string) any {
	rest, ok := strings.CutPrefix(loc, s.base)
	if !ok {
		return nil
	}
	file, ptr, _ := strings.Cut(rest, "#")
	v := s.doc(file)
	if v == nil {
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
