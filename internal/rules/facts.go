package rules

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/vppvalidate/vppvalidate/internal/model"
)

// facts are the parts of rule explanations that list what the model has,
// so that --explain and the README say what the generated model says.
var facts = map[string]func() string{
	"types": func() string {
		return perVersion(func(m *model.Model) []string {
			var out []string
			for _, t := range m.Structured() {
				name := t.Name
				if t.Abstract {
					name += " (abstract)"
				}
				out = append(out, name)
			}
			return out
		})
	},
	"enums": func() string {
		return perVersion(func(m *model.Model) []string {
			var out []string
			for _, t := range m.Types {
				if t.Kind == model.Enum {
					name := t.Name
					if t.Flags {
						name += " (flags)"
					}
					out = append(out, name)
				}
			}
			return out
		})
	},
	"nullable": func() string {
		return perVersion(func(m *model.Model) []string {
			var out []string
			for _, t := range m.Structured() {
				var props []string
				for _, p := range t.Own {
					if p.Nullable && !p.Collection && !p.Navigation {
						props = append(props, p.Name)
					}
				}
				if len(props) > 0 {
					out = append(out, t.Name+" ("+strings.Join(props, ", ")+")")
				}
			}
			return out
		})
	},
	"counts": func() string {
		var out []string
		for _, v := range model.Versions() {
			for _, t := range model.Get(v).Structured() {
				for _, p := range t.Own {
					if p.Count && !slices.Contains(out, p.Name) {
						out = append(out, p.Name)
					}
				}
			}
		}
		slices.Sort(out)
		return strings.Join(out, ", ")
	},
	"contexts": func() string {
		return perVersion(func(m *model.Model) []string {
			var out []string
			for _, s := range m.Singletons {
				for _, p := range s.Type.Properties {
					if p.Elem != nil && p.Elem.Kind != model.Enum {
						out = append(out, s.Name+"/"+p.Name)
					}
				}
			}
			for _, op := range m.Operations {
				if op.Returns != "" {
					out = append(out, op.Binding+"/"+op.Name)
				}
			}
			return out
		})
	},
}

// perVersion writes one list per API version: "in beta: a, b; in v1.0: a".
func perVersion(list func(*model.Model) []string) string {
	var parts []string
	for _, v := range model.Versions() {
		parts = append(parts, fmt.Sprintf("in %s, %s", v, strings.Join(list(model.Get(v)), ", ")))
	}
	return strings.Join(parts, "; ")
}

// fill replaces each {{name}} in text by facts[name], each worked out
// once.
func fill(text string) string {
	factsOnce.Do(func() {
		filled = make(map[string]string, len(facts))
		for name, f := range facts {
			filled["{{"+name+"}}"] = f()
		}
	})
	for key, value := range filled {
		if strings.Contains(text, key) {
			text = strings.ReplaceAll(text, key, value)
		}
	}
	return text
}

var (
	factsOnce sync.Once
	filled    map[string]string // by {{name}}
)
