package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPreCommitHookDefinition checks the hook's settings that pre-commit
// users rely on, without running pre-commit.
func TestPreCommitHookDefinition(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^\s+require_serial: true$`).Match(b) {
		t.Errorf(".pre-commit-hooks.yaml: want require_serial: true, so that one process checks the files and prints one summary")
	}
}

// TestPreCommitHook installs the hook the way a user's pre-commit does,
// from a copy of this repository at one commit, with the README's
// .pre-commit-config.yaml snippet, in a repository that holds Graph
// fixtures beside the JSON every project has (package.json, a tsconfig.json
// with comments, editor settings). Only the bad fixture may fail the hook.
func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the hook with pre-commit; skipped with -short")
	}
	preCommit, err := exec.LookPath("pre-commit")
	if err != nil {
		t.Skip("pre-commit is not installed (apt-get install pre-commit); the hook was not tried")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}

	work := t.TempDir()
	env := append(os.Environ(),
		"PRE_COMMIT_HOME="+filepath.Join(work, "cache"),
		"GIT_AUTHOR_NAME=test", "GIT_AUTHOR_EMAIL=test@example.invalid",
		"GIT_COMMITTER_NAME=test", "GIT_COMMITTER_EMAIL=test@example.invalid",
		"GIT_CONFIG_NOSYSTEM=1", "HOME="+work,
	)
	runIn := func(dir string, name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	mustRun := func(dir string, name string, args ...string) string {
		t.Helper()
		out, err := runIn(dir, name, args...)
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return out
	}

	// The hook repository: this working tree, committed, since pre-commit
	// checks out a rev.
	hooks := filepath.Join(work, "hooks")
	for _, part := range []string{".pre-commit-hooks.yaml", "go.mod", "go.sum", "cmd", "internal", "schemas"} {
		copyTree(t, filepath.Join(root, part), filepath.Join(hooks, part))
	}
	mustRun(hooks, "git", "init", "-q")
	mustRun(hooks, "git", "add", ".")
	mustRun(hooks, "git", "commit", "-q", "-m", "hooks")
	rev := strings.TrimSpace(mustRun(hooks, "git", "rev-parse", "HEAD"))

	// The user's repository, configured with the README's snippet.
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	snippet := regexp.MustCompile("(?s)### As a pre-commit hook.*?```yaml\n(.*?)```").FindSubmatch(readme)
	if snippet == nil {
		t.Fatal("README.md has no pre-commit snippet")
	}
	config := regexp.MustCompile(`(?m)^(\s*- repo: ).*$`).ReplaceAllString(string(snippet[1]), "${1}"+hooks)
	config = regexp.MustCompile(`(?m)^(\s*rev: ).*$`).ReplaceAllString(config, "${1}"+rev)
	if !strings.Contains(config, "files:") {
		t.Errorf("the README's snippet has no files: pattern:\n%s", config)
	}

	const good = `{"actionName": "a", "actionState": "done", "startDateTime": "2019-01-23T10:15:30Z", "lastUpdatedDateTime": "2019-01-23T10:15:30Z"}`
	repo := filepath.Join(work, "project")
	files := map[string]string{
		".pre-commit-config.yaml": config,
		"fixtures/good1.json":     good,
		"fixtures/good2.json":     good,
		"fixtures/good3.json":     good,
		"fixtures/good4.json":     good,
		"fixtures/bad.json":       strings.Replace(good, `"done"`, `"Done"`, 1),
		"fixtures/log.ndjson":     good + "\n" + good + "\n",
		"notes.txt":               "not JSON; the hook must not be given this file\n",
		"package.json":            `{"name": "project", "version": "1.0.0", "scripts": {"test": "jest"}}`,
		"tsconfig.json":           "{\n  // JSONC: comments and trailing commas are fine here\n  \"compilerOptions\": {\"strict\": true,},\n}\n",
		".vscode/settings.json":   `{"editor.formatOnSave": true}`,
	}
	for name, content := range files {
		p := filepath.Join(repo, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustRun(repo, "git", "init", "-q")
	mustRun(repo, "git", "add", ".")

	out, err := runIn(repo, preCommit, "run", "--all-files")
	if err == nil || !strings.Contains(out, "Failed") {
		t.Fatalf("hook on all files passed, want a failure:\n%s", out)
	}
	if !strings.Contains(out, `fixtures/bad.json:1:36: error [enum] actionState: the string "Done"`) {
		t.Errorf("the failure does not show the finding:\n%s", out)
	}
	for _, other := range []string{"package.json", "tsconfig.json", "settings.json", "notes.txt"} {
		if strings.Contains(out, other) {
			t.Errorf("the hook was given %s, which its files: pattern excludes:\n%s", other, out)
		}
	}
	if n := len(regexp.MustCompile(`(?m)^\d+ files, `).FindAllString(out, -1)); n != 1 {
		t.Errorf("%d summary lines, want 1 (one process for all files):\n%s", n, out)
	}
	if !strings.Contains(out, "6 files, 7 resources: 1 error") {
		t.Errorf("the summary does not count the six fixtures:\n%s", out)
	}

	if err := os.Remove(filepath.Join(repo, "fixtures", "bad.json")); err != nil {
		t.Fatal(err)
	}
	mustRun(repo, "git", "add", "-A")
	if out, err := runIn(repo, preCommit, "run", "--all-files"); err != nil || !strings.Contains(out, "Passed") {
		t.Errorf("hook without the bad fixture: %v\n%s", err, out)
	}

	// A file at the root whose name starts with "-" is a file, not a
	// flag: the hook's args end the flags.
	dash := regexp.MustCompile(`(?m)^(\s*files: ).*$`).ReplaceAllString(config, `${1}^-.*\.json$`)
	for name, content := range map[string]string{".pre-commit-config.yaml": dash, "-bad.json": strings.Replace(good, `"done"`, `"Done"`, 1)} {
		if err := os.WriteFile(filepath.Join(repo, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustRun(repo, "git", "add", "-A")
	out, err = runIn(repo, preCommit, "run", "--all-files")
	if err == nil || !strings.Contains(out, `-bad.json:1:36: error [enum]`) {
		t.Errorf("hook on -bad.json: %v, want its enum finding:\n%s", err, out)
	}
}

// copyTree copies a file or a directory tree.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
