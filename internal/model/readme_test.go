package model

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

var updateREADME = flag.Bool("update", false, "rewrite the README's model table from the model")

// modelTable renders the model as the README shows it: one row per
// type, with what each version has.
func modelTable() string {
	var b strings.Builder
	b.WriteString("<!-- model:begin -->\n")
	versions := Versions()
	b.WriteString("| type | kind |")
	for _, v := range versions {
		fmt.Fprintf(&b, " %s |", v)
	}
	b.WriteString("\n|---|---|" + strings.Repeat("---|", len(versions)) + "\n")
	var names []string
	seen := map[string]bool{}
	for _, v := range versions {
		for _, t := range Get(v).Types {
			if !seen[t.Name] {
				seen[t.Name] = true
				names = append(names, t.Name)
			}
		}
	}
	slices.Sort(names)
	for _, name := range names {
		kind := ""
		for _, v := range versions {
			if t := Get(v).Type(name); t != nil {
				kind = t.Kind.String()
				if t.Abstract {
					kind = "abstract " + kind
				}
				if t.Flags {
					kind = "flags " + kind
				}
			}
		}
		fmt.Fprintf(&b, "| `%s` | %s |", name, kind)
		for _, v := range versions {
			t := Get(v).Type(name)
			switch {
			case t == nil:
				b.WriteString(" — |")
			case t.Kind == Enum:
				fmt.Fprintf(&b, " %s |", strings.Join(t.Members, ", "))
			default:
				cell := fmt.Sprintf("%d properties", len(t.Properties))
				if len(t.Properties) == 1 {
					cell = "1 property"
				}
				if t.Base != nil {
					cell += ", from `" + t.Base.Name + "`"
				}
				fmt.Fprintf(&b, " %s |", cell)
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("<!-- model:end -->")
	return b.String()
}

// TestREADMEModelTable keeps the README's list of types and versions
// equal to the model; -update rewrites it.
func TestREADMEModelTable(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start, end := strings.Index(readme, "<!-- model:begin -->"), strings.Index(readme, "<!-- model:end -->")
	if start < 0 || end < start {
		t.Fatal("README.md has no <!-- model:begin --> ... <!-- model:end --> section")
	}
	want := modelTable()
	got := readme[start : end+len("<!-- model:end -->")]
	if got == want {
		return
	}
	if *updateREADME {
		if err := os.WriteFile("../../README.md", []byte(readme[:start]+want+readme[end+len("<!-- model:end -->"):]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the README's model table is out of date; run go test ./internal/model -update. Want:\n%s", want)
}
