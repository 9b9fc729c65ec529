package validate

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// schemaRules are the rules the schema check reports; the lint rules
// have tests of their own.
var schemaRules = []string{"date-time", "duplicate-key", "enum", "int32-range", "missing-property", "odata-type", "syntax", "type", "unknown-property"}

// sample returns a valid JSON value for one value of a property.
func sample(p *model.Property) string {
	if p.Elem != nil {
		switch {
		case p.Elem.Kind == model.Enum:
			return fmt.Sprintf("%q", p.Elem.Members[0])
		case p.Navigation:
			return "{}"
		default:
			return resourceOf(p.Elem, nil)
		}
	}
	switch p.Type {
	case "Edm.String":
		return `"x"`
	case "Edm.Boolean":
		return "true"
	case "Edm.Int32", "Edm.Int64":
		return "7"
	case "Edm.DateTimeOffset":
		return `"2019-01-23T10:15:30.1234567Z"`
	case "Edm.Binary":
		return `"iVBORw0KGgo="`
	}
	panic("no sample for " + p.Type)
}

func sampleOf(p *model.Property) string {
	if p.Collection {
		return "[" + sample(p) + "]"
	}
	return sample(p)
}

// resourceOf builds a complete, valid resource of a type, with overrides
// (a nil override drops the property). An abstract type gets its first
// concrete derived type.
func resourceOf(typ *model.Type, overrides map[string]*string) string {
	for typ.Abstract {
		typ = typ.Derived[0]
	}
	parts := []string{fmt.Sprintf(`"@odata.type": %q`, typ.ODataType())}
	for _, p := range typ.Structural() {
		v := sampleOf(p)
		if o, ok := overrides[p.Name]; ok {
			if o == nil {
				continue
			}
			v = *o
		}
		parts = append(parts, fmt.Sprintf("%q: %s", p.Name, v))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func findingsIn(t *testing.T, version string, src string) []finding.Finding {
	t.Helper()
	v, err := New(Options{Version: version})
	if err != nil {
		t.Fatal(err)
	}
	return v.Validate("model.json", []byte(src), rules.Severities{}).Findings
}

// rulesOf lists the schema findings as "rule pointer".
func rulesOf(fs []finding.Finding) []string {
	var ids []string
	for _, f := range fs {
		if slices.Contains(schemaRules, f.Rule) {
			ids = append(ids, f.Rule+" "+f.Pointer)
		}
	}
	return ids
}

func ptr(s string) *string { return &s }

// concrete lists the structured, non-abstract types of a version.
func concrete(version string) []*model.Type {
	var out []*model.Type
	for _, t := range model.Get(version).Structured() {
		if !t.Abstract {
			out = append(out, t)
		}
	}
	return out
}

func TestSchemasDeclareTheModel(t *testing.T) {
	for _, version := range model.Versions() {
		s, err := LoadSchemas(version)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(s.Types()), len(s.Model.Structured()); got != want {
			t.Errorf("%s: %d compiled types, the model has %d structured types", version, got, want)
		}
		for _, mt := range s.Model.Types {
			if mt.Kind != model.Enum || mt.Flags {
				continue
			}
			got, _ := s.keyword(s.url(mt.Name+".json", "/enum")).([]any)
			var gotS []string
			for _, g := range got {
				gotS = append(gotS, fmt.Sprint(g))
			}
			if !slices.Equal(gotS, mt.Members) {
				t.Errorf("%s enum %s: schema has %v, model has %v", version, mt.Name, gotS, mt.Members)
			}
		}
	}
}

func TestCompleteResourcesAreValid(t *testing.T) {
	for _, version := range model.Versions() {
		for _, typ := range concrete(version) {
			if fs := findingsIn(t, version, resourceOf(typ, nil)); len(fs) != 0 {
				t.Errorf("%s %s: %v", version, typ.Name, fs)
			}
		}
	}
}

// TestPropertyBehaviour checks each property of each type of each version
// for the model's promises: required, nullable or not, its JSON type, its
// range or members.
func TestPropertyBehaviour(t *testing.T) {
	for _, version := range model.Versions() {
		for _, typ := range concrete(version) {
			for _, p := range typ.Structural() {
				at := "/" + p.Name
				expect := func(what string, override *string, want ...string) {
					t.Helper()
					got := rulesOf(findingsIn(t, version, resourceOf(typ, map[string]*string{p.Name: override})))
					if !slices.Equal(got, want) {
						t.Errorf("%s %s.%s %s: got %v, want %v", version, typ.Name, p.Name, what, got, want)
					}
				}
				expect("absent", nil, "missing-property ")
				if p.Collection {
					expect("null collection", ptr("null"), "type "+at)
					expect("empty", ptr("[]"))
					expect("string", ptr(`"a"`), "type "+at)
					if p.Nullable {
						expect("null item", ptr("[null]"))
					} else {
						expect("null item", ptr("[null]"), "type "+at+"/0")
					}
					continue
				}
				if p.Nullable {
					expect("null", ptr("null"))
				} else {
					expect("null", ptr("null"), "type "+at)
				}
				if p.Elem != nil && p.Elem.Kind != model.Enum {
					expect("string", ptr(`"a"`), "type "+at)
					continue
				}
				expect("object", ptr(`{}`), "type "+at)
				switch {
				case p.Elem != nil && p.Elem.Flags:
					expect("two members", ptr(fmt.Sprintf("%q", strings.Join(p.Elem.Members[1:], ","))))
					expect("unknown member", ptr(`"nope"`), "enum "+at)
				case p.Elem != nil:
					for _, v := range p.Elem.Members {
						b, _ := json.Marshal(v)
						expect("member "+v, ptr(string(b)))
						up, _ := json.Marshal(strings.ToUpper(v[:1]) + v[1:])
						expect("capitalised "+v, ptr(string(up)), "enum "+at)
					}
					expect("flags", ptr(fmt.Sprintf("%q", p.Elem.Members[0]+","+p.Elem.Members[1])), "enum "+at)
					expect("number", ptr(`1`), "type "+at)
				case p.Type == "Edm.String":
					expect("string", ptr(`"anything at all"`))
					expect("number", ptr(`1`), "type "+at)
				case p.Type == "Edm.Boolean":
					expect("false", ptr(`false`))
					expect("string", ptr(`"true"`), "type "+at)
					expect("number", ptr(`1`), "type "+at)
				case p.Type == "Edm.Int32":
					expect("max", ptr(`2147483647`))
					expect("min", ptr(`-2147483648`))
					expect("max+1", ptr(`2147483648`), "int32-range "+at)
					expect("min-1", ptr(`-2147483649`), "int32-range "+at)
					expect("huge", ptr(`99999999999999999999`), "int32-range "+at)
					expect("fraction", ptr(`1.5`), "type "+at)
					expect("string", ptr(`"7"`), "type "+at)
				case p.Type == "Edm.DateTimeOffset":
					expect("no zone", ptr(`"2019-01-23T10:15:30"`), "date-time "+at)
					expect("signed hour", ptr(`"2024-01-01T+1:00:00Z"`), "date-time "+at)
					expect("number", ptr(`0`), "type "+at)
				case p.Type == "Edm.Binary":
					expect("standard alphabet", ptr(`"ab+/cQ=="`))
					expect("URL-safe alphabet", ptr(`"ab-_cQ"`))
					expect("three characters", ptr(`"YWI="`))
					// OData's ABNF: the last character sets no bit past the data.
					expect("non-canonical, two characters", ptr(`"YR=="`), "type "+at)
					expect("non-canonical, unpadded", ptr(`"ab-_cd"`), "type "+at)
					expect("non-canonical, three characters", ptr(`"YWJ="`), "type "+at)
					expect("not base64", ptr(`"not base64!"`), "type "+at)
					expect("padding inside", ptr(`"ab==cd=="`), "type "+at)
				default:
					t.Errorf("%s.%s: no behaviour test for %s", typ.Name, p.Name, p.Type)
				}
			}
		}
	}
}

func TestAnnotationsAreNeverUnknown(t *testing.T) {
	typ := model.Get("beta").Type("vppTokenActionResult")
	src := resourceOf(typ, map[string]*string{"actionName": ptr(`"x", "@odata.etag": "W/1", "actionState@odata.type": "#microsoft.graph.actionState", "x@y": 1`)})
	if fs := findingsIn(t, "beta", src); len(fs) != 0 {
		t.Errorf("%v", rulesOf(fs))
	}
}

func TestLoaderServesOnlyEmbeddedSchemas(t *testing.T) {
	if r, err := loadEmbedded("https://vppvalidate.dev/schemas/graph/beta/edm.json"); err != nil {
		t.Errorf("embedded schema refused: %v", err)
	} else {
		r.Close()
	}
	for _, url := range []string{
		"https://json-schema.org/draft/2020-12/schema",
		"https://vppvalidate.dev/schemas/graph/beta/missing.json",
		"file:///etc/passwd",
		"https://vppvalidate.dev/schemas/graph/beta/../../../etc/passwd",
	} {
		if _, err := loadEmbedded(url); err == nil {
			t.Errorf("%s was served", url)
		}
	}
}

func TestEmbeddedSchemasCompile(t *testing.T) {
	for _, version := range model.Versions() {
		s, err := LoadSchemas(version)
		if err != nil {
			t.Fatal(err)
		}
		for _, typ := range s.Types() {
			if sch, err := typ.Schema(); err != nil || sch == nil {
				t.Errorf("%s %s: %v", version, typ.Name, err)
			}
		}
	}
}

// TestFlagsSuggestion: a flags enum value with a misspelt member gets the
// value with the closest members, as a plain enum gets the closest one.
func TestFlagsSuggestion(t *testing.T) {
	members := []string{"none", "companyPortal", "privateStore"}
	for in, want := range map[string]string{
		"CompanyPortal":               "companyPortal",
		"CompanyPortal,privatestore":  "companyPortal,privateStore",
		"companyPortal,privateStore":  "",
		"companyPortal,xyzzy":         "",
		"companyportal, privateStore": "companyPortal,privateStore",
	} {
		if got := closestFlags(rules.Value{Kind: jsonpos.String, Text: in}, members); got != want {
			t.Errorf("%q: suggested %q, want %q", in, got, want)
		}
	}
}
