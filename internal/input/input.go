// Package input turns the command line's paths into the list of inputs to
// check, and reads each one with a size limit.
package input

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/glob"
	"github.com/vppvalidate/vppvalidate/internal/recording"
)

// Stdin is the name of standard input, on the command line and in findings.
const Stdin = "-"

// Extensions are the file name endings of payloads, picked up when walking
// a directory; so are recordings (recording.Extensions), but a YAML file
// only when it looks like a cassette, so that a walk does not take a CI
// or Kubernetes file for a broken recording.
var Extensions = []string{".json", ".jsonl", ".ndjson"}

// IsLines tells whether a file name says JSON Lines (.jsonl, .ndjson).
func IsLines(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".jsonl" || ext == ".ndjson"
}

// An Exclude keeps the paths that match Pattern out of the inputs.
type Exclude struct {
	Pattern string // slash-separated, as glob.Match reads it (glob.Clean'ed)
	// As is the pattern as written, for messages ("**/" where Pattern is
	// "**"); "" when it is Pattern.
	As     string
	Dir    string // absolute directory the pattern is relative to
	Source string // where it was set, for messages: "--exclude", "exclude in .vppvalidate.json"
}

// String names the pattern and where it was set, for messages.
func (e Exclude) String() string { return fmt.Sprintf("%s (%s)", e.quoted(), e.Source) }

// quoted is the pattern as written, quoted.
func (e Exclude) quoted() string {
	if e.As != "" {
		return strconv.Quote(e.As)
	}
	return strconv.Quote(e.Pattern)
}

// rel is abs relative to e.Dir, slash-separated, or "" for e.Dir itself,
// which no pattern excludes.
func (e Exclude) rel(abs string) string {
	r, err := filepath.Rel(e.Dir, abs)
	if err != nil || r == "." {
		return ""
	}
	return filepath.ToSlash(r)
}

// matches reports whether the pattern matches abs itself. A walk needs
// no more: it never enters a directory that matches.
func (e Exclude) matches(abs string) bool {
	r := e.rel(abs)
	return r != "" && glob.Match(e.Pattern, r)
}

// covers reports whether the pattern matches abs or one of the
// directories it lies in, so that "node_modules" keeps out a file named
// as node_modules/x/package.json.
func (e Exclude) covers(abs string) bool {
	r := e.rel(abs)
	if r == "" {
		return false
	}
	segs := strings.Split(r, "/")
	for i := 1; i <= len(segs); i++ {
		if glob.Match(e.Pattern, strings.Join(segs[:i], "/")) {
			return true
		}
	}
	return false
}

// Skipped is a file named on the command line that an Exclude keeps out.
type Skipped struct {
	Path string
	By   Exclude
}

// String is the note that tells the user why the file was not checked.
func (s Skipped) String() string {
	return fmt.Sprintf("%s is not checked: it is excluded by %s", s.Path, s.By)
}

// Expand lists the inputs named by paths: a file stands for itself, a
// directory for every *.json, *.jsonl and *.ndjson file below it in
// lexical order, and "-" for standard input.
//
// A walk does not enter hidden directories (.git, .vscode) nor take
// hidden files (.vppvalidate.json, .eslintrc.json); a hidden path named
// in paths is still checked. Symbolic links inside directories are not
// followed, so a link loop cannot trap the walk.
//
// The excludes apply to everything: a directory they match is not
// entered, a file they match (or one in a directory they match) is
// left out, and a file named in paths that they match is returned in
// skipped, so that a pre-commit hook, which names files, honours them.
//
// Paths that cannot be listed are returned as errors, each naming its
// path; the others are still listed. A directory with no file to check
// is an error too, and so is one named in paths that the excludes match:
// a wrong setting in CI must not pass having checked nothing.
func Expand(paths []string, excludes []Exclude) (files []string, skipped []Skipped, errs []error) {
	// One path's walk names each file once: only several paths need the
	// set, whose upkeep was a tenth of listing 20,000 files.
	var seen *Seen
	if len(paths) > 1 {
		seen = NewSeen()
	}
	var root string // the path of paths being expanded
	add := func(p string) {
		if seen == nil || seen.Add(root, p) {
			files = append(files, p)
		}
	}
	for _, p := range paths {
		root = p
		if p == Stdin {
			add(p)
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, describe(p, err))
			continue
		}
		by, excluded := covered(p, excludes)
		switch {
		case excluded && info.IsDir():
			errs = append(errs, fmt.Errorf("%s: not checked: the directory is excluded by %s", p, by))
		case excluded:
			skipped = append(skipped, Skipped{p, by})
		case info.IsDir():
			before := len(files)
			stats, werrs := walk(p, excludes, add)
			errs = append(errs, werrs...)
			if len(files) == before && !stats.unread {
				// Its own error says why when it could not be listed.
				// Most likely a wrong path or pattern in a CI setting:
				// say so rather than pass having checked nothing.
				errs = append(errs, stats.empty(p, excludes))
			}
		default:
			add(p)
		}
	}
	return files, skipped, errs
}

// Seen is the set of inputs already listed, so that one file under
// several names is checked once, under the first: x.json, ./x.json and
// its absolute path, a file named and also found in a walk of ".", and a
// file reached through a symbolic link named on the command line (to it,
// or to a directory above it) and also by its own path. Two names are one
// file when their absolute, cleaned paths are equal, or when they are
// once the links in the path given on the command line are resolved;
// links met in a walk are not resolved (a walk does not follow links to
// directories, and a link to a file inside a walked folder is a file of
// its own there), nor are hard links, so that no input costs a system
// call more than listing it does.
type Seen struct {
	wd   string
	keys map[string]bool
	// The root last given to Add, its absolute path and the same with
	// its links resolved: a walk gives many files under one root.
	root, absRoot, realRoot string
}

// NewSeen returns an empty set, whose relative paths are taken from the
// current directory at the time of the call.
func NewSeen() *Seen {
	wd, _ := os.Getwd() // "" if unknown: relative paths then stay relative
	return &Seen{wd: wd, keys: make(map[string]bool)}
}

// Add records path, one of the inputs that root (a path given on the
// command line, or path itself) names, and tells whether it is new:
// false when the set holds it already under this name or another.
// Standard input ("-") is one input, whatever name reaches it: a pipe
// read as "-" and again as /dev/stdin is empty the second time.
func (s *Seen) Add(root, path string) bool {
	if path == Stdin || stdinNames[s.abs(path)] {
		if s.keys[Stdin] {
			return false
		}
		s.keys[Stdin] = true
		return true
	}
	if root != s.root || s.absRoot == "" {
		s.root, s.absRoot = root, s.abs(root)
		s.realRoot = s.absRoot
		if real, err := filepath.EvalSymlinks(s.absRoot); err == nil {
			s.realRoot = real
		}
	}
	name := s.abs(path)
	real := name
	if s.realRoot != s.absRoot {
		if rel, err := filepath.Rel(s.absRoot, name); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			real = filepath.Join(s.realRoot, rel)
		}
	}
	if s.keys[name] || s.keys[real] {
		return false
	}
	s.keys[name], s.keys[real] = true, true
	return true
}

// stdinNames are the paths by which a process on Linux, and the BSDs
// and macOS for the first two, reaches its own standard input.
var stdinNames = map[string]bool{"/dev/stdin": true, "/dev/fd/0": true, "/proc/self/fd/0": true}

// abs is path made absolute from s.wd, and cleaned.
func (s *Seen) abs(path string) string {
	if filepath.IsAbs(path) || s.wd == "" {
		return filepath.Clean(path)
	}
	return filepath.Join(s.wd, path)
}

// covered returns the first exclude that covers path.
func covered(path string, excludes []Exclude) (Exclude, bool) {
	if len(excludes) == 0 {
		return Exclude{}, false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return Exclude{}, false
	}
	for _, e := range excludes {
		if e.covers(abs) {
			return e, true
		}
	}
	return Exclude{}, false
}

// walkStats is what a walk left out, for the error of a walk that found
// nothing.
type walkStats struct {
	files, dirs int    // excluded
	used        []bool // by excludes index: the ones that matched
	hidden      bool   // a hidden directory or candidate file was passed over
	dirLinks    bool   // a link to a directory was passed over
	unread      bool   // the root itself could not be listed
}

// empty is the error for the directory root, in which the walk found
// nothing to check.
func (s *walkStats) empty(root string, excludes []Exclude) error {
	kinds := strings.Join(Extensions, ", ") + " files or recordings (.har, and cassettes in .yaml or .yml)"
	msg := fmt.Sprintf("%s: no %s found in this directory", root, kinds)
	if s.files+s.dirs > 0 {
		var what []string
		if s.files > 0 {
			what = append(what, finding.Count(s.files, "file", "files"))
		}
		if s.dirs > 0 {
			what = append(what, finding.Count(s.dirs, "directory", "directories"))
		}
		// "a", "b" (--exclude): one mention of each source.
		var by []string
		var patterns []string
		for i, e := range excludes {
			if s.used[i] {
				patterns = append(patterns, e.quoted())
			}
			if len(patterns) > 0 && (i == len(excludes)-1 || excludes[i+1].Source != e.Source) {
				by = append(by, fmt.Sprintf("%s (%s)", strings.Join(patterns, ", "), e.Source))
				patterns = nil
			}
		}
		msg = fmt.Sprintf("%s: no %s to check in this directory: %s excluded by %s",
			root, kinds, strings.Join(what, " and "), strings.Join(by, ", "))
	} else if s.hidden {
		msg += " (hidden files and directories are not walked; name one to check it)"
	} else if s.dirLinks {
		msg += " (links to directories inside it are not followed; name one to check it)"
	}
	return errors.New(msg)
}

// walk adds the files to check below the directory root, and tells what
// it left out.
func walk(root string, excludes []Exclude, add func(string)) (walkStats, []error) {
	var errs []error
	stats := walkStats{used: make([]bool, len(excludes))}
	absRoot := root
	if len(excludes) > 0 {
		var err error
		if absRoot, err = filepath.Abs(root); err != nil {
			return stats, []error{describe(root, err)}
		}
	}
	// The directory named may be a link to one: that link is followed
	// (WalkDir takes a root that is a link for a file unless it ends in a
	// separator), though no link below it is.
	start := root
	if info, err := os.Lstat(root); err == nil && info.Mode()&fs.ModeSymlink != 0 && !strings.HasSuffix(root, string(filepath.Separator)) {
		start = root + string(filepath.Separator)
	}
	err := filepath.WalkDir(start, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, describe(path, err))
			if path == start {
				stats.unread = true
			} else if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path == start {
			return nil
		}
		isDir := d.IsDir()
		if !isDir && !hasExtension(path) {
			if d.Type()&fs.ModeSymlink != 0 && !strings.HasPrefix(d.Name(), ".") {
				if info, err := os.Stat(path); err == nil && info.IsDir() {
					stats.dirLinks = true
				}
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			stats.hidden = true
			if isDir {
				return fs.SkipDir
			}
			return nil
		}
		if len(excludes) > 0 {
			rel, _ := filepath.Rel(root, path) // path lies below root
			abs := filepath.Join(absRoot, rel)
			for i, e := range excludes {
				if !e.matches(abs) {
					continue
				}
				stats.used[i] = true
				if isDir {
					stats.dirs++
					return fs.SkipDir
				}
				stats.files++
				return nil
			}
		}
		if isDir {
			return nil
		}
		if recording.IsYAMLName(path) && !isCassette(path) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// A link to a file counts; a link to a directory is not
			// followed. A link to nothing is a fixture that cannot be
			// read, not one to pass over in silence.
			info, err := os.Stat(path)
			if errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, &Error{Path: path, Reason: "a broken symbolic link: what it points to does not exist"})
				return nil
			} else if err != nil {
				errs = append(errs, describe(path, err))
				return nil
			}
			if !info.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		add(path)
		return nil
	})
	if err != nil {
		errs = append(errs, describe(root, err))
	}
	return stats, errs
}

// isCassette tells whether a YAML file starts like a cassette.
func isCassette(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return true // let the check report why it cannot be read
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	return recording.LooksLikeCassette(head[:n])
}

// hasExtension tells whether path ends in one of Extensions or
// recording.Extensions, in any case.
func hasExtension(path string) bool {
	ext := filepath.Ext(path)
	match := func(e string) bool { return strings.EqualFold(ext, e) }
	return slices.ContainsFunc(Extensions, match) || slices.ContainsFunc(recording.Extensions, match)
}

// Open opens one input for reading: standard input for "-", else the file,
// read-only (inputs are never written). Reading more than maxSize bytes
// from it fails with an error that names the input and the limit, which
// also keeps a device such as /dev/zero from being read forever.
func Open(name string, stdin io.Reader, maxSize int64) (io.ReadCloser, error) {
	if name == Stdin {
		if stdin == nil {
			return nil, errors.New("cannot read standard input: none is connected")
		}
		return &limited{r: stdin, name: name, left: maxSize, max: maxSize, close: func() error { return nil }}, nil
	}
	f, err := openFile(name)
	if err != nil {
		return nil, describe(name, err)
	}
	l := &limited{r: f, name: name, left: maxSize, max: maxSize, close: f.Close}
	if info, err := f.Stat(); err == nil {
		if info.IsDir() {
			f.Close()
			return nil, &Error{Path: name, Reason: "it is a directory"}
		}
		if info.Mode().IsRegular() {
			l.size = info.Size()
		}
	}
	return l, nil
}

// Size is the size of an input opened by Open when it is a regular file,
// else 0 (unknown).
func Size(r io.Reader) int64 {
	if l, ok := r.(*limited); ok {
		return l.size
	}
	return 0
}

// Read returns the whole of one input, within maxSize bytes.
func Read(name string, stdin io.Reader, maxSize int64) ([]byte, error) {
	rc, err := Open(name, stdin, maxSize)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// limited reads at most max bytes and then fails, naming the input.
type limited struct {
	r     io.Reader
	name  string
	left  int64
	max   int64
	size  int64 // of a regular file; 0 when unknown
	close func() error
	// eof is set once the input has said it ended: asking again would
	// cost a system call per reader layer for nothing.
	eof bool
}

func (l *limited) Read(p []byte) (int, error) {
	if l.eof {
		return 0, io.EOF
	}
	if l.left <= 0 {
		// Tell a file that ends exactly at the limit from one that goes on.
		var one [1]byte
		n, err := l.r.Read(one[:])
		if n == 0 && err != nil {
			return 0, err
		}
		return 0, &Error{Path: l.name, Reason: fmt.Sprintf("it is larger than the size limit of %d bytes (raise it with --max-size)", l.max)}
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if errors.Is(err, io.EOF) {
		l.eof = true
	} else if err != nil {
		err = describe(l.name, err)
	}
	return n, err
}

func (l *limited) Close() error { return l.close() }

func displayName(name string) string {
	if name == Stdin {
		return "standard input"
	}
	return name
}

// Error is an input that cannot be read. Reports show Path and Reason
// apart, so that each format can place the input and say why.
type Error struct {
	Path   string // as given; "-" for standard input
	Reason string // in words, without the path
}

func (e *Error) Error() string { return "cannot read " + displayName(e.Path) + ": " + e.Reason }

// describe words an I/O error so that it always names the path once.
func describe(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Error{Path: path, Reason: "no such file or directory"}
	case errors.Is(err, fs.ErrPermission):
		return &Error{Path: path, Reason: "permission denied"}
	}
	return &Error{Path: path, Reason: err.Error()}
}
