package vppvalidate_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestConsumerModule builds a module outside this one that requires it,
// as a user's would, and whose code names every exported identifier of
// the library and of vpptest (see testdata/consumer): an exported name
// that an outside module cannot use, or that the consumer does not
// exercise, fails here. It then runs go vet and go test there, including
// a vpptest test that must fail with the expected error lines.
func TestConsumerModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module of its own: slow")
	}
	consumer := readConsumer(t)
	for _, name := range exported(t, ".", "vppvalidate") {
		if !name.mentionedIn(consumer) {
			t.Errorf("testdata/consumer never uses %s", name)
		}
	}
	for _, name := range exported(t, "vpptest", "vpptest") {
		if !name.mentionedIn(consumer) {
			t.Errorf("testdata/consumer never uses %s", name)
		}
	}

	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("no go command: %v", err)
	}
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFile := func(from, to string) {
		t.Helper()
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		write(to, b)
	}
	write("go.mod", []byte("module example.com/consumer\n\ngo 1.25\n\n"+
		"require github.com/vppvalidate/vppvalidate v0.0.0\n\n"+
		"replace github.com/vppvalidate/vppvalidate => "+root+"\n"))
	copyFile("go.sum", "go.sum") // the consumer needs no module this one does not
	copyFile("testdata/consumer/consumer.go.txt", "consumer.go")
	copyFile("testdata/consumer/consumer_test.go.txt", "consumer_test.go")
	valid, _ := filepath.Glob("testdata/valid/*.json")
	if len(valid) == 0 {
		t.Fatal("no valid fixtures")
	}
	for _, f := range valid {
		copyFile(f, "testdata/valid/"+filepath.Base(f))
	}
	copyFile("testdata/invalid/enum.json", "testdata/invalid/enum.json")

	gocmd := func(env []string, args ...string) (string, error) {
		cmd := exec.Command(goCmd, args...)
		cmd.Dir = dir
		// -mod=mod lets go add what go.sum lacks; the rest of GOFLAGS
		// (-buildvcs=false, say) stands.
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -mod=mod"))
		cmd.Env = append(cmd.Env, env...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := gocmd(nil, "vet", "./..."); err != nil {
		t.Fatalf("go vet in the consumer module: %v\n%s", err, out)
	}
	if out, err := gocmd(nil, "test", "-count=1", "./..."); err != nil {
		t.Fatalf("go test in the consumer module: %v\n%s", err, out)
	}
	out, err := gocmd([]string{"CONSUMER_INVALID=1"}, "test", "-count=1", "-run", "^TestInvalid$", "./...")
	if err == nil {
		t.Fatalf("TestInvalid passed on an invalid fixture:\n%s", out)
	}
	want := `: testdata/invalid/enum.json:7:22: [enum] actionState: the string "Failed" is not a documented actionState value; expected one of "none", "pending", "canceled", "active", "done", "failed", "notSupported"; did you mean "failed"?` + "\n"
	if !strings.Contains(out, want) || strings.Count(out, ": testdata/invalid/enum.json:") != 4 {
		t.Errorf("TestInvalid printed:\n%s\nwant four errors, one of them ending %q", out, want)
	}
}

// readConsumer returns the source of the consumer module.
func readConsumer(t *testing.T) string {
	var src strings.Builder
	for _, name := range []string{"consumer.go.txt", "consumer_test.go.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", "consumer", name))
		if err != nil {
			t.Fatal(err)
		}
		src.Write(b)
	}
	return src.String()
}

// exportedName is an exported identifier of a package: a top-level name
// (Owner empty), or a method or struct field of the type Owner.
type exportedName struct {
	Pkg, Owner, Name string
}

func (n exportedName) String() string {
	if n.Owner != "" {
		return n.Pkg + "." + n.Owner + "." + n.Name
	}
	return n.Pkg + "." + n.Name
}

// mentionedIn tells whether src uses the name: pkg.Name for a top-level
// one; .Name, or Name: in a composite literal, for a member.
func (n exportedName) mentionedIn(src string) bool {
	q := regexp.QuoteMeta(n.Name)
	re := `\b` + regexp.QuoteMeta(n.Pkg) + `\.` + q + `\b`
	if n.Owner != "" {
		re = `\.` + q + `\b|\b` + q + `:`
	}
	return regexp.MustCompile(re).MatchString(src)
}

// exported lists the exported identifiers declared in the non-test Go
// files of dir, the package pkg.
func exported(t *testing.T, dir, pkg string) []exportedName {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var names []exportedName
	fset := token.NewFileSet()
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				if d.Recv == nil {
					names = append(names, exportedName{Pkg: pkg, Name: d.Name.Name})
				} else {
					names = append(names, exportedName{Pkg: pkg, Owner: receiver(d.Recv.List[0].Type), Name: d.Name.Name})
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						if !s.Name.IsExported() {
							continue
						}
						names = append(names, exportedName{Pkg: pkg, Name: s.Name.Name})
						if st, ok := s.Type.(*ast.StructType); ok {
							for _, field := range st.Fields.List {
								for _, fn := range field.Names {
									if fn.IsExported() {
										names = append(names, exportedName{Pkg: pkg, Owner: s.Name.Name, Name: fn.Name})
									}
								}
							}
						}
					case *ast.ValueSpec:
						for _, id := range s.Names {
							if id.IsExported() {
								names = append(names, exportedName{Pkg: pkg, Name: id.Name})
							}
						}
					}
				}
			}
		}
	}
	if len(names) == 0 {
		t.Fatalf("no exported names in %s", dir)
	}
	return names
}

// receiver names the type of a method's receiver, T or *T.
func receiver(e ast.Expr) string {
	if star, ok := e.(*ast.StarExpr); ok {
		e = star.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}
