package validate

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

func TestTypeResolution(t *testing.T) {
	const (
		base    = `"actionName": "a", "actionState": "done", "startDateTime": "2019-01-23T10:15:30Z", "lastUpdatedDateTime": "2019-01-23T10:15:30Z"`
		revoke  = base + `, "totalLicensesCount": 1, "failedLicensesCount": 0, "actionFailureReason": "none"`
		odBase  = `"@odata.type": "#microsoft.graph.vppTokenActionResult", `
		odRev   = `"@odata.type": "#microsoft.graph.vppTokenRevokeLicensesActionResult", `
		revName = "vppTokenRevokeLicensesActionResult"
	)
	cases := []struct {
		name   string
		forced string
		src    string
		want   []string // rule pointer
	}{
		{"inferred base", "", `{` + base + `}`, nil},
		{"inferred revoke from any own property", "", `{` + base + `, "failedLicensesCount": 0}`,
			[]string{"missing-property ", "missing-property "}},
		{"odata-type base with revoke members", "", `{` + odBase + revoke + `}`,
			[]string{"unknown-property /actionFailureReason", "unknown-property /failedLicensesCount", "unknown-property /totalLicensesCount"}},
		{"forced revoke, untyped", revName, `{` + base + `}`,
			[]string{"missing-property ", "missing-property ", "missing-property "}},
		{"forced base accepts a derived @odata.type", "vppTokenActionResult", `{` + odRev + revoke + `}`, nil},
		{"forced derived refuses the base @odata.type", revName, `{` + odBase + revoke + `}`,
			[]string{"odata-type /@odata.type"}},
		{"forced with OData prefix", "#microsoft.graph." + revName, `{` + revoke + `}`, nil},
		{"unknown type still checks the rest", "", `{"@odata.type": "#microsoft.graph.nope", ` + base + `, "actionState": "x"}`,
			[]string{"odata-type /@odata.type", "duplicate-key /actionState", "enum /actionState"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := New(Options{Type: c.forced})
			if err != nil {
				t.Fatal(err)
			}
			got := rulesOf(v.Validate("r.json", []byte(c.src), rules.Severities{}).Findings)
			slices.Sort(got)
			want := slices.Sorted(slices.Values(c.want))
			if !slices.Equal(got, want) {
				t.Errorf("got %v\nwant %v", got, want)
			}
		})
	}
}

func TestUnknownForcedType(t *testing.T) {
	_, err := New(Options{Type: "vppTokenRevokeLicenseActionResult"})
	if err == nil || !strings.Contains(err.Error(), `did you mean "vppTokenRevokeLicensesActionResult"?`) {
		t.Errorf("got %v", err)
	}
}

func TestSeveritiesApply(t *testing.T) {
	v, _ := New(Options{})
	src := []byte(`{"actionName": "a", "actionState": "done", "startDateTime": "2019-01-23T10:15:30Z", "lastUpdatedDateTime": "2019-01-23T10:15:30Z", "extra": 1}`)
	var sev rules.Severities
	fs := v.Validate("x.json", src, sev).Findings
	if len(fs) != 1 || fs[0].Severity.String() != "warning" {
		t.Fatalf("default: %+v", fs)
	}
	if err := sev.Set(rules.UnknownProperty, finding.Error); err != nil {
		t.Fatal(err)
	}
	if fs := v.Validate("x.json", src, sev).Findings; len(fs) != 1 || fs[0].Severity.String() != "error" {
		t.Errorf("raised: %+v", fs)
	}
	_ = sev.Set(rules.UnknownProperty, finding.Off)
	if fs := v.Validate("x.json", src, sev).Findings; len(fs) != 0 {
		t.Errorf("off: %+v", fs)
	}
	if err := sev.Set("no-such-rule", 1); err == nil {
		t.Error("unknown rule accepted")
	}
}

// TestNotOurs: what is not a VPP payload is one finding, not a flood.
func TestNotOurs(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"package.json", `{"name": "x", "version": "1.0.0", "description": "d", "scripts": {"test": "t"}, "license": "MIT"}`, "not-graph"},
		{"editor settings", `{"editor.formatOnSave": true, "files.exclude": {}}`, "not-graph"},
		{"JSON with comments", "{\n  // a comment\n  \"compilerOptions\": {}\n}", "syntax"},
		{"a context outside the model", `{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#deviceManagement/managedDevices", "value": [{"id": "1", "deviceName": "x"}, {"id": "2"}]}`, "odata-context"},
		{"a partial action result is ours", `{"actionState": "done"}`, "missing-property missing-property missing-property"},
		{"misspelt names are still checked", `{"actionNme": "x", "actionStat": "Failed"}`, "missing-property missing-property missing-property missing-property unknown-property unknown-property"},
		{"one telling member is enough", `{"state": "Valid", "tokenx": "a", "orgName": "b"}`, ""},
		{"a collection item is ours when its names tell a type", `{"value": [{"actionNme": "x", "foo": 1}]}`, ""},
		{"a collection of nothing telling is not ours", `{"value": [{"foo": 1}]}`, "not-graph"},
		{"an empty item in a collection says nothing", `{"value": [{}]}`, "not-graph"},
		// Not a guess at the smallest type, iosDeviceType: its two
		// properties were reported missing.
		{"an item whose type nothing tells after one that is ours", `{"value": [{"actionState": "done"}, {"foo": 1}]}`, "missing-property missing-property missing-property odata-type"},
		{"an item whose type nothing tells under a context", `{"@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/mobileApps", "value": [{"foo": 1}]}`, "odata-type"},
		{"a near miss outside the declared type does not tell it", `{"@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/mobileApps", "value": [{"actionStat": "x"}]}`, "odata-type"},
	}
	v, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		fs := v.Validate("x.json", []byte(c.src), rules.Severities{}).Findings
		var got []string
		for _, f := range fs {
			got = append(got, f.Rule)
		}
		if c.want == "" && (len(got) == 0 || slices.Contains(got, "not-graph")) || c.want != "" && strings.Join(got, " ") != c.want {
			t.Errorf("%s: got %v, want %s", c.name, fs, c.want)
		}
		if c.want == "syntax" && !strings.Contains(fs[0].Message, "JSON has no comments") {
			t.Errorf("%s: no hint about comments in %q", c.name, fs[0].Message)
		}
	}
}

// TestAbstractTypeOnBothPaths: a flat object naming an abstract type is
// an odata-type error whether the quick path or the full path sees it.
func TestAbstractTypeOnBothPaths(t *testing.T) {
	src := []byte(`[{"@odata.type": "#microsoft.graph.entity", "id": "x"}]`)
	for _, slow := range []bool{false, true} {
		v, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		v.slow = slow
		fs := v.Validate("x.json", src, rules.Severities{}).Findings
		if !slices.ContainsFunc(fs, func(f finding.Finding) bool { return f.Rule == "odata-type" }) {
			t.Errorf("slow=%v: %v, want an odata-type finding", slow, fs)
		}
	}
}

// TestAbstractWithoutODataType: an item of mobileApps (abstract mobileApp)
// in a payload with a context names its derived type; without a context
// (metadata=none, or --type given) it need not. Both paths agree.
func TestAbstractWithoutODataType(t *testing.T) {
	const apps = `{"@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/mobileApps", "value": [%s]}`
	const ios = `"id": "x", "applicableDeviceType": {"iPad": true, "iPhoneAndIPod": true}`
	cases := []struct {
		src, typ string
		want     int // odata-type findings
	}{
		{fmt.Sprintf(apps, "{"+ios+"}"), "", 1},
		{fmt.Sprintf(apps, `{"@odata.type": "#microsoft.graph.iosVppApp", `+ios+"}"), "", 0},
		{`{"value": [{` + ios + `}]}`, "mobileApp", 0},
	}
	for _, slow := range []bool{false, true} {
		for _, c := range cases {
			v, err := New(Options{Type: c.typ})
			if err != nil {
				t.Fatal(err)
			}
			v.slow = slow
			fs := v.Validate("x.json", []byte(c.src), rules.Severities{}).Findings
			n := 0
			for _, f := range fs {
				if f.Rule == "odata-type" {
					n++
					if !strings.Contains(f.Message, "mobileApp is abstract") || !strings.Contains(f.Message, "checked as iosVppApp") || f.Pointer != "/value/0" {
						t.Errorf("slow=%v %s: %v", slow, c.src, f)
					}
				}
			}
			if n != c.want {
				t.Errorf("slow=%v %s (--type %q): %d odata-type findings, want %d: %v", slow, c.src, c.typ, n, c.want, fs)
			}
		}
	}
}

// TestBadODataTypeCheckedAsItSays: an object whose @odata.type cannot be
// used is checked as one type, and its odata-type finding names that
// type: the one its suggestion names when that type may stand there,
// else the one its members fit best. Its other findings name the same
// type, on the quick path and the full path alike.
func TestBadODataTypeCheckedAsItSays(t *testing.T) {
	const (
		apps    = `{"@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/mobileApps", "value": [{"@odata.type": %q, "id": "x", "displayName": "n"%s}]}`
		ios     = `, "applicableDeviceType": {"iPad": true, "iPhoneAndIPod": true}` // only iosVppApp has it
		results = `{"@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/vppTokens('x')/tokenActionResults", "value": [{"@odata.type": %q, "actionName": "a"%s}]}`
	)
	cases := []struct{ src, odataType, more, as, says string }{
		// A near miss of a type that may stand here (and macOsVppApp,
		// with fewer properties, would win a tie of the members).
		{apps, "#microsoft.graph.iosVppAppX", "", "iosVppApp", `did you mean "#microsoft.graph.iosVppApp"? The object was checked as iosVppApp`},
		{apps, "#iosVppApp", "", "iosVppApp", `did you mean "#microsoft.graph.iosVppApp"? The object was checked as iosVppApp`},
		{apps, "#microsoft.graph.macOsVppAp", "", "macOsVppApp", `did you mean "#microsoft.graph.macOsVppApp"? The object was checked as macOsVppApp`},
		// A near miss that may stand here rather than a nearer one that
		// may not (iosVppAppRevokeLicensesActionResult).
		{results, "#microsoft.graph.vppAppRevokeLicensesActionResult", "", "vppTokenRevokeLicensesActionResult", `did you mean "#microsoft.graph.vppTokenRevokeLicensesActionResult"? The object was checked as vppTokenRevokeLicensesActionResult`},
		// Suggestions that may not stand here: the members decide.
		{apps, "#microsoft.graph.mobileAp", ios, "iosVppApp", `did you mean "#microsoft.graph.mobileApp"? That type is abstract; the object was checked as iosVppApp, the type its members fit best`},
		{apps, "#microsoft.graph.vppTokn", "", "macOsVppApp", `did you mean "#microsoft.graph.vppToken"? That type does not fit here; the object was checked as macOsVppApp, the type its members fit best`},
		{apps, "#microsoft.graph.mobileApp", ios, "iosVppApp", `names an abstract type: a value is always of a type derived from it, such as "#microsoft.graph.iosVppApp", "#microsoft.graph.macOsVppApp"; the object was checked as iosVppApp, the type its members fit best`},
	}
	for _, slow := range []bool{false, true} {
		v, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		v.slow = slow
		for _, c := range cases {
			src := fmt.Sprintf(c.src, c.odataType, c.more)
			var says []string
			missing := 0
			for _, f := range v.Validate("x.json", []byte(src), rules.Severities{}).Findings {
				switch f.Rule {
				case rules.ODataType:
					says = append(says, f.Message)
				case rules.MissingProperty:
					missing++
					if !strings.Contains(f.Message, ": "+c.as+" documents it") {
						t.Errorf("slow=%v %s: %q, want findings of %s", slow, c.odataType, f.Message, c.as)
					}
				}
			}
			if len(says) != 1 || !strings.HasSuffix(says[0], c.says) || missing == 0 {
				t.Errorf("slow=%v %s: odata-type findings %q and %d missing properties, want one ending %q and some", slow, c.odataType, says, missing, c.says)
			}
		}
	}
}
