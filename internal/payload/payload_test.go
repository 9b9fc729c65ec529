package payload

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
)

// TestResourcesArriveBeforeTheEnd shows that each shape is streamed: the
// input fails half-way, and by then the walker must already have handed
// over the resources of the first half. A walker that read a collection,
// an array or a batch response's body whole would hand over none.
func TestResourcesArriveBeforeTheEnd(t *testing.T) {
	const n = 2000
	res := `{"@odata.type": "#microsoft.graph.vppTokenActionResult", "actionName": "x", "actionState": "done"}`
	list := strings.TrimSuffix(strings.Repeat(res+",\n", n), ",\n")
	ctx := `"@odata.context": "https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.vppTokenActionResult)"`
	shapes := map[string]string{
		"collection": `{` + ctx + `, "value": [` + list + `]}`,
		"array":      `[` + list + `]`,
		"batch collection body": `{"responses": [{"id": "1", "status": 200, "headers": {"Content-Type": "application/json"}, "body": {` +
			ctx + `, "value": [` + list + `]}}]}`,
		"batch array body": `{"responses": [{"id": "1", "status": 200, "body": [` + list + `]}]}`,
	}
	broken := errors.New("the disk went away")
	for name, doc := range shapes {
		r := io.MultiReader(strings.NewReader(doc[:len(doc)/2]), &failing{broken})
		got := 0
		err := Walk(jsonpos.NewDecoder(r, jsonpos.Options{}), Visitor{
			Resource: func(Resource) { got++ },
			Problem:  func(p Problem) { t.Errorf("%s: %+v", name, p) },
		})
		if !errors.Is(err, broken) {
			t.Errorf("%s: error %v, want the read error", name, err)
		}
		if got < n/3 {
			t.Errorf("%s: %d resources handed over before the read error, want about %d", name, got, n/2)
		}
	}
}

// TestMemoryStaysFlat: walking a long collection of resources that are
// read whole, with nested values, holds no more memory at its end than a
// quarter of the way in, for each shape that keeps a shell around the
// collection. Values come from shared chunks; a shell member that shared
// one with the items read after it once kept every item alive (about 2 KB
// an item here).
func TestMemoryStaysFlat(t *testing.T) {
	const n = 20000
	ctx := `"@odata.context": "https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.vppTokenRevokeLicensesActionResult)"`
	// Two shapes of item, since whether a chunk boundary falls between a
	// value and its children depends on the sizes.
	for _, res := range []string{
		`{"actionName": "x", "details": [{"l": [{"s": "x"}, {"t": [1, 2]}]}, {"m": {"n": null}}]}`,
		`{"@odata.type":"#microsoft.graph.vppTokenRevokeLicensesActionResult","actionName":"RevokeLicenses","actionState":"done","startDateTime":"2024-05-01T10:00:00Z","lastUpdatedDateTime":"2024-05-01T10:05:00Z","totalLicensesCount":120,"failedLicensesCount":0,"actionFailureReason":"none","details":[{"l":[{"s":"x"}]}]}`,
	} {
		list := strings.TrimSuffix(strings.Repeat(res+",", n), ",")
		for name, doc := range map[string]string{
			"collection":            `{` + ctx + `,"value":[` + list + `]}`,
			"batch collection body": `{"responses": [{"id": "1", "status": 200, "body": {` + ctx + `, "value": [` + list + `]}}]}`,
		} {
			var quarter uint64
			got := 0
			err := Walk(jsonpos.NewDecoder(strings.NewReader(doc), jsonpos.Options{}), Visitor{Resource: func(Resource) {
				if got++; got == n/4 || got == n {
					runtime.GC()
					var m runtime.MemStats
					runtime.ReadMemStats(&m)
					if got == n/4 {
						quarter = m.HeapAlloc
					} else if grown := int64(m.HeapAlloc) - int64(quarter); grown > 4<<20 {
						t.Errorf("%s of %.20s…: the heap grew by %d KB over the last %d resources", name, res, grown>>10, n-n/4)
					}
				}
			}})
			if err != nil || got != n {
				t.Fatalf("%s: %d resources, %v", name, got, err)
			}
		}
	}
}

// TestBatchBodiesAsDocuments: a body is a document of its own, with its
// resources' pointers under the response, whichever member comes first.
func TestBatchBodiesAsDocuments(t *testing.T) {
	doc := `{"responses": [
		{"body": {"value": [{"a": 1}, {"a": 2}]}, "id": "1"},
		{"id": "2", "body": [{"a": 3}]},
		{"id": "3", "body": {"a": 4}},
		{"id": "4", "status": 404, "body": {"error": {"code": "NotFound"}}}
	]}`
	var got []string
	err := Walk(jsonpos.NewDecoder(strings.NewReader(doc), jsonpos.Options{}), Visitor{
		Resource: func(r Resource) { got = append(got, fmt.Sprintf("%s=%s", r.Pointer, r.Value.Get("a").Text)) },
		Problem:  func(p Problem) { got = append(got, p.Rule+"@"+p.Pointer) },
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "/responses/0/body/value/0=1 /responses/0/body/value/1=2 /responses/1/body/0=3 /responses/2/body=4 graph-error@/responses/3/body/error"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}

// TestTypedValueArray: an object with an @odata.type before its value
// array is one resource whose property is called value (ShapeOf), and
// the walker reads it so, as a whole; a value array met before any
// @odata.type is a collection's, whatever comes after it. Before, the
// first was walked as a collection and then checked as a resource too.
func TestTypedValueArray(t *testing.T) {
	for _, tc := range []struct{ doc, want string }{
		{`{"@odata.type": "#graph.vppToken", "id": "x", "value": [1]}`, ":-"},
		{`{"@odata.type": "#graph.vppToken", "value": [{"a": 1}], "id": "x"}`, ":-"},
		{`{"value": [{"a": 1}], "@odata.type": "#graph.vppToken"}`, "/value/0:-"},
		{`{"id": "x", "value": [{"a": 1}], "@odata.type": "#graph.vppToken"}`, "unknown-property@/id /value/0:-"},
		{`{"responses": [{"id": "1", "body": {"@odata.type": "#graph.vppToken", "value": [{"a": 1}]}}]}`, "/responses/0/body:-"},
		{`{"responses": [{"id": "1", "body": {"value": [{"a": 1}], "@odata.type": "#graph.vppToken"}}]}`, "/responses/0/body/value/0:-"},
	} {
		if got := walkAll(t, tc.doc); got != tc.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tc.doc, got, tc.want)
		}
		d, err := jsonpos.Parse([]byte(tc.doc), jsonpos.Options{})
		if err != nil {
			t.Fatal(err)
		}
		members := d.Root.Members
		streamed := ValueStreamed(len(members), func(i int) (string, jsonpos.Kind) { return members[i].Name, members[i].Value.Kind })
		if wantStreamed := strings.Contains(tc.want, "/value/"); !strings.HasPrefix(tc.doc, `{"responses"`) && streamed != wantStreamed {
			t.Errorf("%s: ValueStreamed says %v", tc.doc, streamed)
		}
	}
}

type failing struct{ err error }

func (f *failing) Read([]byte) (int, error) { return 0, f.err }

// walkAll lists what Walk hands over: resources as "pointer:type",
// problems as "rule@pointer" and property values as
// "pointer=Type/property".
func walkAll(t *testing.T, doc string) string {
	t.Helper()
	var got []string
	err := Walk(jsonpos.NewDecoder(strings.NewReader(doc), jsonpos.Options{}), Visitor{
		Resource: func(r Resource) {
			typ := "-"
			if r.Context != nil && r.Context.Type != nil {
				typ = r.Context.Version + "/" + r.Context.Type.Name
			}
			got = append(got, r.Pointer+":"+typ)
		},
		Problem: func(p Problem) { got = append(got, p.Rule+"@"+p.Pointer) },
		Value:   func(v PropertyValue) { got = append(got, v.Pointer+"="+v.Context.Property) },
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(got, " ")
}

// TestContexts: what @odata.context says decides a document's type and
// version, and a context that leads outside the model, or nowhere, is one
// problem with nothing else checked.
func TestContexts(t *testing.T) {
	const b, v1 = "https://graph.microsoft.com/beta/$metadata#", "https://graph.microsoft.com/v1.0/$metadata#"
	cases := []struct{ doc, want string }{
		{`{"@odata.context": "` + v1 + `deviceAppManagement/vppTokens", "value": [{"a": 1}, {"a": 2}]}`, "/value/0:v1.0/vppToken /value/1:v1.0/vppToken"},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens/$entity", "id": "x"}`, ":beta/vppToken"},
		{`{"@odata.context": "` + b + `users", "value": [{"a": 1}, {"a": 2}]}`, "odata-context@/@odata.context"},
		{`{"@odata.context": "` + b + `users/$entity", "id": "x"}`, "odata-context@/@odata.context"},
		{`{"@odata.context": "` + v1 + `deviceAppManagement/vppTokens('x')/tokenActionResults", "value": [{"a": 1}]}`, "odata-context@/@odata.context"},
		{`{"@odata.context": 7, "value": [{"a": 1}]}`, "odata-context@/@odata.context /value/0:-"},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens", "@odata.count": -1, "@odata.nextLink": 5, "value": []}`, "type@/@odata.count type@/@odata.nextLink"},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens", "@odata.count": 2, "@odata.nextLink": "https://x", "value": []}`, ""},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens", "@odata.count": 99999999999999999999, "value": []}`, "type@/@odata.count"},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens", "@odata.count": 9223372036854775807, "value": []}`, ""},
		// An array of saved responses: each item with a context of its own
		// is a document, as a line of JSON Lines is; one without stays a
		// resource of the array.
		{`[{"@odata.context": "` + v1 + `deviceAppManagement/vppTokens/$entity", "id": "x"}, {"@odata.context": "` + b + `deviceAppManagement/vppTokens", "value": [{"a": 1}]}, {"@odata.context": "` + b + `users/$entity", "id": "u"}, {"id": "y"}]`,
			"/0:v1.0/vppToken /1/value/0:beta/vppToken odata-context@/2/@odata.context /3:-"},
		// So is a saved error, batch answer or page without a context;
		// an object whose value is a string stays a resource (a
		// mimeContent's).
		{`[{"error": {"code": "TooManyRequests", "message": "throttled"}}, {"value": [{"a": 1}]}, {"responses": []}, {"value": {"id": "w"}}, {"type": "image/png", "value": "iVBORw0KGgo="}]`,
			"graph-error@/0/error /1/value/0:- wrapped-entity@/3/value /3/value:- /4:-"},
		// In a collection's value, the collection's context rules.
		{`{"@odata.context": "` + v1 + `deviceAppManagement/vppTokens", "value": [{"@odata.context": "` + b + `deviceAppManagement/vppTokens/$entity", "id": "x"}]}`, "/value/0:v1.0/vppToken"},
		// A wrapped entity takes the wrapper's context.
		{`{"@odata.context": "` + v1 + `microsoft.graph.vppToken", "value": {"id": "x"}}`, "wrapped-entity@/value /value:v1.0/vppToken"},
		// A context that names a collection wants {"value": [...]}: an
		// object without value is a type error, checked as a resource
		// only when it holds more than annotations; a wrapped entity
		// under it is an error, not the documentation's habit.
		{`{"@odata.context": "` + v1 + `deviceAppManagement/vppTokens"}`, "type@"},
		{`{"@odata.context": "` + v1 + `deviceAppManagement/vppTokens", "@odata.count": 0}`, "type@"},
		{`{"@odata.context": "` + v1 + `deviceAppManagement/vppTokens", "id": "x"}`, "type@ :v1.0/vppToken"},
		{`{"@odata.context": "` + v1 + `deviceAppManagement/vppTokens", "value": {"id": "x"}}`, "type@/value /value:v1.0/vppToken"},
		{`{"@odata.context": "` + v1 + `deviceAppManagement/vppTokens/$entity", "id": "x"}`, ":v1.0/vppToken"},
		// The opposite: a context naming one instance over a value array,
		// whose items are still checked as that type, read whole or
		// streamed.
		{`{"@odata.context": "` + v1 + `deviceAppManagement/vppTokens(id,state)/$entity", "value": [{"a": 1}]}`, "type@/value /value/0:v1.0/vppToken"},
		{`{"value": [{"a": 1}], "@odata.context": "` + b + `deviceAppManagement/vppTokens('x')"}`, "type@/value /value/0:beta/vppToken"},
		{`{"@odata.context": "` + b + `deviceAppManagement/mobileApps('x')/largeIcon", "value": [{"a": 1}]}`, "type@/value /value/0:beta/mimeContent"},
		// A null item where the property's items may be null, as inside a
		// resource, is no resource; in an entity set it is one, and wrong.
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens('x')/tokenActionResults", "value": [null, {"a": 1}]}`, "/value/1:beta/vppTokenActionResult"},
		{`{"value": [null, {"a": 1}], "@odata.context": "` + b + `deviceAppManagement/vppTokens('x')/tokenActionResults"}`, "/value/1:beta/vppTokenActionResult"},
		{`{"@odata.context": "` + b + `deviceAppManagement/mobileApps('x')/microsoft.graph.iosVppApp/revokeLicenseActionResults", "value": [null]}`, ""},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens", "value": [null]}`, "/value/0:beta/vppToken"},
		{`{"@odata.context": "` + b + `deviceAppManagement/mobileApps('x')/microsoft.graph.iosVppApp/assignedLicenses", "value": [null]}`, "/value/0:beta/iosVppAppAssignedLicense"},
		// A delta payload's deleted entities carry @removed and their id,
		// not every property: their shape is checked, and they are no
		// resources. Outside a delta payload @removed is an annotation.
		{`{"@odata.context": "` + b + `deviceAppManagement/mobileApps/$delta", "value": [{"@odata.type": "#microsoft.graph.iosVppApp", "id": "1", "@removed": {"reason": "deleted"}}, {"a": 1}]}`, "/value/1:beta/mobileApp"},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens/$delta", "value": [{"id": "1", "@removed": {"reason": "gone"}}, {"id": "2", "@odata.removed": 5}, {"@removed": {}}]}`, "type@/value/0/@removed/reason type@/value/1/@odata.removed missing-property@/value/2"},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens/$delta", "value": [{"@odata.context": "` + b + `deviceAppManagement/vppTokens/$deletedEntity", "id": "1", "reason": "changed"}]}`, ""},
		// The key Graph names an entity by is a string; @odata.id an IRI.
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens/$delta", "value": [{"@removed": {"reason": "deleted"}, "id": 5}, {"@removed": {}, "@odata.id": null}, {"@removed": {}, "@odata.id": "vppTokens('3')"}]}`, "type@/value/0/id type@/value/1/@odata.id"},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens/$deletedEntity", "id": 7}`, "type@/id"},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens/$deletedEntity", "id": "1", "reason": "removed"}`, "type@/reason"},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens", "value": [{"id": "1", "@removed": {"reason": "deleted"}}]}`, "/value/0:beta/vppToken"},
		// A resource with a property called value, told apart by @odata.type.
		{`{"@odata.type": "#microsoft.graph.mimeContent", "type": "image/png", "value": "iVBO"}`, ":-"},
		// Not by its other members: a collection whose value is not an
		// array stays one, stray members and all.
		{`{"type": "image/png", "value": "iVBO"}`, "unknown-property@/type type@/value"},
		{`{"@odata.nextLink": "https://x", "value": "iVBO"}`, "type@/value"},
		{`{"value": null}`, "type@/value"},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens", "value": "x", "extra": 1}`, "unknown-property@/extra type@/value"},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens", "value": null, "nextLink": "x"}`, "unknown-property@/nextLink type@/value"},
		// Or by a context that names a single value of such a type.
		{`{"@odata.context": "` + b + `deviceAppManagement/mobileApps('x')/largeIcon", "value": "iVBO"}`, ":beta/mimeContent"},
		{`{"@odata.context": "` + b + `deviceAppManagement/mobileApps('x')/largeIcon", "type": "image/png", "value": "iVBO"}`, ":beta/mimeContent"},
		{`{"@odata.context": "` + b + `deviceAppManagement/mobileApps('x')/largeIcon", "value": null, "type": "image/png"}`, ":beta/mimeContent"},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens", "value": "iVBO"}`, "type@/value"},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens/$entity", "value": "iVBO"}`, "type@/value"},
		// A context that leads outside the model is the one finding.
		{`{"@odata.context": "` + b + `users", "value": "x"}`, "odata-context@/@odata.context"},
		// One that names a property's value hands the value over, whatever
		// it is, read whole; without a value member the object is the one
		// finding. The other members are the wrapper's.
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens('x')/state", "value": "valid"}`, "/value=vppToken/state"},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens('x')/state", "value": null}`, "/value=vppToken/state"},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens('x')/state", "value": {"a": 1}}`, "/value=vppToken/state"},
		{`{"@odata.context": "` + b + `deviceAppManagement/mobileApps('x')/roleScopeTagIds", "value": ["0"]}`, "/value=mobileApp/roleScopeTagIds"},
		{`{"@odata.context": "` + b + `deviceAppManagement/mobileApps('x')/roleScopeTagIds", "value": ["0"], "x": 1, "@odata.count": -1}`, "/value=mobileApp/roleScopeTagIds unknown-property@/x type@/@odata.count"},
		{`{"@odata.context": "` + b + `deviceAppManagement/mobileApps('x')/microsoft.graph.iosVppApp/bundleId", "value": "com.x", "x": 1}`, "unknown-property@/x /value=iosVppApp/bundleId"},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens('x')/state"}`, "odata-context@"},
		{`{"@odata.context": "` + b + `deviceAppManagement/vppTokens('x')/state", "id": "x"}`, "odata-context@"},
		// A context after the value array (a fixture written from a map,
		// whose keys have no order) is read first all the same, whatever
		// stands between, and however its name is escaped.
		{`{"value": [{"a": 1}, {"a": 2}], "@odata.context": "` + v1 + `deviceAppManagement/vppTokens"}`, "/value/0:v1.0/vppToken /value/1:v1.0/vppToken"},
		{`{"value": [{"a": "}]\"", "b": [1, {"c": null}]}], "@odata.count": 1, "@odata.nextLink": "https://x?a=\"}", "\u0040odata.context": "` + v1 + `deviceAppManagement/vppTokens"}`, "/value/0:v1.0/vppToken"},
		{`{"value": [{"a": 1}], "@odata.context": "` + b + `users"}`, "odata-context@/@odata.context"},
		{`{"value": [{"a": 1}], "@odata.context": 42}`, "odata-context@/@odata.context /value/0:-"},
		{`{"value": [], "@odata.context": "garbage"}`, "odata-context@/@odata.context"},
		{`{"value": ["0"], "@odata.context": "` + b + `deviceAppManagement/mobileApps('x')/roleScopeTagIds"}`, "/value=mobileApp/roleScopeTagIds"},
		{`{"responses": [{"id": "1", "status": 200, "body": {"value": [{"a": 1}], "@odata.context": "` + v1 + `deviceAppManagement/vppTokens"}}]}`, "/responses/0/body/value/0:v1.0/vppToken"},
		// One before the items and its repeat after them: the items had
		// a context, and the repeat is duplicate-key's to report.
		{`{"@odata.context": "` + v1 + `deviceAppManagement/vppTokens", "value": [{"a": 1}], "@odata.context": "` + v1 + `deviceAppManagement/vppTokens"}`, "/value/0:v1.0/vppToken"},
		// A batch response's own Content-Type says whether its body's
		// count is a string (IEEE754Compatible=true), when it comes
		// before the body, read whole or walked.
		{`{"responses": [{"id": "1", "status": 200, "headers": {"content-type": "application/json;IEEE754Compatible=true"}, "body": {"@odata.context": "` + b + `deviceAppManagement/vppTokens", "@odata.count": "1", "value": []}}]}`, ""},
		{`{"responses": [{"id": "1", "status": 200, "headers": {"Content-Type": "application/json;IEEE754Compatible=true"}, "body": {"@odata.context": "` + b + `deviceAppManagement/vppTokens", "@odata.count": 1, "value": []}}]}`, "type@/responses/0/body/@odata.count"},
		{`{"responses": [{"id": "1", "status": 200, "headers": {"Content-Type": "application/json"}, "body": {"@odata.context": "` + b + `deviceAppManagement/vppTokens", "@odata.count": "1", "value": []}}]}`, "type@/responses/0/body/@odata.count"},
		// Headers after the body (keys in any order) still say how its
		// count is written.
		{`{"responses": [{"id": "1", "status": 200, "body": {"@odata.context": "` + b + `deviceAppManagement/vppTokens", "@odata.count": "1", "value": [{"a": 1}]}, "headers": {"Content-Type": "application/json;IEEE754Compatible=true"}}]}`, "/responses/0/body/value/0:beta/vppToken"},
		{`{"responses": [{"id": "1", "status": 200, "body": {"@odata.context": "` + b + `deviceAppManagement/vppTokens", "@odata.count": 1, "value": []}, "headers": {"Content-Type": "application/json;IEEE754Compatible=true"}}]}`, "type@/responses/0/body/@odata.count"},
		// A member that only looks like one, inside a string or an item,
		// is not the object's context.
		{`{"value": [{"@odata.context": "` + v1 + `deviceAppManagement/vppTokens"}], "x": "\", \"@odata.context\": 1"}`, "/value/0:- unknown-property@/x"},
	}
	for _, c := range cases {
		if got := walkAll(t, c.doc); got != c.want {
			t.Errorf("%s\n got  %s\n want %s", c.doc, got, c.want)
		}
	}
	// A visitor that takes no values is told that one was not checked.
	var got []string
	doc := `{"@odata.context": "` + b + `deviceAppManagement/vppTokens('x')/state", "value": "valid"}`
	err := Walk(jsonpos.NewDecoder(strings.NewReader(doc), jsonpos.Options{}), Visitor{
		Resource: func(r Resource) { got = append(got, r.Pointer) },
		Problem:  func(p Problem) { got = append(got, p.Rule+"@"+p.Pointer) },
	})
	if err != nil || strings.Join(got, " ") != "odata-context@/value" {
		t.Errorf("without Visitor.Value: %v, %v; want one odata-context finding at /value", got, err)
	}
}

// TestDeclaredValueProperty: --type (Visitor.Type) tells a lone value
// member that is not an array or object from a collection's when the type
// has a property called value, and only then.
func TestDeclaredValueProperty(t *testing.T) {
	for _, c := range []struct{ typ, doc, want string }{
		{"mimeContent", `{"value": "iVBO"}`, ":-"},
		{"microsoft.graph.mimeContent", `{"value": "iVBO"}`, ":-"},
		{"vppToken", `{"value": "iVBO"}`, "type@/value"},
		{"", `{"value": "iVBO"}`, "type@/value"},
		{"mimeContent", `{"value": [{"a": 1}]}`, "/value/0:-"},
		// A context that says otherwise wins.
		{"mimeContent", `{"@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/vppTokens", "value": "iVBO"}`, "type@/value"},
	} {
		var got []string
		err := Walk(jsonpos.NewDecoder(strings.NewReader(c.doc), jsonpos.Options{}), Visitor{
			Type:     c.typ,
			Resource: func(r Resource) { got = append(got, r.Pointer+":-") },
			Problem:  func(p Problem) { got = append(got, p.Rule+"@"+p.Pointer) },
		})
		if err != nil {
			t.Fatal(err)
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("--type %q %s\n got  %s\n want %s", c.typ, c.doc, g, c.want)
		}
	}
}

// TestLateContextPastTheWindow: a value array longer than
// LateContextWindow is streamed before its context is known; its items
// are checked without the context, and the context says so, at its place.
// Within the window (the same document, a larger window) the context types
// every item and is no finding.
func TestLateContextPastTheWindow(t *testing.T) {
	const v1 = "https://graph.microsoft.com/v1.0/$metadata#"
	doc := `{"value": [` + strings.Repeat(`{"a": 1}, `, 50) + `{"a": 1}], "@odata.context": "` + v1 + `deviceAppManagement/vppTokens"}`
	defer func(w int) { LateContextWindow = w }(LateContextWindow)
	LateContextWindow = 64
	got := walkAll(t, doc)
	if !strings.HasPrefix(got, "/value/0:- ") || !strings.HasSuffix(got, " odata-context@/@odata.context") || strings.Contains(got, "v1.0") {
		t.Errorf("past the window: got %s\nwant the items untyped, then one odata-context finding", got)
	}
	LateContextWindow = len(doc)
	if got := walkAll(t, doc); strings.Contains(got, "odata-context") || !strings.HasPrefix(got, "/value/0:v1.0/vppToken ") {
		t.Errorf("within the window: got %s\nwant every item typed v1.0 and no finding", got)
	}
}

// TestGraphErrorMessage: the graph-error finding quotes the error's code
// and message when they are strings, and names their kind otherwise, so
// that a null message does not read as an empty string.
func TestGraphErrorMessage(t *testing.T) {
	for doc, want := range map[string]string{
		`{"error": {"code": "BadRequest", "message": "no"}}`: `code "BadRequest", message "no"`,
		`{"error": {"code": "BadRequest", "message": null}}`: `code "BadRequest", message null`,
		`{"error": {"message": ""}}`:                         `code (none), message ""`,
	} {
		var got []string
		err := Walk(jsonpos.NewDecoder(strings.NewReader(doc), jsonpos.Options{}), Visitor{
			Resource: func(r Resource) { t.Errorf("%s: resource %s", doc, r.Pointer) },
			Problem:  func(p Problem) { got = append(got, p.Message) },
		})
		if err != nil || len(got) != 1 || !strings.HasSuffix(got[0], "not data: "+want) {
			t.Errorf("%s: %q, %v; want one finding ending %q", doc, got, err, want)
		}
	}
}
