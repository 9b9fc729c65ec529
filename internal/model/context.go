package model

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/suggest"
)

// Context is what an @odata.context URL says about the payload it
// annotates (OData JSON Format 4.01, section 10).
type Context struct {
	URL string
	// Version is the API version named by the URL's path
	// (".../v1.0/$metadata"), or the fallback given to ParseContext.
	Version string
	// Type is the type of the resources in the payload, in Version's
	// model; nil when the URL names no type the model has.
	Type *Type
	// Collection is true when the payload is a collection of Type.
	Collection bool
	// Select lists the properties a select list names; nil when there is
	// none (every property is expected). An expanded navigation property
	// is listed here and in Expand.
	Select []string
	// Expand lists the navigation properties the select list expands.
	Expand []string
	// nested holds, by property name, the contexts of the values of the
	// properties whose own properties the select list narrows further
	// (Nested).
	nested map[string]*Context
	// derived holds, by the name of a type that items of the select list
	// cast to ("microsoft.graph.iosVppApp/assignedLicenses(userId)"), the
	// context of a resource of that type, in which those items, and those
	// that cast to its base types, count as written without the cast
	// (For). Like Nested's, such a context has only URL, Version, Select,
	// Expand and what they narrow.
	derived map[string]*Context
	// Foreign names the part of the URL that leads outside the VPP model
	// (an entity set such as "users", a type such as
	// microsoft.graph.win32LobApp); the payload is not ours to check.
	Foreign string
	// Property names, as "vppToken/state", the primitive or enum
	// property whose single value the payload is ({"value": ...}, OData
	// JSON Format 4.01, section 10.15): not a resource; the value is
	// checked against the property's schema. Type is nil then; Owner is
	// the type in the path whose property it is (a derived type after a
	// cast) and ValueOf the property.
	Property string
	Owner    *Type
	ValueOf  *Property
	// Problem says why the URL cannot be used as it is, for a finding:
	// it cannot be read, or names what this version does not have.
	Problem string
	// SelectProblem says what a context URL's select list, or a request
	// URL's $select and $expand, names that Version's model lacks
	// ("vppToken has no property \"bogus\""), for a finding; "" when it
	// names nothing amiss. Type, Select and the rest
	// still hold: the payload can be checked.
	SelectProblem string
	// Request is true when the context comes from a request URL
	// (ParseURL) rather than from a payload's @odata.context, so that a
	// finding can say which of the two named what it expects.
	Request bool
	// Delta is true for a delta payload ("/$delta", OData JSON Format
	// 4.01, section 15): its items may be deleted entities, which carry
	// @removed and their id rather than every property. Deleted is true
	// for one deleted entity ("/$deletedEntity", the 4.0 form).
	Delta, Deleted bool
	// ItemsOf is the collection-valued property whose values a
	// collection payload lists, when the path ends in one, casts aside
	// (vppTokens('x')/tokenActionResults); nil otherwise. Its Nullable
	// says whether an item may be null, as inside a resource.
	ItemsOf *Property
	// Batch is true for a request URL that names a JSON batch ($batch):
	// its answer holds one response per request, each with a type of its
	// own. Type is nil then.
	Batch bool
}

// Selected tells whether a property is expected in a payload of this
// context: every property without a select list, else those listed.
func (c *Context) Selected(prop string) bool {
	return c == nil || c.Select == nil || slices.Contains(c.Select, prop) || slices.Contains(c.Select, "*")
}

// Nested returns the context of the values of property prop of a
// resource of c, as the select list narrows them: a path into the
// property ("tokenActionResults/actionName"), a nested select list
// ("tokenActionResults(actionName)", "assignments(id)"; in a request URL,
// "$expand=assignments($select=id)"). Its Select lists what those values
// are expected to have and its own Nested goes deeper; Type and the rest
// are unset. It returns nil, every property of the values expected, when
// c is nil or the select list does not narrow prop (it names prop whole,
// "prop()", "prop+", or not at all). Items that start with a cast count
// only on the context For gives for the resource's type.
func (c *Context) Nested(prop string) *Context {
	if c == nil {
		return nil
	}
	return c.nested[prop]
}

// For returns the context of a resource of type t (a type of the
// model of c's Version) under c: c itself, unless the select list names
// members of t or of a type t derives from through a cast
// ("microsoft.graph.iosVppApp/assignedLicenses(userId)", in a request URL
// "$expand=microsoft.graph.iosVppApp/assignedLicenses($select=userId)").
// Such an item (a select list's item or an $expand path that starts with
// a qualified type name and "/", OData ABNF 4.01 selectListItem,
// selectItem, expandPath) is about the resources of that type and of the
// types derived from it only, so on a resource of t the result reads the
// items that cast to t or to a base type of t as written without the
// cast, and its Selected, Select, Expand and Nested say so; its other
// fields are unset then. It returns nil when c is nil.
func (c *Context) For(t *Type) *Context {
	if c == nil || c.derived == nil {
		return c
	}
	for ; t != nil; t = t.Base {
		if d := c.derived[t.Name]; d != nil {
			return d
		}
	}
	return c
}

// InModel tells whether c leads to something the model describes: a
// type (Type), or one property's value (Property).
func (c *Context) InModel() bool {
	return c.Foreign == "" && (c.Type != nil || c.Property != "")
}

// ParseContext reads an @odata.context URL. fallback is the version to
// assume when the URL does not name one (a relative "$metadata#..."). The
// result always has a Version; a URL that names an unknown version keeps
// the fallback and sets Problem.
//
// The fragment is read as the specification's grammar puts it:
// "Collection(type)" or a qualified type name; a singleton
// ("deviceAppManagement") followed by navigation or structural
// properties, each with an optional key ("vppTokens('id')", or a segment
// of its own where keySegment takes it for one: "vppTokens/{id}/...") and
// type cast segments ("mobileApps/microsoft.graph.iosVppApp"); bound functions
// ("getLicensesForApp(...)"); a select list in parentheses after the last
// collection segment ("vppTokens(id,displayName)"), in which "name(...)"
// or "name()" marks an expanded navigation property, and whose names
// are checked against the model (SelectProblem); and a final
// "/$entity", "/$delta", "/$deletedEntity" and the like.
func ParseContext(raw, fallback string) *Context {
	c := &Context{URL: raw, Version: fallback}
	base, frag, ok := strings.Cut(raw, "#")
	if !ok {
		c.Problem = "it has no #fragment after $metadata, so it names nothing"
		return c
	}
	if v, problem := versionOf(base); problem != "" {
		c.Problem = problem
		return c
	} else if v != "" {
		c.Version = v
	}
	if f, err := url.PathUnescape(frag); err == nil {
		frag = f
	}
	m := Get(c.Version)
	if m == nil {
		c.Problem = fmt.Sprintf("vppvalidate has no model of Graph %s", c.Version)
		return c
	}
	c.settle(m, func(c *Context, m *Model) { c.resolve(m, frag) })
	return c
}

// ParseURL types a Graph request URL by what its answer holds: the
// version segment, then the path as ParseContext reads a fragment
// (singleton, navigation, keys in parentheses or as segments of their own,
// casts, bound operations), then the $select and $expand query options.
// fallback is the version of a URL whose path does not start with one, as
// in the requests of a $batch body ("/deviceAppManagement/vppTokens").
// The result is read like ParseContext's: a URL outside the VPP model sets
// Foreign, one that cannot be followed sets Problem. A URL whose answer is
// not a resource ($count, $value, a $ref list, $metadata) is Foreign too.
func ParseURL(raw, fallback string) *Context {
	c := &Context{URL: raw, Version: fallback, Request: true}
	u, err := url.Parse(raw)
	if err != nil {
		c.Problem = "it cannot be read as a URL"
		return c
	}
	path := strings.Trim(u.Path, "/")
	segs, ok := splitTop(path, '/')
	if !ok || path == "" {
		c.Problem = "its path is empty or not well-formed (unbalanced parentheses or quotes)"
		return c
	}
	if v := strings.ToLower(segs[0]); Get(v) != nil {
		// Graph matches a request path without regard to case.
		c.Version, segs = v, segs[1:]
	} else if looksLikeVersion(v) {
		c.Problem = fmt.Sprintf("it names the API version %q; vppvalidate knows %s", finding.Clip(v), strings.Join(Versions(), " and "))
		return c
	}
	switch {
	case len(segs) == 0:
		c.Problem = "it names no resource"
		return c
	case len(segs) == 1 && segs[0] == "$batch":
		c.Batch = true
		return c
	}
	switch last := segs[len(segs)-1]; last {
	case "$count", "$value", "$ref", "$metadata":
		c.Foreign = last
		return c
	}
	c.settle(Get(c.Version), func(c *Context, m *Model) {
		c.follow(m, segs, true, false)
		if c.Type != nil {
			c.query(u.RawQuery)
		}
	})
	return c
}

// looksLikeVersion tells whether a path segment names an API version the
// model may not know ("v2.0", "canary"), rather than a resource.
func looksLikeVersion(seg string) bool {
	if seg == "canary" || seg == "stagingbeta" {
		return true
	}
	rest, ok := strings.CutPrefix(seg, "v")
	return ok && rest != "" && strings.Trim(rest, "0123456789.") == ""
}

// query reads the $select and $expand options of a URL's query into
// Select and Expand, as a context URL's select list would list them: an
// expanded property is selected too when there is a select list.
func (c *Context) query(raw string) {
	q := queryOptions(raw)
	sel, hasSel := q["select"]
	exp, hasExp := q["expand"]
	c.selectExpand(sel, hasSel, exp, hasExp, c.Type)
	c.SelectProblem = strings.Join(requestProblems(Get(c.Version), c.Type, sel, hasSel, exp, hasExp), "; ")
}

// queryOptions reads a URL's query into its options, keyed by
// optionName, splitting it on "&" only: OData separates the options
// nested in $expand with ";" ("$expand=assignments($select=id;$top=2)"),
// which url.ParseQuery refuses. Of an option given more than once, the
// first counts; a part that cannot be unescaped is dropped.
func queryOptions(raw string) map[string]string {
	q := map[string]string{}
	for _, part := range strings.Split(raw, "&") {
		k, v, _ := strings.Cut(part, "=")
		k, err1 := url.QueryUnescape(k)
		v, err2 := url.QueryUnescape(v)
		if name := optionName(k); err1 == nil && err2 == nil && name != "" {
			if _, seen := q[name]; !seen {
				q[name] = v
			}
		}
	}
	return q
}

// optionName returns the name of a query option (in a URL's query, or
// nested in an $expand item's parentheses) as OData 4.01 matches a system
// query option's: in lower case and without its "$", since system query
// option names are case-insensitive and the "$" is optional (OData URL
// Conventions 4.01, section 5: "$SELECT", "$Select" and "select" are all
// $select). Graph takes them so.
func optionName(k string) string {
	return strings.ToLower(strings.TrimPrefix(strings.TrimSpace(k), "$"))
}

// selectExpand reads the values of a $select and a $expand option (each
// only when has is true) into Select, Expand, nested and derived. An
// expanded item's own options, in parentheses and separated by semicolons
// ("assignments($select=id;$expand=...)"), give the context of its values
// (Nested). An item that starts with a cast
// ("microsoft.graph.iosVppApp/assignedLicenses(userId)") names a member of
// that type (the qualified type name and "/" that the OData ABNF 4.01 lets
// selectListItem, selectItem and expandPath start with): it applies, as if
// written without the cast, to the resources of that type and of the types
// derived from it, and to no others (For). owner is the type whose
// members the lists name, nil when it is not known.
func (c *Context) selectExpand(sel string, hasSel bool, exp string, hasExp bool, owner *Type) {
	c.narrow(sel, hasSel, exp, hasExp, owner)
	m := Get(c.Version)
	for _, t := range castTypes(m, sel, exp) {
		d := &Context{URL: c.URL, Version: c.Version, Request: c.Request}
		d.narrow(uncast(m, sel, t), hasSel, uncast(m, exp, t), hasExp, t)
		if c.derived == nil {
			c.derived = make(map[string]*Context)
		}
		c.derived[t.Name] = d
	}
}

// castTypes lists, in the order they first appear, the types of m that
// the items of the lists (a select list, an $expand value) cast to.
func castTypes(m *Model, lists ...string) []*Type {
	var out []*Type
	for _, list := range lists {
		items, _ := splitTop(list, ',')
		for _, it := range items {
			if cast, _ := castOf(it); cast != "" {
				if t := castTarget(m, cast); t != nil && !slices.Contains(out, t) {
					out = append(out, t)
				}
			}
		}
	}
	return out
}

// uncast returns list (a select list, an $expand value) as a resource of
// type t reads it: the items that cast to t or to a type it derives from
// lose their cast; the others stay as they are.
func uncast(m *Model, list string, t *Type) string {
	items, ok := splitTop(list, ',')
	if !ok {
		return list
	}
	for i, it := range items {
		if cast, rest := castOf(it); cast != "" && t.DerivesFrom(castTarget(m, cast)) {
			items[i] = rest
		}
	}
	return strings.Join(items, ",")
}

// castOf splits an item of a select list or of an $expand value that
// starts with a cast to a qualified type name
// ("microsoft.graph.iosVppApp/assignedLicenses(userId)") into that name and
// the rest; of casts one after another, the last is the one that counts.
// An item with no cast gives "" and the item, trimmed.
func castOf(item string) (cast, rest string) {
	rest = strings.TrimSpace(item)
	for {
		first, after, ok := strings.Cut(rest, "/")
		if !ok || !strings.Contains(first, ".") || strings.ContainsAny(first, "()'") {
			return cast, rest
		}
		cast, rest = first, after
	}
}

// narrow is selectExpand without the items that start with a cast.
func (c *Context) narrow(sel string, hasSel bool, exp string, hasExp bool, owner *Type) {
	if hasSel {
		c.narrowSelect(sel, owner)
	}
	if !hasExp {
		return
	}
	items, _ := splitTop(exp, ',')
	for _, it := range items {
		name, opts := cutParen(strings.TrimSpace(it))
		if name == "" || name == "*" || strings.Contains(name, ".") {
			continue // a cast, or what is not a property of the type
		}
		c.Expand = append(c.Expand, name)
		if c.Select != nil && !slices.Contains(c.Select, name) {
			c.Select = append(c.Select, name)
		}
		delete(c.nested, name) // the expansion's own options say what its values hold
		sub := &Context{URL: c.URL, Version: c.Version, Request: c.Request}
		var subSel, subExp string
		var hasSubSel, hasSubExp bool
		parts, _ := splitTop(opts, ';')
		for _, o := range parts {
			k, v, _ := strings.Cut(o, "=")
			switch optionName(k) {
			case "select":
				if !hasSubSel {
					subSel, hasSubSel = v, true
				}
			case "expand":
				if !hasSubExp {
					subExp, hasSubExp = v, true
				}
			}
		}
		sub.selectExpand(subSel, hasSubSel, subExp, hasSubExp, elemOf(owner, name))
		if sub.Select != nil || sub.nested != nil {
			c.setNested(name, sub)
		}
	}
}

// setNested records sub as the context of the values of property name.
func (c *Context) setNested(name string, sub *Context) {
	if c.nested == nil {
		c.nested = make(map[string]*Context)
	}
	c.nested[name] = sub
}

// settle resolves a parsed URL through m with walk, and words what went
// wrong: a URL that names no type, and, when another version's model has
// what this one lacks, that version, since a capture from the other
// endpoint is the likely cause.
func (c *Context) settle(m *Model, walk func(*Context, *Model)) {
	walk(c, m)
	if c.Problem == "" && c.Foreign == "" && c.Property == "" && c.Type == nil {
		c.Problem = "it names no type"
	}
	if c.Problem == "" && c.Foreign == "" && c.SelectProblem == "" {
		return
	}
	v := OtherVersion(c.Version, func(m *Model) bool {
		other := &Context{URL: c.URL, Version: m.Version, Request: c.Request}
		walk(other, m)
		return other.Problem == "" && other.Foreign == "" && other.SelectProblem == "" && (other.Type != nil || other.Property != "")
	})
	if v == "" {
		return
	}
	if c.Problem == "" && c.Foreign == "" {
		// The path is fine; only the select list names what the
		// other version has.
		c.SelectProblem += fmt.Sprintf("; Graph %s has what it names, so the capture may come from the other endpoint", v)
		return
	}
	// What looked foreign here (a type only the other version has, such
	// as macOsVppApp in v1.0) is a version mismatch.
	if c.Problem == "" {
		c.Problem = fmt.Sprintf("Graph %s's model has no %s", c.Version, finding.Clip(c.Foreign))
	}
	c.Foreign = ""
	c.Problem += fmt.Sprintf("; Graph %s has it, so the capture may come from the other endpoint", v)
}

// versionOf reads the API version from the part of a context URL before
// "#": the path segment before "$metadata". A relative URL names none.
func versionOf(base string) (string, string) {
	path := base
	if u, err := url.Parse(base); err == nil {
		path = u.Path
	}
	path = strings.TrimSuffix(path, "/$metadata")
	if path == base && !strings.HasSuffix(base, "$metadata") {
		return "", fmt.Sprintf("it does not point at a $metadata document (%q)", finding.Clip(base))
	}
	if path == "" || path == "$metadata" {
		return "", ""
	}
	v := path[strings.LastIndexByte(path, '/')+1:]
	if Get(v) == nil {
		return "", fmt.Sprintf("it names the API version %q; vppvalidate knows %s", finding.Clip(v), strings.Join(Versions(), " and "))
	}
	return v, ""
}

// resolve walks the fragment through m.
func (c *Context) resolve(m *Model, frag string) {
	entity := false
	for _, suffix := range []string{"/$entity", "/$delta", "/$deletedEntity", "/$deletedLink", "/$link", "/$ref"} {
		if rest, ok := strings.CutSuffix(frag, suffix); ok {
			frag = rest
			entity = suffix == "/$entity" || suffix == "/$deletedEntity"
			c.Delta, c.Deleted = suffix == "/$delta", suffix == "/$deletedEntity"
			break
		}
	}
	if inner, ok := strings.CutPrefix(frag, "Collection("); ok && strings.HasSuffix(inner, ")") {
		c.Collection = true
		c.typeName(m, inner[:len(inner)-1])
		return
	}
	segs, ok := splitSegments(frag)
	if !ok || len(segs) == 0 {
		c.Problem = "its fragment is not well-formed (unbalanced parentheses or quotes)"
		return
	}
	c.follow(m, segs, false, entity)
}

// follow walks path segments through m, the part that a context URL's
// fragment and a request URL's path have in common: a singleton or a
// qualified type name first, then navigation and structural properties
// with an optional key or select list in parentheses, type casts and
// bound operations. A key may also stand as a segment of its own after a
// collection (vppTokens/{id}), as keySegment decides. request says the
// segments are a request URL's path rather than a context URL's
// fragment. entity says the path ends in /$entity: one value, even where
// the path names a collection.
func (c *Context) follow(m *Model, segs []string, request, entity bool) {
	first := segs[0]
	name, paren := cutParen(first)
	if request {
		name = foldName(m, nil, name)
	}
	var cur *Type
	var via *Property // the property the path last went through
	single := true
	switch {
	case strings.Contains(name, "."):
		// A qualified type name: a single value of that type, possibly
		// with a select list.
		c.typeName(m, name)
		if c.Type == nil {
			return
		}
		cur = c.Type
	case m.Singleton(name) != nil:
		cur = m.Singleton(name).Type
	default:
		if folded := foldName(m, nil, name); folded != name {
			// Only a request path is matched without regard to case.
			c.Problem = fmt.Sprintf("%q is spelt %q in Graph's model, and a context URL spells names exactly", finding.Clip(name), folded)
			return
		}
		c.Foreign = name
		return
	}
	lastParen := paren
	for i := 1; i < len(segs); i++ {
		name, paren := cutParen(segs[i])
		if request {
			name = foldName(m, cur, name)
		}
		if !single && keySegment(m, cur, name, request, i+1 < len(segs) || entity) {
			single, lastParen = true, ""
			continue
		}
		if strings.Contains(name, ".") {
			// A type cast, or a qualified bound operation.
			if t := m.Type(name); t != nil && t.Kind != Enum {
				if !t.DerivesFrom(cur) {
					c.Problem = fmt.Sprintf("it casts %s to %s, which does not derive from it", cur.Name, t.Name)
					return
				}
				cur, lastParen = t, paren
				continue
			}
			if _, q := Qualified(name); q && m.Operation(Unqualified(name), cur, !single) == nil {
				c.Foreign = name
				return
			}
			name = Unqualified(name)
		}
		if op := m.Operation(name, cur, !single); op != nil {
			cur = m.Type(op.Returns)
			if cur == nil {
				c.Foreign = name
				return
			}
			single, lastParen, via = !op.ReturnsCollection, "", nil
			continue
		}
		p := cur.Property(name)
		if p == nil {
			c.Problem = fmt.Sprintf("%s has no property or operation %q in Graph %s%s", cur.Name, finding.Clip(name), m.Version, didYouMean(name, pathNames(m, cur)))
			return
		}
		if p.Elem != nil && p.Elem.Kind == Enum || p.Elem == nil && strings.HasPrefix(p.Type, "Edm.") {
			// An individual property's value, {"value": ...} (OData
			// JSON Format 4.01, section 10.15): not a resource.
			c.Property, c.Owner, c.ValueOf = cur.Name+"/"+name, cur, p
			return
		}
		if p.Elem == nil {
			c.Foreign = name // a navigation target outside the model
			return
		}
		cur, single, lastParen, via = p.Elem, !p.Collection, paren, p
		if p.Collection && paren != "" && isKey(paren) {
			single, lastParen = true, ""
		}
	}
	if lastParen != "" && isKey(lastParen) {
		single, lastParen = true, ""
	}
	c.Type, c.Collection = cur, !single && !entity
	if c.Collection && via != nil && via.Collection {
		c.ItemsOf = via
	}
	if lastParen != "" {
		c.selectList(lastParen)
		c.SelectProblem = strings.Join(selectProblems(m, cur, lastParen, false), "; ")
	}
}

// foldName returns the model's spelling of name, a segment of a request
// URL's path, which Graph matches without regard to case
// ("deviceappmanagement/vpptokens"): a singleton's name (cur nil), or a
// property or operation of cur, or a qualified type name for a cast. A
// name the model spells exactly so, or not at all (a key), is returned as
// it is.
func foldName(m *Model, cur *Type, name string) string {
	var names []string
	switch {
	case cur == nil:
		for _, s := range m.Singletons {
			names = append(names, s.Name)
		}
	case strings.Contains(name, "."):
		for _, p := range []string{Namespace + ".", Alias + "."} {
			if len(name) > len(p) && strings.EqualFold(name[:len(p)], p) {
				if t := foldType(m, name[len(p):]); t != "" {
					return p + t
				}
			}
		}
		return name
	default:
		names = pathNames(m, cur)
	}
	if slices.Contains(names, name) {
		return name
	}
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return n
		}
	}
	return name
}

// foldType returns the model's spelling of an unqualified type or
// operation name matched without regard to case, or "".
func foldType(m *Model, name string) string {
	for _, t := range m.Types {
		if strings.EqualFold(t.Name, name) {
			return t.Name
		}
	}
	for _, op := range m.Operations {
		if strings.EqualFold(op.Name, name) {
			return op.Name
		}
	}
	return ""
}

// keySegment tells whether name, a path segment right after a collection
// of cur that has no key in parentheses, is a key written as a segment of
// its own (keyPathSegments in the OData ABNF 4.01; Graph's request URLs
// write keys so: vppTokens/{id}) rather than the next step of the path.
// A key is not qualified with Graph's namespace (a type cast or an
// operation), no $-segment, and no property or operation name of cur in
// any API version: in a version that lacks it, such a name says that the
// capture comes from the other endpoint, not that it is a key.
//
// A request URL's path is one that Graph answered, so that is all it
// asks. A context URL's keys stand in parentheses in the ABNF
// (contextKeyPredicate), and fixtures are written by hand, so there a
// misspelling is likelier than an odd key: the segment is a key when it is
// a literal no property name can be (a GUID, a number, a quoted string),
// or when more of the path follows it (followed; a final /$entity counts)
// and it is no near miss of a property or operation name, so that
// vppTokens/tokenActionResult is still reported as a misspelling.
func keySegment(m *Model, cur *Type, name string, request, followed bool) bool {
	if _, q := Qualified(name); q || name == "" || name[0] == '$' ||
		cur.Property(name) != nil || m.Operation(name, cur, true) != nil || m.Operation(name, cur, false) != nil {
		return false
	}
	var names []string
	for _, v := range Versions() {
		if o := Get(v); o != m {
			if t := o.Type(cur.Name); t != nil {
				names = append(names, pathNames(o, t)...)
			}
		}
	}
	if slices.Contains(names, name) {
		return false
	}
	if request || isKeyLiteral(name) {
		return true
	}
	return followed && suggest.Closest(name, append(names, pathNames(m, cur)...)) == ""
}

// pathNames lists what a path segment after a value of t may name: its
// properties and the operations bound to it or to a collection of it.
func pathNames(m *Model, t *Type) []string {
	names := slices.Clone(t.PropertyNames())
	for _, op := range m.Operations {
		if t.DerivesFrom(m.Type(op.Binding)) {
			names = append(names, op.Name)
		}
	}
	return names
}

// didYouMean is the hint for a name that is not one of names: the near
// miss suggest.Closest finds, as " (did you mean "x"?)", or "" when it
// finds none.
func didYouMean(name string, names []string) string {
	if guess := suggest.Closest(name, names); guess != "" {
		return fmt.Sprintf(" (did you mean %q?)", guess)
	}
	return ""
}

// typeName sets Type from a qualified type name, or Foreign when the name
// is not a type of the model.
func (c *Context) typeName(m *Model, name string) {
	if t := m.Type(name); t != nil && t.Kind != Enum {
		if _, q := Qualified(name); q {
			c.Type = t
			return
		}
	}
	c.Foreign = name
}

// selectList reads a select list, the inside of its parentheses, into
// Select, Expand, nested and derived: the items that go into a property
// ("tokenActionResults/actionName", "tokenActionResults(actionName)")
// narrow what its values hold, unless another item names the property
// whole; those that start with a cast apply to the resources of that type
// (selectExpand).
func (c *Context) selectList(list string) { c.selectExpand(list, true, "", false, c.Type) }

// narrowSelect is selectList without the items that start with a cast;
// owner is the type whose members the list names, nil when unknown. A
// list of expanded navigation properties alone ("assignments()",
// "microsoft.graph.iosVppApp/assignedLicenses()") selects every
// structural property: it is how a context URL writes a $expand without
// a $select (OData JSON Format 4.01, section 10.9; Graph's own examples
// do so, "agreements(files())/$entity" with every property).
func (c *Context) narrowSelect(list string, owner *Type) {
	c.Select = []string{}
	inner := map[string][]string{} // name: the items inside it; nil once named whole
	items := selectItems(list)
	for _, it := range items {
		name := it.path[0]
		if it.cast != "" || strings.Contains(name, ".") {
			continue // a derived type's member, an operation, Namespace.*: not a property of the type
		}
		if !slices.Contains(c.Select, name) {
			c.Select = append(c.Select, name)
		}
		if it.expanded && !slices.Contains(c.Expand, name) {
			c.Expand = append(c.Expand, name)
		}
		subs, narrowed := inner[name]
		switch {
		case narrowed && subs == nil:
			// named whole already
		case len(it.path) > 1:
			sub := strings.Join(it.path[1:], "/")
			if it.nested != "" {
				sub += "(" + it.nested + ")"
			}
			inner[name] = append(subs, sub)
		case it.nested != "":
			inner[name] = append(subs, it.nested)
		default:
			inner[name] = nil // the whole property, "name()" or "name+"
		}
	}
	for _, name := range c.Select {
		if subs := inner[name]; subs != nil {
			sub := &Context{URL: c.URL, Version: c.Version, Request: c.Request}
			sub.selectExpand(strings.Join(subs, ","), true, "", false, elemOf(owner, name))
			c.setNested(name, sub)
		}
	}
	if onlyExpansions(Get(c.Version), owner, items) {
		c.Select = nil
	}
}

// onlyExpansions tells whether every item of a select list expands a
// navigation property (one name with parentheses or "+"), of owner or of
// the type the item casts to; where that type is not known, the
// parentheses alone say so, since a context URL gives them to navigation
// properties only (a complex property's members are a path:
// "largeIcon/type").
func onlyExpansions(m *Model, owner *Type, items []selectItem) bool {
	for _, it := range items {
		if !it.expanded || len(it.path) != 1 {
			return false
		}
		t := owner
		if it.cast != "" {
			t = castTarget(m, it.cast)
		}
		if p := t.Property(it.path[0]); t != nil && (p == nil || !p.Navigation) {
			return false
		}
	}
	return len(items) > 0
}

// elemOf is the type of the values of owner's property name, nil when
// either is unknown.
func elemOf(owner *Type, name string) *Type {
	if p := owner.Property(name); p != nil {
		return p.Elem
	}
	return nil
}

// selectItem is one item of a context URL's select list, taken apart as
// the OData ABNF 4.01 (selectListItem, selectListProperty) and the JSON
// Format 4.01 (section 10, Context URL) write it.
type selectItem struct {
	// cast is the qualified name of a derived type whose member the item
	// names ("microsoft.graph.iosVppApp/bundleId"), "" for none.
	cast string
	// path is the property and the path into it, one name a step
	// ("largeIcon/type"), with "+" taken off; or one entry that is "*",
	// Namespace.*, a qualified operation name or an annotation.
	path []string
	// expanded is true for an item with a select list of its own or a
	// "+": an expanded navigation property.
	expanded bool
	// nested is the inside of the item's own select list, "" for none.
	nested string
}

// selectItems splits a select list (the inside of its parentheses) into
// its items.
func selectItems(list string) []selectItem {
	raw, _ := splitTop(list, ',')
	out := make([]selectItem, 0, len(raw))
	for _, it := range raw {
		cast, it := castOf(it)
		head, nested := cutParen(it)
		s := selectItem{cast: cast, nested: nested, expanded: nested != "" || strings.HasSuffix(it, "()")}
		if rest, plus := strings.CutSuffix(head, "+"); plus {
			head, s.expanded = rest, true
		}
		s.path = strings.Split(head, "/")
		out = append(out, s)
	}
	return out
}

// selectProblems checks a select list against t, the type it selects
// from, and its nested select lists against the types of their
// properties; it returns what the model does not have, one clause an
// item, empty when all is known. Graph answers a request whose $select
// names what the type lacks with an error, so a context URL naming it was
// not written by Graph. What lies outside the model (an operation, the
// target of a navigation property the model does not follow, a type of
// Graph the model does not keep) is left alone. fold matches names
// without regard to case, as Graph reads a request URL's.
func selectProblems(m *Model, t *Type, list string, fold bool) []string {
	var out []string
	for _, it := range selectItems(list) {
		if p := selectItemProblem(m, t, it, fold); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// selectItemProblem is selectProblems for one item; "" when it is known
// or not the model's to judge.
func selectItemProblem(m *Model, t *Type, it selectItem, fold bool) string {
	if fold && it.cast != "" {
		it.cast = foldName(m, t, it.cast)
	}
	if it.cast != "" {
		ct := castTarget(m, it.cast)
		switch {
		case ct == nil:
			return typeProblem(m, it.cast)
		case !ct.DerivesFrom(t) && !t.DerivesFrom(ct):
			return fmt.Sprintf("%s does not derive from %s", ct.Name, t.Name)
		}
		t = ct
	}
	name := it.path[0]
	if name == "" || name == "*" || name[0] == '@' || strings.Contains(name, ".") {
		return "" // all properties, an annotation, an operation or Namespace.*
	}
	for _, step := range it.path {
		if t == nil || t.Kind == Enum {
			return "" // a path into a primitive value or beyond the model
		}
		if fold {
			step = foldName(m, t, step)
		}
		if strings.Contains(step, ".") {
			ct := castTarget(m, step)
			switch {
			case ct == nil:
				return typeProblem(m, step)
			case !ct.DerivesFrom(t):
				return fmt.Sprintf("%s does not derive from %s", ct.Name, t.Name)
			}
			t = ct
			continue
		}
		p := t.Property(step)
		if p == nil {
			return unselectable(t, step)
		}
		t = p.Elem
	}
	if it.nested == "" || t == nil || t.Kind == Enum {
		return ""
	}
	return strings.Join(selectProblems(m, t, it.nested, fold), "; ")
}

// requestProblems is selectProblems for a request URL's $select and
// $expand values (each only when has is true) on a resource of type t:
// an expanded item's own $select and $expand, in its parentheses and
// separated by semicolons, are read as the nested select list a context
// URL writes for it ("assignments($select=id;$expand=x)" as
// "assignments(id,x)"). Names are matched without regard to case.
func requestProblems(m *Model, t *Type, sel string, hasSel bool, exp string, hasExp bool) []string {
	var lists []string
	if hasSel {
		lists = append(lists, sel)
	}
	if hasExp {
		lists = append(lists, expandAsSelect(exp))
	}
	return selectProblems(m, t, strings.Join(lists, ","), true)
}

// expandAsSelect writes an $expand value as a context URL's select list
// writes what it expands (OData JSON 4.01, section 10.9): each item's
// path, and in parentheses the items of its own $select and $expand.
func expandAsSelect(exp string) string {
	items, _ := splitTop(exp, ',')
	for i, it := range items {
		name, opts := cutParen(strings.TrimSpace(it))
		var inner []string
		parts, _ := splitTop(opts, ';')
		for _, o := range parts {
			k, v, _ := strings.Cut(o, "=")
			switch optionName(k) {
			case "select":
				inner = append(inner, v)
			case "expand":
				inner = append(inner, expandAsSelect(v))
			}
		}
		items[i] = name
		if len(inner) > 0 {
			items[i] += "(" + strings.Join(inner, ",") + ")"
		}
	}
	return strings.Join(items, ",")
}

// castTarget is the structured type a qualified name names, or nil.
func castTarget(m *Model, name string) *Type {
	if t := m.Type(name); t != nil && t.Kind != Enum {
		if _, q := Qualified(name); q {
			return t
		}
	}
	return nil
}

// typeProblem words a qualified name that names no type of m where a
// select list expects one: a near miss of a type, or a type only another
// version has. Another name of Graph's (a type the model does not keep)
// is not the model's to judge: "".
func typeProblem(m *Model, name string) string {
	short, _ := Qualified(name)
	var names []string
	for _, t := range m.Structured() {
		names = append(names, t.Name)
	}
	if guess := suggest.Closest(short, names); guess != "" {
		return fmt.Sprintf("there is no type %q (did you mean %q?)", name, Namespace+"."+guess)
	}
	if OtherVersion(m.Version, func(o *Model) bool { return castTarget(o, name) != nil }) != "" {
		return fmt.Sprintf("there is no type %q", name)
	}
	return ""
}

// unselectable words a property name that t lacks: where a type derived
// from t has it, how to select it there (OData selects a derived type's
// property through a cast); else the near miss, if any.
func unselectable(t *Type, name string) string {
	msg := fmt.Sprintf("%s has no property %q", t.Name, finding.Clip(name))
	var have []string
	for _, d := range t.Family()[1:] {
		if d.Property(name) != nil {
			have = append(have, d.Name)
		}
	}
	if len(have) == 0 {
		return msg + didYouMean(name, t.PropertyNames())
	}
	verb := "have"
	if len(have) == 1 {
		verb = "has"
	}
	return msg + fmt.Sprintf(" (%s %s it: select it as %s.%s/%s)", strings.Join(have, " and "), verb, Namespace, have[0], name)
}

// isKey tells a key predicate from a select list: a key is a literal
// (quoted, numeric, or a GUID) or name=value pairs.
func isKey(paren string) bool {
	p := strings.TrimSpace(paren)
	if isKeyLiteral(p) {
		return true
	}
	items, _ := splitTop(p, ',')
	for _, it := range items {
		if k, v, ok := strings.Cut(it, "="); ok && !strings.ContainsAny(k, "()") && v != "" {
			return true
		}
	}
	return false
}

// isKeyLiteral tells whether s is written as a key value that no name can
// be (OData ABNF 4.01, keyPropertyValue): a quoted string, a number or a
// GUID.
func isKeyLiteral(s string) bool {
	return s != "" && (s[0] == '\'' || s[0] == '-' || (s[0] >= '0' && s[0] <= '9') || isGUID(s))
}

func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if r != '-' {
				return false
			}
		case (r >= '0' && r <= '9') || (r >= 'a' && r <= 'f') || (r >= 'A' && r <= 'F'):
		default:
			return false
		}
	}
	return true
}

// cutParen splits "name(inside)" into name and inside; "name" gives
// (name, ""). "name()" gives (name, "") too.
func cutParen(seg string) (string, string) {
	i := strings.IndexByte(seg, '(')
	if i < 0 || !strings.HasSuffix(seg, ")") {
		return seg, ""
	}
	return seg[:i], seg[i+1 : len(seg)-1]
}

// splitSegments splits a fragment on the slashes outside parentheses and
// quotes; ok is false when they do not balance.
func splitSegments(frag string) ([]string, bool) { return splitTop(frag, '/') }

// splitTop splits s on sep where it stands outside parentheses and
// single-quoted strings (” is a quote inside a string).
func splitTop(s string, sep byte) ([]string, bool) {
	var out []string
	depth, quoted, start := 0, false, 0
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case ch == '\'':
			quoted = !quoted
		case quoted:
		case ch == '(':
			depth++
		case ch == ')':
			depth--
			if depth < 0 {
				return nil, false
			}
		case ch == sep && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	if depth != 0 || quoted {
		return nil, false
	}
	return append(out, s[start:]), true
}
