package recording

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead feeds hostile recordings to Read: it must never panic, and
// every body byte it hands over must map to a position inside the
// recording.
func FuzzRead(f *testing.F) {
	for _, ext := range []string{"*.har", "*.yaml", "*.yml", "*.json"} {
		seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "recordings", ext))
		for _, s := range seeds {
			if b, err := os.ReadFile(s); err == nil && len(b) < 64<<10 {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("interactions:\n- request: {url: 'http://graph.microsoft.com/beta/x'}\n  response: {body: \"a\\u00e9\\\n  b\"}\n"))
	f.Add([]byte("http_interactions:\n- request: {uri: x}\n  response:\n    body:\n      string: |+2\n         x\n\n"))
	f.Add([]byte(`{"log":{"entries":[{"request":{"url":"u"},"response":{"content":{"text":"e30=","encoding":"base64"}}}]}}`))
	f.Add([]byte(`{"Entries":[{"RequestUri":"u","ResponseBody":{"a":[1,2]}}]}`))
	f.Add([]byte(`{"Entries":[{"RequestUri":"u","ResponseHeaders":{"Content-Type":"text/plain"},"ResponseBody":["{\r\n","\u0022a\u0022: 1}"]}]}`))
	f.Add([]byte(`{"version": 1, "interactions": [{"request": {"uri": "u"}, "response": {"body": {"string": "\ud83d\ude00"}}}]}`))
	// {"a":1} in gzip, as VCR.py keeps it.
	f.Add([]byte("interactions:\n- request: {uri: u}\n  response:\n    headers: {Content-Encoding: [gzip]}\n    body: {string: !!binary H4sIAAAAAAACA6tWSlSyMqwFAK+sG1YHAAAA}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		its, _, err := Read(src, nil)
		if err != nil {
			return
		}
		for _, it := range its {
			if it.Inline {
				continue
			}
			for off := range int64(len(it.Body)) {
				p := it.Map.Locate(off)
				if p.Offset < 0 || p.Offset > int64(len(src)) || p.Line < 1 || p.Column < 1 {
					t.Fatalf("interaction %d: body byte %d at %+v, outside the recording", it.Index, off, p)
				}
			}
		}
	})
}
