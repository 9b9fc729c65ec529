package recording

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
)

// TestCompressedBodies reads bodies kept as they came over the wire, with
// a Content-Encoding, in each recorder's way, and bodies whose header
// says so but which were saved decoded (browsers' HAR files).
func TestCompressedBodies(t *testing.T) {
	const body = `{"id":"x","state":"Valid"}`
	var gz, zl, raw bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte(body))
	w.Close()
	z := zlib.NewWriter(&zl)
	z.Write([]byte(body))
	z.Close()
	f, _ := flate.NewWriter(&raw, flate.BestCompression)
	f.Write([]byte(body))
	f.Close()
	b64 := base64.StdEncoding.EncodeToString
	// Polly.js: a JSON list of base64 chunks, as a JSON string.
	half := len(gz.Bytes()) / 2
	chunks, _ := json.Marshal([]string{b64(gz.Bytes()[:half]), b64(gz.Bytes()[half:])})
	quoted, _ := json.Marshal(string(chunks))
	har := func(enc, text, encoding string) string {
		return `{"log": {"entries": [{"request": {"url": "u"}, "response": {"status": 200, "headers": [{"name": "content-encoding", "value": "` + enc +
			`"}], "content": {"mimeType": "application/json", ` + encoding + `"text": ` + text + `}}}]}}`
	}
	cases := []struct {
		name, src string
		at        string // the text where every body byte is placed
	}{
		{"vcrpy gzip", "interactions:\n- request: {uri: u}\n  response:\n    headers: {Content-Encoding: [gzip]}\n    body:\n      string: !!binary |\n        " + b64(gz.Bytes()) + "\n", "!!binary"},
		{"go-vcr deflate", "interactions:\n- request: {url: u}\n  response:\n    headers: {Content-Encoding: [deflate]}\n    body: !!binary " + b64(zl.Bytes()) + "\n", "!!binary"},
		{"go-vcr raw deflate", "interactions:\n- request: {url: u}\n  response:\n    headers: {Content-Encoding: [Deflate]}\n    body: !!binary " + b64(raw.Bytes()) + "\n", "!!binary"},
		{"ruby base64_string gzip", "http_interactions:\n- request: {uri: u}\n  response:\n    headers: {Content-Encoding: [x-gzip]}\n    body:\n      base64_string: " + b64(gz.Bytes()) + "\n", b64(gz.Bytes())[:8]},
		{"polly chunks", har("gzip", string(quoted), `"encoding": "base64", `), string(quoted)[:8]},
		{"har base64 gzip", har("gzip, identity", `"`+b64(gz.Bytes())+`"`, `"encoding": "base64", `), `"` + b64(gz.Bytes())[:8]},
		{"chrome, decoded", har("br", `"{\"id\":\"x\",\"state\":\"Valid\"}"`, ""), `\"state`},
		{"test proxy, inline", `{"Entries": [{"RequestUri": "u", "StatusCode": 200, "ResponseHeaders": {"Content-Encoding": "gzip"}, "ResponseBody": ` + body + `}]}`, `"state"`},
	}
	for _, c := range cases {
		its, _, err := Read([]byte(c.src), nil)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		it := its[0]
		if string(it.Body) != body || it.Problem != "" {
			t.Errorf("%s: body %q (%s), want %q", c.name, it.Body, it.Problem, body)
			continue
		}
		off := int64(strings.Index(body, `"state"`))
		p := it.BodyPos
		if !it.Inline {
			p = it.Map.Locate(off)
		} else {
			p.Offset += off
		}
		if p.Offset < 0 || p.Offset >= int64(len(c.src)) || !strings.HasPrefix(c.src[p.Offset:], c.at) {
			t.Errorf("%s: \"state\" placed at %+v, want at %q", c.name, p, c.at)
		}
	}
}

// TestCompressedProblems: a body that says it is compressed but cannot be
// decompressed is the interaction's problem, located at the body.
func TestCompressedProblems(t *testing.T) {
	defer func(n int) { maxInflated = n }(maxInflated)
	maxInflated = 1 << 10
	var bomb bytes.Buffer
	w := gzip.NewWriter(&bomb)
	w.Write(make([]byte, 4<<10))
	w.Close()
	b64 := base64.StdEncoding.EncodeToString
	cases := map[string]struct{ enc, body, problem string }{
		"not gzip":  {"gzip", b64([]byte("\x1f\x8bnot really")), "cannot be decompressed"},
		"brotli":    {"br", b64([]byte{0x1b, 0x03, 0x00}), "vppvalidate reads gzip and deflate, not br"},
		"too large": {"gzip", b64(bomb.Bytes()), "inflates to more than"},
	}
	for name, c := range cases {
		src := "interactions:\n- request: {uri: u}\n  response:\n    headers: {Content-Encoding: [" + c.enc + "]}\n    body: {string: !!binary '" + c.body + "'}\n"
		its, _, err := Read([]byte(src), nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		it := its[0]
		if !strings.Contains(it.Problem, c.problem) || it.HasBody {
			t.Errorf("%s: problem %q, body %v; want a problem saying %q", name, it.Problem, it.HasBody, c.problem)
		}
		if it.BodyPos.Line != 5 || it.BodyPos.Column != 20 {
			t.Errorf("%s: problem at %d:%d, want 5:20 (the tag)", name, it.BodyPos.Line, it.BodyPos.Column)
		}
	}
}
