//go:build unix

package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReportFilesAreNotReplaced: -o FORMAT=FILE replaces only regular
// files. A named pipe another step reads stays a pipe and gets the
// report; a symbolic link stays a link and its target gets the report;
// an input is never overwritten.
func TestReportFilesAreNotReplaced(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.json")
	if err := os.WriteFile(in, []byte(`{"actionName": "a", "actionState": "done", "startDateTime": "2019-01-23T10:15:30Z", "lastUpdatedDateTime": "2019-01-23T10:15:30Z"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	original, _ := os.ReadFile(in)

	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-o", "json=" + fifo, in}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the named pipe was replaced: %v %v", info.Mode(), err)
	}
	select {
	case s := <-got:
		if !strings.HasPrefix(s, `{"findings":`) {
			t.Errorf("the pipe's reader got %q", s)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the pipe's reader got nothing")
	}

	target, link := filepath.Join(dir, "out.xml"), filepath.Join(dir, "link.xml")
	if err := os.Symlink("out.xml", link); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"-o", "junit=" + link, in}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(target); !bytes.Contains(b, []byte("<testsuites")) {
		t.Errorf("the link's target did not get the report: %q", b)
	}
	stderr.Reset()
	if code := run([]string{"-o", "sarif=" + target, "-o", "json=" + link, in}, nil, &stdout, &stderr); code != 2 {
		t.Errorf("a file and a link to it as two outputs: exit %d, want 2", code)
	}

	stderr.Reset()
	if code := run([]string{"-o", "json=" + in, in}, nil, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "also an input") {
		t.Errorf("an input as a report file: exit %d, %s", code, stderr.String())
	}
	if now, _ := os.ReadFile(in); !bytes.Equal(now, original) {
		t.Errorf("the input was modified:\n%s", now)
	}
}

// TestReportToStandardStreams: a report or baseline file that is the
// run's own standard output or error (/dev/stdout, or the file it is
// redirected to) goes to that stream rather than replacing the file, "-" is
// standard output, and another process's pipe named as /dev/fd/N is
// written in place rather than through its link's target, "pipe:[N]".
func TestReportToStandardStreams(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.json")
	if err := os.WriteFile(in, []byte(`{"actionName": "a", "actionState": "Done"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	open := func(name string) *os.File {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	read := func(f *os.File) string {
		b, _ := os.ReadFile(f.Name())
		return string(b)
	}

	// Standard output redirected to a file, named by that file's path:
	// written through the stream, the file is not replaced.
	out, errs := open("out.txt"), open("err.txt")
	before, _ := out.Stat()
	if code := run([]string{"-o", "json=" + out.Name(), in}, nil, out, errs); code != 1 {
		t.Fatalf("exit %d: %s", code, read(errs))
	}
	if got := read(out); !strings.HasPrefix(got, `{"findings":[`) {
		t.Errorf("standard output's file holds %q", got)
	}
	if after, err := os.Stat(out.Name()); err != nil || !os.SameFile(before, after) {
		t.Errorf("standard output's file was replaced (%v)", err)
	}
	// With another format on standard output: one of them would be lost.
	out, errs = open("out2.txt"), open("err2.txt")
	if code := run([]string{"-o", "text", "-o", "json=" + out.Name(), in}, nil, out, errs); code != 2 || !strings.Contains(read(errs), "that is standard output") {
		t.Errorf("two formats on standard output: exit %d, %s", code, read(errs))
	}
	// Standard error, and "-".
	out, errs = open("out3.txt"), open("err3.txt")
	if code := run([]string{"-o", "sarif=-", "-o", "junit=" + errs.Name(), in}, nil, out, errs); code != 1 {
		t.Fatalf("exit %d: %s", code, read(errs))
	}
	if !strings.Contains(read(out), `"$schema"`) || !strings.Contains(read(errs), "<testsuites") {
		t.Errorf("standard output %q, standard error %q", read(out), read(errs))
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error(`a file named "-" was written`)
	}

	// The baseline of --write-baseline likewise, but never beside a
	// report on standard output.
	out, errs = open("out4.txt"), open("err4.txt")
	if code := run([]string{"--write-baseline", out.Name(), "-o", "text", in}, nil, out, errs); code != 2 || !strings.Contains(read(errs), "standard output takes the text report") || read(out) != "" {
		t.Errorf("the baseline and a report on standard output: exit %d, %q, standard output %q", code, read(errs), read(out))
	}
	out, errs = open("out5.txt"), open("err5.txt")
	before, _ = out.Stat()
	if code := run([]string{"-o", "json=" + errs.Name(), "--write-baseline", out.Name(), in}, nil, out, errs); code != 0 {
		t.Fatalf("exit %d: %s", code, read(errs))
	}
	if got := read(out); !strings.HasPrefix(got, "{\n  \"comment\"") || !strings.Contains(read(errs), `{"findings":[`) {
		t.Errorf("the baseline to standard output's file: standard output %q, standard error %q", got, read(errs))
	}
	if after, err := os.Stat(out.Name()); err != nil || !os.SameFile(before, after) {
		t.Errorf("standard output's file was replaced by the baseline (%v)", err)
	}
	// Nor on standard error, where the messages go (one after the
	// baseline made it unreadable), nor beside a report named as a file
	// that turns out to be standard output.
	out, errs = open("out6.txt"), open("err6.txt")
	if code := run([]string{"--write-baseline", errs.Name(), in}, nil, out, errs); code != 2 || !strings.Contains(read(errs), "that is standard error") || strings.Contains(read(errs), `"entries"`) {
		t.Errorf("the baseline to standard error's file: exit %d, standard error %q", code, read(errs))
	}
	for _, byFD := range []bool{true, false} {
		out, errs = open("out7.txt"), open("err7.txt")
		report := "json=" + out.Name()
		if byFD {
			report = "json=/dev/fd/" + strconv.Itoa(int(out.Fd()))
		}
		if code := run([]string{"--write-baseline", "-", "-o", report, in}, nil, out, errs); code != 2 || !strings.Contains(read(errs), "standard output takes the json report") || read(out) != "" {
			t.Errorf("--write-baseline - -o %s: exit %d, %q, standard output %q", report, code, read(errs), read(out))
		}
	}

	// A pipe, as /dev/fd/N.
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan string)
	go func() { b, _ := io.ReadAll(r); got <- string(b) }()
	name := "/dev/fd/" + strconv.Itoa(int(w.Fd()))
	if _, err := os.Stat(name); err != nil {
		t.Skipf("no %s here: %v", name, err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"-o", "json=" + name, in}, nil, &stdout, &stderr)
	w.Close()
	if s := <-got; code != 1 || !strings.HasPrefix(s, `{"findings":[`) {
		t.Errorf("a pipe as /dev/fd/N: exit %d, %s; the pipe got %q", code, stderr.String(), s)
	}
}

// TestStandardOutputTakesOneFormatInAnyOrder: with standard output
// redirected to a file, a report named by that file goes to standard
// output, so beside another format there it is refused whichever -o
// comes first, and nothing is written to the file.
func TestStandardOutputTakesOneFormatInAnyOrder(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.json")
	if err := os.WriteFile(in, []byte(`{"actionName": "a", "actionState": "Done"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, pair := range [][2]string{{"text", "json"}, {"github", "sarif"}, {"text", "junit"}} {
		plain, named := pair[0], pair[1]
		for _, byFD := range []bool{false, true} {
			for _, namedFirst := range []bool{false, true} {
				out, err := os.Create(filepath.Join(dir, fmt.Sprintf("r%d.out", i)))
				if err != nil {
					t.Fatal(err)
				}
				errs, err := os.Create(filepath.Join(dir, "err.txt"))
				if err != nil {
					t.Fatal(err)
				}
				name := out.Name()
				if byFD {
					name = "/dev/fd/" + strconv.Itoa(int(out.Fd()))
				}
				args := []string{"-o", plain, "-o", named + "=" + name, in}
				if namedFirst {
					args = []string{"-o", named + "=" + name, "-o", plain, in}
				}
				code := run(args, nil, out, errs)
				out.Close()
				errs.Close()
				got, _ := os.ReadFile(out.Name())
				msg, _ := os.ReadFile(errs.Name())
				if code != 2 || len(got) != 0 || !strings.Contains(string(msg), "that is standard output, which takes one format only") {
					t.Errorf("%q: exit %d, standard output %q, standard error %q; want exit 2 and nothing written", args, code, got, msg)
				}
			}
		}
	}
}

// TestDevNullIsNoTerminal: standard input from /dev/null, a character
// device but no terminal, is read (an empty document), not refused as a
// terminal with nothing typed.
func TestDevNullIsNoTerminal(t *testing.T) {
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Skip(err)
	}
	defer null.Close()
	var stdout, stderr bytes.Buffer
	if code := run(nil, null, &stdout, &stderr); code != 1 || !strings.Contains(stdout.String(), "[syntax] the file is empty") {
		t.Errorf("exit %d, standard output %q, standard error %q", code, stdout.String(), stderr.String())
	}
}

// TestStreamsRedirectedIntoTheWalk: vppvalidate -o json . > report.json
// makes report.json, empty, before the run lists the folder: the files
// the run's standard output and error go to are its own, left out of the
// walk (with a note when named), never checked as captures.
func TestStreamsRedirectedIntoTheWalk(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("in.json", []byte(`{"@odata.type": "#microsoft.graph.mimeContent", "type": "image/png", "value": null}`), 0o644); err != nil {
		t.Fatal(err)
	}
	create := func(name string) *os.File {
		f, err := os.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	for _, args := range [][]string{{"-o", "json", "."}, {"--write-baseline", "-", "."}, {"."}} {
		out, errs := create("report.json"), create("messages.json")
		if code := run(args, nil, out, errs); code != 0 {
			b, _ := os.ReadFile("messages.json")
			t.Errorf("%q: exit %d: %s", args, code, b)
		}
		b, _ := os.ReadFile("report.json")
		if bytes.Contains(b, []byte("report.json")) || bytes.Contains(b, []byte("messages.json")) {
			t.Errorf("%q: the streams' files were checked:\n%s", args, b)
		}
	}
	out, errs := create("report.json"), create("messages.json")
	if code := run([]string{"in.json", "report.json"}, nil, out, errs); code != 0 {
		t.Errorf("named: exit %d", code)
	}
	if b, _ := os.ReadFile("messages.json"); !strings.Contains(string(b), "note: report.json is the run's standard output, not a capture: not checked") {
		t.Errorf("named: standard error %q", b)
	}
}

// TestReportIsNotStandardInput: a report or baseline file that is the
// file or pipe standard input reads, when standard input is an input
// ("-"), is refused as an input named as an output is: it overwrote the
// capture, and on a pipe the run waited for ever on its own write end.
func TestReportIsNotStandardInput(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.json")
	original := []byte(`{"actionName": "a", "actionState": "Done"}`)
	if err := os.WriteFile(in, original, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, flag := range []string{"-o", "--write-baseline"} {
		f, err := os.Open(in)
		if err != nil {
			t.Fatal(err)
		}
		arg := in
		if flag == "-o" {
			arg = "json=" + in
		}
		var stdout, stderr bytes.Buffer
		code := run([]string{flag, arg, "-"}, f, &stdout, &stderr)
		f.Close()
		if code != 2 || !strings.Contains(stderr.String(), "that is standard input") {
			t.Errorf("%s %s with that file as standard input: exit %d, %s", flag, arg, code, stderr.String())
		}
		if now, _ := os.ReadFile(in); !bytes.Equal(now, original) {
			t.Fatalf("%s: the input was modified:\n%s", flag, now)
		}
	}

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	go func() {
		w.Write(original)
		w.Close()
	}()
	done := make(chan string, 1)
	go func() {
		var stdout, stderr bytes.Buffer
		code := run([]string{"-o", "json=/dev/fd/" + strconv.Itoa(int(r.Fd()))}, r, &stdout, &stderr)
		done <- fmt.Sprintf("exit %d: %s", code, stderr.String())
	}()
	select {
	case got := <-done:
		if !strings.HasPrefix(got, "exit 2:") || !strings.Contains(got, "that is standard input") {
			t.Errorf("a report to the pipe standard input reads: %s", got)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("a report to the pipe standard input reads: the run waited")
	}
}
