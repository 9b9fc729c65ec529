package validate

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/payload"
	"github.com/vppvalidate/vppvalidate/internal/recording"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// GraphHosts are the hosts of Microsoft Graph: the global service and the
// national clouds (US Government L4 and L5, China operated by 21Vianet,
// and Germany's, now retired but still in old recordings).
var GraphHosts = []string{
	"graph.microsoft.com",
	"graph.microsoft.us",
	"dod-graph.microsoft.us",
	"microsoftgraph.chinacloudapi.cn",
	"graph.microsoft.de",
}

// bodyCheck is the recorded response being checked: where its bytes are
// in the recording, what its request URL implies, and the words that
// name the interaction in each finding.
type bodyCheck struct {
	it     *recording.Interaction
	prefix string
	call   string // Finding.Call: the method and the whole request URL
	// lines holds the offsets of the body's line starts, for the
	// positions that messages name in words.
	lines   []int64
	implied map[string]*model.Context
	// int64Strings is true when the response's content type says
	// IEEE754Compatible=true; a $batch inner response's own header is
	// read by the walker (payload.Visitor.Int64Strings).
	int64Strings bool
	// ids holds the "id" of each inner response of a $batch answer, by
	// index (see responseID); nil for any other response.
	ids []string
}

// route is what Validator.ours makes of a recorded call: implied holds
// the contexts its request implies, by document pointer ("" for the body,
// "/responses/N/body" for a batch response's), nil when the call is not
// ours to check; ids the id of each inner response of a $batch answer,
// by index ("" for one without a string id); skipped counts the inner
// responses that are not ours; gap, when set, says what the recording
// lacks to check the call whole (rules.IncompleteRecording).
type route struct {
	implied map[string]*model.Context
	ids     []string
	skipped int
	gap     string
}

// recording checks the responses of a recording held in src: each one
// that is Graph's and about the VPP model, as a document of its own,
// typed by its request URL when it has no @odata.context. A recording that
// cannot be read is one syntax finding for the file.
func (c *check) recording(src []byte, format *recording.Format) {
	its, _, err := recording.Read(src, format)
	if err != nil {
		var re *recording.Error
		if errors.As(err, &re) {
			c.report(rules.Syntax, re.Pos, "", re.Msg)
		} else {
			c.report(rules.Syntax, jsonpos.Pos{Line: 1, Column: 1}, "", "the recording cannot be read: "+err.Error())
		}
		return
	}
	for i := range its {
		it := &its[i]
		r := c.v.ours(it)
		c.calls += r.skipped
		if r.implied == nil {
			if r.gap != "" {
				// Said at the interaction, and not counted as a call
				// that is not Graph VPP JSON: it is one.
				whole := *it
				whole.Inline = true
				c.body = &bodyCheck{it: &whole, prefix: callPrefix(it), call: strings.TrimSpace(it.Method + " " + it.URL)}
				c.report(rules.IncompleteRecording, it.Pos, "", r.gap)
				c.body = nil
				continue
			}
			c.calls++
			if !c.v.toGraph(it) {
				c.offHost++
				c.offHosts = finding.AddHost(c.offHosts, offHostOf(it.URL))
			}
			continue
		}
		c.checked++
		c.body = &bodyCheck{it: it, implied: r.implied, int64Strings: payload.IEEE754Compatible(it.ContentType), prefix: callPrefix(it),
			call: strings.TrimSpace(it.Method + " " + it.URL), ids: r.ids}
		at := jsonpos.Pos{Line: 1, Column: 1} // the body's start, in the body
		if it.Inline {
			at = it.BodyPos
		}
		if r.gap != "" {
			c.report(rules.IncompleteRecording, at, "", r.gap)
		}
		for _, ptr := range slices.Sorted(maps.Keys(r.implied)) {
			// Graph refuses a $select or $expand naming what the type
			// lacks, so the body did not answer this URL.
			if ctx := r.implied[ptr]; ctx != nil && ctx.SelectProblem != "" {
				c.report(rules.ODataContext, at, ptr, fmt.Sprintf("the request URL's $select or $expand names what Graph %s does not have: %s", ctx.Version, ctx.SelectProblem))
			}
		}
		if it.Problem != "" {
			c.report(rules.Syntax, it.BodyPos, "", it.Problem)
		} else {
			start := jsonpos.Pos{}
			if it.Inline {
				start = it.BodyPos
			} else {
				c.body.lines = lineStarts(it.Body)
			}
			c.isNotGraph = false
			// Read errors cannot happen: the body is in memory.
			_ = c.document(bytes.NewReader(it.Body), int64(len(it.Body)), false, start)
			c.flushSkipped()
		}
		c.body = nil
	}
}

// responseID is Finding.Response for a finding at ptr in the body being
// checked: the id of the inner response ptr lies in, "" when it lies in
// none or that response has no id.
func (b *bodyCheck) responseID(ptr string) string {
	if b.ids == nil {
		return ""
	}
	rest, ok := strings.CutPrefix(ptr, "/responses/")
	if !ok {
		return ""
	}
	index, _, _ := strings.Cut(rest, "/")
	i, err := strconv.Atoi(index)
	if err != nil || i < 0 || i >= len(b.ids) || strconv.Itoa(i) != index {
		return ""
	}
	return b.ids[i]
}

// callPrefix names a recorded call at the start of each of its findings'
// messages: its place in the recording, method and (clipped) URL.
func callPrefix(it *recording.Interaction) string {
	call := clipURL(it.URL)
	if it.Method != "" {
		call = it.Method + " " + call
	}
	return fmt.Sprintf("interaction %d (%s): ", it.Index, call)
}

// where carries a position in the body being checked to the recording.
func (c *check) where(p jsonpos.Pos) jsonpos.Pos {
	if c.body == nil || c.body.it.Inline {
		return p
	}
	if c.body.it.Problem != "" {
		return p // already the recording's
	}
	return c.body.it.Map.Locate(p.Offset)
}

// implied is payload.Visitor.Implied: what the request URLs say.
func (c *check) implied(ptr string) *model.Context {
	if c.body == nil {
		return nil
	}
	return c.body.implied[ptr]
}

// int64Strings is payload.Visitor.Int64Strings for a recorded response:
// its body (ptr "") is under IEEE754Compatible=true when its content type
// says so.
func (c *check) int64Strings(ptr string) bool {
	return c.body != nil && ptr == "" && c.body.int64Strings
}

// wordsAt matches a position named in a message. It is compiled on first
// use, by a syntax error in a recorded body, not by every run's start.
var wordsAt = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`line (\d+), column (\d+)`) })

// relocateText rewrites the positions a syntax message names in words
// ("the object opened at line 1, column 5") from the body's to the
// recording's.
func (c *check) relocateText(msg string) string {
	if c.body == nil || c.body.it.Inline || c.body.lines == nil {
		return msg
	}
	re := wordsAt()
	return re.ReplaceAllStringFunc(msg, func(s string) string {
		m := re.FindStringSubmatch(s)
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		if line < 1 || line > len(c.body.lines) {
			return s
		}
		off := c.body.lines[line-1]
		body := c.body.it.Body
		for k := 1; k < col && off < int64(len(body)); k++ {
			_, size := utf8.DecodeRune(body[off:])
			off += int64(size)
		}
		p := c.where(jsonpos.Pos{Offset: off})
		return fmt.Sprintf("line %d, column %d", p.Line, p.Column)
	})
}

func lineStarts(b []byte) []int64 {
	out := []int64{0}
	for i, ch := range b {
		if ch == '\n' {
			out = append(out, int64(i+1))
		}
	}
	return out
}

// ours decides whether a recorded response is vppvalidate's to check
// (see route). It is ours when the request went to Graph, the response is
// a success with a JSON body, and the request URL (or the body's own
// @odata.context) leads into the VPP model. A JSON success without the
// body the recording should have kept is not ours, with a gap.
func (v *Validator) ours(it *recording.Interaction) route {
	if !v.toGraph(it) {
		return route{}
	}
	if it.Status != 0 && (it.Status < 200 || it.Status > 299) {
		return route{}
	}
	ct := strings.ToLower(it.ContentType)
	if ct != "" && !strings.Contains(ct, "json") {
		return route{}
	}
	// A body that could not be taken out is reported when it says it is
	// JSON, or says nothing: it may be.
	if it.Problem != "" {
		return route{implied: map[string]*model.Context{}}
	}
	body := bytes.TrimSpace(it.Body)
	if !it.HasBody || len(body) == 0 {
		// A 204, or the answer to a HEAD, has no body (RFC 9110,
		// sections 15.3.5 and 9.3.2).
		if ct != "" && it.Status != 204 && !strings.EqualFold(it.Method, "HEAD") {
			if ctx := model.ParseURL(it.URL, v.version); ctx.InModel() || ctx.Batch {
				return route{gap: fmt.Sprintf("the response%s says it is JSON, but the recording kept no body for it, so it was not checked; record the call with its response body", statusWords(it.Status))}
			}
		}
		return route{}
	}
	if ct == "" && body[0] != '{' && body[0] != '[' {
		return route{}
	}
	ctx := model.ParseURL(it.URL, v.version)
	switch {
	case ctx.Batch:
		return v.batchRoute(it, ctx.Version)
	case ctx.InModel():
		return route{implied: map[string]*model.Context{"": ctx}}
	}
	// The URL says nothing the model knows; the body may still say it is
	// a VPP payload itself.
	if declaresVPP(it.Body, v.version) {
		return route{implied: map[string]*model.Context{}}
	}
	return route{}
}

// statusWords is " (HTTP 200)" for a recorded status, "" when none was.
func statusWords(status int) string {
	if status == 0 {
		return ""
	}
	return " (HTTP " + strconv.Itoa(status) + ")"
}

// offHostOf is the host (and port) of a request URL, as it writes them;
// "" when it names none.
func offHostOf(rawURL string) string {
	if u, err := url.Parse(rawURL); err == nil {
		return u.Host
	}
	return ""
}

// toGraph tells whether a recorded call's request went to Graph (see
// graphHost); a URL that cannot be parsed did not.
func (v *Validator) toGraph(it *recording.Interaction) bool {
	u, err := url.Parse(it.URL)
	return err == nil && v.graphHost(u)
}

// graphHost tells whether a request goes to Graph: to one of Graph's
// hosts, or to a host (and port) of Options.GraphHosts.
func (v *Validator) graphHost(u *url.URL) bool {
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	for _, h := range GraphHosts {
		if host == h {
			return true
		}
	}
	for _, h := range v.hosts {
		if h.Matches(u) {
			return true
		}
	}
	return false
}

// declaresVPP tells whether a body's own @odata.context leads into the
// model.
func declaresVPP(body []byte, version string) bool {
	doc, err := jsonpos.Parse(body, jsonpos.Options{})
	if err != nil {
		// Not well-formed: with a URL outside the model, not ours.
		return false
	}
	m := doc.Root.Get("@odata.context")
	if m == nil || m.Kind != jsonpos.String {
		return false
	}
	return model.ParseContext(m.Text, version).InModel()
}

// batchRoute types the responses of a JSON batch by the URLs of the
// requests with the same id. A response whose request lies outside the
// model gets a foreign context: its resources are skipped.
func (v *Validator) batchRoute(it *recording.Interaction, version string) route {
	out := map[string]*model.Context{}
	resp, err := jsonpos.Parse(it.Body, jsonpos.Options{})
	if err != nil {
		return route{implied: out} // the syntax error is reported when the body is read
	}
	r := route{implied: out}
	var reqs *jsonpos.Value
	if req, err := jsonpos.Parse(it.Request, jsonpos.Options{}); err == nil {
		reqs = req.Root.Get("requests")
	}
	byID := map[string]*model.Context{}
	if reqs != nil && reqs.Kind == jsonpos.Array {
		for _, r := range reqs.Items {
			id, u := r.Get("id"), r.Get("url")
			if id == nil || id.Kind != jsonpos.String || u == nil || u.Kind != jsonpos.String {
				continue
			}
			ctx := model.ParseURL(u.Text, version)
			if !ctx.InModel() && ctx.Foreign == "" {
				ctx.Foreign = u.Text // cannot be followed: not checked
			}
			byID[id.Text] = ctx
		}
	}
	// A response that no request types, by its id, is not checked rather
	// than guessed at (it may be /me, or any other Graph resource), unless
	// it carries an @odata.context of its own; that is said, once.
	unknown := &model.Context{Foreign: "a request the recording does not hold"}
	untied := 0
	if rs := resp.Root.Get("responses"); rs != nil && rs.Kind == jsonpos.Array {
		r.ids = make([]string, len(rs.Items))
		for i, res := range rs.Items {
			ptr := "/responses/" + strconv.Itoa(i) + "/body"
			id := res.Get("id")
			named := id != nil && id.Kind == jsonpos.String
			if named {
				r.ids[i] = id.Text
			}
			if ctx := byID[r.ids[i]]; named && ctx != nil {
				out[ptr] = ctx
				if !ctx.InModel() {
					r.skipped++ // another Graph resource (/me, say): not checked
				}
				continue
			}
			if b := res.Get("body"); b != nil && (b.Kind == jsonpos.Object || b.Kind == jsonpos.Array) && b.Member("@odata.context") == nil {
				out[ptr] = unknown
				untied++
			}
		}
	}
	if untied == 0 {
		return r
	}
	why := "some of its responses match no recorded request by id"
	switch {
	case len(bytes.TrimSpace(it.Request)) == 0:
		why = "the $batch request body was not recorded, so its responses cannot be tied to their requests"
	case reqs == nil || reqs.Kind != jsonpos.Array:
		why = "the $batch request body is not a JSON batch request ({\"requests\": [...]}), so its responses cannot be tied to their requests"
	}
	r.gap = fmt.Sprintf("%s; %d responses without an @odata.context of their own were not checked", why, untied)
	if untied == 1 {
		r.gap = why + "; 1 response without an @odata.context of its own was not checked"
	}
	return r
}

// clipURL shortens a URL for a message: its query is cut first, then its
// middle.
func clipURL(s string) string {
	const most = 120
	if len(s) <= most {
		return s
	}
	if i := strings.IndexByte(s, '?'); i >= 0 && i <= most {
		s = s[:i] + "?…"
		if len(s) <= most+4 {
			return s
		}
	}
	return s[:most/2] + "…" + s[len(s)-most/2:]
}
