package validate

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vppvalidate/vppvalidate/internal/input"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/payload"
	"github.com/vppvalidate/vppvalidate/internal/rules"
	"github.com/vppvalidate/vppvalidate/internal/suggest"
)

// quickPair is a validator with the quick and fast paths and one without,
// both with the same options.
type quickPair struct{ fast, slow *Validator }

func newQuickPairs(t testing.TB) []quickPair {
	var pairs []quickPair
	// With a limit of one finding, nearly every finding is counted past
	// it, where the quick path builds neither pointers nor lint messages
	// (check.elide): the counts must still be the tree path's.
	for _, opts := range []Options{{}, {Type: "vppTokenActionResult"}, {MaxFindings: 1}} {
		fast, err := New(opts)
		if err != nil {
			t.Fatal(err)
		}
		slow, _ := New(opts)
		slow.slow = true
		pairs = append(pairs, quickPair{fast, slow})
	}
	return pairs
}

// quickDocuments places an item in the documents the quick path reads:
// collections declaring two types, a batch answer, a bare array, a single
// file, and JSON Lines. Most hold the item more than once and a resource
// with a finding after it, so that positions after skipped items are
// compared too.
func quickDocuments(item string) []Input {
	tail := ",\n\t" + item + ",\n  {\"actionState\": \"done\u00e9\"}"
	var docs []Input
	for _, typ := range []string{"vppTokenActionResult", "vppToken"} {
		src := fmt.Sprintf(`{"@odata.context": "https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.%s)", "value": [%s%s]}`, typ, item, tail)
		docs = append(docs, Input{Name: typ + ".json", Reader: strings.NewReader(src)})
	}
	if strings.HasPrefix(item, "{") {
		docs = append(docs, Input{Name: "context.json", Reader: strings.NewReader(`{"@odata.context": "https://graph.microsoft.com/beta/$metadata#microsoft.graph.user", ` + item[1:])})
	}
	return append(docs,
		Input{Name: "batch.json", Reader: strings.NewReader(`{"responses": [{"id": "1", "status": 200, "body": {"@odata.context": "https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.vppTokenRevokeLicensesActionResult)", "value": [` +
			item + tail + `]}}, {"id": "2", "body": [` + item + `]}, {"id": "3", "body": ` + item + `}]}`)},
		Input{Name: "single.json", Reader: strings.NewReader(item)},
		Input{Name: "resources.jsonl", Lines: true, Reader: strings.NewReader(item + "\n" + accented + "\n" + item + "\n" + `{"bad": 1}` + "\n")},
		// All on one line: columns after items with multi-byte characters.
		Input{Name: "array.json", Reader: strings.NewReader("[ " + accented + ", " + item + ", " + item + `, {"actionState": "doneé"}]`)},
		Input{Name: "lines.jsonl", Lines: true, Reader: strings.NewReader("[" + item + ", " + item + "]\n" + `{"bad": 1}` + "\n")},
	)
}

// accented is a valid resource with characters outside ASCII, as
// translated action names have.
const accented = `{"@odata.type": "#microsoft.graph.vppTokenActionResult", "actionName": "Lizenzen synchronisieren ✓ \u00e9", "actionState": "done", "startDateTime": "2024-03-01T09:00:00Z", "lastUpdatedDateTime": "2024-03-01T09:00:00Z"}`

// quickAgrees checks that every document holding item gives the same
// result with the quick path as without it, and reports whether the quick
// path accepted the item in a collection of revoke results.
func quickAgrees(t *testing.T, pairs []quickPair, item string) bool {
	t.Helper()
	for _, p := range pairs {
		for _, in := range quickDocuments(item) {
			src, _ := readAll(in)
			in.Reader, in.Size = bytes.NewReader(src), int64(len(src))
			z, errZ := p.slow.Check(in)
			// On one goroutine, then cut into runs of one item each and
			// checked on two workers, then without proofs (flatFindings
			// alone).
			noProofs := *p.fast
			noProofs.proofs = proofPolicy{after: 0, every: math.MaxInt}
			for _, fast := range []*Validator{p.fast, parallelOf(p.fast, 2, 1), &noProofs} {
				in.Reader = bytes.NewReader(src)
				a, errA := fast.Check(in)
				if !sameResult(a, z) || (errA == nil) != (errZ == nil) {
					t.Fatalf("--type %q, %s, %d workers:\n%s\nwith the quick path: %+v\nwithout:            %+v", p.fast.opts.Type, in.Name, fast.opts.Workers, src, a, z)
				}
			}
		}
	}
	var buf [quickMembers]jsonpos.FlatMember
	_, members, _, ok := jsonpos.ScanFlat([]byte(item), buf[:0])
	for _, declared := range []string{"", "vppTokenActionResult", "vppTokenRevokeLicensesActionResult"} {
		if ok && pairs[0].fast.quiet(&quietState{}, members, declaredIn(declared), false) {
			return true
		}
	}
	return false
}

func sameResult(a, z Result) bool {
	return a.Resources == z.Resources && a.Omitted == z.Omitted && slices.Equal(a.Findings, z.Findings)
}

func readAll(in Input) ([]byte, error) {
	var b bytes.Buffer
	_, err := b.ReadFrom(in.Reader)
	return b.Bytes(), err
}

// quickChanges are the near misses the quick path has to tell apart
// itself: escapes, non-ASCII text, white space and number spellings.
var quickChanges = []string{
	`"R\u00e9voquer les licences \ud83d\ude00"`, `"Lizenzen widerrufen ✓"`, `"a\"b"`, `"\ud83d"`, `"\ude00\ud83d"`,
	`"\u0030001-01-01T00:00:00Z"`, `"0\u0030\u0030\u0031-01-01T00:00:00Z"`, `"0001-01-01T00:00:00Z"`, `"0000-12-31T23:00:00-01:00"`,
	`"none"`, `"failed"`, `"done"`, `"appleFailure"`, `"d\u006fne"`, `"\u0066ailed"`, `"#microsoft.graph.vppTokenRevokeLicensesActionResul\u0074"`, `"x\/y"`, `"\x"`, `"\u12"`,
	"\"\xff\"", "\"\xc3\xa9\"", "\"tab\tinside\"", `"2024-03-01T09:00:00Z"`, `"2024-03-01T08:00:00+01:00"`,
	`01`, `-0`, `-`, `1E2`, `0.0`, `-12`, `2147483647`, `-2147483648`, `9223372036854775808`, `-9999999999999999999`,
	`truex`, `nul`, `"`, `{"a": 1}`, `null`, `true`, `1.5`, `"DONE"`, `"12"`, `"2024-02-30T00:00:00Z"`,
	`["failed"]`, `[]`, `{}`, `[[1]]`, `{"a": {"b": {"c": 1}}}`, `{"a": 1, "a": 2}`, `[1,]`, `{"@odata.type": "#microsoft.graph.vppToken"}`,
}

// mutateText changes one value of an object held as text, or the white
// space between its tokens.
func mutateText(rng *rand.Rand, src string) string {
	m, start, end, ok := pickMember(rng, src)
	if !ok {
		return src
	}
	switch rng.IntN(6) {
	case 0: // white space before the value
		return src[:start] + []string{"\n", "\r\n\t", "  ", "\n\n "}[rng.IntN(4)] + src[start:]
	case 1: // the member again, under an annotation name
		return src[:end] + `, "` + m.Name + `@odata.type": ` + quickChanges[rng.IntN(len(quickChanges))] + src[end:]
	case 2: // the member again: a duplicate, whose last value counts
		return src[:end] + `, "` + m.Name + `": ` + quickChanges[rng.IntN(len(quickChanges))] + src[end:]
	default:
		return src[:start] + quickChanges[rng.IntN(len(quickChanges))] + src[end:]
	}
}

// TestQuickAgrees is the quick path's differential test: the resources of
// every fixture and thousands of changes to them, each in collections of
// every type, bare arrays and JSON Lines, with and without --type, give
// exactly the same result (findings, positions, resource count) with the
// quick path as without.
func TestQuickAgrees(t *testing.T) {
	// Resources of the valid fixtures get more changes than those of the
	// invalid ones: most start valid, and changes that keep them valid
	// (white space, escapes, annotations) are the quick path's business.
	variants := map[string]int{"valid": 40, "invalid": 4}
	pairs := newQuickPairs(t)
	rng := rand.New(rand.NewPCG(3, 5))
	accepted, total := 0, 0
	for _, dir := range []string{"valid", "invalid"} {
		var resources []string
		for _, ext := range input.Extensions {
			files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*"+ext))
			for _, p := range files {
				b, _ := os.ReadFile(p)
				collect(b, &resources)
			}
		}
		if dir == "valid" {
			resources = append(resources, resourceJSON)
		}
		// Only the objects that are resources: collections and batches
		// around them are never read the quick way.
		resources = slices.DeleteFunc(resources, func(r string) bool {
			return !strings.Contains(r, `"actionState"`) || strings.Contains(r, `"value"`) || strings.Contains(r, `"responses"`)
		})
		for _, src := range resources {
			for i := 0; i < variants[dir]; i++ {
				cur := src // the original, then one to three changes
				for k := 0; k < i%4; k++ {
					if rng.IntN(4) == 0 {
						cur = mutate(rng, cur)
					} else {
						cur = mutateText(rng, cur)
					}
				}
				if i%2 == 1 {
					// On one line, so that columns after it count the
					// characters in it.
					cur = strings.ReplaceAll(cur, "\n", " ")
				}
				total++
				if quickAgrees(t, pairs, cur) {
					accepted++
				}
			}
		}
	}
	// Worth something only if the quick path both accepts and declines.
	if accepted < total/5 || accepted > total*4/5 {
		t.Errorf("the quick path accepted %d of %d items", accepted, total)
	}
	t.Logf("%d items, %d accepted by the quick path", total, accepted)
}

// TestQuickAgreesNested is TestQuickAgrees for resources holding values
// that are checked as resources of their own (a vppToken's
// tokenActionResults, an app's icon and device types), with the changes
// made inside those values as well: the quick path now checks them, with
// their findings, and must give exactly what the tree path gives.
func TestQuickAgreesNested(t *testing.T) {
	var resources []string
	for _, dir := range []string{"valid", "invalid"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*.json"))
		for _, p := range files {
			b, _ := os.ReadFile(p)
			collect(b, &resources)
		}
	}
	resources = slices.DeleteFunc(append(resources, tokenJSON), func(r string) bool {
		return !strings.Contains(r, `"tokenActionResults"`) && !strings.Contains(r, `"applicableDeviceType"`) ||
			strings.Contains(r, `"value": [`) || strings.Contains(r, `"responses"`)
	})
	if len(resources) < 4 {
		t.Fatalf("only %d resources with nested values in the fixtures", len(resources))
	}
	pairs := newQuickPairs(t)
	rng := rand.New(rand.NewPCG(7, 11))
	v := pairs[0].fast
	total, withFindings := 0, 0
	for _, src := range resources {
		for i := 0; i < 30; i++ {
			cur := src
			for k := 0; k <= i%3; k++ {
				switch rng.IntN(4) {
				case 0:
					cur = mutate(rng, cur)
				case 1:
					cur = mutateText(rng, cur)
				default:
					cur = mutateNested(rng, cur)
				}
			}
			if i%2 == 1 {
				cur = strings.ReplaceAll(cur, "\n", " ")
			}
			total++
			quickAgrees(t, pairs, cur)
			// Count the items the quick path took with findings, so
			// that the test is known to reach flatItem.
			for _, declared := range []string{"vppToken", "mobileApp"} {
				d := jsonpos.NewDecoder(strings.NewReader(cur+",\n"), jsonpos.Options{})
				if _, _, err := d.Peek(); err != nil {
					break
				}
				c := v.newCheck(Input{Name: "t.json"})
				if c.proven(d, payload.Place{Context: declaredIn(declared), InCollection: true}) && c.listed > 0 && c.resources > 1 {
					withFindings++
					break
				}
			}
		}
	}
	if withFindings < total/5 {
		t.Errorf("the quick path took %d of %d items with findings", withFindings, total)
	}
	t.Logf("%d items, %d taken by the quick path with findings", total, withFindings)
}

// TestQuickAgreesOnValueArrays: a top-level object that has both an
// @odata.type and a value array is a resource or a collection by the
// order of the two (payload.ValueStreamed), on the quick path as on the
// tree path; the quick path once took one that the walker read as both.
func TestQuickAgreesOnValueArrays(t *testing.T) {
	pairs := newQuickPairs(t)
	for _, item := range []string{
		`{"@odata.type":"#graph.vppToken","id":"x","value":[1],"tokenActionResults":[]}`,
		`{"@odata.type":"#graph.vppToken","id":"x","value":[1]}`,
		`{"value":[1],"@odata.type":"#graph.vppToken","id":"x"}`,
		`{"@odata.type":"#graph.macOsVppApp","value":[{}],"revokeLicenseActionResults":[]}`,
		`{"value":[{"actionName":"a","actionState":"done"}],"@odata.type":"#microsoft.graph.vppTokenActionResult"}`,
		`{"@odata.type":"#microsoft.graph.mimeContent","type":"image/png","value":"iVBORw0KGgo="}`,
		`{"@odata.type":"#microsoft.graph.mimeContent","type":"image/png","value":["iVBORw0KGgo="]}`,
	} {
		quickAgrees(t, pairs, item)
	}
}

// mutateNested changes one object nested in an object held as text (an
// item of one of its arrays, or the value of one of its members), as
// mutate and mutateText change a resource, or the resource itself when
// it holds none.
func mutateNested(rng *rand.Rand, src string) string {
	doc, err := jsonpos.Parse([]byte(src), jsonpos.Options{})
	if err != nil || doc.Root.Kind != jsonpos.Object {
		return src
	}
	var nested []*jsonpos.Value
	for _, m := range doc.Root.Members {
		switch m.Value.Kind {
		case jsonpos.Object:
			nested = append(nested, m.Value)
		case jsonpos.Array:
			for _, it := range m.Value.Items {
				if it.Kind == jsonpos.Object {
					nested = append(nested, it)
				}
			}
		}
	}
	if len(nested) == 0 {
		return src
	}
	v := nested[rng.IntN(len(nested))]
	start, end := v.Pos.Offset, valueEnd(src, v)
	inner := src[start:end]
	switch rng.IntN(3) {
	case 0:
		inner = mutate(rng, inner)
	case 1:
		inner = mutateText(rng, inner)
	default: // a member its type does not document, or one renamed
		inner = strings.Replace(inner, `"`, `"Extra": 1, "`, 1)
	}
	return src[:start] + inner + src[end:]
}

// TestQuickTakesGraphResources: the resources Graph sends, including
// translated action names with escapes and characters outside ASCII, are
// proven without building a tree.
func TestQuickTakesGraphResources(t *testing.T) {
	v, _ := New(Options{})
	items := []string{
		resourceJSON,
		`{"@odata.type":"#microsoft.graph.vppTokenRevokeLicensesActionResult","@odata.etag":"W/\"JzEt90da5a6a\"","actionName":"Lizenzen widerrufen ✓","actionState":"done","startDateTime":"2021-05-13T04:08:35.2807601Z","lastUpdatedDateTime":"2021-05-13T04:31:22.9715388Z","totalLicensesCount":2769,"failedLicensesCount":0,"actionFailureReason":"none"}`,
		`{"@odata.type":"#microsoft.graph.vppTokenRevokeLicensesActionResult","actionName":"R\u00e9voquer les licences \ud83d\ude00","actionState":"failed","startDateTime":"2024-06-12T03:18:29.2721587+14:00","lastUpdatedDateTime":"2024-06-11T13:53:23.9471436Z","totalLicensesCount":3478,"failedLicensesCount":726,"actionFailureReason":"internalError"}`,
		"{\n  \"@odata.type\": \"#microsoft.graph.vppTokenActionResult\",\n  \"actionName\": \"syncLicenses\",\n  \"actionState\": \"done\",\n  \"startDateTime\": \"2016-12-31T23:59:59Z\",\n  \"lastUpdatedDateTime\": \"2016-12-31T23:59:60Z\"\n}",
	}
	for _, item := range items {
		d := jsonpos.NewDecoder(strings.NewReader(item+",\n"), jsonpos.Options{})
		if _, _, err := d.Peek(); err != nil {
			t.Fatal(err)
		}
		c := v.newCheck(Input{Name: "t.json"})
		if !c.proven(d, payload.Place{Context: declaredIn("vppTokenActionResult")}) || c.listed > 0 || c.resources != 1 {
			t.Errorf("not proven clean (%v):\n%s", c.pending, item)
			continue
		}
		if d.Offset() != int64(len(item)) {
			t.Errorf("consumed %d bytes of %d", d.Offset(), len(item))
		}
		lastLine := item[strings.LastIndexByte(item, '\n')+1:]
		if at := d.Here(); at.Line != strings.Count(item, "\n")+1 || at.Column != 1+utf8.RuneCountInString(lastLine) {
			t.Errorf("after the item the decoder is at %+v", at)
		}
	}
}

// TestQuickProvesNestedClean: a vppToken whose tokenActionResults are
// clean is proven clean on the quick path, its results counted as the
// resources they are; one whose results have something to say is checked
// there too, with its findings, unless a result needs the tree path (it
// is not an object, or its type is skipped), and then nothing of it is
// reported.
func TestQuickProvesNestedClean(t *testing.T) {
	v, _ := New(Options{})
	result := func(extra string) string {
		return `{"@odata.type": "#microsoft.graph.vppTokenRevokeLicensesActionResult", "actionName": "RevokeLicenses", "actionState": "done",` +
			` "startDateTime": "2024-05-02T07:12:00Z", "lastUpdatedDateTime": "2024-05-02T07:12:30Z", "totalLicensesCount": 3, "failedLicensesCount": 0,` +
			` "actionFailureReason": "none"` + extra + `}`
	}
	token := func(results ...string) string {
		return `{"@odata.type": "#microsoft.graph.vppToken", "id": "t", "organizationName": "Contoso", "vppTokenAccountType": "business",` +
			` "appleId": "a@contoso.example", "expirationDateTime": "2026-01-01T00:00:00Z", "lastSyncDateTime": "2025-01-01T00:00:00Z",` +
			` "token": null, "lastModifiedDateTime": "2025-01-01T00:00:00Z", "state": "valid", "lastSyncStatus": "completed",` +
			` "automaticallyUpdateApps": true, "countryOrRegion": "us", "dataSharingConsentGranted": true, "displayName": "T",` +
			` "locationName": "L", "claimTokenManagementFromExternalMdm": false, "appleDeviceAppDeliveryProtocolType": "default",` +
			` "roleScopeTagIds": ["0", "1"], "tokenActionResults": [` + strings.Join(results, ", ") + `]}`
	}
	at := payload.Place{Context: declaredIn("vppToken"), InCollection: true}
	for _, tc := range []struct {
		name      string
		item      string
		resources int // 0: left to the tree path
		findings  int
	}{
		{"no results", token(), 1, 0},
		{"clean results", token(result(""), result(""), result("")), 4, 0},
		{"a result with a finding", token(result(""), result(`, "extra": 1`)), 3, 1},
		{"a result a lint rule flags", token(result(""), strings.Replace(result(""), `"failedLicensesCount": 0`, `"failedLicensesCount": 9`, 1)), 3, 1},
		{"a token and a result with findings", strings.Replace(token(result(`, "extra": 1`), result("")), `"state": "valid"`, `"state": "Valid"`, 1), 3, 2},
		{"a base-type result", token(`{"actionName": "SyncLicenses", "actionState": "done", "startDateTime": "2024-05-02T07:12:00Z", "lastUpdatedDateTime": "2024-05-02T07:12:30Z"}`), 2, 0},
		{"a result that is not an object", token(result(""), `7`), 0, 0},
		{"a result of a skipped type, and one with a finding", token(`{"@odata.type": "#microsoft.graph.user", "id": "u"}`, result(`, "extra": 1`)), 0, 0},
		{"a result with a finding, then one of a skipped type", token(result(`, "extra": 1`), `{"@odata.type": "#microsoft.graph.user", "id": "u"}`), 0, 0},
		{"a result holding an unknown object", token(result(`, "details": {"a": 1}`)), 2, 1},
	} {
		d := jsonpos.NewDecoder(strings.NewReader(tc.item+",\n"), jsonpos.Options{})
		if _, _, err := d.Peek(); err != nil {
			t.Fatal(err)
		}
		c := v.newCheck(Input{Name: "t.json"})
		took := c.proven(d, at)
		switch {
		case tc.resources == 0 && (took || c.resources != 0 || c.listed != 0):
			t.Errorf("%s: the quick path took the token or reported (took: %v, %d resources, %d findings)", tc.name, took, c.resources, c.listed)
		case tc.resources > 0 && !took:
			t.Errorf("%s: the quick path left the token to the tree path", tc.name)
		case tc.resources > 0 && (c.resources != tc.resources || c.listed != tc.findings):
			t.Errorf("%s: %d resources and %d findings, want %d and %d", tc.name, c.resources, c.listed, tc.resources, tc.findings)
		}
	}
}

// TestQuickTakesFindings: a resource whose findings need no tree and no
// v5 (findingCollections holds one kind of mistake per collection) is
// checked on the quick path, so that a collection in which every item
// has the same mistake is checked about as fast as a clean one. That the
// findings are the tree path's is TestQuickAgrees's and
// TestValueFindingsWithoutV5's to show.
func TestQuickTakesFindings(t *testing.T) {
	v, _ := New(Options{})
	for kind, fc := range findingCollections() {
		// An item of a collection, or the first of a bare array.
		src := fc.src
		at := payload.Place{Context: declaredIn(fc.declared), InCollection: true}
		start := bytes.Index(src, []byte(`"value": [`)) + len(`"value": [`)
		if src[0] == '[' {
			at, start = payload.Place{}, 1
		}
		item := src[start : start+bytes.Index(src[start:], []byte(",\n"))]
		d := jsonpos.NewDecoder(bytes.NewReader(append(slices.Clip(item), ",\n"...)), jsonpos.Options{})
		if _, _, err := d.Peek(); err != nil {
			t.Fatal(err)
		}
		c := v.newCheck(Input{Name: "t.json"})
		switch {
		case !c.proven(d, at):
			t.Errorf("%s: the quick path left the resource to the tree path:\n%s", kind, item)
		case c.listed == 0:
			t.Errorf("%s: the quick path took the resource without a finding:\n%s", kind, item)
		}
	}
}

// TestFindingsAllocateLittle: a collection in which every resource has
// the same mistake costs a few allocations per resource (its findings'
// pointers and places), whatever the mistake, and the search for the
// nearest name behind a misspelt one runs once per name and file, not
// once per item. Work redone for every item that could be done once shows
// here: the search for the nearest type name alone allocated about 90
// times per item, and inferring the type of a PascalCase item searched
// 112 times.
func TestFindingsAllocateLittle(t *testing.T) {
	searches := 0
	defer func(f func(string, []string) string) { closest = f }(closest)
	closest = func(s string, candidates []string) string { searches++; return suggest.Closest(s, candidates) }
	v, _ := New(Options{})
	for kind, fc := range findingCollections() {
		src := firstItems(fc.src, 1000)
		searches = 0
		res := v.Validate("c.json", src, rules.Severities{})
		if res.Resources != 1000*fc.resources || searches > res.Resources/4 {
			t.Errorf("%s: %d resources, %d searches for a nearest name", kind, res.Resources, searches)
		}
		// A finding beyond a resource's first costs its pointer and its
		// message, and a few more where the list of findings grows.
		findings := float64(len(res.Findings)+res.Omitted.Errors+res.Omitted.Warnings+res.Omitted.Infos) / 1000
		if perResource := testing.AllocsPerRun(1, func() { v.Validate("c.json", src, rules.Severities{}) }) / 1000; perResource > 24+2*max(findings-1, 0) {
			t.Errorf("%s: %.1f allocations per resource, with %.1f findings each", kind, perResource, findings)
		}
	}
}

// firstItems cuts a collection (or a bare array) of findingCollections
// down to its first n items.
// TestProofPolicyChangesNothing: whether the quick path always tries to
// prove a resource clean before it looks for findings, never does, or
// switches between the two as the default policy does, the findings and
// counts are those of the tree path. In each collection, stretches of
// items with the mistake alternate with clean ones, of 1 to 27 items, so
// that the default policy starts and stops skipping proofs, on items
// with and without findings.
func TestProofPolicyChangesNothing(t *testing.T) {
	policies := map[string]proofPolicy{
		"always":  {after: math.MaxInt, every: 1},
		"never":   {after: 0, every: math.MaxInt},
		"eager":   {after: 1, every: 3},
		"default": defaultProofs,
	}
	for kind, fc := range findingCollections() {
		src := interleave(fc.src, fc.clean, 400)
		slow, _ := New(Options{MaxFindings: -1})
		slow.slow = true
		want := slow.Validate("c.json", src, rules.Severities{})
		if len(want.Findings) == 0 || want.Resources != 400*fc.resources {
			t.Fatalf("%s: %d resources, %d findings", kind, want.Resources, len(want.Findings))
		}
		for name, p := range policies {
			v, _ := New(Options{MaxFindings: -1})
			v.proofs = p
			if got := v.Validate("c.json", src, rules.Severities{}); !sameResult(got, want) {
				t.Errorf("%s, %s proofs: %d resources, %d findings; the tree path %d, %d\n%v\n%v", kind, name,
					got.Resources, len(got.Findings), want.Resources, len(want.Findings), got.Findings, want.Findings)
			}
		}
	}
}

// interleave makes a collection of the first n items of two, one item a
// line: the first item from a, then stretches of 1, 2, 3, ... items taken
// from b and a in turn.
func interleave(a, b []byte, n int) []byte {
	la, lb := bytes.SplitAfter(a, []byte("\n")), bytes.SplitAfter(b, []byte("\n"))
	out := slices.Clone(la[0])
	for i, stretch, fromB := 1, 1, true; i < n; stretch, fromB = stretch+1, !fromB {
		from := la
		if fromB {
			from = lb
		}
		for k := 0; k < stretch && i < n; k, i = k+1, i+1 {
			out = append(out, from[i]...)
		}
	}
	return firstItems(out, n)
}

func firstItems(src []byte, n int) []byte {
	lines := bytes.SplitAfterN(src, []byte("\n"), n+1)
	out := bytes.TrimRight(bytes.Join(lines[:n], nil), ",\n")
	if src[0] == '[' {
		return append(slices.Clip(out), "]\n"...)
	}
	return append(slices.Clip(out), "]}\n"...)
}

// FuzzQuick: for any item, the quick path changes nothing in the result
// of any document holding it.
func FuzzQuick(f *testing.F) {
	f.Add([]byte(resourceJSON))
	f.Add([]byte(tokenJSON)) // values nested in a resource
	f.Add([]byte(strings.Replace(tokenJSON, `"actionState": "done"`, `"actionState": "Done"`, 1)))
	for _, s := range quickChanges {
		f.Add([]byte(`{"@odata.type":"#microsoft.graph.vppTokenActionResult","actionName":` + s + `,"actionState":"done","startDateTime":"2016-12-31T23:59:59Z","lastUpdatedDateTime":"2017-01-01T00:00:00Z"}`))
	}
	seedResources(f, "valid")
	pairs := newQuickPairs(f)
	f.Fuzz(func(t *testing.T, item []byte) {
		quickAgrees(t, pairs, string(item))
	})
}

// declaredIn is the context of a beta collection of the named type, nil
// for "".
func declaredIn(typ string) *model.Context {
	if typ == "" {
		return nil
	}
	return &model.Context{Version: "beta", Type: model.Get("beta").Type(typ), Collection: true}
}

// TestOneDecisionPerRule changes a rule's logic in one place, the check
// itself, and expects both paths to follow: the quick path may not prove
// clean a resource that the changed rule flags. A quick path with its own
// copy of the rules would let the resource through unreported.
func TestOneDecisionPerRule(t *testing.T) {
	flagged := strings.Replace(resourceJSON, `"RevokeLicenses"`, `"flag me"`, 1)
	doc := []byte(`{"@odata.context": "https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.vppTokenRevokeLicensesActionResult)", "value": [` +
		resourceJSON + ",\n" + flagged + "]}")
	for _, slow := range []bool{false, true} {
		v, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		v.slow = slow
		// The changed rule: time-order now also flags an action name.
		v.checks = append(slices.Clone(v.checks), rules.Rule{ID: rules.TimeOrder, Check: func(r *rules.Resource, report rules.Report) {
			if i := r.Index("actionName"); i >= 0 && r.Value(i).Text == "flag me" {
				report(rules.TimeOrder, r.Value(i).Pos, r.Pointer+"/actionName", "flagged")
			}
		}})
		for _, v := range []*Validator{v, parallelOf(v, 2, 1)} { // one goroutine, then runs on two workers
			res, err := v.Check(Input{Name: "x.json", Reader: bytes.NewReader(doc), Size: int64(len(doc))})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Findings) != 1 || res.Findings[0].Pointer != "/value/1/actionName" {
				t.Errorf("slow=%v workers=%d: %+v, want one time-order finding at /value/1/actionName", slow, v.opts.Workers, res.Findings)
			}
		}
	}
}

// TestNestedSelectBothPaths checks that the values inside the resources
// of a collection whose context narrows them
// ("tokenActionResults(actionName,actionState)") are expected to have
// only what the select list names, on the flat scan's path as on the
// tree path: a result without actionState is one finding, and one
// without startDateTime none.
func TestNestedSelectBothPaths(t *testing.T) {
	const n = 300
	var b strings.Builder
	b.WriteString(`{"@odata.context":"https://graph.microsoft.com/beta/$metadata#deviceAppManagement/vppTokens(id,tokenActionResults(actionName,actionState))","value":[` + "\n")
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		result := `{"actionName":"syncLicenses","actionState":"done"}`
		if i%3 == 0 {
			result = `{"actionName":"syncLicenses"}`
		}
		fmt.Fprintf(&b, `{"id":"t%d","tokenActionResults":[%s,{"@odata.type":"#microsoft.graph.vppTokenRevokeLicensesActionResult","actionName":"revokeLicenses","actionState":"failed"}]}`, i, result)
	}
	b.WriteString("]}\n")
	src := []byte(b.String())
	slow, _ := New(Options{MaxFindings: -1})
	slow.slow = true
	want := slow.Validate("c.json", src, rules.Severities{})
	if len(want.Findings) != n/3 {
		t.Fatalf("tree path: %d findings, want %d: %v", len(want.Findings), n/3, want.Findings)
	}
	for _, f := range want.Findings {
		if f.Rule != rules.MissingProperty || !strings.HasSuffix(f.Pointer, "/tokenActionResults/0") || !strings.Contains(f.Message, `"actionState"`) {
			t.Fatalf("tree path: %+v, want a missing actionState", f)
		}
	}
	for _, workers := range []int{1, 4} {
		v, _ := New(Options{MaxFindings: -1, Workers: workers})
		if got := v.Validate("c.json", src, rules.Severities{}); !sameResult(got, want) {
			t.Errorf("workers=%d: %d resources, %d findings; the tree path %d, %d", workers, got.Resources, len(got.Findings), want.Resources, len(want.Findings))
		}
	}
}
