// Command turns times shell commands taking turns and prints a Markdown
// table: for bench/cores.sh, which runs it where there may be no
// hyperfine, no GNU time and no Python.
//
//	turns [-runs N] [-dir DIR] [-compare=false] [-hide PREFIX,...] 'LABEL=COMMAND' ...
//
// Each round runs every command once, in an order that rotates from round
// to round, so that a change in the machine's load falls on all of them
// alike. A command runs under sh -c with its standard output in
// DIR/LABEL.out (each run replaces it) and its standard error in
// DIR/LABEL.err; labels are distinct names without / or spaces. The table
// gives, for each command as given (less the path prefixes listed in
// -hide, and with | written \| so that the row stays one row): the
// median wall time in seconds and the lowest and highest; the first
// command's median divided by this one's (the speed-up, when the first is
// the baseline); the highest peak resident set size of any run in MB
// (10^6 bytes) as wait4 reports it for the shell, which is the largest of
// the shell's own and those of the processes it waited for (of one
// process, never a sum; never less than turns' own, a few MB, which
// Linux counts into a child that it starts); the exit statuses seen;
// and, with -compare (the default), whether its standard output was byte
// for byte the first command's in every run ("same"), not ("differs"),
// or varied between its own runs ("varies between runs"), the first
// command's row giving the start of the SHA-256 of its output. turns
// exits 1 when a command cannot be started and 2 for a usage error; a
// command's own exit status only goes in the table.
package main

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/vppvalidate/vppvalidate/bench/internal/stat"
)

type command struct {
	label, line string
	secs        []float64
	rssKB       int64
	exits       []int
	digests     [][sha256.Size]byte
}

func main() {
	runs := flag.Int("runs", 3, "rounds to time")
	dir := flag.String("dir", os.TempDir(), "directory for each command's output")
	compare := flag.Bool("compare", true, "compare each command's output with the first's")
	hide := flag.String("hide", "", "comma-separated prefixes of paths to leave out of the commands shown")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: turns [-runs N] [-dir DIR] [-compare=false] [-hide PREFIX,...] 'LABEL=COMMAND' ...")
		flag.PrintDefaults()
	}
	flag.Parse()
	var cmds []*command
	for _, a := range flag.Args() {
		label, line, ok := strings.Cut(a, "=")
		if !ok || label == "" || strings.ContainsAny(label, "/ ") || line == "" {
			fmt.Fprintf(os.Stderr, "turns: %q is not LABEL=COMMAND (a label without / or spaces)\n", a)
			os.Exit(2)
		}
		if slices.ContainsFunc(cmds, func(c *command) bool { return c.label == label }) {
			fmt.Fprintf(os.Stderr, "turns: the label %q is given twice; each command's output needs its own file\n", label)
			os.Exit(2)
		}
		cmds = append(cmds, &command{label: label, line: line})
	}
	if len(cmds) == 0 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "turns: give -runs 1 or more and at least one LABEL=COMMAND")
		os.Exit(2)
	}
	for round := range *runs {
		for j := range cmds {
			if err := cmds[(round+j)%len(cmds)].run(*dir); err != nil {
				fmt.Fprintln(os.Stderr, "turns:", err)
				os.Exit(1)
			}
		}
	}
	first := cmds[0]
	head, rule := "| command | median | from .. to | speed-up over the first | peak RSS | exit |", "|---|---:|---:|---:|---:|---|"
	if *compare {
		head, rule = head+" output |", rule+"---|"
	}
	fmt.Println(head)
	fmt.Println(rule)
	var hidden []string
	for p := range strings.SplitSeq(*hide, ",") {
		if p != "" {
			hidden = append(hidden, p, "")
		}
	}
	shown := strings.NewReplacer(append(hidden, "|", `\|`)...)
	for _, c := range cmds {
		fmt.Printf("| `%s` | %.2f s | %.2f .. %.2f s | %.2f | %.1f MB | %s |",
			shown.Replace(c.line), stat.Median(c.secs), slices.Min(c.secs), slices.Max(c.secs), stat.Median(first.secs)/stat.Median(c.secs),
			float64(c.rssKB)*1024/1e6, exits(c.exits))
		if *compare {
			fmt.Printf(" %s |", c.sameAs(first))
		}
		fmt.Println()
	}
}

// run runs the command once, adding its time, peak RSS, exit status and
// output digest to what it holds.
func (c *command) run(dir string) error {
	out, err := os.Create(filepath.Join(dir, c.label+".out"))
	if err != nil {
		return err
	}
	defer out.Close()
	errf, err := os.Create(filepath.Join(dir, c.label+".err"))
	if err != nil {
		return err
	}
	defer errf.Close()
	cmd := exec.Command("sh", "-c", c.line)
	cmd.Stdout, cmd.Stderr = out, errf
	start := time.Now()
	err = cmd.Run()
	c.secs = append(c.secs, time.Since(start).Seconds())
	if _, exit := err.(*exec.ExitError); err != nil && !exit {
		return fmt.Errorf("%s: %v", c.line, err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		c.rssKB = max(c.rssKB, ru.Maxrss) // kilobytes on Linux
	}
	c.exits = append(c.exits, cmd.ProcessState.ExitCode())
	// Hash the output as a stream: a child started through vfork records
	// this process's peak RSS as its own when it runs exec (Linux keeps
	// the larger of the old and new images' high-water marks), so
	// reading a large output whole would inflate every later peak RSS.
	if _, err := out.Seek(0, io.SeekStart); err != nil {
		return err
	}
	h := sha256.New()
	if _, err := io.Copy(h, out); err != nil {
		return err
	}
	c.digests = append(c.digests, [sha256.Size]byte(h.Sum(nil)))
	return nil
}

// sameAs says how the command's output compares with the first's.
func (c *command) sameAs(first *command) string {
	d := c.digests[0]
	for _, e := range c.digests {
		if !bytes.Equal(e[:], d[:]) {
			return "varies between runs"
		}
	}
	if c == first {
		return fmt.Sprintf("sha256 %x…", d[:6])
	}
	if bytes.Equal(d[:], first.digests[0][:]) {
		return "same"
	}
	return "differs"
}

// exits lists the distinct exit statuses in the order first seen.
func exits(codes []int) string {
	var seen []string
	for _, c := range codes {
		if s := fmt.Sprint(c); !slices.Contains(seen, s) {
			seen = append(seen, s)
		}
	}
	return strings.Join(seen, ", ")
}
