package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkProfileInputs runs the command, in process, on every input in
// the directory that VPP_PROFILE_INPUTS names: each file at -j 1, then
// the files/ directory of small files at the default -j, as the bench
// times them. bench/pgo.sh runs it with -cpuprofile to make the profile
// that guides the compiler (default.pgo); without the variable it is
// skipped.
func BenchmarkProfileInputs(b *testing.B) {
	dir := os.Getenv("VPP_PROFILE_INPUTS")
	if dir == "" {
		b.Skip("VPP_PROFILE_INPUTS names no directory of inputs (see bench/pgo.sh)")
	}
	inputs, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(inputs) == 0 {
		b.Fatalf("no *.json in %s (%v)", dir, err)
	}
	runs := [][]string{}
	for _, in := range inputs {
		runs = append(runs, []string{"--no-config", "-q", "-j", "1", "--fail-on", "none", in})
	}
	if files := filepath.Join(dir, "files"); isDir(files) {
		runs = append(runs, []string{"--no-config", "-q", "--fail-on", "none", files})
	}
	b.ResetTimer()
	for range b.N {
		for _, args := range runs {
			if code := run(args, nil, io.Discard, io.Discard); code != 0 {
				b.Fatalf("%v: exit %d", args, code)
			}
		}
	}
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}
