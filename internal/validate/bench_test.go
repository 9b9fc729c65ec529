package validate

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// resourceJSON is one valid revoke result as Graph sends it.
const resourceJSON = `{"@odata.type": "#microsoft.graph.vppTokenRevokeLicensesActionResult", "actionName": "RevokeLicenses", "actionState": "failed", "startDateTime": "2024-03-01T09:00:00.1234567Z", "lastUpdatedDateTime": "2024-03-01T10:04:00.7654321+01:00", "totalLicensesCount": 2147483, "failedLicensesCount": 12, "actionFailureReason": "expiredVppToken"}`

// collectionJSON builds a collection of n resources.
func collectionJSON(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"@odata.context": "https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.vppTokenRevokeLicensesActionResult)", "value": [`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(strings.Replace(resourceJSON, `"RevokeLicenses"`, fmt.Sprintf(`"Revoke %d"`, i), 1))
	}
	b.WriteString("]}\n")
	return b.Bytes()
}

// BenchmarkReader measures the reader alone on a collection.
func BenchmarkReader(b *testing.B) {
	src := collectionJSON(10000)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := jsonpos.Parse(src, jsonpos.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkResource measures checking one small file holding one resource.
func BenchmarkResource(b *testing.B) {
	v, _ := New(Options{})
	src := []byte(resourceJSON)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if res := v.Validate("r.json", src, rules.Severities{}); len(res.Findings) != 0 {
			b.Fatal(res.Findings)
		}
	}
}

// BenchmarkCollection measures checking a collection, streamed: of
// revoke results, and of vppTokens each holding two results (the clean
// speed that the "token-" kinds of BenchmarkCollectionWithFindings
// compare with).
func BenchmarkCollection(b *testing.B) {
	for _, c := range []struct {
		name      string
		src       []byte
		resources int
	}{{"results", collectionJSON(10000), 10000}, {"tokens", tokenCollectionJSON(10000), 30000}} {
		b.Run(c.name, func(b *testing.B) {
			v, _ := New(Options{})
			b.SetBytes(int64(len(c.src)))
			for b.Loop() {
				if res := v.Validate("c.json", c.src, rules.Severities{}); len(res.Findings) != 0 || res.Resources != c.resources {
					b.Fatal(res.Findings[:1], res.Resources)
				}
			}
		})
	}
}

// tokenJSON is one valid vppToken holding two results, the second of the
// derived type, each a resource of its own for the check.
const tokenJSON = `{"id": "0d9a5c3e-7b1f-4e2a-9c8d-6f5e4d3c2b1a", "appleId": "vpp@fabrikam.example", "automaticallyUpdateApps": true, "claimTokenManagementFromExternalMdm": false, "countryOrRegion": "ca", "dataSharingConsentGranted": true, "displayName": null, "expirationDateTime": "2026-08-31T23:59:59-07:00", "lastModifiedDateTime": "2025-09-01T06:29:58Z", "lastSyncDateTime": "2025-09-01T06:30:12Z", "lastSyncStatus": "completed", "locationName": "Fabrikam", "organizationName": "Fabrikam Schools", "roleScopeTagIds": ["0", "3"], "state": "valid", "token": null, "vppTokenAccountType": "education", "appleDeviceAppDeliveryProtocolType": "mobileDeviceManagement", "tokenActionResults": [` +
	`{"actionName": "SyncLicenses", "actionState": "done", "startDateTime": "2025-09-01T06:30:00Z", "lastUpdatedDateTime": "2025-09-01T06:30:11Z"}, ` +
	`{"@odata.type": "#microsoft.graph.vppTokenRevokeLicensesActionResult", "actionName": "RevokeLicenses", "actionState": "failed", "startDateTime": "2025-09-01T06:31:00Z", "lastUpdatedDateTime": "2025-09-01T06:31:40Z", "totalLicensesCount": 25, "failedLicensesCount": 3, "actionFailureReason": "appleFailure"}]}`

// appJSON is one valid iosVppApp, whose icon, licensing type, device
// types and revoke result are each a resource of their own for the check.
const appJSON = `{"@odata.type": "#microsoft.graph.iosVppApp", "id": "0f1c4a6e-2b9d-4c1e-9a57-7d0b8e3f5a21", "displayName": "Pages", "description": "Documents that stand apart", "publisher": "Apple", "largeIcon": {"type": "image/png", "value": "iVBORw0KGgo="}, "createdDateTime": "2024-02-11T08:14:03.4177025Z", "lastModifiedDateTime": "2024-05-30T17:02:44.1009331Z", "isFeatured": false, "privacyInformationUrl": null, "informationUrl": "https://www.apple.com/pages/", "owner": "", "developer": "", "notes": "", "publishingState": "published", "uploadState": 1, "isAssigned": true, "roleScopeTagIds": ["0"], "dependentAppCount": 0, "supersedingAppCount": 0, "supersededAppCount": 0, "usedLicenseCount": 12, "totalLicenseCount": 50, "releaseDateTime": "2010-04-01T07:00:00Z", "appStoreUrl": "https://apps.apple.com/us/app/pages/id361309726", ` +
	`"licensingType": {"supportUserLicensing": true, "supportDeviceLicensing": true, "supportsUserLicensing": true, "supportsDeviceLicensing": true}, "applicableDeviceType": {"iPad": true, "iPhoneAndIPod": true}, "vppTokenOrganizationName": "Contoso Schools", "vppTokenAccountType": "education", "vppTokenAppleId": "vpp@contoso.example", "bundleId": "com.apple.Pages", "vppTokenId": "b7e4c1d2-3f5a-4e6b-8c9d-0a1b2c3d4e5f", "vppTokenDisplayName": "Contoso VPP", "appleDeviceAppDeliveryProtocolType": "mobileDeviceManagement", ` +
	`"revokeLicenseActionResults": [{"userId": "5c2f0e4b-8a1d-4f3e-9b6c-7d8e9f0a1b2c", "managedDeviceId": null, "totalLicensesCount": 1, "failedLicensesCount": 0, "actionFailureReason": "none", "actionName": "revokeUserLicense", "actionState": "done", "startDateTime": "2024-05-30T16:40:00Z", "lastUpdatedDateTime": "2024-05-30T16:41:12.5Z"}]}`

// tokenCollectionJSON builds a collection of n vppTokens.
func tokenCollectionJSON(n int) []byte {
	return itemsJSON("deviceAppManagement/vppTokens", tokenJSON, `"Fabrikam"`, n)
}

// itemsJSON builds a collection, declared by context, of n copies of
// item, each with the string mark numbered.
func itemsJSON(context, item, mark string, n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"@odata.context": "https://graph.microsoft.com/beta/$metadata#` + context + `", "value": [`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(strings.Replace(item, mark, fmt.Sprintf(`%s %d"`, mark[:len(mark)-1], i), 1))
	}
	b.WriteString("]}\n")
	return b.Bytes()
}

// findingCollection is a collection of 10,000 items, one a line, in
// which every item has a finding.
type findingCollection struct {
	src []byte
	// declared is the type the collection declares for its items, ""
	// for a bare array.
	declared string
	// resources is how many resources each item is: one, and one for
	// each value nested in it that is checked as a resource of its own.
	resources int
	// clean is the collection src was made from, without the mistake,
	// one item a line as in src.
	clean []byte
}

// findingCollections are collections in which every resource has a
// finding of the kinds a team adopting the tool meets everywhere at
// once: a property name with the wrong case, results of the derived type
// in a collection declared as the base type, without @odata.type (an
// odata-type error each, the payload having a context), and a value its schema rejects: an
// enum member with the wrong case, a count sent as a string, a count
// beyond Int32, a timestamp without its zone. The "token-" and "app-"
// kinds are vppTokens and iosVppApps with the mistake in the resource or
// in one of the values nested in it.
func findingCollections() map[string]findingCollection {
	out := map[string]findingCollection{}
	results := collectionJSON(10000) // what revokeFindings changes
	for kind, src := range revokeFindings() {
		declared := "vppTokenRevokeLicensesActionResult"
		switch {
		case kind == "untyped":
			declared = "vppTokenActionResult" // as its collection declares
		case src[0] == '[':
			declared = ""
		}
		out[kind] = findingCollection{src, declared, 1, results}
	}
	tokens := tokenCollectionJSON(10000)
	change := func(from, to string) []byte { return bytes.ReplaceAll(tokens, []byte(from), []byte(to)) }
	for kind, src := range map[string][]byte{
		"token-state-case":      change(`"state": "valid"`, `"state": "Valid"`),
		"token-result-enum":     change(`"actionState": "done"`, `"actionState": "Done"`),
		"token-result-casing":   change(`{"actionName": "SyncLicenses"`, `{"ActionName": "SyncLicenses"`),
		"token-result-untyped":  change(`"@odata.type": "#microsoft.graph.vppTokenRevokeLicensesActionResult", `, ""),
		"token-result-misspelt": change(`"#microsoft.graph.vppTokenRevokeLicensesActionResult"`, `"#microsoft.graph.vppTokenRevokeLicenseActionResult"`),
		"token-result-exceeds":  change(`"failedLicensesCount": 3`, `"failedLicensesCount": 30`),
		"token-both":            change(`"state": "valid", "token": null, "vppTokenAccountType": "education", "appleDeviceAppDeliveryProtocolType": "mobileDeviceManagement", "tokenActionResults": [{"actionName": "SyncLicenses", "actionState": "done"`, `"state": "Valid", "token": null, "vppTokenAccountType": "education", "appleDeviceAppDeliveryProtocolType": "mobileDeviceManagement", "tokenActionResults": [{"actionName": "SyncLicenses", "actionState": "Done"`),
	} {
		out[kind] = findingCollection{src, "vppToken", 3, tokens}
	}
	apps := itemsJSON("deviceAppManagement/mobileApps", appJSON, `"Pages"`, 10000)
	for kind, change := range map[string][2]string{
		"app-enum":          {`"vppTokenAccountType": "education"`, `"vppTokenAccountType": "Education"`},
		"app-icon-type":     {`"type": "image/png"`, `"type": 5`},
		"app-device-casing": {`{"iPad": true`, `{"IPad": true`},
	} {
		out[kind] = findingCollection{bytes.ReplaceAll(apps, []byte(change[0]), []byte(change[1])), "mobileApp", 5, apps}
	}
	return out
}

// revokeFindings are collections of 10,000 revoke results, each with
// the same mistake.
func revokeFindings() map[string][]byte {
	clean := collectionJSON(10000)
	change := func(from, to string) []byte { return bytes.ReplaceAll(clean, []byte(from), []byte(to)) }
	return map[string][]byte{
		"casing":    change(`"actionName"`, `"ActionName"`),
		"enum":      change(`"actionState": "failed"`, `"actionState": "Failed"`),
		"type":      change(`"failedLicensesCount": 12`, `"failedLicensesCount": "12"`),
		"range":     change(`"totalLicensesCount": 2147483`, `"totalLicensesCount": 2147483648`),
		"fraction":  change(`"totalLicensesCount": 2147483`, `"totalLicensesCount": 2147483.5`),
		"beyond-64": change(`"totalLicensesCount": 2147483`, `"totalLicensesCount": 18446744073709551617`),
		"date-time": change(`"2024-03-01T09:00:00.1234567Z"`, `"2024-03-01T09:00:00.1234567"`),
		"untyped": bytes.ReplaceAll(change(`"@odata.type": "#microsoft.graph.vppTokenRevokeLicensesActionResult", `, ""),
			[]byte("Collection(microsoft.graph.vppTokenRevokeLicensesActionResult)"), []byte("Collection(microsoft.graph.vppTokenActionResult)")),
		"odata-type":        change(`"#microsoft.graph.vppTokenRevokeLicensesActionResult"`, `"#microsoft.graph.vppTokenRevokeLicenseActionResult"`),
		"odata-type-prefix": change(`"#microsoft.graph.vppToken`, `"microsoft.graph.vppToken`),
		"duplicate-key":     change(`"actionState": "failed"`, `"actionState": "failed", "actionState": "failed"`),
		"time-order":        change(`"startDateTime": "2024-`, `"startDateTime": "2025-`),
		"negative-count":    change(`"failedLicensesCount": 12`, `"failedLicensesCount": -12`),
		"failed-exceeds":    change(`"totalLicensesCount": 2147483`, `"totalLicensesCount": 2`),
		"array-for-string":  change(`"actionState": "failed"`, `"actionState": ["failed"]`),
		"object-for-count":  change(`"failedLicensesCount": 12`, `"failedLicensesCount": {"value": 12}`),
		"nested-unknown":    change(`"actionName"`, `"details": {"reason": [1, "x"]}, "actionName"`),
		"deep-unknown":      change(`"actionName"`, `"details": {"a": {"b": {"c": [{"d": {"e": null}}]}}}, "actionName"`),
		"wide-unknown":      change(`"actionName"`, `"details": {`+wideMembers(24)+`}, "actionName"`),
		"many-unknown":      change(`"actionName"`, wideMembers(30)+`, "actionName"`),
		"non-string-type":   change(`"#microsoft.graph.vppTokenRevokeLicensesActionResult"`, `42`),
		// What a serializer with its default naming (.NET's PascalCase)
		// writes when nobody asked for @odata.type, as a bare array: the
		// type is told from near misses of the members' names.
		"pascal-case-bare": pascalBare(clean),
	}
}

// wideMembers is n members "m0": 0, "m1": 1, ... of an object.
func wideMembers(n int) string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf(`"m%d": %d`, i, i)
	}
	return strings.Join(out, ", ")
}

// pascalBare turns a collection into a bare array of its items, without
// @odata.type and with every member name capitalised.
func pascalBare(collection []byte) []byte {
	start := bytes.Index(collection, []byte(`"value": [`)) + len(`"value": `)
	items := bytes.TrimSuffix(bytes.TrimSpace(collection[start:]), []byte("}"))
	items = bytes.ReplaceAll(items, []byte(`"@odata.type": "#microsoft.graph.vppTokenRevokeLicensesActionResult", `), nil)
	for _, name := range []string{"actionName", "actionState", "startDateTime", "lastUpdatedDateTime", "totalLicensesCount", "failedLicensesCount", "actionFailureReason"} {
		items = bytes.ReplaceAll(items, []byte(`"`+name+`":`), []byte(`"`+strings.ToUpper(name[:1])+name[1:]+`":`))
	}
	return append(items, '\n')
}

// BenchmarkCollectionWithFindings measures what BenchmarkCollection
// measures when every resource has a finding; issue 11 wants at least
// half the clean collection's MB/s.
func BenchmarkCollectionWithFindings(b *testing.B) {
	for name, fc := range findingCollections() {
		b.Run(name, func(b *testing.B) {
			v, _ := New(Options{})
			b.SetBytes(int64(len(fc.src)))
			for b.Loop() {
				if res := v.Validate("c.json", fc.src, rules.Severities{}); res.Resources != 10000*fc.resources || res.Omitted.Errors+res.Omitted.Warnings < 9000 {
					b.Fatal(res.Resources, res.Omitted)
				}
			}
		})
	}
}

// BenchmarkWalker times the walker of a parallel check alone (reading,
// cutting runs, handing them over, with workers that check nothing)
// beside one goroutine checking the same collection. A walker that cuts
// one run at a time reads every byte on one goroutine, so on any number
// of cores -j N is at most its MB/s over serial's MB/s times as fast as
// -j 1; one that scans one block per core at once (as the walker does
// when many workers run short) can go faster where waking a thread costs
// little beside a block's scan.
//
// A walker runs only with two workers or more, so the walker's cases ask
// for at least two even under -cpu 1. The count is read inside each case:
// with a -cpu list, testing sets GOMAXPROCS for each case, while this
// function's own body runs once.
func BenchmarkWalker(b *testing.B) {
	src := collectionJSON(100000)
	for _, bench := range []struct {
		name   string
		blocks int // cutSizes.blocks; 1 for no walker, 0 for one per worker
	}{{"serial", 1}, {"walker-alone/one-run-at-a-time", -1}, {"walker-alone/blocks", 0}} {
		b.Run(bench.name, func(b *testing.B) {
			n := max(2, runtime.GOMAXPROCS(0))
			walker := bench.blocks != 1
			v, _ := New(Options{Workers: n})
			if !walker {
				v, _ = New(Options{})
			}
			v.walkOnly = walker
			v.cuts.blocks = bench.blocks
			if bench.blocks == 0 {
				v.cuts.blocks = n
			}
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				res := v.Validate("c.json", src, rules.Severities{})
				if len(res.Findings) != 0 || (res.Resources != 100000) != walker {
					b.Fatal(res.Findings, res.Resources)
				}
			}
		})
	}
}
