package csdl

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// Selection says what a slice is cut for.
type Selection struct {
	// Namespace is the schema the slice is cut from, such as
	// "microsoft.graph".
	Namespace string
	// Roots are the unqualified names of the types the slice exists
	// for. A root the document lacks is listed in Slice.Missing.
	Roots []string
	// Singletons are entity container singletons to keep, with their
	// types' closure.
	Singletons []string
}

// Slice is the result of Cut: a document holding one Schema, and why
// each element is in it.
type Slice struct {
	Doc *Document
	// Reasons maps "Kind name" (for example "EntityType vppToken") to
	// why the element is in the slice, in the order elements were added.
	Reasons []Reason
	// Missing lists the roots the document does not define.
	Missing []string
}

// Reason is why one element is in a slice.
type Reason struct {
	Kind, Name, Why string
}

// Cut returns the closure of sel's roots in doc: the roots; their base
// types; the types of their structural properties (collection element
// types included), followed recursively; the complex types derived from
// any complex type kept (a value of the base type may be one of them);
// the singletons named, with their types; and every action or function
// bound to an entity type among the roots, or to a collection of one,
// with its return type. Navigation properties are kept as they are, but
// their target types are not followed: a slice describes its roots, not
// everything they link to.
//
// The error is for a namespace the document does not have.
func Cut(doc *Document, sel Selection) (*Slice, error) {
	var src *Schema
	for i := range doc.Schemas {
		if doc.Schemas[i].Namespace == sel.Namespace {
			src = &doc.Schemas[i]
		}
	}
	if src == nil {
		return nil, fmt.Errorf("the CSDL document has no schema with namespace %q", sel.Namespace)
	}
	enums := index(src.EnumTypes, func(e EnumType) string { return e.Name })
	complexes := index(src.ComplexTypes, func(t StructuredType) string { return t.Name })
	entities := index(src.EntityTypes, func(t StructuredType) string { return t.Name })

	out := &Slice{Doc: &Document{Version: doc.Version}}
	kept := map[string]bool{}
	var queue []string
	keep := func(name, why string) {
		if kept[name] {
			return
		}
		var kind string
		switch {
		case enums[name] != nil:
			kind = "EnumType"
		case complexes[name] != nil:
			kind = "ComplexType"
		case entities[name] != nil:
			kind = "EntityType"
		default:
			return // a type of another namespace, or a primitive
		}
		kept[name] = true
		queue = append(queue, name)
		out.Reasons = append(out.Reasons, Reason{kind, name, why})
	}
	local := func(t string) string {
		elem, _ := ElemType(t)
		name, _ := src.Local(elem)
		return name
	}
	roots := map[string]bool{}
	for _, r := range sel.Roots {
		if enums[r] == nil && complexes[r] == nil && entities[r] == nil {
			out.Missing = append(out.Missing, r)
			continue
		}
		roots[r] = true
		keep(r, "root")
	}
	var singletons []Singleton
	for _, c := range src.Containers {
		for _, s := range c.Singletons {
			if slices.Contains(sel.Singletons, s.Name) {
				singletons = append(singletons, s)
				keep(local(s.Type), "type of the "+s.Name+" singleton")
			}
		}
	}
	var ops []Operation
	for _, list := range [][]Operation{src.Actions, src.Functions} {
		for _, op := range list {
			if !op.IsBound || len(op.Parameters) == 0 {
				continue
			}
			if b := local(op.Parameters[0].Type); roots[b] && entities[b] != nil {
				ops = append(ops, op)
			}
		}
	}
	for _, op := range ops {
		if op.ReturnType != nil {
			keep(local(op.ReturnType.Type), "return type of "+op.Name)
		}
	}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		t := complexes[name]
		if t == nil {
			t = entities[name]
		}
		if t == nil {
			continue // an enum
		}
		if t.BaseType != "" {
			keep(local(t.BaseType), "base type of "+name)
		}
		for _, p := range t.Properties {
			keep(local(p.Type), "type of "+name+"."+p.Name)
		}
		if complexes[name] != nil {
			for _, c := range src.ComplexTypes {
				if local(c.BaseType) == name {
					keep(c.Name, "derives from "+name)
				}
			}
		}
	}

	s := Schema{Namespace: src.Namespace, Alias: src.Alias}
	for _, e := range src.EnumTypes {
		if kept[e.Name] {
			s.EnumTypes = append(s.EnumTypes, e)
		}
	}
	for _, t := range src.ComplexTypes {
		if kept[t.Name] {
			s.ComplexTypes = append(s.ComplexTypes, t)
		}
	}
	for _, t := range src.EntityTypes {
		if kept[t.Name] {
			s.EntityTypes = append(s.EntityTypes, t)
		}
	}
	for _, op := range ops {
		if op.Kind == "Action" {
			s.Actions = append(s.Actions, op)
		} else {
			s.Functions = append(s.Functions, op)
		}
	}
	if len(singletons) > 0 {
		name := "GraphService"
		if len(src.Containers) > 0 {
			name = src.Containers[0].Name
		}
		s.Containers = []EntityContainer{{Name: name, Singletons: singletons}}
	}
	out.Doc.Schemas = []Schema{s}
	return out, nil
}

func index[T any](list []T, key func(T) string) map[string]*T {
	m := make(map[string]*T, len(list))
	for i := range list {
		m[key(list[i])] = &list[i]
	}
	return m
}

// Write writes the slice as a CSDL XML document, elements sorted by kind
// and name as Graph's own files are, with a header comment that says
// where it comes from (source, free text) and why each element is in it.
func (sl *Slice) Write(w io.Writer, source string) error {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!--\n")
	for _, line := range strings.Split(strings.TrimSpace(source), "\n") {
		fmt.Fprintf(&b, "  %s\n", xmlComment(line))
	}
	b.WriteString("  Elements (kind name [why]):\n")
	for _, r := range sl.Reasons {
		fmt.Fprintf(&b, "    %-12s %-45s [%s]\n", r.Kind, r.Name, xmlComment(r.Why))
	}
	if len(sl.Missing) > 0 {
		fmt.Fprintf(&b, "  Roots not defined in the source: %s\n", strings.Join(sl.Missing, ", "))
	}
	b.WriteString("-->\n")
	fmt.Fprintf(&b, "<edmx:Edmx Version=%q xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n", orDefault(sl.Doc.Version, "4.0"))
	b.WriteString("  <edmx:DataServices>\n")
	for _, s := range sl.Doc.Schemas {
		fmt.Fprintf(&b, "    <Schema Namespace=%s", attr(s.Namespace))
		if s.Alias != "" {
			fmt.Fprintf(&b, " Alias=%s", attr(s.Alias))
		}
		b.WriteString(" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n")
		for _, e := range sortedBy(s.EnumTypes, func(e EnumType) string { return e.Name }) {
			fmt.Fprintf(&b, "      <EnumType Name=%s", attr(e.Name))
			if e.UnderlyingType != "" {
				fmt.Fprintf(&b, " UnderlyingType=%s", attr(e.UnderlyingType))
			}
			if e.IsFlags {
				b.WriteString(" IsFlags=\"true\"")
			}
			b.WriteString(">\n")
			for _, m := range e.Members {
				fmt.Fprintf(&b, "        <Member Name=%s", attr(m.Name))
				if m.Value != "" {
					fmt.Fprintf(&b, " Value=%s", attr(m.Value))
				}
				b.WriteString(" />\n")
			}
			b.WriteString("      </EnumType>\n")
		}
		for _, t := range sortedBy(s.ComplexTypes, func(t StructuredType) string { return t.Name }) {
			writeStructured(&b, "ComplexType", t)
		}
		for _, t := range sortedBy(s.EntityTypes, func(t StructuredType) string { return t.Name }) {
			writeStructured(&b, "EntityType", t)
		}
		for _, list := range [][]Operation{s.Actions, s.Functions} {
			for _, op := range sortedBy(list, func(o Operation) string { return o.Name }) {
				writeOperation(&b, op)
			}
		}
		for _, c := range s.Containers {
			fmt.Fprintf(&b, "      <EntityContainer Name=%s>\n", attr(c.Name))
			for _, es := range c.EntitySets {
				fmt.Fprintf(&b, "        <EntitySet Name=%s EntityType=%s />\n", attr(es.Name), attr(es.EntityType))
			}
			for _, st := range c.Singletons {
				fmt.Fprintf(&b, "        <Singleton Name=%s Type=%s />\n", attr(st.Name), attr(st.Type))
			}
			b.WriteString("      </EntityContainer>\n")
		}
		b.WriteString("    </Schema>\n")
	}
	b.WriteString("  </edmx:DataServices>\n</edmx:Edmx>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func writeStructured(b *strings.Builder, kind string, t StructuredType) {
	fmt.Fprintf(b, "      <%s Name=%s", kind, attr(t.Name))
	if t.BaseType != "" {
		fmt.Fprintf(b, " BaseType=%s", attr(t.BaseType))
	}
	if t.Abstract {
		b.WriteString(" Abstract=\"true\"")
	}
	if t.OpenType {
		b.WriteString(" OpenType=\"true\"")
	}
	if t.HasStream {
		b.WriteString(" HasStream=\"true\"")
	}
	if len(t.Key) == 0 && len(t.Properties) == 0 && len(t.NavigationProperties) == 0 {
		b.WriteString(" />\n")
		return
	}
	b.WriteString(">\n")
	if len(t.Key) > 0 {
		b.WriteString("        <Key>\n")
		for _, k := range t.Key {
			fmt.Fprintf(b, "          <PropertyRef Name=%s />\n", attr(k.Name))
		}
		b.WriteString("        </Key>\n")
	}
	for _, p := range t.Properties {
		fmt.Fprintf(b, "        <Property Name=%s Type=%s%s />\n", attr(p.Name), attr(p.Type), nullable(p.Nullable))
	}
	for _, p := range t.NavigationProperties {
		fmt.Fprintf(b, "        <NavigationProperty Name=%s Type=%s%s", attr(p.Name), attr(p.Type), nullable(p.Nullable))
		if p.ContainsTarget {
			b.WriteString(" ContainsTarget=\"true\"")
		}
		b.WriteString(" />\n")
	}
	fmt.Fprintf(b, "      </%s>\n", kind)
}

func writeOperation(b *strings.Builder, op Operation) {
	fmt.Fprintf(b, "      <%s Name=%s", op.Kind, attr(op.Name))
	if op.IsBound {
		b.WriteString(" IsBound=\"true\"")
	}
	b.WriteString(">\n")
	for _, p := range op.Parameters {
		fmt.Fprintf(b, "        <Parameter Name=%s Type=%s%s />\n", attr(p.Name), attr(p.Type), nullable(p.Nullable))
	}
	if r := op.ReturnType; r != nil {
		fmt.Fprintf(b, "        <ReturnType Type=%s%s />\n", attr(r.Type), nullable(r.Nullable))
	}
	fmt.Fprintf(b, "      </%s>\n", op.Kind)
}

func nullable(n *bool) string {
	if n == nil {
		return ""
	}
	return fmt.Sprintf(" Nullable=\"%t\"", *n)
}

// attr quotes an attribute value for XML.
func attr(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	return `"` + r.Replace(s) + `"`
}

// xmlComment keeps text from ending the comment it is written in.
func xmlComment(s string) string { return strings.ReplaceAll(s, "--", "- -") }

func sortedBy[T any](list []T, key func(T) string) []T {
	out := slices.Clone(list)
	slices.SortStableFunc(out, func(a, b T) int { return strings.Compare(key(a), key(b)) })
	return out
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
