package rules

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestOneFilePerRule keeps the promise that a rule is one value in one
// file: every rule of the catalogue is registered by exactly one call of
// register, in the file named after its ID, which also declares the ID's
// constant; and no file registers two rules.
func TestOneFilePerRule(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	where := make(map[string]string) // rule ID -> file that registers it
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		consts := make(map[string]string)
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for i, id := range vs.Names {
					if i < len(vs.Values) {
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							consts[id.Name], _ = strconv.Unquote(lit.Value)
						}
					}
				}
			}
		}
		registered := 0
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) != 1 {
				return true
			}
			if fn, ok := call.Fun.(*ast.Ident); !ok || fn.Name != "register" {
				return true
			}
			registered++
			lit, ok := call.Args[0].(*ast.CompositeLit)
			if !ok {
				t.Errorf("%s: register's argument is not a Rule literal", fset.Position(call.Pos()))
				return true
			}
			for _, e := range lit.Elts {
				kv, ok := e.(*ast.KeyValueExpr)
				if !ok || kv.Key.(*ast.Ident).Name != "ID" {
					continue
				}
				ident, ok := kv.Value.(*ast.Ident)
				id, declared := "", false
				if ok {
					id, declared = consts[ident.Name]
				}
				if !declared {
					t.Errorf("%s: the rule's ID is not a constant declared in the same file", fset.Position(kv.Pos()))
					continue
				}
				if want := strings.ReplaceAll(id, "-", "_") + ".go"; name != want {
					t.Errorf("rule %s is registered in %s, want %s", id, name, want)
				}
				where[id] = name
			}
			return true
		})
		if registered > 1 {
			t.Errorf("%s registers %d rules; one file holds one rule", name, registered)
		}
	}
	for _, r := range catalogue {
		if where[r.ID] == "" {
			t.Errorf("rule %s is in the catalogue but no file registers it as register(Rule{ID: ...})", r.ID)
		}
	}
	if len(where) != len(catalogue) {
		t.Errorf("%d files register rules, the catalogue has %d", len(where), len(catalogue))
	}
}
