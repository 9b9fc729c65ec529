package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"

	"go.yaml.in/yaml/v3"
)

// actionMetadata is the part of action.yml that the tests read.
type actionMetadata struct {
	Inputs map[string]struct {
		Description string `yaml:"description"`
	} `yaml:"inputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

// actionStep is one step of the composite action.
type actionStep struct {
	Name  string            `yaml:"name"`
	If    string            `yaml:"if"`
	Uses  string            `yaml:"uses"`
	Shell string            `yaml:"shell"`
	Run   string            `yaml:"run"`
	With  map[string]string `yaml:"with"`
	Env   map[string]string `yaml:"env"`
}

func readAction(t *testing.T) actionMetadata {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionMetadata
	if err := yaml.Unmarshal(b, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a
}

// readmeSection is the text of the README section under the heading (such
// as "### Install"), up to the next heading of the same or a higher level.
// Lines in code blocks are not headings.
func readmeSection(t *testing.T, heading string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	level := strings.Index(heading, " ")
	var section []string
	in, fence := false, false
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "```") {
			fence = !fence
		} else if !fence {
			if line == heading {
				in = true
				continue
			}
			n := len(line) - len(strings.TrimLeft(line, "#"))
			if in && n > 0 && n <= level && strings.HasPrefix(line[n:], " ") {
				break
			}
		}
		if in {
			section = append(section, line)
		}
	}
	if !in {
		t.Fatalf("README.md has no %q section", heading)
	}
	return strings.Join(section, "\n")
}

// inputRef finds the inputs an expression reads, as inputs.NAME or
// inputs['NAME'].
var inputRef = regexp.MustCompile(`\binputs(?:\.([A-Za-z_][A-Za-z0-9_-]*)|\[\s*'([^']*)'\s*\])`)

// TestActionInputs checks action.yml, which actionlint does not read:
// every input it declares is used by a step and documented in the README's
// GitHub Action section, every input its steps read is declared, and no
// run script has an expression in it (a value such as a path with $(...)
// in it would become shell code; inputs reach the scripts through env).
func TestActionInputs(t *testing.T) {
	a := readAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("action.yml: runs.using is %q, want composite", a.Runs.Using)
	}
	if len(a.Inputs) == 0 {
		t.Fatal("action.yml declares no inputs")
	}

	used := map[string]bool{}
	for i, s := range a.Runs.Steps {
		name := s.Name
		if name == "" {
			name = fmt.Sprintf("step %d", i+1)
		}
		if s.Run != "" && s.Shell == "" {
			t.Errorf("action.yml: %s: a run step of a composite action needs a shell", name)
		}
		if strings.Contains(s.Run, "${{") {
			t.Errorf("action.yml: %s: the run script has a ${{ }} expression; pass the value through env", name)
		}
		texts := []string{s.If, s.Uses}
		for _, m := range []map[string]string{s.With, s.Env} {
			for _, v := range m {
				texts = append(texts, v)
			}
		}
		for _, text := range texts {
			for _, m := range inputRef.FindAllStringSubmatch(text, -1) {
				used[m[1]+m[2]] = true
			}
		}
	}
	for name := range used {
		if _, ok := a.Inputs[name]; !ok {
			t.Errorf("action.yml: a step reads inputs.%s, which is not declared", name)
		}
	}

	doc := readmeSection(t, "### GitHub Action")
	row := regexp.MustCompile("(?m)^\\| `([^`]+)` \\|")
	documented := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(doc, -1) {
		documented[m[1]] = true
	}
	for name, in := range a.Inputs {
		if !used[name] {
			t.Errorf("action.yml declares input %q, but no step uses it", name)
		}
		if !documented[name] {
			t.Errorf("README.md, GitHub Action: input %q has no row in the inputs table", name)
		}
		if in.Description == "" {
			t.Errorf("action.yml: input %q has no description", name)
		}
	}
	for name := range documented {
		if _, ok := a.Inputs[name]; !ok {
			t.Errorf("README.md, GitHub Action: the inputs table has %q, which action.yml does not declare", name)
		}
	}
}

// TestREADMEActionInputs checks that the README's workflows give the
// action only inputs it declares: for an action of another repository
// actionlint cannot know them.
func TestREADMEActionInputs(t *testing.T) {
	a := readAction(t)
	n := 0
	for _, wf := range readmeWorkflows(t) {
		var doc struct {
			Jobs map[string]struct {
				Steps []actionStep `yaml:"steps"`
			} `yaml:"jobs"`
		}
		if err := yaml.Unmarshal([]byte(wf.text), &doc); err != nil {
			t.Fatalf("README.md line %d: %v", wf.line, err)
		}
		for _, job := range doc.Jobs {
			for _, s := range job.Steps {
				if !strings.HasPrefix(s.Uses, "vppvalidate/vppvalidate@") {
					continue
				}
				n++
				for name := range s.With {
					if _, ok := a.Inputs[name]; !ok {
						t.Errorf("README.md line %d: the action has no input %q", wf.line, name)
					}
				}
			}
		}
	}
	if n == 0 {
		t.Error("README.md has no workflow that uses vppvalidate/vppvalidate@...")
	}
}

// TestActionShellcheck runs shellcheck on the action's scripts, as
// actionlint does on a workflow's (it does not read action.yml). .ci/run
// installs shellcheck; without it the test skips.
func TestActionShellcheck(t *testing.T) {
	shellcheck, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Skip("shellcheck is not installed (apt-get install shellcheck); the action's scripts were not checked")
	}
	n := 0
	for _, s := range readAction(t).Runs.Steps {
		if s.Run == "" {
			continue
		}
		n++
		cmd := exec.Command(shellcheck, "--shell=bash", "--format=gcc", "-")
		cmd.Stdin = strings.NewReader(s.Run)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("action.yml: %s: shellcheck: %v\n%s", s.Name, err, out)
		}
	}
	if n == 0 {
		t.Error("action.yml has no run steps")
	}
}

// actionRunScript is the run script of the action's step with this name,
// and its env.
func actionRunScript(t *testing.T, a actionMetadata, name string) actionStep {
	t.Helper()
	for _, s := range a.Runs.Steps {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("action.yml has no step %q", name)
	return actionStep{}
}

// runActionScript runs a step's script as the runner does (bash -e -o
// pipefail), with the step's env overridden by env, and returns its
// output and exit code.
func runActionScript(t *testing.T, s actionStep, dir string, env map[string]string) (string, int) {
	t.Helper()
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", s.Run)
	cmd.Dir = dir
	cmd.Env = os.Environ()
	for k, v := range s.Env {
		if _, ok := env[k]; !ok {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
	}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return string(out), ee.ExitCode()
		}
		t.Fatalf("%s: %v", s.Name, err)
	}
	return string(out), 0
}

// TestActionRunStep runs the action's last step, the one that calls
// vppvalidate, with the inputs as the runner passes them: several paths,
// extra arguments, a SARIF file. The exit code is vppvalidate's.
func TestActionRunStep(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command; skipped with -short")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	a := readAction(t)
	step := actionRunScript(t, a, "Run vppvalidate")
	bin := filepath.Join(t.TempDir(), "vppvalidate")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	sarif := filepath.Join(t.TempDir(), "out.sarif")
	for _, tc := range []struct {
		name      string
		env       map[string]string
		wantCode  int
		wantLines []string
	}{
		{
			name:      "valid",
			env:       map[string]string{"PATHS": "testdata/valid", "ARGS": "", "SARIF": ""},
			wantCode:  0,
			wantLines: []string{" resources: 0 errors, 0 warnings, 0 infos"},
		},
		{
			name:      "paths on lines, args, sarif",
			env:       map[string]string{"PATHS": "testdata/invalid/enum.json\n  testdata/valid/collection.json\n", "ARGS": "--disable enum\n--strict", "SARIF": sarif},
			wantCode:  0,
			wantLines: []string{"2 files, 6 resources: 0 errors, 0 warnings, 0 infos"},
		},
		{
			name:     "findings fail the step",
			env:      map[string]string{"PATHS": "testdata/invalid/enum.json", "ARGS": "", "SARIF": sarif},
			wantCode: 1,
			wantLines: []string{
				"::error file=testdata/invalid/enum.json,line=7,col=22,title=vppvalidate enum::",
				"1 file, 3 resources: 4 errors, 0 warnings, 0 infos",
			},
		},
		{
			name:      "no globbing",
			env:       map[string]string{"PATHS": "testdata/valid/*.json", "ARGS": "", "SARIF": ""},
			wantCode:  2,
			wantLines: []string{"testdata/valid/*.json"},
		},
		{
			name:      "no paths",
			env:       map[string]string{"PATHS": " \n", "ARGS": "", "SARIF": ""},
			wantCode:  2,
			wantLines: []string{"::error title=vppvalidate action::paths is empty"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(sarif)
			env := map[string]string{"VPPVALIDATE": bin}
			for k, v := range tc.env {
				env[k] = v
			}
			out, code := runActionScript(t, step, root, env)
			if code != tc.wantCode {
				t.Errorf("exit code %d, want %d\n%s", code, tc.wantCode, out)
			}
			for _, want := range tc.wantLines {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
			_, err := os.Stat(sarif)
			if wrote := err == nil; wrote != (tc.env["SARIF"] != "") {
				t.Errorf("SARIF file written: %v, want %v", wrote, tc.env["SARIF"] != "")
			}
		})
	}
}

// TestActionDownloadStep runs the action's download step against a fake
// release on disk (curl reads file: URLs), laid out with the archive and
// checksum names of .goreleaser.yaml: the step must find the archive for
// the runner, check its checksum and unpack the binary, and must refuse an
// archive whose checksum does not match.
func TestActionDownloadStep(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "tar", "sha256sum"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	b, err := os.ReadFile(filepath.Join("..", "..", ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		ProjectName string `yaml:"project_name"`
		Archives    []struct {
			NameTemplate string   `yaml:"name_template"`
			Formats      []string `yaml:"formats"`
		} `yaml:"archives"`
		Checksum struct {
			NameTemplate string `yaml:"name_template"`
		} `yaml:"checksum"`
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	if len(cfg.Archives) != 1 || !slices.Equal(cfg.Archives[0].Formats, []string{"tar.gz"}) {
		t.Fatalf(".goreleaser.yaml: want one archive, tar.gz (zip for Windows); got %+v", cfg.Archives)
	}
	render := func(tmpl string) string {
		t.Helper()
		tt, err := template.New("name").Option("missingkey=error").Parse(tmpl)
		if err != nil {
			t.Fatalf(".goreleaser.yaml: %q: %v", tmpl, err)
		}
		var sb strings.Builder
		fields := map[string]string{"ProjectName": cfg.ProjectName, "Version": "1.2.3", "Os": "linux", "Arch": "arm64"}
		if err := tt.Execute(&sb, fields); err != nil {
			t.Fatalf(".goreleaser.yaml: %q: %v", tmpl, err)
		}
		return sb.String()
	}
	archive := render(cfg.Archives[0].NameTemplate) + ".tar.gz"
	sums := render(cfg.Checksum.NameTemplate)

	// The release: an archive holding a stand-in binary and the README,
	// and the checksums file, as GoReleaser writes them.
	var tgz bytes.Buffer
	gz := gzip.NewWriter(&tgz)
	tw := tar.NewWriter(gz)
	for _, f := range []struct {
		name, body string
		mode       int64
	}{{"README.md", "# vppvalidate\n", 0o644}, {"vppvalidate", "#!/bin/sh\necho stand-in\n", 0o755}} {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: f.mode, Size: int64(len(f.body))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(f.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	releases := t.TempDir()
	tagDir := filepath.Join(releases, "v1.2.3")
	if err := os.MkdirAll(tagDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tagDir, archive), tgz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(tgz.Bytes())
	writeSums := func(hash string) {
		t.Helper()
		other := strings.Repeat("0", 64) + "  " + strings.Replace(archive, "linux", "darwin", 1) + "\n"
		if err := os.WriteFile(filepath.Join(tagDir, sums), []byte(other+hash+"  "+archive+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	step := actionRunScript(t, readAction(t), "Download the vppvalidate release")
	download := func(version string) (bin, out string, code int) {
		t.Helper()
		temp, output := t.TempDir(), filepath.Join(t.TempDir(), "output")
		out, code = runActionScript(t, step, t.TempDir(), map[string]string{
			"VERSION": version, "RELEASES": "file://" + releases,
			"RUNNER_OS": "Linux", "RUNNER_ARCH": "ARM64", "RUNNER_TEMP": temp, "GITHUB_OUTPUT": output,
		})
		o, _ := os.ReadFile(output)
		bin, _ = strings.CutPrefix(strings.TrimSpace(string(o)), "bin=")
		return bin, out, code
	}

	writeSums(hex.EncodeToString(sum[:]))
	for _, version := range []string{"v1.2.3", "1.2.3"} {
		bin, out, code := download(version)
		if code != 0 {
			t.Fatalf("version %s: exit code %d\n%s", version, code, out)
		}
		got, err := exec.Command(bin).Output()
		if err != nil || string(got) != "stand-in\n" {
			t.Errorf("version %s: the step's bin=%q printed %q (%v), want the archive's binary", version, bin, got, err)
		}
	}

	writeSums(strings.Repeat("ab", 32))
	if bin, out, code := download("v1.2.3"); code == 0 || bin != "" {
		t.Errorf("an archive with the wrong checksum was accepted: exit code %d, bin=%q\n%s", code, bin, out)
	}
	if _, out, code := download("v9.9.9"); code == 0 {
		t.Errorf("a release that does not exist was accepted:\n%s", out)
	}
}
