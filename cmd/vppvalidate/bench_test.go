package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkManyFiles measures the per-file cost of a run over a
// directory of small captures (issue 11 wants 20,000 of them within 1.3
// times a plain cat of the same files; bench/run.sh measures that).
func BenchmarkManyFiles(b *testing.B) {
	srcs, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "valid", "*.json"))
	if len(srcs) == 0 {
		b.Fatal("no fixtures")
	}
	dir := b.TempDir()
	const n = 2000
	for i := range n {
		body, err := os.ReadFile(srcs[i%len(srcs)])
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d.json", i)), body, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		var stderr strings.Builder
		if code := run([]string{"-q", "--no-config", "--fail-on", "none", dir}, strings.NewReader(""), io.Discard, &stderr); code != exitClean {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*n), "µs/file")
}
