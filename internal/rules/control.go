package rules

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
)

// ControlProblem judges a member of control information (OData JSON
// Format 4.01, section 4.5) by its name and value: want and hint word
// what was expected and, past its kind, what is wrong; ok is true when
// the value is right or the name is not one judged here. Judged are the
// counts, "@odata.count" and "prop@odata.count", which are non-negative
// integers within Edm.Int64, written as strings only under
// IEEE754Compatible=true (int64Strings; section 3.2); the links and the
// entity's own control information, "@odata.nextLink",
// "@odata.deltaLink", "prop@odata.navigationLink", "@odata.etag",
// "@odata.editLink" and the others of sections 4.5.8 to 4.5.13, which are
// strings; and "@odata.id", a string, or null for a transient entity
// (section 4.5.8). "@odata.type" and "@odata.context" are left to the
// checks that read them.
func ControlProblem(name string, v Value, int64Strings bool) (want, hint string, ok bool) {
	at := strings.LastIndex(name, "@odata.")
	if at < 0 {
		return "", "", true
	}
	switch term := name[at+len("@odata."):]; term {
	case "count":
		kind := jsonpos.Number
		want = "a non-negative integer (Edm.Int64)"
		if int64Strings {
			kind, want = jsonpos.String, "a non-negative integer in a string (Edm.Int64 under IEEE754Compatible=true)"
		}
		if v.Kind == kind && isCount(v.Text) {
			return "", "", true
		}
		if v.Kind == jsonpos.Number || v.Kind == jsonpos.String {
			hint = countHint(v.Text)
		}
		if !int64Strings && v.Kind == jsonpos.String && isCount(v.Text) {
			hint = "; a count is a string only in a response whose content type says IEEE754Compatible=true"
		}
		return want, hint, false
	case "id":
		if at == 0 && (v.Kind == jsonpos.String || v.Kind == jsonpos.Null) {
			return "", "", true
		}
		return "a string (an IRI), or null for a transient entity", "", at != 0
	case "nextLink", "deltaLink", "navigationLink", "associationLink", "etag",
		"editLink", "readLink", "mediaEditLink", "mediaReadLink", "mediaContentType", "mediaEtag":
		if v.Kind == jsonpos.String {
			return "", "", true
		}
		if term == "etag" || term == "mediaEtag" || term == "mediaContentType" {
			return "a string", "", false
		}
		return "a URL string", "", false
	}
	return "", "", true
}

// DescribeValue words a value for a message: "the string \"x\"", "the
// number 5", "null", "an object".
func DescribeValue(v Value) string {
	switch v.Kind {
	case jsonpos.String:
		return "the string " + strconv.Quote(finding.Clip(v.Text))
	case jsonpos.Number:
		return "the number " + finding.Clip(v.Text)
	case jsonpos.Null:
		return "null"
	case jsonpos.Array:
		return "an array"
	case jsonpos.Object:
		return "an object"
	}
	return "a boolean"
}

// controlInformation reports the members of a resource that are control
// information of the wrong JSON type (ControlProblem): a navigation
// property's count or next link, the entity's etag or id.
func controlInformation(r *Resource, report Report) {
	for i := range r.names {
		if r.props[i] != nil || !strings.Contains(r.names[i], "@odata.") || !r.last(i) {
			continue
		}
		name, v := r.names[i], &r.values[i]
		want, hint, ok := ControlProblem(name, *v, r.Int64Strings)
		if ok {
			continue
		}
		r.say(report, Type, v.Pos, name, func() string {
			return fmt.Sprintf("%s: expected %s, found %s%s", name, want, DescribeValue(*v), hint)
		})
	}
}

// countHint says what is wrong with a count written as text (a JSON
// number, or a string's content): "" when nothing more than its kind is.
func countHint(text string) string {
	digits := strings.TrimLeft(strings.TrimPrefix(text, "-"), "0123456789")
	switch {
	case text == "" || strings.TrimSpace(text) != text:
	case strings.HasPrefix(text, "-") && digits == "":
		return "; a count is never negative"
	case digits == "" && len(text) > 1 && text[0] == '0':
		return "; a count has no leading zeros"
	case digits == "":
		if !isCount(text) {
			return fmt.Sprintf("; that is more than Edm.Int64 holds (at most %d)", int64(math.MaxInt64))
		}
	case strings.ContainsAny(digits[:1], ".eE"):
		return "; a count is written in digits alone, without a fraction or an exponent"
	}
	return ""
}

// isCount tells whether a number is written as a count: digits alone,
// and within Edm.Int64.
func isCount(text string) bool {
	if text == "" || len(text) > 1 && text[0] == '0' {
		return false
	}
	for _, c := range text {
		if c < '0' || c > '9' {
			return false
		}
	}
	_, err := strconv.ParseInt(text, 10, 64)
	return err == nil
}
