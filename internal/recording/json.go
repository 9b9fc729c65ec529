package recording

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
)

// jsonString decodes the JSON string value v, found in src, and maps its
// bytes back to src through the escapes. A string that does not decode to
// v's text (it cannot happen for a string the reader accepted) is placed
// whole at its opening quote.
func jsonString(src []byte, v *jsonpos.Value) ([]byte, Map) {
	p := v.Pos
	b := newBuilder(src)
	jsonpos.StringChars(src, p, func(at jsonpos.Pos, char []byte, escaped bool) bool {
		if escaped {
			b.put(at, char)
		} else {
			b.copy(at, char)
		}
		return true
	})
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
			it.Body, it.Map, it.BodyPos, it.HasBody, it.binary = chunks, whole(r.src, v.Pos), v.Pos, true, true
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
		it.Body, it.Map, it.BodyPos, it.HasBody, it.binary = body, m, v.Pos, true, base64
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
		// The header is what the server sent, format parameters and all
		// (IEEE754Compatible=true among them); browsers write mimeType
		// without them. mimeType stands in when no header was kept.
		it.ContentType = harHeader(resp.Get("headers"), "Content-Type")
		if it.ContentType == "" {
			it.ContentType = text(content, "mimeType")
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
// ({"Entries": [{"RequestUri", "StatusCode", "ResponseBody", ...}],
// "Variables": {...}}). Its recorder (RecordEntry.Serialize in
// Azure/azure-sdk-tools) writes a body in one of five ways: null for none,
// [] for an empty one, a JSON object inline when a textual body parses as
// one, the text as one string, or, when the text has line breaks, as a
// list of strings, one per line; a body whose content type is not textual
// is one base64 string. It decompresses gzip before writing, though the
// Content-Encoding header stays.
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
		it.ContentType = proxyContentType(e.Get("ResponseHeaders"))
		if b := e.Get("RequestBody"); b != nil {
			var req Interaction
			r.proxyBody(&req, b, proxyText(proxyContentType(e.Get("RequestHeaders"))))
			it.Request = req.Body
		}
		if b := e.Get("ResponseBody"); b != nil {
			r.proxyBody(&it, b, proxyText(it.ContentType))
		}
		r.out = append(r.out, it)
	}
	return nil
}

// proxyBody takes a body as the test proxy writes it (see readTestProxy);
// textual tells whether its content type is one the proxy keeps as text.
func (r *reader) proxyBody(it *Interaction, v *jsonpos.Value, textual bool) {
	switch {
	case v.Kind == jsonpos.Array:
		// Lines of text, joined; an empty list is an empty body, and so
		// is any list for a body that is not text.
		it.BodyPos, it.HasBody = v.Pos, true
		if !textual {
			return
		}
		b := newBuilder(r.src)
		for _, line := range v.Items {
			if line.Kind != jsonpos.String {
				it.Body, it.HasBody = nil, false
				it.Problem = "the body is a list, but not of strings (the test proxy writes text as a list of its lines)"
				return
			}
			text, m := jsonString(r.src, line)
			b.append(text, m)
		}
		it.Body, it.Map = b.out, b.m
	case v.Kind == jsonpos.String:
		r.jsonBody(it, v, !textual)
	default:
		r.jsonBody(it, v, false)
	}
}

// proxyContentType is a header map's Content-Type, as the test proxy
// reads it: only when the header has exactly one value.
func proxyContentType(headers *jsonpos.Value) string {
	if headers == nil || headers.Kind != jsonpos.Object {
		return ""
	}
	for _, m := range headers.Members {
		if !strings.EqualFold(m.Name, "Content-Type") {
			continue
		}
		switch {
		case m.Value.Kind == jsonpos.String:
			return m.Value.Text
		case m.Value.Kind == jsonpos.Array && len(m.Value.Items) == 1 && m.Value.Items[0].Kind == jsonpos.String:
			return m.Value.Items[0].Text
		}
	}
	return ""
}

// proxyText tells whether the test proxy keeps a body of this content type
// as text rather than base64, by its own rule (ContentTypeUtilities in
// Azure/azure-sdk-tools): a UTF-8 charset, text/*, a type ending in json,
// xml or -urlencoded, or starting with application/json. No content type
// at all means base64.
func proxyText(ct string) bool {
	lower := strings.ToLower(ct)
	if i := strings.Index(lower, "; charset="); i >= 0 && strings.HasPrefix(lower[i+len("; charset="):], "utf-8") {
		return true
	}
	return strings.HasPrefix(lower, "text/") || strings.HasSuffix(lower, "json") || strings.HasSuffix(lower, "xml") ||
		strings.HasSuffix(lower, "-urlencoded") || strings.HasPrefix(lower, "application/json") ||
		strings.HasPrefix(lower, "application/x-www-form-urlencoded")
}
