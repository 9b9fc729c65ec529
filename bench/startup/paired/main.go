// Command paired times commands by taking turns: each round runs every
// command once, in an order that rotates from round to round, so that a
// change in the machine's load falls on all of them alike. It prints,
// for each command, the median wall time and the median of its
// difference from the first command within the same round, which is the
// steadier figure on a noisy machine (bench/startup.sh uses it for
// "within 1 ms of a program that only links jsonschema/v5").
//
//	paired [-runs N] [-warmup N] [-copies K] 'cmd1 args' 'cmd2 args' ...
//
// With -copies K, each command's program is copied K times, byte for
// byte, and every copy takes its turn in every round. On a virtual
// machine where a page fault costs tens of microseconds, two copies of
// one program can start up to half a millisecond apart, depending on how
// the page cache happens to hold each file; the figure for a command is
// then the mean, over its copies, of each copy's median difference from
// the mean of the first command's copies in the same round, and the
// spread of those copy medians is printed beside it. The first command's
// own spread is what two identical programs differ by.
//
// Each command is split on spaces and run with its output discarded. Its
// exit status is not checked, since a run on an invalid file exits 1
// (bench/startup.sh checks each one first); a command that cannot be
// started ends the run with its error. Times are in milliseconds.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/vppvalidate/vppvalidate/bench/internal/stat"
)

func main() {
	runs := flag.Int("runs", 300, "rounds to time")
	warmup := flag.Int("warmup", 20, "rounds to run first, untimed")
	copies := flag.Int("copies", 1, "copies of each command's program to time")
	flag.Parse()
	cmds := flag.Args()
	if len(cmds) < 2 || *copies < 1 {
		fmt.Fprintln(os.Stderr, "paired: give at least two commands, and -copies 1 or more")
		os.Exit(2)
	}
	// argv[i][k] runs copy k of command i.
	argv := make([][][]string, len(cmds))
	dir := ""
	if *copies > 1 {
		var err error
		if dir, err = os.MkdirTemp("", "paired"); err != nil {
			fail(err)
		}
		defer os.RemoveAll(dir)
	}
	for i, c := range cmds {
		f := strings.Fields(c)
		for k := range *copies {
			args := slices.Clone(f)
			if *copies > 1 {
				args[0] = filepath.Join(dir, fmt.Sprintf("%d.%d.%s", i, k, filepath.Base(f[0])))
				if err := copyFile(f[0], args[0]); err != nil {
					fail(err)
				}
			}
			argv[i] = append(argv[i], args)
		}
	}

	n := len(cmds) * *copies
	times := make([][]float64, n) // by i**copies+k
	diffs := make([][]float64, n)
	for round := range *warmup + *runs {
		ms := make([]float64, n)
		for j := range n {
			at := (round + j) % n
			args := argv[at / *copies][at%*copies]
			c := exec.Command(args[0], args[1:]...)
			start := time.Now()
			err := c.Run()
			ms[at] = float64(time.Since(start).Microseconds()) / 1000
			if _, exit := err.(*exec.ExitError); err != nil && !exit {
				fail(fmt.Errorf("%s: %v", cmds[at / *copies], err))
			}
		}
		if round < *warmup {
			continue
		}
		ref := mean(ms[:*copies])
		for j := range n {
			times[j] = append(times[j], ms[j])
			diffs[j] = append(diffs[j], ms[j]-ref)
		}
	}
	if *copies == 1 {
		fmt.Printf("| command | median | median difference from the first, same round |\n|---|---:|---:|\n")
		for i, c := range cmds {
			fmt.Printf("| %s | %.1f ms | %+.2f ms |\n", c, stat.Median(times[i]), stat.Median(diffs[i]))
		}
		return
	}
	fmt.Printf("| command | median | difference from the first, same round: mean of %d copies | copies from .. to |\n|---|---:|---:|---:|\n", *copies)
	for i, c := range cmds {
		var all, each []float64
		for k := range *copies {
			all = append(all, times[i**copies+k]...)
			each = append(each, stat.Median(diffs[i**copies+k]))
		}
		fmt.Printf("| %s | %.1f ms | %+.2f ms | %+.2f .. %+.2f ms |\n", c, stat.Median(all), mean(each), slices.Min(each), slices.Max(each))
	}
}

// copyFile copies the program at from to a new executable file at to.
func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "paired:", err)
	os.Exit(1)
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}
