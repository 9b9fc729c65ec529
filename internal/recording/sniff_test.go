package recording

import (
	"strings"
	"testing"
)

// TestSniff tells recordings from Graph payloads by their first bytes.
func TestSniff(t *testing.T) {
	cases := map[string]bool{
		`{"log": {"entries": []}}`:                               true,
		"\ufeff{\n  \"Entries\": []}":                            true,
		"{\n    \"version\": 1,\n    \"interactions\": [":        true, // VCR.py's json serializer
		`{"http_interactions":[{"request":`:                      true, // Ruby VCR's
		`{"version": {"log": 1}, "x": "\"interactions\""}`:       false,
		`{"@odata.context": "x", "value": [{"log": "Entries"}]}`: false,
		`{"value": [], "interactions`:                            false, // cut inside a name
		`[{"log": 1}]`:                                           false,
		"interactions:\n- request:":                              true,
	}
	for head, want := range cases {
		if got := Sniff("input.json", []byte(head)); got != want {
			t.Errorf("Sniff(%q) = %v, want %v", head, got, want)
		}
	}
}

// TestJSONCassette reads a cassette written by VCR.py's json serializer,
// whose bodies escape every character beyond ASCII, a character beyond
// the BMP as a surrogate pair (YAML readers refuse those).
func TestJSONCassette(t *testing.T) {
	src := `{
    "version": 1,
    "interactions": [
        {
            "request": {
                "method": "GET",
                "uri": "https://graph.microsoft.com/beta/deviceAppManagement/vppTokens",
                "body": null,
                "headers": {}
            },
            "response": {
                "status": {
                    "code": 200,
                    "message": "OK"
                },
                "headers": {
                    "Content-Type": [
                        "application/json"
                    ]
                },
                "body": {
                    "string": "{\"displayName\": \"\ud83d\ude00 \u00e9\", \"state\": \"Valid\"}"
                }
            }
        }
    ]
}
`
	its, f, err := Read([]byte(src), nil)
	if err != nil || f.Name != "vcrpy" || len(its) != 1 {
		t.Fatalf("read as %v: %d interactions, %v", f, len(its), err)
	}
	it := its[0]
	const body = "{\"displayName\": \"\U0001F600 é\", \"state\": \"Valid\"}"
	if string(it.Body) != body || it.Status != 200 || it.ContentType != "application/json" {
		t.Fatalf("body %q, status %d, type %q", it.Body, it.Status, it.ContentType)
	}
	p := it.Map.Locate(int64(strings.Index(body, `"Valid"`)))
	if line := strings.Split(src, "\n")[p.Line-1]; !strings.HasPrefix(string([]rune(line)[p.Column-1:]), `\"Valid\"`) {
		t.Errorf("\"Valid\" placed at %d:%d", p.Line, p.Column)
	}
}
