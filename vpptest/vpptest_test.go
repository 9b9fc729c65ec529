package vpptest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/vppvalidate/vppvalidate"
	"github.com/vppvalidate/vppvalidate/vpptest"
)

// TestValid is vpptest's own use: the valid fixtures pass.
func TestValid(t *testing.T) {
	rep := vpptest.Check(t, "../testdata/valid/*.json", "../testdata/valid/*.ndjson")
	if rep.Summary.Files < 10 {
		t.Errorf("checked %d files", rep.Summary.Files)
	}
}

// fakeTB records what a check says instead of failing the test that
// runs it. The embedded testing.TB is nil: a method not defined here
// panics, which the tests would show.
type fakeTB struct {
	testing.TB
	errors []string
	fatal  string
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.fatal = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// run calls check on a goroutine of its own, as testing runs a test, so
// that Fatalf can end it.
func run(check func(testing.TB)) *fakeTB {
	tb := &fakeTB{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		check(tb)
	}()
	<-done
	return tb
}

func TestInvalid(t *testing.T) {
	tb := run(func(tb testing.TB) { vpptest.Check(tb, "../testdata/invalid/date-time.json") })
	want := []string{
		`../testdata/invalid/date-time.json:5:22: [date-time] startDateTime: "2024-01-01T+1:00:00Z" is not a valid DateTimeOffset: the time is not written as hh:mm:ss; expected YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`,
	}
	if tb.fatal != "" || len(tb.errors) == 0 || tb.errors[0] != want[0] {
		t.Errorf("errors %q, fatal %q; want first %q", tb.errors, tb.fatal, want[0])
	}
	rep, err := vppvalidate.CheckFiles([]string{"../testdata/invalid/date-time.json"}, vppvalidate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var failing []string
	for _, f := range rep.Findings {
		if f.Severity >= vppvalidate.Error {
			failing = append(failing, f.String())
		}
	}
	if !slices.Equal(tb.errors, failing) {
		t.Errorf("errors:\n%q\nwant one per error:\n%q", tb.errors, failing)
	}
}

func TestFailures(t *testing.T) {
	for _, tc := range []struct {
		patterns []string
		fatal    bool
		errors   int
	}{
		{[]string{"../testdata/valid/nothing-*.json"}, true, 0},
		{[]string{"[oops"}, true, 0},
		{nil, true, 0},
		{[]string{"../testdata/valid"}, false, 0},
		{[]string{"../testdata/valid/select.json", "../testdata/invalid/enum.json"}, false, 4},
	} {
		tb := run(func(tb testing.TB) { vpptest.Check(tb, tc.patterns...) })
		if (tb.fatal != "") != tc.fatal || len(tb.errors) != tc.errors {
			t.Errorf("%q: fatal %q, errors %q; want fatal %v and %d errors", tc.patterns, tb.fatal, tb.errors, tc.fatal, tc.errors)
		}
	}
}

// TestConfig checks that the project file found from the current
// directory up is honoured, and that CheckWith's options replace it.
func TestConfig(t *testing.T) {
	fixture, err := filepath.Abs("../testdata/invalid/enum.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".vppvalidate.json"), []byte(`{"disable": ["enum"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if tb := run(func(tb testing.TB) { vpptest.Check(tb, fixture) }); tb.fatal != "" || len(tb.errors) != 0 {
		t.Errorf("with enum disabled: fatal %q, errors %q", tb.fatal, tb.errors)
	}
	if tb := run(func(tb testing.TB) { vpptest.CheckWith(tb, vppvalidate.Options{}, fixture) }); len(tb.errors) != 4 {
		t.Errorf("without the project file: errors %q, want 4", tb.errors)
	}
	if err := os.WriteFile(filepath.Join(dir, ".vppvalidate.json"), []byte(`{"disable": ["no-such-rule"]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if tb := run(func(tb testing.TB) { vpptest.Check(tb, fixture) }); tb.fatal == "" {
		t.Errorf("a bad project file: no fatal error (errors %q)", tb.errors)
	}
}

func TestUnreadable(t *testing.T) {
	dir := t.TempDir()
	// A directory matched by a pattern holds nothing to check.
	if err := os.Mkdir(filepath.Join(dir, "empty.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	tb := run(func(tb testing.TB) { vpptest.CheckWith(tb, vppvalidate.Options{}, filepath.Join(dir, "*.json")) })
	if tb.fatal != "" || len(tb.errors) != 1 {
		t.Errorf("fatal %q, errors %q; want one error", tb.fatal, tb.errors)
	}
}

// TestConfigEverySetting holds Check to its doc comment: each setting of
// the project file applies, as it does for the command.
func TestConfigEverySetting(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	payload := `{"@odata.type": "#microsoft.graph.vppTokenActionResult", "actionName": "a", "actionState": "Done", ` +
		`"startDateTime": "2019-01-23T10:15:30Z", "lastUpdatedDateTime": "2019-01-23T10:15:30Z", "extra": 1}`
	if err := os.WriteFile("x.json", []byte(payload), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		config string
		errors int // an enum error, and an unknown property (a warning)
	}{
		{`{}`, 1},
		{`{"strict": true}`, 2},
		{`{"failOn": "warning"}`, 2},
		{`{"severity": {"enum": "warning"}}`, 0},
		{`{"disable": ["enum"], "strict": true}`, 1},
		{`{"exclude": ["x.json"]}`, 0},
		{`{"overrides": [{"files": ["x.json"], "disable": ["enum"]}]}`, 0},
		{`{"overrides": [{"files": ["y.json"], "disable": ["enum"]}]}`, 1},
		{`{"graphVersion": "v1.0"}`, 1},                // no such type in v1.0: one odata-type error
		{`{"type": "mimeContent", "strict": true}`, 6}, // every member unknown, and the enum gone
	} {
		if err := os.WriteFile(".vppvalidate.json", []byte(tc.config), 0o644); err != nil {
			t.Fatal(err)
		}
		tb := run(func(tb testing.TB) { vpptest.Check(tb, "x.json") })
		if tb.fatal != "" || len(tb.errors) != tc.errors {
			t.Errorf("%s: fatal %q, errors %q; want %d", tc.config, tb.fatal, tb.errors, tc.errors)
		}
	}
}
