package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

func TestMatch(t *testing.T) {
	cases := []struct {
		pattern, name string
		want          bool
	}{
		{"fixtures/legacy/**", "fixtures/legacy/a.json", true},
		{"fixtures/legacy/**", "fixtures/legacy/deep/er/a.json", true},
		{"fixtures/legacy/**", "fixtures/current/a.json", false},
		{"fixtures/**/old-*.json", "fixtures/x/y/old-1.json", true},
		{"fixtures/**/old-*.json", "fixtures/old-1.json", true},
		{"fixtures/*.json", "fixtures/x/a.json", false},
		{"*.ndjson", "logs/2024/run.ndjson", true},
		{"*.ndjson", "logs/run.json", false},
		{"**", "anything/at/all.json", true},
		{"a/b.json", "a/b.json", true},
		{"a/b.json", "x/a/b.json", false},
	}
	for _, c := range cases {
		if got := Match(c.pattern, c.name); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.pattern, c.name, got, c.want)
		}
	}
}

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
		if got := f.For(input, rules.Severities{}).Of(rule); got != want {
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
