package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// TestREADMEExample runs the README's ad hoc example and compares the
// output with what the README shows.
func TestREADMEExample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "<!-- example:begin -->")
	example, _, ok2 := strings.Cut(rest, "<!-- example:end -->")
	if !ok || !ok2 {
		t.Fatal("README.md has no example section")
	}
	block := func(lang string) string {
		_, after, ok := strings.Cut(example, "```"+lang+"\n")
		body, _, ok2 := strings.Cut(after, "```")
		if !ok || !ok2 {
			t.Fatalf("README example has no %s block", lang)
		}
		return body
	}
	input := block("json")
	console := block("console")
	cmdLine, want, _ := strings.Cut(console, "\n")
	args := strings.Fields(strings.TrimPrefix(cmdLine, "$ vppvalidate "))

	t.Chdir(t.TempDir())
	if err := os.WriteFile("capture.json", []byte(input), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run(args, nil, &stdout, &stderr)
	if code != exitFindings {
		t.Errorf("exit code %d, want %d; stderr: %s", code, exitFindings, stderr.String())
	}
	if stdout.String() != want {
		t.Errorf("README shows:\n%s\nthe command prints:\n%s", want, stdout.String())
	}
}

// TestREADMEGoVersion keeps the Go release the README and its CI examples
// name in step with go.mod's go line, which is what the go command
// enforces, and checks that .ci/run tests with that release.
func TestREADMEGoVersion(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("..", "..", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	var goLine string
	for _, line := range strings.Split(read("go.mod"), "\n") {
		if v, ok := strings.CutPrefix(line, "go "); ok {
			goLine = strings.TrimSpace(v)
		}
	}
	parts := strings.Split(goLine, ".")
	if len(parts) < 2 {
		t.Fatalf("go.mod's go line %q is not 1.N or 1.N.M", goLine)
	}
	minor := parts[0] + "." + parts[1]
	readme := read("README.md")
	for _, want := range []string{
		"Go " + minor + " or newer",
		"image: golang:" + minor + " ",
		`go-version: "` + minor + `"`,
		"GOTOOLCHAIN=go" + minor + ".0",
	} {
		if !strings.Contains(readme, want) {
			t.Errorf("README.md does not say %q (go.mod: go %s)", want, goLine)
		}
	}
	for _, old := range []string{"golang:1.2", "Go 1.2"} {
		for _, line := range strings.Split(readme, "\n") {
			if strings.Contains(line, old) && !strings.Contains(line, minor) {
				t.Errorf("README.md names another Go release than go.mod's %s: %q", minor, line)
			}
		}
	}
	if ci := read(".ci/run"); !strings.Contains(ci, `GOTOOLCHAIN="go$min_go" go test`) || !strings.Contains(ci, "sed -n 's/^go ") {
		t.Errorf(".ci/run does not test with the go.mod toolchain")
	}
}

// TestREADMEFlagTable keeps the README's flag table in step with the
// flags: one row per flag, naming it, and no row for a flag that is gone.
func TestREADMEFlagTable(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(b), "| flag | meaning |\n|---|---|\n")
	table, _, _ = strings.Cut(table, "\n\n")
	if !ok {
		t.Fatal("README.md has no flag table")
	}
	rows := map[string]bool{}
	for _, line := range strings.Split(table, "\n") {
		cells := strings.Split(line, " | ")
		for _, m := range regexp.MustCompile("--([a-z][a-z-]*)").FindAllStringSubmatch(cells[0], -1) {
			if rows[m[1]] {
				t.Errorf("README.md: two rows for --%s", m[1])
			}
			rows[m[1]] = true
		}
	}
	fs := newFlagSet(&options{}, &raw{})
	fs.VisitAll(func(f *pflag.Flag) {
		if !rows[f.Name] {
			t.Errorf("README.md's flag table has no row for --%s", f.Name)
		}
		delete(rows, f.Name)
	})
	for name := range rows {
		t.Errorf("README.md's flag table has a row for --%s, which is not a flag", name)
	}
}
