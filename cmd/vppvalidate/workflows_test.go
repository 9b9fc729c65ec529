package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// readmeWorkflow is a GitHub Actions workflow shown in the README.
type readmeWorkflow struct {
	line int // of the block's first line, for messages
	text string
}

// readmeWorkflows returns the README's ```yaml blocks that are GitHub
// Actions workflows: documents with both an on: and a jobs: key. Others,
// such as the GitLab and pre-commit examples, are left out.
func readmeWorkflows(t *testing.T) []readmeWorkflow {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var workflows []readmeWorkflow
	lines := strings.Split(string(b), "\n")
	for i := 0; i < len(lines); i++ {
		if lines[i] != "```yaml" {
			continue
		}
		start := i + 1
		for i++; i < len(lines) && lines[i] != "```"; i++ {
		}
		text := strings.Join(lines[start:i], "\n") + "\n"
		var doc map[string]any
		if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
			t.Errorf("README.md line %d: a yaml block that does not parse: %v", start+1, err)
			continue
		}
		_, on := doc["on"]
		_, jobs := doc["jobs"]
		if on && jobs {
			workflows = append(workflows, readmeWorkflow{line: start + 1, text: text})
		}
	}
	return workflows
}

// TestREADMEWorkflows runs actionlint on every GitHub Actions workflow in
// the README, each written to a file of its own. actionlint is not a
// dependency of the module: .ci/run names the pinned binary in ACTIONLINT
// (and lints .github/workflows itself); without it the test skips.
func TestREADMEWorkflows(t *testing.T) {
	workflows := readmeWorkflows(t)
	// The plain go install example and the action's example, at least.
	if len(workflows) < 2 {
		t.Fatalf("README.md has %d GitHub Actions workflows, want at least 2", len(workflows))
	}
	actionlint := os.Getenv("ACTIONLINT")
	if actionlint == "" {
		t.Skip("ACTIONLINT is not set (.ci/run sets it to a pinned actionlint); the README's workflows were not linted")
	}
	dir := filepath.Join(t.TempDir(), ".github", "workflows")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, wf := range workflows {
		name := filepath.Join(dir, fmt.Sprintf("readme-line-%d.yml", wf.line))
		if err := os.WriteFile(name, []byte(wf.text), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	cmd := exec.Command(actionlint, append([]string{"-no-color"}, files...)...)
	cmd.Dir = filepath.Dir(filepath.Dir(dir))
	out, err := cmd.CombinedOutput()
	if err != nil {
		// The file names say which README line each workflow starts on.
		t.Errorf("actionlint on the README's workflows: %v\n%s", err, out)
	}
}
