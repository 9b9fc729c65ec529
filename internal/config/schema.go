package config

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/rules"
	"github.com/vppvalidate/vppvalidate/internal/suggest"
	"github.com/vppvalidate/vppvalidate/schemas"
)

// compiledSchema returns the project file's JSON Schema, the one account
// of what the file may hold, compiled by jsonschema/v5 on first use. It
// fails only when the embedded schema is broken, which the tests catch.
var compiledSchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	own, _ := schemas.LookupOwn("config")
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.LoadURL = schemas.LoadOwn
	compiled, err := c.Compile(own.ID())
	if err != nil {
		return nil, fmt.Errorf("the embedded config schema: %v", err)
	}
	return compiled, nil
})

// schema is the project file's JSON Schema read as a tree, to word what
// v5 decided.
type schema struct {
	// doc is the schema document with its members in the file's order,
	// so that lists of known keys read as the schema writes them.
	doc *jsonpos.Value
	// rule is the $defs entry that lists the rule catalogue; a rule ID
	// it does not hold is worded as --severity and --disable word it.
	rule *jsonpos.Value
}

// ruleDef is where the config schema lists the rule catalogue.
const ruleDef = "/$defs/rule"

// configSchema returns the schema's tree, read only when a file has a
// mistake to word.
var configSchema = sync.OnceValues(func() (*schema, error) {
	own, _ := schemas.LookupOwn("config")
	src, err := own.Bytes()
	if err != nil {
		return nil, err
	}
	doc, err := jsonpos.Parse(src, jsonpos.Options{})
	if err != nil {
		return nil, fmt.Errorf("the embedded config schema: %v", err)
	}
	rule, _, _ := jsonpos.Resolve(doc.Root, jsonpos.SplitPointer(ruleDef))
	return &schema{doc: doc.Root, rule: rule}, nil
})

// check validates the project file's root value against the schema and
// returns its mistakes in reading order, each located, or nil: one
// *Error, or several joined (errors.Join), so that one edit can fix them
// all.
func (r reader) check(root *jsonpos.Value) error {
	compiled, err := compiledSchema()
	if err != nil {
		return &Error{Path: r.path, Msg: err.Error()}
	}
	err = compiled.Validate(jsonpos.ToAny(root))
	if err == nil {
		return nil
	}
	s, serr := configSchema()
	if serr != nil {
		return &Error{Path: r.path, Msg: serr.Error()}
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return &Error{Path: r.path, Msg: err.Error()}
	}
	// Only the leaves say what is wrong; the nodes above them say which
	// schema led there. v5 visits members in map order, so the leaves are
	// ordered here: by place in the file, then by keyword location. Where
	// two leaves word the same mistake at the same place (the branches of
	// a oneOf, say), it is said once.
	type leaf struct {
		offset  int64
		keyword string
		err     *Error
	}
	var leaves []leaf
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		for _, c := range e.Causes {
			walk(c)
		}
		if len(e.Causes) > 0 {
			return
		}
		at, msg := s.explain(root, e)
		leaves = append(leaves, leaf{at.Offset, e.KeywordLocation, r.fail(at, msg).(*Error)})
	}
	walk(ve)
	slices.SortStableFunc(leaves, func(a, b leaf) int {
		return cmp.Or(cmp.Compare(a.offset, b.offset), strings.Compare(a.keyword, b.keyword))
	})
	var errs []error
	for i, l := range leaves {
		if i > 0 && *l.err == *leaves[i-1].err {
			continue
		}
		errs = append(errs, l.err)
	}
	return joined(errs)
}

// explain words one leaf of v5's error tree: where in the file it is and
// what was expected there, from the schema's own keywords (titles, types,
// enumerations, examples), never from the validator's text. Messages
// start with the member they are about, or, for a value the schema gives
// a title, with that ("a severity must be ...").
func (s *schema) explain(root *jsonpos.Value, e *jsonschema.ValidationError) (jsonpos.Pos, string) {
	tokens := jsonpos.SplitURIPointer(e.InstanceLocation)
	v, m, ok := jsonpos.Resolve(root, tokens)
	if !ok { // cannot happen for the instance v5 was given; keep the error
		v, m, tokens = root, nil, nil
	}
	path := jsonpos.SplitURIPointer(e.KeywordLocation)
	if len(path) == 0 {
		return v.Pos, "does not match the schema"
	}
	keyword := path[len(path)-1]
	chain, isName := s.walk(path[:len(path)-1])
	at := v.Pos
	if isName && m != nil {
		at = m.NamePos
	}
	// A member is named by its name, as the file writes it; an item of an
	// array without a title by its path.
	name := strings.Join(tokens, "/")
	if len(tokens) > 0 {
		if parent, _, _ := jsonpos.Resolve(root, tokens[:len(tokens)-1]); parent.Kind == jsonpos.Object {
			name = tokens[len(tokens)-1]
		}
	}
	subject := name
	if t := title(chain); t != "" {
		subject = finding.Article(t)
	}
	if len(tokens) == 0 {
		name, subject = "the file", "the file"
	}
	switch {
	case len(tokens) == 0 && keyword == "type":
		return at, "the file must hold one JSON object"

	case keyword == "enum" && (isName || v.Kind == jsonpos.String):
		got := v.Text
		if isName && m != nil {
			got = m.Name
		}
		if slices.Contains(chain, s.rule) {
			return at, rules.UnknownError(got).Error()
		}
		var known []string
		for _, it := range get(chain, "enum").Items {
			known = append(known, it.Text)
		}
		if t := title(chain); t != "" {
			return at, suggest.Unknown(t, got, "", known)
		}
		return at, name + ": " + suggest.Unknown("value", got, "", known)

	case keyword == "type" || keyword == "enum" || keyword == "minLength" || keyword == "minItems":
		return at, subject + " must be " + s.phrase(chain)

	case keyword == "required":
		for _, want := range get(chain, "required").Items {
			if v.Member(want.Text) == nil {
				prop := get(chain, "properties").Get(want.Text)
				return at, fmt.Sprintf("%s needs %q, %s", subject, want.Text, s.phrase(s.follow(prop)))
			}
		}

	case keyword == "additionalProperties":
		var known []string
		for _, p := range get(chain, "properties").Members {
			known = append(known, p.Name)
		}
		where := ""
		if len(tokens) > 0 {
			where = " in " + subject
		}
		for _, mem := range v.Members {
			if !slices.Contains(known, mem.Name) {
				return mem.NamePos, suggest.Unknown("key", mem.Name, where, known)
			}
		}
	}
	return at, fmt.Sprintf("%s does not match the schema (keyword %s)", name, keyword)
}

// walk follows a keyword location (without its keyword) through the
// schema document. It returns the schemas that apply to the instance the
// location ends at, outermost first, with the $ref targets that apply
// along with them, and whether that instance is a member name
// (propertyNames) rather than a value.
func (s *schema) walk(path []string) (chain []*jsonpos.Value, isName bool) {
	cur := s.doc
	chain = []*jsonpos.Value{cur}
	for i := 0; i < len(path) && cur != nil; i++ {
		switch tok := path[i]; tok {
		case "$ref":
			cur = s.ref(cur)
			chain = append(chain, cur)
		case "properties", "patternProperties":
			// A schema for a member's value: a new instance.
			if i+1 < len(path) {
				i++
				cur = cur.Get(tok).Get(path[i])
				chain, isName = []*jsonpos.Value{cur}, false
			}
		case "items", "additionalProperties", "propertyNames":
			cur = cur.Get(tok)
			chain, isName = []*jsonpos.Value{cur}, tok == "propertyNames"
		default:
			next, _, _ := jsonpos.Resolve(cur, []string{tok})
			cur = next
			chain = append(chain, cur)
		}
	}
	if cur == nil {
		return nil, isName
	}
	return append(chain[:len(chain)-1], s.follow(cur)...), isName
}

// follow returns v and the schemas its $ref leads to, in order.
func (s *schema) follow(v *jsonpos.Value) []*jsonpos.Value {
	var out []*jsonpos.Value
	for v != nil && len(out) < 8 { // the schema's refs do not loop; bound it anyway
		out = append(out, v)
		v = s.ref(v)
	}
	return out
}

// ref returns the schema v's $ref points at within the document, or nil.
func (s *schema) ref(v *jsonpos.Value) *jsonpos.Value {
	r := v.Get("$ref")
	if r == nil || r.Kind != jsonpos.String {
		return nil
	}
	ptr, ok := strings.CutPrefix(r.Text, "#")
	if !ok {
		return nil
	}
	target, _, _ := jsonpos.Resolve(s.doc, jsonpos.SplitURIPointer(ptr))
	return target
}

// get returns keyword's value in the first schema of chain that has it.
func get(chain []*jsonpos.Value, keyword string) *jsonpos.Value {
	for _, v := range chain {
		if k := v.Get(keyword); k != nil {
			return k
		}
	}
	return nil
}

// title is what chain calls one value ("rule", "override"), or "".
func title(chain []*jsonpos.Value) string {
	if t := get(chain, "title"); t != nil {
		return t.Text
	}
	return ""
}

// phrase words what chain accepts, for "X must be ...": the values of an
// enumeration, or the type ("a non-empty array of path patterns"), then
// the first example.
func (s *schema) phrase(chain []*jsonpos.Value) string {
	var p string
	// A short enumeration is named in full; a long one, such as the rule
	// IDs, is named in the message about an unknown value instead.
	if enum := get(chain, "enum"); enum != nil && len(enum.Items) > 0 && len(enum.Items) <= maxListed {
		quoted := make([]string, len(enum.Items))
		for i, it := range enum.Items {
			quoted[i] = render(it)
		}
		return orList(quoted)
	}
	switch typ := get(chain, "type"); {
	case typ == nil:
		p = "a JSON value"
	case typ.Text == "boolean":
		return "true or false"
	case typ.Text == "object":
		p = "an object"
	case typ.Text == "string":
		p = "a string"
		if n := get(chain, "minLength"); n != nil && n.Text != "0" {
			p = "a non-empty string"
		}
	case typ.Text == "array":
		p = "an array"
		if n := get(chain, "minItems"); n != nil && n.Text != "0" {
			p = "a non-empty array"
		}
		if t := title(s.follow(get(chain, "items"))); t != "" {
			p += " of " + t + "s"
		}
	default:
		p = "a " + typ.Text
	}
	if ex := get(chain, "examples"); ex != nil && len(ex.Items) > 0 {
		p += " such as " + render(ex.Items[0])
	}
	return p
}

// maxListed is how many values of an enumeration "must be" lists.
const maxListed = 6

// render writes a value of the schema as messages quote it: JSON, with a
// space after each comma and colon.
func render(v *jsonpos.Value) string {
	switch v.Kind {
	case jsonpos.String:
		return quoteJSON(v.Text)
	case jsonpos.Array:
		parts := make([]string, len(v.Items))
		for i, it := range v.Items {
			parts[i] = render(it)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case jsonpos.Object:
		parts := make([]string, len(v.Members))
		for i, m := range v.Members {
			parts[i] = quoteJSON(m.Name) + ": " + render(m.Value)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case jsonpos.Bool:
		return strconv.FormatBool(v.Bool)
	case jsonpos.Null:
		return "null"
	}
	return v.Text
}

// quoteJSON writes s as a JSON string.
func quoteJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// orList joins words as `a, b or c`.
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
