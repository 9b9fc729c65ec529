package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/schemas"
)

// reportSchema compiles the -o json report's schema, as published.
func reportSchema(t *testing.T) (*jsonschema.Schema, map[string]any) {
	t.Helper()
	own, ok := schemas.LookupOwn("report")
	if !ok {
		t.Fatal("no report schema")
	}
	b, err := own.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.LoadURL = schemas.LoadOwn
	s, err := c.Compile(own.ID())
	if err != nil {
		t.Fatal(err)
	}
	return s, doc
}

// full is a report with every member the JSON format can write.
func full() *Report {
	r := sample()
	r.Findings[0].Call = "GET https://graph.microsoft.com/beta/deviceAppManagement/vppTokens"
	r.Unreadable = []Unreadable{{File: "missing.json", Reason: "no such file or directory"}}
	r.Summary.Suppressed, r.Summary.Recorded, r.Summary.Unreadable, r.Summary.Skipped = 1, 2, 1, 3
	return r
}

func decodeJSON(t *testing.T, r *Report) map[string]any {
	t.Helper()
	var b bytes.Buffer
	if err := JSON(&b, r); err != nil {
		t.Fatal(err)
	}
	d := json.NewDecoder(&b)
	d.UseNumber()
	var v map[string]any
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestJSONSchemaFollowsTheTypes keeps the report schema in step with the
// Go types the JSON format writes: every JSON member of Finding,
// Unreadable and Summary is a property of its definition, required
// unless omitempty leaves it out, and the definitions have no other
// properties. The top level is checked on JSON's output.
func TestJSONSchemaFollowsTheTypes(t *testing.T) {
	_, doc := reportSchema(t)
	defs := doc["$defs"].(map[string]any)
	check := func(def string, props map[string]any, required []any, typ reflect.Type) {
		seen := map[string]bool{}
		for i := range typ.NumField() {
			name, opts, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			if name == "-" || !typ.Field(i).IsExported() {
				continue
			}
			seen[name] = true
			if _, ok := props[name]; !ok {
				t.Errorf("the report schema's %s has no property %q, which %s writes", def, name, typ)
			}
			if want := !strings.Contains(opts, "omitempty"); slices.Contains(required, any(name)) != want {
				t.Errorf("the report schema's %s: %q required is %v, want %v", def, name, !want, want)
			}
		}
		for name := range props {
			if !seen[name] {
				t.Errorf("the report schema's %s has %q, which %s does not write", def, name, typ)
			}
		}
	}
	for def, typ := range map[string]reflect.Type{
		"finding":    reflect.TypeFor[finding.Finding](),
		"unreadable": reflect.TypeFor[Unreadable](),
		"summary":    reflect.TypeFor[finding.Summary](),
	} {
		d := defs[def].(map[string]any)
		required, _ := d["required"].([]any)
		check(def, d["properties"].(map[string]any), required, typ)
	}
	top := decodeJSON(t, &Report{})
	props := doc["properties"].(map[string]any)
	required, _ := doc["required"].([]any)
	for name := range top {
		if _, ok := props[name]; !ok || !slices.Contains(required, any(name)) {
			t.Errorf("JSON writes %q, which the report schema does not require", name)
		}
	}
	if len(top) != len(props) {
		t.Errorf("JSON writes %d members, the report schema has %d", len(top), len(props))
	}
}

// TestJSONMatchesSchema: what JSON writes, empty and with every member
// set, is valid against the report schema.
func TestJSONMatchesSchema(t *testing.T) {
	s, _ := reportSchema(t)
	for name, r := range map[string]*Report{"empty": {}, "sample": sample(), "full": full()} {
		if err := s.Validate(decodeJSON(t, r)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestReportSchemaRejectsBrokenReports: the schema is closed and strict
// enough that a report of the wrong shape fails.
func TestReportSchemaRejectsBrokenReports(t *testing.T) {
	s, _ := reportSchema(t)
	for name, breakIt := range map[string]func(r map[string]any){
		"a finding without a line":                             func(r map[string]any) { delete(first(r), "line") },
		"a finding without a rule":                             func(r map[string]any) { delete(first(r), "rule") },
		"a finding with line 0":                                func(r map[string]any) { first(r)["line"] = json.Number("0") },
		"a column that is text":                                func(r map[string]any) { first(r)["column"] = "5" },
		"a finding with a member the schema does not describe": func(r map[string]any) { first(r)["fix"] = "x" },
		"severity off":                                         func(r map[string]any) { first(r)["severity"] = "off" },
		"a rule ID not in kebab-case":                          func(r map[string]any) { first(r)["rule"] = "Time_Order" },
		"a pointer without a slash":                            func(r map[string]any) { first(r)["pointer"] = "value/0" },
		"an empty call":                                        func(r map[string]any) { first(r)["call"] = "" },
		"findings null":                                        func(r map[string]any) { r["findings"] = nil },
		"no unreadable":                                        func(r map[string]any) { delete(r, "unreadable") },
		"an unreadable input without a reason": func(r map[string]any) {
			delete(r["unreadable"].([]any)[0].(map[string]any), "reason")
		},
		"a summary without errors": func(r map[string]any) { delete(r["summary"].(map[string]any), "errors") },
		"suppressed 0":             func(r map[string]any) { r["summary"].(map[string]any)["suppressed"] = json.Number("0") },
		"a negative count":         func(r map[string]any) { r["summary"].(map[string]any)["files"] = json.Number("-1") },
		"a member at the top level the schema does not describe": func(r map[string]any) { r["version"] = "1" },
	} {
		r := decodeJSON(t, full())
		if err := s.Validate(r); err != nil {
			t.Fatalf("the unbroken report fails: %v", err)
		}
		breakIt(r)
		if err := s.Validate(r); err == nil {
			t.Errorf("%s: the report schema accepts it", name)
		}
	}
}

func first(r map[string]any) map[string]any { return r["findings"].([]any)[0].(map[string]any) }
