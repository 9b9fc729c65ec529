package model

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/csdl"
)

// TestFactsFromCSDL checks hand-picked facts, read off the CSDL files in
// ../shared by a person, against the generated model.
func TestFactsFromCSDL(t *testing.T) {
	beta, v1 := Get("beta"), Get("v1.0")
	if beta == nil || v1 == nil {
		t.Fatalf("versions: %v", Versions())
	}
	prop := func(m *Model, typ, name string) *Property {
		t.Helper()
		p := m.Type(typ).Property(name)
		if p == nil {
			t.Fatalf("%s %s.%s: missing", m.Version, typ, name)
		}
		return p
	}
	facts := []struct {
		name string
		ok   bool
	}{
		{"beta vppToken derives from entity", beta.Type("vppToken").Base == beta.Type("entity")},
		{"entity is abstract", beta.Type("entity").Abstract && v1.Type("entity").Abstract},
		{"mobileApp is abstract", beta.Type("mobileApp").Abstract},
		{"entity.id is not nullable", !prop(beta, "vppToken", "id").Nullable && !prop(v1, "vppToken", "id").Nullable},
		{"vppToken.displayName is beta only", beta.Type("vppToken").Property("displayName") != nil && v1.Type("vppToken").Property("displayName") == nil},
		{"vppToken.tokenActionResults is a collection of vppTokenActionResult", prop(beta, "vppToken", "tokenActionResults").Collection && prop(beta, "vppToken", "tokenActionResults").Elem == beta.Type("vppTokenActionResult")},
		{"v1.0 has no vppTokenActionResult", v1.Type("vppTokenActionResult") == nil},
		{"beta vppToken.appleDeviceAppDeliveryProtocolType is not nullable", !prop(beta, "vppToken", "appleDeviceAppDeliveryProtocolType").Nullable},
		{"beta iosVppApp.appleDeviceAppDeliveryProtocolType is nullable", prop(beta, "iosVppApp", "appleDeviceAppDeliveryProtocolType").Nullable},
		{"beta vppTokenState has duplicateLocationId", slices.Contains(beta.Type("vppTokenState").Members, "duplicateLocationId")},
		{"v1.0 vppTokenState lacks duplicateLocationId", !slices.Contains(v1.Type("vppTokenState").Members, "duplicateLocationId")},
		{"actionState has 7 members", len(beta.Type("actionState").Members) == 7},
		{"the portal selection enum is a flags enum", beta.Type("microsoftStoreForBusinessPortalSelectionOptions").Flags},
		{"vppTokenRevokeLicensesActionResult derives from vppTokenActionResult", beta.Type("vppTokenRevokeLicensesActionResult").Base == beta.Type("vppTokenActionResult")},
		{"vppTokenActionResult has one derived type", len(beta.Type("vppTokenActionResult").Derived) == 1},
		{"iosVppApp.assignedLicenses is a contained navigation property", prop(beta, "iosVppApp", "assignedLicenses").Navigation && prop(beta, "iosVppApp", "assignedLicenses").ContainsTarget},
		{"mobileApp.assignments leads outside the model", prop(beta, "iosVppApp", "assignments").Elem == nil},
		{"a navigation collection holds no null", !prop(beta, "iosVppApp", "assignedLicenses").Nullable && !prop(v1, "deviceAppManagement", "vppTokens").Nullable},
		{"mimeContent.value is Edm.Binary", prop(beta, "mimeContent", "value").Type == "Edm.Binary"},
		{"roleScopeTagIds is a collection of strings", prop(beta, "vppToken", "roleScopeTagIds").Collection && prop(beta, "vppToken", "roleScopeTagIds").Type == "Edm.String"},
		{"iosVppAppAssignedDeviceLicense inherits userId", prop(beta, "iosVppAppAssignedDeviceLicense", "userId") != nil},
		{"deviceAppManagement is a singleton", beta.Singleton("deviceAppManagement") != nil && v1.Singleton("deviceAppManagement") != nil},
		{"getLicensesForApp is bound to a vppToken collection", beta.Operation("getLicensesForApp", beta.Type("vppToken"), true) != nil},
		{"license counts are counts", prop(beta, "iosVppApp", "usedLicenseCount").Count && prop(beta, "vppTokenRevokeLicensesActionResult", "failedLicensesCount").Count},
	}
	for _, f := range facts {
		if !f.ok {
			t.Errorf("not so: %s", f.name)
		}
	}
}

// TestModelMatchesSharedCSDL reads Graph's slices from ../shared, as
// published, and checks every property's type and nullability and every
// enum member against the model built into the binary.
func TestModelMatchesSharedCSDL(t *testing.T) {
	for _, src := range []struct{ version, file string }{{"beta", "beta-vpp.xml"}, {"v1.0", "v1.0-vpp.xml"}} {
		f, err := os.Open(filepath.Join("..", "..", "..", "shared", "data", "graph-csdl", src.file))
		if err != nil {
			t.Skipf("shared CSDL not available: %v", err)
		}
		doc, err := csdl.Parse(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		m := Get(src.version)
		s := doc.Schemas[0]
		n := 0
		for _, e := range s.EnumTypes {
			var names []string
			for _, mem := range e.Members {
				names = append(names, mem.Name)
			}
			if got := m.Type(e.Name); got == nil || !slices.Equal(got.Members, names) || got.Flags != e.IsFlags {
				t.Errorf("%s enum %s: model %+v, CSDL %v", src.version, e.Name, got, names)
			}
			n++
		}
		for _, st := range slices.Concat(s.ComplexTypes, s.EntityTypes) {
			typ := m.Type(st.Name)
			if typ == nil {
				t.Errorf("%s: %s missing", src.version, st.Name)
				continue
			}
			n++
			for _, p := range st.Properties {
				got := typ.Property(p.Name)
				elem, coll := csdl.ElemType(p.Type)
				if got == nil || Unqualified(got.Type) != Unqualified(elem) || got.Collection != coll || got.Nullable != csdl.IsNullable(p.Nullable) || got.Navigation {
					t.Errorf("%s %s.%s: model %+v, CSDL %+v", src.version, st.Name, p.Name, got, p)
				}
			}
			for _, p := range st.NavigationProperties {
				if got := typ.Property(p.Name); got == nil || !got.Navigation {
					t.Errorf("%s %s.%s: navigation property missing", src.version, st.Name, p.Name)
				}
			}
			if want := len(st.Properties) + len(st.NavigationProperties); len(typ.Own) != want {
				t.Errorf("%s %s: %d own properties, CSDL has %d", src.version, st.Name, len(typ.Own), want)
			}
		}
		if n != len(m.Types) {
			t.Errorf("%s: model has %d types, CSDL %d", src.version, len(m.Types), n)
		}
	}
}

func TestParseContext(t *testing.T) {
	const b, v1 = "https://graph.microsoft.com/beta/$metadata#", "https://graph.microsoft.com/v1.0/$metadata#"
	tests := []struct {
		url, version, typ string
		coll              bool
		sel, exp          []string
		foreign           string
		problem           bool
	}{
		{url: b + "deviceAppManagement/vppTokens", version: "beta", typ: "vppToken", coll: true},
		{url: v1 + "deviceAppManagement/vppTokens", version: "v1.0", typ: "vppToken", coll: true},
		{url: b + "deviceAppManagement/vppTokens/$entity", version: "beta", typ: "vppToken"},
		// A key as a segment of its own, as request URLs write it.
		{url: b + "deviceAppManagement/vppTokens/9d9b2f0e-1111-2222-3333-444455556666/tokenActionResults", version: "beta", typ: "vppTokenActionResult", coll: true},
		{url: b + "deviceAppManagement/vppTokens/9d9b2f0e-1111-2222-3333-444455556666", version: "beta", typ: "vppToken"},
		{url: b + "deviceAppManagement/vppTokens/abc/tokenActionResults", version: "beta", typ: "vppTokenActionResult", coll: true},
		{url: b + "deviceAppManagement/vppTokens/abc/$entity", version: "beta", typ: "vppToken"},
		{url: b + "deviceAppManagement/mobileApps/9d9b2f0e-1111-2222-3333-444455556666/microsoft.graph.iosVppApp/assignedLicenses", version: "beta", typ: "iosVppAppAssignedLicense", coll: true},
		{url: v1 + "deviceAppManagement/mobileApps/9d9b2f0e-1111-2222-3333-444455556666/microsoft.graph.iosVppApp", version: "v1.0", typ: "iosVppApp"},
		// What a key cannot be told from stays a misspelling: a near miss
		// of a property, a name not followed by more of the path, a
		// property of the other version.
		{url: b + "deviceAppManagement/vppTokens/tokenActionResult", version: "beta", problem: true},
		{url: b + "deviceAppManagement/vppTokens/tokenActionResult/$entity", version: "beta", problem: true},
		{url: b + "deviceAppManagement/vppTokens/abc", version: "beta", problem: true},
		{url: v1 + "deviceAppManagement/vppTokens/tokenActionResults/$entity", version: "v1.0", problem: true},
		{url: b + "deviceAppManagement/vppTokens('a1b2')/tokenActionResults", version: "beta", typ: "vppTokenActionResult", coll: true},
		{url: b + "deviceAppManagement/vppTokens(6e0a6f0c-1111-2222-3333-444455556666)/tokenActionResults", version: "beta", typ: "vppTokenActionResult", coll: true},
		{url: b + "deviceAppManagement/vppTokens(id='x')", version: "beta", typ: "vppToken"},
		{url: b + "deviceAppManagement/vppTokens(id,displayName,state)/$entity", version: "beta", typ: "vppToken", sel: []string{"id", "displayName", "state"}},
		{url: b + "deviceAppManagement/vppTokens(id,displayName)", version: "beta", typ: "vppToken", coll: true, sel: []string{"id", "displayName"}},
		{url: b + "deviceAppManagement/mobileApps", version: "beta", typ: "mobileApp", coll: true},
		{url: b + "deviceAppManagement/mobileApps/microsoft.graph.iosVppApp", version: "beta", typ: "iosVppApp", coll: true},
		{url: b + "deviceAppManagement/mobileApps/graph.macOsVppApp/$entity", version: "beta", typ: "macOsVppApp"},
		{url: b + "deviceAppManagement/mobileApps('x')/microsoft.graph.iosVppApp/revokeLicenseActionResults", version: "beta", typ: "iosVppAppRevokeLicensesActionResult", coll: true},
		{url: b + "deviceAppManagement/mobileApps/microsoft.graph.iosVppApp(id,assignedLicenses(id,userId))", version: "beta", typ: "iosVppApp", coll: true, sel: []string{"id", "assignedLicenses"}, exp: []string{"assignedLicenses"}},
		{url: b + "deviceAppManagement/mobileApps('x')/microsoft.graph.iosVppApp/assignedLicenses", version: "beta", typ: "iosVppAppAssignedLicense", coll: true},
		// Expansions alone are a $expand without a $select: every
		// structural property is there (Graph writes "agreements(files())").
		{url: b + "deviceAppManagement/mobileApps/microsoft.graph.iosVppApp(assignedLicenses())", version: "beta", typ: "iosVppApp", coll: true, exp: []string{"assignedLicenses"}},
		{url: b + "deviceAppManagement/mobileApps/microsoft.graph.iosVppApp(assignedLicenses(userId))/$entity", version: "beta", typ: "iosVppApp", exp: []string{"assignedLicenses"}},
		{url: b + "deviceAppManagement/mobileApps/microsoft.graph.iosVppApp(assignedLicenses+)/$entity", version: "beta", typ: "iosVppApp", exp: []string{"assignedLicenses"}},
		// A complex property with a list of its own still selects.
		{url: b + "deviceAppManagement/vppTokens(tokenActionResults(actionName))", version: "beta", typ: "vppToken", coll: true, sel: []string{"tokenActionResults"}, exp: []string{"tokenActionResults"}},
		{url: b + "Collection(microsoft.graph.vppTokenLicenseSummary)", version: "beta", typ: "vppTokenLicenseSummary", coll: true},
		{url: b + "microsoft.graph.vppToken", version: "beta", typ: "vppToken"},
		{url: b + "graph.vppToken", version: "beta", typ: "vppToken"},
		{url: b + "deviceAppManagement/vppTokens/getLicensesForApp(bundleId='com.x')", version: "beta", typ: "vppTokenLicenseSummary", coll: true},
		{url: "$metadata#deviceAppManagement/vppTokens", version: "beta", typ: "vppToken", coll: true},
		{url: b + "users/$entity", version: "beta", foreign: "users"},
		{url: v1 + "deviceManagement/managedDevices", version: "v1.0", foreign: "deviceManagement"},
		{url: b + "deviceAppManagement/managedEBooks", version: "beta", foreign: "managedEBooks"},
		{url: b + "deviceAppManagement/mobileApps/microsoft.graph.win32LobApp", version: "beta", foreign: "microsoft.graph.win32LobApp"},
		{url: b + "Collection(microsoft.graph.user)", version: "beta", coll: true, foreign: "microsoft.graph.user"},
		{url: v1 + "deviceAppManagement/vppTokens('x')/tokenActionResults", version: "v1.0", problem: true},
		{url: "https://graph.microsoft.com/v2.0/$metadata#deviceAppManagement/vppTokens", version: "beta", problem: true},
		{url: "not a context", version: "beta", problem: true},
		{url: b + "deviceappmanagement/vpptokens", version: "beta", problem: true},
		{url: b + "deviceAppManagement/vppTokens('x", version: "beta", problem: true},
	}
	for _, tt := range tests {
		c := ParseContext(tt.url, "beta")
		typ := ""
		if c.Type != nil {
			typ = c.Type.Name
		}
		if c.Version != tt.version || typ != tt.typ || c.Collection != tt.coll || !slices.Equal(c.Select, tt.sel) ||
			!slices.Equal(c.Expand, tt.exp) || c.Foreign != tt.foreign || (c.Problem != "") != tt.problem {
			t.Errorf("%s:\n got version %q type %q coll %v select %q expand %q foreign %q problem %q\nwant version %q type %q coll %v select %q expand %q foreign %q problem %v",
				tt.url, c.Version, typ, c.Collection, c.Select, c.Expand, c.Foreign, c.Problem,
				tt.version, tt.typ, tt.coll, tt.sel, tt.exp, tt.foreign, tt.problem)
		}
	}
	if c := ParseContext(v1+"deviceAppManagement/vppTokens('x')/tokenActionResults", "beta"); !strings.Contains(c.Problem, "Graph beta has it") {
		t.Errorf("v1.0 tokenActionResults: problem %q does not point at beta", c.Problem)
	}
	if c := ParseContext(b+"deviceAppManagement/vppTokens/tokenActionResult/$entity", "beta"); !strings.Contains(c.Problem, `did you mean "tokenActionResults"?`) || strings.Contains(c.Problem, "v1.0") {
		t.Errorf("misspelt tokenActionResults: problem %q gives no hint, or blames the version", c.Problem)
	}
}

// TestSelectListChecked checks the names in a context URL's select list
// against the model: every form of item the OData ABNF 4.01 allows
// (selectListItem) is accepted where the model has what it names, and a
// name the type lacks is reported, with a hint where one helps.
func TestSelectListChecked(t *testing.T) {
	const b, v1 = "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/", "https://graph.microsoft.com/v1.0/$metadata#deviceAppManagement/"
	for _, url := range []string{
		b + "vppTokens(id,displayName,state)/$entity",
		b + "vppTokens(*)",
		b + "vppTokens(id,microsoft.graph.*)",                          // every operation of the namespace
		b + "vppTokens(id,microsoft.graph.syncLicenses)",               // an action
		b + "vppTokens(id,graph.getLicensesForApp(bundleId))",          // a function, by its parameter names
		b + "vppTokens(id,tokenActionResults(actionName,actionState))", // a nested select list
		b + "vppTokens(id,tokenActionResults/actionName)",              // a path into a complex property
		b + "vppTokens(tokenActionResults/microsoft.graph.vppTokenRevokeLicensesActionResult/totalLicensesCount)",
		b + "vppTokens(id,@odata.etag)",                                                    // an annotation
		b + "mobileApps(id,microsoft.graph.iosVppApp/bundleId,graph.macOsVppApp/bundleId)", // a derived type's property
		b + "mobileApps(id,microsoft.graph.win32LobApp/fileName)",                          // a type the model does not keep
		b + "mobileApps/microsoft.graph.iosVppApp(id,assignedLicenses(id,userId))",
		b + "mobileApps/microsoft.graph.iosVppApp(id,assignedLicenses+)", // OData 4.0's expanded navigation
		b + "mobileApps/microsoft.graph.iosVppApp(id,assignedLicenses+(id))",
		b + "mobileApps/microsoft.graph.iosVppApp(id,assignedLicenses())",
		b + "mobileApps/microsoft.graph.iosVppApp(largeIcon/type,categories(id,anything))", // categories leads outside the model
		"https://graph.microsoft.com/beta/$metadata#microsoft.graph.vppToken(id,state)",
		v1 + "vppTokens(id,state)",
	} {
		if c := ParseContext(url, "beta"); c.Problem != "" || c.Foreign != "" || c.SelectProblem != "" {
			t.Errorf("%s: problem %q foreign %q select problem %q, want none", url, c.Problem, c.Foreign, c.SelectProblem)
		}
	}
	for _, tt := range []struct{ url, want string }{
		{b + "vppTokens(id,bogus)", `vppToken has no property "bogus"`},
		{b + "vppTokens(id,displayNme)", `vppToken has no property "displayNme" (did you mean "displayName"?)`},
		{v1 + "vppTokens(id,displayName,tokenActionResults)", `vppToken has no property "displayName"; vppToken has no property "tokenActionResults"; Graph beta has what it names, so the capture may come from the other endpoint`},
		{b + "mobileApps(id,bundleId)", `mobileApp has no property "bundleId" (iosVppApp and macOsVppApp have it: select it as microsoft.graph.iosVppApp/bundleId)`},
		{b + "mobileApps(microsoft.graph.iosVppAp/bundleId)", `there is no type "microsoft.graph.iosVppAp" (did you mean "microsoft.graph.iosVppApp"?)`},
		{b + "mobileApps(microsoft.graph.vppToken/id)", `vppToken does not derive from mobileApp`},
		{b + "mobileApps(microsoft.graph.iosVppApp/bundleIds)", `iosVppApp has no property "bundleIds" (did you mean "bundleId"?)`},
		{b + "mobileApps/microsoft.graph.iosVppApp(assignedLicenses(id,bogus))", `iosVppAppAssignedLicense has no property "bogus"`},
		{b + "vppTokens(id,tokenActionResults(actionStat))", `vppTokenActionResult has no property "actionStat" (did you mean "actionState"?)`},
		{b + "mobileApps/microsoft.graph.iosVppApp(largeIcon/typo)", `mimeContent has no property "typo" (did you mean "type"?)`},
		{b + "vppTokens(tokenActionResults/microsoft.graph.vppTokenLicenseSummary/x)", `vppTokenLicenseSummary does not derive from vppTokenActionResult`},
		{v1 + "mobileApps(microsoft.graph.macOsVppApp/bundleId)", `there is no type "microsoft.graph.macOsVppApp"; Graph beta has what it names, so the capture may come from the other endpoint`},
	} {
		c := ParseContext(tt.url, "beta")
		if c.SelectProblem != tt.want || c.Type == nil || c.Problem != "" {
			t.Errorf("%s:\n got select problem %q (type %v, problem %q)\nwant %q", tt.url, c.SelectProblem, c.Type != nil, c.Problem, tt.want)
		}
	}
	// A name from the input is quoted clipped, as every message quotes it.
	if c := ParseContext(b+"vppTokens(id,"+strings.Repeat("x", 5000)+")", "beta"); c.SelectProblem == "" || len(c.SelectProblem) > 200 {
		t.Errorf("a long unknown name: select problem of %d bytes", len(c.SelectProblem))
	}
}

func TestParseURL(t *testing.T) {
	const b, v1 = "https://graph.microsoft.com/beta/", "https://graph.microsoft.com/v1.0/"
	tests := []struct {
		url, version, typ string
		coll, batch       bool
		sel, exp          []string
		foreign           string
		problem           bool
	}{
		{url: b + "deviceAppManagement/vppTokens", version: "beta", typ: "vppToken", coll: true},
		{url: v1 + "deviceAppManagement/vppTokens", version: "v1.0", typ: "vppToken", coll: true},
		{url: b + "deviceAppManagement/vppTokens/4d7c3b1a-0000-4000-8000-000000000001", version: "beta", typ: "vppToken"},
		{url: b + "deviceAppManagement/vppTokens('4d7c')", version: "beta", typ: "vppToken"},
		{url: b + "deviceAppManagement/vppTokens/abc/tokenActionResults", version: "beta", typ: "vppTokenActionResult", coll: true},
		{url: b + "deviceAppManagement/vppTokens/abc?$select=id,displayName", version: "beta", typ: "vppToken", sel: []string{"id", "displayName"}},
		{url: b + "deviceAppManagement/vppTokens?select=id,state&$top=5", version: "beta", typ: "vppToken", coll: true, sel: []string{"id", "state"}},
		// System query option names are case-insensitive, their "$"
		// optional (OData URL Conventions 4.01, section 5).
		{url: b + "deviceAppManagement/vppTokens?$SELECT=id,state", version: "beta", typ: "vppToken", coll: true, sel: []string{"id", "state"}},
		{url: b + "deviceAppManagement/vppTokens?$Select=id,state&$TOP=5", version: "beta", typ: "vppToken", coll: true, sel: []string{"id", "state"}},
		{url: b + "deviceAppManagement/vppTokens?SELECT=id,state", version: "beta", typ: "vppToken", coll: true, sel: []string{"id", "state"}},
		{url: b + "deviceAppManagement/mobileApps/x/microsoft.graph.iosVppApp?$Select=id&$EXPAND=assignedLicenses", version: "beta", typ: "iosVppApp", sel: []string{"id", "assignedLicenses"}, exp: []string{"assignedLicenses"}},
		{url: b + "deviceAppManagement/mobileApps/x/microsoft.graph.iosVppApp?Expand=assignedLicenses", version: "beta", typ: "iosVppApp", exp: []string{"assignedLicenses"}},
		{url: b + "deviceAppManagement/mobileApps/x/microsoft.graph.iosVppApp?$select=id&$expand=assignedLicenses($select=userId)", version: "beta", typ: "iosVppApp", sel: []string{"id", "assignedLicenses"}, exp: []string{"assignedLicenses"}},
		{url: b + "deviceAppManagement/mobileApps/x/microsoft.graph.iosVppApp?$expand=assignedLicenses", version: "beta", typ: "iosVppApp", exp: []string{"assignedLicenses"}},
		{url: b + "deviceAppManagement/mobileApps/microsoft.graph.iosVppApp", version: "beta", typ: "iosVppApp", coll: true},
		{url: b + "deviceAppManagement/vppTokens/getLicensesForApp(bundleId='com.x')", version: "beta", typ: "vppTokenLicenseSummary", coll: true},
		{url: b + "deviceAppManagement/vppTokens/abc/syncLicenses", version: "beta", typ: "vppToken"},
		// Graph matches a request path without regard to case.
		{url: b + "deviceappmanagement/vpptokens?$select=id,state", version: "beta", typ: "vppToken", coll: true, sel: []string{"id", "state"}},
		{url: "https://graph.microsoft.com/Beta/DeviceAppManagement/VppTokens/abc/TokenActionResults", version: "beta", typ: "vppTokenActionResult", coll: true},
		{url: b + "deviceappmanagement/mobileapps/x/MICROSOFT.GRAPH.IOSVPPAPP/assignedlicenses", version: "beta", typ: "iosVppAppAssignedLicense", coll: true},
		{url: b + "deviceappmanagement/vpptokens/getlicensesforapp(bundleId='com.x')", version: "beta", typ: "vppTokenLicenseSummary", coll: true},
		{url: b + "DEVICEAPPMANAGEMENT/mobileApps/x/microsoft.graph.WIN32LOBAPP", version: "beta", foreign: "microsoft.graph.WIN32LOBAPP"},
		{url: "/deviceAppManagement/vppTokens/abc", version: "v1.0", typ: "vppToken"},
		{url: b + "$batch", version: "beta", batch: true},
		{url: b + "me", version: "beta", foreign: "me"},
		{url: v1 + "users/x/messages", version: "v1.0", foreign: "users"},
		{url: b + "deviceAppManagement/mobileApps/x/microsoft.graph.win32LobApp", version: "beta", foreign: "microsoft.graph.win32LobApp"},
		{url: b + "deviceAppManagement/mobileApps/microsoft.graph.win32LobApp", version: "beta", foreign: "microsoft.graph.win32LobApp"},
		{url: b + "deviceAppManagement/vppTokens/abc", version: "beta", typ: "vppToken"},
		{url: b + "deviceAppManagement/vppTokens/$count", version: "beta", foreign: "$count"},
		{url: b + "deviceAppManagement/vppTokens/abc/revokeLicenses", version: "beta", foreign: "revokeLicenses"},
		{url: v1 + "deviceAppManagement/vppTokens/abc/tokenActionResults", version: "v1.0", problem: true},
		{url: "https://graph.microsoft.com/v2.0/deviceAppManagement/vppTokens", version: "v1.0", problem: true},
		{url: b, version: "beta", problem: true},
		{url: "%zz", version: "v1.0", problem: true},
	}
	for _, tt := range tests {
		c := ParseURL(tt.url, "v1.0")
		typ := ""
		if c.Type != nil {
			typ = c.Type.Name
		}
		if c.Version != tt.version || typ != tt.typ || c.Collection != tt.coll || c.Batch != tt.batch || !slices.Equal(c.Select, tt.sel) ||
			!slices.Equal(c.Expand, tt.exp) || c.Foreign != tt.foreign || (c.Problem != "") != tt.problem {
			t.Errorf("%s:\n got version %q type %q coll %v batch %v select %q expand %q foreign %q problem %q\nwant version %q type %q coll %v batch %v select %q expand %q foreign %q problem %v",
				tt.url, c.Version, typ, c.Collection, c.Batch, c.Select, c.Expand, c.Foreign, c.Problem,
				tt.version, tt.typ, tt.coll, tt.batch, tt.sel, tt.exp, tt.foreign, tt.problem)
		}
	}
	if c := ParseURL(v1+"deviceAppManagement/vppTokens/x/tokenActionResults", "beta"); !strings.Contains(c.Problem, "Graph beta has it") {
		t.Errorf("v1.0 tokenActionResults: problem %q does not point at beta", c.Problem)
	}
}

// TestParseURLSelectProblems: a request URL's $select and $expand are
// checked against the model as a context URL's select list is (Graph
// refuses a request naming what the type lacks), with names matched
// without regard to case, as Graph matches them.
func TestParseURLSelectProblems(t *testing.T) {
	const b, v1 = "https://graph.microsoft.com/beta/", "https://graph.microsoft.com/v1.0/"
	for _, tt := range []struct{ url, want string }{
		{b + "deviceAppManagement/vppTokens?$select=id,bogus", `vppToken has no property "bogus"`},
		{b + "deviceAppManagement/vppTokens?$select=ID,State,tokenactionresults", ""},
		{v1 + "deviceAppManagement/vppTokens?$select=id,tokenActionResults", `vppToken has no property "tokenActionResults"; Graph beta has what it names`},
		{b + "deviceAppManagement/vppTokens?$expand=tokenActionResults($select=actionName,bogus2;$top=2)", `vppTokenActionResult has no property "bogus2"`},
		{b + "deviceAppManagement/vppTokens?$expand=nope", `vppToken has no property "nope"`},
		{b + "deviceAppManagement/mobileApps?$expand=microsoft.graph.iosVppApp/assignedLicenses($select=userId)", ""},
		{b + "deviceAppManagement/mobileApps?$select=microsoft.graph.iosVppApp/bundleid,id", ""},
		{b + "deviceAppManagement/mobileApps?$expand=*", ""},
	} {
		c := ParseURL(tt.url, "v1.0")
		if tt.want == "" && c.SelectProblem != "" || tt.want != "" && !strings.HasPrefix(c.SelectProblem, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.url, c.SelectProblem, tt.want)
		}
	}
}

// TestNewLinks checks what New promises about the links between types,
// on every version's generated data: inherited properties first, name
// lookups, base and derived types both ways, and lists that a caller's
// append cannot write into a neighbour's (New carves them from shared
// blocks).
func TestNewLinks(t *testing.T) {
	for _, d := range generated {
		m := New(d)
		if !slices.IsSortedFunc(m.Types, func(a, b *Type) int { return strings.Compare(a.Name, b.Name) }) {
			t.Errorf("%s: types not sorted by name", d.Version)
		}
		if len(m.Types) != len(d.Types) {
			t.Fatalf("%s: %d types from %d", d.Version, len(m.Types), len(d.Types))
		}
		for _, td := range d.Types {
			typ := m.Type(td.Name)
			if typ == nil || typ.Name != td.Name || typ.Model != m || typ.Kind != td.Kind {
				t.Fatalf("%s %s: Type gives %+v", d.Version, td.Name, typ)
			}
			if want := m.Type(td.Base); typ.Base != want {
				t.Errorf("%s %s: base %v, want %v", d.Version, td.Name, typ.Base, want)
			}
			if len(typ.Own) != len(td.Props) {
				t.Fatalf("%s %s: %d own properties from %d", d.Version, td.Name, len(typ.Own), len(td.Props))
			}
			for i, pd := range td.Props {
				p := typ.Own[i]
				if p.Name != pd.Name || p.Type != pd.Type || p.Nullable != pd.Nullable || p.Collection != pd.Collection ||
					p.Navigation != pd.Navigation || p.Count != pd.Count || p.Elem != m.Type(pd.Type) {
					t.Errorf("%s %s.%s: property %+v from %+v", d.Version, td.Name, pd.Name, p, pd)
				}
			}
			var want []*Property
			if typ.Base != nil {
				want = slices.Clone(typ.Base.Properties)
			}
			want = append(want, typ.Own...)
			if !slices.Equal(typ.Properties, want) {
				t.Errorf("%s %s: properties are not the base's followed by its own", d.Version, td.Name)
			}
			for i, p := range typ.Properties {
				if typ.Property(p.Name) != p || typ.PropertyNames()[i] != p.Name {
					t.Errorf("%s %s: lookup of %s", d.Version, td.Name, p.Name)
				}
			}
			if typ.Property("noSuchProperty") != nil {
				t.Errorf("%s %s: found an undeclared property", d.Version, td.Name)
			}
			if cap(typ.Own) != len(typ.Own) || cap(typ.Properties) != len(typ.Properties) || cap(typ.PropertyNames()) != len(typ.PropertyNames()) {
				t.Errorf("%s %s: a list has room past its end, so an append would overwrite another type's", d.Version, td.Name)
			}
			if !slices.IsSortedFunc(typ.Derived, func(a, b *Type) int { return strings.Compare(a.Name, b.Name) }) {
				t.Errorf("%s %s: derived types not sorted", d.Version, td.Name)
			}
			for _, sub := range typ.Derived {
				if sub.Base != typ {
					t.Errorf("%s %s: derived %s names %v as its base", d.Version, td.Name, sub.Name, sub.Base)
				}
			}
			if typ.Base != nil && !slices.Contains(typ.Base.Derived, typ) {
				t.Errorf("%s %s: missing from %s's derived types", d.Version, td.Name, typ.Base.Name)
			}
		}
	}
}

// BenchmarkNew times linking each version's model, which a one-file run
// does on start-up.
func BenchmarkNew(b *testing.B) {
	for _, d := range generated {
		b.Run(d.Version, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				New(d)
			}
		})
	}
}

// TestContextOfAPropertyValue: a context that leads to a primitive or
// enum property names the property (Property), not a type, a foreign
// path or a problem.
func TestContextOfAPropertyValue(t *testing.T) {
	const b = "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/"
	for url, want := range map[string]string{
		b + "vppTokens('x')/state": "vppToken/state",
		b + "vppTokens/9d9b2f0e-1111-2222-3333-444455556666/lastSyncDateTime": "vppToken/lastSyncDateTime",
		b + "mobileApps('x')/roleScopeTagIds":                                 "mobileApp/roleScopeTagIds",
		b + "mobileApps('x')/largeIcon/type":                                  "mimeContent/type",
		b + "mobileApps('x')/largeIcon":                                       "",
	} {
		c := ParseContext(url, "beta")
		if c.Property != want || want != "" && (c.Type != nil || c.Foreign != "" || c.Problem != "") {
			t.Errorf("%s: Property %q, Type %v, Foreign %q, Problem %q; want Property %q", url, c.Property, c.Type, c.Foreign, c.Problem, want)
		}
	}
}

// TestNestedSelect checks what a select list says of the values inside a
// resource (Context.Nested): a path into a property or a nested select
// list narrows them, naming the property whole does not, and a request
// URL's $expand options narrow the expanded values.
func TestNestedSelect(t *testing.T) {
	const b = "https://graph.microsoft.com/beta/"
	const ctx = b + "$metadata#deviceAppManagement/"
	tests := []struct {
		url     string
		request bool
		path    []string // Nested, one call a name
		sel     []string // the innermost context's Select; nil: no context (every property)
	}{
		{url: ctx + "vppTokens(id,tokenActionResults/actionName)", path: []string{"tokenActionResults"}, sel: []string{"actionName"}},
		{url: ctx + "vppTokens(id,tokenActionResults/actionName,tokenActionResults/actionState)", path: []string{"tokenActionResults"}, sel: []string{"actionName", "actionState"}},
		{url: ctx + "vppTokens(id,tokenActionResults(actionName,startDateTime))", path: []string{"tokenActionResults"}, sel: []string{"actionName", "startDateTime"}},
		{url: ctx + "vppTokens(tokenActionResults/actionName,tokenActionResults)", path: []string{"tokenActionResults"}},
		{url: ctx + "vppTokens(tokenActionResults,tokenActionResults/actionName)", path: []string{"tokenActionResults"}},
		{url: ctx + "vppTokens(id,tokenActionResults)", path: []string{"tokenActionResults"}},
		{url: ctx + "vppTokens(id)", path: []string{"tokenActionResults"}},
		{url: ctx + "vppTokens", path: []string{"tokenActionResults"}},
		{url: ctx + "mobileApps/microsoft.graph.iosVppApp(id,assignedLicenses(id,userId))", path: []string{"assignedLicenses"}, sel: []string{"id", "userId"}},
		{url: ctx + "mobileApps/microsoft.graph.iosVppApp(id,assignedLicenses())", path: []string{"assignedLicenses"}},
		{url: ctx + "mobileApps/microsoft.graph.iosVppApp(id,assignedLicenses+)", path: []string{"assignedLicenses"}},
		{url: ctx + "mobileApps(id,assignments(id,target/groupId))", path: []string{"assignments", "target"}, sel: []string{"groupId"}},
		{url: ctx + "mobileApps(id,assignments(id,target/groupId))", path: []string{"assignments"}, sel: []string{"id", "target"}},
		{url: ctx + "mobileApps(largeIcon/type)", path: []string{"largeIcon"}, sel: []string{"type"}},
		{request: true, url: b + "deviceAppManagement/mobileApps/x/microsoft.graph.iosVppApp?$select=id&$expand=assignedLicenses($select=userId)", path: []string{"assignedLicenses"}, sel: []string{"userId"}},
		{request: true, url: b + "deviceAppManagement/mobileApps/x/microsoft.graph.iosVppApp?$expand=assignedLicenses", path: []string{"assignedLicenses"}},
		{request: true, url: b + "deviceAppManagement/mobileApps/x?$expand=assignments($select=id,target;$top=2)", path: []string{"assignments"}, sel: []string{"id", "target"}},
		{request: true, url: b + "deviceAppManagement/mobileApps/x?$select=id,largeIcon/type", path: []string{"largeIcon"}, sel: []string{"type"}},
		{request: true, url: b + "deviceAppManagement/vppTokens?select=tokenActionResults/actionName", path: []string{"tokenActionResults"}, sel: []string{"actionName"}},
		// Option names in any case, with or without "$", at every level.
		{request: true, url: b + "deviceAppManagement/mobileApps/x/microsoft.graph.iosVppApp?$SELECT=id&$EXPAND=assignedLicenses($SELECT=userId)", path: []string{"assignedLicenses"}, sel: []string{"userId"}},
		{request: true, url: b + "deviceAppManagement/mobileApps/x?$Expand=assignments($Select=id,target;$Top=2)", path: []string{"assignments"}, sel: []string{"id", "target"}},
		{request: true, url: b + "deviceAppManagement/mobileApps/x?expand=assignments(SELECT=id,target)", path: []string{"assignments"}, sel: []string{"id", "target"}},
		{request: true, url: b + "deviceAppManagement/mobileApps/x?$expand=assignments($Expand=target;$select=id)", path: []string{"assignments"}, sel: []string{"id", "target"}},
		{request: true, url: b + "deviceAppManagement/vppTokens?$SELECT=tokenActionResults/actionName", path: []string{"tokenActionResults"}, sel: []string{"actionName"}},
	}
	for _, tt := range tests {
		var c *Context
		if tt.request {
			c = ParseURL(tt.url, "beta")
		} else {
			c = ParseContext(tt.url, "beta")
		}
		if c.Problem != "" || c.Type == nil {
			t.Errorf("%s: problem %q, type %v", tt.url, c.Problem, c.Type)
			continue
		}
		for _, name := range tt.path {
			c = c.Nested(name)
		}
		switch {
		case tt.sel == nil && c != nil:
			t.Errorf("%s %v: select %q, want none", tt.url, tt.path, c.Select)
		case tt.sel != nil && (c == nil || !slices.Equal(c.Select, tt.sel)):
			got := "no context"
			if c != nil {
				got = fmt.Sprintf("%q", c.Select)
			}
			t.Errorf("%s %v: select %s, want %q", tt.url, tt.path, got, tt.sel)
		}
	}
}

// TestCastSelect checks that the items of a select list (and of a request
// URL's $select and $expand) that start with a cast narrow a resource of
// that type, or of a type derived from it, exactly as they would written
// without the cast on a resource of the type cast to (Context.For), at
// every depth, with Graph's alias too. In a path, "#T" stands for a call
// of For with type T, and a name for a call of Nested.
func TestCastSelect(t *testing.T) {
	const b = "https://graph.microsoft.com/beta/"
	const ctx = b + "$metadata#deviceAppManagement/"
	const ios = ctx + "mobileApps('x')/microsoft.graph.iosVppApp"
	const user = "#iosVppAppAssignedUserLicense"
	tests := []struct {
		cast, plain string // the URL with a cast, and its form without it
		paths       [][]string
	}{
		{cast: ctx + "mobileApps(id,microsoft.graph.iosVppApp/assignedLicenses(userId))/$entity",
			plain: ios + "(id,assignedLicenses(userId))/$entity", paths: [][]string{{}, {"assignedLicenses"}, {"assignedLicenses", user}}},
		{cast: ctx + "mobileApps(id,microsoft.graph.iosVppApp/revokeLicenseActionResults/actionState)",
			plain: ios + "(id,revokeLicenseActionResults/actionState)", paths: [][]string{{}, {"revokeLicenseActionResults"}}},
		{cast: ctx + "mobileApps(id,microsoft.graph.iosVppApp/revokeLicenseActionResults(actionState))",
			plain: ios + "(id,revokeLicenseActionResults(actionState))", paths: [][]string{{}, {"revokeLicenseActionResults"}}},
		{cast: ctx + "mobileApps(id,graph.iosVppApp/revokeLicenseActionResults(actionState))",
			plain: ios + "(id,revokeLicenseActionResults(actionState))", paths: [][]string{{}, {"revokeLicenseActionResults"}}},
		{cast: ctx + "mobileApps(microsoft.graph.iosVppApp/assignedLicenses(id),displayName,microsoft.graph.iosVppApp/bundleId)",
			plain: ios + "(assignedLicenses(id),displayName,bundleId)", paths: [][]string{{}, {"assignedLicenses"}}},
		{cast: ios + "(id,microsoft.graph.mobileApp/displayName)", plain: ios + "(id,displayName)", paths: [][]string{{}}},
		{cast: ios + "(id,assignedLicenses(microsoft.graph.iosVppAppAssignedUserLicense/userId))",
			plain: ios + "(id,assignedLicenses(userId))", paths: [][]string{{}, {"assignedLicenses", user}}},
		{cast: ios + "(id,assignedLicenses/microsoft.graph.iosVppAppAssignedUserLicense/userId)",
			plain: ios + "(id,assignedLicenses/userId)", paths: [][]string{{}, {"assignedLicenses", user}}},
		{cast: b + "deviceAppManagement/mobileApps/x?$select=id&$expand=microsoft.graph.iosVppApp/assignedLicenses($select=userId)",
			plain: b + "deviceAppManagement/mobileApps/x/microsoft.graph.iosVppApp?$select=id&$expand=assignedLicenses($select=userId)",
			paths: [][]string{{}, {"assignedLicenses"}}},
		{cast: b + "deviceAppManagement/mobileApps/x?$expand=graph.iosVppApp/assignedLicenses($select=userId)",
			plain: b + "deviceAppManagement/mobileApps/x/microsoft.graph.iosVppApp?$expand=assignedLicenses($select=userId)",
			paths: [][]string{{}, {"assignedLicenses"}}},
		{cast: b + "deviceAppManagement/mobileApps/x?$select=id,microsoft.graph.iosVppApp/revokeLicenseActionResults/actionState",
			plain: b + "deviceAppManagement/mobileApps/x/microsoft.graph.iosVppApp?$select=id,revokeLicenseActionResults/actionState",
			paths: [][]string{{}, {"revokeLicenseActionResults"}}},
		{cast: b + "deviceAppManagement/mobileApps/x/microsoft.graph.iosVppApp?$expand=assignedLicenses($select=microsoft.graph.iosVppAppAssignedUserLicense/userId)",
			plain: b + "deviceAppManagement/mobileApps/x/microsoft.graph.iosVppApp?$expand=assignedLicenses($select=userId)",
			paths: [][]string{{}, {"assignedLicenses", user}}},
	}
	for _, tt := range tests {
		cast, plain := parseEither(tt.cast), parseEither(tt.plain)
		if cast.Problem != "" || cast.SelectProblem != "" || plain.Problem != "" || plain.SelectProblem != "" {
			t.Errorf("%s: problem %q %q; %s: problem %q %q", tt.cast, cast.Problem, cast.SelectProblem, tt.plain, plain.Problem, plain.SelectProblem)
			continue
		}
		for _, path := range tt.paths {
			got := narrowing(walkContext(cast, append([]string{"#" + plain.Type.Name}, path...)))
			want := narrowing(walkContext(plain, path))
			if got != want {
				t.Errorf("%s %v:\n got %s\nwant %s, as %s has it", tt.cast, path, got, want, tt.plain)
			}
		}
	}

	// A resource of another type, or of the base type, is not narrowed
	// by what is cast to iosVppApp.
	others := []struct {
		url  string
		path []string
		want string
	}{
		{url: ctx + "mobileApps(id,microsoft.graph.iosVppApp/assignedLicenses(userId))/$entity", path: []string{"#macOsVppApp"}, want: `select ["id"] expand []`},
		{url: ctx + "mobileApps(id,microsoft.graph.iosVppApp/assignedLicenses(userId))/$entity", path: []string{"#macOsVppApp", "assignedLicenses"}, want: "every property"},
		{url: ctx + "mobileApps(id,microsoft.graph.iosVppApp/assignedLicenses(userId))/$entity", path: []string{"#mobileApp", "assignedLicenses"}, want: "every property"},
		{url: ios + "(id,assignedLicenses(microsoft.graph.iosVppAppAssignedUserLicense/userId))", path: []string{"assignedLicenses", "#iosVppAppAssignedDeviceLicense"}, want: "select [] expand []"},
		{url: b + "deviceAppManagement/mobileApps/x?$expand=microsoft.graph.iosVppApp/assignedLicenses($select=userId)", path: []string{"#macOsVppApp", "assignedLicenses"}, want: "every property"},
		// A cast expansion alone selects every property, of the base type
		// and of the type cast to.
		{url: ctx + "mobileApps(microsoft.graph.iosVppApp/assignedLicenses())/$entity", path: []string{"#mobileApp"}, want: `select all expand []`},
		{url: ctx + "mobileApps(microsoft.graph.iosVppApp/assignedLicenses())/$entity", path: []string{"#iosVppApp"}, want: `select all expand ["assignedLicenses"]`},
		{url: ctx + "mobileApps(microsoft.graph.iosVppApp/assignedLicenses(userId))/$entity", path: []string{"#iosVppApp", "assignedLicenses"}, want: `select ["userId"] expand []`},
		{url: ctx + "mobileApps(microsoft.graph.iosVppApp/bundleId)/$entity", path: []string{"#mobileApp"}, want: `select [] expand []`},
	}
	for _, tt := range others {
		if got := narrowing(walkContext(parseEither(tt.url), tt.path)); got != tt.want {
			t.Errorf("%s %v: %s, want %s", tt.url, tt.path, got, tt.want)
		}
	}
}

// parseEither reads a context URL (one with a #fragment) or a request URL.
func parseEither(url string) *Context {
	if strings.Contains(url, "#") {
		return ParseContext(url, "beta")
	}
	return ParseURL(url, "beta")
}

// walkContext follows path from c: "#T" calls For with the beta type T,
// a name calls Nested.
func walkContext(c *Context, path []string) *Context {
	for _, step := range path {
		if name, ok := strings.CutPrefix(step, "#"); ok {
			c = c.For(Get("beta").Type(name))
		} else {
			c = c.Nested(name)
		}
	}
	return c
}

// narrowing words what c expects of a value: its Select and Expand, or
// "every property" for no context.
func narrowing(c *Context) string {
	if c == nil {
		return "every property"
	}
	sel := "all"
	if c.Select != nil {
		sel = fmt.Sprintf("%q", c.Select)
	}
	return fmt.Sprintf("select %s expand %q", sel, c.Expand)
}
