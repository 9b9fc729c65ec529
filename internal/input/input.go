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
	"strings"
)

// Stdin is the name of standard input, on the command line and in findings.
const Stdin = "-"

// Extensions are the file name endings picked up when walking a directory.
var Extensions = []string{".json", ".jsonl", ".ndjson"}

// IsLines tells whether a file name says JSON Lines (.jsonl, .ndjson).
func IsLines(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".jsonl" || ext == ".ndjson"
}

// Expand lists the inputs named by paths: a file stands for itself, a
// directory for every *.json file below it in lexical order, and "-" for
// standard input. Symbolic links inside directories are not followed, so
// a link loop cannot trap the walk. Paths that cannot be listed are
// returned as errors, each naming its path; the others are still listed.
// A directory with no file to check is an error too.
func Expand(paths []string) ([]string, []error) {
	var out []string
	var errs []error
	seen := make(map[string]bool)
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range paths {
		if p == Stdin {
			add(p)
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, describe(p, err))
			continue
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		before := len(out)
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, describe(path, err))
				if d != nil && d.IsDir() && path != p {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !hasExtension(path) {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// A link to a file counts; a link to a directory is not
				// followed.
				if info, err := os.Stat(path); err != nil || !info.Mode().IsRegular() {
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			add(path)
			return nil
		})
		if err != nil {
			errs = append(errs, describe(p, err))
		}
		if len(out) == before {
			// Most likely a wrong path in a CI setting: say so rather
			// than pass having checked nothing.
			errs = append(errs, fmt.Errorf("%s: no %s files found in this directory", p, strings.Join(Extensions, ", ")))
		}
	}
	return out, errs
}

func hasExtension(path string) bool {
	for _, ext := range Extensions {
		if strings.EqualFold(filepath.Ext(path), ext) {
			return true
		}
	}
	return false
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
	f, err := os.Open(name)
	if err != nil {
		return nil, describe(name, err)
	}
	if info, err := f.Stat(); err == nil && info.IsDir() {
		f.Close()
		return nil, &Error{Path: name, Reason: "it is a directory"}
	}
	l := &limited{r: f, name: name, left: maxSize, max: maxSize, close: f.Close}
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		l.size = info.Size()
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
}

func (l *limited) Read(p []byte) (int, error) {
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
	if err != nil && !errors.Is(err, io.EOF) {
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
