package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/model"
)

// Exportable lists the schemas --print-schema can print: the structured
// types, then the enums, each sorted by name.
func (s *Schemas) Exportable() []string {
	var names, enums []string
	for _, t := range s.Model.Types {
		if t.Kind == model.Enum {
			enums = append(enums, t.Name)
		} else {
			names = append(names, t.Name)
		}
	}
	return append(names, enums...)
}

// Bundle returns the schema of one type (named with or without the
// "#microsoft.graph." prefix) as a single self-contained document, so that editors and other validators can use it without
// fetching anything: every schema it refers to is copied under $defs and
// every $ref rewritten to point there.
func (s *Schemas) Bundle(name string) ([]byte, error) {
	name = model.Unqualified(name)
	if !slices.Contains(s.Exportable(), name) {
		return nil, fmt.Errorf("no schema called %q (known: %s)", name, strings.Join(s.Exportable(), ", "))
	}
	root := name + ".json"
	defs := map[string]any{}
	var queue []string
	seen := map[string]bool{root: true}
	// rewrite copies a schema value, pointing its references at $defs.
	// self is the file the value comes from ("" for the root).
	var rewrite func(v any, self string) any
	rewrite = func(v any, self string) any {
		switch v := v.(type) {
		case map[string]any:
			out := make(map[string]any, len(v))
			for k, x := range v {
				if k == "$ref" {
					if ref, ok := x.(string); ok {
						out[k] = s.localRef(ref, self, root, seen, &queue)
						continue
					}
				}
				out[k] = rewrite(x, self)
			}
			return out
		case []any:
			out := make([]any, len(v))
			for i, x := range v {
				out[i] = rewrite(x, self)
			}
			return out
		}
		return v
	}
	doc := rewrite(s.doc(root), root).(map[string]any)
	for len(queue) > 0 {
		file := queue[0]
		queue = queue[1:]
		sub := rewrite(s.doc(file), file).(map[string]any)
		delete(sub, "$schema")
		delete(sub, "$id")
		defs[defName(file)] = sub
	}
	if len(defs) > 0 {
		own, _ := doc["$defs"].(map[string]any)
		if own == nil {
			own = map[string]any{}
		}
		for k, v := range defs {
			own[k] = v
		}
		doc["$defs"] = own
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// localRef rewrites one $ref found in file self so that it points inside
// the bundle rooted at root, queueing the files it needs.
func (s *Schemas) localRef(ref, self, root string, seen map[string]bool, queue *[]string) string {
	file, frag, _ := strings.Cut(ref, "#")
	if file == "" {
		file = self
	}
	if !seen[file] {
		seen[file] = true
		*queue = append(*queue, file)
	}
	if file == root {
		return "#" + frag
	}
	return "#/$defs/" + defName(file) + frag
}

// defName is the $defs key a bundled file gets; the prefix keeps it from
// colliding with a schema's own $defs.
func defName(file string) string { return "vppvalidate." + strings.TrimSuffix(file, ".json") }
