package main

import (
	"bytes"
	"os"
	"testing"
)

// TestColorOnlyOnATerminal: escape codes never reach a pipe or a file,
// and NO_COLOR turns them off even on a terminal.
func TestColorOnlyOnATerminal(t *testing.T) {
	if useColor(&bytes.Buffer{}) {
		t.Error("colour for a buffer")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if useColor(f) {
		t.Error("colour for a regular file")
	}
	tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no terminal to try: ", err)
	}
	defer tty.Close()
	t.Setenv("NO_COLOR", "")
	if !useColor(tty) {
		t.Error("no colour on a terminal")
	}
	t.Setenv("NO_COLOR", "1")
	if useColor(tty) {
		t.Error("colour on a terminal despite NO_COLOR")
	}
}

// TestColorAllowed: the environment turns colour off as no-color.org and
// TERM=dumb say.
func TestColorAllowed(t *testing.T) {
	for _, c := range []struct {
		noColor, term string
		want          bool
	}{
		{"", "xterm-256color", true},
		{"", "", true},
		{"1", "xterm-256color", false},
		{"", "dumb", false},
	} {
		env := map[string]string{"NO_COLOR": c.noColor, "TERM": c.term}
		if got := colorAllowed(func(k string) string { return env[k] }); got != c.want {
			t.Errorf("NO_COLOR=%q TERM=%q: colour %v, want %v", c.noColor, c.term, got, c.want)
		}
	}
}
