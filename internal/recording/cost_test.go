package recording

import (
	"strings"
	"testing"
	"time"
)

// TestLongLines reads recordings whose text sits on one long line: a HAR
// body of half a megabyte without escapes, placed byte by byte as the
// fuzz target places it, and a cassette of 20,000 interactions in YAML's
// flow style. Both used to take time quadratic in the line's length
// (seconds, then a minute); they must now take a fraction of that, with
// room for the race detector.
func TestLongLines(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a megabyte of recordings")
	}
	const limit = 15 * time.Second
	body := strings.Repeat("a", 512<<10) + "é" + strings.Repeat("b", 1000)
	har := `{"log":{"entries":[{"request":{"url":"u"},"response":{"content":{"text":"` + body + `"}}}]}}`
	start := time.Now()
	its, _, err := Read([]byte(har), nil)
	if err != nil {
		t.Fatal(err)
	}
	m := its[0].Map
	for off := range int64(len(its[0].Body)) {
		m.Locate(off)
	}
	if p := m.Locate(int64(len(body) - 1)); p.Column != strings.Index(har, "é")+1+1000 {
		t.Errorf("the last b at column %d", p.Column)
	}
	if d := time.Since(start); d > limit {
		t.Errorf("placing every byte of a one-line HAR body took %v", d)
	}

	flow := "{interactions: [" + strings.Repeat("{request: {url: u}, response: {code: 200, body: x}}, ", 20000) + "]}\n"
	start = time.Now()
	its, _, err = Read([]byte(flow), Lookup("go-vcr"))
	if err != nil || len(its) != 20000 {
		t.Fatalf("%d interactions, %v", len(its), err)
	}
	if last := its[len(its)-1]; last.Pos.Column != len(flow)-len("{request: {url: u}, response: {code: 200, body: x}}, ]}\n")+1 {
		t.Errorf("the last interaction at column %d", last.Pos.Column)
	}
	if d := time.Since(start); d > limit {
		t.Errorf("reading a cassette in flow style on one line took %v", d)
	}
}
