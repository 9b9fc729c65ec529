// Package modelsrc derives the model's tables (model.Data, which
// internal/cmd/modelgen writes into internal/model/versions_gen.go) from
// their two sources: a slice of Graph's CSDL and vppvalidate's overlay
// (schemas/csdl/overlay.json). Only the generators and tests link it, so
// the command carries neither the CSDL reader nor an XML decoder.
package modelsrc

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/csdl"
	"github.com/vppvalidate/vppvalidate/internal/model"
)

// Overlay is what vppvalidate adds to Graph's model: which types the
// slices are cut for, descriptions in our own words, and facts that lint
// rules rely on. It is read from schemas/csdl/overlay.json.
type Overlay struct {
	// Roots are the types a slice is the closure of; Singletons the
	// entity container singletons it keeps.
	Roots      []string `json:"roots"`
	Singletons []string `json:"singletons"`
	// Descriptions maps "type" or "type.property" to a description.
	Descriptions map[string]string `json:"descriptions"`
	// Counts names integer properties that count something and cannot be
	// negative, wherever the model has them.
	Counts []string `json:"counts"`
}

// ReadOverlay parses an overlay file's content. Unknown keys are errors.
func ReadOverlay(b []byte) (*Overlay, error) {
	var o Overlay
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&o); err != nil {
		return nil, fmt.Errorf("reading the overlay: %w", err)
	}
	return &o, nil
}

// FromCSDL turns a CSDL slice into one version's data. Every type of the
// model namespace in the document becomes a type; the overlay adds
// descriptions and lint facts. The error names a type reference that
// cannot be resolved, or an overlay entry that names nothing in the
// document (so a stale overlay is noticed at the next schema sync).
func FromCSDL(doc *csdl.Document, version string, o *Overlay) (model.Data, error) {
	d := model.Data{Version: version}
	var s *csdl.Schema
	for i := range doc.Schemas {
		if doc.Schemas[i].Namespace == model.Namespace {
			s = &doc.Schemas[i]
		}
	}
	if s == nil {
		return d, fmt.Errorf("the CSDL has no %s schema", model.Namespace)
	}
	known := map[string]bool{}
	for _, e := range s.EnumTypes {
		known[e.Name] = true
	}
	for _, t := range slices.Concat(s.ComplexTypes, s.EntityTypes) {
		known[t.Name] = true
	}
	describe := func(key string) string { return o.Descriptions[key] }
	for _, e := range s.EnumTypes {
		td := model.TypeData{Name: e.Name, Kind: model.Enum, Flags: e.IsFlags, Description: describe(e.Name)}
		for _, m := range e.Members {
			td.Members = append(td.Members, m.Name)
		}
		d.Types = append(d.Types, td)
	}
	structured := func(kind model.Kind, list []csdl.StructuredType) error {
		for _, t := range list {
			td := model.TypeData{Name: t.Name, Kind: kind, Abstract: t.Abstract, Description: describe(t.Name)}
			if t.BaseType != "" {
				base, ok := s.Local(t.BaseType)
				if !ok || !known[base] {
					return fmt.Errorf("%s %s: base type %s is not in the slice", kind, t.Name, t.BaseType)
				}
				td.Base = base
			}
			for _, p := range t.Properties {
				elem, coll := csdl.ElemType(p.Type)
				if name, ok := s.Local(elem); ok {
					if !known[name] {
						return fmt.Errorf("%s.%s: type %s is not in the slice", t.Name, p.Name, elem)
					}
					elem = model.Alias + "." + name
				} else if !strings.HasPrefix(elem, "Edm.") {
					return fmt.Errorf("%s.%s: type %s is outside the %s namespace", t.Name, p.Name, elem, model.Namespace)
				}
				td.Props = append(td.Props, model.PropData{Name: p.Name, Type: elem, Collection: coll,
					Nullable: csdl.IsNullable(p.Nullable), Count: slices.Contains(o.Counts, p.Name),
					Description: describe(t.Name + "." + p.Name)})
			}
			for _, p := range t.NavigationProperties {
				elem, coll := csdl.ElemType(p.Type)
				if name, ok := s.Local(elem); ok {
					elem = model.Alias + "." + name // the target may lie outside the slice
				}
				// A collection-valued navigation property holds entities,
				// never null, and may not carry Nullable at all (CSDL XML
				// 4.01, section 8.1.2); a single-valued one follows the
				// attribute's default.
				td.Props = append(td.Props, model.PropData{Name: p.Name, Type: elem, Collection: coll,
					Nullable: !coll && csdl.IsNullable(p.Nullable), Navigation: true, ContainsTarget: p.ContainsTarget,
					Description: describe(t.Name + "." + p.Name)})
			}
			d.Types = append(d.Types, td)
		}
		return nil
	}
	if err := structured(model.Complex, s.ComplexTypes); err != nil {
		return d, err
	}
	if err := structured(model.Entity, s.EntityTypes); err != nil {
		return d, err
	}
	slices.SortFunc(d.Types, func(a, b model.TypeData) int { return strings.Compare(a.Name, b.Name) })
	for _, c := range s.Containers {
		for _, st := range c.Singletons {
			name, _ := model.Qualified(st.Type)
			d.Singletons = append(d.Singletons, [2]string{st.Name, name})
		}
	}
	for _, op := range slices.Concat(s.Actions, s.Functions) {
		if !op.IsBound || len(op.Parameters) == 0 {
			continue
		}
		elem, set := csdl.ElemType(op.Parameters[0].Type)
		binding, _ := s.Local(elem)
		o := model.Operation{Name: op.Name, Function: op.Kind == "Function", Binding: binding, BindingSet: set}
		if op.ReturnType != nil {
			elem, coll := csdl.ElemType(op.ReturnType.Type)
			if name, ok := s.Local(elem); ok {
				o.Returns, o.ReturnsCollection = name, coll
			}
		}
		d.Operations = append(d.Operations, o)
	}
	slices.SortFunc(d.Operations, func(a, b model.Operation) int { return strings.Compare(a.Name, b.Name) })
	return d, nil
}

// UnusedDescriptions lists the overlay's description keys that name
// nothing in any of the versions' data, sorted.
func (o *Overlay) UnusedDescriptions(versions ...model.Data) []string {
	seen := map[string]bool{}
	for _, d := range versions {
		for _, t := range d.Types {
			seen[t.Name] = true
			for _, p := range t.Props {
				seen[t.Name+"."+p.Name] = true
			}
		}
	}
	var out []string
	for k := range o.Descriptions {
		if !seen[k] {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
