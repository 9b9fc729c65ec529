package validate

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/payload"
	"github.com/vppvalidate/vppvalidate/internal/rfc3339"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// schemaErrors turns a jsonschema/v5 error tree into findings. Only the
// leaves say what is wrong; the inner nodes only say which schema led
// there. Each leaf is mapped by its keyword to a rule, and its message is
// written from the instance and from the schema keyword's value, never
// from the validator's own text.
func (c *check) schemaErrors(r payload.Resource, t *Type, err error) {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		c.report(rules.Type, r.Value.Pos, r.Pointer, "the resource could not be checked: "+err.Error())
		return
	}
	for _, leaf := range leaves(r.Value, ve) {
		c.leaf(r, t, leaf)
	}
}

// keywordOf is the keyword whose failure a jsonschema/v5 error reports,
// the last step of its keyword location ("enum").
func keywordOf(e *jsonschema.ValidationError) string {
	return e.KeywordLocation[strings.LastIndexByte(e.KeywordLocation, '/')+1:]
}

// leaves returns the leaves of a jsonschema/v5 error tree about the value
// root, in document order.
func leaves(root *jsonpos.Value, ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	var leaves []*jsonschema.ValidationError
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			leaves = append(leaves, e)
			return
		}
		for _, ce := range e.Causes {
			walk(ce)
		}
	}
	walk(ve)
	// v5 walks objects in map order; report in document order, so that
	// the output, and which findings a --max-findings limit lists, is the
	// same every run.
	offsets := make(map[*jsonschema.ValidationError]int64, len(leaves))
	for _, e := range leaves {
		offsets[e] = root.Pos.Offset
		if v, _, ok := jsonpos.Resolve(root, instanceTokens(e.InstanceLocation)); ok {
			offsets[e] = v.Pos.Offset
		}
	}
	slices.SortStableFunc(leaves, func(a, b *jsonschema.ValidationError) int {
		return cmp.Or(cmp.Compare(offsets[a], offsets[b]), cmp.Compare(a.KeywordLocation, b.KeywordLocation))
	})
	return leaves
}

func (c *check) leaf(r payload.Resource, t *Type, e *jsonschema.ValidationError) {
	tokens := instanceTokens(e.InstanceLocation)
	v, m, ok := jsonpos.Resolve(r.Value, tokens)
	if !ok {
		// Cannot happen for errors about the instance we passed in; keep
		// the finding rather than lose it.
		v, m, tokens = r.Value, nil, nil
	}
	ptr := r.Pointer
	for _, tok := range tokens {
		ptr += "/" + jsonpos.EscapeToken(tok)
	}
	keyword := keywordOf(e)
	if (keyword == "unevaluatedProperties" || keyword == "additionalProperties") && len(tokens) == 1 && t.documents(tokens[0]) {
		// JSON Schema drops what a failing subschema evaluated, so an
		// error in an inherited property makes every inherited property
		// look unevaluated. Those are documented, not unknown, and not
		// wrong; the real error is reported on its own.
		return
	}
	if len(tokens) > 0 {
		c.invalid.add(tokens[0])
	}
	switch keyword {
	case "unevaluatedProperties", "additionalProperties":
		at := v.Pos
		if m != nil {
			at = m.NamePos
		}
		c.unknownProperty(t, tokens[len(tokens)-1], at, ptr)

	case "required":
		required, _ := t.owner.keyword(e.AbsoluteKeywordLocation).([]any)
		for _, p := range required {
			if p, _ := p.(string); v.Member(p) == nil {
				c.missingProperty(t, p, v.Pos, ptr, len(tokens) == 0)
			}
		}

	default:
		c.valueFinding(t, keyword, e.AbsoluteKeywordLocation, strings.Join(tokens, "/"), scalarOf(v), ptr)
	}
}

// valueFinding reports what the failed keyword of a type t schema, found
// at the absolute keyword location loc, says of a value: the property
// path name ("" for the resource itself), the value (its position, kind
// and text) and its pointer ptr. Both the findings v5's errors give
// (leaf) and those the fast check proves without v5 (flatFindings,
// resource) are written here, from the keyword and the schema alone,
// never from the validator's own text.
func (c *check) valueFinding(t *Type, keyword, loc, name string, v rules.Value, ptr string) {
	rule, _ := valueMessage(t.owner, keyword, loc, name, v, false)
	switch {
	case rule == "":
	case c.pastLimit():
		// Past the limit the message would never be read: spare the
		// suggestion search.
		c.emit(rule, v.Pos, ptr, "", true)
	default:
		// A systemic mistake repeats the same value at the same property:
		// word it once per check, like unknownProperty.
		key := valueKey{keyword, loc, name, v.Kind, v.Text}
		msg, ok := c.valueMsgs[key]
		if !ok {
			_, msg = valueMessage(t.owner, keyword, loc, name, v, true)
			if c.valueMsgs == nil {
				c.valueMsgs = make(map[valueKey]string)
			}
			if len(c.valueMsgs) < maxKeptMsgs {
				// The name and text may look into the reader's buffer.
				key.name, key.text = strings.Clone(name), strings.Clone(v.Text)
				c.valueMsgs[key] = msg
			}
		}
		c.report(rule, v.Pos, ptr, msg)
	}
}

// valueMessage decides the rule of a failed keyword's finding, "" for
// none, and words its message when words is set (see valueFinding).
func valueMessage(s *Schemas, keyword, loc, name string, v rules.Value, words bool) (rule, msg string) {
	isODataType := name == "@odata.type"
	// Messages start with the property they are about; a message about
	// the resource itself needs no prefix.
	prefix := ""
	if name == "" {
		name = "the resource"
	} else if words {
		prefix = name + ": "
	}

	switch keyword {
	case "type":
		if isODataType {
			return "", "" // reported by resolve
		}
		if !words {
			return rules.Type, ""
		}
		want := typePhrase(s.keyword(loc))
		if label := s.label(loc); label != "" {
			want += " (" + label + ")"
		}
		found := describeScalar(v)
		switch {
		case v.Kind == jsonpos.Null:
			found = "null, which is not allowed here"
		case v.Kind == jsonpos.Number && strings.Contains(typePhrase(s.keyword(loc)), "integer"):
			found = "the non-integer number " + clip(v.Text)
		}
		return rules.Type, prefix + "expected " + want + ", found " + found

	case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
		if !words {
			return rules.Int32Range, ""
		}
		lo, hi := s.keyword(sibling(loc, "minimum")), s.keyword(sibling(loc, "maximum"))
		return rules.Int32Range, fmt.Sprintf("%s%s is outside the %s range %v..%v", prefix, clip(v.Text), orDefault(s.label(loc), "allowed"), lo, hi)

	case "enum", "const":
		if !words {
			return rules.Enum, ""
		}
		label := s.label(loc)
		allowed := s.keyword(loc)
		var names []string
		list, ok := allowed.([]any)
		if !ok {
			list = []any{allowed}
		}
		for _, a := range list {
			if a != nil {
				names = append(names, fmt.Sprint(a))
			}
		}
		msg := fmt.Sprintf("%s%s is not a documented %s value%s; expected one of %s",
			prefix, describeScalar(v), orDefault(label, "allowed"), inVersion(s.Version), quoteList(names))
		if slices.Contains(list, nil) {
			msg += " or null"
		}
		if v.Kind == jsonpos.String {
			if other := model.OtherVersion(s.Version, func(m *model.Model) bool {
				e := m.Type(label)
				return e != nil && slices.Contains(e.Members, v.Text)
			}); other != "" {
				msg += fmt.Sprintf(" (Graph %s has it)", other)
			} else if guess := closest(v.Text, names); guess != "" {
				msg += fmt.Sprintf("; did you mean %q?", guess)
			}
		}
		return rules.Enum, msg

	case "format", "pattern":
		if isODataType {
			return "", "" // reported by resolve
		}
		if keyword == "pattern" && s.keyword(sibling(loc, "format")) == "date-time" {
			// The pattern repeats the date-time format's shape for other
			// validators; whenever it fails, the format has failed too.
			return "", ""
		}
		label := s.label(loc)
		if enum := s.Model.Type(label); enum != nil && enum.Kind == model.Enum {
			if !words {
				return rules.Enum, ""
			}
			msg := fmt.Sprintf("%s%s is not a documented %s value%s; a flags enum holds members joined by commas: %s",
				prefix, describeScalar(v), label, inVersion(s.Version), quoteList(enum.Members))
			if guess := closestFlags(v, enum.Members); guess != "" {
				msg += fmt.Sprintf("; did you mean %q?", guess)
			}
			return rules.Enum, msg
		}
		if label == "Binary" {
			if !words {
				return rules.Type, ""
			}
			return rules.Type, fmt.Sprintf("%s%s is not base64 text (Edm.Binary): expected the standard or the URL-safe alphabet, with = padding at most at the end and a last character that sets no bit past the data (\"YQ==\", not \"YR==\")", prefix, quote(v.Text))
		}
		if !words {
			return rules.DateTime, ""
		}
		why := rfc3339.Problem(v.Text)
		if why == "" {
			why = "expected YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)"
		}
		return rules.DateTime, prefix + quote(v.Text) + " is not a valid " + orDefault(label, "date-time") + ": " + why
	}
	if !words {
		return rules.Type, ""
	}
	return rules.Type, fmt.Sprintf("%s does not match the schema (keyword %s)", name, keyword)
}

// valueKey is what a value finding's message is written from.
type valueKey struct {
	keyword, loc, name string
	kind               jsonpos.Kind
	text               string
}

// closestFlags suggests a flags enum value for a string that is not one:
// each of its comma-separated parts that is not a member replaced by the
// closest member, or "" when a part has none close enough or nothing
// would change.
func closestFlags(v rules.Value, members []string) string {
	if v.Kind != jsonpos.String {
		return ""
	}
	parts := strings.Split(v.Text, ",")
	changed := false
	for i, p := range parts {
		if slices.Contains(members, p) {
			continue
		}
		guess := strings.TrimSpace(p)
		if !slices.Contains(members, guess) {
			guess = closest(guess, members)
		}
		if guess == "" {
			return ""
		}
		parts[i], changed = guess, true
	}
	if !changed {
		return ""
	}
	return strings.Join(parts, ",")
}

// unknownProperty reports a member that type t does not document.
// missingProperty reports that an object of type t at ptr lacks the
// property p, which its schema requires. A resource (not a value nested
// in it) whose context has a select list is expected to have only the
// properties the list names.
func (c *check) missingProperty(t *Type, p string, at jsonpos.Pos, ptr string, resource bool) {
	if resource && !c.ctx.Selected(p) {
		return
	}
	if c.pastLimit() {
		c.emit(rules.MissingProperty, at, ptr, "", true) // counted, never read
		return
	}
	key := propMsgKey{t, p, missingMsg}
	if c.ctx != nil && c.ctx.Select != nil {
		key.kind = missingSelectedMsg
		if c.ctx.Request {
			key.kind = missingRequestedMsg
		}
	}
	msg := c.propMessage(key, func() string {
		msg := fmt.Sprintf("missing property %q: %s documents it%s", p, t.Name, inVersion(t.owner.Version))
		switch key.kind {
		case missingSelectedMsg:
			msg += ", and the select list of @odata.context names it"
		case missingRequestedMsg:
			msg += ", and the request's $select names it"
		}
		return msg
	})
	c.report(rules.MissingProperty, at, ptr, msg)
}

func (c *check) unknownProperty(t *Type, prop string, at jsonpos.Pos, ptr string) {
	if c.pastLimit() {
		// Past the limit the message would never be read: spare the
		// suggestion search.
		c.emit(rules.UnknownProperty, at, ptr, "", true)
		return
	}
	msg := c.propMessage(propMsgKey{t, prop, unknownMsg}, func() string { return unknownMessage(t, prop) })
	c.emit(rules.UnknownProperty, at, ptr, msg, true)
}

// propMessage gives the message of a finding about property key.prop of
// type key.t, worded by word the first time the check asks: a systemic
// mistake repeats the same finding in every resource, and wording it
// (the suggestion search above all) costs more than the rest of it.
func (c *check) propMessage(key propMsgKey, word func() string) string {
	// The last few messages are looked for first, without hashing: a
	// systemic mistake is a handful of findings in every resource.
	for i := range c.propRecent {
		if r := &c.propRecent[i]; r.key == key {
			return r.msg
		}
	}
	kept, ok := c.propMsgs[key]
	if !ok {
		kept = propMsg{key, word()}
		if c.propMsgs == nil {
			c.propMsgs = make(map[propMsgKey]propMsg)
		}
		if len(c.propMsgs) >= maxKeptMsgs {
			return kept.msg
		}
		// The name may look into the reader's buffer (the flat view's
		// names do): a key kept must own its bytes.
		kept.key.prop = strings.Clone(key.prop)
		c.propMsgs[kept.key] = kept
	}
	c.propRecent[c.propNext%len(c.propRecent)] = kept
	c.propNext++
	return kept.msg
}

// propMsgKey names a finding about a property of a type, whose message is
// the same wherever it occurs.
type propMsgKey struct {
	t    *Type
	prop string
	kind propMsgKind
}

// propMsg is a message kept by propMessage, with its key.
type propMsg struct {
	key propMsgKey
	msg string
}

// propMsgKind is the finding a propMsgKey names.
type propMsgKind uint8

const (
	unknownMsg          propMsgKind = iota // unknown-property
	missingMsg                             // missing-property
	missingSelectedMsg                     // missing-property, named by the select list
	missingRequestedMsg                    // missing-property, named by the request's $select
)

// maxKeptMsgs bounds the messages of each kind a check keeps (propMsgs,
// valueMsgs): a collection with one systemic mistake needs a handful,
// and one whose every member name is new must not grow a map with it.
const maxKeptMsgs = 1024

// unknownMessage says that t has no property prop, with what may have
// been meant: the other API version's, a near name, or a derived type's.
// The suggestion search costs more than the rest of a finding, so a check
// words each (type, property) once.
func unknownMessage(t *Type, prop string) string {
	msg := fmt.Sprintf("unknown property %q: %s has no such property%s", finding.Clip(prop), t.Name, inVersion(t.owner.Version))
	if other := model.OtherVersion(t.owner.Version, func(m *model.Model) bool { return m.Type(t.Name).Property(prop) != nil }); other != "" {
		msg = fmt.Sprintf("unknown property %q: it is not in Graph %s's %s; %s has it, so the capture may come from the other endpoint (@odata.context, or else --graph-version, says which version a payload is checked against)", finding.Clip(prop), t.owner.Version, t.Name, other)
	} else if guess := closest(prop, t.Model.PropertyNames()); guess != "" {
		msg += fmt.Sprintf("; did you mean %q?", guess)
	} else if other := t.owner.declaring(prop, t); other != nil {
		msg += fmt.Sprintf(" (%s has; is @odata.type right?)", other.Name)
	}
	return msg
}

// instanceTokens splits a jsonschema/v5 instance location into reference
// tokens.
func instanceTokens(loc string) []string { return jsonpos.SplitURIPointer(loc) }

// sibling replaces the last keyword of an absolute keyword location.
func sibling(loc, keyword string) string {
	return loc[:strings.LastIndexByte(loc, '/')+1] + keyword
}

// label names the model type a keyword belongs to: "Int32" for
// edm.json#/$defs/Int32/maximum, "actionState" for actionState.json#/enum,
// or "" for an anonymous subschema; once per location, as keyword.
func (s *Schemas) label(loc string) string {
	return s.labels.get(loc, strings.Clone, func() string { return s.labelAt(loc) })
}

// labelAt is label, worked out.
func (s *Schemas) labelAt(loc string) string {
	file, frag, _ := strings.Cut(loc, "#")
	if _, def, ok := strings.Cut(frag, "/$defs/"); ok {
		name, rest, _ := strings.Cut(def, "/")
		switch {
		case name == "nullable": // an enum's nullable form
			if title, ok := s.keyword(file + "#/title").(string); ok {
				return title
			}
		case name != "members":
			return name
		case strings.HasPrefix(rest, "properties/"):
			// A keyword of a property schema that refers to a named type
			// (edm.json#/$defs/Int32, an enum) is labelled by that type.
			if ref, ok := s.keyword(sibling(loc, "$ref")).(string); ok {
				refFile, refFrag, _ := strings.Cut(ref, "#")
				if _, def, ok := strings.Cut(refFrag, "/$defs/"); ok && def != "nullable" {
					return def
				}
				return strings.TrimSuffix(refFile, ".json")
			}
		}
		return ""
	}
	if strings.Count(frag, "/") <= 1 {
		if title, ok := s.keyword(file + "#/title").(string); ok {
			return title
		}
	}
	return ""
}

// inVersion names a version in a message, where it matters: for any but
// the default, which most payloads are.
func inVersion(version string) string {
	if version == model.DefaultVersion {
		return ""
	}
	return " in Graph " + version
}

// declaring returns a type that documents prop, or nil: one derived from
// near if there is one (near may be nil), else the one whose name ends
// most like near's, the first by name among equals: a
// vppTokenRevokeLicensesActionResult with userId is pointed to
// iosVppAppRevokeLicensesActionResult, not to the first type by name
// that has a userId.
func (s *Schemas) declaring(prop string, near *Type) *Type {
	if near != nil {
		for _, d := range near.Model.Family() {
			if d.Property(prop) != nil {
				return s.typeOf(d)
			}
		}
	}
	var best *Type
	bestSuffix := -1
	for _, t := range s.types {
		if !t.documents(prop) {
			continue
		}
		suffix := 0
		if near != nil {
			suffix = commonSuffix(t.Name, near.Name)
		}
		if suffix > bestSuffix {
			best, bestSuffix = t, suffix
		}
	}
	return best
}

// commonSuffix is the length in bytes of the longest suffix a and b share.
func commonSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

func typePhrase(kw any) string {
	var names []string
	switch k := kw.(type) {
	case string:
		names = []string{k}
	case []any:
		for _, n := range k {
			names = append(names, fmt.Sprint(n))
		}
	}
	for i, n := range names {
		switch n {
		case "null":
		case "integer", "object", "array":
			names[i] = "an " + n
		default:
			names[i] = "a " + n
		}
	}
	return strings.Join(names, " or ")
}

// describeScalar names a value for a message, quoting short scalars.
func describeScalar(v rules.Value) string {
	switch v.Kind {
	case jsonpos.String:
		return "the string " + quote(v.Text)
	case jsonpos.Number:
		return "the number " + clip(v.Text)
	case jsonpos.Bool:
		return "the boolean " + v.Text
	case jsonpos.Null:
		return "null"
	case jsonpos.Array:
		return "an array"
	}
	return "an object"
}

// clip shortens text for a message so that a huge value cannot flood the
// output.
func clip(s string) string { return finding.Clip(s) }

func quote(s string) string { return strconv.Quote(clip(s)) } // as %q quotes

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
