package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/payload"
)

// BaseURL is the common prefix of every generated schema's $id; a
// version's schemas live under BaseURL + version + "/". It must match
// schemas.BaseURL (a test checks).
const BaseURL = "https://vppvalidate.dev/schemas/graph/"

const draft = "https://json-schema.org/draft/2020-12/schema"

// jsonSchemas writes one JSON Schema (draft 2020-12) per type of a
// version, plus edm.json for the primitive types, by file name.
//
// The mapping from CSDL, after OData JSON Format 4.01 and the CSDL XML
// specification:
//   - a structured type is an object closed with unevaluatedProperties;
//     its own properties sit in $defs/members, which $refs its base
//     type's members, so a derived type sees every inherited property;
//   - every structural property is required (Graph writes each one, null
//     included, unless $select says otherwise), navigation properties
//     are allowed and never required (they appear only when expanded);
//   - Nullable (absent means true) adds "null" to a single value's types,
//     and to a collection's items: a collection is never null;
//   - members whose name holds "@" (annotations) or starts with "#" (the
//     advertisement of a bound operation) are allowed with any value
//     (payload.IsAnnotation);
//   - a property of structured type is an object (or null); its content
//     is checked against its own type's schema by vppvalidate, which
//     picks the type named by the value's @odata.type.
func jsonSchemas(d model.Data) (map[string][]byte, error) {
	m := model.New(d)
	out := map[string][]byte{}
	base := BaseURL + d.Version + "/"
	edm, err := indent(edmSchema(base, d.Version))
	if err != nil {
		return nil, err
	}
	out["edm.json"] = edm
	for _, t := range m.Types {
		var o object
		var err error
		if t.Kind == model.Enum {
			o = enumSchema(base, t)
		} else {
			o, err = structuredSchema(base, t)
		}
		if err != nil {
			return nil, err
		}
		if out[t.Name+".json"], err = indent(o); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func header(base, name, title, desc string) object {
	var o object
	o.set("$schema", draft)
	o.set("$id", base+name+".json")
	o.set("title", title)
	o.set("description", desc)
	return o
}

// edmPatterns are the lexical forms checked by pattern. The date-time
// pattern repeats the shape of the date-time format so that validators
// with a lenient format still refuse, say, a signed hour; Edm.Binary is
// base64 in the standard alphabet (what Graph writes) or the URL-safe one
// (what OData JSON Format 4.01 section 7.1 names), padded or not, and
// canonical: after a last group of two or three characters, the last one
// leaves no bit set past the data, as binaryValue's base64b8 and base64b16
// in OData's ABNF (odata-abnf-construction-rules) say, so "YQ==" and not
// "YR==" (RFC 4648 section 3.5).
var edmPatterns = map[string]string{
	"DateTimeOffset": `^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$`,
	"Binary":         `^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/][AQgw](?:==)?|[A-Za-z0-9+/]{2}[AEIMQUYcgkosw048]=?)?$|^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-][AQgw](?:==)?|[A-Za-z0-9_-]{2}[AEIMQUYcgkosw048]=?)?$`,
}

func edmSchema(base, version string) object {
	o := header(base, "edm", "Edm primitive types",
		"The OData primitive types of Graph "+version+" that need more than a JSON type, by name, for properties to refer to. Each leaves the JSON type to the property, which adds null when the property is nullable.")
	var defs object
	for _, p := range []struct {
		name, desc string
		lo, hi     int64
	}{
		{"Int32", "Edm.Int32: an integer that fits in a signed 32-bit word.", -2147483648, 2147483647},
		{"Int64", "Edm.Int64: an integer that fits in a signed 64-bit word.", -9223372036854775808, 9223372036854775807},
	} {
		var def object
		def.set("description", p.desc)
		def.set("minimum", p.lo)
		def.set("maximum", p.hi)
		defs.set(p.name, def)
	}
	var dt object
	dt.set("description", "Edm.DateTimeOffset: an RFC 3339 date-time with seconds and a zone, such as 2019-01-23T10:15:30.1234567Z.")
	dt.set("format", "date-time")
	dt.set("pattern", edmPatterns["DateTimeOffset"])
	defs.set("DateTimeOffset", dt)
	var bin object
	bin.set("description", "Edm.Binary: base64 text, in the standard or the URL-safe alphabet, canonical: the last character sets no bit past the data.")
	bin.set("pattern", edmPatterns["Binary"])
	defs.set("Binary", bin)
	o.set("$defs", defs)
	return o
}

func enumSchema(base string, t *model.Type) object {
	desc := t.Description
	if desc == "" {
		desc = "The " + t.Name + " enum type."
	}
	kind := "Values are single members, spelled exactly (case matters)."
	if t.Flags {
		kind = "A flags enum: a value is one member or several joined by commas, spelled exactly."
	}
	o := header(base, t.Name, t.Name, fmt.Sprintf("%s %s (Graph %s)", desc, kind, t.Model.Version))
	o.set("type", "string")
	var nullable object
	nullable.set("description", "A "+t.Name+" value or null, for nullable properties.")
	nullable.set("type", []any{"string", "null"})
	if t.Flags {
		alt := "(?:" + strings.Join(quoteMeta(t.Members), "|") + ")"
		pattern := "^" + alt + "(?:," + alt + ")*$"
		o.set("pattern", pattern)
		nullable.set("pattern", pattern)
	} else {
		o.set("enum", t.Members)
		withNull := make([]any, 0, len(t.Members)+1)
		for _, m := range t.Members {
			withNull = append(withNull, m)
		}
		nullable.set("enum", append(withNull, nil))
	}
	var defs object
	defs.set("nullable", nullable)
	o.set("$defs", defs)
	return o
}

func quoteMeta(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = regexp.QuoteMeta(s)
	}
	return out
}

func structuredSchema(base string, t *model.Type) (object, error) {
	desc := t.Description
	if desc == "" {
		desc = "The " + t.Name + " " + t.Kind.String() + "."
	}
	desc += fmt.Sprintf(" Graph %s %s", t.Model.Version, t.Kind)
	if t.Base != nil {
		desc += ", derived from " + t.Base.Name
	}
	if t.Abstract {
		desc += "; abstract: a value is always of a derived type"
	}
	desc += "."
	o := header(base, t.Name, t.Name, desc)
	o.set("type", "object")
	o.set("$ref", "#/$defs/members")
	var props object
	var odataType object
	odataType.set("description", "The OData type of this object, with or without the namespace's alias.")
	odataType.set("type", "string")
	odataType.set("pattern", `^#?(microsoft\.)?graph\.`+regexp.QuoteMeta(t.Name)+`$`)
	props.set("@odata.type", odataType)
	o.set("properties", props)
	var notes object
	notes.set("description", "OData annotations such as @odata.type, @odata.etag or actionState@odata.type, and advertised operations such as #microsoft.graph.syncLicenses, are not properties of the model.")
	var pattern object
	pattern.set(payload.AnnotationPattern, notes)
	o.set("patternProperties", pattern)
	o.set("unevaluatedProperties", false)

	var members object
	members.set("description", "The properties "+t.Name+" declares, left open so that derived types can add theirs and close the object themselves.")
	if t.Base != nil {
		members.set("$ref", t.Base.Name+".json#/$defs/members")
	}
	var required []string
	var own object
	for _, p := range t.Own {
		s, err := propertySchema(p)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", t.Name, p.Name, err)
		}
		own.set(p.Name, s)
		if !p.Navigation {
			required = append(required, p.Name)
		}
	}
	if len(required) > 0 {
		members.set("required", required)
	}
	if len(own) > 0 {
		members.set("properties", own)
	}
	var defs object
	defs.set("members", members)
	o.set("$defs", defs)
	return o, nil
}

// propertySchema maps one property. A collection's Nullable applies to
// its items.
func propertySchema(p *model.Property) (object, error) {
	var s object
	desc := p.Description
	csdlType := p.Type
	if p.Collection {
		csdlType = "Collection(" + csdlType + ")"
	}
	facts := fmt.Sprintf("CSDL type %s", csdlType)
	if !p.Nullable {
		facts += ", Nullable=false"
	}
	if p.Navigation {
		facts += "; a navigation property, present only when expanded"
	}
	if desc != "" {
		desc = strings.TrimSuffix(desc, ".") + " (" + facts + ")."
	} else {
		desc = facts + "."
	}
	s.set("description", desc)
	value, err := valueSchema(p)
	if err != nil {
		return nil, err
	}
	if p.Collection {
		s.set("type", "array")
		s.set("items", value)
		return s, nil
	}
	return append(s, value...), nil
}

// valueSchema is the schema of one value of the property's element type.
func valueSchema(p *model.Property) (object, error) {
	var s object
	typ := func(json string) {
		if p.Nullable {
			s.set("type", []any{json, "null"})
		} else {
			s.set("type", json)
		}
	}
	if p.Navigation || (p.Elem != nil && p.Elem.Kind != model.Enum) {
		typ("object")
		return s, nil
	}
	if p.Elem != nil { // an enum
		if p.Nullable {
			s.set("$ref", p.Elem.Name+".json#/$defs/nullable")
		} else {
			s.set("$ref", p.Elem.Name+".json")
		}
		return s, nil
	}
	switch p.Type {
	case "Edm.String":
		typ("string")
	case "Edm.Boolean":
		typ("boolean")
	case "Edm.Int32", "Edm.Int64":
		typ("integer")
		s.set("$ref", "edm.json#/$defs/"+strings.TrimPrefix(p.Type, "Edm."))
	case "Edm.DateTimeOffset", "Edm.Binary":
		typ("string")
		s.set("$ref", "edm.json#/$defs/"+strings.TrimPrefix(p.Type, "Edm."))
	default:
		return nil, fmt.Errorf("type %s has no JSON Schema mapping yet; add one to modelgen", p.Type)
	}
	return s, nil
}
