package csdl

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func shared(t *testing.T, name string) *Document {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "..", "shared", "data", "graph-csdl", name))
	if err != nil {
		t.Skipf("shared CSDL not available: %v", err)
	}
	defer f.Close()
	doc, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func selection(t *testing.T) Selection {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "schemas", "csdl", "overlay.json"))
	if err != nil {
		t.Fatal(err)
	}
	var o struct {
		Roots, Singletons []string
	}
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	return Selection{Namespace: "microsoft.graph", Roots: o.Roots, Singletons: o.Singletons}
}

// normal sorts a schema's elements by name, so that two documents holding
// the same elements in another order compare equal.
func normal(s Schema) Schema {
	byName := func(a, b StructuredType) int { return strings.Compare(a.Name, b.Name) }
	s.ComplexTypes = slices.Clone(s.ComplexTypes)
	s.EntityTypes = slices.Clone(s.EntityTypes)
	slices.SortFunc(s.ComplexTypes, byName)
	slices.SortFunc(s.EntityTypes, byName)
	s.EnumTypes = slices.Clone(s.EnumTypes)
	slices.SortFunc(s.EnumTypes, func(a, b EnumType) int { return strings.Compare(a.Name, b.Name) })
	for _, list := range []*[]Operation{&s.Actions, &s.Functions} {
		*list = slices.Clone(*list)
		slices.SortFunc(*list, func(a, b Operation) int { return strings.Compare(a.Name, b.Name) })
		for i := range *list {
			for j := range (*list)[i].Parameters {
				(*list)[i].Parameters[j].Nullable = nil // Unicode and facets of parameters are not kept
			}
		}
	}
	return s
}

// TestCutWholeV1 cuts the VPP slice out of Graph's whole v1.0 CSDL and
// compares it, element by element, with the slice published beside it.
func TestCutWholeV1(t *testing.T) {
	whole := shared(t, "v1.0-Prod.csdl")
	want := shared(t, "v1.0-vpp.xml")
	sl, err := Cut(whole, selection(t))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := sl.Write(&buf, "test"); err != nil {
		t.Fatal(err)
	}
	got, err := Parse(&buf)
	if err != nil {
		t.Fatalf("the written slice does not parse: %v", err)
	}
	g, w := normal(got.Schemas[0]), normal(want.Schemas[0])
	if !reflect.DeepEqual(g, w) {
		for _, kind := range []string{"EnumTypes", "ComplexTypes", "EntityTypes", "Actions", "Functions", "Containers"} {
			gv, wv := reflect.ValueOf(g).FieldByName(kind).Interface(), reflect.ValueOf(w).FieldByName(kind).Interface()
			if !reflect.DeepEqual(gv, wv) {
				t.Errorf("%s differ:\n cut:       %+v\n published: %+v", kind, gv, wv)
			}
		}
	}
	if len(sl.Missing) != 10 {
		t.Errorf("roots missing from v1.0: %v, want the 10 beta-only roots", sl.Missing)
	}
}

// TestCutBetaSliceIsClosed cuts the beta slice again: a closure cut from
// itself must be itself.
func TestCutBetaSliceIsClosed(t *testing.T) {
	beta := shared(t, "beta-vpp.xml")
	sl, err := Cut(beta, selection(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(sl.Missing) != 0 {
		t.Errorf("missing roots: %v", sl.Missing)
	}
	if g, w := normal(sl.Doc.Schemas[0]), normal(beta.Schemas[0]); !reflect.DeepEqual(g, w) {
		t.Errorf("the beta slice is not closed under Cut:\n%+v\n%+v", g, w)
	}
}

func TestCutUnknownNamespace(t *testing.T) {
	beta := shared(t, "beta-vpp.xml")
	if _, err := Cut(beta, Selection{Namespace: "microsoft.graph.callRecords"}); err == nil {
		t.Error("no error for a namespace the document lacks")
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{"", "<edmx:Edmx", "<a/>", "not xml"} {
		if _, err := Parse(strings.NewReader(in)); err == nil {
			t.Errorf("Parse(%q): no error", in)
		}
	}
}
