package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// TestVersionFromBuildInfo builds the command from a tagged git checkout,
// as a release build is, and checks that --version reports the tag and
// the Graph version. (go install module@v1.2.3 fills in the same field
// of the build info from the module version.)
func TestVersionFromBuildInfo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command; skipped with -short")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	dir := t.TempDir()
	for _, part := range []string{"go.mod", "go.sum", "cmd", "internal", "schemas"} {
		err := filepath.WalkDir(filepath.Join(root, part), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	env := append(os.Environ(), "GIT_AUTHOR_NAME=test", "GIT_AUTHOR_EMAIL=test@example.invalid",
		"GIT_COMMITTER_NAME=test", "GIT_COMMITTER_EMAIL=test@example.invalid", "GOFLAGS=-buildvcs=true")
	run := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	run("git", "init", "-q")
	run("git", "add", ".")
	run("git", "commit", "-q", "-m", "release")
	run("git", "tag", "v1.2.3")
	bin := filepath.Join(dir, "vppvalidate-bin")
	run("go", "build", "-o", bin, "./cmd/vppvalidate")
	out := run(bin, "--version")
	if out != "vppvalidate v1.2.3 (Microsoft Graph v1.0 and beta models)\n" {
		t.Errorf("--version printed %q", out)
	}

	// A source build with local changes names its commit and says so.
	rev := strings.TrimSpace(run("git", "rev-parse", "HEAD"))[:12]
	if err := os.WriteFile(filepath.Join(dir, "cmd", "vppvalidate", "extra.go"), []byte("package main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run("go", "build", "-o", bin, "./cmd/vppvalidate")
	out = run(bin, "--version")
	if !strings.Contains(out, "(commit "+rev+", modified)") {
		t.Errorf("--version of a modified tree printed %q, want the commit %s and \"modified\"", out, rev)
	}
}

// TestDescribeBuild covers the version line of each kind of build.
func TestDescribeBuild(t *testing.T) {
	const rev = "0123456789abcdef0123456789abcdef01234567"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	for _, tc := range []struct {
		stamp    string
		version  string
		settings []debug.BuildSetting
		want     string
	}{
		{"", "v1.2.3", nil, "v1.2.3"},
		{"", "v1.2.3", vcs("false"), "v1.2.3"},
		{"", "v1.2.3", vcs("true"), "v1.2.3 (commit 0123456789ab, modified)"},
		{"", "(devel)", nil, "(devel)"},
		{"", "", vcs("false"), "(devel) (commit 0123456789ab)"},
		{"", "(devel)", vcs("true"), "(devel) (commit 0123456789ab, modified)"},
		{"", "v0.0.0-20261130120000-0123456789ab", vcs("false"), "v0.0.0-20261130120000-0123456789ab (commit 0123456789ab)"},
		{"", "v0.0.0-20261130120000-0123456789ab+dirty", vcs("true"), "v0.0.0-20261130120000-0123456789ab+dirty (commit 0123456789ab, modified)"},
		// A release build's stamp wins over what the go command recorded.
		{"v1.2.3", "(devel)", nil, "v1.2.3"},
		{"v1.2.3", "", vcs("false"), "v1.2.3"},
		{"v1.2.3", "v0.0.0-20261130120000-0123456789ab", vcs("false"), "v1.2.3"},
		{"v1.2.3", "(devel)", vcs("true"), "v1.2.3 (commit 0123456789ab, modified)"},
		{"v0.0.1-SNAPSHOT-0123456", "(devel)", vcs("false"), "v0.0.1-SNAPSHOT-0123456"},
	} {
		info := &debug.BuildInfo{Main: debug.Module{Version: tc.version}, Settings: tc.settings}
		if got := describeBuild(tc.stamp, info); got != tc.want {
			t.Errorf("describeBuild(%q, %q, %v) = %q, want %q", tc.stamp, tc.version, tc.settings, got, tc.want)
		}
	}
	// A binary without build information still prints its stamp.
	if got := describeBuild("v1.2.3", nil); got != "v1.2.3" {
		t.Errorf("describeBuild(%q, nil) = %q, want %q", "v1.2.3", got, "v1.2.3")
	}
	if got := describeBuild("", nil); got != "(devel)" {
		t.Errorf("describeBuild(%q, nil) = %q, want %q", "", got, "(devel)")
	}
}
