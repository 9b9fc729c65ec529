package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"vppvalidate": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScript runs the end-to-end scripts under testdata/script. Each one
// drives the real command (flags, files, stdin, exit codes); $FIXTURES is
// the repository's testdata folder.
func TestScript(t *testing.T) {
	fixtures, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("FIXTURES", fixtures)
			env.Setenv("NO_COLOR", "")
			return nil
		},
	})
}

// TestReportFileIsWholeOrNothing checks that a report that fails half-way leaves the
// previous file as it was and no temporary file beside it.
func TestReportFileIsWholeOrNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "results.sarif")
	if err := os.WriteFile(path, []byte("previous run\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rf, err := createReport(path)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(rf.f, `{"runs": [`)
	rf.abort() // as a run whose report failed does
	if b, _ := os.ReadFile(path); string(b) != "previous run\n" {
		t.Errorf("the report holds %q after a failed write, want the previous one", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left in the directory: %v", entries)
	}
	rf, err = createReport(path)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(rf.f, "new\n")
	if err := rf.commit(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if b, _ := os.ReadFile(path); string(b) != "new\n" || err != nil || info.Mode().Perm() != 0o644 {
		t.Errorf("after a good write: %q, mode %v, %v", b, info.Mode(), err)
	}
}

// TestParseSize holds --max-size to what the README says it takes:
// bytes, or KiB, MiB and GiB, with K, KB, M, MB, G and GB read as the
// same binary units; nothing else, and nothing that does not fit.
func TestParseSize(t *testing.T) {
	good := map[string]int64{
		"1": 1, "10B": 10, "1048576": 1 << 20, "512KiB": 512 << 10, "512KB": 512 << 10, "512K": 512 << 10,
		"10MiB": 10 << 20, "10MB": 10 << 20, "10M": 10 << 20, "2GiB": 2 << 30, "2GB": 2 << 30, "2G": 2 << 30,
		" 3 MiB": 3 << 20,
	}
	for s, want := range good {
		if got, err := parseSize(s); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	bad := map[string]string{
		"": "not a size", "lots": "not a size", "1.5GiB": "not a size", "MiB": "not a size", "10TiB": "not a size",
		"0": "at least 1 byte", "-1": "at least 1 byte",
		"9999999999GiB": "more than vppvalidate can count", "99999999999999999999": "more than vppvalidate can count",
		"10mb": `did you mean "10MB"?`, "10kib": `did you mean "10KiB"?`,
	}
	for s, want := range bad {
		if got, err := parseSize(s); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parseSize(%q) = %d, %v; want an error saying %q", s, got, err, want)
		}
	}
}
