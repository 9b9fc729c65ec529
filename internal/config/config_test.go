package config

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFindWalksUp(t *testing.T) {
	dir := t.TempDir()
	want := write(t, dir, Name, "{}")
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := Find(sub); got != want {
		t.Errorf("Find = %q, want %q", got, want)
	}
}

// TestFindUnreadable: a project file that cannot be read (a directory, a
// broken link) is found and is an error that names it, rather than a
// parent's file being used in its place.
func TestFindUnreadable(t *testing.T) {
	for _, c := range []struct {
		name string
		make func(p string) error
		want string
	}{
		{"directory", func(p string) error { return os.Mkdir(p, 0o755) }, "it is a directory"},
		{"broken link", func(p string) error { return os.Symlink("nowhere.json", p) }, "a broken symbolic link"},
	} {
		dir := t.TempDir()
		write(t, dir, Name, "{}")
		sub := filepath.Join(dir, "sub")
		if err := os.Mkdir(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(sub, Name)
		if err := c.make(p); err != nil {
			t.Fatal(err)
		}
		if got := Find(sub); got != p {
			t.Errorf("%s: Find = %q, want %q", c.name, got, p)
			continue
		}
		_, err := Load(p)
		if err == nil || err.Error() != p+": "+c.want+map[bool]string{true: ", not a project file", false: ": what it points to does not exist"}[c.name == "directory"] {
			t.Errorf("%s: Load: %v", c.name, err)
		}
	}
}

func TestForAppliesInOrder(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, Name, `{
		"severity": {"time-order": "error", "enum": "warning"},
		"disable": ["unset-timestamp"],
		"overrides": [
			{"files": ["legacy/**"], "severity": {"time-order": "info"}, "disable": ["enum"]},
			{"files": ["legacy/worst/*.json"], "severity": {"time-order": "off"}}
		]
	}`)
	f, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	check := func(input, rule string, want finding.Severity) {
		t.Helper()
		if got := f.Severities(input).Of(rule); got != want {
			t.Errorf("%s %s: got %v, want %v", input, rule, got, want)
		}
	}
	check(filepath.Join(dir, "current.json"), "time-order", finding.Error)
	check(filepath.Join(dir, "current.json"), "enum", finding.Warning)
	check(filepath.Join(dir, "current.json"), "unset-timestamp", finding.Off)
	check(filepath.Join(dir, "current.json"), "syntax", finding.Error)
	check(filepath.Join(dir, "legacy", "a.json"), "time-order", finding.Info)
	check(filepath.Join(dir, "legacy", "a.json"), "enum", finding.Off)
	check(filepath.Join(dir, "legacy", "worst", "b.json"), "time-order", finding.Off)
	check("-", "time-order", finding.Error)
}

func TestLoadErrorsAreLocated(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		`[]`:                                        "1:1: the file must hold one JSON object",
		`{"strict": "yes"}`:                         "1:12: strict must be true or false",
		`{"failOn": "eror"}`:                        `1:12: failOn: unknown value "eror"; did you mean "error"?`,
		`{"disable": "enum"}`:                       "1:13: disable must be an array",
		`{"disable": ["enum", "nope"]}`:             `1:22: unknown rule "nope"`,
		`{"overrides": [{"severity": {}}]}`:         `1:16: an override needs "files"`,
		`{"overrides": [{"files": ["a"], "x": 1}]}`: `1:33: unknown key "x" in an override`,
		`{"overrides": [{"files": ["[a"]}]}`:        `1:27: bad path pattern "[a"`,
		`{"severity": {"enum": 1}}`:                 `1:23: a severity must be`,
		`{"strict": true, "strict": false}`:         `1:18: "strict" is given twice`,
		"{\n  \"typo\": 1\n}":                       `2:3: unknown key "typo"`,
		`{"exclude": "node_modules"}`:               `1:13: exclude must be an array of path patterns`,
		`{"exclude": ["a", 1]}`:                     `1:19: a path pattern must be a non-empty string`,
		`{"exclude": ["ok", "[a"]}`:                 `1:20: bad path pattern "[a": syntax error in pattern`,
		`{"exclude": ["/abs/**"]}`:                  `1:14: bad path pattern "/abs/**": it must be relative`,
	}
	for content, want := range cases {
		p := write(t, dir, "c.json", content)
		_, err := Load(p)
		var ce *Error
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), p+":"+want) {
			t.Errorf("%s: got %v, want %q", content, err, want)
		}
	}
}

// TestLoadGivesEveryMistake: a file with several mistakes gets them all,
// one per line in reading order, so that one edit fixes the file; at each
// stage (repeated keys, the schema, what the schema cannot say).
func TestLoadGivesEveryMistake(t *testing.T) {
	dir := t.TempDir()
	cases := map[string][]string{
		"{\n \"failOn\": \"eror\",\n \"severity\": {\"enum\": \"loud\", \"nope\": \"error\"},\n \"typo\": 1\n}": {
			`2:12: failOn: unknown value "eror"`, `3:23: unknown severity "loud"`, `3:31: unknown rule "nope"`, `4:2: unknown key "typo"`},
		`{"strict": true, "strict": false, "failOn": "error", "failOn": "none"}`: {
			`1:18: "strict" is given twice`, `1:54: "failOn" is given twice`},
		`{"exclude": ["[a"], "graphHosts": ["http://x/"], "overrides": [{"files": ["[b"]}]}`: {
			`1:14: bad path pattern "[a"`, `1:36: `, `1:75: bad path pattern "[b"`},
		// Within a list, within an override and across overrides too.
		`{"exclude": ["[a", "[b"], "overrides": [{"files": ["[c"], "severity": {"syntax": "off"}, "disable": ["syntax"]}, {"files": ["[d"]}], "disable": ["syntax", "finding-limit"]}`: {
			`1:14: bad path pattern "[a"`, `1:20: bad path pattern "[b"`, `1:52: bad path pattern "[c"`,
			`1:82: rule syntax cannot be switched off`, `1:102: rule syntax cannot be switched off`,
			`1:125: bad path pattern "[d"`, `1:146: rule syntax cannot be switched off`},
	}
	for content, want := range cases {
		p := write(t, dir, "c.json", content)
		_, err := Load(p)
		var ce *Error
		if !errors.As(err, &ce) || !strings.HasPrefix(err.Error(), p+":"+want[0]) {
			t.Errorf("%s: got %v, want first %q", content, err, want[0])
			continue
		}
		lines := strings.Split(err.Error(), "\n")
		if len(lines) != len(want) {
			t.Errorf("%s: %d mistakes, want %d:\n%v", content, len(lines), len(want), err)
			continue
		}
		for i, w := range want {
			if !strings.HasPrefix(lines[i], p+":"+w) {
				t.Errorf("%s: mistake %d is %q, want %q", content, i+1, lines[i], w)
			}
		}
	}
}

func TestLoadExclude(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, Name, `{"exclude": ["node_modules/", "./tools/*.json", "**/.cache/**"]}`)
	f, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	// Kept as the matcher reads them, relative to the file's directory.
	want := []string{"node_modules", "tools/*.json", "**/.cache/**"}
	var got []string
	for _, e := range f.Exclude {
		got = append(got, e.Pattern)
		if e.Dir != dir || !strings.HasPrefix(e.Source, "exclude in ") {
			t.Errorf("exclude %q: Dir %q, Source %q", e.Pattern, e.Dir, e.Source)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("Exclude = %q, want %q", got, want)
	}
	if f.Dir != dir {
		t.Errorf("Dir = %q, want %q", f.Dir, dir)
	}
}

// TestMergeLaysFlagsOverFile: the command line's settings win where set,
// its rule layer applies after the file's and its overrides, and lists
// add up.
func TestMergeLaysFlagsOverFile(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, Name, `{
		"type": "v1.0/iosVppApp",
		"failOn": "warning",
		"strict": true,
		"severity": {"time-order": "error"},
		"graphHosts": ["proxy.test"],
		"overrides": [{"files": ["legacy/**"], "severity": {"time-order": "info", "unknown-property": "warning"}}]
	}`)
	f, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if f.Type != "iosVppApp" || f.GraphVersion != "v1.0" {
		t.Errorf("type v1.0/iosVppApp read as %q in %q", f.Type, f.GraphVersion)
	}
	none := finding.None
	flags := Settings{FailOn: &none, GraphHosts: []string{"other.test"},
		Rules: []Rules{{Severity: []RuleLevel{{rules.TimeOrder, finding.Warning}}}}}
	s := f.Settings.Merge(flags)
	if s.FailLevel() != finding.None || s.Type != "iosVppApp" || s.GraphVersion != "v1.0" {
		t.Errorf("merged: fail-on %v, type %q, version %q", s.FailLevel(), s.Type, s.GraphVersion)
	}
	if !slices.Equal(s.GraphHosts, []string{"proxy.test", "other.test"}) {
		t.Errorf("GraphHosts = %q", s.GraphHosts)
	}
	legacy, current := filepath.Join(dir, "legacy", "a.json"), filepath.Join(dir, "a.json")
	for _, c := range []struct {
		input, rule string
		want        finding.Severity
	}{
		{current, rules.TimeOrder, finding.Warning}, // the flag wins over the file
		{legacy, rules.TimeOrder, finding.Warning},  // and over the override
		{current, rules.UnknownProperty, finding.Error},
		{legacy, rules.UnknownProperty, finding.Warning}, // the override wins over strict
		{"-", rules.UnknownProperty, finding.Error},
	} {
		if got := s.Severities(c.input).Of(c.rule); got != c.want {
			t.Errorf("%s %s = %v, want %v", c.input, c.rule, got, c.want)
		}
	}
	if (Settings{}).FailLevel() != finding.Error {
		t.Error("the default fail-on level is not error")
	}
}

func TestTypeWithVersion(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ body, err string }{
		{`{"graphVersion": "beta", "type": "v1.0/iosVppApp"}`, `:1:34: type "v1.0/iosVppApp": it names Graph v1.0, which graphVersion "beta" (`},
		{`{"type": "v2/iosVppApp"}`, `type "v2/iosVppApp": unknown Graph version "v2"`},
		{`{"type": "vppTokn"}`, `unknown type "vppTokn"; did you mean "vppToken"?`},
		{`{"graphVersion": "v1.0", "type": "vppTokenActionResult"}`, `:1:34: type "vppTokenActionResult": unknown type "vppTokenActionResult" in Graph v1.0`},
	} {
		f, err := Load(write(t, dir, Name, c.body))
		if err == nil {
			// Whether the type is one of the version in use is known
			// once the flags are laid over the file.
			err = f.CheckType()
		}
		if err == nil || !strings.Contains(err.Error(), c.err) || !strings.Contains(err.Error(), ":1:") {
			t.Errorf("%s: err = %v, want a located %q", c.body, err, c.err)
		}
	}
}

// TestTypeAndFlags lays flags over a file's type and version: a version
// the flags give wins over the file's, written as graphVersion or as the
// VERSION/ of its type, and the type is then checked in that version,
// where it was written, as it was written.
func TestTypeAndFlags(t *testing.T) {
	dir := t.TempDir()
	version := func(v string) Settings {
		return Settings{GraphVersion: v, GraphVersionFrom: Origin{Flag: "--graph-version", As: v}}
	}
	typ := func(name string) Settings {
		var s Settings
		if err := s.SetType(name, Origin{Flag: "--type"}); err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, c := range []struct {
		file  string
		flags Settings
		err   string // "" for none
		typ   string
		ver   string
	}{
		{`{"type": "vppTokenActionResult", "graphVersion": "v1.0"}`, version("beta"), "", "vppTokenActionResult", "beta"},
		{`{"type": "beta/vppTokenActionResult"}`, version("v1.0"),
			`.vppvalidate.json:1:10: type "beta/vppTokenActionResult": unknown type "vppTokenActionResult" in Graph v1.0 (known: `, "", ""},
		{`{"type": "beta/vppTokenActionResult"}`, version("v1.0"), "; --graph-version v1.0 sets the Graph version", "", ""},
		{`{"type": "beta/vppToken"}`, version("v1.0"), "", "vppToken", "v1.0"},
		{`{"graphVersion": "v1.0"}`, typ("beta/vppTokenActionResult"), "", "vppTokenActionResult", "beta"},
		{`{"graphVersion": "beta"}`, typ("v1.0/vppTokenActionResult"),
			`--type "v1.0/vppTokenActionResult": unknown type "vppTokenActionResult" in Graph v1.0 (known: `, "", ""},
	} {
		f, err := Load(write(t, dir, Name, c.file))
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		s := f.Settings.Merge(c.flags)
		err = s.CheckType()
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s with %+v: %v", c.file, c.flags, err)
		case c.err == "" && (s.Type != c.typ || s.GraphVersion != c.ver):
			t.Errorf("%s with %+v: type %q in %q, want %q in %q", c.file, c.flags, s.Type, s.GraphVersion, c.typ, c.ver)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s with %+v: err = %v, want %q", c.file, c.flags, err, c.err)
		}
	}
	// Within one source, two versions are a contradiction, named as given.
	s := version("v1.0")
	err := s.SetType("beta/vppToken", Origin{Flag: "--type"})
	var fe *FlagError
	if !errors.As(err, &fe) || err.Error() != `--type "beta/vppToken": it names Graph beta, which --graph-version v1.0 contradicts; give one version` {
		t.Errorf("--type beta/vppToken --graph-version v1.0: %v", err)
	}
}

// TestNamesParse keeps the word lists that shell completion offers in step
// with the parsers: every word offered parses, and every level the parser
// can return is offered.
func TestNamesParse(t *testing.T) {
	for _, name := range SeverityNames() {
		if _, err := ParseSeverity(name); err != nil {
			t.Errorf("SeverityNames offers %q, which ParseSeverity refuses: %v", name, err)
		}
	}
	for _, name := range FailOnNames() {
		if _, err := ParseFailOn(name); err != nil {
			t.Errorf("FailOnNames offers %q, which ParseFailOn refuses: %v", name, err)
		}
	}
	for _, s := range []finding.Severity{finding.Off, finding.Info, finding.Warning, finding.Error} {
		if !slices.Contains(SeverityNames(), s.String()) {
			t.Errorf("SeverityNames lacks %q", s)
		}
	}
	for _, s := range []finding.Severity{finding.Info, finding.Warning, finding.Error, finding.None} {
		if !slices.Contains(FailOnNames(), s.String()) {
			t.Errorf("FailOnNames lacks %q", s)
		}
	}
}
