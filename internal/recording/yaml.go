package recording

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
)

// node is a YAML node, with the lookups a cassette needs.
type node yaml.Node

// get returns the value of a mapping's key, or nil. An alias is followed
// once; aliases in cassettes are rare, and never nest here.
func (n *node) get(key string) *node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			v := n.Content[i+1]
			if v.Kind == yaml.AliasNode && v.Alias != nil {
				v = v.Alias
			}
			return (*node)(v)
		}
	}
	return nil
}

// items returns a sequence's items.
func (n *node) items() []*node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*node, len(n.Content))
	for i, c := range n.Content {
		out[i] = (*node)(c)
	}
	return out
}

// listOf tells whether the mapping has a list under key whose items'
// requests carry url: an empty list, or a first item that does.
func (n *node) listOf(key, url string) bool {
	l := n.get(key)
	if l == nil || l.Kind != yaml.SequenceNode {
		return false
	}
	return len(l.Content) == 0 || l.items()[0].get("request").get(url) != nil
}

// scalar returns a scalar's text, or "" for anything else.
func (n *node) scalar() string {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

// parseYAML reads the recording as one YAML document.
func (r *reader) parseYAML() (*node, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(r.src))
	if err := dec.Decode(&doc); err != nil {
		return nil, &Error{Pos: yamlErrorPos(err.Error()), Msg: "the recording is not well-formed YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	r.countLines()
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	return (*node)(root), nil
}

// countLines notes where each line of the recording starts.
func (r *reader) countLines() {
	r.lines = []int64{0}
	for i, c := range r.src {
		if c == '\n' {
			r.lines = append(r.lines, int64(i+1))
		}
	}
}

// fromJSON builds the tree that the cassette reader walks from a cassette
// written as JSON, and notes each node's place.
func (r *reader) fromJSON(v *jsonpos.Value) *node {
	n := &yaml.Node{Line: v.Pos.Line, Column: v.Pos.Column}
	if r.at == nil {
		r.at = map[*yaml.Node]jsonpos.Pos{}
	}
	r.at[n] = v.Pos
	switch v.Kind {
	case jsonpos.Object:
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
		for _, m := range v.Members {
			key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: m.Name, Line: m.NamePos.Line, Column: m.NamePos.Column}
			n.Content = append(n.Content, key, (*yaml.Node)(r.fromJSON(m.Value)))
		}
	case jsonpos.Array:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for _, item := range v.Items {
			n.Content = append(n.Content, (*yaml.Node)(r.fromJSON(item)))
		}
	case jsonpos.String:
		n.Kind, n.Tag, n.Style, n.Value = yaml.ScalarNode, "!!str", yaml.DoubleQuotedStyle, v.Text
	case jsonpos.Null:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!null", "null"
	case jsonpos.Bool:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!bool", strconv.FormatBool(v.Bool)
	case jsonpos.Number:
		n.Kind, n.Tag, n.Value = yaml.ScalarNode, "!!float", v.Text
		if strings.Trim(v.Text, "-0123456789") == "" {
			n.Tag = "!!int"
		}
	}
	return (*node)(n)
}

// yamlErrorPos reads the line from the library's message ("yaml: line 3:
// ..."); the column is not given.
func yamlErrorPos(msg string) jsonpos.Pos {
	p := jsonpos.Pos{Line: 1, Column: 1}
	if _, rest, ok := strings.Cut(msg, "line "); ok {
		end := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
		if end > 0 {
			if n, err := strconv.Atoi(rest[:end]); err == nil && n > 0 {
				p.Line = n
			}
		}
	}
	return p
}

// pos is the position of a node: the library gives line and column
// (counted in characters); the offset is counted here.
func (r *reader) pos(n *node) jsonpos.Pos {
	if p, ok := r.at[(*yaml.Node)(n)]; ok {
		return p
	}
	if n == nil || n.Line < 1 || n.Line > len(r.lines) {
		return jsonpos.Pos{Line: 1, Column: 1}
	}
	// Nodes are mostly asked for in the order they stand: go on from the
	// last one on the same line, so that a long line (a cassette in flow
	// style) is walked once, not once per node.
	off, c := r.lines[n.Line-1], 1
	if k := r.cursor; k.Line == n.Line && k.Column <= n.Column {
		off, c = k.Offset, k.Column
	}
	for ; c < n.Column && off < int64(len(r.src)) && r.src[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(r.src[off:])
		off += int64(size)
	}
	r.cursor = jsonpos.Pos{Offset: off, Line: n.Line, Column: c}
	return jsonpos.Pos{Offset: off, Line: n.Line, Column: n.Column}
}

// flavor is what tells the three cassette formats apart.
type flavor int

const (
	goVCR flavor = iota
	vcrPy
	rubyVCR
)

// readCassette reads the interactions of a cassette:
//
//	go-vcr:   interactions[].request.{method,url,body}, response.{code,status,headers,body}
//	VCR.py:   interactions[].request.{method,uri,body}, response.{status.code,headers,body.string}
//	Ruby VCR: http_interactions[].request.{method,uri,body.string}, response.{status.code,headers,body.string|base64_string}
func (r *reader) readCassette(root *node, f flavor) error {
	list, url := "interactions", "url"
	switch f {
	case vcrPy:
		url = "uri"
	case rubyVCR:
		list, url = "http_interactions", "uri"
	}
	for i, in := range root.get(list).items() {
		req, resp := in.get("request"), in.get("response")
		if req == nil || req.Kind != yaml.MappingNode || resp == nil || resp.Kind != yaml.MappingNode {
			return &Error{Pos: r.pos(in), Msg: fmt.Sprintf("the recording cannot be read: interaction %d must have a request and a response mapping", i)}
		}
		it := Interaction{Index: i, Pos: r.pos(in), Method: strings.ToUpper(req.get("method").scalar()), URL: req.get(url).scalar()}
		it.ContentType = yamlHeader(resp.get("headers"), "Content-Type")
		var body *node
		switch f {
		case goVCR:
			it.Request = r.plain(req.get("body"), false)
			it.Status = leadingInt(resp.get("code").scalar())
			if it.Status == 0 {
				it.Status = leadingInt(resp.get("status").scalar()) // "200 OK"
			}
			body = resp.get("body")
		case vcrPy:
			it.Request = r.plain(req.get("body"), false)
			it.Status = leadingInt(resp.get("status").get("code").scalar())
			body = resp.get("body").get("string")
		case rubyVCR:
			it.Request = r.plain(rubyBody(req.get("body")))
			it.Status = leadingInt(resp.get("status").get("code").scalar())
			var b64 bool
			if body, b64 = rubyBody(resp.get("body")); b64 {
				r.yamlBody(&it, body, true)
				body = nil
			}
		}
		if body != nil {
			r.yamlBody(&it, body, isBinary(body))
		}
		r.inflate(&it, yamlHeader(resp.get("headers"), "Content-Encoding"))
		r.out = append(r.out, it)
	}
	return nil
}

// plain returns a scalar's text, decoding it from base64 when base64 is
// true or the scalar is tagged binary.
func (r *reader) plain(n *node, base64 bool) []byte {
	s := n.scalar()
	if base64 || isBinary(n) {
		if b, _, ok := unbase64([]byte(s), Map{}); ok {
			return b
		}
	}
	return []byte(s)
}

// isBinary tells whether a scalar is tagged as base64 bytes. YAML's own
// tag is !!binary (VCR.py writes it for bytes); Ruby's Psych writes the
// local tag !binary for a string that is not valid text (Ruby VCR's
// bodies, whose bytes Net::HTTP hands over untyped, as soon as one is
// not ASCII); a verbatim tag spells the full name.
func isBinary(n *node) bool {
	if n == nil {
		return false
	}
	switch n.Tag {
	case "!!binary", "!binary", "tag:yaml.org,2002:binary":
		return true
	}
	return false
}

// rubyBody returns the scalar holding a Ruby VCR body, request or
// response, and whether it is base64 text: base64_string when VCR
// preserves exact body bytes, else string, maybe tagged binary.
func rubyBody(body *node) (*node, bool) {
	if b := body.get("base64_string"); b != nil && b.Kind == yaml.ScalarNode {
		return b, true
	}
	s := body.get("string")
	return s, isBinary(s)
}

// yamlBody takes a response body kept as a YAML scalar.
func (r *reader) yamlBody(it *Interaction, n *node, base64 bool) {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return
	}
	body, m := r.yamlScalar(n)
	if base64 {
		var ok bool
		if body, m, ok = unbase64(body, m); !ok {
			it.Problem = "the body is marked as base64 but is not base64 text"
			it.BodyPos = r.pos(n)
			return
		}
	}
	it.Body, it.Map, it.BodyPos, it.HasBody, it.binary = body, m, r.pos(n), true, base64
}

// yamlHeader finds a header in a cassette's map of header names to a
// list of values (or one value).
func yamlHeader(headers *node, name string) string {
	if headers == nil || headers.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(headers.Content); i += 2 {
		if !strings.EqualFold(headers.Content[i].Value, name) {
			continue
		}
		v := (*node)(headers.Content[i+1])
		if v.Kind == yaml.SequenceNode && len(v.Content) > 0 {
			return (*node)(v.Content[0]).scalar()
		}
		return v.scalar()
	}
	return ""
}

// leadingInt reads the number at the start of s ("200", "200 OK"), or 0.
func leadingInt(s string) int {
	end := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if end < 0 {
		end = len(s)
	}
	n, err := strconv.Atoi(s[:end])
	if err != nil || n > 999 {
		return 0
	}
	return n
}

// yamlScalar decodes a scalar from the recording's text, recording where
// each byte comes from, and checks the result against the library's
// reading. A scalar this code reads differently (a style it does not
// follow) is placed whole at its start: the findings in it still name the
// right line where the body begins.
func (r *reader) yamlScalar(n *node) ([]byte, Map) {
	at := r.pos(n)
	if r.json {
		return jsonString(r.src, &jsonpos.Value{Kind: jsonpos.String, Pos: at, Text: n.Value})
	}
	sc := &scan{src: r.src, p: at}
	sc.skipProperties()
	b := newBuilder(r.src)
	ok := false
	switch n.Style &^ (yaml.TaggedStyle | yaml.FlowStyle) {
	case yaml.DoubleQuotedStyle:
		ok = sc.flow(b, '"', n.Value)
	case yaml.SingleQuotedStyle:
		ok = sc.flow(b, '\'', n.Value)
	case yaml.LiteralStyle, yaml.FoldedStyle:
		ok = sc.block(b, r.indentOf(at))
	case 0:
		ok = sc.flow(b, 0, n.Value)
	}
	if !ok || string(b.out) != n.Value {
		return []byte(n.Value), whole(r.src, at)
	}
	return b.out, b.m
}

// indentOf is the indentation of the mapping that holds the scalar at p:
// the column where the line's key starts, past the spaces and the "- " of
// sequence items.
func (r *reader) indentOf(p jsonpos.Pos) int {
	if p.Line < 1 || p.Line > len(r.lines) {
		return 0
	}
	off, n := r.lines[p.Line-1], 0
	at := func(k int) byte {
		if off+int64(k) < int64(len(r.src)) {
			return r.src[off+int64(k)]
		}
		return 0
	}
	for at(n) == ' ' || at(n) == '-' && at(n+1) == ' ' {
		n++
	}
	return n
}

// scan walks the recording's text from p, keeping p's line and column.
type scan struct {
	src []byte
	p   jsonpos.Pos
}

func (s *scan) at(k int) byte {
	i := s.p.Offset + int64(k)
	if i < 0 || i >= int64(len(s.src)) {
		return 0
	}
	return s.src[i]
}

func (s *scan) eof() bool { return s.p.Offset >= int64(len(s.src)) }

// char returns the character at the scan point.
func (s *scan) char() []byte {
	_, size := utf8.DecodeRune(s.src[s.p.Offset:])
	return s.src[s.p.Offset : s.p.Offset+int64(size)]
}

// next moves past one character of a line.
func (s *scan) next(size int) {
	s.p.Offset += int64(size)
	s.p.Column++
}

// isBreak tells whether a line break starts at the scan point, and its
// length.
func (s *scan) isBreak() (int, bool) {
	switch {
	case s.at(0) == '\r' && s.at(1) == '\n':
		return 2, true
	case s.at(0) == '\n' || s.at(0) == '\r':
		return 1, true
	}
	return 0, false
}

func (s *scan) newline(n int) {
	s.p.Offset += int64(n)
	s.p.Line++
	s.p.Column = 1
}

// skipProperties moves past a node's tag and anchor ("!!binary |").
func (s *scan) skipProperties() {
	for !s.eof() && (s.at(0) == '!' || s.at(0) == '&') {
		for !s.eof() && s.at(0) != ' ' && s.at(0) != '\t' && s.at(0) != '\n' && s.at(0) != '\r' {
			s.next(len(s.char()))
		}
		for s.at(0) == ' ' || s.at(0) == '\t' {
			s.next(1)
		}
	}
}

// flow decodes a flow scalar: plain (quote 0), single- or double-quoted.
// A line break folds into a space, or into n-1 newlines when n breaks
// follow each other; white space around a break is dropped. A plain
// scalar ends where its text does (want's length).
func (s *scan) flow(b *builder, quote byte, want string) bool {
	if quote != 0 {
		if s.at(0) != quote {
			return false
		}
		s.next(1)
	}
	type blank struct {
		p jsonpos.Pos
		c byte
	}
	var pending []blank
	flush := func() {
		for _, w := range pending {
			b.copy(w.p, []byte{w.c})
		}
		pending = pending[:0]
	}
	for {
		if quote == 0 && len(b.out) >= len(want) {
			return true
		}
		if s.eof() {
			return quote == 0
		}
		c := s.at(0)
		if n, ok := s.isBreak(); ok {
			pending = pending[:0]
			first := s.p
			s.newline(n)
			breaks := 1
			for {
				for s.at(0) == ' ' || s.at(0) == '\t' {
					s.next(1)
				}
				n, ok := s.isBreak()
				if !ok {
					break
				}
				s.newline(n)
				breaks++
			}
			if breaks == 1 {
				b.put(first, []byte{' '})
			} else {
				b.put(first, bytes.Repeat([]byte{'\n'}, breaks-1))
			}
			continue
		}
		switch {
		case c == ' ' || c == '\t':
			pending = append(pending, blank{s.p, c})
			s.next(1)
			continue
		case quote == '\'' && c == '\'':
			flush()
			if s.at(1) != '\'' {
				return true
			}
			b.put(s.p, []byte{'\''})
			s.next(1)
			s.next(1)
			continue
		case quote == '"' && c == '"':
			flush()
			return true
		case quote == '"' && c == '\\':
			flush()
			at := s.p
			if n, ok := func() (int, bool) { s.next(1); return s.isBreak() }(); ok {
				// An escaped line break: nothing, and the next line's
				// leading white space is dropped.
				s.newline(n)
				for s.at(0) == ' ' || s.at(0) == '\t' {
					s.next(1)
				}
				continue
			}
			out, size, ok := yamlEscape(s.src[s.p.Offset:])
			if !ok {
				return false
			}
			b.put(at, out)
			s.p.Offset += int64(size)
			s.p.Column += utf8.RuneCount(s.src[s.p.Offset-int64(size) : s.p.Offset])
			continue
		}
		flush()
		ch := s.char()
		b.copy(s.p, ch)
		s.next(len(ch))
	}
}

// yamlEscape decodes the escape whose letter starts b (after the
// backslash), and returns its length.
func yamlEscape(b []byte) ([]byte, int, bool) {
	if len(b) == 0 {
		return nil, 0, false
	}
	simple := map[byte]string{'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", '\t': "\t", 'n': "\n", 'v': "\v", 'f': "\f",
		'r': "\r", 'e': "\x1b", ' ': " ", '"': "\"", '/': "/", '\\': "\\", 'N': "\u0085", '_': "\u00a0", 'L': "\u2028", 'P': "\u2029"}
	if s, ok := simple[b[0]]; ok {
		return []byte(s), 1, true
	}
	digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[b[0]]
	if digits == 0 || len(b) < 1+digits {
		return nil, 0, false
	}
	v, err := strconv.ParseUint(string(b[1:1+digits]), 16, 32)
	if err != nil {
		return nil, 0, false
	}
	return utf8.AppendRune(nil, rune(v)), 1 + digits, true
}

// block decodes a literal (|) or folded (>) block scalar whose indicator
// is at the scan point; parent is the indentation of the line that holds
// it.
func (s *scan) block(b *builder, parent int) bool {
	folded := s.at(0) == '>'
	s.next(1)
	chomp, indent := byte(0), 0
	for {
		c := s.at(0)
		switch {
		case c == '+' || c == '-':
			chomp = c
		case c >= '1' && c <= '9':
			indent = parent + int(c-'0')
		default:
			goto header
		}
		s.next(1)
	}
header:
	for !s.eof() {
		if n, ok := s.isBreak(); ok {
			s.newline(n)
			break
		}
		s.next(len(s.char()))
	}
	type line struct {
		p         jsonpos.Pos // of the content
		text      []byte
		brk       jsonpos.Pos // of the line break
		hasBreak  bool
		empty     bool
		moreInden bool
	}
	var lines []line
	for !s.eof() {
		start := s.p
		spaces := 0
		for s.at(spaces) == ' ' {
			spaces++
		}
		rest := s.src[start.Offset+int64(spaces):]
		end := bytes.IndexAny(rest, "\r\n")
		if end < 0 {
			end = len(rest)
		}
		empty := len(bytes.TrimRight(rest[:end], " \t")) == 0
		if indent == 0 && !empty {
			if spaces <= parent {
				break
			}
			indent = spaces
		}
		if !empty && spaces < indent {
			break
		}
		if empty && indent > 0 && spaces > indent {
			empty = false // white space beyond the indentation is content
		}
		l := line{empty: empty}
		skip := min(spaces, indent)
		if empty {
			skip = spaces
		}
		for range skip {
			s.next(1)
		}
		l.p = s.p
		for !s.eof() {
			if _, ok := s.isBreak(); ok {
				break
			}
			ch := s.char()
			l.text = append(l.text, ch...)
			s.next(len(ch))
		}
		if empty {
			l.text = nil
		}
		l.moreInden = len(l.text) > 0 && (l.text[0] == ' ' || l.text[0] == '\t')
		l.brk = s.p
		if n, ok := s.isBreak(); ok {
			l.hasBreak = true
			s.newline(n)
		}
		lines = append(lines, l)
	}
	last := -1 // the last line with content
	for i, l := range lines {
		if !l.empty {
			last = i
		}
	}
	prev := -1 // the previous line with content
	for i, l := range lines {
		if l.empty {
			switch {
			case i == last+1 && last >= 0:
				// The last content line's break, then this one's.
				b.put(lines[last].brk, []byte{'\n'})
				b.put(l.brk, []byte{'\n'})
			case prev < 0 || i > last:
				b.put(l.brk, []byte{'\n'})
			}
			continue
		}
		if prev >= 0 {
			between := i - prev - 1
			p := lines[prev]
			switch {
			case folded && !p.moreInden && !l.moreInden && between == 0:
				b.put(p.brk, []byte{' '})
			case folded && !p.moreInden && !l.moreInden:
				b.put(p.brk, bytes.Repeat([]byte{'\n'}, between))
			default:
				b.put(p.brk, bytes.Repeat([]byte{'\n'}, between+1))
			}
		}
		b.copy(l.p, l.text)
		prev = i
	}
	if last >= 0 && last == len(lines)-1 && lines[last].hasBreak {
		b.put(lines[last].brk, []byte{'\n'})
	}
	// Trailing empty lines were put in the loop (i > last); chomping
	// decides how many line breaks stay.
	content := len(b.out)
	for content > 0 && b.out[content-1] == '\n' {
		content--
	}
	switch chomp {
	case '-':
		b.truncate(content)
	case 0:
		if content < len(b.out) {
			b.truncate(content + 1)
		}
	}
	return true
}
