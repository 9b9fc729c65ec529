package validate

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// The documented model (Graph beta metadata), written out independently of
// the schemas so that a test notices when either drifts.
type modelProp struct {
	name     string
	typ      string // String, Int32, DateTimeOffset, or an enum's name
	nullable bool
}

var (
	enumActionState = []string{"none", "pending", "canceled", "active", "done", "failed", "notSupported"}
	enumFailure     = []string{"none", "appleFailure", "internalError", "expiredVppToken", "expiredApplePushNotificationCertificate"}
	enums           = map[string][]string{
		"actionState": enumActionState, "vppTokenActionFailureReason": enumFailure,
		"vppTokenSyncStatus":  {"none", "inProgress", "completed", "failed"},
		"vppTokenState":       {"unknown", "valid", "expired", "invalid", "assignedToExternalMDM", "duplicateLocationId"},
		"vppTokenAccountType": {"business", "education"},
	}

	baseProps = []modelProp{
		{"actionName", "String", true},
		{"actionState", "actionState", false},
		{"startDateTime", "DateTimeOffset", false},
		{"lastUpdatedDateTime", "DateTimeOffset", false},
	}
	revokeProps = append(slices.Clone(baseProps),
		modelProp{"totalLicensesCount", "Int32", false},
		modelProp{"failedLicensesCount", "Int32", false},
		modelProp{"actionFailureReason", "vppTokenActionFailureReason", false},
	)
	tokenProps = []modelProp{
		{"id", "String", true},
		{"appleId", "String", true},
		{"countryOrRegion", "String", true},
		{"displayName", "String", true},
		{"locationName", "String", true},
		{"organizationName", "String", true},
		{"token", "String", true},
		{"automaticallyUpdateApps", "Boolean", false},
		{"claimTokenManagementFromExternalMdm", "Boolean", false},
		{"dataSharingConsentGranted", "Boolean", false},
		{"expirationDateTime", "DateTimeOffset", false},
		{"lastModifiedDateTime", "DateTimeOffset", false},
		{"lastSyncDateTime", "DateTimeOffset", false},
		{"lastSyncStatus", "vppTokenSyncStatus", false},
		{"state", "vppTokenState", false},
		{"vppTokenAccountType", "vppTokenAccountType", false},
		{"roleScopeTagIds", "Collection(String)", false},
		{"tokenActionResults", "Collection(vppTokenActionResult)", false},
	}
	model = map[string][]modelProp{
		"vppTokenActionResult":               baseProps,
		"vppTokenRevokeLicensesActionResult": revokeProps,
		"vppToken":                           tokenProps,
	}
	sample = map[string]string{
		"String": `"x"`, "Int32": `7`, "DateTimeOffset": `"2019-01-23T10:15:30.1234567Z"`, "Boolean": `true`,
		"actionState": `"done"`, "vppTokenActionFailureReason": `"none"`,
		"vppTokenSyncStatus": `"completed"`, "vppTokenState": `"valid"`, "vppTokenAccountType": `"business"`,
		"Collection(String)": `["0", "1"]`, "Collection(vppTokenActionResult)": `[]`,
	}
	// schemaRules are the rules the schema check reports; the lint rules
	// have tests of their own.
	schemaRules = []string{"date-time", "duplicate-key", "enum", "int32-range", "missing-property", "odata-type", "syntax", "type", "unknown-property"}
)

// resource builds a complete, valid resource of a model type, with
// overrides (a nil override drops the property).
func resource(typ string, overrides map[string]*string) []byte {
	var parts []string
	parts = append(parts, fmt.Sprintf(`"@odata.type": "#microsoft.graph.%s"`, typ))
	for _, p := range model[typ] {
		v := sample[p.typ]
		if o, ok := overrides[p.name]; ok {
			if o == nil {
				continue
			}
			v = *o
		}
		parts = append(parts, fmt.Sprintf("%q: %s", p.name, v))
	}
	return []byte("{" + strings.Join(parts, ", ") + "}")
}

func findings(t *testing.T, src []byte) []finding.Finding {
	t.Helper()
	v, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return v.Validate("model.json", src, rules.Severities{}).Findings
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

func TestSchemasDeclareTheModel(t *testing.T) {
	s, err := LoadSchemas()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(s.Types()); got != len(model) {
		t.Errorf("%d resource types in the schemas, %d in the model", got, len(model))
	}
	if rt := s.Type("vppTokenRevokeLicensesActionResult"); rt == nil || rt.Base != "vppTokenActionResult" {
		t.Errorf("vppTokenRevokeLicensesActionResult must derive from vppTokenActionResult, got %+v", rt)
	}
	for typ, props := range model {
		tt := s.Type(typ)
		if tt == nil {
			t.Errorf("no schema for %s", typ)
			continue
		}
		var names []string
		for _, p := range props {
			names = append(names, p.name)
		}
		got := slices.Sorted(slices.Values(tt.Properties))
		if want := slices.Sorted(slices.Values(names)); !slices.Equal(got, want) {
			t.Errorf("%s properties: schema has %v, model has %v", typ, got, want)
		}
	}
	for name, values := range enums {
		got, _ := s.keyword("https://vppvalidate.dev/schemas/graph-beta/" + name + ".json#/enum").([]any)
		var gotS []string
		for _, g := range got {
			gotS = append(gotS, fmt.Sprint(g))
		}
		if !slices.Equal(gotS, values) {
			t.Errorf("enum %s: schema has %v, model has %v", name, gotS, values)
		}
	}
}

func TestCompleteResourcesAreValid(t *testing.T) {
	for typ := range model {
		if fs := findings(t, resource(typ, nil)); len(fs) != 0 {
			t.Errorf("%s: %v", typ, rulesOf(fs))
		}
	}
}

// TestPropertyBehaviour checks each property of each type for the model's
// promises: required, nullable or not, its JSON type, its range or members.
func TestPropertyBehaviour(t *testing.T) {
	for typ, props := range model {
		for _, p := range props {
			at := "/" + p.name
			expect := func(what string, override *string, want ...string) {
				t.Helper()
				got := rulesOf(findings(t, resource(typ, map[string]*string{p.name: override})))
				if !slices.Equal(got, want) {
					t.Errorf("%s.%s %s: got %v, want %v", typ, p.name, what, got, want)
				}
			}
			expect("absent", nil, "missing-property ")
			if p.nullable {
				expect("null", ptr("null"))
			} else {
				expect("null", ptr("null"), "type "+at)
			}
			expect("object", ptr(`{}`), "type "+at)
			switch p.typ {
			case "String":
				expect("string", ptr(`"anything at all"`))
				expect("number", ptr(`1`), "type "+at)
			case "Boolean":
				expect("false", ptr(`false`))
				expect("string", ptr(`"true"`), "type "+at)
				expect("number", ptr(`1`), "type "+at)
			case "Collection(String)":
				expect("empty", ptr(`[]`))
				expect("number item", ptr(`["a", 1]`), "type "+at+"/1")
				expect("string", ptr(`"a"`), "type "+at)
			case "Collection(vppTokenActionResult)":
				expect("string", ptr(`"a"`), "type "+at)
			case "Int32":
				expect("max", ptr(`2147483647`))
				expect("min", ptr(`-2147483648`))
				expect("max+1", ptr(`2147483648`), "int32-range "+at)
				expect("min-1", ptr(`-2147483649`), "int32-range "+at)
				expect("huge", ptr(`99999999999999999999`), "int32-range "+at)
				expect("fraction", ptr(`1.5`), "type "+at)
				expect("string", ptr(`"7"`), "type "+at)
			case "DateTimeOffset":
				expect("no zone", ptr(`"2019-01-23T10:15:30"`), "date-time "+at)
				expect("signed hour", ptr(`"2024-01-01T+1:00:00Z"`), "date-time "+at)
				expect("number", ptr(`0`), "type "+at)
			default:
				for _, v := range enums[p.typ] {
					b, _ := json.Marshal(v)
					expect("member "+v, ptr(string(b)))
					up, _ := json.Marshal(strings.ToUpper(v[:1]) + v[1:])
					expect("capitalised "+v, ptr(string(up)), "enum "+at)
				}
				expect("flags", ptr(`"failed,done"`), "enum "+at)
				expect("number", ptr(`1`), "type "+at)
			}
		}
	}
}

func TestAnnotationsAreNeverUnknown(t *testing.T) {
	src := resource("vppTokenActionResult", map[string]*string{"actionName": ptr(`"x", "@odata.etag": "W/1", "actionState@odata.type": "#microsoft.graph.actionState", "x@y": 1`)})
	if fs := findings(t, src); len(fs) != 0 {
		t.Errorf("%v", rulesOf(fs))
	}
}

func TestLoaderServesOnlyEmbeddedSchemas(t *testing.T) {
	if r, err := loadEmbedded("https://vppvalidate.dev/schemas/graph-beta/edm.json"); err != nil {
		t.Errorf("embedded schema refused: %v", err)
	} else {
		r.Close()
	}
	for _, url := range []string{
		"https://json-schema.org/draft/2020-12/schema",
		"https://vppvalidate.dev/schemas/graph-beta/missing.json",
		"file:///etc/passwd",
		"https://vppvalidate.dev/schemas/graph-beta/../../../etc/passwd",
	} {
		if _, err := loadEmbedded(url); err == nil {
			t.Errorf("%s was served", url)
		}
	}
}

func TestEmbeddedSchemasCompile(t *testing.T) {
	s, err := LoadSchemas()
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range s.Types() {
		if sch, err := typ.Schema(); err != nil || sch == nil {
			t.Errorf("%s: %v", typ.Name, err)
		}
	}
}
