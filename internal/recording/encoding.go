package recording

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
)

// maxInflated bounds the size of one decompressed body, so that a small
// hostile recording cannot claim memory without end. Tests lower it.
var maxInflated = 256 << 20

// inflate undoes the Content-Encoding of a response body that a recorder
// kept as it came over the wire: VCR.py and go-vcr keep gzip bytes when
// the client asked for them, Polly.js keeps them as base64 chunks.
// Compressed bytes are not text, so recorders keep them as base64: a
// body kept as text (browsers save the decoded text, and keep the
// header), or one that already starts like JSON, is left alone. The
// bytes of a body that was decompressed cannot be traced back one by
// one: they are all placed at the start of the body's value in the
// recording. An encoding that cannot be undone is the interaction's
// Problem.
func (r *reader) inflate(it *Interaction, encoding string) {
	if !it.HasBody || !it.binary || it.Problem != "" {
		return
	}
	var codings []string
	for _, c := range strings.Split(encoding, ",") {
		if c = strings.ToLower(strings.TrimSpace(c)); c != "" && c != "identity" {
			codings = append(codings, c)
		}
	}
	if len(codings) == 0 || looksLikeText(it.Body) {
		return
	}
	body := it.Body
	// Codings are listed in the order they were applied.
	for i := len(codings) - 1; i >= 0; i-- {
		out, err := decompress(codings[i], body)
		if err != nil {
			it.Body, it.HasBody, it.Inline, it.Map = nil, false, false, Map{}
			it.Problem = fmt.Sprintf("the body is marked as %s-compressed (Content-Encoding: %s) but cannot be decompressed: %v", finding.Clip(codings[i]), finding.Clip(encoding), err)
			return
		}
		body = out
	}
	it.Body, it.Inline, it.Map = body, false, whole(r.src, it.BodyPos)
}

// decompress undoes one content coding.
func decompress(coding string, b []byte) ([]byte, error) {
	var rd io.Reader
	switch coding {
	case "gzip", "x-gzip":
		z, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, err
		}
		rd = z
	case "deflate":
		// HTTP's deflate is zlib; some servers send raw deflate.
		if z, err := zlib.NewReader(bytes.NewReader(b)); err == nil {
			rd = z
		} else {
			rd = flate.NewReader(bytes.NewReader(b))
		}
	default:
		return nil, fmt.Errorf("vppvalidate reads gzip and deflate, not %s", finding.Clip(coding))
	}
	out, err := io.ReadAll(io.LimitReader(rd, int64(maxInflated)+1))
	if err != nil {
		return nil, err
	}
	if len(out) > maxInflated {
		return nil, fmt.Errorf("it inflates to more than %d MiB", maxInflated>>20)
	}
	return out, nil
}

// looksLikeText tells whether a body is already JSON text (or empty):
// its first byte past white space opens an object or an array.
func looksLikeText(b []byte) bool {
	b = bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(b) == 0 || b[0] == '{' || b[0] == '['
}

// chunkList decodes what Polly.js writes for a response with a
// Content-Encoding: a JSON array of base64 strings, one per chunk read,
// kept as the HAR's text with "encoding": "base64". ok is false when text
// is not such an array.
func chunkList(text []byte) (body []byte, ok bool) {
	doc, err := jsonpos.Parse(text, jsonpos.Options{})
	if err != nil || doc.Root.Kind != jsonpos.Array {
		return nil, false
	}
	for _, item := range doc.Root.Items {
		if item.Kind != jsonpos.String {
			return nil, false
		}
		b, _, ok := unbase64([]byte(item.Text), Map{})
		if !ok {
			return nil, false
		}
		body = append(body, b...)
	}
	return body, true
}
