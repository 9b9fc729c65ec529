package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommitHook installs the hook the way a user's pre-commit does,
// from this repository's .pre-commit-hooks.yaml (pre-commit builds the
// command with go install), and runs it on a good and a bad fixture in a
// throwaway repository.
func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the hook with pre-commit; skipped with -short")
	}
	preCommit, err := exec.LookPath("pre-commit")
	if err != nil {
		t.Skip("pre-commit is not installed (apt-get install pre-commit); the hook was not tried")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, ".git")); err != nil {
		t.Skip("the repository is not a git checkout; pre-commit try-repo needs one")
	}

	work := t.TempDir()
	env := append(os.Environ(),
		"PRE_COMMIT_HOME="+filepath.Join(work, "cache"),
		"GIT_AUTHOR_NAME=test", "GIT_AUTHOR_EMAIL=test@example.invalid",
		"GIT_COMMITTER_NAME=test", "GIT_COMMITTER_EMAIL=test@example.invalid",
	)
	repo := filepath.Join(work, "fixtures-repo")
	runIn := func(dir string, name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"good.json":  `{"actionName": "a", "actionState": "done", "startDateTime": "2019-01-23T10:15:30Z", "lastUpdatedDateTime": "2019-01-23T10:15:30Z"}`,
		"bad.json":   `{"actionName": "a", "actionState": "Done", "startDateTime": "2019-01-23T10:15:30Z", "lastUpdatedDateTime": "2019-01-23T10:15:30Z"}`,
		"notes.txt":  "not JSON; the hook must not be given this file\n",
		"log.ndjson": `{"value": []}` + "\n",
		// Not a Graph payload: the project file's exclude keeps it out
		// even though the hook names it.
		"package.json":      `{"name": "web", "version": "1.0.0"}`,
		".vppvalidate.json": `{"exclude": ["package.json"]}`,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(repo, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}} {
		if out, err := runIn(repo, "git", args...); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}

	out, err := runIn(repo, preCommit, "try-repo", root, "vppvalidate", "--files", "good.json", "notes.txt", "log.ndjson")
	if err != nil || !strings.Contains(out, "Passed") {
		t.Fatalf("hook on good files: %v\n%s", err, out)
	}
	out, err = runIn(repo, preCommit, "try-repo", root, "vppvalidate", "--all-files")
	if err == nil || !strings.Contains(out, "Failed") {
		t.Fatalf("hook on all files passed, want a failure:\n%s", out)
	}
	if !strings.Contains(out, `bad.json:1:36: error [enum] actionState: the string "Done"`) {
		t.Errorf("the failure does not show the finding:\n%s", out)
	}
	if !strings.Contains(out, "package.json is not checked: it is excluded by") || strings.Contains(out, "package.json:1") {
		t.Errorf("the hook checked an excluded file:\n%s", out)
	}
	if strings.Contains(out, ".vppvalidate.json:") {
		t.Errorf("the hook was given a hidden file; a directory walk passes over those:\n%s", out)
	}
	if strings.Contains(out, "notes.txt") {
		t.Errorf("the hook was given a file it does not match:\n%s", out)
	}
}
