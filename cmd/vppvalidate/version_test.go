package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"text/template"

	"go.yaml.in/yaml/v3"
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

// TestVersionStamp builds the command with the linker flags of
// .goreleaser.yaml, as a release build does, and checks that --version
// prints the stamped version. The build has no VCS information, so without
// the stamp it would print "(devel)"; a -X that names a variable the
// command does not have is silently ignored by the linker, which this
// catches too.
func TestVersionStamp(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command; skipped with -short")
	}
	b, err := os.ReadFile(filepath.Join("..", "..", ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Builds []struct {
			ID      string   `yaml:"id"`
			Main    string   `yaml:"main"`
			Ldflags []string `yaml:"ldflags"`
			Flags   []string `yaml:"flags"`
		} `yaml:"builds"`
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	if len(cfg.Builds) != 1 {
		t.Fatalf(".goreleaser.yaml has %d builds, want 1", len(cfg.Builds))
	}
	build := cfg.Builds[0]
	if filepath.Clean(build.Main) != filepath.Join("cmd", "vppvalidate") {
		t.Errorf(".goreleaser.yaml builds %q, want ./cmd/vppvalidate", build.Main)
	}
	// GoReleaser's templates: fill in the fields of a release v9.8.7, and
	// fail on any field this test does not know.
	var ldflags []string
	for _, f := range build.Ldflags {
		tmpl, err := template.New("ldflags").Option("missingkey=error").Parse(f)
		if err != nil {
			t.Fatalf(".goreleaser.yaml ldflags %q: %v", f, err)
		}
		var sb strings.Builder
		if err := tmpl.Execute(&sb, map[string]string{"Version": "9.8.7", "Tag": "v9.8.7"}); err != nil {
			t.Fatalf(".goreleaser.yaml ldflags %q: %v", f, err)
		}
		ldflags = append(ldflags, sb.String())
	}
	if !strings.Contains(strings.Join(ldflags, " "), "main.stampedVersion=v9.8.7") {
		t.Errorf(".goreleaser.yaml ldflags %q do not stamp main.stampedVersion with v{{ .Version }}", build.Ldflags)
	}

	bin := filepath.Join(t.TempDir(), "vppvalidate-bin")
	args := append([]string{"build", "-o", bin, "-ldflags", strings.Join(ldflags, " ")}, build.Flags...)
	cmd := exec.Command("go", append(args, ".")...)
	cmd.Env = append(os.Environ(), "GOFLAGS=-buildvcs=false", "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %v: %v\n%s", args, err, out)
	}
	out, err := exec.Command(bin, "--version").CombinedOutput()
	if err != nil {
		t.Fatalf("--version: %v\n%s", err, out)
	}
	if want := "vppvalidate v9.8.7 (Microsoft Graph v1.0 and beta models)\n"; string(out) != want {
		t.Errorf("--version of a stamped build printed %q, want %q", out, want)
	}
}
