package input

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestExpandWalksSortedAndSkipsOthers(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.json", "a/z.json", "a/y.JSON", "a/notes.txt", "c d/é.json", ".hidden/h.json"} {
		write(t, filepath.Join(dir, f), "{}")
	}
	// A link loop and a link to a file: the loop is not followed, the file is.
	if err := os.Symlink(dir, filepath.Join(dir, "a", "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "b.json"), filepath.Join(dir, "link.json")); err != nil {
		t.Fatal(err)
	}
	got, errs := Expand([]string{dir, Stdin, filepath.Join(dir, "b.json")})
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	var rel []string
	for _, g := range got {
		r, _ := filepath.Rel(dir, g)
		if g == Stdin {
			r = g
		}
		rel = append(rel, filepath.ToSlash(r))
	}
	want := []string{".hidden/h.json", "a/y.JSON", "a/z.json", "b.json", "c d/é.json", "link.json", "-"}
	if !slices.Equal(rel, want) {
		t.Errorf("got %q\nwant %q", rel, want)
	}
}

func TestExpandReportsBadPaths(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "ok.json"), "{}")
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.json")
	got, errs := Expand([]string{missing, filepath.Join(dir, "ok.json"), empty})
	if len(got) != 1 || len(errs) != 2 {
		t.Fatalf("got %v, errors %v", got, errs)
	}
	if want := "cannot read " + missing + ": no such file or directory"; errs[0].Error() != want {
		t.Errorf("got %q, want %q", errs[0], want)
	}
	if !strings.Contains(errs[1].Error(), "no .json, .jsonl, .ndjson files found") {
		t.Errorf("got %q", errs[1])
	}
}

func TestReadLimitsSize(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.json")
	write(t, p, "0123456789")
	if b, err := Read(p, nil, 10); err != nil || string(b) != "0123456789" {
		t.Errorf("at the limit: %q %v", b, err)
	}
	if _, err := Read(p, nil, 9); err == nil || !strings.Contains(err.Error(), "larger than the size limit of 9 bytes") {
		t.Errorf("over the limit: %v", err)
	}
	if _, err := Read(dir, nil, 9); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
	if b, err := Read(Stdin, strings.NewReader("[]"), 9); err != nil || string(b) != "[]" {
		t.Errorf("stdin: %q %v", b, err)
	}
}

func TestReadStopsOnEndlessDevices(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	if _, err := Read("/dev/zero", nil, 1<<20); err == nil || !strings.Contains(err.Error(), "larger than the size limit") {
		t.Errorf("got %v", err)
	}
}

func TestReadNeverWrites(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "ro.json")
	write(t, p, "{}")
	if err := os.Chmod(p, 0o444); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(p)
	if _, err := Read(p, nil, 10); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(p)
	if !after.ModTime().Equal(before.ModTime()) || after.Mode() != before.Mode() {
		t.Error("reading changed the file")
	}
}

// TestFileDeletedAfterListing: a file that disappears between the walk
// and the read is an error that names it, not a crash or a silent skip.
func TestFileDeletedAfterListing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "gone.json")
	write(t, p, "{}")
	write(t, filepath.Join(dir, "stays.json"), "{}")
	files, errs := Expand([]string{dir})
	if len(errs) != 0 || len(files) != 2 {
		t.Fatalf("%v %v", files, errs)
	}
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(files[0], nil, 100); err == nil || err.Error() != "cannot read "+p+": no such file or directory" {
		t.Errorf("got %v", err)
	}
	if rc, err := Open(files[1], nil, 100); err != nil {
		t.Errorf("the other file: %v", err)
	} else {
		rc.Close()
	}
}
