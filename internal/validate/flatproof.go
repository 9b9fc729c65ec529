package validate

import (
	"bytes"
	"unicode/utf8"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/lint"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/payload"
	"github.com/vppvalidate/vppvalidate/internal/rfc3339"
)

// The quick path proves resources clean straight from the input bytes,
// without building a value tree, checking a schema with v5 or running the
// lint checks one by one. It understands only the shape nearly every
// captured resource has: one flat object of at most quickMembers members
// whose values are strings, integers without fraction or exponent, true,
// false or null, and whose names have no escapes. For such an object it
// makes the same decisions as the full path, through the same compiled
// fast check (see fastType), and it accepts the object only when the full
// path would have nothing at all to say about it: no schema finding, no
// unknown property, no duplicate, no lint finding of any severity.
// Anything else, including every invalid resource, goes the full way,
// which stays the only source of findings. TestQuickAgrees and FuzzQuick
// compare the two.
//
// Every resource is offered to proven where it is read: on the one
// goroutine that checks a small input, and on the worker that checks a
// run of a large one (see parallel.go).
const (
	quickMembers = 24
	// quickWindow is how far ahead the quick path looks for the end of an
	// item; a larger item is read the usual way.
	quickWindow = 8 << 10
)

// rawMember is one member of an object read in place.
type rawMember struct {
	name []byte
	kind jsonpos.Kind
	// text is a string's content as written, or the literal text of a
	// number.
	text []byte
	// esc is where in a string's text its first escape sequence starts,
	// -1 when there is none: text[:esc] is the start of the decoded
	// string, and past it the two differ.
	esc int
}

// plain tells whether a string member is its text as written, with no
// escape to decode.
func (m *rawMember) plain() bool { return m.kind == jsonpos.String && m.esc < 0 }

// proven is payload.Visitor.Proven for an input read and checked on one
// goroutine: it consumes the resource at d's scan point and returns true
// when it is one the full path would find nothing wrong with.
func (v *Validator) proven(q *quietState, d *jsonpos.Decoder, at payload.Place) bool {
	if v.quickOff() {
		return false
	}
	n, members, ascii, ok := scanFlatObject(d.Window(quickWindow), q.members[:0])
	if !ok || (at.Whole && !standalone(members)) || !v.quiet(q, members, at.Context, at.InCollection) {
		return false
	}
	d.Skip(n, ascii)
	return true
}

// quickOff tells whether the quick path must stay out: in tests that
// compare with the full path, and under a nesting limit so low that the
// resource itself could break it.
func (v *Validator) quickOff() bool {
	return v.slow || (v.opts.MaxDepth > 0 && v.opts.MaxDepth < 8)
}

// standalone tells whether a top-level object is a resource that declares
// no type: payload.Walk reads one with a value, responses or error member
// as a collection, batch answer or error, and takes the declared type
// from @odata.context.
func standalone(members []rawMember) bool {
	for _, name := range []string{"value", "responses", "error", "@odata.context"} {
		if rawGet(members, name) != nil {
			return false
		}
	}
	return true
}

// quiet decides, as the full path would, whether a resource read by
// scanFlatObject needs no finding. ctx is its document's context, nil
// when there is none.
func (v *Validator) quiet(q *quietState, members []rawMember, ctx *model.Context, inCollection bool) bool {
	version := v.version
	var declModel *model.Type
	if ctx != nil {
		if ctx.Select != nil {
			return false // expected properties depend on the list: the full path decides
		}
		version, declModel = ctx.Version, ctx.Type
	}
	s, err := LoadSchemas(version)
	if err != nil {
		return false
	}
	decl := s.typeOf(declModel)
	if v.forced != "" {
		if f := s.Type(v.forced); f != nil {
			decl = f
		}
	}
	t := decl
	if m := rawGet(members, "@odata.type"); m != nil {
		// Exactly "#microsoft.graph.X" for a type X that fits here: any
		// other spelling gets an odata-type or odata-type-prefix finding,
		// or is left to the full path.
		name, ok := bytes.CutPrefix(m.text, []byte("#microsoft.graph."))
		if !m.plain() || !ok {
			return false
		}
		t = s.Type(bytesString(name))
		if t == nil || t.Model.Abstract || (decl != nil && !t.Model.DerivesFrom(decl.Model)) {
			return false
		}
	} else if t == nil || t.Model.Abstract {
		var score int
		t, score = s.infer(rawNames(members), decl)
		if score == 0 || decl == nil && ctx == nil && !s.looksLikeGraph((*rawView)(&members), inCollection) {
			return false // a guess or not-graph: the full path decides
		}
	}
	if t == nil || t.fastCheck() == nil || !t.fast.validRaw(members) {
		return false
	}
	q.view = members
	return v.lintQuiet(q, &q.view, t)
}

// lintQuiet runs the lint checks on a resource that passed its schema,
// every one of them whatever its severity, and tells whether none
// reported anything. They are the checks the full path runs, through
// the same lint.View, so a change to a rule changes both verdicts. The
// state lives in q so that proving a million resources clean allocates
// nothing per resource.
func (v *Validator) lintQuiet(q *quietState, view lint.View, t *Type) bool {
	if q.report == nil {
		q.report = func(string, jsonpos.Pos, string, string) { q.hit = true }
		q.res.Invalid = func(string) bool { return false } // the schema found nothing
	}
	q.hit = false
	q.res.View, q.res.Type = view, t.Model
	for _, chk := range v.checks {
		if chk.Run(&q.res, q.report); q.hit {
			return false
		}
	}
	return true
}

// quietState is what lintQuiet reuses from one resource to the next; a
// zero one is ready, and one must not be shared between goroutines.
type quietState struct {
	res    lint.Resource
	report lint.Report
	hit    bool
	view   rawView
	// members holds the members of the resource being proven, so that
	// reading them allocates nothing.
	members [quickMembers]rawMember
}

// rawNames iterates the member names of a resource read by
// scanFlatObject.
func rawNames(members []rawMember) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		for i := range members {
			if !yield(string(members[i].name)) {
				return
			}
		}
	}
}

// validRaw is fastType.valid for a resource read by scanFlatObject, whose
// member names are all different.
func (ft *fastType) validRaw(members []rawMember) bool {
	required := 0
	for i := range members {
		m := &members[i]
		p := ft.props[string(m.name)]
		if p == nil {
			if bytes.IndexByte(m.name, '@') >= 0 {
				continue // an annotation: any value
			}
			return false // unknown-property
		}
		if !p.validRaw(m) {
			return false
		}
		if p.required {
			required++
		}
	}
	return required == ft.nRequired // else missing-property
}

// validRaw is fastProp.valid for a scalar read in place.
func (p *fastProp) validRaw(m *rawMember) bool {
	switch m.kind {
	case jsonpos.Null:
		return p.kinds&kNull != 0 && (p.enum == nil || p.enumNull)
	case jsonpos.Bool:
		return p.kinds&kBool != 0 && p.enum == nil
	case jsonpos.Number:
		n, ok := rawInt(m.text)
		return ok && p.kinds&kInteger != 0 && p.enum == nil &&
			(p.min == nil || n >= *p.min) && (p.max == nil || n <= *p.max)
	case jsonpos.String:
		switch {
		case p.kinds&kString == 0:
			return false
		case m.esc >= 0:
			// Escapes are decoded by the full path only; a string with
			// them passes here when any string will do.
			return p.enum == nil && !p.dateTime && p.literals == nil && p.pattern == nil
		case p.enum != nil && !p.enum[string(m.text)]:
			return false
		case p.dateTime && (rfc3339.Problem(m.text) != "" || rfc3339.DotnetProblem(m.text) != ""):
			return false // date-time, dotnet-date-time
		case p.literals != nil:
			for _, l := range p.literals {
				if l == string(m.text) {
					return true
				}
			}
			return false
		case p.pattern != nil && !p.dateTime:
			return p.pattern.Match(m.text)
		}
		return true
	}
	return false
}

// rawGet returns the member called name, or nil.
func rawGet(members []rawMember, name string) *rawMember {
	for i := range members {
		if string(members[i].name) == name {
			return &members[i]
		}
	}
	return nil
}

// rawInt reads an integer literal that scanFlatObject accepted. ok is false
// for one with more digits than an int64 surely holds.
func rawInt(text []byte) (int64, bool) {
	neg := len(text) > 0 && text[0] == '-'
	if neg {
		text = text[1:]
	}
	if len(text) == 0 || len(text) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range text {
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// scanFlatObject reads the object at the start of b strictly, appending its
// members to members. It accepts only objects whose values are strings,
// integers, true, false or null, whose names hold no escape, whose strings
// hold no control character and only escapes jsonpos.Escape reads, with at
// most cap(members) members and no name twice; ok is false for anything
// else, including an object that does not end within b. n is the object's length in bytes; ascii tells that all of
// them are ASCII.
func scanFlatObject(b []byte, members []rawMember) (n int, _ []rawMember, ascii, ok bool) {
	ascii = true
	i := 0
	space := func() {
		for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
			i++
		}
	}
	// str reads a string whose opening quote is at i and returns its
	// content as written, and where its first escape sequence is (-1 for
	// none). Escapes are checked as jsonpos.Decoder checks them, so that a
	// string accepted here is one it accepts.
	str := func() ([]byte, int, bool) {
		start, esc := i+1, -1
		utf := false
		for i++; i < len(b); {
			for i < len(b) && jsonpos.Plain(b[i]) {
				i++
			}
			if i == len(b) {
				break
			}
			switch c := b[i]; {
			case c == '"':
				s := b[start:i]
				i++
				if utf {
					ascii = false
					return s, esc, utf8.Valid(s)
				}
				return s, esc, true
			case c == '\\':
				if esc < 0 {
					esc = i - start
				}
				_, n, _ := jsonpos.Escape(b[i:])
				if n == 0 {
					return nil, 0, false
				}
				i += n
			case c < utf8.RuneSelf: // a control character
				return nil, 0, false
			default:
				utf = true
				i++
			}
		}
		return nil, 0, false
	}
	fail := func() (int, []rawMember, bool, bool) { return 0, members, false, false }
	if len(b) == 0 || b[0] != '{' {
		return fail()
	}
	i++
	space()
	if i < len(b) && b[i] == '}' {
		return i + 1, members, true, true
	}
	for {
		if i >= len(b) || b[i] != '"' || len(members) == cap(members) {
			return fail()
		}
		name, esc, ok := str()
		if !ok || esc >= 0 {
			return fail() // names are matched as written
		}
		for _, m := range members {
			if bytes.Equal(m.name, name) {
				return fail() // duplicate-key
			}
		}
		space()
		if i >= len(b) || b[i] != ':' {
			return fail()
		}
		i++
		space()
		if i >= len(b) {
			return fail()
		}
		m := rawMember{name: name, esc: -1}
		switch c := b[i]; {
		case c == '"':
			m.kind = jsonpos.String
			if m.text, m.esc, ok = str(); !ok {
				return fail()
			}
		case c == '-' || (c >= '0' && c <= '9'):
			m.kind = jsonpos.Number
			start := i
			if c == '-' {
				i++
			}
			switch {
			case i < len(b) && b[i] == '0':
				i++
			case i < len(b) && b[i] >= '1' && b[i] <= '9':
				for i < len(b) && b[i] >= '0' && b[i] <= '9' {
					i++
				}
			default:
				return fail()
			}
			// A fraction, an exponent or a leading zero ends the quick
			// read at the check after the value.
			m.text = b[start:i]
		case c == 't' && bytes.HasPrefix(b[i:], []byte("true")):
			m.kind, m.text = jsonpos.Bool, b[i:i+4]
			i += 4
		case c == 'f' && bytes.HasPrefix(b[i:], []byte("false")):
			m.kind, m.text = jsonpos.Bool, b[i:i+5]
			i += 5
		case c == 'n' && bytes.HasPrefix(b[i:], []byte("null")):
			m.kind, m.text = jsonpos.Null, b[i:i+4]
			i += 4
		default:
			return fail() // nested values go the full way
		}
		members = append(members, m)
		space()
		if i >= len(b) {
			return fail()
		}
		switch b[i] {
		case ',':
			i++
			space()
		case '}':
			return i + 1, members, ascii, true
		default:
			return fail()
		}
	}
}
