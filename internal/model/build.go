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
//
// New runs on a one-file run's start-up path, so it allocates the types,
// the properties and the lists that point at them in a few large blocks
// rather than one object at a time.
func New(d Data) *Model {
	m := &Model{Version: d.Version, Operations: slices.Clone(d.Operations),
		byName: make(map[string]*Type, len(d.Types))}
	types := make([]Type, len(d.Types))
	m.Types = make([]*Type, len(d.Types))
	own := 0
	for i, td := range d.Types {
		t := &types[i]
		*t = Type{Name: td.Name, Kind: td.Kind, Abstract: td.Abstract, Flags: td.Flags,
			Members: td.Members, Description: td.Description, Model: m}
		m.Types[i] = t
		m.byName[t.Name] = t
		own += len(td.Props)
	}
	props := make([]Property, own)
	ownPtrs := make([]*Property, own)
	depth, total := make([]int, len(types)), 0
	for i, td := range d.Types {
		t := &types[i]
		t.Base = m.byName[Unqualified(td.Base)]
		if t.Base != nil {
			t.Base.Derived = append(t.Base.Derived, t)
		}
		t.Own, ownPtrs = ownPtrs[:len(td.Props):len(td.Props)], ownPtrs[len(td.Props):]
		for j, pd := range td.Props {
			props[j] = Property{Name: pd.Name, Type: pd.Type, Collection: pd.Collection,
				Nullable: pd.Nullable, Navigation: pd.Navigation, ContainsTarget: pd.ContainsTarget,
				Count: pd.Count, Description: pd.Description, Elem: m.byName[Unqualified(pd.Type)]}
			t.Own[j] = &props[j]
		}
		props = props[len(td.Props):]
	}
	for i := range types {
		total += len(types[i].Own)
		for b := types[i].Base; b != nil; b = b.Base {
			depth[i]++
			total += len(b.Own)
		}
	}
	// Inherited properties come first: filling the types a level at a
	// time lets each one copy its base's finished list.
	all, names := make([]*Property, 0, total), make([]string, 0, total)
	for level, left := 0, len(types); left > 0; level++ {
		for i := range types {
			if depth[i] != level {
				continue
			}
			left--
			t := &types[i]
			start := len(all)
			if t.Base != nil {
				all = append(all, t.Base.Properties...)
			}
			all = append(all, t.Own...)
			t.Properties = all[start:len(all):len(all)]
			for _, p := range t.Properties {
				names = append(names, p.Name)
			}
			t.names = names[start:len(names):len(names)]
			t.byName = NewNameIndex(t.names, t.Properties)
		}
	}
	slices.SortFunc(m.Types, func(a, b *Type) int { return strings.Compare(a.Name, b.Name) })
	for _, t := range m.Types {
		slices.SortFunc(t.Derived, func(a, b *Type) int { return strings.Compare(a.Name, b.Name) })
	}
	for _, s := range d.Singletons {
		m.Singletons = append(m.Singletons, Singleton{Name: s[0], Type: m.byName[Unqualified(s[1])]})
	}
	return m
}
