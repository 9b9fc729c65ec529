package validate

import (
	"bytes"
	"fmt"
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

// BenchmarkCollection measures checking a collection, streamed.
func BenchmarkCollection(b *testing.B) {
	v, _ := New(Options{})
	src := collectionJSON(10000)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if res := v.Validate("c.json", src, rules.Severities{}); len(res.Findings) != 0 || res.Resources != 10000 {
			b.Fatal(res.Findings[:1], res.Resources)
		}
	}
}
