package validate

import (
	"strconv"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/payload"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// The quick path checks resources straight from the input bytes, without
// building a value tree or asking jsonschema/v5. It understands only the
// shape nearly every captured resource has: one object of at most
// quickMembers members whose names have no escapes and whose values are
// strings, numbers, true, false or null, or, where the schema wants none
// (an unknown member, an array where a string belongs), arrays and
// objects of those (jsonpos.ScanFlat). For such an object it
// makes the same decisions as the full path, by the same code: resolve
// in a dry run for its type, fastType for its schema, the catalogue's
// checks for the lint rules. When none of them has anything to say, the
// resource is clean (provenClean). When what they say is certain (unknown
// or missing properties, values that certainly fail their schema's
// keywords, lint rules), flatFindings reports it with the full path's own
// functions. Anything else (a value only v5 can judge, a type that does
// not resolve cleanly) goes the full way. TestQuickAgrees, FuzzQuick,
// TestSameFindingsWithoutFastPath and TestValueFindingsWithoutV5 compare
// the two.
//
// Every resource is offered to proven where it is read: on the one
// goroutine that checks a small input, and on the worker that checks a
// run of a large one (see parallel.go).
const (
	quickMembers = 64
	// quickWindow is how far ahead the quick path looks for the end of an
	// item; a larger item is read the usual way.
	quickWindow = 8 << 10
)

// proven is payload.Visitor.Proven: it reads the flat resource at d's
// scan point in place (jsonpos.ScanFlat) and, when quiet proves it clean
// or flatFindings can report what is wrong with it without a tree,
// consumes it and returns true. Anything else is left where it is, for
// the walk to read into a tree.
func (c *check) proven(d *jsonpos.Decoder, at payload.Place) bool {
	if c.v.quickOff() || at.Int64Strings {
		// Under IEEE754Compatible=true counts are strings: the quick
		// path's lint checks (lintQuiet) do not know it, the tree does.
		return false
	}
	c.settle(d.Here().Offset)
	c.metadata = at.Context != nil
	win := d.Window(quickWindow)
	n, members, ascii, ok := jsonpos.ScanFlat(win, c.q.members[:0])
	if !ok || (at.Whole && !standalone(members)) || !at.Whole && ownDocument(members, at) {
		return false
	}
	c.q.later = c.resources > 0
	t, said := c.v.quietType(&c.q, members, at.Context, at.InCollection)
	switch {
	case said:
		c.elide = c.onlyCounted()
		c.view.fill(&c.q.view, win[:n], d.Here())
		ok := c.typeFlat(&c.view, at)
		c.elide = false
		if !ok {
			return false
		}
	case t == nil:
		return false
	default:
		proof := unproven // a repeated member is a finding
		c.proved, c.unclean = 0, false
		if !rawView(members).repeats() && c.proofs.try(c.v.proofs) {
			proof = c.v.provenClean(&c.q, t, at.Context)
			c.proved, c.unclean = c.q.nested, c.q.unclean
			c.proofs.tried(proof != unproven)
		}
		if proof == clean {
			c.resources += 1 + c.q.nested
			break
		}
		silent := -1
		if proof == lintOnly {
			silent = c.q.spoke
		}
		ptr := ""
		if c.elide = c.onlyCounted(); !c.elide {
			ptr = at.Pointer()
		}
		c.view.fill(&c.q.view, win[:n], d.Here())
		ok := c.flatFindings(&c.view, at.Context, ptr, t, nil, silent)
		c.elide = false
		if !ok {
			return false
		}
		if proof == lintOnly {
			c.resources += c.q.nested // the values it holds, proven clean
		}
	}
	d.Skip(n, ascii)
	return true
}

// proofPolicy says when proven tries to prove a resource clean before
// flatFindings checks it. A proof that fails on the fast check is work
// done for nothing, since flatFindings runs the fast check and the lint
// checks again to report; in a collection whose every resource has the
// same mistake that was a fifth of the time. After after such proofs in
// a row, proven goes straight to flatFindings, which gives a clean
// resource the same result (no finding, counted once), and tries a proof
// again only every every-th resource; one that is of use starts over.
// Either way the findings are the same; only the time differs.
type proofPolicy struct{ after, every int }

// defaultProofs is the policy of every Validator: a mistake that seven
// resources in a row have is taken for systemic, and a proof on one
// resource in 16 notices soon enough that it stopped.
var defaultProofs = proofPolicy{after: 7, every: 16}

// proofRecord is what a check knows of its recent proofs: failed, how
// many in a row failed; skipped, how many resources went without one
// since.
type proofRecord struct{ failed, skipped int }

// try tells whether to try a proof on the next resource, under policy p.
func (r *proofRecord) try(p proofPolicy) bool {
	if r.failed < p.after {
		return true
	}
	r.skipped++
	return r.skipped%p.every == 0
}

// tried records the outcome of a proof: useful when it proved the
// resource clean, or valid with only lint findings, which flatFindings
// then need not look for again (lintOnly).
func (r *proofRecord) tried(useful bool) {
	if useful {
		*r = proofRecord{}
	} else {
		r.failed++
	}
}

// typeFlat checks a resource that the flat scan read and whose type
// resolve would not pick in silence: a wrong @odata.type (one of another
// version, misspelt, without its #) is reported, or the resource is
// skipped. It runs resolve as the tree path does, with the check as its
// judge, but holds what resolve says back until it knows that
// flatFindings can check the resource; otherwise it returns false having
// reported nothing, and the tree path resolves the resource again.
func (c *check) typeFlat(view *flatView, at payload.Place) bool {
	version, decl := c.v.declaredBy(at.Context)
	s, err := LoadSchemas(version)
	if err != nil {
		return false
	}
	c.notes.reset(c)
	sub := subject{view: view, pos: view.obj, ptr: at.Pointer(), ctx: at.Context, inCollection: at.InCollection, metadata: at.Context != nil}
	t, skip := resolve(&c.notes, &sub, s, s.typeOf(decl), c.v.forced)
	switch {
	case skip:
		if view.members.repeats() {
			c.flatDuplicates(view, sub.ptr)
		}
		c.flat = view
		c.notes.tell()
		c.flat = nil
		return true
	case t == nil || t.fastCheck() == nil:
		return false
	}
	c.proved, c.unclean = 0, false
	return c.flatFindings(view, at.Context, sub.ptr, t, &c.notes, -1)
}

// notes is the judge typeFlat hands resolve: it holds back what resolve
// says about a resource until tell.
type notes struct {
	c    *check
	said []note
}

type note struct {
	kind      noteKind
	rule      string
	at        jsonpos.Pos
	ptr, text string // text: the message, or the type skipped
}

type noteKind uint8

const (
	noteReport noteKind = iota
	noteSkip
	noteNotGraph
)

func (n *notes) reset(c *check) { n.c, n.said = c, n.said[:0] }

func (n *notes) report(rule string, at jsonpos.Pos, ptr, msg string) {
	n.said = append(n.said, note{noteReport, rule, at, ptr, msg})
}

func (n *notes) skip(at jsonpos.Pos, ptr, typ string) {
	n.said = append(n.said, note{noteSkip, "", at, ptr, typ})
}

func (n *notes) notGraph(at jsonpos.Pos, ptr string) {
	n.said = append(n.said, note{noteNotGraph, "", at, ptr, ""})
}

func (n *notes) firstResource() bool { return n.c.firstResource() }

func (n *notes) wordless() bool { return n.c.elide }

// tell passes what was said on to the check, as if said to it, while the
// check's flat view is the resource's (emit places the findings there).
func (n *notes) tell() {
	c := n.c
	for _, x := range n.said {
		switch x.kind {
		case noteReport:
			if c.elide {
				c.count(x.rule, x.at, x.ptr, x.text)
			} else {
				c.report(x.rule, x.at, x.ptr, x.text)
			}
		case noteSkip:
			c.skip(c.flat.place(x.at), x.ptr, x.text)
		case noteNotGraph:
			c.notGraph(x.at, x.ptr)
		}
	}
	n.said = n.said[:0]
}

// flatFindings checks a resource of type t that the flat scan read, whose
// type quietType resolved without a finding and that provenClean found
// not clean, from its members alone, when its findings need no tree and
// no v5: every member its type documents is judged for certain by the
// fast check, so that what is wrong is unknown or missing properties,
// values that certainly fail their schema, or what a lint rule says. It
// reports those by the code the tree path reports them with, in the
// order it does, and returns true. The values nested in the resource
// that the tree path checks as resources of their own (check.nested) are
// checked the same way, one level down (flatItem). It returns false,
// having reported nothing, when only v5 or a tree can judge the resource
// or one of those values: the tree path takes it then. This is what
// keeps a collection in which every resource has a finding (a property
// name's case, a missing @odata.type, a misspelt enum member) about as
// fast as a clean one. ctx is the resource's context (nil for a nested
// value) and ptr its JSON pointer. silent, when not -1, says that the
// fast check has found the resource valid already and that the first
// silent lint checks of the validator have nothing to say
// (provenClean): neither runs again, and the values nested in it are
// clean. told holds what resolving the type said (see typeFlat), nil for
// nothing.
func (c *check) flatFindings(view *flatView, ctx *model.Context, ptr string, t *Type, told *notes, silent int) bool {
	fails, unknown := c.fails[:0], c.unknown[:0]
	valid := silent >= 0
	repeats := view.members.repeats()
	present, ok := t.fast.nRequired, true
	// nested is set when the resource holds values that are resources of
	// their own. A value that flatItem checks, while the resource that
	// holds it is held, must hold none: those go one level down only.
	nested := false
	if !valid {
		composite := func(i int, p *fastProp) bool {
			m := &view.members[i]
			if !compositeValid(p, m.Kind, m.Text) {
				return false
			}
			if !nested && holdsResources(&view.valueView, t, i) {
				nested = !c.holding
				return nested
			}
			return true
		}
		present, ok = t.fast.check(view, t, !repeats, composite, &unknown, &fails)
	}
	c.fails, c.unknown = fails, unknown
	if !ok {
		return false
	}
	// What is said about a resource with nested values is held until
	// they are known to need no tree.
	held := c.resources
	if nested {
		c.hold()
	}
	c.resources++
	c.ctx = ctx.For(t.Model) // what casts in the select list say of t
	c.invalid.reset()
	c.unknownHere = false
	c.flat = view
	if repeats {
		c.flatDuplicates(view, ptr)
	}
	if told != nil {
		told.tell() // what resolving the type said comes next, as on the tree path
	}
	for _, i := range unknown {
		name := view.Name(i)
		// A repeated unknown name is reported once, at its last
		// occurrence, as on the tree path (check.known).
		if !repeats || view.Index(name) == i {
			c.unknownHere = true
			c.unknownProperty(t, name, view.namePos(i), c.memberPointer(ptr, name))
		}
	}
	if present < t.fast.nRequired {
		c.missing = t.fast.missing(view, c.missing[:0])
		for _, p := range c.missing {
			c.missingProperty(t, p, view.obj, ptr, true)
		}
	}
	c.failedValues(t, view, fails, ptr)
	c.lint(view, ptr, t, max(silent, 0))
	if nested {
		ok = c.flatNested(view, ptr, t)
		c.release(ok)
		if !ok {
			c.resources = held
		}
	}
	c.flat = nil
	return ok
}

// flatNested checks, as check.nested does on a tree, the values nested in
// a resource of type t at ptr that the flat scan read, each a resource of
// its own (flatItem), in the order check.nested takes them. It returns
// false as soon as one needs the tree path.
func (c *check) flatNested(view *flatView, ptr string, t *Type) bool {
	ctx := c.ctx // the resource's; each item's check sets its own
	for i := range view.members {
		ok := eachResource(&view.valueView, t, i, func(elem *model.Type, k int, text []byte) bool {
			return c.flatItem(view, ctx, t, elem, ptr, view.Name(i), k, text)
		})
		if !ok {
			return false
		}
	}
	return true
}

// flatItem checks the object text nested in the resource outer of type
// owner at ptr, whose context is ctx, under its member name (item k of
// that member's array; -1 for none), where the model declares a value of
// type elem: as the
// tree path checks it, a resource of its own (check.resource with nested
// set), by the same code flatFindings checks a resource with. It returns
// false when the object needs the tree path: it does not resolve to a
// type with a fast check, or it holds arrays or objects that its schema
// allows.
func (c *check) flatItem(outer *flatView, ctx *model.Context, owner *Type, elem *model.Type, ptr, name string, k int, text []byte) bool {
	switch {
	case c.proved > 0: // proven clean already, in the same order
		c.proved--
		c.resources++
		return true
	case c.unclean: // the one after those, known not to be
		c.unclean = false
	case c.v.itemClean(&c.q, owner, elem, c.metadata, text):
		c.resources++
		return true
	}
	in := c.q.inner // itemClean made it
	n, members, _, ok := jsonpos.ScanFlat(text, in.members[:0])
	if !ok || n != len(text) || rawView(members).repeats() {
		return false
	}
	in.view.fill(members)
	iv := &c.itemView
	iv.fillNested(&in.view, outer, text)
	if ptr = c.memberPointer(ptr, name); k >= 0 && !c.elide {
		ptr += "/" + strconv.Itoa(k)
	}
	s := owner.owner
	c.itemNotes.reset(c)
	sub := subject{view: iv, pos: iv.obj, ptr: ptr, nested: true, metadata: c.metadata}
	it, skip := resolve(&c.itemNotes, &sub, s, s.typeOf(elem), c.v.forced)
	if skip || it == nil || it.fastCheck() == nil {
		return false
	}
	ok = c.flatFindings(iv, ctx.Nested(name), ptr, it, &c.itemNotes, -1)
	outer.placed = iv.placed
	return ok
}

// flatDuplicates reports the repeated members of a resource that the
// flat scan read, as the Decoder notes those of one it reads (a Duplicate
// for each repeat, at its name, with the first occurrence's), and where
// the tree path reports those: before anything else about the resource,
// since the Decoder has read it whole when check.top takes them.
func (c *check) flatDuplicates(view *flatView, ptr string) {
	dups := c.dups[:0]
	for i, m := range view.members {
		if m.First >= 0 {
			name := view.Name(i)
			dups = append(dups, jsonpos.Duplicate{
				Name: name, Pos: view.place(view.namePos(i)), First: view.place(view.namePos(m.First)),
				Pointer: c.memberPointer(ptr, name),
			})
		}
	}
	c.duplicates(dups)
	c.dups = dups
}

// failedValues reports the members of a resource at ptr whose values the
// fast check found failing, each keyword as v5's error for it would, and
// marks them invalid for the lint checks.
func (c *check) failedValues(t *Type, view rules.View, fails []failure, ptr string) {
	for _, f := range fails {
		name, v := view.Name(f.member), view.Value(f.member)
		c.invalid.add(name)
		for k := range f.p.asserts {
			if f.failed&(1<<k) != 0 {
				a := &f.p.asserts[k]
				c.valueFinding(t, a.keyword, a.loc, name, v, c.memberPointer(ptr, name))
			}
		}
	}
}

// quickOff tells whether the quick path must stay out: in tests that
// compare with the full path, and under a nesting limit so low that the
// resource itself, or the values nested in it (jsonpos.FlatNesting
// deep), could break it.
func (v *Validator) quickOff() bool {
	return v.slow || (v.opts.MaxDepth > 0 && v.opts.MaxDepth < 8+jsonpos.FlatNesting)
}

// ownDocument is payload.OwnDocument of an item the flat scan read: the
// walker reads such an item whole, as a document.
func ownDocument(members []jsonpos.FlatMember, at payload.Place) bool {
	view := rawView(members)
	return payload.OwnDocument(at.Context, at.InCollection, len(view), func(i int) (string, jsonpos.Kind) { return view.Name(i), view[i].Kind })
}

// standalone tells whether a top-level object is a resource that declares
// no type: payload.ShapeOf, by which the walker decides, reads it as one
// resource, the walker does not take it for a collection on the way
// (payload.ValueStreamed), and it has no @odata.context, from which the
// walker would take the declared type.
func standalone(members []jsonpos.FlatMember) bool {
	view := rawView(members)
	member := func(i int) (string, jsonpos.Kind) { return view.Name(i), view[i].Kind }
	return view.Index("@odata.context") < 0 && !payload.ValueStreamed(len(view), member) &&
		payload.ShapeOf(len(view), member) == payload.ResourceShape
}

// quiet decides, as the full path would, whether a resource read by
// jsonpos.ScanFlat needs no finding. ctx is its document's context, nil
// when there is none.
func (v *Validator) quiet(q *quietState, members []jsonpos.FlatMember, ctx *model.Context, inCollection bool) bool {
	t, _ := v.quietType(q, members, ctx, inCollection)
	return t != nil && v.provenClean(q, t, ctx) == clean
}

// quietType resolves the type of a resource read by jsonpos.ScanFlat as
// the full path would, in a dry run: nil when the type has no fast
// check, and nil with said set when resolving it would report anything
// or skip the resource. It leaves the members in q.view.
func (v *Validator) quietType(q *quietState, members []jsonpos.FlatMember, ctx *model.Context, inCollection bool) (t *Type, said bool) {
	version, declModel := v.declaredBy(ctx)
	s, err := LoadSchemas(version)
	if err != nil {
		return nil, false
	}
	q.view.fill(members)
	q.hit = false
	sub := subject{view: &q.view, ctx: ctx, inCollection: inCollection, metadata: ctx != nil}
	t, skip := resolve(q, &sub, s, s.typeOf(declModel), v.forced)
	switch {
	case q.hit || skip:
		return nil, true
	case t == nil || t.fastCheck() == nil:
		return nil, false
	}
	return t, false
}

// provenClean tells whether the resource in q.view, of type t, needs no
// finding at all: valid by the fast check, and silent in every lint
// check. A select list changes which properties are expected, so a
// resource under one is left to the other paths.
func (v *Validator) provenClean(q *quietState, t *Type, ctx *model.Context) proof {
	q.nested, q.unclean = 0, false
	composite := func(i int, p *fastProp) bool { return v.compositeClean(q, t, ctx != nil, i, p) }
	switch {
	case ctx != nil && ctx.Select != nil, !t.fast.valid(&q.view, true, composite):
		return unproven
	case !v.lintQuiet(q, &q.view, t):
		return lintOnly
	}
	return clean
}

// compositeClean is the fast check's verdict on member i of the resource
// in q.view, an array or an object that property p's schema allows, as
// fastProp.valid gives it for a tree (compositeValid). What the full path
// then checks as resources of their own (eachResource) must be proven
// clean too, each one level down only (itemClean); q.nested counts them.
func (v *Validator) compositeClean(q *quietState, t *Type, metadata bool, i int, p *fastProp) bool {
	m := &q.view.members[i]
	return compositeValid(p, m.Kind, m.Text) && eachResource(&q.view, t, i, func(elem *model.Type, _ int, text []byte) bool {
		q.unclean = !v.itemClean(q, t, elem, metadata, text)
		return !q.unclean
	})
}

// compositeValid is fastProp.valid for an array or object value (of kind,
// its text as ScanFlat read it) that the flat view shows by its kind
// only: allowed by p's schema, the array's items each valid for p's
// items. An array among the items is left to the tree path (false), and
// what is inside an object is not looked into: it is checked against its
// property's own type, as a resource of its own.
func compositeValid(p *fastProp, kind jsonpos.Kind, text []byte) bool {
	if !p.allows(kind) {
		return false
	}
	if kind == jsonpos.Object {
		return true
	}
	return jsonpos.FlatItems(text, func(kind jsonpos.Kind, item []byte, esc int) bool {
		switch {
		case kind == jsonpos.Array:
			return false // valid would look inside; the tree path does
		case p.items == nil:
			return true
		case kind == jsonpos.Object:
			return p.items.allows(jsonpos.Object)
		}
		val := rules.Value{Kind: kind, Text: bytesString(item)}
		if esc >= 0 {
			val.Text = jsonpos.Unescape(item)
		}
		return p.items.validScalar(&val)
	})
}

// eachResource calls each with the values held by member i of a flat
// view of a resource of type t that the full path checks as resources of
// their own (check.nested): the object of a property of a structured
// type, and the objects in the array of a collection of one. Each comes
// with the model type its property declares, its index in the array (-1
// for none) and its text. It stops, and returns false, when each does.
// Only a name's last occurrence counts, as on the tree.
func eachResource(view *valueView, t *Type, i int, each func(elem *model.Type, k int, text []byte) bool) bool {
	m := &view.members[i]
	if m.Kind != jsonpos.Object && m.Kind != jsonpos.Array {
		return true
	}
	name := view.Name(i)
	prop := t.Model.Property(name)
	switch {
	case prop == nil || prop.Elem == nil || prop.Elem.Kind == model.Enum || view.Index(name) != i:
		return true
	case m.Kind == jsonpos.Object && !prop.Collection:
		return each(prop.Elem, -1, m.Text)
	case m.Kind == jsonpos.Array && prop.Collection:
		k := -1
		return jsonpos.FlatItems(m.Text, func(kind jsonpos.Kind, item []byte, _ int) bool {
			k++
			return kind != jsonpos.Object || each(prop.Elem, k, item)
		})
	}
	return true
}

// holdsResources tells whether member i of a flat view of a resource of
// type t holds values that are resources of their own (eachResource).
func holdsResources(view *valueView, t *Type, i int) bool {
	return !eachResource(view, t, i, func(*model.Type, int, []byte) bool { return false })
}

// itemClean proves clean, as quietType and provenClean do a resource, the
// object text that a resource of type t holds where the model declares
// a value of type elem: its type resolved in a dry run (its @odata.type
// may name a derived type), valid by the fast check, with no array or
// object of its own that the schema allows, and silent in every lint
// check.
func (v *Validator) itemClean(q *quietState, t *Type, elem *model.Type, metadata bool, text []byte) bool {
	in := q.inner
	if in == nil {
		in = new(quietState)
		q.inner = in
	}
	n, members, _, ok := jsonpos.ScanFlat(text, in.members[:0])
	if !ok || n != len(text) || rawView(members).repeats() { // ScanFlat refused nested repeats already
		return false
	}
	s := t.owner
	in.view.fill(members)
	in.hit = false
	sub := subject{view: &in.view, nested: true, metadata: metadata}
	it, skip := resolve(in, &sub, s, s.typeOf(elem), v.forced)
	if in.hit || skip || it == nil || it.fastCheck() == nil || !it.fast.valid(&in.view, true, nil) || !v.lintQuiet(in, &in.view, it) {
		return false
	}
	q.nested++
	return true
}

// proof is what provenClean found.
type proof uint8

const (
	unproven proof = iota // not valid for certain by the fast check
	lintOnly              // valid, but a lint check has something to say
	clean                 // valid, and no lint check has anything to say
)

// quietState is the quick path's judge: a dry run of resolve that notes
// whether it would have said anything, and what lintQuiet reuses from one
// resource to the next. A zero one is ready, for the first resource of a
// file; one must not be shared between goroutines.
type quietState struct {
	res rules.Resource
	// lintReport is the report method as a rules.Report, made once.
	lintReport rules.Report
	hit        bool
	view       valueView
	// members holds the members of the resource being proven, so that
	// reading them allocates nothing.
	members [quickMembers]jsonpos.FlatMember
	// later is set once the file has checked a resource: from then on
	// its documents are Graph's (see judge.firstResource).
	later bool
	// spoke is the index in Validator.checks of the lint check that
	// stopped lintQuiet.
	spoke int
	// inner proves the values one level down (itemClean), and nested
	// counts those provenClean proved: resources of their own. unclean
	// says that provenClean stopped at the value after those, which
	// itemClean found not clean.
	inner   *quietState
	nested  int
	unclean bool
}

func (q *quietState) report(string, jsonpos.Pos, string, string) { q.hit = true }
func (q *quietState) skip(jsonpos.Pos, string, string)           { q.hit = true }
func (q *quietState) notGraph(jsonpos.Pos, string)               { q.hit = true }
func (q *quietState) firstResource() bool                        { return !q.later }
func (q *quietState) wordless() bool                             { return true } // a dry run

// lintQuiet runs the lint checks on a resource that passed its schema,
// every one of them whatever its severity, and tells whether none
// reported anything. They are the checks the full path runs, through
// the same rules.View, so a change to a rule changes both verdicts. When
// one reports, q.spoke is its index in v.checks: the ones before it are
// silent on the resource. The state lives in q so that proving a million
// resources clean allocates nothing per resource.
func (v *Validator) lintQuiet(q *quietState, view rules.View, t *Type) bool {
	if q.lintReport == nil {
		q.lintReport = q.report
		q.res.Invalid = func(string) bool { return false } // the schema found nothing
		q.res.Verdict = true
	}
	q.hit = false
	q.res.Look(view, t.Model)
	for i, chk := range v.checks {
		if chk.Check(&q.res, q.lintReport); q.hit {
			q.spoke = i
			return false
		}
	}
	return true
}
