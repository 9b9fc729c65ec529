// Package glob matches slash-separated path patterns with "**", the one
// pattern language of the project file's overrides and of the exclude
// settings, so that a pattern means the same wherever it is written.
package glob

import (
	"errors"
	"fmt"
	"path"
	"strings"
)

// Clean puts a pattern as written into the form Match reads, as
// path.Clean puts a path: a leading "./" says nothing (patterns are
// relative anyway), "a//b" is "a/b", "a/x/../b" is "a/b", and a trailing
// "/", the .gitignore way of naming a directory, is dropped. A pattern
// that names the directory itself ("." or "./") is "".
func Clean(pattern string) string {
	if pattern == "" {
		return ""
	}
	p := path.Clean(pattern)
	if p == "." {
		return ""
	}
	return p
}

// Check reports why a pattern cannot be used, or nil. Patterns are
// relative: one that starts with "/" would silently match nothing. So
// would one with a backslash, which path.Match reads as an escape while
// its writer most often meant a Windows path separator: it is refused,
// with the pattern written with "/" as the hint (a "*", "?" or "[" is
// matched as itself in brackets: "[*]").
func Check(pattern string) error {
	p := Clean(pattern)
	switch {
	case pattern == "" || p == "/":
		return errors.New("a path pattern must not be empty")
	case p == "":
		return fmt.Errorf("bad path pattern %q: it names the directory itself; ** matches everything in it", pattern)
	case strings.HasPrefix(p, "/"):
		return fmt.Errorf("bad path pattern %q: it must be relative (drop the leading /)", pattern)
	case strings.Contains(p, `\`):
		return fmt.Errorf("bad path pattern %q: patterns are slash-separated: use / to separate directories (%q); to match a *, ? or [ as itself, write [*], [?] or [[]", pattern, Clean(strings.ReplaceAll(pattern, `\`, "/")))
	}
	if _, err := path.Match(strings.ReplaceAll(p, "**", "*"), ""); err != nil {
		return fmt.Errorf("bad path pattern %q: %v", pattern, err)
	}
	return nil
}

// Match reports whether a slash-separated path matches a pattern. Each
// segment is matched as by path.Match; a "**" segment matches any number
// of segments (none included), and a pattern without a slash matches the
// last segment alone, in any directory, as in .gitignore. A ".." segment
// (a path outside the pattern's directory) is matched only by "..", never
// by a wildcard, so that ".*" does not match everything outside. The
// pattern is read through Clean.
func Match(pattern, name string) bool {
	pattern = Clean(pattern)
	if !strings.Contains(pattern, "/") {
		return matchSegment(pattern, path.Base(name))
	}
	return matchSegments(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchSegment(pattern, name string) bool {
	if name == ".." {
		return pattern == ".."
	}
	ok, _ := path.Match(pattern, name)
	return ok
}

func matchSegments(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchSegments(pat[1:], name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if !matchSegment(pat[0], name[0]) {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}
