package validate

import (
	"fmt"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/payload"
	"github.com/vppvalidate/vppvalidate/internal/rules"
	"github.com/vppvalidate/vppvalidate/internal/suggest"
)

// resolve picks the type of a resource: the one its @odata.type names,
// else the declared one (--type, or the payload's, or the property's),
// else the one its properties imply. A bad @odata.type is reported, and
// the rest of the resource is still checked: as the type the value is a
// near miss of, when that type fits where the resource stands, else as if
// it had no @odata.type; the finding says which. skip is true for a
// resource that is not vppvalidate's to check: one of a Graph type
// outside the model standing where a type with subtypes is declared, or a
// top-level document that does not look like Graph at all (both reported
// once per file).
func resolve(j judge, r *subject, s *Schemas, declared *Type, forced string) (t *Type, skip bool) {
	if forced != "" && !r.nested {
		if f := s.Type(forced); f != nil {
			declared = f
		}
	}
	odataType := false
	if r.view != nil {
		if i := r.view.Index("@odata.type"); i >= 0 {
			odataType = true
			v := r.view.Value(i)
			ptr := r.ptr + "/@odata.type"
			if v.Kind != jsonpos.String {
				msg := ""
				if !j.wordless() {
					msg = `@odata.type must be a string such as "#microsoft.graph.vppToken", found ` + describeScalar(v)
				}
				j.report(rules.ODataType, v.Pos, ptr, msg)
			} else if vd := s.typeVerdict(v.Text, declared); vd.t != nil || vd.as != nil || vd.skip || vd.rule == "" {
				return odataTypeOf(j, vd, v, ptr)
			} else {
				// Nothing in the value says which type was meant: the
				// object is checked as if it had no @odata.type. Where
				// its members pick the type, the finding says which, lest
				// the object's other findings seem to contradict it.
				if declared != nil && !declared.Model.Abstract {
					j.report(vd.rule, v.Pos, ptr, vd.msg)
					return declared, false
				}
				t, told := s.byMembers(r.view, declared)
				msg := vd.msg
				switch {
				case j.wordless():
				case !told:
					msg += "; nothing else in the object tells its type (none of its members is a property of a type that may stand here, or a near miss of one), so it was not checked further"
				default:
					msg += fmt.Sprintf("; the object was checked as %s, the type its members fit best", t.Name)
				}
				j.report(vd.rule, v.Pos, ptr, msg)
				return t, !told
			}
		}
	}
	if declared != nil && !declared.Model.Abstract {
		if !odataType && r.view != nil && len(declared.Model.Derived) > 0 {
			return derivedByMembers(j, r, s, declared), false
		}
		return declared, false
	}
	if r.view == nil {
		if declared != nil {
			return declared, false
		}
		// No member to tell a type by and nothing declaring one: naming
		// a type in the finding would be a guess (it was the smallest
		// type, iosDeviceType, for an array of numbers).
		j.report(rules.Type, r.pos, r.ptr, "expected a resource object, found "+describeScalar(r.value))
		return nil, true
	}
	// firstResource is asked before looksLikeGraph, which reads every
	// member: in a file it is true for one resource only. (A worker that
	// cannot tell notes that its verdict depends on it; the verdict is
	// redone in order only where the file had checked nothing before.)
	if declared == nil && !r.nested && !odataType && r.ctx == nil && j.firstResource() && !s.looksLikeGraph(r.view, r.inCollection) {
		j.notGraph(r.pos, r.ptr)
		return nil, true
	}
	if t, told := s.byMembers(r.view, declared); told {
		if declared != nil && !odataType && r.metadata {
			// An item of mobileApps is of a type derived from the
			// abstract mobileApp, which a payload with a context (one
			// with metadata) must name (OData JSON Format 4.01, section
			// 4.5.3); Graph does. Without it a client builds a plain
			// mobileApp and loses what the derived type adds.
			msg := ""
			if !j.wordless() {
				msg = fmt.Sprintf("no @odata.type: %s is abstract, so a payload with an @odata.context names each object's derived type, as Graph does (OData JSON 4.01, section 4.5.3); the object was checked as %s, the type its members fit best", declared.Name, t.Name)
			}
			j.report(rules.ODataType, r.pos, r.ptr, msg)
		}
		return t, false
	}
	// Nothing tells the type. Checked as the smallest type that fits, a
	// {"value": [{"foo": 1}]} got iosDeviceType's two properties as
	// missing: a guess dressed as a verdict.
	if declared == nil && !r.nested && !odataType && r.ctx == nil && j.firstResource() && !s.looksLikeGraph(r.view, false) {
		j.notGraph(r.pos, r.ptr)
		return nil, true
	}
	msg := ""
	if !j.wordless() {
		msg = untold(r.view, declared, odataType)
	}
	j.report(rules.ODataType, r.pos, r.ptr, msg)
	return nil, true
}

// derivedByMembers is the type of an object without @odata.type that
// stands where declared, a concrete type with derived types, is
// expected: declared, unless the object has properties that only a type
// derived from it documents, as a revoke result among tokenActionResults
// with its license counts. Then it is checked as that type, so that the
// derived type's rules judge it, and, where the payload has a context,
// the missing @odata.type is an error: OData JSON 4.01 section 4.5.3
// wants it on every value whose type is derived from the declared one,
// and a client without it builds the base type and drops those members.
func derivedByMembers(j judge, r *subject, s *Schemas, declared *Type) *Type {
	t, _ := s.infer(names(r.view), declared)
	if t == nil || t == declared {
		return declared
	}
	if r.metadata {
		msg := ""
		if !j.wordless() {
			msg = fmt.Sprintf("no @odata.type, and the object has properties that %s documents and %s does not; a value of a derived type names it (OData JSON 4.01, section 4.5.3), as Graph does: %q. The object was checked as %s", t.Name, declared.Name, t.Model.ODataType(), t.Name)
		}
		j.report(rules.ODataType, r.pos, r.ptr, msg)
	}
	return t
}

// untold words the finding on an object whose type nothing tells: not
// its @odata.type (hasType: it has one, already reported), not its place
// (declared, nil for none, is abstract there), not its members.
func untold(v rules.View, declared *Type, hasType bool) string {
	what := "a type of the VPP model"
	if declared != nil {
		what = "a type derived from " + declared.Name
	}
	members := "none of its members is"
	if v.Len() == 0 {
		members = "it has no members, so none is"
	}
	start := "the object has no @odata.type, and "
	if hasType {
		start = "the object's @odata.type is not a string, and "
	}
	return "cannot tell this object's type: " + start + members + " a property of " + what + ", or a near miss of one; it was not checked. Name its type with @odata.type (or the file's with --type)"
}

// byMembers is the type of an object that names none, among the concrete
// types derived from within (any type when within is nil): the one that
// documents most of its members, else the one most of its member names
// are near misses of. told is false when neither is there to go by, and
// t then only the smallest type that fits.
func (s *Schemas) byMembers(v rules.View, within *Type) (t *Type, told bool) {
	t, score := s.infer(names(v), within)
	if score > 0 {
		return t, true
	}
	if near := s.inferNear(v, within); near != nil {
		return near, true
	}
	return t, false
}

// subject is a resource as resolve sees it, whether read into a tree or
// by the flat scan.
type subject struct {
	view  rules.View  // its members; nil when it is not an object
	value rules.Value // what it is when it is not an object
	pos   jsonpos.Pos
	ptr   string
	ctx   *model.Context // its document's context, nil for none
	// metadata is set when its document has an @odata.context: it then
	// carries the control information of odata.metadata=minimal (OData
	// JSON 4.01, section 3.1.1), @odata.type included where required.
	// A nested value's ctx may be nil where metadata is set.
	metadata     bool
	inCollection bool
	nested       bool // a value inside another resource
}

// treeSubject is the subject of a resource read into a tree.
func treeSubject(r payload.Resource, nested, metadata bool) subject {
	sub := subject{pos: r.Value.Pos, ptr: r.Pointer, ctx: r.Context, inCollection: r.InCollection, nested: nested, metadata: metadata}
	if r.Value.Kind == jsonpos.Object {
		sub.view = treeView{r.Value}
	} else {
		sub.value = scalarOf(r.Value)
	}
	return sub
}

// judge is who resolve tells what it finds: the check of a file, which
// reports it, or the quick path's dry run, which only notes that there
// was something to say, so that the resource goes the full way. Both
// paths type resources by the same code.
type judge interface {
	report(rule string, at jsonpos.Pos, ptr, msg string)
	// skip counts an item of a Graph type outside the model.
	skip(at jsonpos.Pos, ptr, typ string)
	// notGraph reports, once per file, a document that is not Graph's.
	notGraph(at jsonpos.Pos, ptr string)
	// firstResource tells whether no resource of the file has been
	// checked yet: only then can the document as a whole be not Graph's.
	firstResource() bool
	// wordless tells that no one will read the messages of the findings
	// reported: resolve may then leave out those it words for each
	// resource. Pointers are always given, since a skipped item's is
	// listed whatever the limit.
	wordless() bool
}

// wordless is judge.wordless: past --max-findings, a resource's findings
// are only counted (see elide).
func (c *check) wordless() bool { return c.elide }

func (c *check) notGraph(at jsonpos.Pos, ptr string) {
	if !c.isNotGraph {
		c.isNotGraph = true
		c.report(rules.NotGraph, at, ptr,
			"this does not look like a Microsoft Graph payload: no @odata annotation, and no member that only the VPP model's types have; it was not checked. Keep such files out with --exclude or an \"exclude\" list in .vppvalidate.json")
	}
}

// firstResource is judge.firstResource. A worker checking a run cut from
// the middle of a file cannot know: it guesses, and notes that its
// verdict depends on the guess (see parallel.go). It guesses that a
// resource was checked before, unless the file's check had found nothing
// but what is not Graph when the worker took the piece: then the
// resources are most likely more of the same, and the guess that they are
// first spares checking in full what will be left unchecked (a 10 MB
// array of objects that are not Graph's took 4 times as long at -j 2 as
// at -j 1, every piece checked in full by a worker and again in order).
func (c *check) firstResource() bool {
	if c.resources > 0 {
		return false
	}
	if c.speculative {
		c.dependsOnStart = true
		return c.guessUnchecked
	}
	return true
}

// generic are property names of the model that other JSON files use as
// well (a package.json has a description and a version): alone, they say
// nothing about whether a document is a Graph payload.
var generic = map[string]bool{
	"id": true, "name": true, "description": true, "displayName": true, "version": true,
	"type": true, "value": true, "notes": true, "owner": true, "publisher": true, "developer": true,
}

// scanLimit bounds how many members the document-level guesses look at,
// so that an object with a million members costs no more than one with a
// thousand.
const scanLimit = 1000

// looksLikeGraph tells whether an object that neither its place nor any
// annotation types is a Graph resource all the same: it stands in a
// collection, has an @odata annotation, has a member only the model's
// types have, or two members that are near misses of such names (a
// fixture whose names are all misspelt is still a fixture, to be checked
// and reported). A package.json, which shares description and version
// with the model, is not. The quick path and the full path both ask it.
func (s *Schemas) looksLikeGraph(v rules.View, inCollection bool) bool {
	if inCollection {
		return true
	}
	near := 0
	for i := 0; i < v.Len() && i < scanLimit; i++ {
		name := v.Name(i)
		switch {
		case strings.Contains(name, "@odata."):
			return true
		case payload.IsAnnotation(name) || generic[name]:
		case s.declaring(name, nil) != nil:
			return true
		case s.near(name) != 0: // a near miss of a property of some type
			if near++; near >= 2 {
				return true
			}
		}
	}
	return false
}

// inferNear picks a type for an object none of whose member names a type
// documents, by near misses ("actionStat" for actionState), so that a
// fixture with every name misspelt is checked against what it meant to
// be: the concrete type derived from within (any, for nil) that most of
// its names are near misses of; nil when none is near.
func (s *Schemas) inferNear(v rules.View, within *Type) *Type {
	var scores [64]int // by index in s.types, which holds at most 64
	for i := 0; i < v.Len() && i < scanLimit; i++ {
		tally(&scores, s.near(v.Name(i)))
	}
	var best *Type
	bestScore := 0
	for i, t := range s.types {
		if t.Model.Abstract || within != nil && !t.Model.DerivesFrom(within.Model) {
			continue
		}
		if score := scores[i]; score > bestScore || score > 0 && score == bestScore && len(t.Model.Properties) < len(best.Model.Properties) {
			best, bestScore = t, score
		}
	}
	return best
}

// closest is suggest.Closest, the search for the likely intended name
// behind a misspelt one; a variable so that a test can count the searches.
var closest = suggest.Closest

// near tells which types have a property that name is a near miss of
// (suggest.Closest finds one among its properties), bit i for types[i].
// A collection whose every item misspells its members the same way (a
// serializer's PascalCase) asks about the same few names for every item,
// so the answer is worked out once per name.
func (s *Schemas) near(name string) uint64 {
	if len(name) > maxMemoText {
		return s.nearOf(name)
	}
	return s.nearMemo.get(name, strings.Clone, func() uint64 { return s.nearOf(name) })
}

func (s *Schemas) nearOf(name string) uint64 {
	var set uint64
	for i, t := range s.types {
		if closest(name, t.Model.PropertyNames()) != "" {
			set |= 1 << i
		}
	}
	return set
}

// odataTypeOf reports what the verdict vd on the @odata.type value v
// (at ptr) has to say, and returns the type to check the resource as: the
// one it names or, for a near miss, the one it was meant to name; skip is
// true for a resource not to check further: a Graph type outside the
// model where the declared type has subtypes, such as a win32LobApp in
// mobileApps (counted by j.skip, not reported), or a type of the other
// Graph version.
func odataTypeOf(j judge, vd typeVerdict, v rules.Value, ptr string) (*Type, bool) {
	switch {
	case vd.rule != "":
		j.report(vd.rule, v.Pos, ptr, vd.msg)
	case vd.skip:
		j.skip(v.Pos, ptr, v.Text)
	}
	if vd.t == nil {
		return vd.as, vd.skip
	}
	return vd.t, vd.skip
}

// typeVerdict is what an @odata.type string says, where a type is
// declared (nil for none): the type it names, whether to skip the
// resource, and the finding to report ("" for none).
type typeVerdict struct {
	t *Type
	// as, where t is nil, is the type the value was meant to name (its
	// near miss, or the name given without the namespace) when that type
	// may stand where the resource does: the resource is checked as it,
	// as the finding's suggestion says. nil when there is none.
	as        *Type
	skip      bool
	rule, msg string
}

// typeVerdict judges an @odata.type string once per string and declared
// type: a collection whose every item has the same wrong @odata.type asks
// the same question a million times, and the answer takes a search for
// the nearest type name.
func (s *Schemas) typeVerdict(raw string, declared *Type) typeVerdict {
	if len(raw) > maxMemoText {
		return s.judgeODataType(raw, declared)
	}
	return s.verdicts.get(verdictKey{raw, declared}, func(k verdictKey) verdictKey {
		return verdictKey{strings.Clone(k.raw), k.declared}
	}, func() typeVerdict { return s.judgeODataType(raw, declared) })
}

type verdictKey struct {
	raw      string
	declared *Type
}

// judgeODataType is typeVerdict, worked out.
func (s *Schemas) judgeODataType(raw string, declared *Type) typeVerdict {
	short, qualified := model.Qualified(raw)
	t := s.Type(short)
	if t == nil || !qualified {
		meant, guess := t, "" // the right name without its namespace
		if meant == nil {
			meant = s.Type(closest(short, s.typeNames()))
		}
		if meant != nil && !fits(meant, declared) {
			// A near miss that may stand here is the likelier one.
			if g := s.Type(closest(short, s.fittingNames(declared))); g != nil {
				meant = g
			}
		}
		if meant != nil {
			guess = meant.ODataType()
		}
		other := ""
		if t == nil && qualified {
			other = model.OtherVersion(s.Version, func(m *model.Model) bool {
				o := m.Type(short)
				return o != nil && o.Kind != model.Enum
			})
		}
		if t == nil && qualified && guess == "" && declared != nil && len(declared.Model.Derived) > 0 && other == "" {
			return typeVerdict{skip: true}
		}
		msg := fmt.Sprintf("@odata.type %s names no type of the VPP model%s", quote(raw), inVersion(s.Version))
		switch {
		case other != "":
			// Checked as a type of this version it would only drown the
			// one finding that matters in noise: leave it there.
			return typeVerdict{skip: true, rule: rules.ODataType, msg: fmt.Sprintf("@odata.type %s names a type that Graph %s does not have; Graph %s has it, so the capture may come from the other endpoint; the object was not checked further", quote(raw), s.Version, other)}
		case declared != nil:
			msg += fmt.Sprintf("; expected one of %s", quoteList(odataTypes(declared.Model.Concrete())))
		case guess == "":
			msg += " (vppvalidate --print-schema list names them)"
		}
		if meant != nil {
			msg += fmt.Sprintf("; did you mean %q?", guess)
			switch {
			case fits(meant, declared):
				// A near miss says which type was meant better than the
				// members do: sibling types share most of them
				// (iosVppApp and macOsVppApp), and a tie between them
				// says nothing.
				return typeVerdict{as: meant, rule: rules.ODataType, msg: msg + " The object was checked as " + meant.Name}
			case meant.Model.Abstract:
				msg += " That type is abstract"
			default:
				msg += " That type does not fit here"
			}
		}
		return typeVerdict{rule: rules.ODataType, msg: msg}
	}
	if declared != nil && !t.Model.DerivesFrom(declared.Model) {
		return typeVerdict{rule: rules.ODataType, msg: fmt.Sprintf("@odata.type %s does not fit here: %s is expected, and %s does not derive from it", quote(raw), finding.Article(declared.Name), t.Name)}
	}
	if t.Model.Abstract {
		return typeVerdict{rule: rules.ODataType, msg: fmt.Sprintf("@odata.type %s names an abstract type: a value is always of a type derived from it, such as %s", quote(raw), quoteList(odataTypes(t.Model.Concrete())))}
	}
	if !strings.HasPrefix(raw, "#") {
		return typeVerdict{t: t, rule: rules.ODataTypePrefix, msg: fmt.Sprintf("@odata.type %s lacks the leading #; OData writes it as %q", quote(raw), t.ODataType())}
	}
	return typeVerdict{t: t}
}

// fits tells whether a resource of type t may stand where declared is
// expected (nil for nothing declared): t is concrete, and derived from
// declared.
func fits(t, declared *Type) bool {
	return !t.Model.Abstract && (declared == nil || t.Model.DerivesFrom(declared.Model))
}

// fittingNames lists the names of the types that fit where declared is
// expected (see fits).
func (s *Schemas) fittingNames(declared *Type) []string {
	var out []string
	for _, t := range s.types {
		if fits(t, declared) {
			out = append(out, t.Name)
		}
	}
	return out
}

// skip counts an item of a type outside the model.
func (c *check) skip(at jsonpos.Pos, ptr, typ string) {
	if c.skipped == 0 {
		// typ may look into input bytes that the next read overwrites.
		c.skippedAt, c.skippedPtr, c.skippedType = at, ptr, strings.Clone(clip(model.Unqualified(typ)))
	}
	c.skipped++
}

// odataTypes lists the @odata.type values of types.
func odataTypes(types []*model.Type) []string {
	out := make([]string, len(types))
	for i, t := range types {
		out[i] = t.ODataType()
	}
	return out
}
