package recording

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
)

// jsonString decodes the JSON string value v, found in src, and maps its
// bytes back to src through the escapes. A string that does not decode to
// v's text (it cannot happen for a string the reader accepted) is placed
// whole at its opening quote.
func jsonString(src []byte, v *jsonpos.Value) ([]byte, Map) {
	p := v.Pos
	if p.Offset < 0 || p.Offset >= int64(len(src)) || src[p.Offset] != '"' {
		return []byte(v.Text), whole(src, p)
	}
	b := newBuilder(src)
	i := int(p.Offset) + 1
	p.Offset++
	p.Column++
	for i < len(src) && src[i] != '"' {
		if src[i] == '\\' {
			r, n, _ := jsonpos.Escape(src[i:])
			if n == 0 {
				break
			}
			b.put(p, utf8.AppendRune(nil, r))
			i += n
			p.Offset += int64(n)
			p.Column += n // an escape is ASCII
			continue
		}
		_, size := utf8.DecodeRune(src[i:])
		b.copy(p, src[i:i+size])
		i += size
		p.Offset += int64(size)
		p.Column++
	}
	if string(b.out) != v.Text {
		return []byte(v.Text), whole(src, v.Pos)
	}
	return b.out, b.m
}

// valueEnd returns the offset just past the JSON value that starts at v
// in src, by reading it a second time.
func valueEnd(src []byte, v *jsonpos.Value) (int64, bool) {
	d := jsonpos.NewDecoder(bytes.NewReader(src[v.Pos.Offset:]), jsonpos.Options{SizeHint: int64(len(src)) - v.Pos.Offset})
	if _, err := d.ReadValue(); err != nil {
		return 0, false
	}
	return v.Pos.Offset + d.Offset(), true
}

// jsonBody takes a body kept as a JSON value: a string holding the text
// (base64 when base64 is true), or, in the Azure SDK test proxy's
// recordings, the JSON document itself, written inline.
func (r *reader) jsonBody(it *Interaction, v *jsonpos.Value, base64 bool) {
	switch v.Kind {
	case jsonpos.Null:
		return
	case jsonpos.String:
		body, m := jsonString(r.src, v)
		if base64 && bytes.HasPrefix(body, []byte("[")) {
			// No base64 text starts so: Polly.js's list of chunks.
			chunks, ok := chunkList(body)
			if !ok {
				it.Problem = "the body is marked as base64 but is neither base64 text nor a list of base64 chunks"
				it.BodyPos = v.Pos
				return
			}
			it.Body, it.Map, it.BodyPos, it.HasBody = chunks, whole(r.src, v.Pos), v.Pos, true
			return
		}
		if base64 {
			var ok bool
			if body, m, ok = unbase64(body, m); !ok {
				it.Problem = "the body is marked as base64 but is not base64 text"
				it.BodyPos = v.Pos
				return
			}
		}
		it.Body, it.Map, it.BodyPos, it.HasBody = body, m, v.Pos, true
	case jsonpos.Object, jsonpos.Array:
		end, ok := valueEnd(r.src, v)
		if !ok {
			return
		}
		it.Body, it.BodyPos, it.HasBody, it.Inline = r.src[v.Pos.Offset:end], v.Pos, true, true
	}
}

// text returns a string member's text, or "".
func text(v *jsonpos.Value, name string) string {
	if m := v.Get(name); m != nil && m.Kind == jsonpos.String {
		return m.Text
	}
	return ""
}

// status reads an HTTP status given as a number ("status": 200).
func status(v *jsonpos.Value) int {
	if v == nil || v.Kind != jsonpos.Number {
		return 0
	}
	n, err := strconv.Atoi(v.Text)
	if err != nil || n < 0 || n > 999 {
		return 0
	}
	return n
}

// readHAR reads HAR 1.2 (log.entries[]), as browsers' developer tools,
// proxies and Polly.js write it.
func (r *reader) readHAR(root *jsonpos.Value) error {
	entries := root.Get("log").Get("entries")
	if entries == nil || entries.Kind != jsonpos.Array {
		return r.shape(root, "a HAR file holds {\"log\": {\"entries\": [...]}}")
	}
	for i, e := range entries.Items {
		it := Interaction{Index: i, Pos: e.Pos}
		req, resp := e.Get("request"), e.Get("response")
		if req == nil || req.Kind != jsonpos.Object || resp == nil || resp.Kind != jsonpos.Object {
			return r.shape(e, fmt.Sprintf("entry %d must have a request and a response object", i))
		}
		it.Method, it.URL = text(req, "method"), text(req, "url")
		if post := req.Get("postData"); post != nil {
			it.Request = []byte(text(post, "text"))
		}
		it.Status = status(resp.Get("status"))
		content := resp.Get("content")
		it.ContentType = text(content, "mimeType")
		if it.ContentType == "" {
			it.ContentType = harHeader(resp.Get("headers"), "Content-Type")
		}
		if t := content.Get("text"); t != nil {
			r.jsonBody(&it, t, strings.EqualFold(text(content, "encoding"), "base64"))
			r.inflate(&it, harHeader(resp.Get("headers"), "Content-Encoding"))
		}
		r.out = append(r.out, it)
	}
	return nil
}

// harHeader finds a header in HAR's list of {"name", "value"} pairs.
func harHeader(list *jsonpos.Value, name string) string {
	if list == nil || list.Kind != jsonpos.Array {
		return ""
	}
	for _, h := range list.Items {
		if strings.EqualFold(text(h, "name"), name) {
			return text(h, "value")
		}
	}
	return ""
}

// readTestProxy reads a recording of the Azure SDK test proxy
// ({"Entries": [{"RequestUri", "StatusCode", "ResponseBody", ...}]}).
func (r *reader) readTestProxy(root *jsonpos.Value) error {
	entries := root.Get("Entries")
	if entries == nil || entries.Kind != jsonpos.Array {
		return r.shape(root, "an Azure SDK test proxy recording holds {\"Entries\": [...]}")
	}
	for i, e := range entries.Items {
		if e.Kind != jsonpos.Object {
			return r.shape(e, fmt.Sprintf("entry %d must be an object", i))
		}
		it := Interaction{Index: i, Pos: e.Pos, Method: text(e, "RequestMethod"), URL: text(e, "RequestUri"), Status: status(e.Get("StatusCode"))}
		it.ContentType = proxyHeader(e.Get("ResponseHeaders"), "Content-Type")
		switch rb := e.Get("RequestBody"); {
		case rb == nil:
		case rb.Kind == jsonpos.String:
			it.Request = []byte(rb.Text)
		case rb.Kind == jsonpos.Object || rb.Kind == jsonpos.Array:
			if end, ok := valueEnd(r.src, rb); ok {
				it.Request = r.src[rb.Pos.Offset:end]
			}
		}
		if b := e.Get("ResponseBody"); b != nil {
			// A string body is text, or base64 for a content type that is
			// not text; JSON bodies are written inline.
			r.jsonBody(&it, b, b.Kind == jsonpos.String && !isText(it.ContentType))
			r.inflate(&it, proxyHeader(e.Get("ResponseHeaders"), "Content-Encoding"))
		}
		r.out = append(r.out, it)
	}
	return nil
}

// proxyHeader finds a header in the test proxy's map, whose values are
// strings or lists of strings.
func proxyHeader(headers *jsonpos.Value, name string) string {
	if headers == nil || headers.Kind != jsonpos.Object {
		return ""
	}
	for _, m := range headers.Members {
		if !strings.EqualFold(m.Name, name) {
			continue
		}
		switch m.Value.Kind {
		case jsonpos.String:
			return m.Value.Text
		case jsonpos.Array:
			if len(m.Value.Items) > 0 && m.Value.Items[0].Kind == jsonpos.String {
				return m.Value.Items[0].Text
			}
		}
	}
	return ""
}

// isText tells whether a content type is textual, JSON included.
func isText(ct string) bool {
	ct = strings.ToLower(ct)
	return strings.HasPrefix(ct, "text/") || strings.Contains(ct, "json") || strings.Contains(ct, "xml") || ct == ""
}
