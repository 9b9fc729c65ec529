package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestTurns runs the command as bench/cores.sh does and reads its table:
// the output comparison, the exit statuses, the hidden prefix, and a
// command whose output changes from run to run.
func TestTurns(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	bin := build(t)
	dir := t.TempDir()
	counter := filepath.Join(dir, "n")
	out, err := exec.Command(bin, "-runs", "2", "-dir", dir, "-hide", "/opt/hidden/",
		"first=echo same",
		"again=echo same",
		"other=echo /opt/hidden/other",
		"fails=echo same; exit 3",
		"builtin=exit 4",
		"piped=echo same | cat",
		"counts=echo x >>"+counter+"; cat "+counter,
	).Output()
	if err != nil {
		t.Fatalf("turns: %v", err)
	}
	var rows []string
	for line := range strings.Lines(string(out)) {
		if strings.HasPrefix(line, "| `") {
			rows = append(rows, line)
		}
	}
	want := [][]string{
		{"| `echo same` |", "| 1.00 |", "| 0 | sha256 "},
		{"| `echo same` |", "| 0 | same |"},
		{"| `echo other` |", "| 0 | differs |"},
		{"| `echo same; exit 3` |", "| 3 | same |"},
		{"| `exit 4` |", "| 4 | differs |"},
		{"| `echo same \\| cat` |", "| 0 | same |"},
		{"| 0 | varies between runs |"},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d:\n%s", len(rows), len(want), out)
	}
	for i, row := range rows {
		for _, w := range want[i] {
			if !strings.Contains(row, w) {
				t.Errorf("row %d lacks %q: %s", i+1, w, row)
			}
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "other.out")); err != nil || string(b) != "/opt/hidden/other\n" {
		t.Errorf("other.out = %q, %v; want the command's own output", b, err)
	}
	// A label that would make a path elsewhere is refused, and so is one
	// given twice, whose runs would share an output file.
	for _, args := range [][]string{{"../x=true"}, {"a=true", "a=false"}} {
		if err := exec.Command(bin, append([]string{"-dir", dir}, args...)...).Run(); err == nil {
			t.Errorf("turns accepted %q", args)
		} else if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
			t.Errorf("turns %q: %v, want exit status 2", args, err)
		}
	}
}

// TestTurnsPeakRSSIsTheCommands checks that a command's peak RSS is its
// own, not turns': after a run whose output is large, a small command
// must still show a small peak, which it did not while turns read each
// output whole to hash it (a child started through vfork counts its
// parent's high-water mark as its own).
func TestTurnsPeakRSSIsTheCommands(t *testing.T) {
	if _, err := exec.LookPath("head"); err != nil {
		t.Skip("no head")
	}
	bin := build(t)
	const big = 96 << 20
	out, err := exec.Command(bin, "-runs", "2", "-dir", t.TempDir(), "-compare=false",
		"big=head -c "+strconv.Itoa(big)+" /dev/zero", "small=true").Output()
	if err != nil {
		t.Fatalf("turns: %v", err)
	}
	for line := range strings.Lines(string(out)) {
		if !strings.HasPrefix(line, "| `true` |") {
			continue
		}
		cells := strings.Split(line, "|")
		mb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(cells[5]), " MB"), 64)
		if err != nil {
			t.Fatalf("no peak RSS in %q: %v", line, err)
		}
		if mb*1e6 >= big/2 {
			t.Errorf("true's peak RSS is %.1f MB, after a run that wrote %d MB: turns' own memory counted", mb, big>>20)
		}
		return
	}
	t.Fatalf("no row for true in:\n%s", out)
}

// build builds turns into a temporary directory and returns its path.
func build(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "turns")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
