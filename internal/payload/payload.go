// Package payload finds the resources inside a captured Graph response.
//
// A recorded response is rarely one bare object: Graph returns
// collections as {"@odata.context": ..., "value": [...]}, and fixtures are
// often plain arrays. Walk follows those shapes as it reads, handing over
// one resource at a time with its pointer from the document root, so a
// collection of a million resources is never held in memory at once.
package payload

import (
	"fmt"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// Resource is one value that should be a Graph resource.
type Resource struct {
	Value   *jsonpos.Value
	Pointer string // RFC 6901, from the document root
	// Declared is the type the payload says the resource has, "" when the
	// payload does not say.
	Declared string
}

// Problem is something wrong with the payload's shape itself, outside any
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
}

// Walk reads one document from d and hands its resources and shape
// problems to vis. The outer levels of a document (a top-level array, the
// value array of a collection) are walked item by item; each resource is
// read whole. The error is the decoder's: a *jsonpos.SyntaxError or a read
// error.
func Walk(d *jsonpos.Decoder, vis Visitor) error {
	c, ok, err := d.Peek()
	if err != nil {
		return err
	}
	switch {
	case ok && c == '[':
		if err := items(d, "", vis); err != nil {
			return err
		}
	case ok && c == '{':
		shell, err := object(d, vis)
		if err != nil {
			return err
		}
		document(shell, vis)
	default:
		v, err := d.ReadValue()
		if err != nil {
			return err
		}
		document(v, vis)
	}
	return d.End()
}

// Find is Walk for a document already in memory.
func Find(root *jsonpos.Value, vis Visitor) { document(root, vis) }

// items walks an array whose every item is a resource.
func items(d *jsonpos.Decoder, declared string, vis Visitor) error {
	if err := d.OpenArray(); err != nil {
		return err
	}
	for {
		_, more, err := d.NextItem()
		if err != nil || !more {
			return err
		}
		ptr := d.Pointer()
		v, err := d.ReadValue()
		if err != nil {
			return err
		}
		vis.Resource(Resource{Value: v, Pointer: ptr, Declared: declared})
	}
}

// object walks a top-level object. Its members are read whole, except a
// value array, whose items are handed over as they come and left out of
// the returned shell (an empty array stands in for it).
func object(d *jsonpos.Decoder, vis Visitor) (*jsonpos.Value, error) {
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
		if c, _, _ := d.Peek(); name == "value" && c == '[' {
			stand := &jsonpos.Value{Kind: jsonpos.Array, Pos: d.Here()}
			if err := items(d, "", vis); err != nil {
				return nil, err
			}
			shell.Members = append(shell.Members, jsonpos.Member{Name: name, NamePos: namePos, Value: stand})
			continue
		}
		v, err := d.ReadValue()
		if err != nil {
			return nil, err
		}
		shell.Members = append(shell.Members, jsonpos.Member{Name: name, NamePos: namePos, Value: v})
	}
}

// document classifies a value read whole (or the shell of a walked
// object) and hands over the resources it holds.
func document(root *jsonpos.Value, vis Visitor) {
	switch root.Kind {
	case jsonpos.Array:
		for i, it := range root.Items {
			vis.Resource(Resource{Value: it, Pointer: fmt.Sprintf("/%d", i)})
		}
	case jsonpos.Object:
		if root.Get("value") != nil {
			collection(root, vis)
			return
		}
		vis.Resource(Resource{Value: root, Pointer: ""})
	default:
		vis.Problem(Problem{
			Rule: rules.Type, Pos: root.Pos, Pointer: "",
			Message: fmt.Sprintf("the document is %s; expected a resource object, a collection {\"value\": [...]} or an array of resources", describe(root)),
		})
	}
}

// collection checks {"@odata.context": ..., "value": [...]}: its own
// members other than value must be annotations such as @odata.nextLink.
func collection(root *jsonpos.Value, vis Visitor) {
	for _, m := range root.Members {
		if m.Name == "value" || IsAnnotation(m.Name) {
			continue
		}
		vis.Problem(Problem{
			Rule: rules.UnknownProperty, Pos: m.NamePos, Pointer: "/" + jsonpos.EscapeToken(m.Name),
			Message: fmt.Sprintf("unknown member %q in a collection response; a collection holds \"value\" and @odata annotations only", m.Name),
		})
	}
	value := root.Get("value")
	if value.Kind != jsonpos.Array {
		vis.Problem(Problem{
			Rule: rules.Type, Pos: value.Pos, Pointer: "/value",
			Message: fmt.Sprintf("value: expected an array of resources, found %s", describe(value)),
		})
		return
	}
	for i, it := range value.Items {
		vis.Resource(Resource{Value: it, Pointer: fmt.Sprintf("/value/%d", i)})
	}
}

// IsAnnotation tells whether a member name is an OData annotation, such as
// "@odata.context" or "actionState@odata.type", rather than a property.
func IsAnnotation(name string) bool { return strings.IndexByte(name, '@') >= 0 }

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
