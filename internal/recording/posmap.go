package recording

import (
	"encoding/base64"
	"sort"
	"unicode/utf8"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
)

// Map says where each byte of a body taken out of a recording stands in
// the recording. A body is kept in the recording as an escaped string (a
// JSON string in a HAR file, a quoted, folded or block scalar in a YAML
// cassette), maybe base64 on top: the bytes the JSON reader sees are not
// the bytes of the file. The Map is recorded while the string is decoded,
// so that a position in the body can be carried back to the file.
//
// The zero Map places every byte at the zero Pos.
type Map struct {
	src  []byte // the recording
	runs []run  // sorted by body offset
	// groups, when set, places a body decoded from base64: byte i comes
	// from the group of four characters at text offset groups[i/3], and
	// runs place the text.
	groups []int64
}

// run places the body bytes from body on: at src when the bytes stand for
// themselves (copied is true: byte k of the run is byte k after src, and
// all of them are ASCII on one line, so that a column is found by
// counting bytes), else all at src (an escape sequence, a folded line
// break, or one character beyond ASCII, whose bytes all stand at it).
type run struct {
	body   int64
	src    jsonpos.Pos
	copied bool
}

// Locate returns the position in the recording of the body byte at off.
// An offset past the end of the body is placed after its last byte. It
// takes time logarithmic in the number of runs, whatever the length of a
// line.
func (m *Map) Locate(off int64) jsonpos.Pos {
	if m == nil {
		return jsonpos.Pos{}
	}
	if m.groups != nil {
		if len(m.groups) == 0 {
			return m.text(0)
		}
		g := min(off/3, int64(len(m.groups)-1))
		return m.text(m.groups[max(g, 0)])
	}
	return m.text(off)
}

// text places a byte of the decoded string through runs.
func (m *Map) text(off int64) jsonpos.Pos {
	i := sort.Search(len(m.runs), func(i int) bool { return m.runs[i].body > off }) - 1
	if i < 0 {
		if len(m.runs) == 0 {
			return jsonpos.Pos{}
		}
		i = 0
	}
	r := m.runs[i]
	if !r.copied || off <= r.body {
		return r.src
	}
	p := r.src
	n := min(off-r.body, int64(len(m.src))-p.Offset)
	if n <= 0 {
		return p
	}
	p.Offset += n
	p.Column += int(n)
	return p
}

// builder decodes a string while recording its Map.
type builder struct {
	out []byte
	m   Map
}

func newBuilder(src []byte) *builder { return &builder{m: Map{src: src}} }

// copy appends the source bytes at p, which stand for themselves; they
// lie on one line. A character beyond ASCII gets a run of its own, so
// that copied runs can be counted in bytes.
func (b *builder) copy(p jsonpos.Pos, text []byte) {
	for len(text) > 0 {
		if c := text[0]; c >= utf8.RuneSelf {
			_, size := utf8.DecodeRune(text)
			b.m.runs = append(b.m.runs, run{body: int64(len(b.out)), src: p})
			b.out = append(b.out, text[:size]...)
			text = text[size:]
			p.Offset += int64(size)
			p.Column++
			continue
		}
		ascii := 1
		for ascii < len(text) && text[ascii] < utf8.RuneSelf {
			ascii++
		}
		n := len(b.m.runs)
		if n == 0 || !b.m.runs[n-1].copied || !follows(b.m.runs[n-1], int64(len(b.out)), p) {
			b.m.runs = append(b.m.runs, run{body: int64(len(b.out)), src: p, copied: true})
		}
		b.out = append(b.out, text[:ascii]...)
		text = text[ascii:]
		p.Offset += int64(ascii)
		p.Column += ascii
	}
}

// follows tells whether source position p continues run r, now ending at
// body offset end: same line, next byte.
func follows(r run, end int64, p jsonpos.Pos) bool {
	return r.src.Line == p.Line && r.src.Offset+(end-r.body) == p.Offset
}

// put appends bytes that the source text at p stands for (an escape, a
// folded line break).
func (b *builder) put(p jsonpos.Pos, text []byte) {
	if len(text) == 0 {
		return
	}
	b.m.runs = append(b.m.runs, run{body: int64(len(b.out)), src: p})
	b.out = append(b.out, text...)
}

// append adds a decoded string whose own Map places it.
func (b *builder) append(text []byte, m Map) {
	base := int64(len(b.out))
	for _, r := range m.runs {
		r.body += base
		b.m.runs = append(b.m.runs, r)
	}
	b.out = append(b.out, text...)
}

// truncate drops the output past n bytes.
func (b *builder) truncate(n int) {
	b.out = b.out[:n]
	for len(b.m.runs) > 0 && b.m.runs[len(b.m.runs)-1].body >= int64(n) {
		b.m.runs = b.m.runs[:len(b.m.runs)-1]
	}
}

// whole is the Map of a string whose escapes could not be followed: every
// byte is placed where the string starts. Findings are then found on the
// right line at least.
func whole(src []byte, at jsonpos.Pos) Map {
	return Map{src: src, runs: []run{{src: at}}}
}

// unbase64 decodes base64 text (standard alphabet, padding optional, white
// space ignored) and places each decoded byte through the text's map. ok
// is false when the text is not base64.
func unbase64(text []byte, m Map) ([]byte, Map, bool) {
	var clean []byte
	var starts []int64 // text offset of each kept character
	for i, c := range text {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		clean = append(clean, c)
		starts = append(starts, int64(i))
	}
	enc := base64.StdEncoding
	if len(clean)%4 != 0 {
		enc = base64.RawStdEncoding
		for len(clean) > 0 && clean[len(clean)-1] == '=' {
			clean = clean[:len(clean)-1]
		}
	}
	out := make([]byte, enc.DecodedLen(len(clean)))
	n, err := enc.Decode(out, clean)
	if err != nil {
		return nil, Map{}, false
	}
	groups := make([]int64, 0, len(clean)/4+1)
	for i := 0; i < len(clean); i += 4 {
		groups = append(groups, starts[i])
	}
	m.groups = groups
	return out[:n], m, true
}
