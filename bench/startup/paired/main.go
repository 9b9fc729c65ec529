// Command paired times commands by taking turns: each round runs every
// command once, in an order that rotates from round to round, so that a
// change in the machine's load falls on all of them alike. It prints,
// for each command, the median wall time and the median of its
// difference from the first command within the same round, which is the
// steadier figure on a noisy machine (bench/startup.sh uses it for
// "within 1 ms of a program that only links jsonschema/v5").
//
//	paired [-runs N] [-warmup N] 'cmd1 args' 'cmd2 args' ...
//
// Each command is split on spaces and run with its output discarded; a
// command that fails ends the run with its error. Times are in
// milliseconds.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

func main() {
	runs := flag.Int("runs", 300, "rounds to time")
	warmup := flag.Int("warmup", 20, "rounds to run first, untimed")
	flag.Parse()
	cmds := flag.Args()
	if len(cmds) < 2 {
		fmt.Fprintln(os.Stderr, "paired: give at least two commands")
		os.Exit(2)
	}
	times := make([][]float64, len(cmds))
	diffs := make([][]float64, len(cmds))
	for round := range *warmup + *runs {
		ms := make([]float64, len(cmds))
		for k := range cmds {
			i := (round + k) % len(cmds)
			f := strings.Fields(cmds[i])
			c := exec.Command(f[0], f[1:]...)
			start := time.Now()
			err := c.Run()
			ms[i] = float64(time.Since(start).Microseconds()) / 1000
			if _, exit := err.(*exec.ExitError); err != nil && !exit {
				fmt.Fprintf(os.Stderr, "paired: %s: %v\n", cmds[i], err)
				os.Exit(1)
			}
		}
		if round < *warmup {
			continue
		}
		for i := range cmds {
			times[i] = append(times[i], ms[i])
			diffs[i] = append(diffs[i], ms[i]-ms[0])
		}
	}
	fmt.Printf("| command | median | median difference from the first, same round |\n|---|---:|---:|\n")
	for i, c := range cmds {
		fmt.Printf("| %s | %.1f ms | %+.2f ms |\n", c, median(times[i]), median(diffs[i]))
	}
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
