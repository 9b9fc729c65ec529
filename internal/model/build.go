package model

import (
	"slices"
	"strings"
)

// Data is one version of the model as plain values, the form the
// generator writes into versions_gen.go and Get builds a Model from.
type Data struct {
	Version    string
	Types      []TypeData
	Singletons [][2]string // name, type
	Operations []Operation
}

// TypeData is a Type as plain values; Base and property types are names.
type TypeData struct {
	Name        string
	Kind        Kind
	Base        string
	Abstract    bool
	Flags       bool
	Members     []string
	Description string
	Props       []PropData
}

// PropData is a Property as plain values.
type PropData struct {
	Name           string
	Type           string
	Collection     bool
	Nullable       bool
	Navigation     bool
	ContainsTarget bool
	Count          bool
	Description    string
}

// New links a version's data into a Model. Names that resolve to nothing
// (a base or property type outside the data) are left nil, as for a
// navigation property whose target lies outside the slice.
func New(d Data) *Model {
	m := &Model{Version: d.Version, Operations: slices.Clone(d.Operations), byName: map[string]*Type{}}
	for _, td := range d.Types {
		t := &Type{Name: td.Name, Kind: td.Kind, Abstract: td.Abstract, Flags: td.Flags,
			Members: td.Members, Description: td.Description, Model: m, byName: map[string]*Property{}}
		m.Types = append(m.Types, t)
		m.byName[t.Name] = t
	}
	slices.SortFunc(m.Types, func(a, b *Type) int { return strings.Compare(a.Name, b.Name) })
	for _, td := range d.Types {
		t := m.byName[td.Name]
		t.Base = m.byName[Unqualified(td.Base)]
		if t.Base != nil {
			t.Base.Derived = append(t.Base.Derived, t)
		}
		for _, pd := range td.Props {
			t.Own = append(t.Own, &Property{Name: pd.Name, Type: pd.Type, Collection: pd.Collection,
				Nullable: pd.Nullable, Navigation: pd.Navigation, ContainsTarget: pd.ContainsTarget,
				Count: pd.Count, Description: pd.Description, Elem: m.byName[Unqualified(pd.Type)]})
		}
	}
	var inherit func(t *Type) []*Property
	inherit = func(t *Type) []*Property {
		if t == nil {
			return nil
		}
		return append(slices.Clone(inherit(t.Base)), t.Own...)
	}
	for _, t := range m.Types {
		t.Properties = inherit(t)
		for _, p := range t.Properties {
			t.byName[p.Name] = p
			t.names = append(t.names, p.Name)
		}
		slices.SortFunc(t.Derived, func(a, b *Type) int { return strings.Compare(a.Name, b.Name) })
	}
	for _, s := range d.Singletons {
		m.Singletons = append(m.Singletons, Singleton{Name: s[0], Type: m.byName[Unqualified(s[1])]})
	}
	return m
}
