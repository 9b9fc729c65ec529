// Package validate checks captured Microsoft Graph payloads about Apple VPP
// tokens against the documented model.
//
// A file is read once by jsonpos (positions, duplicate members, syntax),
// split into resources by payload, typed from @odata.type, and checked
// against the embedded JSON Schemas with jsonschema/v5. Every schema error
// becomes a Finding with a rule ID from the catalogue, a located position
// and a message written for a person.
package validate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/lint"
	"github.com/vppvalidate/vppvalidate/internal/payload"
	"github.com/vppvalidate/vppvalidate/internal/rules"
	"github.com/vppvalidate/vppvalidate/internal/suggest"
)

// Options configure a Validator.
type Options struct {
	// Type, when set, is the type every resource is declared to have
	// (--type). A resource may still name a type derived from it in
	// @odata.type, as OData allows.
	Type string
	// MaxDepth bounds nesting; 0 means jsonpos.DefaultMaxDepth.
	MaxDepth int
	// MaxFindings bounds the findings listed per file; the rest are
	// counted in Result.Omitted and announced by one finding-limit
	// finding. 0 means DefaultMaxFindings, a negative number no limit.
	MaxFindings int
}

// DefaultMaxFindings is how many findings one file lists at most.
const DefaultMaxFindings = 1000

// Validator checks files. It is safe for concurrent use.
type Validator struct {
	// slow turns the fast path off, for tests that compare the two.
	slow    bool
	checks  []lint.Check
	schemas *Schemas
	forced  *Type
	opts    Options
}

// New returns a Validator. It fails when the embedded schemas do not
// compile (a bug) or when Options.Type names no known type.
func New(opts Options) (*Validator, error) {
	s, err := LoadSchemas()
	if err != nil {
		return nil, err
	}
	v := &Validator{schemas: s, opts: opts, checks: lint.Checks()}
	if opts.Type != "" {
		v.forced = s.Type(typeName(opts.Type))
		if v.forced == nil {
			names := make([]string, len(s.types))
			for i, t := range s.types {
				names[i] = t.Name
			}
			return nil, fmt.Errorf("--type: unknown type %q (known types: %s)", opts.Type, strings.Join(names, ", "))
		}
	}
	return v, nil
}

// Schemas returns the compiled schema set the validator uses.
func (v *Validator) Schemas() *Schemas { return v.schemas }

// typeName strips the OData decorations from a type name:
// "#microsoft.graph.X" and "microsoft.graph.X" both give "X".
func typeName(s string) string {
	s = strings.TrimPrefix(s, "#")
	return strings.TrimPrefix(s, "microsoft.graph.")
}

// Result is what one file produced.
type Result struct {
	Findings  []finding.Finding // sorted by position
	Resources int               // resources found in the file
	// Omitted counts, by severity, the findings beyond the limit that are
	// not listed in Findings.
	Omitted finding.Summary
	// OmittedTally counts the same findings by rule, severity and general
	// pointer, so that a baseline can record them; nil when none.
	OmittedTally finding.Tally
}

// Validate checks one JSON document held in memory. name is used as
// Finding.File; sev says which rules report and how loudly.
func (v *Validator) Validate(name string, src []byte, sev rules.Severities) Result {
	res, _ := v.Check(Input{Name: name, Reader: bytes.NewReader(src), Size: int64(len(src)), Severities: sev})
	return res
}

// Input is one file to check.
type Input struct {
	Name       string // used as Finding.File
	Reader     io.Reader
	Lines      bool  // JSON Lines: one document per line
	Size       int64 // the input's size when known, else 0
	Severities rules.Severities
}

// Check checks one input as it is read, holding one resource at a time.
// The error is a read error: the findings up to that point are still
// returned, but the input was not checked to its end.
func (v *Validator) Check(in Input) (Result, error) {
	name, r, sev := in.Name, in.Reader, in.Severities
	c := check{v: v, file: name, sev: sev, max: v.opts.MaxFindings}
	if c.max == 0 {
		c.max = DefaultMaxFindings
	}
	d := jsonpos.NewDecoder(r, jsonpos.Options{MaxDepth: v.opts.MaxDepth, SizeHint: in.Size})
	walk := func(vis payload.Visitor) error {
		vis.Known = func(name string) bool { return v.schemas.Type(name) != nil }
		if in.Lines {
			return payload.WalkLines(d, vis, func(se *jsonpos.SyntaxError) {
				vis.Problem(payload.Problem{Rule: rules.Syntax, Pos: se.Pos, Pointer: se.Pointer, Message: se.Msg})
			})
		}
		return payload.Walk(d, vis)
	}
	var err error
	if in.Size > 0 && in.Size < pipelineFrom {
		err = walk(payload.Visitor{
			Resource: func(r payload.Resource) { c.resource(r, false) },
			Problem:  c.problem,
			Proven: func(d *jsonpos.Decoder, at payload.Place) bool {
				if v.proven(d, at) {
					c.resources++
					return true
				}
				return false
			},
		})
	} else {
		err = c.pipeline(walk)
	}
	for _, dup := range d.TakeDuplicates() {
		c.report(rules.DuplicateKey, dup.Pos, dup.Pointer,
			fmt.Sprintf("member %q appears a second time in this object (first at line %d, column %d); JSON readers keep only one of the two values", dup.Name, dup.First.Line, dup.First.Column))
	}
	var se *jsonpos.SyntaxError
	if errors.As(err, &se) {
		c.report(rules.Syntax, se.Pos, se.Pointer, se.Msg)
		err = nil
	}
	return c.result(), err
}

// pipelineFrom is the input size from which reading and checking run on
// two goroutines; below it the hand-over costs more than it saves. Inputs
// of unknown size (standard input) are pipelined too.
const pipelineFrom = 1 << 20

// A batch is what the walker hands over at a time: events in document
// order, and the text and members of the flat resources among them.
type batch struct {
	events []event
	// text holds the flat resources' bytes one after the other. It never
	// grows past its capacity (the batch is handed over first), so the
	// members' slices into it stay valid.
	text    []byte
	members []rawMember
}

const (
	batchEvents = 256
	batchText   = 64 << 10 // more than quickWindow: any flat resource fits
)

// event is one thing the walker found: a resource read whole, a flat
// resource left for the checker to prove, or a shape problem.
type event struct {
	kind     eventKind
	resource payload.Resource
	flat     flatResource
	problem  payload.Problem
}

type eventKind uint8

const (
	resourceEvent eventKind = iota
	flatEvent
	problemEvent
)

// flatResource is a resource that scanFlatObject read, kept as text.
type flatResource struct {
	at            payload.Place
	pos           jsonpos.Pos // of its first byte
	text, members [2]int      // ranges in the batch
}

// pipeline walks the input on its own goroutine and checks what it finds,
// in order and in batches, on this one: a large capture is read on one
// core while the previous resources are checked on another. The walker
// takes the flat resources apart (scanFlatObject) and hands them over as
// text; the checker proves them clean, or builds their tree when they are
// not. The walker never touches a batch again once handed over; batches
// come back through free to be reused.
func (c *check) pipeline(walk func(payload.Visitor) error) error {
	w := &walker{batches: make(chan *batch, 4), free: make(chan *batch, 6), b: &batch{}, quickOff: c.v.quickOff()}
	var err error
	go func() {
		defer close(w.batches)
		err = walk(payload.Visitor{
			Resource: func(r payload.Resource) { w.add(event{kind: resourceEvent, resource: r}) },
			Problem:  func(p payload.Problem) { w.add(event{kind: problemEvent, problem: p}) },
			Proven:   w.take,
		})
		if len(w.b.events) > 0 {
			w.batches <- w.b
		}
	}()
	for b := range w.batches {
		for i := range b.events {
			switch e := &b.events[i]; e.kind {
			case resourceEvent:
				c.resource(e.resource, false)
			case problemEvent:
				c.problem(e.problem)
			case flatEvent:
				c.flat(b, &e.flat)
			}
		}
		select {
		case w.free <- b:
		default:
		}
	}
	return err // written before batches was closed
}

// walker is the reading side of a pipeline.
type walker struct {
	batches, free chan *batch
	b             *batch // being filled
	quickOff      bool
}

func (w *walker) add(e event) {
	if w.b.events == nil {
		w.b.events = make([]event, 0, batchEvents)
	}
	w.b.events = append(w.b.events, e)
	if len(w.b.events) == batchEvents {
		w.next()
	}
}

// next hands the batch over and starts another.
func (w *walker) next() {
	w.batches <- w.b
	select {
	case b := <-w.free:
		b.events, b.text, b.members = b.events[:0], b.text[:0], b.members[:0]
		w.b = b
	default:
		w.b = &batch{}
	}
}

// take is payload.Visitor.Proven: it consumes a flat resource and hands
// it over as text, leaving the verdict to the checker.
func (w *walker) take(d *jsonpos.Decoder, at payload.Place) bool {
	if w.quickOff {
		return false
	}
	win := d.Window(quickWindow)
	var buf [quickMembers]rawMember
	n, members, ascii, ok := scanFlatObject(win, buf[:0])
	if !ok || (at.Whole && !standalone(members)) {
		return false
	}
	if len(w.b.text)+n > cap(w.b.text) && len(w.b.text) > 0 {
		w.next()
	}
	b := w.b
	if b.text == nil {
		b.text = make([]byte, 0, batchText)
	}
	f := flatResource{at: at, pos: d.Here()}
	f.text = [2]int{len(b.text), len(b.text) + n}
	b.text = append(b.text, win[:n]...)
	item := b.text[f.text[0]:f.text[1]]
	f.members[0] = len(b.members)
	for _, m := range members {
		// Each slice of win becomes the same slice of item.
		m.name = item[cap(win)-cap(m.name):][:len(m.name)]
		m.text = item[cap(win)-cap(m.text):][:len(m.text)]
		b.members = append(b.members, m)
	}
	f.members[1] = len(b.members)
	d.Skip(n, ascii)
	w.add(event{kind: flatEvent, flat: f})
	return true
}

// flat checks a resource the walker handed over as text: cheaply when it
// is clean, else through its tree, read from the text as the walker would
// have read it.
func (c *check) flat(b *batch, f *flatResource) {
	if c.v.quiet(b.members[f.members[0]:f.members[1]], f.at.Declared) {
		c.resources++
		return
	}
	text := b.text[f.text[0]:f.text[1]]
	d := jsonpos.NewDecoder(bytes.NewReader(text), jsonpos.Options{Start: f.pos, SizeHint: int64(len(text))})
	v, err := d.ReadValue()
	if err != nil {
		// scanFlatObject accepts only what the decoder accepts; a
		// difference is a bug, and must not pass silently.
		c.report(rules.Syntax, f.pos, f.at.Pointer(), "vppvalidate cannot read this resource a second time: "+err.Error())
		return
	}
	// No duplicates either: scanFlatObject declines objects with any.
	c.resource(payload.Resource{Value: v, Pointer: f.at.Pointer(), Declared: f.at.Declared}, false)
}

// problem reports a shape problem found by the walker.
func (c *check) problem(p payload.Problem) { c.report(p.Rule, p.Pos, p.Pointer, p.Message) }

// check is the state of validating one file.
type check struct {
	v         *Validator
	resources int
	// max is the number of findings listed; past it they are only
	// counted in omitted.
	max          int
	omitted      finding.Summary
	tally        finding.Tally
	firstOmitted jsonpos.Pos
	// typ and lintRes are the resource being linted, kept here so that
	// linting a million resources allocates nothing per resource.
	typ     *Type
	lintRes lint.Resource
	// invalid holds the properties of the resource being checked that
	// have a schema finding, so lint checks can stay silent about them.
	invalid  map[string]bool
	file     string
	sev      rules.Severities
	findings []finding.Finding
	// seen keeps identical findings from being reported twice: a value
	// that breaks a rule in two ways (a bad timestamp fails both format and
	// pattern) is one mistake.
	seen map[seenKey]bool
}

type seenKey struct {
	rule, ptr, msg string
	off            int64
}

func (c *check) report(rule string, at jsonpos.Pos, ptr, msg string) {
	sev := c.sev.Of(rule)
	if sev == finding.Off {
		return
	}
	key := seenKey{rule, ptr, msg, at.Offset}
	if c.seen[key] {
		return
	}
	if c.full() {
		c.omit(rule, ptr, sev, at)
		return
	}
	if c.seen == nil {
		c.seen = make(map[seenKey]bool)
	}
	c.seen[key] = true
	c.findings = append(c.findings, finding.Finding{
		File: c.file, Line: at.Line, Column: at.Column, Pointer: ptr,
		Rule: rule, Severity: sev, Message: msg, Offset: at.Offset,
	})
}

// full tells whether the file has listed as many findings as it may.
func (c *check) full() bool { return c.max >= 0 && len(c.findings) >= c.max }

// omit counts a finding past the limit.
func (c *check) omit(rule, ptr string, sev finding.Severity, at jsonpos.Pos) {
	if c.omitted == (finding.Summary{}) {
		c.firstOmitted = at
		c.tally = make(finding.Tally)
	}
	c.omitted.Add(finding.Finding{Severity: sev})
	c.tally.Add(rule, ptr, sev)
}

func (c *check) result() Result {
	if o := c.omitted; o != (finding.Summary{}) {
		n := o.Errors + o.Warnings + o.Infos
		c.max = -1 // let the announcement through
		c.report(rules.FindingLimit, c.firstOmitted, "", fmt.Sprintf(
			"%d more findings in this file are not listed (%d errors, %d warnings, %d infos), from here on; raise --max-findings to see them",
			n, o.Errors, o.Warnings, o.Infos))
	}
	finding.Sort(c.findings)
	return Result{Findings: c.findings, Resources: c.resources, Omitted: c.omitted, OmittedTally: c.tally}
}

// resource types one resource, checks it against its schema, runs the
// lint checks on it and then checks the action results nested in it.
// Nested resources are declared by their place (a vppToken's
// tokenActionResults hold vppTokenActionResults), not by --type.
func (c *check) resource(r payload.Resource, nested bool) {
	c.resources++
	t := c.resolve(r, nested)
	clear(c.invalid)
	if c.invalid == nil {
		c.invalid = make(map[string]bool)
	}
	if val := c.known(r, t); c.v.slow || t.fast == nil || !t.fast.valid(val) {
		sch, err := t.Schema()
		if err != nil {
			// The embedded schemas are compiled by the tests; this cannot
			// happen in a released build, but must not pass silently.
			c.report(rules.Type, r.Value.Pos, r.Pointer, "vppvalidate cannot check this resource: "+err.Error())
		} else if err := sch.Validate(jsonpos.ToAnyWith(val, schemaNumber)); err != nil {
			c.schemaErrors(r, t, err)
		}
	}
	if r.Value.Kind != jsonpos.Object {
		return
	}
	// A repeated member has no single value to reason about: any
	// occurrence but the last gives the name away.
	for i, m := range r.Value.Members {
		if r.Value.Member(m.Name) != &r.Value.Members[i] {
			c.invalid[m.Name] = true
		}
	}
	c.typ = t
	c.lintRes = lint.Resource{Value: r.Value, Pointer: r.Pointer, Type: t.Name, Invalid: c.lintInvalid}
	for _, chk := range c.v.checks {
		if c.sev.Of(chk.Rule) != finding.Off {
			chk.Run(&c.lintRes, c.report)
		}
	}
	if t.Name == "vppToken" {
		if list := r.Value.Get("tokenActionResults"); list != nil && list.Kind == jsonpos.Array {
			for i, it := range list.Items {
				c.resource(payload.Resource{Value: it, Pointer: fmt.Sprintf("%s/tokenActionResults/%d", r.Pointer, i), Declared: "vppTokenActionResult"}, true)
			}
		}
	}
}

// lintInvalid tells lint checks which properties of the resource being
// checked not to reason about: those with a schema finding, repeated
// ones, and those its type does not document.
func (c *check) lintInvalid(prop string) bool {
	return c.invalid[prop] || !payload.IsAnnotation(prop) && !c.typ.documents(prop)
}

// known reports the members of an object resource that its type does not
// document, in document order, and returns the resource without them for
// the schema check. The schema would say the same (unevaluatedProperties
// is false), but jsonschema/v5 builds an error per member in map order: an
// object with a million unknown members would cost gigabytes and list a
// different thousand of them each run.
func (c *check) known(r payload.Resource, t *Type) *jsonpos.Value {
	if r.Value.Kind != jsonpos.Object {
		return r.Value
	}
	unknown := false
	for i, m := range r.Value.Members {
		if payload.IsAnnotation(m.Name) || t.documents(m.Name) {
			continue
		}
		unknown = true
		if r.Value.Member(m.Name) == &r.Value.Members[i] { // once per name, at its last occurrence
			c.unknownProperty(t, m.Name, m.NamePos, r.Pointer+"/"+jsonpos.EscapeToken(m.Name))
		}
	}
	if !unknown {
		return r.Value
	}
	var kept []jsonpos.Member
	for _, m := range r.Value.Members {
		if payload.IsAnnotation(m.Name) || t.documents(m.Name) {
			kept = append(kept, m)
		}
	}
	return &jsonpos.Value{Kind: jsonpos.Object, Pos: r.Value.Pos, Members: kept}
}

// resolve picks the type of a resource: the one its @odata.type names,
// else the declared one (--type, or the payload's), else the one its
// properties imply. A bad @odata.type is reported and resolution goes on
// without it, so the rest of the resource is still checked.
func (c *check) resolve(r payload.Resource, nested bool) *Type {
	s := c.v.schemas
	declared := s.Type(r.Declared)
	if c.v.forced != nil && !nested {
		declared = c.v.forced
	}
	if m := r.Value.Member("@odata.type"); m != nil {
		ptr := r.Pointer + "/@odata.type"
		if m.Value.Kind != jsonpos.String {
			c.report(rules.ODataType, m.Value.Pos, ptr,
				fmt.Sprintf("@odata.type must be a string such as %q, found %s", "#microsoft.graph.vppTokenRevokeLicensesActionResult", describeValue(m.Value)))
		} else if t := c.odataType(m.Value, ptr, declared); t != nil {
			return t
		}
	}
	if declared != nil {
		return declared
	}
	return s.infer(r.Value)
}

// odataType checks an @odata.type string and returns the type it names, or
// nil after reporting why it cannot be used.
func (c *check) odataType(v *jsonpos.Value, ptr string, declared *Type) *Type {
	s := c.v.schemas
	raw := v.Text
	name := strings.TrimPrefix(raw, "#")
	short, qualified := strings.CutPrefix(name, "microsoft.graph.")
	t := s.Type(short)
	if t == nil || !qualified {
		names := make([]string, len(s.types))
		for i, t := range s.types {
			names[i] = t.ODataType()
		}
		msg := fmt.Sprintf("@odata.type %s names no known type; expected one of %s", quote(raw), quoteList(names))
		if t != nil {
			// The right name without its namespace.
			msg += fmt.Sprintf("; did you mean %q?", t.ODataType())
		} else if guess := suggest.Closest("#"+name, names); guess != "" {
			msg += fmt.Sprintf("; did you mean %q?", guess)
		}
		c.report(rules.ODataType, v.Pos, ptr, msg)
		return nil
	}
	if declared != nil && !s.derives(t, declared.Name) {
		c.report(rules.ODataType, v.Pos, ptr,
			fmt.Sprintf("@odata.type %s does not fit here: a %s is expected, and %s does not derive from it", quote(raw), declared.Name, t.Name))
		return nil
	}
	if !strings.HasPrefix(raw, "#") {
		c.report(rules.ODataTypePrefix, v.Pos, ptr,
			fmt.Sprintf("@odata.type %s lacks the leading #; OData writes it as %q", quote(raw), t.ODataType()))
	}
	return t
}
