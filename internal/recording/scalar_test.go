package recording

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
)

// TestYAMLScalars decodes body scalars in every style a YAML emitter
// writes, and checks that the mapped position of each marked byte is the
// position of that byte's source in the file.
func TestYAMLScalars(t *testing.T) {
	// In each case, the body holds one "X": its position must be the X
	// (or the escape that stands for it) in the document.
	cases := []string{
		"body: '{\"a\": \"X\"}'\n",
		"body: '{\"a\": ''q'', \"b\": \"X\"}'\n",
		"body: \"{\\\"a\\\": \\\"X\\\"}\"\n",
		"body: \"{\\\"a\\\": \\\"\\u00e9\\\", \\\"b\\\": \\\"X\\\"}\"\n",
		"body: \"{\\\"a\\\": 1,\\\n  \\ \\\"b\\\": \\\"X\\\"}\"\n",
		"body: '{\"a\": 1,\n  \"b\": \"X\"}'\n",
		"body: '{\"a\": 1,\n\n  \"b\": \"X\"}'\n",
		"body: |\n  {\n    \"a\": \"é\",\n    \"b\": \"X\"\n  }\n",
		"body: |-\n  {\"a\": 1,\n\n   \"b\": \"X\"}\nnext: 1\n",
		"body: >\n  {\"a\": 1,\n  \"b\": \"X\"}\n",
		"body: {\"a\": 1}\n",
		"body: plain words then X\n",
		"body: !!binary |\n  eyJhIjogIlgifQ==\n",
		"list:\n  - body: |2\n       {\"b\": \"X\"}\n",
	}
	for _, src := range cases {
		r := &reader{src: []byte(src)}
		root, err := r.parseYAML()
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		n := root.get("body")
		if n == nil {
			n = root.get("list").items()[0].get("body")
		}
		if n.Kind != yaml.ScalarNode {
			continue // a flow mapping is not a string body
		}
		got, m := r.yamlScalar(n)
		if n.Tag == "!!binary" {
			var ok bool
			if got, m, ok = unbase64(got, m); !ok {
				t.Fatalf("%q: not base64", src)
			}
			if string(got) != `{"a": "X"}` {
				t.Errorf("%q: decoded %q", src, got)
			}
			if p := m.Locate(7); p.Line != 2 || p.Column != 11 {
				t.Errorf("%q: byte 7 at %d:%d, want 2:11 (its base64 group, the third)", src, p.Line, p.Column)
			}
			continue
		}
		if string(got) != n.Value {
			t.Errorf("%q: decoded %q, the library %q", src, got, n.Value)
		}
		i := strings.IndexByte(string(got), 'X')
		p := m.Locate(int64(i))
		want := strings.LastIndexByte(src, 'X')
		if p.Offset != int64(want) || p != at(src, want) {
			t.Errorf("%q: X at %+v, want %+v", src, p, at(src, want))
		}
	}
}

// at is the position of byte off in src.
func at(src string, off int) jsonpos.Pos {
	line := strings.Count(src[:off], "\n") + 1
	start := strings.LastIndexByte(src[:off], '\n') + 1
	return jsonpos.Pos{Offset: int64(off), Line: line, Column: len([]rune(src[start:off])) + 1}
}
