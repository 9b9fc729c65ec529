// Package csdl reads OData CSDL XML documents, the form in which Microsoft
// Graph publishes its model ($metadata), and cuts slices out of them.
//
// It reads the elements vppvalidate needs (OData CSDL XML 4.01, part 3):
// Schema (with Namespace and Alias), EnumType and Member, ComplexType and
// EntityType with BaseType, Abstract, OpenType, Key, Property and
// NavigationProperty, Action and Function with their parameters and return
// type, and EntityContainer with EntitySet and Singleton. Annotations are
// skipped. Facts are kept as the document states them: an absent Nullable
// stays absent (nil), so that callers apply the specification's default
// (true) themselves.
package csdl

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Document is a parsed edmx:Edmx document.
type Document struct {
	Version string   `xml:"Version,attr"`
	Schemas []Schema `xml:"DataServices>Schema"`
}

// Schema is one CSDL Schema element.
type Schema struct {
	Namespace    string            `xml:"Namespace,attr"`
	Alias        string            `xml:"Alias,attr,omitempty"`
	EnumTypes    []EnumType        `xml:"EnumType"`
	ComplexTypes []StructuredType  `xml:"ComplexType"`
	EntityTypes  []StructuredType  `xml:"EntityType"`
	Actions      []Operation       `xml:"Action"`
	Functions    []Operation       `xml:"Function"`
	Containers   []EntityContainer `xml:"EntityContainer"`
}

// EnumType is a CSDL EnumType (section 10).
type EnumType struct {
	Name           string       `xml:"Name,attr"`
	UnderlyingType string       `xml:"UnderlyingType,attr,omitempty"`
	IsFlags        bool         `xml:"IsFlags,attr,omitempty"`
	Members        []EnumMember `xml:"Member"`
}

// EnumMember is one Member of an EnumType; Value is kept as written.
type EnumMember struct {
	Name  string `xml:"Name,attr"`
	Value string `xml:"Value,attr,omitempty"`
}

// StructuredType is a CSDL ComplexType or EntityType (sections 6 and 9).
// Key is empty for complex types and for entity types that inherit
// theirs.
type StructuredType struct {
	Name                 string               `xml:"Name,attr"`
	BaseType             string               `xml:"BaseType,attr,omitempty"`
	Abstract             bool                 `xml:"Abstract,attr,omitempty"`
	OpenType             bool                 `xml:"OpenType,attr,omitempty"`
	HasStream            bool                 `xml:"HasStream,attr,omitempty"`
	Key                  []PropertyRef        `xml:"Key>PropertyRef"`
	Properties           []Property           `xml:"Property"`
	NavigationProperties []NavigationProperty `xml:"NavigationProperty"`
}

// PropertyRef names one key property.
type PropertyRef struct {
	Name string `xml:"Name,attr"`
}

// Property is a structural property (section 7). Type is a qualified
// name such as "Edm.String" or "graph.vppTokenState", possibly wrapped in
// "Collection(...)". Nullable is nil when the attribute is absent.
type Property struct {
	Name     string `xml:"Name,attr"`
	Type     string `xml:"Type,attr"`
	Nullable *bool  `xml:"Nullable,attr"`
}

// NavigationProperty is a navigation property (section 8).
type NavigationProperty struct {
	Name           string `xml:"Name,attr"`
	Type           string `xml:"Type,attr"`
	Nullable       *bool  `xml:"Nullable,attr"`
	ContainsTarget bool   `xml:"ContainsTarget,attr,omitempty"`
}

// Operation is a CSDL Action or Function (section 12). Kind is "Action"
// or "Function"; it is set by Parse, not read from an attribute.
type Operation struct {
	Kind       string      `xml:"-"`
	Name       string      `xml:"Name,attr"`
	IsBound    bool        `xml:"IsBound,attr,omitempty"`
	Parameters []Parameter `xml:"Parameter"`
	ReturnType *ReturnType `xml:"ReturnType"`
}

// Parameter is one parameter of an operation; a bound operation's first
// parameter is its binding parameter.
type Parameter struct {
	Name     string `xml:"Name,attr"`
	Type     string `xml:"Type,attr"`
	Nullable *bool  `xml:"Nullable,attr"`
}

// ReturnType is an operation's return type.
type ReturnType struct {
	Type     string `xml:"Type,attr"`
	Nullable *bool  `xml:"Nullable,attr"`
}

// EntityContainer holds the service's entity sets and singletons
// (section 13).
type EntityContainer struct {
	Name       string      `xml:"Name,attr"`
	EntitySets []EntitySet `xml:"EntitySet"`
	Singletons []Singleton `xml:"Singleton"`
}

// EntitySet is a top-level collection of entities.
type EntitySet struct {
	Name       string `xml:"Name,attr"`
	EntityType string `xml:"EntityType,attr"`
}

// Singleton is a top-level single entity.
type Singleton struct {
	Name string `xml:"Name,attr"`
	Type string `xml:"Type,attr"`
}

// Parse reads a CSDL XML document. The error names what could not be
// read; a document with no Schema is an error too.
func Parse(r io.Reader) (*Document, error) {
	var doc Document
	dec := xml.NewDecoder(r)
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("reading CSDL: %w", err)
	}
	if len(doc.Schemas) == 0 {
		return nil, fmt.Errorf("reading CSDL: no edmx:DataServices/Schema element")
	}
	for i := range doc.Schemas {
		s := &doc.Schemas[i]
		for j := range s.Actions {
			s.Actions[j].Kind = "Action"
		}
		for j := range s.Functions {
			s.Functions[j].Kind = "Function"
		}
	}
	return &doc, nil
}

// ElemType splits a type reference into its element type and whether it
// is a collection: "Collection(graph.x)" gives ("graph.x", true).
func ElemType(t string) (string, bool) {
	if inner, ok := strings.CutPrefix(t, "Collection("); ok && strings.HasSuffix(inner, ")") {
		return inner[:len(inner)-1], true
	}
	return t, false
}

// IsNullable applies CSDL's default to a Nullable facet: absent means
// nullable (section 7.2.1).
func IsNullable(n *bool) bool { return n == nil || *n }

// Local returns the unqualified name of a type reference in s's
// namespace or alias ("graph.x" and "microsoft.graph.x" both give "x"), and
// false for a name outside s (such as "Edm.String").
func (s *Schema) Local(qualified string) (string, bool) {
	for _, prefix := range []string{s.Namespace, s.Alias} {
		if prefix == "" {
			continue
		}
		if name, ok := strings.CutPrefix(qualified, prefix+"."); ok && !strings.Contains(name, ".") {
			return name, true
		}
	}
	return "", false
}
