package vppvalidate_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate"
)

// commandFinish is what the command (and so the library) adds to the
// validator's findings that the .want files hold, by fixture.
var commandFinish = map[string]func(string) string{
	// The limit takes the severity of the worst finding it counts.
	"finding-limit.json": func(want string) string {
		return strings.Replace(want, "info [finding-limit]", "warning [finding-limit]", 1)
	},
}

// TestFixtures checks every invalid fixture through the library and
// compares the findings with the ones written beside it, finished as the
// command finishes them.
func TestFixtures(t *testing.T) {
	paths, _ := filepath.Glob("testdata/invalid/*.json*")
	if len(paths) < 10 {
		t.Fatalf("found %d fixtures", len(paths))
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			want, err := os.ReadFile(strings.TrimSuffix(path, filepath.Ext(path)) + ".want")
			if err != nil {
				t.Fatal(err)
			}
			rep, err := vppvalidate.CheckFiles([]string{path}, vppvalidate.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if finish := commandFinish[filepath.Base(path)]; finish != nil {
				want = []byte(finish(string(want)))
			}
			var got strings.Builder
			worst := vppvalidate.Off
			for _, f := range rep.Findings {
				if f.File != path {
					t.Errorf("finding in %q, want %q", f.File, path)
				}
				fmt.Fprintf(&got, "%d:%d: %s [%s] %s (%s)\n", f.Line, f.Column, f.Severity, f.Rule, f.Message, f.Pointer)
				worst = max(worst, f.Severity)
			}
			if got.String() != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", got.String(), want)
			}
			wantCode := 0
			if worst >= vppvalidate.Error {
				wantCode = 1
			}
			if rep.ExitCode != wantCode || rep.Failed() != (wantCode != 0) {
				t.Errorf("exit code %d (failed %v), want %d", rep.ExitCode, rep.Failed(), wantCode)
			}
		})
	}
}

// TestStreamingMatchesReport checks that OnFinding sees what
// Report.Findings lists, and that the three input forms agree.
func TestStreamingMatchesReport(t *testing.T) {
	const path = "testdata/invalid/enum.json"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	whole, err := vppvalidate.CheckFiles([]string{path}, vppvalidate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(whole.Findings) == 0 {
		t.Fatal("no findings")
	}
	var streamed []vppvalidate.Finding
	rep, err := vppvalidate.CheckBytes(path, b, vppvalidate.Options{OnFinding: func(f vppvalidate.Finding) { streamed = append(streamed, f) }})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(streamed, whole.Findings) || rep.Findings != nil {
		t.Errorf("streamed %v (report kept %d), want %v", streamed, len(rep.Findings), whole.Findings)
	}
	if rep.Summary != whole.Summary || rep.ExitCode != whole.ExitCode {
		t.Errorf("bytes: %+v exit %d; file: %+v exit %d", rep.Summary, rep.ExitCode, whole.Summary, whole.ExitCode)
	}
}

func TestOptions(t *testing.T) {
	const path = "testdata/invalid/enum.json"
	for _, tc := range []struct {
		name string
		opts vppvalidate.Options
		code int
	}{
		{"default", vppvalidate.Options{}, 1},
		{"report only", vppvalidate.Options{FailOn: vppvalidate.None}, 0},
		{"rule off", vppvalidate.Options{Severities: map[string]vppvalidate.Severity{"enum": vppvalidate.Off}}, 0},
		{"rule a warning", vppvalidate.Options{Severities: map[string]vppvalidate.Severity{"enum": vppvalidate.Warning}}, 0},
		{"failing on warnings", vppvalidate.Options{Severities: map[string]vppvalidate.Severity{"enum": vppvalidate.Warning}, FailOn: vppvalidate.Warning}, 1},
	} {
		rep, err := vppvalidate.CheckFiles([]string{path}, tc.opts)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if rep.ExitCode != tc.code {
			t.Errorf("%s: exit code %d, want %d", tc.name, rep.ExitCode, tc.code)
		}
	}
	rep, err := vppvalidate.CheckFiles([]string{path}, vppvalidate.Options{MaxFindings: 1})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rep.Findings); n != 2 || rep.Findings[1].Rule != "finding-limit" || rep.Summary.Errors != 4 {
		t.Errorf("--max-findings 1: %d findings listed (%v), summary %+v; want one, the limit's, and 4 errors", n, rep.Findings, rep.Summary)
	}

	for _, opts := range []vppvalidate.Options{
		{Severities: map[string]vppvalidate.Severity{"no-such-rule": vppvalidate.Error}},
		{Severities: map[string]vppvalidate.Severity{"enum": vppvalidate.None}},
		{Severities: map[string]vppvalidate.Severity{"syntax": vppvalidate.Off}},
		{Severities: map[string]vppvalidate.Severity{"finding-limit": vppvalidate.Error}},
		{GraphVersion: "v2"},
		{Type: "notAType"},
		{FailOn: vppvalidate.None + 1},
		{Config: "missing.json"},
		{Config: "a.json", ConfigDir: "."},
		{ConfigDir: "/nonexistent/dir"},
		{ConfigDir: path}, // a file, not a directory
	} {
		if _, err := vppvalidate.CheckFiles([]string{path}, opts); err == nil {
			t.Errorf("%+v: no error", opts)
		}
	}
	if _, err := vppvalidate.CheckFiles(nil, vppvalidate.Options{}); err == nil {
		t.Error("no paths: no error")
	}
	for _, opts := range []vppvalidate.Options{{ConfigDir: "/nonexistent/dir"}, {ConfigDir: path}} {
		if _, err := vppvalidate.CheckBytes("r", nil, opts); err == nil || !strings.Contains(err.Error(), "ConfigDir") {
			t.Errorf("CheckBytes with %+v: error %v; want one naming ConfigDir", opts, err)
		}
	}
}

// TestCheckReaderNil: a nil reader is the caller's mistake, an error,
// not a panic inside the run.
func TestCheckReaderNil(t *testing.T) {
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("CheckReader with a nil reader panicked: %v", p)
		}
	}()
	var nilBytes *bytes.Reader // a nil pointer in a non-nil interface
	for _, r := range []io.Reader{nil, nilBytes} {
		rep, err := vppvalidate.CheckReader("r", r, vppvalidate.Options{})
		if err == nil || rep != nil || !strings.Contains(err.Error(), "nil") {
			t.Errorf("%T: got %v, %v; want no report and an error saying the reader is nil", r, rep, err)
		}
	}
}

func TestUnreadable(t *testing.T) {
	rep, err := vppvalidate.CheckFiles([]string{"testdata/valid/select.json", "testdata/no-such.json"}, vppvalidate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.ExitCode != 2 || len(rep.Unreadable) != 1 || rep.Unreadable[0].File != "testdata/no-such.json" || rep.Summary.Unreadable != 1 || rep.Summary.Files != 1 {
		t.Errorf("got exit code %d, unreadable %v, summary %+v", rep.ExitCode, rep.Unreadable, rep.Summary)
	}
	rep, err = vppvalidate.CheckReader("broken", iotestErr{}, vppvalidate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.ExitCode != 2 || len(rep.Unreadable) != 1 {
		t.Errorf("read error: exit code %d, unreadable %v", rep.ExitCode, rep.Unreadable)
	}
}

type iotestErr struct{}

func (iotestErr) Read([]byte) (int, error) { return 0, fmt.Errorf("the disk is on fire") }

// TestConfig checks that a project file is honoured when asked for, found
// from a directory up or named, and ignored otherwise.
func TestConfig(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, ".vppvalidate.json")
	if err := os.WriteFile(cfg, []byte(`{"severity": {"enum": "warning"}, "failOn": "warning"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	const path = "testdata/invalid/enum.json"
	for _, tc := range []struct {
		name  string
		opts  vppvalidate.Options
		sev   vppvalidate.Severity
		fail  vppvalidate.Severity
		code  int
		found bool
	}{
		{"none", vppvalidate.Options{}, vppvalidate.Error, vppvalidate.Error, 1, false},
		{"found", vppvalidate.Options{ConfigDir: sub}, vppvalidate.Warning, vppvalidate.Warning, 1, true},
		{"named", vppvalidate.Options{Config: cfg}, vppvalidate.Warning, vppvalidate.Warning, 1, true},
		{"options win", vppvalidate.Options{Config: cfg, FailOn: vppvalidate.Error}, vppvalidate.Warning, vppvalidate.Error, 0, true},
	} {
		rep, err := vppvalidate.CheckFiles([]string{path}, tc.opts)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if rep.Findings[0].Severity != tc.sev || rep.FailOn != tc.fail || rep.ExitCode != tc.code {
			t.Errorf("%s: severity %s, fail-on %s, exit code %d; want %s, %s, %d", tc.name, rep.Findings[0].Severity, rep.FailOn, rep.ExitCode, tc.sev, tc.fail, tc.code)
		}
	}
}

func TestSeverityString(t *testing.T) {
	for s, want := range map[vppvalidate.Severity]string{vppvalidate.Off: "off", vppvalidate.Info: "info", vppvalidate.Warning: "warning", vppvalidate.Error: "error", vppvalidate.None: "none"} {
		if s.String() != want {
			t.Errorf("%d: %q, want %q", s, s.String(), want)
		}
	}
}
