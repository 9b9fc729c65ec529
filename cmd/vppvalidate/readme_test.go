package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
