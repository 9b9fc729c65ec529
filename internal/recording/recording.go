// Package recording takes the HTTP responses out of recorded traffic: HAR
// files, the cassettes of go-vcr, VCR.py and Ruby's VCR, and the JSON
// recordings of the Azure SDK test proxy.
//
// A recorder keeps each response body as a string inside its own format,
// beside the request that asked for it. Read hands each interaction over
// with its request URL and its body decoded, and with a Map that carries a
// position in the body back to the line and column of the recording, so
// that a finding about a value in a body points into the file the user
// has open. What a body means is not decided here: the validator asks the
// model about the URL.
package recording

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
)

// Interaction is one recorded request and its response.
type Interaction struct {
	// Index is the interaction's place in the recording's list
	// (log.entries, interactions, http_interactions, Entries), from 0.
	Index  int
	Method string
	URL    string
	// Status is the response's HTTP status; 0 when the recording does
	// not say.
	Status      int
	ContentType string // of the response; "" when not recorded
	// Request is the request's body, as recorded; $batch requests name
	// the URLs of their parts in it.
	Request []byte
	// HasBody is true when the response has a body; Body holds it,
	// decoded from the recording's string escapes and from base64.
	HasBody bool
	Body    []byte
	// Inline is true when the body is written in the recording as it is
	// (a JSON document inside a JSON recording): its positions are those
	// of the recording from BodyPos on, and Map is not used. Otherwise
	// Map places each byte of Body in the recording.
	Inline bool
	Map    Map
	// BodyPos is where the body's value starts in the recording; Pos
	// where the interaction does.
	BodyPos, Pos jsonpos.Pos
	// Problem, when set, says why the body could not be taken out (it is
	// marked as base64 but is not); Body is then empty.
	Problem string
	// binary is set when the body was kept as bytes (base64), the only
	// way a recorder can keep it compressed.
	binary bool
}

// Format is one kind of recording.
type Format struct {
	Name string // as --recording takes it
	Doc  string // what writes it, for help texts
	// Shape says where a recording of this format keeps its requests,
	// for the message about a file that does not have it.
	Shape string
	yaml  bool
	// fits tells whether a parsed recording has this format's shape.
	fitsJSON func(root *jsonpos.Value) bool
	fitsYAML func(root *node) bool
	readJSON func(r *reader, root *jsonpos.Value) error
	readYAML func(r *reader, root *node) error
}

// Formats lists the recording formats, in the order they are tried.
var Formats = []*Format{
	{Name: "har", Doc: "HAR 1.2 (browsers' developer tools, Graph Explorer, Polly.js, proxies)", Shape: `{"log": {"entries": [...]}}`,
		fitsJSON: func(root *jsonpos.Value) bool { return root.Get("log") != nil },
		readJSON: (*reader).readHAR},
	{Name: "test-proxy", Doc: "the Azure SDK test proxy's JSON recordings", Shape: `{"Entries": [...]}`,
		fitsJSON: func(root *jsonpos.Value) bool { return root.Get("Entries") != nil },
		readJSON: (*reader).readTestProxy},
	{Name: "go-vcr", Doc: "go-vcr cassettes (YAML; versions 1 and 2 of the format)", Shape: "interactions[].request.url", yaml: true,
		fitsYAML: func(root *node) bool { return root.listOf("interactions", "url") },
		readYAML: func(r *reader, root *node) error { return r.readCassette(root, goVCR) }},
	{Name: "vcrpy", Doc: "VCR.py cassettes (YAML)", Shape: "interactions[].request.uri", yaml: true,
		fitsYAML: func(root *node) bool { return root.listOf("interactions", "uri") },
		readYAML: func(r *reader, root *node) error { return r.readCassette(root, vcrPy) }},
	{Name: "ruby-vcr", Doc: "Ruby VCR cassettes (YAML)", Shape: "http_interactions[].request.uri", yaml: true,
		fitsYAML: func(root *node) bool { return root.listOf("http_interactions", "uri") },
		readYAML: func(r *reader, root *node) error { return r.readCassette(root, rubyVCR) }},
}

// Lookup returns the format called name, or nil.
func Lookup(name string) *Format {
	for _, f := range Formats {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Names lists the formats' names.
func Names() []string {
	out := make([]string, len(Formats))
	for i, f := range Formats {
		out[i] = f.Name
	}
	return out
}

// Extensions are the file name endings of recordings. A .har file is
// always one; a YAML file is one when it looks like a cassette.
var Extensions = []string{".har", ".yaml", ".yml"}

// IsYAMLName tells whether a file name ends in .yaml or .yml.
func IsYAMLName(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".yaml" || ext == ".yml"
}

// Sniff tells whether an input is a recording, from its name and the
// first bytes of its content: a .har or YAML file, a JSON document with a
// top-level "log" (HAR), "Entries" (the test proxy), "interactions" or
// "http_interactions" (a cassette written as JSON) among its first bytes,
// or text that starts like a YAML cassette. A Graph payload has none of
// these members.
func Sniff(name string, head []byte) bool {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".har" || IsYAMLName(name) {
		return true
	}
	return topLevelKey(head, "log", "Entries", "interactions", "http_interactions") || LooksLikeCassette(head)
}

// LooksLikeCassette tells whether text starts like a YAML cassette: a
// top-level "interactions:" or "http_interactions:" key among its first
// lines.
func LooksLikeCassette(head []byte) bool {
	for line := range bytes.Lines(head) {
		if bytes.HasPrefix(line, []byte("interactions:")) || bytes.HasPrefix(line, []byte("http_interactions:")) {
			return true
		}
	}
	return false
}

// topLevelKey tells whether head starts a JSON object that has one of
// names as a member, among the members head holds. It reads strings and
// nesting only, so a name deeper down or inside a string does not count.
func topLevelKey(head []byte, names ...string) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	depth, expectKey := 0, false
	for i := 0; i < len(head); i++ {
		switch c := head[i]; c {
		case '{', '[':
			depth++
			expectKey = c == '{' && depth == 1
		case '}', ']':
			depth--
			if depth <= 0 {
				return false
			}
		case ',':
			expectKey = depth == 1
		case '"':
			end := i + 1
			for end < len(head) && head[end] != '"' {
				if head[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(head) {
				return false
			}
			if expectKey {
				for _, n := range names {
					if string(head[i+1:end]) == n {
						return true
					}
				}
			}
			expectKey = false
			i = end
		}
	}
	return false
}

// Error is a recording that cannot be read as one: not well-formed, or
// not of the shape its format has. Pos locates it.
type Error struct {
	Pos jsonpos.Pos
	Msg string
}

func (e *Error) Error() string { return e.Msg }

// reader holds what reading one recording needs.
type reader struct {
	src   []byte
	lines []int64 // offsets of the lines' first bytes (YAML)
	out   []Interaction
	// json is set for a cassette written as JSON: its tree is built by
	// fromJSON, at holds each node's place, and its strings are read
	// with JSON's escapes.
	json bool
	at   map[*yaml.Node]jsonpos.Pos
	// cursor is the last place pos found in a YAML cassette.
	cursor jsonpos.Pos
}

// shape reports a recording that is well-formed but not of its format's
// shape.
func (r *reader) shape(at *jsonpos.Value, msg string) error {
	return &Error{Pos: at.Pos, Msg: "the recording cannot be read: " + msg}
}

// Read takes the interactions out of a recording held in src. format is
// the recording's format, or nil to tell it from the content. It returns
// the format read; the error is an *Error for a recording that is not
// well-formed or not of the format's shape.
func Read(src []byte, format *Format) (interactions []Interaction, read *Format, err error) {
	defer func() {
		// The YAML library is not ours: a panic in it on hostile input
		// is a broken recording, not a crash.
		if p := recover(); p != nil {
			interactions, err = nil, &Error{Pos: jsonpos.Pos{Line: 1, Column: 1}, Msg: fmt.Sprintf("the recording cannot be read: %v", p)}
		}
	}()
	r := &reader{src: src}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(src, []byte("\xef\xbb\xbf")), " \t\r\n")
	startsJSON := len(trimmed) > 0 && trimmed[0] == '{'
	if startsJSON || format != nil && !format.yaml {
		doc, perr := jsonpos.Parse(src, jsonpos.Options{})
		switch {
		case perr == nil:
			return r.readJSONDoc(doc.Root, format)
		case format != nil && format.yaml:
			// A cassette in YAML's flow style, which is not JSON.
		default:
			var se *jsonpos.SyntaxError
			if errors.As(perr, &se) {
				return nil, format, &Error{Pos: se.Pos, Msg: "the recording is not well-formed JSON: " + se.Msg}
			}
			return nil, format, perr
		}
	}
	root, err := r.parseYAML()
	if err != nil {
		return nil, format, err
	}
	if format == nil {
		for _, f := range Formats {
			if f.fitsYAML != nil && f.fitsYAML(root) {
				format = f
				break
			}
		}
	}
	if format != nil && !format.fitsYAML(root) {
		return nil, format, &Error{Pos: r.pos(root), Msg: "the recording cannot be read: it is not a " + format.Name + " cassette, which holds " + format.Shape}
	}
	if format == nil {
		return nil, nil, &Error{Pos: r.pos(root), Msg: "the recording cannot be read: it is YAML, but not a cassette of go-vcr (interactions[].request.url), VCR.py (interactions[].request.uri) or Ruby VCR (http_interactions[])"}
	}
	err = format.readYAML(r, root)
	return r.out, format, err
}

// readJSONDoc reads a recording written as JSON: a HAR file, a test proxy
// recording, or a cassette that VCR.py or Ruby's VCR wrote with its json
// serializer, which holds what their YAML cassettes hold.
func (r *reader) readJSONDoc(root *jsonpos.Value, format *Format) ([]Interaction, *Format, error) {
	if format == nil {
		for _, f := range Formats {
			if f.fitsJSON != nil && f.fitsJSON(root) {
				format = f
				break
			}
		}
	}
	if format == nil || format.yaml {
		r.countLines()
		r.json = true
		tree := r.fromJSON(root)
		if format == nil {
			for _, f := range Formats {
				if f.fitsYAML != nil && f.fitsYAML(tree) {
					format = f
					break
				}
			}
		}
		if format == nil {
			return nil, nil, r.shape(root, "it is JSON, but neither a HAR file ({\"log\": {\"entries\": [...]}}), a test proxy recording ({\"Entries\": [...]}) nor a cassette of VCR.py or Ruby VCR (interactions[].request.uri, http_interactions[].request.uri)")
		}
		if !format.fitsYAML(tree) {
			return nil, format, r.shape(root, "it is not a "+format.Name+" cassette, which holds "+format.Shape)
		}
		err := format.readYAML(r, tree)
		return r.out, format, err
	}
	if root.Kind != jsonpos.Object || !format.fitsJSON(root) {
		return nil, format, r.shape(root, "it is not a "+format.Name+" recording, which holds "+format.Shape)
	}
	err := format.readJSON(r, root)
	return r.out, format, err
}
