package model

import (
	"fmt"
	"testing"
)

// TestNameIndex looks up every property name of every type of every
// version, and names that are not there (near misses among them), in a
// NameIndex and in a map made from the same pairs: the answers must be
// the same.
func TestNameIndex(t *testing.T) {
	var zero NameIndex[int]
	if v, ok := zero.Get("x"); ok || v != 0 {
		t.Fatalf("the zero index has x: %d", v)
	}
	for _, version := range Versions() {
		for _, typ := range Get(version).Types {
			want := map[string]*Property{}
			for _, p := range typ.Properties {
				want[p.Name] = p
			}
			x := NewNameIndex(typ.names, typ.Properties)
			probes := []string{"", "@odata.type", "x", typ.Name}
			for _, p := range typ.Properties {
				probes = append(probes, p.Name, p.Name+"x", p.Name[1:], "A"+p.Name[1:], p.Name+"@odata.type")
			}
			for _, name := range probes {
				got, ok := x.Get(name)
				if w, wok := want[name]; got != w || ok != wok {
					t.Errorf("%s %s: Get(%q) = %v, %v; want %v, %v", version, typ.Name, name, got, ok, w, wok)
				}
			}
		}
	}
	// Many names, so that some share a slot and are found by probing; the
	// last of a repeated name counts.
	var names []string
	var vals []int
	for i := 0; i < 500; i++ {
		names, vals = append(names, fmt.Sprintf("p%d", i)), append(vals, i)
	}
	names, vals = append(names, "p7"), append(vals, -7)
	x := NewNameIndex(names, vals)
	for i := 0; i < 500; i++ {
		want := i
		if i == 7 {
			want = -7
		}
		if got, ok := x.Get(fmt.Sprintf("p%d", i)); !ok || got != want {
			t.Errorf("Get(p%d) = %d, %v", i, got, ok)
		}
		if _, ok := x.Get(fmt.Sprintf("q%d", i)); ok {
			t.Errorf("Get(q%d) found a value", i)
		}
	}
}
