package jsonpos

import (
	"bytes"
	"encoding/binary"
	"slices"
	"unicode/utf8"
)

// Cutting a document into runs of whole items or whole lines, so that
// they can be read apart (on other goroutines) while the positions,
// pointers and errors stay those of one reading from the start.
//
// The cut is a structural scan: it follows strings (and the backslashes
// in them) and the nesting of brackets, and nothing else. It never
// decides that anything is well-formed; the decoder that reads the run
// does, exactly as the decoder that cut it would have, because it starts
// with the same position, pointer and nesting. The scan only has to find
// where items end, and it stops at the first thing it does not expect (a
// missing comma, a trailing one, an item that is not an object or an
// array, an item that does not end within reach), leaving that to the
// cutting decoder, which then meets it as it would have without runs.

// A Run is a stretch of whole items of an array, or of whole lines of
// JSON Lines, cut off a Decoder by NextRun or NextLines. Its Decoder
// reads it as the cutting decoder would have read those bytes.
type Run struct {
	// Text is the run's bytes. As cut, it points into the cutting
	// decoder's buffer and is valid until the next call on that decoder:
	// set it to a copy to keep the run longer.
	Text []byte
	// Start is where Text begins in the input.
	Start Pos
	// First is the index of the run's first item in its array (0 for
	// lines); Items counts the items, or the lines.
	First, Items int

	lines  bool
	path   []step // to the array
	depth  int    // levels open around the items, the array's included
	opened Pos    // of the array
}

// NextRun cuts a run of whole items, at most max bytes and at most
// maxItems items, off the array opened with OpenArray that is being
// walked: it is called where NextItem would be, and consumes what it
// returns, so that the next NextItem gives the item after the run. Only
// objects and arrays are taken. ok is false, and nothing is consumed,
// when not even one item can be taken: the array ends, something
// unexpected comes next, or the next item does not end within max bytes.
func (d *Decoder) NextRun(max, maxItems int) (r Run, ok bool) {
	if d.err != nil || len(d.levels) == 0 || d.levels[len(d.levels)-1].object || maxItems <= 0 {
		return Run{}, false
	}
	lv := &d.levels[len(d.levels)-1]
	w := d.Window(max)
	if len(w) > max {
		w = w[:max]
	}
	end, items := scanItems(w, lv.n == 0, maxItems)
	if items == 0 {
		return Run{}, false
	}
	return d.takeRun(end, items), true
}

// takeRun cuts the next end bytes, which hold items whole items of the
// array being walked, off as a run.
func (d *Decoder) takeRun(end, items int) Run {
	lv := &d.levels[len(d.levels)-1]
	path := d.path
	if lv.n > 0 {
		path = path[:len(path)-1] // the last item read
	}
	r := Run{Text: d.buf[d.pos : d.pos+end], Start: d.here(0), First: lv.n, Items: items, path: slices.Clone(path), depth: len(d.levels), opened: lv.opened}
	d.advance(end)
	lv.n += items
	d.path = append(path, step{index: lv.n - 1})
	return r
}

// NextLines cuts a run of whole lines, at most max bytes and at most
// maxItems lines, off JSON Lines read with BeginLine and EndLine: it is
// called between two documents, and consumes what it returns. A run
// ends with a line break, or with the end of the input. ok is false, and
// nothing is consumed, when the next line does not end within max bytes.
func (d *Decoder) NextLines(max, maxItems int) (r Run, ok bool) {
	if d.err != nil || len(d.levels) > 0 || d.oneLine || maxItems <= 0 {
		return Run{}, false
	}
	w := d.Window(max)
	end := 0
	if len(w) <= max && d.eof && d.rerr == nil {
		end = len(w) // the rest of the input
	} else if i := bytes.LastIndexByte(w[:min(len(w), max)], '\n'); i >= 0 {
		end = i + 1
	}
	if end == 0 {
		return Run{}, false
	}
	text := w[:end]
	items := bytes.Count(text, []byte{'\n'})
	if text[end-1] != '\n' {
		items++
	}
	if items > maxItems {
		// At least maxItems line breaks: end after that many.
		end = 0
		for range maxItems {
			end += bytes.IndexByte(text[end:], '\n') + 1
		}
		text, items = text[:end], maxItems
	}
	r = Run{Text: text, Start: d.here(0), Items: items, lines: true}
	d.advance(end)
	return r, true
}

// Decoder returns a Decoder that reads r.Text, which must not change
// while it is read. For a run of items it stands in the array as the
// cutting decoder stood before the run, so that NextItem, ReadValue and
// the errors give the same indices, pointers, nesting limits and
// positions; the end of the run ends the array (NextItem returns more ==
// false). For a run of lines, the end of the run ends the input.
// opts.Start is ignored: the run says where it starts.
func (r *Run) Decoder(opts Options) *Decoder {
	opts.Start, opts.SizeHint = r.Start, 0
	d := NewDecoder(nil, opts)
	d.buf, d.eof, d.started = r.Text, true, true
	if !r.lines {
		d.levels = make([]level, r.depth)
		d.levels[r.depth-1] = level{opened: r.opened, n: r.First, run: true}
		d.path = slices.Clip(r.path)
		if r.First > 0 {
			d.path = append(d.path, step{index: r.First - 1})
		}
	}
	return d
}

// advance consumes n bytes that a scan has looked at, keeping the line
// and column count.
func (d *Decoder) advance(n int) {
	seg := d.buf[d.pos : d.pos+n]
	d.pos += n
	// bytes.Count is vectorised and bytes.LastIndexByte is not: on a run
	// without a line break, as every run of a collection sent on one
	// line is, the backward search would read the whole run byte by byte.
	if lines := bytes.Count(seg, []byte{'\n'}); lines > 0 {
		nl := bytes.LastIndexByte(seg, '\n')
		d.line += lines
		d.lineStart = d.base + int64(d.pos-n+nl+1)
		d.cont = 0
		seg = seg[nl+1:]
	}
	d.cont += int64(extraBytes(seg))
}

// extraBytes returns how many more bytes than characters b holds,
// len(b) - utf8.RuneCount(b), an invalid byte counting as a character
// as in utf8.RuneCount. It strides over ASCII 32 and 8 bytes at a time
// and decodes only the rest: a run of a collection sent on one line is
// counted whole, and text in any language but English has a few such
// characters in every run, where utf8.RuneCount would go a byte at a
// time.
func extraBytes(b []byte) int {
	extra := 0
	for len(b) > 0 {
		for len(b) >= 32 {
			w := binary.LittleEndian.Uint64(b[0:8]) | binary.LittleEndian.Uint64(b[8:16]) |
				binary.LittleEndian.Uint64(b[16:24]) | binary.LittleEndian.Uint64(b[24:32])
			if w&highs != 0 {
				break
			}
			b = b[32:]
		}
		for len(b) >= 8 && binary.LittleEndian.Uint64(b)&highs == 0 {
			b = b[8:]
		}
		// At most 7 ASCII bytes before a multibyte one, or the tail.
		for len(b) > 0 && b[0] < utf8.RuneSelf {
			b = b[1:]
		}
		for len(b) > 0 && b[0] >= utf8.RuneSelf {
			_, size := utf8.DecodeRune(b)
			extra += size - 1
			b = b[size:]
		}
	}
	return extra
}

// scanItems finds the whole items at the start of b, the unread part of
// an array, maxItems at most: the first one right away when first is
// set, every other one after a comma. It returns how many there are and
// where the last one ends.
func scanItems(b []byte, first bool, maxItems int) (end, items int) {
	i := 0
	for items < maxItems {
		i = skipSpace(b, i)
		if !first || items > 0 {
			if i >= len(b) || b[i] != ',' {
				return end, items
			}
			i = skipSpace(b, i+1)
		}
		if i >= len(b) || (b[i] != '{' && b[i] != '[') {
			return end, items
		}
		next, ok := scanValue(b, i)
		if !ok {
			return end, items
		}
		i, end = next, next
		items++
	}
	return end, items
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

// structural marks the bytes scanValue stops at outside strings.
var structural = func() (t [256]uint8) {
	t['{'], t['['] = 1, 1
	t['}'], t[']'] = 2, 2
	t['"'] = 3
	return t
}()

// scanValue finds the end of the object or array that starts at b[i]:
// the index after its closing bracket. Brackets are counted, not
// matched, and nothing but strings is checked: the decoder that reads
// the value finds any error inside it, before its end. ok is false when
// the value does not end within b.
func scanValue(b []byte, i int) (end int, ok bool) {
	depth := 0
	for i < len(b) {
		switch structural[b[i]] {
		case 0:
			i++
			for i < len(b) && structural[b[i]] == 0 {
				i++
			}
		case 1:
			depth++
			i++
		case 2:
			depth--
			i++
			if depth == 0 {
				return i, true
			}
		default:
			q := closingQuote(b, i)
			if q < 0 {
				return 0, false
			}
			i = q + 1
		}
	}
	return 0, false
}

// closingQuote returns the index of the quote that ends the string whose
// opening quote is b[open], or -1 when it does not end within b. A quote
// after an odd number of backslashes is escaped, as the decoder reads it.
func closingQuote(b []byte, open int) int {
	from := open + 1
	for {
		q := bytes.IndexByte(b[from:], '"')
		if q < 0 {
			return -1
		}
		q += from
		if q == open+1 || b[q-1] != '\\' {
			return q // the common case: no backslash right before it
		}
		k := q - 2
		for k > open && b[k] == '\\' {
			k--
		}
		if (q-1-k)%2 == 0 {
			return q
		}
		from = q + 1
	}
}

// MemberAfter looks ahead, without consuming anything, for a member called
// name later in the object that holds the value d is about to read: it
// skips that value and the members after it, up to the object's closing
// brace. known is false when that cannot be told within max bytes of
// input (a long value, or an input that is not well-formed there, which
// reading it then reports); found is meaningful only when known. Names
// are compared after their escapes are decoded. It lets a reader that
// streams a long member's value learn first what a later member says
// about it.
func (d *Decoder) MemberAfter(name string, max int) (found, known bool) {
	b := d.Window(max)
	if len(b) > max {
		b = b[:max] // what is already read tells no more than max bytes would
	}
	i, ok := scanAny(b, skipSpace(b, 0))
	for ok {
		i = skipSpace(b, i)
		if i >= len(b) || b[i] != ',' {
			return false, i < len(b) && b[i] == '}'
		}
		i = skipSpace(b, i+1)
		if i >= len(b) || b[i] != '"' {
			return false, false
		}
		q := closingQuote(b, i)
		if q < 0 {
			return false, false
		}
		key := b[i+1 : q]
		i = skipSpace(b, q+1)
		if i >= len(b) || b[i] != ':' {
			return false, false
		}
		if string(key) == name || bytes.IndexByte(key, '\\') >= 0 && Unescape(key) == name {
			return true, true
		}
		i, ok = scanAny(b, skipSpace(b, i+1))
	}
	return false, false
}

// scanAny finds the end of the value that starts at b[i], as scanValue
// does for objects and arrays; a string ends at its closing quote, any
// other scalar at the first byte that cannot continue it.
func scanAny(b []byte, i int) (end int, ok bool) {
	switch {
	case i >= len(b):
		return 0, false
	case b[i] == '{' || b[i] == '[':
		return scanValue(b, i)
	case b[i] == '"':
		q := closingQuote(b, i)
		return q + 1, q >= 0
	}
	for end = i; end < len(b); end++ {
		switch b[end] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return end, end > i
		}
	}
	return 0, false
}
