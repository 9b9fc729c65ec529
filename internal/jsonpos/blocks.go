package jsonpos

import (
	"bytes"
	"sync"
)

// Cutting runs on several goroutines at once.
//
// NextRun's scan reads every byte of the array on the goroutine that
// cuts, so the cut bounds how many goroutines can read runs. NextRuns
// splits a stretch of the array into blocks and scans them all at once.
// A block but the first starts in a state its scan cannot know: inside a
// string or not, and inside how many open brackets of an item. A block
// that starts right after a line break is outside any string, since JSON
// strings hold none; any other is scanned twice, once for each string
// state. The scan follows the nesting relative to where the block starts,
// noting for every depth it may start at where items end at the array's
// own level. Chaining the
// blocks in order then picks, for each, the notes of the state the block
// before it ended in, which is cheap. The runs found are those a scan of
// the whole stretch would have found (whole items, objects and arrays
// only), except that the separators between items are left to the
// decoders that read the runs, which meet a missing or doubled comma
// exactly where the cutting decoder would have.

// maxBlockDepth bounds the nesting inside an item that a block's scan
// follows: a block that starts deeper ends the cut there.
const maxBlockDepth = 16

// blockScan is what one block's scan found for one string state at the
// block's start.
type blockScan struct {
	inString bool // at the block's end
	// net is the nesting at the block's end relative to its start.
	net int
	// stopped tells, for each depth a block may start at (open brackets
	// of the item it starts in, 0 between items), whether the items end
	// within the block: the array closes, or something other than a
	// separator, an object or an array stands at the array's level.
	stopped [maxBlockDepth]bool
	// segs are the block's segments, of the scan's step bytes each.
	segs []segment
}

// A segment is a stretch of a block that ends one run at most: for each
// depth the block may start at, how many items end in it at the array's
// level, and where the last one ends (the index in the block after its
// closing bracket).
type segment struct {
	ends    [maxBlockDepth]int32
	lastEnd [maxBlockDepth]int32
}

// scanBlock scans b, which starts inside a string when inString is set.
// The byte before b, if any, is not a backslash, so no escape reaches
// across the block's start.
func scanBlock(b []byte, inString bool, step int) (s blockScan) {
	s.segs = make([]segment, (len(b)+step-1)/step)
	i, depth, low := 0, 0, 0
	if inString {
		q := closingQuote(b, -1)
		if q < 0 {
			s.inString = true
			return s
		}
		i = q + 1
	}
	for i < len(b) {
		switch structural[b[i]] {
		case 0:
			if depth != low {
				i++
				for i < len(b) && structural[b[i]] == 0 {
					i++
				}
				continue
			}
			// At the lowest level yet, which is the array's level for a
			// block that starts there: only separators may stand there.
			if c := b[i]; c != ',' && c != ' ' && c != '\n' && c != '\r' && c != '\t' && -low < maxBlockDepth {
				s.stopped[-low] = true
			}
			i++
		case 1:
			depth++
			i++
		case 2:
			depth--
			i++
			if depth < low {
				// The array of a block that started at depth -low closes.
				if -low < maxBlockDepth {
					s.stopped[-low] = true
				}
				low = depth
			}
			if depth == low && -low < maxBlockDepth && !s.stopped[-low] {
				seg := &s.segs[(i-1)/step]
				seg.ends[-low]++
				seg.lastEnd[-low] = int32(i)
			}
		default:
			if depth == low && -low < maxBlockDepth {
				s.stopped[-low] = true // a string at the array's level is no object
			}
			q := closingQuote(b, i)
			if q < 0 {
				s.inString = true
				i = len(b)
				break
			}
			i = q + 1
		}
	}
	s.net = depth
	return s
}

// NextRuns cuts runs of whole items off the array opened with OpenArray
// that is being walked, as NextRun does, from the next size*per*n bytes
// at most: it scans them in n blocks of per runs of about size bytes, on
// n goroutines at once. It is called where NextItem would be and
// consumes what it returns. A run ends where the last item ending in its
// stretch of size bytes ends, so it is longer when an item is; the runs
// stop before a stretch in which more than maxItems items end. It
// returns no runs, and consumes nothing, when not even one item can be
// taken: NextRun, or NextItem, then meets what is there.
func (d *Decoder) NextRuns(size, per, n, maxItems int) []Run {
	if d.err != nil || len(d.levels) == 0 || d.levels[len(d.levels)-1].object || size <= 0 || per <= 0 || n <= 0 || maxItems <= 0 {
		return nil
	}
	block := size * per
	w := d.Window(block * n)
	if len(w) > block*n {
		w = w[:block*n]
	}
	// The first item must come as NextRun would take it: after a comma
	// unless it is the array's first, and an object or an array.
	i := skipSpace(w, 0)
	if d.levels[len(d.levels)-1].n > 0 {
		if i >= len(w) || w[i] != ',' {
			return nil
		}
		i = skipSpace(w, i+1)
	}
	if i >= len(w) || (w[i] != '{' && w[i] != '[') {
		return nil
	}

	// Block k is w[bounds[k]:bounds[k+1]]. A block starts right after a
	// line break where there is one, since JSON has none inside strings
	// (RFC 8259, section 7): its scan then knows it starts outside one.
	// Elsewhere it starts where no backslash comes before it, and is
	// scanned for both string states.
	bounds, outside := []int{0}, []bool{true}
	for k := 1; k < n; k++ {
		p := max(k*block, bounds[k-1]+1)
		if p >= len(w) {
			break
		}
		known := false
		if nl := bytes.IndexByte(w[p:min(len(w), p+size/2)], '\n'); nl >= 0 {
			p, known = p+nl+1, true
		} else {
			for p < len(w) && w[p-1] == '\\' {
				p++
			}
		}
		if p >= len(w) {
			break
		}
		bounds, outside = append(bounds, p), append(outside, known)
	}
	bounds = append(bounds, len(w))
	blocks := len(bounds) - 1
	scans := make([][2]blockScan, blocks)
	var wg sync.WaitGroup
	for k := 1; k < blocks; k++ {
		wg.Go(func() {
			b := w[bounds[k]:bounds[k+1]]
			scans[k][0] = scanBlock(b, false, size)
			if !outside[k] {
				scans[k][1] = scanBlock(b, true, size)
			}
		})
	}
	scans[0][0] = scanBlock(w[bounds[0]:bounds[1]], false, size)
	wg.Wait()

	var runs []Run
	cut, inString, depth := 0, false, 0
	for k := range blocks {
		if depth >= maxBlockDepth {
			break
		}
		s := &scans[k][0]
		if inString {
			if outside[k] {
				// A line break inside a string: the decoder that reads
				// on from the last cut meets it.
				break
			}
			s = &scans[k][1]
		}
		crowded := false
		for _, seg := range s.segs {
			if crowded = int(seg.ends[depth]) > maxItems; crowded {
				break // NextRun cuts it, maxItems at a time
			}
			if seg.ends[depth] > 0 {
				end := bounds[k] + int(seg.lastEnd[depth])
				runs = append(runs, d.takeRun(end-cut, int(seg.ends[depth])))
				cut = end
			}
		}
		if crowded || s.stopped[depth] {
			break
		}
		inString, depth = s.inString, depth+s.net
	}
	return runs
}
