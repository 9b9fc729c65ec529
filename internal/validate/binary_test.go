package validate

import (
	"encoding/base64"
	"strconv"
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
)

// canonicalBase64 is the test's own reading of an Edm.Binary value, from
// Go's encoding/base64 rather than a pattern: base64 in the standard or
// the URL-safe alphabet, padded or not, whose last character leaves no
// bit set past the data (Strict, RFC 4648 section 3.5), which is what
// OData's ABNF (odata-abnf-construction-rules, binaryValue with base64b16
// and base64b8) allows. The decoders skip CR and LF; a value must not
// hold them.
func canonicalBase64(s string) bool {
	if strings.ContainsAny(s, "\r\n") {
		return false
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if _, err := enc.Strict().DecodeString(s); err == nil {
			return true
		}
	}
	return false
}

// TestBinaryIsCanonicalBase64 holds the Edm.Binary check of both paths,
// the fast path and jsonschema/v5, to canonicalBase64, for a full group
// followed by every tail of up to four characters drawn from final
// characters allowed and refused after one and two data characters,
// padding, and both alphabets' own characters.
func TestBinaryIsCanonicalBase64(t *testing.T) {
	for _, version := range model.Versions() {
		s, err := LoadSchemas(version)
		if err != nil {
			t.Fatal(err)
		}
		typ := s.Type("mimeContent")
		if typ == nil || typ.fastCheck() == nil {
			t.Fatalf("%s: no mimeContent type with a fast check", version)
		}
		sch, err := typ.Schema()
		if err != nil {
			t.Fatal(err)
		}
		const chars = "AQER0=+/-_" // A, Q: may end either; E, 0: three; R: neither
		var tails []string
		var grow func(tail string)
		grow = func(tail string) {
			tails = append(tails, tail)
			if len(tail) < 4 {
				for _, c := range chars {
					grow(tail + string(c))
				}
			}
		}
		grow("")
		valid := 0
		for _, tail := range tails {
			for _, value := range []string{tail, "iVBO" + tail} {
				src := `{"type": "image/png", "value": ` + strconv.Quote(value) + `}`
				doc, err := jsonpos.Parse([]byte(src), jsonpos.Options{})
				if err != nil {
					t.Fatal(err)
				}
				var fails []failure
				missing, sure := typ.fast.treeVerdict(doc.Root, &fails)
				fast := sure && missing == nil && fails == nil
				v5 := sch.Validate(jsonpos.ToAnyWith(doc.Root, schemaNumber)) == nil
				want := canonicalBase64(value)
				if !sure || fast != want || v5 != want {
					t.Fatalf("%s: %q: fast path sure %v valid %v, jsonschema/v5 valid %v; want valid %v", version, value, sure, fast, v5, want)
				}
				if want {
					valid++
				}
			}
		}
		if valid < 100 {
			t.Errorf("%s: only %d valid values", version, valid)
		}
	}
}
