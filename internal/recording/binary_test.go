package recording

import (
	"strings"
	"testing"
)

// TestBinaryBodies reads every way a cassette marks a body as base64,
// request and response alike: YAML's !!binary (VCR.py), Psych's local
// !binary (Ruby VCR, for bytes that are not ASCII), the verbatim tag, and
// Ruby VCR's base64_string (preserve_exact_body_bytes).
func TestBinaryBodies(t *testing.T) {
	const req, resp = `{"requests":[]}`, `{"a":"é"}`
	// base64 of req and resp
	const req64, resp64 = "eyJyZXF1ZXN0cyI6W119", "eyJhIjoiw6kifQ=="
	cases := map[string]string{
		"ruby !binary": "http_interactions:\n- request:\n    method: post\n    uri: http://x/\n    body:\n      encoding: ASCII-8BIT\n      string: !binary |-\n        " + req64 +
			"\n  response:\n    status:\n      code: 200\n    body:\n      encoding: ASCII-8BIT\n      string: !binary |-\n        " + resp64 + "\n",
		"ruby !!binary": "http_interactions:\n- request:\n    uri: http://x/\n    body:\n      string: !!binary " + req64 +
			"\n  response:\n    body:\n      string: !!binary \"" + resp64 + "\"\n",
		"ruby verbatim tag": "http_interactions:\n- request:\n    uri: http://x/\n    body:\n      string: !<tag:yaml.org,2002:binary> " + req64 +
			"\n  response:\n    body:\n      string: !<tag:yaml.org,2002:binary> " + resp64 + "\n",
		"ruby base64_string": "http_interactions:\n- request:\n    uri: http://x/\n    body:\n      encoding: UTF-8\n      base64_string: |\n        " + req64 +
			"\n  response:\n    body:\n      encoding: UTF-8\n      base64_string: |\n        " + resp64[:8] + "\n        " + resp64[8:] + "\n",
		"vcrpy !!binary": "interactions:\n- request:\n    uri: http://x/\n    body: !!binary |\n      " + req64 +
			"\n  response:\n    status: {code: 200}\n    body:\n      string: !!binary |\n        " + resp64 + "\n",
		"go-vcr !!binary": "interactions:\n- request:\n    url: http://x/\n    body: !!binary " + req64 +
			"\n  response:\n    code: 200\n    body: !!binary " + resp64 + "\n",
	}
	for name, src := range cases {
		its, _, err := Read([]byte(src), nil)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(its) != 1 {
			t.Errorf("%s: %d interactions", name, len(its))
			continue
		}
		it := its[0]
		if string(it.Request) != req || string(it.Body) != resp || it.Problem != "" {
			t.Errorf("%s: request %q, body %q (%s); want %q, %q", name, it.Request, it.Body, it.Problem, req, resp)
			continue
		}
		// The é is the body's bytes 6 and 7, in its third group of four.
		p := it.Map.Locate(6)
		line := strings.Split(src, "\n")[p.Line-1]
		if got := string([]rune(line)[p.Column-1:]); !strings.HasPrefix(got, resp64[8:12]) {
			t.Errorf("%s: body byte 6 at %d:%d (%q), want the group %q", name, p.Line, p.Column, got, resp64[8:12])
		}
	}
}
