package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// compileBundle compiles a bundled schema with a compiler that can load
// nothing, which proves the bundle is self-contained.
func compileBundle(t *testing.T, name string, b []byte) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat = true
	c.LoadURL = func(url string) (io.ReadCloser, error) { return nil, errors.New("no loading: " + url) }
	if err := c.AddResource("bundle.json", bytes.NewReader(b)); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	sch, err := c.Compile("bundle.json")
	if err != nil {
		t.Fatalf("%s: the bundle does not compile on its own: %v", name, err)
	}
	return sch
}

func decode(t *testing.T, s string) any {
	t.Helper()
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestBundlesStandAlone(t *testing.T) {
	for _, version := range []string{"beta", "v1.0"} {
		testBundles(t, version)
	}
}

func testBundles(t *testing.T, version string) {
	s, err := LoadSchemas(version)
	if err != nil {
		t.Fatal(err)
	}
	names := s.Exportable()
	// The CSDL slices hold 26 types in beta and 12 in v1.0, structured
	// types first, then enums.
	want := map[string]int{"beta": 26, "v1.0": 12}[version]
	if len(names) != want || names[0] != "deviceAppManagement" || names[len(names)-1] != "vppTokenSyncStatus" ||
		!slices.Contains(names, "vppToken") || slices.Contains(names, "edm") {
		t.Errorf("%s exportable: %v", version, names)
	}
	for _, name := range names {
		b, err := s.Bundle(name)
		if err != nil {
			t.Fatal(err)
		}
		var refs func(v any)
		refs = func(v any) {
			switch v := v.(type) {
			case map[string]any:
				if r, ok := v["$ref"].(string); ok && !strings.HasPrefix(r, "#") {
					t.Errorf("%s: the bundle still refers to %s", name, r)
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
		refs(decode(t, string(b)))
		compileBundle(t, name, b)
	}
	if _, err := s.Bundle("edm"); err == nil {
		t.Error("edm is not a type and must not be exportable")
	}
}

// TestBundleAgreesWithEmbeddedSchemas: the exported revoke schema accepts
// and rejects what the embedded one does, including the strict
// date-time (a lenient date-time format is backed by the pattern).
func TestBundleAgreesWithEmbeddedSchemas(t *testing.T) {
	s, _ := LoadSchemas("beta")
	b, _ := s.Bundle("vppTokenRevokeLicensesActionResult")
	bundled := compileBundle(t, "revoke", b)
	embedded, err := s.Type("vppTokenRevokeLicensesActionResult").Schema()
	if err != nil {
		t.Fatal(err)
	}
	good := `{"@odata.type": "#microsoft.graph.vppTokenRevokeLicensesActionResult", "actionName": null, "actionState": "failed",
		"startDateTime": "2019-01-23T10:15:30.1234567Z", "lastUpdatedDateTime": "2019-01-23T10:15:30Z",
		"totalLicensesCount": 2, "failedLicensesCount": 1, "actionFailureReason": "appleFailure", "x@odata.type": "#y"}`
	cases := map[string]bool{
		good: true,
		strings.Replace(good, `"failed"`, `"Failed"`, 1):                                 false,
		strings.Replace(good, `"2019-01-23T10:15:30Z"`, `"2024-01-01T+1:00:00Z"`, 1):     false,
		strings.Replace(good, `"totalLicensesCount": 2`, `"totalLicensesCount": 3e9`, 1): false,
		strings.Replace(good, `"actionName": null, `, ``, 1):                             false,
		strings.Replace(good, `"actionName": null`, `"actionName": null, "extra": 1`, 1): false,
	}
	for doc, valid := range cases {
		v := decode(t, doc)
		if got := bundled.Validate(v) == nil; got != valid {
			t.Errorf("bundle: valid=%v, want %v for %s", got, valid, doc)
		}
		if got := embedded.Validate(v) == nil; got != valid {
			t.Errorf("embedded: valid=%v, want %v for %s", got, valid, doc)
		}
	}
}
