package validate_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/input"
	"github.com/vppvalidate/vppvalidate/internal/rules"
	"github.com/vppvalidate/vppvalidate/internal/validate"
)

var update = flag.Bool("update", false, "rewrite the .want files under testdata/invalid from the current output")

// matchesWant compares got with the .want file beside the input at path,
// or, with -update, writes it there.
func matchesWant(t *testing.T, path, got string) {
	t.Helper()
	wantPath := strings.TrimSuffix(path, filepath.Ext(path)) + ".want"
	if *update {
		if err := os.WriteFile(wantPath, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(wantPath)
	if err != nil {
		t.Fatalf("no expected findings beside the input: %v", err)
	}
	if got != string(want) {
		t.Errorf("findings differ from %s\n--- got\n%s--- want\n%s", wantPath, got, want)
	}
}

// wantLine renders a finding as it appears in a .want file: the text
// format without the file name.
func wantLine(f finding.Finding) string {
	return fmt.Sprintf("%d:%d: %s [%s] %s (%s)", f.Line, f.Column, f.Severity, f.Rule, f.Message, f.Pointer)
}

func check(t *testing.T, path string) []finding.Finding {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, err := validate.New(validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := v.Check(validate.Input{Name: path, Reader: f, Lines: input.IsLines(path), Sniff: true})
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

// fixtures lists the inputs in a testdata folder, every kind the command
// picks up from a directory: payloads, and recordings (.har) of what only
// a recording can get wrong.
func fixtures(t *testing.T, dir string) []string {
	var files []string
	for _, ext := range append(input.Extensions, ".har") {
		m, _ := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*"+ext))
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatalf("no fixtures in testdata/%s", dir)
	}
	return files
}

// recordingFiles lists the recorded traffic under testdata/recordings,
// failing the test when it finds fewer than least files.
func recordingFiles(t *testing.T, least int) []string {
	var files []string
	for _, ext := range []string{"*.har", "*.yaml", "*.yml", "*.json"} {
		m, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "recordings", ext))
		files = append(files, m...)
	}
	if len(files) < least {
		t.Fatalf("only %d recordings in testdata/recordings", len(files))
	}
	return files
}

// TestValidFixtures: every file under testdata/valid passes without a
// single finding.
func TestValidFixtures(t *testing.T) {
	files := fixtures(t, "valid")
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			for _, f := range check(t, path) {
				t.Errorf("unexpected finding %s", wantLine(f))
			}
		})
	}
}

// TestInvalidFixtures: every file under testdata/invalid produces exactly
// the findings listed in the .want file beside it, and together the
// fixtures exercise every rule in the catalogue.
func TestInvalidFixtures(t *testing.T) {
	files := fixtures(t, "invalid")
	covered := make(map[string]bool)
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			findings := check(t, path)
			if len(findings) == 0 {
				t.Fatalf("an invalid fixture produced no finding")
			}
			var got strings.Builder
			for _, f := range findings {
				covered[f.Rule] = true
				got.WriteString(wantLine(f) + "\n")
			}
			matchesWant(t, path, got.String())
		})
	}
	for _, r := range rules.All() {
		if !covered[r.ID] {
			t.Errorf("rule %s has no invalid fixture that triggers it", r.ID)
		}
	}
}

// TestOneValidatorForManyFiles checks every fixture, valid and invalid,
// and every recording with one validator, as a run over a directory does (sizes known,
// recordings sniffed), keeps every result, and only then compares each
// with what a validator of its own gives: the validator reuses a file's
// check and read buffer for the next file, and nothing a result holds
// may look into them.
func TestOneValidatorForManyFiles(t *testing.T) {
	files := append(fixtures(t, "invalid"), fixtures(t, "valid")...)
	files = append(files, recordingFiles(t, 5)...)
	in := func(path string) validate.Input {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return validate.Input{Name: path, Reader: strings.NewReader(string(src)), Size: int64(len(src)), Lines: input.IsLines(path), Sniff: true}
	}
	shared, err := validate.New(validate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var kept []validate.Result
	for _, path := range append(files, files...) { // each file once more after all the others
		res, _ := shared.Check(in(path))
		kept = append(kept, res)
	}
	findings := 0
	for i, res := range kept {
		path := files[i%len(files)]
		own, err := validate.New(validate.Options{})
		if err != nil {
			t.Fatal(err)
		}
		want, _ := own.Check(in(path))
		if fmt.Sprint(res) != fmt.Sprint(want) {
			t.Fatalf("%s, checked among others, gave\n%v\nalone\n%v", path, res, want)
		}
		findings += len(res.Findings)
	}
	if findings < 100 {
		t.Fatalf("only %d findings compared", findings)
	}
}
