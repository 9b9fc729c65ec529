package validate

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"regexp"
	"slices"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
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
	// byName is props as a model.NameIndex, which check looks every
	// member up in; made by index.
	byName model.NameIndex[*fastProp]
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
	// asserts are the keywords of the property's schema that judge a
	// scalar value, each as jsonschema/v5 evaluates it on its own, in
	// the order of their keyword locations: the order in which the
	// findings about one value are reported (see schemaErrors).
	asserts []assertion
	// above holds, for each schema object the assertions come from (the
	// property's own, then those its $ref chain leads to), the objects
	// that lead to it, as a bit set: v5 stops evaluating an object at a
	// failing type keyword, $ref included, so such a failure hides every
	// other assertion of that object and of those below it.
	above []uint16
	// kinds is what every type keyword allows and enumerated whether an
	// enum restricts the value: all that an array or an object value is
	// checked against here.
	kinds      kindSet
	enumerated bool
	items      *fastProp
}

// assertion is one keyword of a property's schema that a scalar can
// fail: type, enum, format (date-time only), pattern, minimum or
// maximum. A failing one becomes the finding v5's error for that keyword
// would (valueFinding), so both are written from the same fields: the
// keyword, its location and the value.
type assertion struct {
	// What judges a value comes first: a property's assertions are read
	// for every value of every resource.
	op       assertOp
	kinds    kindSet // opType
	enumNull bool    // opEnum: null is a member
	// implied marks a pattern beside the date-time format, which passes
	// whenever the format does: it is never compiled (compiling the
	// DateTimeOffset pattern for every timestamp property was a good part
	// of a one-file run's start-up).
	implied bool
	obj     uint8           // the schema object it belongs to: an index into fastProp.above
	bound   int64           // opMinimum, opMaximum
	enum    map[string]bool // opEnum: the string members
	// opPattern: literals replaces pattern when the pattern only spells
	// out fixed strings (the @odata.type patterns): a comparison costs
	// nothing, a regular expression a good part of a microsecond.
	literals []string
	pattern  *regexp.Regexp
	// What words a finding: the keyword, its location from the type's
	// root through every $ref (v5's KeywordLocation), which orders the
	// findings about one value, and its absolute location in the
	// embedded schemas (v5's AbsoluteKeywordLocation).
	keyword, at, loc string
	patternText      string
}

type assertOp uint8

const (
	opType assertOp = iota
	opEnum
	opDateTime
	opPattern
	opMinimum
	opMaximum
)

// verdict is what an assertion says of a value.
type verdict uint8

const (
	holds  verdict = iota
	fails          // certainly: v5 reports the keyword
	unsure         // only v5 can tell (an array or an object, a number big.Rat does not read)
)

// maxAsserts bounds the keywords and the schema objects of one property,
// so that which of them fail fits in a bit set.
const maxAsserts = 16

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
				at := "/properties/" + jsonpos.EscapeToken(name)
				if err := s.fastValue(p, sub, file, ptr+at, keyword+at, 0); err != nil {
					return fmt.Errorf("property %s: %w", name, err)
				}
				if err := p.finish(); err != nil {
					return fmt.Errorf("property %s: %w", name, err)
				}
				ft.props[name] = p
			}
		case "patternProperties":
			// Only the annotation rule: names IsAnnotation takes, any value.
			pp := v.(map[string]any)
			sub, ok := pp[payload.AnnotationPattern].(map[string]any)
			if len(pp) != 1 || !ok || !onlyNotes(sub) {
				return fmt.Errorf("%s#%s: patternProperties other than {%q: {}}", file, ptr, payload.AnnotationPattern)
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

// fastValue reads a property schema, found in file at ptr and reached
// from the type's root by the keyword location keyword, into p. above
// holds the schema objects whose $ref led to it.
func (s *Schemas) fastValue(p *fastProp, schema any, file, ptr, keyword string, above uint16) error {
	m, ok := schema.(map[string]any)
	if !ok {
		return fmt.Errorf("not a schema object")
	}
	obj := len(p.above)
	if obj >= maxAsserts {
		return fmt.Errorf("more than %d schema objects", maxAsserts)
	}
	p.above = append(p.above, above)
	for k, v := range m {
		a := assertion{keyword: k, obj: uint8(obj), at: keyword + "/" + k, loc: s.url(file, ptr+"/"+k)}
		switch k {
		case "title", "description", "$comment", "$schema", "$id", "$defs":
			continue
		case "$ref":
			rf, rp := splitRef(v.(string), file)
			if err := s.fastValue(p, s.keyword(s.url(rf, rp)), rf, rp, a.at, above|1<<obj); err != nil {
				return err
			}
			continue
		case "type":
			names, ok := v.([]any)
			if !ok {
				names = []any{v}
			}
			for _, n := range names {
				switch n {
				case "null":
					a.kinds |= kNull
				case "boolean":
					a.kinds |= kBool
				case "integer":
					a.kinds |= kInteger
				case "string":
					a.kinds |= kString
				case "array":
					a.kinds |= kArray
				case "object":
					a.kinds |= kObject
				default:
					return fmt.Errorf("type %v", n)
				}
			}
			a.op = opType
		case "enum":
			a.op, a.enum = opEnum, map[string]bool{}
			for _, e := range v.([]any) {
				if e == nil {
					a.enumNull = true
					continue
				}
				str, ok := e.(string)
				if !ok {
					return fmt.Errorf("enum member %v is not a string", e)
				}
				a.enum[str] = true
			}
		case "format":
			if v != "date-time" {
				return fmt.Errorf("format %v", v)
			}
			a.op = opDateTime
		case "pattern":
			a.op, a.patternText = opPattern, v.(string)
			a.literals = literalAlternatives(a.patternText)
			a.implied = m["format"] == "date-time"
		case "minimum", "maximum":
			r, ok := new(big.Rat).SetString(fmt.Sprint(v))
			if !ok || !r.IsInt() || !r.Num().IsInt64() {
				return fmt.Errorf("%s %v", k, v)
			}
			a.op, a.bound = opMinimum, r.Num().Int64()
			if k == "maximum" {
				a.op = opMaximum
			}
		case "items":
			p.items = &fastProp{}
			if err := s.fastValue(p.items, v, file, ptr+"/items", a.at, 0); err != nil {
				return fmt.Errorf("items: %w", err)
			}
			if err := p.items.finish(); err != nil {
				return fmt.Errorf("items: %w", err)
			}
			continue
		default:
			return fmt.Errorf("keyword %s", k)
		}
		p.asserts = append(p.asserts, a)
	}
	return nil
}

// finish completes a property's check once its schema and everything it
// refers to is read: it puts the assertions in v5's order, sums up what
// they allow of arrays and objects, checks that they say which JSON
// types are allowed, and compiles the patterns that need it.
func (p *fastProp) finish() error {
	if len(p.asserts) > maxAsserts {
		return fmt.Errorf("%d keywords", len(p.asserts))
	}
	slices.SortStableFunc(p.asserts, func(a, b assertion) int { return strings.Compare(a.at, b.at) })
	p.kinds = kNull | kBool | kInteger | kString | kArray | kObject
	typed := false
	for i := range p.asserts {
		a := &p.asserts[i]
		switch a.op {
		case opType:
			p.kinds &= a.kinds // each must hold
			typed = true
		case opEnum:
			p.enumerated = true
		case opPattern:
			if !a.implied && a.literals == nil {
				re, err := regexp.Compile(a.patternText)
				if err != nil {
					return err
				}
				a.pattern = re
			}
		}
	}
	if !typed {
		return fmt.Errorf("no type")
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
	present, ok := ft.check(view, nil, unique, composite, nil, nil)
	return ok && present == ft.nRequired // else missing-property
}

// failure is a member whose scalar value certainly fails some of its
// property's assertions: bit k of failed stands for p.asserts[k].
type failure struct {
	member int
	p      *fastProp
	failed uint16
}

// check is valid but for the required properties: ok tells whether every
// member is certainly judged, present how many distinct required
// properties the object has. When unknown is not nil, the members that
// are neither annotations nor properties of t (unknown-property's) are
// appended to *unknown, every occurrence, and left out as if the object
// did not have them; else such a member leaves check unsure. With failures
// nil, a member that fails is as unsure as one that only v5 can judge;
// otherwise the members whose scalar values certainly fail are appended
// to *failures, in the view's order, and ok tells whether everything
// else is certainly valid (when it is not, what was appended means
// nothing).
func (ft *fastType) check(view rules.View, t *Type, unique bool, composite func(i int, p *fastProp) bool, unknown *[]int, failures *[]failure) (present int, ok bool) {
	required := 0
	// A view that holds its values is read in place, not a copy of
	// six words at a time.
	var values []rules.Value
	if list, ok := view.(rules.ValueList); ok {
		values = list.Values()
	}
	var one rules.Value
	for i := 0; i < view.Len(); i++ {
		name := view.Name(i)
		p, _ := ft.byName.Get(name)
		if p == nil {
			switch {
			case payload.IsAnnotation(name):
				continue // an annotation: any value
			case unknown != nil && !t.documents(name):
				*unknown = append(*unknown, i)
				continue
			}
			return 0, false // unknown-property, or a property the schema does not know
		}
		// Of a repeated member v5 sees the last value only, as
		// jsonpos.ToAnyWith keeps it: the others are not judged.
		if !unique && view.Index(name) != i {
			continue
		}
		v := &one
		if values != nil {
			v = &values[i]
		} else {
			one = view.Value(i)
		}
		switch {
		case (v.Kind == jsonpos.Array || v.Kind == jsonpos.Object) && p.kinds&kindOf(v.Kind) != 0:
			if composite == nil || !composite(i, p) {
				return 0, false
			}
		default:
			// A scalar, or an array or object where the type keyword
			// wants neither, which fails it whatever it holds.
			failed, sure := p.judge(v)
			if !sure || failed != 0 && failures == nil {
				return 0, false
			}
			if failed != 0 {
				*failures = append(*failures, failure{i, p, failed})
			}
		}
		if p.required {
			required++
		}
	}
	return required, true
}

// index makes byName from props, once props are complete.
func (ft *fastType) index() {
	names := slices.Sorted(maps.Keys(ft.props))
	props := make([]*fastProp, len(names))
	for i, name := range names {
		props[i] = ft.props[name]
	}
	ft.byName = model.NewNameIndex(names, props)
}

// treeVerdict judges a value read into a tree: sure tells whether every
// member is certainly judged, missing names the required properties it
// lacks, each once, in the order v5's findings would (see required), and
// the members whose scalar values fail are appended to *failures. sure
// with nothing missing or failing is valid; sure otherwise means that is
// all that is wrong; not sure leaves the value to v5.
func (ft *fastType) treeVerdict(v *jsonpos.Value, failures *[]failure) (missing []string, sure bool) {
	if v.Kind != jsonpos.Object {
		return nil, false
	}
	view := treeView{v}
	present, sure := ft.check(view, nil, false, func(i int, p *fastProp) bool { return p.valid(v.Members[i].Value) }, nil, failures)
	if sure && present < ft.nRequired {
		missing = ft.missing(view, nil)
	}
	return missing, sure
}

// validTree is valid for a value read into a tree.
func (ft *fastType) validTree(v *jsonpos.Value) bool {
	missing, sure := ft.treeVerdict(v, nil)
	return sure && missing == nil
}

// missing appends to out the names of the required properties an object
// lacks, each once, in the order v5's findings would (see required).
func (ft *fastType) missing(view rules.View, out []string) []string {
	from := len(out)
	for _, name := range ft.required {
		if view.Index(name) < 0 && !slices.Contains(out[from:], name) {
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
		if !p.allows(jsonpos.Array) {
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
		return p.allows(jsonpos.Object)
	}
	sv := scalarOf(v)
	return p.validScalar(&sv)
}

// allows tells whether the property's schema certainly lets an array or
// an object through, whatever it holds (its items are the items schema's
// to judge): the type keyword names the kind and no enum lists values.
// The flat view's verdict (compositeClean) and the tree's (valid) both
// ask it.
func (p *fastProp) allows(kind jsonpos.Kind) bool {
	return p.kinds&kindOf(kind) != 0 && !p.enumerated
}

// validScalar reports whether a null, true, false, number or string (its
// text: a string decoded, a number as written) is certainly valid for the
// property.
func (p *fastProp) validScalar(v *rules.Value) bool {
	failed, sure := p.judge(v)
	return sure && failed == 0
}

// judge tells which of the property's assertions a null, true, false,
// number or string fails, as v5 reports them (bit k for p.asserts[k]);
// sure is false when only v5 can tell.
func (p *fastProp) judge(v *rules.Value) (failed uint16, sure bool) {
	sc := scalar{Value: v}
	for k := range p.asserts {
		a := &p.asserts[k]
		if a.op == opType && v.Kind != jsonpos.Number && a.kinds&kindOf(v.Kind) != 0 {
			continue // what most values pass, decided as assertion.judge does
		}
		if a.judge(&sc) != holds {
			return p.judgeAll(&sc)
		}
	}
	return 0, true
}

// judgeAll is judge for a value that fails or puzzles some assertion.
func (p *fastProp) judgeAll(sc *scalar) (failed uint16, sure bool) {
	var unsureOf uint16
	for k := range p.asserts {
		switch p.asserts[k].judge(sc) {
		case fails:
			failed |= 1 << k
		case unsure:
			unsureOf |= 1 << k
		}
	}
	if failed != 0 {
		failed, unsureOf = p.hide(failed), p.hide(unsureOf|failed)&unsureOf
	}
	return failed, unsureOf == 0
}

// scalar is a value being judged, with its number read once.
type scalar struct {
	*rules.Value
	read bool    // num is set
	num  decimal // a number's value, when num.small
	r    *big.Rat
}

// number reads a number's value, once (see readDecimal).
func (sc *scalar) number() decimal {
	if !sc.read {
		sc.read, sc.num = true, readDecimal(sc.Text)
	}
	return sc.num
}

// decimal is what the fast check needs to know of a JSON number to judge
// it against an integer type and integer bounds as jsonschema/v5 does,
// which reads it exactly (a big.Rat): whether it is an integer, and its
// floor. They are known without big.Rat for every number whose integer
// part has at most 18 digits (small); any other is read as a big.Rat.
type decimal struct {
	floor int64 // the largest integer not above the value, when small
	whole bool  // the value is an integer, when small or huge
	small bool
	// huge says that the integer part has 20 digits or more, beyond any
	// int64 bound either way; neg is then its sign.
	huge, neg bool
}

// maxSmallDigits is the most digits of an integer part that readDecimal
// works out in an int64, whatever the digits are.
const maxSmallDigits = 18

// readDecimal reads a JSON number (RFC 8259, section 6: an optional
// minus, an integer part, an optional fraction, an optional exponent),
// such as 10, 1.0, 1e3, -2.50e1 or 1585.5, exactly and without
// allocating. Anything else, or a number whose integer part has more
// than maxSmallDigits digits, is not small.
func readDecimal(text string) decimal {
	i, neg := 0, false
	if i < len(text) && text[i] == '-' {
		i, neg = i+1, true
	}
	intStart := i
	for i < len(text) && isDigit(text[i]) {
		i++
	}
	intEnd, fracStart, fracEnd := i, i, i
	if i < len(text) && text[i] == '.' {
		i++
		fracStart = i
		for i < len(text) && isDigit(text[i]) {
			i++
		}
		fracEnd = i
		if fracEnd == fracStart {
			return decimal{}
		}
	}
	exp := 0
	if i < len(text) && (text[i] == 'e' || text[i] == 'E') {
		i++
		expNeg := false
		if i < len(text) && (text[i] == '+' || text[i] == '-') {
			expNeg = text[i] == '-'
			i++
		}
		digits := i
		for ; i < len(text) && isDigit(text[i]); i++ {
			// Held at a bound no number's digits reach: beyond it a
			// positive exponent gives an integer part far too long, a
			// negative one a value nearer zero than any digit shows.
			exp = min(exp*10+int(text[i]-'0'), 1<<20)
		}
		if i == digits {
			return decimal{}
		}
		if expNeg {
			exp = -exp
		}
	}
	if i != len(text) || intEnd == intStart {
		return decimal{}
	}
	// The digits of the integer part and the fraction, k from 0, as one
	// sequence; the value is that sequence times 10^(exp-fraction digits).
	nInt, n := intEnd-intStart, intEnd-intStart+fracEnd-fracStart
	digit := func(k int) int64 {
		if k < nInt {
			return int64(text[intStart+k] - '0')
		}
		return int64(text[fracStart+k-nInt] - '0')
	}
	first, last := 0, n-1
	for first < n && digit(first) == 0 {
		first++
	}
	if first == n {
		return decimal{whole: true, small: true} // zero, however written
	}
	for digit(last) == 0 {
		last--
	}
	// The significant digits are first..last; the point stands after
	// digit point-1 of the sequence.
	point := nInt + exp
	if point-first > maxSmallDigits {
		// Of a number whose integer part has 20 digits or more, beyond
		// every int64, the bounds need only its sign.
		return decimal{whole: last < point, huge: point-first >= 20, neg: neg}
	}
	var whole int64 // the integer part, digits first..point-1
	for k := first; k < point; k++ {
		d := int64(0)
		if k <= last {
			d = digit(k)
		}
		whole = whole*10 + d
	}
	frac := last >= point // a significant digit after the point
	switch {
	case !neg:
		return decimal{floor: whole, whole: !frac, small: true}
	case frac:
		return decimal{floor: -whole - 1, small: true}
	}
	return decimal{floor: -whole, whole: true, small: true}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// rat reads a number as jsonschema/v5 does: the number schemaNumber hands
// it (the literal, or the stand-in for a huge exponent) as a big.Rat. ok
// is false when that fails, which the decoder's numbers never do.
func (sc *scalar) rat() (*big.Rat, bool) {
	if sc.r == nil {
		n, _ := schemaNumber(sc.Text).(json.Number)
		r, ok := new(big.Rat).SetString(string(n))
		if !ok {
			return nil, false
		}
		sc.r = r
	}
	return sc.r, true
}

// hide drops from a set of failing (or unsure) assertions those that v5
// never evaluates: in a schema object whose type keyword fails, v5
// reports that failure alone and goes no further, into its $ref neither.
func (p *fastProp) hide(set uint16) uint16 {
	var stopped uint16 // the objects whose type keyword fails
	for k := range p.asserts {
		if set&(1<<k) != 0 && p.asserts[k].op == opType {
			stopped |= 1 << p.asserts[k].obj
		}
	}
	if stopped == 0 {
		return set
	}
	for k := range p.asserts {
		a := &p.asserts[k]
		if p.above[a.obj]&stopped != 0 || a.op != opType && stopped&(1<<a.obj) != 0 {
			set &^= 1 << k
		}
	}
	return set
}

// judge applies one assertion to a scalar as v5 would. A number that is
// not a plain integer within 64 bits is read exactly as v5 reads it (a
// big.Rat), so that 1.0, 1e3, 1.5 and 99999999999999999999 are judged
// here too.
func (a *assertion) judge(sc *scalar) verdict {
	switch a.op {
	case opType:
		k := kindOf(sc.Kind)
		switch sc.Kind {
		case jsonpos.Number:
			if a.kinds&kInteger != 0 && (sc.Text == "" || rules.NotPlainInteger(sc.Text)) {
				// 1.0 and 1e3 are integers to v5, 1.5 is not.
				if num := sc.number(); num.small || num.huge {
					return holdsIf(num.whole)
				}
				r, ok := sc.rat()
				if !ok {
					return unsure
				}
				return holdsIf(r.IsInt())
			}
		}
		return holdsIf(a.kinds&k != 0)
	case opEnum:
		switch sc.Kind {
		case jsonpos.String:
			return holdsIf(a.enum[sc.Text])
		case jsonpos.Null:
			return holdsIf(a.enumNull)
		case jsonpos.Bool, jsonpos.Number, jsonpos.Array, jsonpos.Object:
			return fails // every member is a string or null
		}
		return unsure
	case opDateTime:
		return holdsIf(sc.Kind != jsonpos.String || rfc3339.Problem(sc.Text) == "")
	case opPattern:
		switch {
		case sc.Kind != jsonpos.String || a.implied:
			return holds
		case a.literals != nil:
			return holdsIf(slices.Contains(a.literals, sc.Text))
		}
		return holdsIf(a.pattern.MatchString(sc.Text))
	case opMinimum, opMaximum:
		if sc.Kind != jsonpos.Number {
			return holds
		}
		switch num := sc.number(); {
		case num.small:
			// A value that is not an integer lies strictly between its
			// floor and the next integer, and the bounds are integers.
			ceil := num.floor
			if !num.whole {
				ceil++
			}
			return holdsIf(a.op == opMinimum && num.floor >= a.bound || a.op == opMaximum && ceil <= a.bound)
		case num.huge:
			return holdsIf(a.op == opMinimum && !num.neg || a.op == opMaximum && num.neg)
		}
		r, ok := sc.rat()
		if !ok {
			return unsure
		}
		c := r.Cmp(new(big.Rat).SetInt64(a.bound))
		return holdsIf(a.op == opMinimum && c >= 0 || a.op == opMaximum && c <= 0)
	}
	return unsure
}

// kindOf is the type keyword's name for a scalar's kind; a number is an
// integer when it is written as one (see assertion.judge).
func kindOf(k jsonpos.Kind) kindSet {
	switch k {
	case jsonpos.Null:
		return kNull
	case jsonpos.Bool:
		return kBool
	case jsonpos.String:
		return kString
	case jsonpos.Number:
		return kInteger
	case jsonpos.Array:
		return kArray
	case jsonpos.Object:
		return kObject
	}
	return 0
}

func holdsIf(ok bool) verdict {
	if ok {
		return holds
	}
	return fails
}
