package validate

import (
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/payload"
	"github.com/vppvalidate/vppvalidate/internal/rfc3339"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// fastType proves the common case, a resource without a single mistake,
// valid without jsonschema/v5, which costs microseconds per resource.
// It is compiled from the same embedded schema, understands only the
// keywords those schemas use, and answers "valid" or "not sure"; every
// "not sure" goes to v5, which stays the authority for every finding. A
// differential test and a fuzz target check that it never calls valid what
// v5 rejects.
type fastType struct {
	props map[string]*fastProp
	// required lists the required properties in the order v5's findings
	// name them when they are missing: by the location of their required
	// keyword (the base type's first), then as the keyword lists them.
	// A property required at two levels is listed twice.
	required []string
	// nRequired counts the distinct required properties.
	nRequired int
}

// fastProp is the compiled check of one property's value.
type fastProp struct {
	required bool // the type's schema lists it in required
	kinds    kindSet
	enum     map[string]bool // nil: any string
	enumNull bool            // the enum lists null too
	dateTime bool
	// pattern is compiled from patternText only when it is needed: not
	// for a date-time (the strict check implies the DateTimeOffset
	// pattern), nor when literals stand in for it. Compiling the
	// DateTimeOffset pattern for every timestamp property was a good part
	// of a one-file run's start-up.
	pattern     *regexp.Regexp
	patternText string
	// literals replaces pattern when it only spells out fixed strings
	// (the @odata.type patterns): a comparison costs nothing, a regular
	// expression a good part of a microsecond.
	literals []string
	min, max *int64 // integer bounds
	items    *fastProp
}

type kindSet uint8

const (
	kNull kindSet = 1 << iota
	kBool
	kInteger
	kString
	kArray
	kObject
)

// compileFast builds the fast check of a type from its raw schema, or
// returns an error naming the first construct it does not understand (the
// type is then always checked by v5 alone).
func (s *Schemas) compileFast(name string) (*fastType, error) {
	ft := &fastType{props: map[string]*fastProp{}}
	var required []requiredAt
	if err := s.fastObject(ft, &required, name+".json", "", "", true); err != nil {
		return nil, err
	}
	slices.SortStableFunc(required, func(a, b requiredAt) int { return strings.Compare(a.keyword, b.keyword) })
	for _, r := range required {
		ft.required = append(ft.required, r.name)
	}
	for _, r := range ft.required {
		p := ft.props[r]
		if p == nil {
			return nil, fmt.Errorf("required property %s has no schema", r)
		}
		if !p.required {
			p.required = true
			ft.nRequired++
		}
	}
	return ft, nil
}

// requiredAt is a required property and the keyword location (as v5
// writes it in KeywordLocation) of the required keyword naming it.
type requiredAt struct{ name, keyword string }

// fastObject reads an object schema (the type itself, or its base's
// members through $ref) into ft, and its required properties into
// required. keyword is the schema's keyword location from the type's
// root.
func (s *Schemas) fastObject(ft *fastType, required *[]requiredAt, file, ptr, keyword string, top bool) error {
	m, ok := s.keyword(s.url(file, ptr)).(map[string]any)
	if !ok {
		return fmt.Errorf("%s#%s is not a schema object", file, ptr)
	}
	for k, v := range m {
		switch k {
		case "$schema", "$id", "title", "description", "$comment", "$defs":
		case "type":
			if v != "object" {
				return fmt.Errorf("%s#%s: type %v", file, ptr, v)
			}
		case "$ref":
			rf, rp := splitRef(v.(string), file)
			if err := s.fastObject(ft, required, rf, rp, keyword+"/$ref", false); err != nil {
				return err
			}
		case "required":
			for _, r := range v.([]any) {
				*required = append(*required, requiredAt{r.(string), keyword + "/required"})
			}
		case "properties":
			for name, sub := range v.(map[string]any) {
				p := &fastProp{}
				if err := s.fastValue(p, sub, file); err != nil {
					return fmt.Errorf("property %s: %w", name, err)
				}
				if err := p.typed(); err != nil {
					return fmt.Errorf("property %s: %w", name, err)
				}
				if err := p.compilePatterns(); err != nil {
					return fmt.Errorf("property %s: %w", name, err)
				}
				ft.props[name] = p
			}
		case "patternProperties":
			// Only the annotation rule: names with @, any value.
			pp := v.(map[string]any)
			sub, ok := pp["@"].(map[string]any)
			if len(pp) != 1 || !ok || !onlyNotes(sub) {
				return fmt.Errorf("%s#%s: patternProperties other than {\"@\": {}}", file, ptr)
			}
		case "unevaluatedProperties":
			if v != false || !top {
				return fmt.Errorf("%s#%s: unevaluatedProperties %v", file, ptr, v)
			}
		default:
			return fmt.Errorf("%s#%s: keyword %s", file, ptr, k)
		}
	}
	return nil
}

// fastValue reads a property schema.
func (s *Schemas) fastValue(p *fastProp, schema any, file string) error {
	m, ok := schema.(map[string]any)
	if !ok {
		return fmt.Errorf("not a schema object")
	}
	for k, v := range m {
		switch k {
		case "title", "description", "$comment", "$schema", "$id", "$defs":
		case "$ref":
			rf, rp := splitRef(v.(string), file)
			if err := s.fastValue(p, s.keyword(s.url(rf, rp)), rf); err != nil {
				return err
			}
		case "type":
			names, ok := v.([]any)
			if !ok {
				names = []any{v}
			}
			var set kindSet
			for _, n := range names {
				switch n {
				case "null":
					set |= kNull
				case "boolean":
					set |= kBool
				case "integer":
					set |= kInteger
				case "string":
					set |= kString
				case "array":
					set |= kArray
				case "object":
					set |= kObject
				default:
					return fmt.Errorf("type %v", n)
				}
			}
			if p.kinds != 0 {
				set &= p.kinds // both must hold
			}
			p.kinds = set
		case "enum":
			p.enum = map[string]bool{}
			for _, e := range v.([]any) {
				if e == nil {
					p.enumNull = true
					continue
				}
				str, ok := e.(string)
				if !ok {
					return fmt.Errorf("enum member %v is not a string", e)
				}
				p.enum[str] = true
			}
		case "format":
			if v != "date-time" {
				return fmt.Errorf("format %v", v)
			}
			p.dateTime = true
		case "pattern":
			p.patternText = v.(string)
			p.literals = literalAlternatives(p.patternText)
		case "minimum", "maximum":
			r, ok := new(big.Rat).SetString(fmt.Sprint(v))
			if !ok || !r.IsInt() || !r.Num().IsInt64() {
				return fmt.Errorf("%s %v", k, v)
			}
			n := r.Num().Int64()
			if k == "minimum" {
				p.min = &n
			} else {
				p.max = &n
			}
		case "items":
			p.items = &fastProp{}
			if err := s.fastValue(p.items, v, file); err != nil {
				return fmt.Errorf("items: %w", err)
			}
		default:
			return fmt.Errorf("keyword %s", k)
		}
	}
	return nil
}

// typed checks, once a property's schema and everything it refers to is
// read, that it says which JSON types are allowed.
func (p *fastProp) typed() error {
	if p.kinds == 0 {
		return fmt.Errorf("no type")
	}
	if p.items != nil {
		return p.items.typed()
	}
	return nil
}

// compilePatterns compiles the patterns that the checks need.
func (p *fastProp) compilePatterns() error {
	if p.patternText != "" && !p.dateTime && p.literals == nil {
		re, err := regexp.Compile(p.patternText)
		if err != nil {
			return err
		}
		p.pattern = re
	}
	if p.items != nil {
		return p.items.compilePatterns()
	}
	return nil
}

// literalAlternatives returns the strings a pattern of the form
// ^LITERAL$ or ^#?LITERAL$ matches, or nil for any other pattern.
func literalAlternatives(pattern string) []string {
	body, ok := strings.CutPrefix(pattern, "^")
	if !ok {
		return nil
	}
	if body, ok = strings.CutSuffix(body, "$"); !ok {
		return nil
	}
	optHash := strings.HasPrefix(body, "#?")
	body = strings.TrimPrefix(body, "#?")
	optNamespace := strings.HasPrefix(body, `(microsoft\.)?`)
	body = strings.TrimPrefix(body, `(microsoft\.)?`)
	lit := strings.ReplaceAll(body, `\.`, ".")
	if regexp.QuoteMeta(lit) != body {
		return nil // something other than a plain string with escaped dots
	}
	out := []string{lit}
	if optNamespace {
		out = append(out, "microsoft."+lit)
	}
	if optHash {
		for _, l := range out {
			out = append(out, "#"+l)
		}
	}
	return out
}

// onlyNotes tells whether a schema object holds annotations only, and so
// accepts every value.
func onlyNotes(m map[string]any) bool {
	for k := range m {
		switch k {
		case "title", "description", "$comment":
		default:
			return false
		}
	}
	return true
}

// url is the absolute location of a pointer into one of the version's
// files.
func (s *Schemas) url(file, ptr string) string { return s.base + file + "#" + ptr }

// splitRef resolves a $ref found in file into a file and a pointer.
func splitRef(ref, file string) (string, string) {
	f, p, _ := strings.Cut(ref, "#")
	if f == "" {
		f = file
	}
	return f, p
}

// valid reports whether the object the view shows is certainly valid
// against the type's schema; false means "not sure": let v5 decide. The
// flat scan and the value tree both call it, so the quick path and the
// full path prove a resource valid by the same decisions. unique says
// that the view's member names are known to differ (the flat scan
// refuses repeats); composite checks member i's array or object value,
// which the view shows only by its kind (nil when there are none).
func (ft *fastType) valid(view rules.View, unique bool, composite func(i int, p *fastProp) bool) bool {
	present, ok := ft.check(view, unique, composite, nil)
	return ok && present == ft.nRequired // else missing-property
}

// check is valid but for the required properties: ok tells whether every
// member is certainly valid, present how many distinct required
// properties the object has. Members for which skip (when not nil) is
// true are left out, as if the object did not have them.
func (ft *fastType) check(view rules.View, unique bool, composite func(i int, p *fastProp) bool, skip func(name string) bool) (present int, ok bool) {
	required := 0
	for i := 0; i < view.Len(); i++ {
		name := view.Name(i)
		if skip != nil && skip(name) {
			continue
		}
		p := ft.props[name]
		if p == nil {
			if payload.IsAnnotation(name) {
				continue // an annotation: any value
			}
			return 0, false // unknown-property
		}
		// A repeated member leaves v5 one value and us two: not sure.
		if !unique && view.Index(name) != i {
			return 0, false
		}
		switch v := view.Value(i); v.Kind {
		case jsonpos.Array, jsonpos.Object:
			if composite == nil || !composite(i, p) {
				return 0, false
			}
		default:
			if !p.validScalar(v) {
				return 0, false
			}
		}
		if p.required {
			required++
		}
	}
	return required, true
}

// treeVerdict judges a value read into a tree: sure tells whether every
// member is certainly valid, and missing names the required properties
// it lacks, each once, in the order v5's findings would (see required).
// sure with nothing missing is valid; sure with something missing means
// that is all that is wrong; not sure leaves the value to v5.
func (ft *fastType) treeVerdict(v *jsonpos.Value) (missing []string, sure bool) {
	if v.Kind != jsonpos.Object {
		return nil, false
	}
	view := treeView{v}
	present, sure := ft.check(view, false, func(i int, p *fastProp) bool { return p.valid(v.Members[i].Value) }, nil)
	if sure && present < ft.nRequired {
		missing = ft.missing(view)
	}
	return missing, sure
}

// validTree is valid for a value read into a tree.
func (ft *fastType) validTree(v *jsonpos.Value) bool {
	missing, sure := ft.treeVerdict(v)
	return sure && missing == nil
}

// missingTree is treeVerdict's missing properties, when they are all
// that is wrong (ok).
func (ft *fastType) missingTree(v *jsonpos.Value) (missing []string, ok bool) {
	missing, sure := ft.treeVerdict(v)
	return missing, sure && missing != nil
}

// missing names the required properties an object lacks, each once, in
// the order v5's findings would (see required).
func (ft *fastType) missing(view rules.View) []string {
	var out []string
	for _, name := range ft.required {
		if view.Index(name) < 0 && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// valid is validScalar for a value of any kind in a tree: the items of
// an array are checked one by one, an object only for being one.
func (p *fastProp) valid(v *jsonpos.Value) bool {
	switch v.Kind {
	case jsonpos.Array:
		if p.kinds&kArray == 0 || p.enum != nil {
			return false
		}
		if p.items != nil {
			for _, it := range v.Items {
				if !p.items.valid(it) {
					return false
				}
			}
		}
		return true
	case jsonpos.Object:
		// The schema asks only for an object; what is inside is checked
		// against the property's own type, as a resource of its own.
		return p.kinds&kObject != 0 && p.enum == nil
	}
	return p.validScalar(rules.Value{Kind: v.Kind, Text: v.Text})
}

// validScalar reports whether a null, true, false, number or string (its
// text: a string decoded, a number as written) is certainly valid for the
// property. Numbers pass only as plain integer literals within the
// bounds; 1.0 or 1e3 are left to v5.
func (p *fastProp) validScalar(v rules.Value) bool {
	switch v.Kind {
	case jsonpos.Null:
		return p.kinds&kNull != 0 && (p.enum == nil || p.enumNull)
	case jsonpos.Bool:
		return p.kinds&kBool != 0 && p.enum == nil
	case jsonpos.Number:
		if p.kinds&kInteger == 0 || p.enum != nil {
			return false
		}
		n, err := strconv.ParseInt(v.Text, 10, 64)
		return err == nil && (p.min == nil || n >= *p.min) && (p.max == nil || n <= *p.max)
	case jsonpos.String:
		switch {
		case p.kinds&kString == 0:
			return false
		case p.enum != nil && !p.enum[v.Text]:
			return false
		case p.dateTime && rfc3339.Problem(v.Text) != "":
			return false
		case p.literals != nil:
			return slices.Contains(p.literals, v.Text)
		case p.pattern != nil && !p.dateTime:
			// A date-time that passes the strict check has the shape the
			// DateTimeOffset pattern spells out; other patterns are
			// matched.
			return p.pattern.MatchString(v.Text)
		}
		return true
	}
	return false
}
