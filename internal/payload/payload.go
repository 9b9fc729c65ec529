// Package payload finds the resources inside a captured Graph response.
//
// A recorded response is rarely one bare object: Graph returns
// collections as {"@odata.context": ..., "value": [...]}, and fixtures are
// often plain arrays. Find walks those shapes and says, for each resource,
// where it is (a JSON pointer from the document root) and which type the
// surrounding payload declares for it, if any.
package payload

import (
	"fmt"
	"strconv"
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
	Offset  int
	Pointer string
	Message string
}

// Find returns the resources in a document, in document order, and any
// problems with the shape that holds them.
func Find(root *jsonpos.Value) ([]Resource, []Problem) {
	var f finder
	f.document(root)
	return f.resources, f.problems
}

type finder struct {
	resources []Resource
	problems  []Problem
}

func (f *finder) document(root *jsonpos.Value) {
	switch root.Kind {
	case jsonpos.Array:
		f.items(root, "")
	case jsonpos.Object:
		if root.Get("value") != nil {
			f.collection(root)
			return
		}
		f.resources = append(f.resources, Resource{Value: root, Pointer: ""})
	default:
		f.problems = append(f.problems, Problem{
			Rule: rules.Type, Offset: root.Offset, Pointer: "",
			Message: fmt.Sprintf("the document is %s; expected a resource object, a collection {\"value\": [...]} or an array of resources", describe(root)),
		})
	}
}

// collection handles {"@odata.context": ..., "value": [...]}. Its own
// members other than value must be annotations such as @odata.nextLink.
func (f *finder) collection(root *jsonpos.Value) {
	for _, m := range root.Members {
		if m.Name == "value" || IsAnnotation(m.Name) {
			continue
		}
		f.problems = append(f.problems, Problem{
			Rule: rules.UnknownProperty, Offset: m.NameOffset, Pointer: "/" + jsonpos.EscapeToken(m.Name),
			Message: fmt.Sprintf("unknown member %q in a collection response; a collection holds \"value\" and @odata annotations only", m.Name),
		})
	}
	value := root.Get("value")
	if value.Kind != jsonpos.Array {
		f.problems = append(f.problems, Problem{
			Rule: rules.Type, Offset: value.Offset, Pointer: "/value",
			Message: fmt.Sprintf("value: expected an array of resources, found %s", describe(value)),
		})
		return
	}
	f.items(value, "/value")
}

func (f *finder) items(arr *jsonpos.Value, ptr string) {
	for i, it := range arr.Items {
		f.resources = append(f.resources, Resource{Value: it, Pointer: ptr + "/" + strconv.Itoa(i)})
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
