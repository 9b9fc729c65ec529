// Package payload finds the resources inside a captured Graph response.
//
// A recorded response is rarely one bare object: Graph returns collections
// as {"@odata.context": ..., "value": [...]}, documentation wraps single
// entities as {"value": {...}}, $batch answers hold one response per
// request, failures come back as {"error": {...}}, and captures are often
// plain arrays or one response per line. Walk follows those shapes as it
// reads, handing over one resource at a time with its pointer from the
// document root, so a collection of a million resources is never held in
// memory at once.
package payload

import (
	"fmt"
	"mime"
	"strconv"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// Resource is one value that should be a Graph resource.
type Resource struct {
	Value   *jsonpos.Value
	Pointer string // RFC 6901, from the document root
	// Context is what the @odata.context of the document holding the
	// resource says (its version, type and select list), nil when the
	// document has none. Resources of one document share it.
	Context *model.Context
	// InCollection is true for an item of a collection's value array:
	// its place says it is a Graph resource, whatever its members.
	InCollection bool
	// Int64Strings is set when the document holding the resource was
	// sent with IEEE754Compatible=true (Visitor.Int64Strings): counts in
	// it, a navigation property's among them, are strings.
	Int64Strings bool
}

// PropertyValue is the value of one primitive or enum property, the
// payload of a context such as ".../vppTokens('x')/state"
// ({"value": "valid"}, OData JSON Format 4.01, section 10.15): not a
// resource.
type PropertyValue struct {
	Value   *jsonpos.Value // the "value" member's value, read whole
	Pointer string         // of Value, RFC 6901, from the document root
	// Context names the property (Context.Owner, Context.ValueOf).
	Context *model.Context
}

// Problem is something about the payload's shape itself, outside any
// resource.
type Problem struct {
	Rule    string
	Pos     jsonpos.Pos
	Pointer string
	Message string
}

// Visitor receives what Walk finds, in document order.
type Visitor struct {
	Resource func(Resource)
	Problem  func(Problem)
	// Value, when set, is given the value of each payload whose context
	// names one property's value; without it such a payload is reported
	// as not checked.
	Value func(PropertyValue)
	// Version is the API version assumed for a context URL that names
	// none (a relative "$metadata#...").
	Version string
	// Proven, when set, is offered each item of an array of resources
	// (a collection's value, a top-level array), and each top-level
	// object, before it is read. It returns true after consuming the
	// value with d.Skip, when it takes over the resource: Resource is not
	// called for it. Otherwise it consumes nothing and the value is read
	// as usual. It lets the common case, a long run of correct resources,
	// pass without building a value tree for each.
	Proven func(d *jsonpos.Decoder, at Place) bool
	// Implied, when set, gives the context of a document that has no
	// @odata.context of its own, by the document's pointer: "" for the
	// whole input, "/responses/N/body" for a batch response's body. A
	// recorded response takes it from its request URL. It returns nil
	// when nothing is implied; a context it gives is not reported, and
	// one that leads outside the model has its resources skipped.
	Implied func(ptr string) *model.Context
	// Int64Strings, when set, tells whether the document at ptr (as in
	// Implied) was sent with IEEE754Compatible=true, under which Edm.Int64
	// values, @odata.count among them, are written as strings (OData JSON
	// Format 4.01, section 3.2). Without it they are numbers.
	Int64Strings func(ptr string) bool
	// int64Doc is Int64Strings of the document being walked, handed on
	// with each of its resources (Resource.Int64Strings).
	int64Doc bool
	// Cut, when set, is offered each array of resources (a collection's
	// value, a top-level array, a batch body's array) before each of its
	// items is read. It may cut a run of whole items off the decoder with
	// d.NextRun, to be walked elsewhere by WalkItems, and return true;
	// otherwise it consumes nothing and the next item is read as usual.
	// at.Index is -1: the run says where it starts.
	Cut func(d *jsonpos.Decoder, at Place) bool
	// Lines, when set, is called by WalkLines before each document. It
	// may cut a run of whole lines off the decoder with d.NextLines, to
	// be walked elsewhere by WalkLines, and return true; otherwise it
	// consumes nothing and the document is read as usual.
	Lines func(d *jsonpos.Decoder) bool
	// Type is the unqualified name of the type every top-level resource
	// is declared to have (--type), "" for none. It tells a resource
	// whose type has a property called value, such as a mimeContent,
	// from a collection when nothing else in the object does.
	Type string
}

// Place says where a value offered to Visitor.Proven stands.
type Place struct {
	// Context is what the payload declares for the value, as in
	// Resource.
	Context *model.Context
	// Whole is true for a top-level object. It is a resource only if it
	// has none of the members that make it a collection, a batch answer
	// or an error, and no @odata.context, which would declare its type.
	Whole bool
	// Array and Index locate an array item: its pointer is
	// Array + "/" + Index. Building that string is left to Pointer, for
	// the few values that need one.
	Array string
	Index int
	// InCollection and Int64Strings are as in Resource.
	InCollection, Int64Strings bool
}

// Pointer is the RFC 6901 pointer of the value.
func (p Place) Pointer() string {
	if p.Whole {
		return ""
	}
	return p.Array + "/" + strconv.Itoa(p.Index)
}

// Walk reads one document from d and hands its resources and shape
// problems to vis. The outer levels of a document (a top-level array, a
// collection's value array, a batch's responses) are walked item by item;
// each item is read whole. The error is the decoder's: a
// *jsonpos.SyntaxError or a read error.
func Walk(d *jsonpos.Decoder, vis Visitor) error {
	if err := walk(d, vis); err != nil {
		return err
	}
	return d.End()
}

// WalkLines reads JSON Lines: one document per line, blank lines ignored,
// but an input without any is reported through onSyntax.
// A line that is not well-formed is reported through onSyntax and
// skipped, so one bad line does not hide the findings of the others;
// pointers are relative to each line's document, positions to the file.
func WalkLines(d *jsonpos.Decoder, vis Visitor, onSyntax func(*jsonpos.SyntaxError)) error {
	// An input with no line at all (empty, or only white space) is a
	// capture that went wrong, as an empty .json file is: it is the same
	// syntax finding, where ReadValue places it.
	whole := d.Offset() == 0
	for {
		_, ok, err := d.Peek()
		if err == nil && !ok {
			if whole {
				if _, err := d.ReadValue(); err != nil {
					se, isSyntax := err.(*jsonpos.SyntaxError)
					if !isSyntax {
						return err
					}
					onSyntax(se)
				}
			}
			return nil
		}
		whole = false
		if err == nil && vis.Lines != nil && vis.Lines(d) {
			continue
		}
		if err == nil {
			d.BeginLine()
			err = walk(d, vis)
		}
		if err == nil {
			err = d.EndLine()
		}
		if err != nil {
			se, isSyntax := err.(*jsonpos.SyntaxError)
			if !isSyntax {
				return err
			}
			onSyntax(se)
			if !d.Recover() {
				return nil
			}
		}
	}
}

func walk(d *jsonpos.Decoder, vis Visitor) error {
	vis.int64Doc = vis.Int64Strings != nil && vis.Int64Strings("")
	c, ok, err := d.Peek()
	if err != nil {
		return err
	}
	switch {
	case ok && c == '[':
		return items(d, nil, false, vis)
	case ok && c == '{':
		// A whole object is proven only without an implied context,
		// which Place cannot carry.
		if vis.Proven != nil && vis.Implied == nil && vis.Proven(d, Place{Whole: true, Int64Strings: vis.int64Doc}) {
			return nil
		}
		shell, err := object(d, "", vis)
		if err != nil {
			return err
		}
		document(shell, "", vis)
		return nil
	default:
		v, err := d.ReadValue()
		if err != nil {
			return err
		}
		document(v, "", vis)
		return nil
	}
}

// items walks an array whose every item is a resource of the context
// (nil: none).
func items(d *jsonpos.Decoder, ctx *model.Context, collection bool, vis Visitor) error {
	d.Detach() // the items are dropped as they come; the shell around them is kept
	array := d.Pointer()
	if err := d.OpenArray(); err != nil {
		return err
	}
	return eachItem(d, Place{Context: ctx, Array: array, Index: -1, InCollection: collection, Int64Strings: vis.int64Doc}, vis)
}

// WalkItems walks the items of a run that Visitor.Cut cut off an array,
// from the run's own decoder (jsonpos.Run.Decoder), as Walk would have
// walked them in place: at is the Place that Cut was given. It hands over
// what it finds to vis as Walk does, and returns the decoder's error.
func WalkItems(d *jsonpos.Decoder, at Place, vis Visitor) error {
	vis.Cut = nil
	vis.int64Doc = at.Int64Strings
	return eachItem(d, at, vis)
}

// eachItem walks the items of an array that d has opened.
func eachItem(d *jsonpos.Decoder, at Place, vis Visitor) error {
	ctx, collection, array := at.Context, at.InCollection, at.Array
	for {
		if vis.Cut != nil && vis.Cut(d, at) {
			continue
		}
		i, more, err := d.NextItem()
		if err != nil || !more {
			return err
		}
		if unchecked(ctx) || nullItem(ctx) && peek(d) == 'n' {
			// Not ours: reported once for the document, items skipped;
			// or a null where the property's items may be null.
			if _, err := d.ReadValue(); err != nil {
				return err
			}
			continue
		}
		// A delta payload's items are read whole: a deleted entity is
		// not a resource with every property.
		if ctx == nil || !ctx.Delta {
			if vis.Proven != nil && vis.Proven(d, Place{Context: ctx, Array: array, Index: i, InCollection: collection, Int64Strings: at.Int64Strings}) {
				continue
			}
		}
		ptr := d.Pointer()
		v, err := d.ReadValue()
		if err != nil {
			return err
		}
		item(v, ptr, ctx, collection, vis)
	}
}

// OwnDocument tells whether an item of an array, an object whose members
// have the names and kinds that member gives (for i from 0 to n-1, in
// order), is a document of its own rather than a resource of the array's.
// That is so in an array that no context types and that is not a
// collection's value (ctx nil, collection false): a top-level array,
// where an object with an @odata.context, a Graph error, a batch answer
// or a collection ({"value": [...]}, or a wrapped entity) is a saved
// response, and says what it is itself, as a line of JSON Lines does.
func OwnDocument(ctx *model.Context, collection bool, n int, member func(i int) (string, jsonpos.Kind)) bool {
	if ctx != nil || collection {
		return false
	}
	valueKind := jsonpos.Null
	for i := range n {
		switch name, kind := member(i); name {
		case "@odata.context":
			return true
		case "value":
			valueKind = kind
		}
	}
	switch ShapeOf(n, member) {
	case ErrorShape, BatchShape:
		return true
	case CollectionShape:
		return valueKind == jsonpos.Array || valueKind == jsonpos.Object
	}
	return false
}

// peek is the first byte of the next value, 0 at the end or on an error
// (which reading the value then reports).
func peek(d *jsonpos.Decoder) byte {
	c, _, _ := d.Peek()
	return c
}

// item hands over one item of an array of resources read whole: a
// resource, or a deleted entity of a delta payload, whose shape is checked
// here.
func item(v *jsonpos.Value, ptr string, ctx *model.Context, collection bool, vis Visitor) {
	if v.Kind == jsonpos.Object && OwnDocument(ctx, collection, len(v.Members), func(i int) (string, jsonpos.Kind) {
		return v.Members[i].Name, v.Members[i].Value.Kind
	}) {
		document(v, ptr, vis)
		return
	}
	if ctx != nil && ctx.Delta && v.Kind == jsonpos.Object {
		for _, name := range []string{"@removed", "@odata.removed"} {
			if m := v.Member(name); m != nil {
				deleted(v, m, ptr, ctx.Type, vis)
				return
			}
		}
		if m := v.Member("@odata.context"); m != nil && m.Value.Kind == jsonpos.String && strings.HasSuffix(m.Value.Text, "/$deletedEntity") {
			deleted(v, nil, ptr, ctx.Type, vis)
			return
		}
	}
	vis.Resource(Resource{Value: v, Pointer: ptr, Context: ctx, InCollection: collection, Int64Strings: vis.int64Doc})
}

// deleted checks a deleted entity of a delta payload (OData JSON Format
// 4.01, section 15.3): removed, its @removed (@odata.removed), is an
// object whose reason, when given, is "deleted" or "changed"; in the 4.0
// form, whose own context ends in /$deletedEntity (removed is nil), the
// reason is a member of the entity itself. Either names its id (Graph's
// key) or @odata.id: the id a string where the collection's type t (nil
// when unknown) declares it Edm.String, as every Graph entity does, and
// @odata.id a string, an IRI. Its other members are not checked: a
// deleted entity holds what the service chooses.
func deleted(v *jsonpos.Value, removed *jsonpos.Member, ptr string, t *model.Type, vis Visitor) {
	holder, at, name := v, ptr, "reason"
	if removed != nil {
		holder, at, name = removed.Value, ptr+"/"+jsonpos.EscapeToken(removed.Name), removed.Name+": reason"
		if holder.Kind != jsonpos.Object {
			vis.Problem(Problem{Rule: rules.Type, Pos: holder.Pos, Pointer: at,
				Message: fmt.Sprintf("%s: expected an object, {\"reason\": \"deleted\"} or {\"reason\": \"changed\"}, found %s", removed.Name, describe(holder))})
			holder = nil
		}
	}
	if r := holder.Get("reason"); r != nil && !(r.Kind == jsonpos.String && (r.Text == "deleted" || r.Text == "changed")) {
		vis.Problem(Problem{Rule: rules.Type, Pos: r.Pos, Pointer: at + "/reason",
			Message: fmt.Sprintf("%s must be \"deleted\" or \"changed\", found %s", name, describeText(r))})
	}
	named := false
	for _, m := range v.Members {
		var text bool // whether it must be a string
		switch m.Name {
		case "id":
			p := t.Property("id")
			text = p != nil && p.Type == "Edm.String"
		case "@odata.id", "@id":
			text = true
		default:
			continue
		}
		named = true
		if text && m.Value.Kind != jsonpos.String {
			vis.Problem(Problem{Rule: rules.Type, Pos: m.Value.Pos, Pointer: ptr + "/" + jsonpos.EscapeToken(m.Name),
				Message: fmt.Sprintf("%s: expected a string naming the entity removed, found %s", m.Name, describeText(m.Value))})
		}
	}
	if !named {
		vis.Problem(Problem{Rule: rules.MissingProperty, Pos: v.Pos, Pointer: ptr,
			Message: "missing property \"id\": a deleted entity in a delta payload names the entity it removes"})
	}
}

// describeText names a value for a message: a string quoted, a number as
// written, anything else by its kind.
func describeText(v *jsonpos.Value) string {
	switch v.Kind {
	case jsonpos.String:
		return "the string " + quote(v.Text)
	case jsonpos.Number:
		return "the number " + finding.Clip(v.Text)
	}
	return describe(v)
}

// object walks an object found at ptr: a top-level one or a batch
// response's body. Its members are read whole, except the arrays that can
// be long (a collection's value, a batch's responses): their items are
// handed over as they come and left out of the returned shell, where an
// empty array stands in for each.
func object(d *jsonpos.Decoder, ptr string, vis Visitor) (*jsonpos.Value, error) {
	return walkShell(d, func(shell *jsonpos.Value, name string) (*jsonpos.Value, error) {
		if c, _, _ := d.Peek(); c != '[' || (name != "value" && name != "responses") {
			return nil, nil
		}
		members := shell.Members
		if name == "value" && !ValueStreamed(len(members)+1, func(i int) (string, jsonpos.Kind) {
			if i == len(members) {
				return name, jsonpos.Array
			}
			return members[i].Name, members[i].Value.Kind
		}) {
			return nil, nil // a resource's property called value (ShapeOf): read whole
		}
		if name == "value" && shell.Member("@odata.context") == nil {
			if found, _ := d.MemberAfter("@odata.context", LateContextWindow); found {
				// The context comes after the items (a fixture written
				// from a map, whose keys have no order): read them whole,
				// so that they are checked under it. Past the window they
				// are streamed, and collection reports the context.
				return nil, nil
			}
		}
		stand := &jsonpos.Value{Kind: jsonpos.Array, Pos: d.Here(), Text: streamed}
		if name == "value" {
			// From here the object is walked as a collection: what is
			// wrong with its members so far is said now, before its
			// items, so that findings come in reading order.
			wrapper(shell, shell.Members, ptr, vis)
			ctx := context(shell, ptr, vis)
			if namesValue(ctx) {
				// A collection-valued property's value, handed over whole.
				v, err := d.ReadValue()
				if err != nil {
					return nil, err
				}
				propertyValue(v, ptr+"/value", ctx, vis)
				return stand, nil
			}
			oneAsMany(ctx, stand.Pos, ptr, vis)
			return stand, items(d, ctx, true, vis)
		}
		return stand, responses(d, vis)
	})
}

// LateContextWindow is how far, in bytes, a collection's walk looks ahead
// past its value array for an @odata.context that comes after it. Items
// within it are read whole and checked under that context; a longer
// array is streamed, checked without it, and the context reported.
var LateContextWindow = 4 << 20

// memberIn returns the member called name among members, nil when there
// is none.
func memberIn(members []jsonpos.Member, name string) *jsonpos.Member {
	for i := range members {
		if members[i].Name == name {
			return &members[i]
		}
	}
	return nil
}

// streamed marks, in its Text, the empty array that stands in a shell for
// an array whose items were handed over as they were read.
const streamed = "\x00streamed"

// walkShell walks an object member by member and returns it as a shell.
// stream is offered each member's value first: it may walk the value
// itself and return what stands for it in the shell, or return nil to have
// the value read whole.
func walkShell(d *jsonpos.Decoder, stream func(shell *jsonpos.Value, name string) (*jsonpos.Value, error)) (*jsonpos.Value, error) {
	shell := &jsonpos.Value{Kind: jsonpos.Object, Pos: d.Here()}
	if err := d.OpenObject(); err != nil {
		return nil, err
	}
	for {
		name, namePos, more, err := d.NextMember()
		if err != nil {
			return nil, err
		}
		if !more {
			return shell, nil
		}
		v, err := stream(shell, name)
		if err == nil && v == nil {
			v, err = d.ReadValue()
		}
		if err != nil {
			return nil, err
		}
		shell.Members = append(shell.Members, jsonpos.Member{Name: name, NamePos: namePos, Value: v})
	}
}

// responses walks the responses array of a JSON batch answer, one
// response at a time. A response's body is walked like a top-level
// document, so that a body holding a long collection is not held whole
// either.
func responses(d *jsonpos.Decoder, vis Visitor) error {
	d.Detach() // as in items
	array := d.Pointer()
	if err := d.OpenArray(); err != nil {
		return err
	}
	for {
		i, more, err := d.NextItem()
		if err != nil || !more {
			return err
		}
		ptr := array + "/" + strconv.Itoa(i)
		var v *jsonpos.Value
		if c, _, _ := d.Peek(); c == '{' {
			v, err = responseShell(d, ptr, vis)
		} else {
			v, err = d.ReadValue()
		}
		if err != nil {
			return err
		}
		response(v, ptr, vis)
	}
}

// responseShell walks one response object at ptr. Its members are read
// whole but for a JSON body, which is walked as object walks a document;
// the collection items in it are handed over as they come.
func responseShell(d *jsonpos.Decoder, ptr string, vis Visitor) (*jsonpos.Value, error) {
	return walkShell(d, func(shell *jsonpos.Value, name string) (*jsonpos.Value, error) {
		if name != "body" {
			return nil, nil
		}
		switch c, _, _ := d.Peek(); c {
		case '{':
			// Its headers say how the body writes Edm.Int64 values. Graph
			// writes them first; when they come after the body, within
			// LateContextWindow, the body is read whole and checked once
			// they are known (response), as a late @odata.context is.
			if shell.Member("headers") == nil {
				if found, _ := d.MemberAfter("headers", LateContextWindow); found {
					return nil, nil
				}
			}
			return object(d, ptr+"/body", withInt64Strings(vis, shell, ptr+"/body"))
		case '[':
			stand := &jsonpos.Value{Kind: jsonpos.Array, Pos: d.Here(), Text: streamed}
			return stand, items(d, nil, false, vis)
		}
		return nil, nil
	})
}

// response handles one item of a batch answer: {"id", "status", "headers",
// "body"}. A JSON body is a document of its own kind.
func response(v *jsonpos.Value, ptr string, vis Visitor) {
	if v.Kind != jsonpos.Object {
		vis.Problem(Problem{Rule: rules.Type, Pos: v.Pos, Pointer: ptr,
			Message: fmt.Sprintf("a batch response must be an object with id, status, headers and body; found %s", describe(v))})
		return
	}
	body := v.Get("body")
	if body == nil || (body.Kind != jsonpos.Object && body.Kind != jsonpos.Array) {
		// No body (204) or one that is not JSON, such as base64 text for
		// another content type: nothing of ours to check, unless the
		// response says it is JSON.
		if body != nil && saysJSON(v) {
			vis.Problem(Problem{Rule: rules.Type, Pos: body.Pos, Pointer: ptr + "/body",
				Message: fmt.Sprintf("batch response %s: its Content-Type says JSON, but the body is %s, not a JSON object or array", describeID(v), describe(body))})
		}
		return
	}
	if isGraphError(body) {
		graphError(body, ptr+"/body", "batch response "+describeID(v), vis)
		return
	}
	document(body, ptr+"/body", withInt64Strings(vis, v, ptr+"/body"))
}

// saysJSON tells whether a batch response's headers declare a JSON body.
func saysJSON(v *jsonpos.Value) bool {
	return strings.Contains(strings.ToLower(contentType(v)), "json")
}

// contentType is the Content-Type header of a batch response, "" when it
// names none.
func contentType(v *jsonpos.Value) string {
	headers := v.Get("headers")
	if headers == nil || headers.Kind != jsonpos.Object {
		return ""
	}
	for _, h := range headers.Members {
		if strings.EqualFold(h.Name, "Content-Type") && h.Value.Kind == jsonpos.String {
			return h.Value.Text
		}
	}
	return ""
}

// IEEE754Compatible tells whether a media type carries the format
// parameter IEEE754Compatible=true, under which Edm.Int64 values are
// written as strings (OData JSON Format 4.01, section 3.2); parameter
// names and values are matched without regard to case (RFC 9110, section
// 8.3.1).
func IEEE754Compatible(mediaType string) bool {
	_, params, err := mime.ParseMediaType(mediaType)
	return err == nil && strings.EqualFold(params["ieee754compatible"], "true")
}

// withInt64Strings is vis, told that the document at ptr, a batch
// response's body, has Edm.Int64 values as strings when its response's
// own Content-Type says IEEE754Compatible=true.
func withInt64Strings(vis Visitor, response *jsonpos.Value, ptr string) Visitor {
	if vis.int64Doc = IEEE754Compatible(contentType(response)); !vis.int64Doc {
		return vis
	}
	outer := vis.Int64Strings
	vis.Int64Strings = func(p string) bool { return p == ptr || outer != nil && outer(p) }
	return vis
}

func describeID(v *jsonpos.Value) string {
	id, status := v.Get("id"), v.Get("status")
	s := ""
	if id != nil && id.Kind == jsonpos.String {
		s = quote(id.Text)
	}
	if status != nil && status.Kind == jsonpos.Number {
		s += " (HTTP " + finding.Clip(status.Text) + ")"
	}
	return strings.TrimSpace(s)
}

// document classifies a value read whole (or the shell of a walked
// object) found at ptr, and hands over the resources it holds.
func document(root *jsonpos.Value, ptr string, vis Visitor) {
	switch root.Kind {
	case jsonpos.Array:
		for i, it := range root.Items {
			vis.Resource(Resource{Value: it, Pointer: ptr + "/" + strconv.Itoa(i), Int64Strings: vis.int64Doc})
		}
	case jsonpos.Object:
		shape := shapeOf(root)
		if v := root.Get("value"); shape == ResourceShape && v != nil && v.Text == streamed {
			// Its value was walked as a collection's, before an
			// @odata.type that came after it: a collection it is.
			shape = CollectionShape
		}
		var ctx *model.Context
		read := false // ctx, reported once
		if v := root.Get("value"); shape == CollectionShape && v.Kind != jsonpos.Array && v.Kind != jsonpos.Object {
			// Not a collection's value: a property called value, if the
			// context or --type gives the object a type that has one.
			ctx, read = context(root, ptr, vis), true
			if valueProperty(ctx, vis) {
				shape = ResourceShape
			}
		}
		switch shape {
		case ErrorShape:
			graphError(root, ptr, "the response", vis)
		case CollectionShape:
			if read && namesValue(ctx) {
				wrapper(root, root.Members, ptr, vis)
				propertyValue(root.Get("value"), ptr+"/value", ctx, vis)
				return
			}
			if read && unchecked(ctx) {
				return // the context, reported, is the one finding
			}
			collection(root, ptr, vis)
		case BatchShape:
			batch(root, ptr, vis)
		default:
			if !read {
				ctx = context(root, ptr, vis)
			}
			switch {
			case namesValue(ctx):
				noValue(root, ptr, ctx, vis)
			case unchecked(ctx):
			case ctx != nil && ctx.Deleted:
				deleted(root, nil, ptr, ctx.Type, vis)
			case declaresCollection(root, ctx):
				// Graph sends a collection as {"value": [...]}: an object
				// under such a context is a capture cut short, or one
				// entity under its collection's context.
				vis.Problem(Problem{Rule: rules.Type, Pos: root.Pos, Pointer: ptr,
					Message: fmt.Sprintf("@odata.context names a collection of %s, {\"value\": [...]}, but this object has no value member", ctx.Type.Name)})
				if !onlyAnnotations(root) {
					vis.Resource(Resource{Value: root, Pointer: ptr, Context: ctx, Int64Strings: vis.int64Doc})
				}
			default:
				vis.Resource(Resource{Value: root, Pointer: ptr, Context: ctx, Int64Strings: vis.int64Doc})
			}
		}
	default:
		vis.Problem(Problem{
			Rule: rules.Type, Pos: root.Pos, Pointer: ptr,
			Message: fmt.Sprintf("the document is %s; expected a resource object, a collection {\"value\": [...]}, a batch response or an array of resources", describe(root)),
		})
	}
}

// nullItem tells whether a null item is allowed in a collection of the
// given context: one that lists a structural property's values, whose
// items may be null as they may inside a resource (Property.Nullable). A
// collection of entities holds none.
func nullItem(ctx *model.Context) bool {
	return ctx != nil && ctx.ItemsOf != nil && ctx.ItemsOf.Nullable && !ctx.ItemsOf.Navigation
}

// declaresCollection tells whether obj's own @odata.context (not one a
// request URL implies: a POST to a collection answers one entity) names a
// collection of a type the model has.
func declaresCollection(obj *jsonpos.Value, ctx *model.Context) bool {
	return ctx != nil && ctx.Collection && ctx.Type != nil && obj.Member("@odata.context") != nil
}

// onlyAnnotations tells whether every member of obj is control
// information or an annotation.
func onlyAnnotations(obj *jsonpos.Value) bool {
	for _, m := range obj.Members {
		if !IsAnnotation(m.Name) {
			return false
		}
	}
	return true
}

// valueProperty tells whether an object of the given context, one that
// ShapeOf takes for a collection although its value is neither an array
// nor an object, is a single resource whose type has a property called
// value: the context says so (a single value, not a collection), or it
// says nothing and --type does.
func valueProperty(ctx *model.Context, vis Visitor) bool {
	if ctx != nil {
		return !ctx.Collection && ctx.Type != nil && ctx.Type.Property("value") != nil
	}
	if vis.Type == "" {
		return false
	}
	version := vis.Version
	if version == "" {
		version = model.DefaultVersion
	}
	t := model.Get(version).Type(vis.Type)
	return t != nil && t.Property("value") != nil
}

// collection handles {"@odata.context": ..., "value": [...]} and the
// wrapped entity {"value": {...}}. Its members other than value must be
// annotations such as @odata.nextLink.
func collection(root *jsonpos.Value, ptr string, vis Visitor) {
	rest := root.Members
	for i, m := range root.Members {
		if m.Name == "value" && m.Value.Kind == jsonpos.Array && m.Value.Text == streamed {
			rest = root.Members[i+1:] // those before it were checked when it began
			break
		}
	}
	wrapper(root, rest, ptr, vis)
	value := root.Get("value")
	switch {
	case value.Kind == jsonpos.Array && value.Text == streamed:
		// Its items, and its context, were handled as they were read; a
		// context after them came too late to type them.
		// (A context before them too is a repeat, which duplicate-key
		// reports: the items had one.)
		if m := memberIn(rest, "@odata.context"); m != nil && memberIn(root.Members[:len(root.Members)-len(rest)], "@odata.context") == nil {
			vis.Problem(Problem{Rule: rules.ODataContext, Pos: m.NamePos, Pointer: ptr + "/@odata.context",
				Message: fmt.Sprintf("@odata.context comes more than %d MiB after the start of value, too far to look ahead for it, so the items were checked without it; Graph writes it first (OData JSON Format 4.01, section 4.5.1): move it before value", LateContextWindow>>20)})
		}
	case value.Kind == jsonpos.Array:
		ctx := context(root, ptr, vis)
		if namesValue(ctx) {
			propertyValue(value, ptr+"/value", ctx, vis)
			return
		}
		if unchecked(ctx) {
			return
		}
		oneAsMany(ctx, value.Pos, ptr, vis)
		for i, it := range value.Items {
			if it.Kind == jsonpos.Null && nullItem(ctx) {
				continue
			}
			item(it, ptr+"/value/"+strconv.Itoa(i), ctx, true, vis)
		}
	case value.Kind == jsonpos.Object && propertyContext(root, ptr, vis):
		// The value of a primitive or enum property cannot be an
		// object: its schema says so.
		propertyValue(value, ptr+"/value", context(root, ptr, vis), vis)
	case value.Kind == jsonpos.Object:
		// The context stands on the wrapper, or, now and then, inside.
		ctx := context(value, ptr+"/value", vis)
		if ctx == nil {
			ctx = context(root, ptr, vis)
		}
		if value.Member("@odata.context") == nil && declaresCollection(root, ctx) {
			vis.Problem(Problem{Rule: rules.Type, Pos: value.Pos, Pointer: ptr + "/value",
				Message: fmt.Sprintf("value: @odata.context names a collection of %s, so value must be an array of resources; found an object", ctx.Type.Name)})
		} else {
			vis.Problem(Problem{
				Rule: rules.WrappedEntity, Pos: value.Pos, Pointer: ptr + "/value",
				Message: "a single entity wrapped as {\"value\": {...}}; Graph sends one entity as a bare object (the documentation wraps its examples this way)",
			})
		}
		if !unchecked(ctx) {
			vis.Resource(Resource{Value: value, Pointer: ptr + "/value", Context: ctx, Int64Strings: vis.int64Doc})
		}
	default:
		vis.Problem(Problem{
			Rule: rules.Type, Pos: value.Pos, Pointer: ptr + "/value",
			Message: fmt.Sprintf("value: expected an array of resources, found %s", describe(value)),
		})
	}
}

// oneAsMany reports a value array, at pos in the object at ptr, under a
// context that names one instance ("vppTokens('x')", ".../$entity", a
// single-valued property): the payload should be that instance, not a
// collection of them. Its items are still checked, as the type named.
func oneAsMany(ctx *model.Context, pos jsonpos.Pos, ptr string, vis Visitor) {
	if ctx == nil || ctx.Type == nil || ctx.Collection || unchecked(ctx) || ctx.Deleted {
		return
	}
	vis.Problem(Problem{Rule: rules.Type, Pos: pos, Pointer: ptr + "/value",
		Message: fmt.Sprintf("value: @odata.context names %s, not a collection, so the payload should be that object itself; found an array (its items were checked as %s)", finding.Article(ctx.Type.Name), ctx.Type.Name)})
}

// wrapper checks members of obj, a collection's own object (the wrapper
// of its value array) or the object around one property's value:
// anything but value and annotations is unknown, and the annotations
// Graph gives a collection have their types.
func wrapper(obj *jsonpos.Value, members []jsonpos.Member, ptr string, vis Visitor) {
	what := ""
	for _, m := range members {
		if m.Name == "value" || IsAnnotation(m.Name) {
			continue
		}
		if what == "" {
			what = "a collection response; a collection holds"
			if propertyContext(obj, ptr, vis) {
				what = "a response holding one property's value; it holds"
			}
		}
		vis.Problem(Problem{
			Rule: rules.UnknownProperty, Pos: m.NamePos, Pointer: ptr + "/" + jsonpos.EscapeToken(m.Name),
			Message: fmt.Sprintf("unknown member %s in %s \"value\" and @odata annotations only", quote(m.Name), what),
		})
	}
	annotations(members, ptr, vis)
}

// batch handles a batch answer read whole (one inside another document).
func batch(root *jsonpos.Value, ptr string, vis Visitor) {
	for i, it := range root.Get("responses").Items {
		response(it, ptr+"/responses/"+strconv.Itoa(i), vis)
	}
}

// isGraphError tells an OData error response, {"error": {...}}, from a
// collection that happens to have an error member (whose items have
// already been handed over when the collection was walked).
func isGraphError(v *jsonpos.Value) bool { return shapeOf(v) == ErrorShape }

// Shape is what a document's top-level object (or a batch response's
// body) holds, as the walker reads it.
type Shape uint8

const (
	// ResourceShape is one resource.
	ResourceShape Shape = iota
	// ErrorShape is an OData error response, {"error": {...}}.
	ErrorShape
	// CollectionShape is a collection, {"value": [...]}, or an entity
	// wrapped as {"value": {...}}.
	CollectionShape
	// BatchShape is a JSON $batch response, {"responses": [...]}.
	BatchShape
)

// ShapeOf tells what an object holds from its members' names and kinds
// alone: member(i) gives the name and kind of member i, for i from 0 to
// n-1, in order. The walker and the quick path, which reads members
// without a tree, both decide by it. A walker reading an object member by
// member has to decide on a value array when it meets it: it takes the
// object for a collection there unless an @odata.type came before
// (ValueStreamed), and a collection it stays.
//
// A value member makes a collection ({"value": [...]}, or an entity
// wrapped as {"value": {...}}) unless an @odata.type, which a collection
// does not carry, makes it a resource with a property called value (a
// mimeContent). Members alone cannot tell more: a value that is neither
// an array nor an object is left to the context or --type (document).
func ShapeOf(n int, member func(i int) (string, jsonpos.Kind)) Shape {
	// The last occurrence of a name counts, as in a value tree.
	kind := func(name string) (jsonpos.Kind, bool) {
		for i := n - 1; i >= 0; i-- {
			if got, k := member(i); got == name {
				return k, true
			}
		}
		return 0, false
	}
	errKind, hasError := kind("error")
	_, hasValue := kind("value")
	switch {
	case hasError && errKind == jsonpos.Object && !hasValue:
		return ErrorShape
	case hasValue:
		if _, typed := kind("@odata.type"); !typed {
			return CollectionShape
		}
	}
	if k, ok := kind("responses"); ok && k == jsonpos.Array {
		return BatchShape
	}
	return ResourceShape
}

// ValueStreamed tells whether the walker, reading an object whose members
// have the names and kinds that member gives for i from 0 to n-1, in
// order, walks its value member as a collection's items: an array met
// before any @odata.type.
func ValueStreamed(n int, member func(i int) (string, jsonpos.Kind)) bool {
	for i := range n {
		switch name, kind := member(i); name {
		case "@odata.type":
			return false
		case "value":
			if kind == jsonpos.Array {
				return true
			}
		}
	}
	return false
}

// shapeOf is ShapeOf of an object read into a value tree.
func shapeOf(v *jsonpos.Value) Shape {
	return ShapeOf(len(v.Members), func(i int) (string, jsonpos.Kind) {
		return v.Members[i].Name, v.Members[i].Value.Kind
	})
}

// graphError reports an OData error response. Its innerError.date is
// left alone: Graph writes it without a zone.
func graphError(root *jsonpos.Value, ptr, where string, vis Visitor) {
	e := root.Get("error")
	// A member's text is quoted when it is a string; otherwise its kind
	// is named, so that a null message does not read as an empty one.
	text := func(name string) string {
		switch v := e.Get(name); {
		case v == nil:
			return "(none)"
		case v.Kind == jsonpos.String:
			return quote(v.Text)
		default:
			return describe(v)
		}
	}
	msg := fmt.Sprintf("%s is a Graph error, not data: code %s, message %s", where, text("code"), text("message"))
	vis.Problem(Problem{Rule: rules.GraphError, Pos: e.Pos, Pointer: ptr + "/error", Message: msg})
}

// context reads the @odata.context of an object found at ptr; nil when
// it has none. A context that cannot be used, or that leads outside the
// VPP model, is reported; the caller skips the resources of a foreign one.
func context(obj *jsonpos.Value, ptr string, vis Visitor) *model.Context {
	m := obj.Member("@odata.context")
	if m == nil {
		if vis.Implied != nil {
			return vis.Implied(ptr)
		}
		return nil
	}
	at, where := m.Value.Pos, ptr+"/@odata.context"
	if m.Value.Kind != jsonpos.String {
		vis.Problem(Problem{Rule: rules.ODataContext, Pos: at, Pointer: where,
			Message: fmt.Sprintf("@odata.context must be a string, the URL of the payload's metadata; found %s", describe(m.Value))})
		return nil
	}
	fallback := vis.Version
	if fallback == "" {
		fallback = model.DefaultVersion
	}
	ctx := model.ParseContext(m.Value.Text, fallback)
	switch {
	case ctx.Foreign != "":
		vis.Problem(Problem{Rule: rules.ODataContext, Pos: at, Pointer: where,
			Message: fmt.Sprintf("@odata.context names %s, which is outside Graph %s's Apple VPP model; this is not a VPP payload, and nothing in it was checked", quote(ctx.Foreign), ctx.Version)})
	case ctx.Problem != "":
		msg := "@odata.context cannot be followed: " + ctx.Problem
		if ctx.Type == nil {
			// Without a type the content could only be guessed at: the
			// context is the one finding.
			msg += "; nothing in the payload was checked"
		}
		vis.Problem(Problem{Rule: rules.ODataContext, Pos: at, Pointer: where, Message: msg})
	case ctx.SelectProblem != "":
		vis.Problem(Problem{Rule: rules.ODataContext, Pos: at, Pointer: where,
			Message: fmt.Sprintf("@odata.context's select list names what Graph %s does not have: %s", ctx.Version, ctx.SelectProblem)})
	}
	return ctx
}

// propertyValue hands over v, found at ptr, the value of the property
// that ctx names, to vis.Value; without one it reports that the payload
// was not checked.
func propertyValue(v *jsonpos.Value, ptr string, ctx *model.Context, vis Visitor) {
	if vis.Value != nil {
		vis.Value(PropertyValue{Value: v, Pointer: ptr, Context: ctx})
		return
	}
	vis.Problem(Problem{Rule: rules.ODataContext, Pos: v.Pos, Pointer: ptr,
		Message: fmt.Sprintf("@odata.context names %s, one property's value ({\"value\": ...}); this reader checks resources only, so the value was not checked", ctx.Property)})
}

// noValue reports an object at ptr whose context names one property's
// value, but which has no value member to hold it.
func noValue(obj *jsonpos.Value, ptr string, ctx *model.Context, vis Visitor) {
	vis.Problem(Problem{Rule: rules.ODataContext, Pos: obj.Pos, Pointer: ptr,
		Message: fmt.Sprintf("@odata.context names %s, one property's value, which Graph sends as {\"value\": ...}; this object has no value member, so nothing in it was checked", ctx.Property)})
}

// propertyContext tells, without reporting anything, whether the context
// of an object found at ptr names one property's value.
func propertyContext(obj *jsonpos.Value, ptr string, vis Visitor) bool {
	m := obj.Member("@odata.context")
	switch {
	case m != nil && m.Value.Kind == jsonpos.String:
		fallback := vis.Version
		if fallback == "" {
			fallback = model.DefaultVersion
		}
		return namesValue(model.ParseContext(m.Value.Text, fallback))
	case m == nil && vis.Implied != nil:
		return namesValue(vis.Implied(ptr))
	}
	return false
}

// namesValue tells whether ctx (nil for none) names one property's value.
func namesValue(ctx *model.Context) bool { return ctx != nil && ctx.Property != "" }

// unchecked tells whether the resources under a context are left alone:
// it leads outside the model, or cannot be followed to a type. Either is
// reported once, for the context.
func unchecked(ctx *model.Context) bool {
	return ctx != nil && (ctx.Foreign != "" || ctx.Property != "" || ctx.Type == nil && ctx.Problem != "")
}

// annotations checks the control information of a collection's own
// object, by the judgment the resources' members get too
// (rules.ControlProblem): @odata.count is a non-negative Edm.Int64,
// written as a string only under IEEE754Compatible=true, the links are
// strings.
func annotations(members []jsonpos.Member, ptr string, vis Visitor) {
	int64Strings := vis.Int64Strings != nil && vis.Int64Strings(ptr)
	for _, m := range members {
		v := rules.Value{Kind: m.Value.Kind, Text: m.Value.Text, Pos: m.Value.Pos}
		want, hint, ok := rules.ControlProblem(m.Name, v, int64Strings)
		if ok {
			continue
		}
		vis.Problem(Problem{Rule: rules.Type, Pos: m.Value.Pos, Pointer: ptr + "/" + jsonpos.EscapeToken(m.Name),
			Message: fmt.Sprintf("%s: expected %s, found %s%s", m.Name, want, rules.DescribeValue(v), hint)})
	}
}

// quote quotes a piece of the input for a message, clipped so that a huge
// value cannot flood the output.
func quote(s string) string { return strconv.Quote(finding.Clip(s)) }

// IsAnnotation tells whether a member name is OData control information
// rather than a property: an annotation, such as "@odata.context" or
// "actionState@odata.type", or the advertisement of a bound action or
// function, "#microsoft.graph.syncLicenses", which odata.metadata=full
// adds (OData JSON Format 4.01, section 17). AnnotationPattern is the same
// test as the schemas' patternProperties write it.
func IsAnnotation(name string) bool {
	return strings.IndexByte(name, '@') >= 0 || strings.HasPrefix(name, "#")
}

// AnnotationPattern is IsAnnotation as a regular expression, the key of
// the generated schemas' patternProperties.
const AnnotationPattern = "^#|@"

// describe names a value's kind with an article, for messages.
func describe(v *jsonpos.Value) string {
	switch v.Kind {
	case jsonpos.Null:
		return "null"
	case jsonpos.Array:
		return "an array"
	case jsonpos.Object:
		return "an object"
	case jsonpos.Bool:
		return "a boolean"
	}
	return "a " + v.Kind.String()
}
