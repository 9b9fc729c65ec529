package glob

import (
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	cases := []struct {
		pattern, name string
		want          bool
	}{
		{"fixtures/legacy/**", "fixtures/legacy/a.json", true},
		{"fixtures/legacy/**", "fixtures/legacy/deep/er/a.json", true},
		{"fixtures/legacy/**", "fixtures/legacy", true}, // the directory itself, so a walk can prune it
		{"fixtures/legacy/**", "fixtures/current/a.json", false},
		{"fixtures/**/old-*.json", "fixtures/x/y/old-1.json", true},
		{"fixtures/**/old-*.json", "fixtures/old-1.json", true},
		{"fixtures/*.json", "fixtures/x/a.json", false},
		{"*.ndjson", "logs/2024/run.ndjson", true},
		{"*.ndjson", "logs/run.json", false},
		{"**", "anything/at/all.json", true},
		{"a/b.json", "a/b.json", true},
		{"a/b.json", "x/a/b.json", false},
		{"./a/b.json", "a/b.json", true},
		{"node_modules", "web/node_modules", true},
		{"node_modules/", "web/node_modules", true},
		{"node_modules/**", "node_modules", true},
		{"node_modules/**", "web/node_modules", false}, // a slash anchors the pattern
		{"**/node_modules", "web/app/node_modules", true},
		{"**/node_modules", "node_modules", true},
		{"**/node_modules/**", "web/node_modules/x/package.json", true},
		{".*", ".vscode", true},
		{"../shared/**", "../shared/a.json", true},
		{".*", "..", false},
		{"*", "..", false},
		{"**/.*/**", "../a/b", false},
		{"**/node_modules", "../web/node_modules", true},
		// Written as a path may be written: cleaned as one.
		{"fixtures//new/y.json", "fixtures/new/y.json", true},
		{"fixtures/new/../new/y.json", "fixtures/new/y.json", true},
		{"fixtures/./new/", "fixtures/new", true},
		{"**/", "a/b.json", true},
	}
	for _, c := range cases {
		if got := Match(c.pattern, c.name); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.pattern, c.name, got, c.want)
		}
	}
}

func TestCheck(t *testing.T) {
	for _, ok := range []string{"a", "**/node_modules", "node_modules/", "./x/*.json", "[ab].json"} {
		if err := Check(ok); err != nil {
			t.Errorf("Check(%q) = %v", ok, err)
		}
	}
	bad := map[string]string{
		"":   "must not be empty",
		"./": `bad path pattern "./": it names the directory itself`,
		".":  `bad path pattern ".": it names the directory itself`,
		// A Windows separator, which path.Match would read as an escape.
		`new\y.json`:         `bad path pattern "new\\y.json": patterns are slash-separated: use / to separate directories ("new/y.json")`,
		`fixtures\legacy\**`: `use / to separate directories ("fixtures/legacy/**")`,
		"[a":                 `bad path pattern "[a": syntax error in pattern`,
		"a/[/b":              `bad path pattern "a/[/b"`,
		"/etc":               `bad path pattern "/etc": it must be relative`,
	}
	for pattern, want := range bad {
		if err := Check(pattern); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Check(%q) = %v, want %q", pattern, err, want)
		}
	}
}
