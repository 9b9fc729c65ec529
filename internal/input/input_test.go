package input

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func write(t testing.TB, path, content string) {
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
	for _, f := range []string{"b.json", "a/z.json", "a/y.JSON", "a/notes.txt", "c d/é.json", ".hidden/h.json", "a/.h.json"} {
		write(t, filepath.Join(dir, f), "{}")
	}
	// A link loop and a link to a file: the loop is not followed, the file is.
	if err := os.Symlink(dir, filepath.Join(dir, "a", "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "b.json"), filepath.Join(dir, "link.json")); err != nil {
		t.Fatal(err)
	}
	got, skipped, errs := Expand([]string{dir, Stdin, filepath.Join(dir, "b.json"), filepath.Join(dir, ".hidden")}, nil)
	if len(errs) != 0 || len(skipped) != 0 {
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
	// Hidden files and directories are passed over by the walk, but a
	// hidden directory named on its own is walked.
	want := []string{"a/y.JSON", "a/z.json", "b.json", "c d/é.json", "link.json", "-", ".hidden/h.json"}
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
	got, _, errs := Expand([]string{missing, filepath.Join(dir, "ok.json"), empty}, nil)
	if len(got) != 1 || len(errs) != 2 {
		t.Fatalf("got %v, errors %v", got, errs)
	}
	if want := "cannot read " + missing + ": no such file or directory"; errs[0].Error() != want {
		t.Errorf("got %q, want %q", errs[0], want)
	}
	if !strings.Contains(errs[1].Error(), "no .json, .jsonl, .ndjson files or recordings (.har, and cassettes in .yaml or .yml) found") {
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
	files, _, errs := Expand([]string{dir}, nil)
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

// repo lays out a repository where only fixtures/ holds Graph payloads.
func repo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{
		"fixtures/a.json", "fixtures/drafts/b.json", "fixtures/node_modules/c.json",
		"package.json", "tsconfig.json", "node_modules/x/package.json",
		"web/node_modules/y/package.json", ".vscode/settings.json", ".git/x.json", ".vppvalidate.json",
	} {
		write(t, filepath.Join(dir, f), "{}")
	}
	return dir
}

// relative turns Expand's answer into paths relative to dir.
func relative(t *testing.T, dir string, paths []string) []string {
	t.Helper()
	var out []string
	for _, p := range paths {
		r, err := filepath.Rel(dir, p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, filepath.ToSlash(r))
	}
	return out
}

func TestExpandExcludes(t *testing.T) {
	dir := repo(t)
	ex := func(patterns ...string) []Exclude {
		var out []Exclude
		for _, p := range patterns {
			out = append(out, Exclude{Pattern: p, Dir: dir, Source: "test"})
		}
		return out
	}
	cases := []struct {
		patterns []string
		want     []string
	}{
		// Without excludes, every visible JSON file is checked.
		{nil, []string{"fixtures/a.json", "fixtures/drafts/b.json", "fixtures/node_modules/c.json",
			"node_modules/x/package.json", "package.json", "tsconfig.json", "web/node_modules/y/package.json"}},
		// A name without a slash: at any depth.
		{[]string{"node_modules", "package.json", "tsconfig*.json"},
			[]string{"fixtures/a.json", "fixtures/drafts/b.json"}},
		{[]string{"node_modules/"}, []string{"fixtures/a.json", "fixtures/drafts/b.json", "package.json", "tsconfig.json"}},
		{[]string{"**/node_modules"}, []string{"fixtures/a.json", "fixtures/drafts/b.json", "package.json", "tsconfig.json"}},
		{[]string{"**/node_modules/**"}, []string{"fixtures/a.json", "fixtures/drafts/b.json", "package.json", "tsconfig.json"}},
		// A slash anchors the pattern at its directory.
		{[]string{"node_modules/**"}, []string{"fixtures/a.json", "fixtures/drafts/b.json", "fixtures/node_modules/c.json",
			"package.json", "tsconfig.json", "web/node_modules/y/package.json"}},
		{[]string{"fixtures/drafts", "*.json"}, nil},
		{[]string{"**", "!"}, nil},
		{[]string{"fixtures/**/*.json"}, []string{"node_modules/x/package.json", "package.json", "tsconfig.json", "web/node_modules/y/package.json"}},
	}
	for _, c := range cases {
		got, skipped, errs := Expand([]string{dir}, ex(c.patterns...))
		if len(skipped) != 0 {
			t.Errorf("%q: skipped %v", c.patterns, skipped)
		}
		if len(c.want) == 0 {
			if len(got) != 0 || len(errs) != 1 {
				t.Errorf("%q: got %q, errors %v; want one error", c.patterns, got, errs)
			}
			continue
		}
		if len(errs) != 0 {
			t.Errorf("%q: %v", c.patterns, errs)
		}
		if rel := relative(t, dir, got); !slices.Equal(rel, c.want) {
			t.Errorf("%q:\ngot  %q\nwant %q", c.patterns, rel, c.want)
		}
	}
}

// TestExpandExcludesNamedFiles: a pre-commit hook names files, and the
// excludes must keep those out too, including files inside an excluded
// directory; a hidden file named on its own is checked.
func TestExpandExcludesNamedFiles(t *testing.T) {
	dir := repo(t)
	t.Chdir(dir)
	by := Exclude{Pattern: "**/node_modules", Dir: dir, Source: "--exclude"}
	pkg := Exclude{Pattern: "package.json", Dir: dir, Source: "exclude in .vppvalidate.json"}
	got, skipped, errs := Expand([]string{
		"fixtures/a.json", "node_modules/x/package.json", "web/node_modules/y/package.json",
		"tsconfig.json", "package.json", ".vscode/settings.json",
	}, []Exclude{by, pkg})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if want := []string{"fixtures/a.json", "tsconfig.json", ".vscode/settings.json"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	want := []Skipped{{"node_modules/x/package.json", by}, {"web/node_modules/y/package.json", by}, {"package.json", pkg}}
	if !slices.Equal(skipped, want) {
		t.Errorf("skipped %v\nwant %v", skipped, want)
	}
	if got, want := skipped[2].String(), `package.json is not checked: it is excluded by "package.json" (exclude in .vppvalidate.json)`; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestExpandPatternsAreRelative: a pattern is read from its own
// directory, and the paths are compared whatever form they were given in.
func TestExpandPatternsAreRelative(t *testing.T) {
	dir := repo(t)
	t.Chdir(filepath.Join(dir, "fixtures"))
	// Relative to fixtures/, "drafts" and "node_modules/**" name what lies there.
	here := []Exclude{
		{Pattern: "drafts/**", Dir: filepath.Join(dir, "fixtures"), Source: "--exclude"},
		{Pattern: "../tsconfig.json", Dir: filepath.Join(dir, "fixtures"), Source: "--exclude"},
		// The ".." in the path from web/ to fixtures/ does not match.
		{Pattern: ".*", Dir: filepath.Join(dir, "web"), Source: "--exclude"},
	}
	got, skipped, errs := Expand([]string{".", "../package.json", "../tsconfig.json", dir + "/node_modules"}, here)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	want := []string{"a.json", "node_modules/c.json", "../package.json", dir + "/node_modules/x/package.json"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if len(skipped) != 1 || skipped[0].Path != "../tsconfig.json" {
		t.Errorf("skipped %v", skipped)
	}
}

func TestExpandSaysWhatWasExcluded(t *testing.T) {
	dir := repo(t)
	t.Chdir(dir)
	cli := Exclude{Pattern: "*.json", Dir: dir, Source: "--exclude"}
	cfg := Exclude{Pattern: "node_modules", Dir: dir, Source: "exclude in .vppvalidate.json"}
	_, _, errs := Expand([]string{"."}, []Exclude{cfg, cli})
	// node_modules/ holds a file, but the walk never enters it: one
	// directory, not its files.
	want := `.: no .json, .jsonl, .ndjson files or recordings (.har, and cassettes in .yaml or .yml) to check in this directory: 4 files and 3 directories excluded by "node_modules" (exclude in .vppvalidate.json), "*.json" (--exclude)`
	if len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("got %v\nwant %s", errs, want)
	}

	_, _, errs = Expand([]string{"fixtures/node_modules", "web"}, []Exclude{cfg})
	want0 := `fixtures/node_modules: not checked: the directory is excluded by "node_modules" (exclude in .vppvalidate.json)`
	want1 := `web: no .json, .jsonl, .ndjson files or recordings (.har, and cassettes in .yaml or .yml) to check in this directory: 1 directory excluded by "node_modules" (exclude in .vppvalidate.json)`
	if len(errs) != 2 || errs[0].Error() != want0 || errs[1].Error() != want1 {
		t.Errorf("got %v\nwant %s\n and %s", errs, want0, want1)
	}

	_, _, errs = Expand([]string{".vscode/.."}, []Exclude{{Pattern: "*", Dir: dir, Source: "--exclude"}})
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "excluded by") {
		t.Errorf("got %v", errs)
	}
	hidden := filepath.Join(dir, "only-hidden")
	write(t, filepath.Join(hidden, ".cache", "x.json"), "{}")
	_, _, errs = Expand([]string{hidden}, nil)
	if len(errs) != 1 || !strings.HasSuffix(errs[0].Error(), "no .json, .jsonl, .ndjson files or recordings (.har, and cassettes in .yaml or .yml) found in this directory (hidden files and directories are not walked; name one to check it)") {
		t.Errorf("got %v", errs)
	}
}

// BenchmarkExpand lists a directory of 20,000 payload files, the size of
// the bench corpus's small files: a run on them lists them all before the
// first is checked, on one goroutine, so this is time no -j shortens.
func BenchmarkExpand(b *testing.B) {
	dir := b.TempDir()
	for i := range 20000 {
		write(b, filepath.Join(dir, fmt.Sprintf("vpp-%05d.json", i)), "{}")
	}
	b.ResetTimer()
	for b.Loop() {
		files, _, errs := Expand([]string{dir}, nil)
		if len(files) != 20000 || len(errs) != 0 {
			b.Fatalf("%d files, errors %v", len(files), errs)
		}
	}
}

// TestExpandLinks: a link to a directory named in paths is walked, with
// the link's name in every path; links below it are not followed, and a
// walk that finds only such links says so; a link to nothing is an
// error, never passed over.
func TestExpandLinks(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "real", "a.json"), "{}")
	write(t, filepath.Join(dir, "other", "b.json"), "{}")
	for link, target := range map[string]string{
		"named":              "real",
		"only/inner":         "../real",
		"real/sub":           "../other",
		"broken/gone.json":   "nowhere.json",
		"broken/fine.json":   "../other/b.json",
		"broken/gone-no-ext": "nowhere",
	} {
		p := filepath.Join(dir, link)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	named := filepath.Join(dir, "named")
	got, _, errs := Expand([]string{named}, nil)
	if len(errs) != 0 || !slices.Equal(got, []string{filepath.Join(named, "a.json")}) {
		t.Errorf("a named link to a directory: got %q, errors %v", got, errs)
	}
	got, _, errs = Expand([]string{filepath.Join(dir, "only")}, nil)
	if len(got) != 0 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "links to directories inside it are not followed") {
		t.Errorf("a directory holding only a link: got %q, errors %v", got, errs)
	}
	broken := filepath.Join(dir, "broken")
	got, _, errs = Expand([]string{broken}, nil)
	want := "cannot read " + filepath.Join(broken, "gone.json") + ": a broken symbolic link: what it points to does not exist"
	if !slices.Equal(got, []string{filepath.Join(broken, "fine.json")}) || len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("a broken link: got %q, errors %v", got, errs)
	}
}

// TestExpandNamesAFileOnce: one file named in several spellings, or named
// and found again in a walk, is checked once, under the first name.
// TestSeenKnowsOtherSpellings: a file named by its absolute path, through
// a parent directory, or through a link to a folder above it is the file
// named before under another name; two files are never taken for one.
func TestSeenKnowsOtherSpellings(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "w", "x.json"), "{}")
	write(t, filepath.Join(dir, "w", "y.json"), "{}")
	if err := os.Symlink(filepath.Join(dir, "w"), filepath.Join(dir, "link")); err != nil {
		t.Skip(err)
	}
	t.Chdir(filepath.Join(dir, "w"))
	got, _, errs := Expand([]string{"x.json", filepath.Join(dir, "w", "x.json"), "../w/x.json", "../link/x.json", "../link"}, nil)
	if want := []string{"x.json", filepath.Join("..", "link", "y.json")}; len(errs) != 0 || !slices.Equal(got, want) {
		t.Errorf("got %q, errors %v; want %q", got, errs, want)
	}
	s := NewSeen()
	for _, p := range []string{"-", "x.json", "y.json"} {
		if !s.Add(p, p) {
			t.Errorf("%s: taken for an input already listed", p)
		}
	}
	// Standard input under the names that reach it is the one input.
	for _, p := range []string{"-", "./x.json", filepath.Join(dir, "link", "y.json"), "/dev/stdin", "/dev/fd/0", "/dev//fd/0", "/proc/self/fd/0"} {
		if s.Add(p, p) {
			t.Errorf("%s: not taken for the input already listed", p)
		}
	}
}

func TestExpandNamesAFileOnce(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "x.json"), "{}")
	write(t, filepath.Join(dir, "sub", "y.json"), "{}")
	t.Chdir(dir)
	got, _, errs := Expand([]string{"x.json", "./x.json", "sub/../x.json", ".", "sub//y.json"}, nil)
	if want := []string{"x.json", filepath.Join("sub", "y.json")}; len(errs) != 0 || !slices.Equal(got, want) {
		t.Errorf("got %q, errors %v; want %q", got, errs, want)
	}
}

// A directory that cannot be listed has one error, its own: not also
// "nothing found in this directory", which would hide the real reason in
// reports that keep one reason per input (JUnit).
func TestUnlistableDirectoryHasOneError(t *testing.T) {
	dir := unlistableDir(t)
	_, _, errs := Expand([]string{dir}, nil)
	want := "cannot read " + dir + ": permission denied"
	if len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("got %q\nwant [%s]", errs, want)
	}
}

// unlistableDir returns a directory whose entries this process may not
// read: a mode 000 one where the tests do not run as root, else one that
// Linux keeps from root in a container (another process's map_files).
func unlistableDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "locked")
	write(t, filepath.Join(dir, "x.json"), "{}")
	if err := os.Chmod(dir, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if _, err := os.ReadDir(dir); errors.Is(err, fs.ErrPermission) {
		return dir
	}
	const proc = "/proc/1/map_files"
	if _, err := os.ReadDir(proc); errors.Is(err, fs.ErrPermission) {
		return proc
	}
	t.Skip("no directory here that this process cannot list")
	return ""
}
