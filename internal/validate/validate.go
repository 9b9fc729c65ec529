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
	"bufio"
	"bytes"
	"container/heap"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/payload"
	"github.com/vppvalidate/vppvalidate/internal/recording"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// Options configure a Validator.
type Options struct {
	// Type, when set, is the type every resource is declared to have
	// (--type), named with or without "#microsoft.graph.". A resource may
	// still name a type derived from it in @odata.type, as OData allows.
	Type string
	// Version is the Graph API version ("v1.0" or "beta") of payloads
	// whose @odata.context names none (--graph-version); "" means
	// model.DefaultVersion.
	Version string
	// MaxDepth bounds nesting; 0 means jsonpos.DefaultMaxDepth.
	MaxDepth int
	// MaxFindings bounds the findings listed per file; the rest are
	// counted in Result.Omitted and announced by one finding-limit
	// finding. 0 means DefaultMaxFindings, a negative number no limit.
	MaxFindings int
	// ListFrom is the least severity a finding must have to be listed
	// (the quiet text report's --fail-on); those below it are neither
	// listed nor counted in Result.Omitted, so that they never take the
	// place of one that is shown. A baseline is still asked about them.
	// The zero value, finding.Off, lists every finding.
	ListFrom finding.Severity
	// GraphHosts are hosts, besides Graph's own (GraphHosts), whose
	// recorded responses are Graph's: a proxy that recordings were made
	// through.
	GraphHosts []string
	// Workers is how many goroutines may check at once, over all the
	// Check calls on the Validator (-j): each call takes one for as long
	// as it runs, waiting while all are taken, and a large input (a long
	// collection, JSON Lines) is cut into runs of whole resources that
	// are checked on as many more as are free, with the same result as on
	// one. 0 or 1 checks each input on its caller's goroutine alone, and
	// then concurrent calls are not limited.
	Workers int
}

// DefaultMaxFindings is how many findings one file lists at most.
const DefaultMaxFindings = 1000

// Validator checks files. It is safe for concurrent use.
type Validator struct {
	// slow turns the fast path off, for tests that compare the two.
	slow    bool
	checks  []rules.Rule
	version string // of payloads that name none
	forced  string // unqualified --type, "" for none
	opts    Options
	hosts   []recording.Host // Options.GraphHosts, read
	// tokens holds one value per goroutine checking, when Workers > 1.
	tokens chan struct{}
	// cuts sizes the work of a parallel check; tests make it small.
	cuts cutSizes
	// proofs says when the quick path tries to prove a resource clean
	// (defaultProofs; tests vary it).
	proofs proofPolicy
	// walkOnly makes the workers of a parallel check check nothing, so
	// that BenchmarkWalker can time its walker alone.
	walkOnly bool
	// guess, when set, is what the workers of a parallel check guess
	// about the resources before their pieces (see firstResource), right
	// or wrong, so that tests can make every guess and its undoing
	// happen; nil leaves it to what the file's check has found.
	guess *bool
	// merged, when set, is told how many items and recorded findings
	// each task of a parallel check had, as the file's check takes it
	// over (tests).
	merged func(items, reports int)
	// spare and sniffers keep, for the next file, the check of a file
	// done with (about 5 KB: the scratch space that spares each resource
	// an allocation) and the reader that looked at its first bytes
	// (sniffSize): on a run over many small files these had been over
	// half of what each file allocated, and of the garbage collector's
	// work.
	spare, sniffers *sync.Pool
}

// New returns a Validator. It fails when the embedded schemas do not
// compile (a bug), when Options.Version is not a version the model knows,
// or when Options.Type names no structured type of that version (or, with
// no version given, of any version).
func New(opts Options) (*Validator, error) {
	v := &Validator{opts: opts, checks: rules.Checks(), version: opts.Version, cuts: defaultCuts, proofs: defaultProofs, spare: new(sync.Pool), sniffers: new(sync.Pool)}
	if opts.Workers > 1 {
		v.tokens = make(chan struct{}, opts.Workers)
	}
	if v.version == "" {
		v.version = model.DefaultVersion
	} else if model.Get(v.version) == nil {
		return nil, fmt.Errorf("--graph-version: unknown Graph version %q (known: %s)", opts.Version, strings.Join(model.Versions(), ", "))
	}
	s, err := LoadSchemas(v.version)
	if err != nil {
		return nil, err
	}
	for _, h := range opts.GraphHosts {
		host, err := recording.ParseHost(h)
		if err != nil {
			return nil, fmt.Errorf("--graph-host %q: %v", h, err)
		}
		v.hosts = append(v.hosts, host)
	}
	if opts.Type != "" {
		v.forced = model.Unqualified(opts.Type)
		versions := model.Versions()
		if opts.Version != "" {
			versions = []string{opts.Version}
		}
		found := false
		for _, ver := range versions {
			if t := model.Get(ver).Type(v.forced); t != nil && t.Kind != model.Enum {
				found = true
			}
		}
		if !found {
			names := s.typeNames()
			msg := fmt.Sprintf("--type: unknown type %q (the types of Graph %s: %s)", opts.Type, v.version, strings.Join(names, ", "))
			if guess := closest(v.forced, names); guess != "" {
				msg += fmt.Sprintf("; did you mean %q?", guess)
			}
			return nil, errors.New(msg)
		}
	}
	return v, nil
}

// Schemas returns the compiled schemas of the version the validator
// assumes for payloads that name none.
func (v *Validator) Schemas() *Schemas {
	s, _ := LoadSchemas(v.version)
	return s
}

// Result is what one file produced.
type Result struct {
	// Findings are the findings listed, in reading order (see
	// Input.Findings); nil when Input.Findings received them.
	Findings  []finding.Finding
	Resources int // resources found in the file
	// Omitted counts, by severity, the findings beyond the limit that are
	// not listed in Findings.
	Omitted finding.Summary
	// Skipped counts the recorded calls that were not checked: not to
	// Graph, not a JSON success, or not about the VPP model.
	Skipped int
	// OffHost counts those of the Skipped calls whose host is neither
	// Graph's nor one of Options.GraphHosts; OffHosts names the first few
	// of their hosts (host[:port] as the request URLs write them), each
	// once.
	OffHost  int
	OffHosts []string
	// Calls counts the recorded calls whose response body was checked
	// (a $batch call is one).
	Calls int
	// Accepted counts the findings Input.Accept accepted.
	Accepted int
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
	// Recording reads the input as recorded traffic of this format; nil
	// reads it as a payload, unless Sniff is set.
	Recording *recording.Format
	// Sniff has Check tell recorded traffic from a payload by the input's
	// name and first bytes (recording.Sniff) when Recording is nil.
	Sniff bool
	// Findings, when set, receives the findings listed as soon as no
	// finding before them in reading order can still come, instead of
	// Result.Findings: a file with millions of findings is then never
	// held whole. It is called on Check's goroutine, never concurrently
	// for one Check, in the order Result.Findings would list them:
	// by position (Finding.Offset), except that a finding summing up the
	// file (skipped-type, and finding-limit after it) comes last in the
	// document it sums up.
	Findings func(finding.Finding)
	// Accept, when set, is asked about each finding (File, Pointer,
	// Rule, Severity, Call and Offset set) before it is listed or counted
	// past the limit, in the order they are reported: one it accepts (a
	// baseline's) is neither, and counts in Result.Accepted only, so a
	// --max-findings limit lists and counts the findings it does not
	// accept. It is called on Check's goroutine.
	Accept func(finding.Finding) bool
}

// Check checks one input as it is read, holding one resource at a time.
// The error is a read error: the findings up to that point are still
// returned, but the input was not checked to its end. Recorded traffic
// (Input.Recording, Input.Sniff) is read whole first.
//
// With Options.Workers above 1, Check first waits for a free worker.
func (v *Validator) Check(in Input) (Result, error) {
	if v.tokens != nil {
		v.tokens <- struct{}{}
		defer func() { <-v.tokens }()
	}
	c := v.newCheck(in)
	defer v.spare.Put(c)
	r := in.Reader
	if in.Recording != nil || in.Sniff {
		br, _ := v.sniffers.Get().(*bufio.Reader)
		if br == nil {
			br = bufio.NewReaderSize(r, sniffSize)
		} else {
			br.Reset(r)
		}
		defer func() {
			br.Reset(nil) // let go of the input
			v.sniffers.Put(br)
		}()
		head, _ := br.Peek(sniffSize)
		if in.Recording != nil || recording.Sniff(in.Name, head) {
			src, err := io.ReadAll(br)
			if err != nil {
				return c.result(), err
			}
			c.recording(src, in.Recording)
			return c.result(), nil
		}
		r = br
	}
	err := c.document(r, in.Size, in.Lines, jsonpos.Pos{})
	return c.result(), err
}

// sniffSize is how much of an input Check looks at to tell a recording.
const sniffSize = 4096

// readBufSize is the read buffer a check keeps from file to file: a file
// smaller than that is read into it (jsonpos.Options.Buffer).
const readBufSize = 16 << 10

func (v *Validator) newCheck(in Input) *check {
	c, _ := v.spare.Get().(*check)
	if c == nil {
		c = &check{readBuf: make([]byte, 0, readBufSize)}
	}
	*c = check{v: v, file: in.Name, sev: in.Severities, max: v.opts.MaxFindings, listFrom: v.opts.ListFrom, sink: in.Findings, accept: in.Accept, accepting: in.Accept != nil, readBuf: c.readBuf}
	if c.max == 0 {
		c.max = DefaultMaxFindings
	}
	if c.sink == nil {
		c.sink = func(f finding.Finding) { c.collected = append(c.collected, f) }
	}
	return c
}

// document checks one JSON document (or JSON Lines) read from r; start
// is where it begins in the file when it is a slice of it. The error is a
// read error.
func (c *check) document(r io.Reader, size int64, lines bool, start jsonpos.Pos) error {
	v := c.v
	opts := jsonpos.Options{MaxDepth: v.opts.MaxDepth, SizeHint: size, Start: start}
	var err error
	if v.tokens != nil && (size == 0 || size >= v.cuts.from) {
		err = c.parallel(r, opts, lines)
	} else {
		opts.Buffer = c.readBuf
		d := jsonpos.NewDecoder(r, opts)
		c.dec = d
		err = c.walk(d, lines, c.visitor())
		c.takeDuplicates()
		c.dec = nil
	}
	var se *jsonpos.SyntaxError
	if errors.As(err, &se) {
		msg := c.relocateText(se.Msg)
		switch {
		case se.Comment():
			msg += "; JSON has no comments: this looks like JSON with comments (a tsconfig.json or an editor's settings), not a Graph payload, and --exclude keeps such files out"
		case se.LaterLine && start == (jsonpos.Pos{}):
			// A whole file whose first line is one JSON value, and on a
			// later line what can begin another: JSON Lines read as one
			// document (a recorded body is no file of its own).
			msg += "; the input looks like JSON Lines (one document per line): use --lines, or name the file .jsonl"
		}
		c.report(rules.Syntax, se.Pos, se.Pointer, msg)
		err = nil
	}
	return err
}

// duplicates reports duplicate members.
func (c *check) duplicates(dups []jsonpos.Duplicate) {
	for _, dup := range dups {
		first := c.where(dup.First)
		c.report(rules.DuplicateKey, dup.Pos, dup.Pointer,
			fmt.Sprintf("member %q appears again in this object (first at line %d, column %d); JSON readers keep only one of its values", finding.Clip(dup.Name), first.Line, first.Column))
	}
}

// settle is called where a walk reaches a resource that begins at
// offset upTo. The duplicate members read so far are reported first:
// every check reports them at the same points (before each resource and
// shape problem), so that the findings a --max-findings limit lists are
// the same on any number of workers. Then, on the file's own check,
// nothing reported from here on lies before upTo, so the findings
// pending before it go out, in order; recorded bodies, whose positions
// are mapped into the recording, leave that to their end.
func (c *check) settle(upTo int64) {
	c.takeDuplicates()
	if c.out == nil && c.body == nil {
		c.flush(upTo)
	}
}

// takeDuplicates reports the duplicate members the walk's decoder has
// read since it last did.
func (c *check) takeDuplicates() {
	if c.dec != nil {
		c.duplicates(c.dec.TakeDuplicates())
	}
}

// flush hands the pending findings that lie before offset upTo to the
// sink, in reading order, and keeps the rest pending.
func (c *check) flush(upTo int64) {
	if len(c.pending) == 0 && len(c.acceptedKeys) == 0 {
		return
	}
	finding.Sort(c.pending)
	c.heaped = false
	n := 0
	for n < len(c.pending) && c.pending[n].Offset < upTo {
		f := c.pending[n]
		// Nothing reported from here on can be this one again: its
		// place is behind the walk.
		c.seen.forget(seenKey{f.Rule, f.Pointer, f.Offset}, f.Message)
		c.sink(f)
		n++
	}
	if n > 0 {
		c.pending = append(c.pending[:0], c.pending[n:]...)
	}
	kept := c.acceptedKeys[:0]
	for _, k := range c.acceptedKeys {
		if k.off < upTo {
			c.seen.forget(k.seenKey, k.msg)
		} else {
			kept = append(kept, k)
		}
	}
	c.acceptedKeys = kept
}

// flushAll hands every pending finding to the sink.
func (c *check) flushAll() { c.flush(math.MaxInt64) }

// walk walks one document, or JSON Lines, from d, handing what it finds
// to vis. The error is d's: a *jsonpos.SyntaxError that ends the
// document, or a read error.
func (c *check) walk(d *jsonpos.Decoder, lines bool, vis payload.Visitor) error {
	if lines {
		return payload.WalkLines(d, vis, func(se *jsonpos.SyntaxError) { vis.Problem(lineSyntax(se)) })
	}
	return payload.Walk(d, vis)
}

// lineSyntax is the finding for a line of JSON Lines that is not
// well-formed; the lines after it are still read.
func lineSyntax(se *jsonpos.SyntaxError) payload.Problem {
	return payload.Problem{Rule: rules.Syntax, Pos: se.Pos, Pointer: se.Pointer, Message: se.Msg}
}

// visitor checks what a walk finds as it is found.
func (c *check) visitor() payload.Visitor {
	vis := c.shape()
	vis.Resource = c.top
	vis.Problem = c.problem
	vis.Value = c.propertyValue
	vis.Proven = c.proven
	return vis
}

// shape is what a walk needs to know to find the resources: the version
// assumed and, for a recorded response, what its request implies.
func (c *check) shape() payload.Visitor {
	vis := payload.Visitor{Version: c.v.version, Type: c.v.forced}
	if c.body != nil {
		vis.Implied = c.implied
		vis.Int64Strings = c.int64Strings
	}
	return vis
}

// problem reports a shape problem found by the walker.
func (c *check) problem(p payload.Problem) {
	c.takeDuplicates()
	c.report(p.Rule, p.Pos, p.Pointer, p.Message)
}

// check is the state of validating one file. A parallel check has one
// more for each worker, whose report records the findings (out) for the
// file's check to take over in order.
type check struct {
	v         *Validator
	resources int
	// out, when set, receives the findings instead of the file.
	out *pieceResult
	// limited is set by the file's check of a parallel check once it has
	// listed as many findings as it may.
	limited *atomic.Bool
	// speculative is set for a worker that does not know whether the
	// resources before its piece were all left unchecked as not Graph;
	// it guesses (guessUnchecked: they were), and sets dependsOnStart
	// where that changes a verdict, so that the piece is checked again in
	// order if the guess was wrong. unchecked is set by the file's check
	// of a parallel check while it has found nothing but what is not
	// Graph, and tells the workers what to guess.
	speculative, dependsOnStart, guessUnchecked bool
	unchecked                                   *atomic.Bool
	// max is the number of findings listed; past it they are only
	// counted in omitted.
	max          int
	listFrom     finding.Severity // Options.ListFrom
	omitted      finding.Summary
	firstOmitted jsonpos.Pos
	// typ and lintRes are the resource being linted, kept here so that
	// linting a million resources allocates nothing per resource.
	typ     *Type
	lintRes rules.Resource
	// checks are the lint checks not switched off for this file, at
	// checkAt in Validator.checks; reportFn is report as a rules.Report
	// and invalidFn lintInvalid as rules.Resource.Invalid; all made on
	// first use.
	checks    []rules.Rule
	checkAt   []int
	reportFn  rules.Report
	invalidFn func(string) bool
	// countFn is count as a rules.Report, for the checks of a resource
	// whose findings are all counted past the limit (elide).
	countFn rules.Report
	// elide says that every finding about the resource the quick path is
	// checking is counted past the limit and that nothing asks for its
	// JSON pointer (no Input.Accept): its pointers and lint messages,
	// which nobody will read, are not built (see memberPointer).
	elide bool
	// propMsgs keeps the unknown- and missing-property messages worded
	// so far (see propMessage).
	propMsgs map[propMsgKey]propMsg
	// propRecent are the last messages propMessage found in propMsgs, the
	// next to replace at propNext modulo their number.
	propRecent [8]propMsg
	propNext   int
	// sevs are the severities of the first rules reported (see severity).
	sevs  [8]ruleSeverity
	nSevs int
	// valueMsgs keeps the messages about failed values worded so far.
	valueMsgs map[valueKey]string
	// q is what proving resources clean reuses.
	q quietState
	// flat is the resource flatFindings is checking, whose findings'
	// places emit completes; nil otherwise.
	flat *flatView
	// view is the flat view proven hands flatFindings, kept here so
	// that it is not allocated for every resource; notes is typeFlat's
	// judge, kept for the same reason.
	view  flatView
	notes notes
	// itemView and itemNotes are the same for a value nested in the
	// resource (flatItem).
	itemView  flatView
	itemNotes notes
	// proved is how many of the values nested in the resource that
	// flatFindings checks provenClean proved clean before it stopped:
	// the first that flatItem meets, in the same order. unclean says
	// that the one after them is known not to be (quietState.unclean).
	proved  int
	unclean bool
	// proofs is how recent proofs went, for Validator.proofs.
	proofs proofRecord
	// holding is set while what is said about a resource is kept in held
	// until the quick path knows it can check the whole of it (hold).
	holding bool
	held    []reported
	// dups holds the repeated members of the resource the quick path
	// reports them for, reused from one resource to the next.
	dups []jsonpos.Duplicate
	// fails holds what the fast check found failing in the resource
	// being checked, unknown the indices of its members that its type
	// does not have, and missing the required properties it lacks, all
	// reused from one resource to the next.
	fails   []failure
	unknown []int
	missing []string
	// ctx is the context of the resource being checked, nil for a nested
	// value; its select list says which properties may be missing.
	ctx *model.Context
	// metadata is whether the document of the top-level resource being
	// checked has an @odata.context (subject.metadata); the values nested
	// in it take it from there.
	metadata bool
	// countStrings is payload.Resource.Int64Strings of that resource,
	// for the checks of the values nested in it too.
	countStrings bool
	// isNotGraph is set once the file has been reported as not a Graph
	// payload; skipped counts the items of types outside the model, and
	// skippedAt is where the first one is.
	isNotGraph              bool
	skipped                 int
	skippedAt               jsonpos.Pos
	skippedPtr, skippedType string
	// invalid holds the properties of the resource being checked that
	// have a schema finding, so lint checks can stay silent about them;
	// unknownHere tells whether it has members its type does not
	// document.
	invalid     nameSet
	unknownHere bool
	file        string
	sev         rules.Severities
	// pending are the findings listed and not yet handed to sink, which
	// is Input.Findings or appends to collected; listed counts the
	// findings listed so far. dec is the decoder a sequential walk reads
	// with, whose duplicate members settle reports. Once the file has
	// listed as many findings as it may, pending is kept as a heap with
	// the last in reading order at its root (byLast), so that a finding
	// reported later that lies before it takes its place: the limit
	// keeps the first findings in reading order, not in the order they
	// are reported (a resource's missing properties, say). heaped tells
	// whether it is one now.
	pending []finding.Finding
	heaped  bool
	listed  int
	sink    func(finding.Finding)
	// accept is Input.Accept; accepted counts the findings it accepted,
	// and acceptedKeys are their keys in seen, until the walk is past
	// them.
	accept func(finding.Finding) bool
	// accepting says that the file's findings are asked about (accept),
	// by their pointers, even past the limit. Workers, which do not call
	// accept themselves, are told so.
	accepting    bool
	accepted     int
	acceptedKeys []seenMsg
	collected    []finding.Finding
	dec          *jsonpos.Decoder
	// readBuf is the read buffer of the documents of small files, kept
	// with the check from file to file (see Validator.spare).
	readBuf []byte
	// seen keeps identical findings from being reported twice: a value
	// that breaks a rule in two ways (a bad timestamp fails both format and
	// pattern) is one mistake.
	seen seenSet
	// body is the recorded response being checked, nil for a payload
	// file; calls counts the recorded calls skipped, offHost those of
	// them to a host not Graph's, and checked the calls whose body was
	// checked; offHosts names the first few hosts of the calls skipped
	// for their host (Result.OffHosts).
	body           *bodyCheck
	calls, offHost int
	offHosts       []string
	checked        int
}

// seenSet is a set of findings by place and message. Its map is keyed by
// the offset alone, with the first finding there as the value: hashing
// the pointer and message of every finding was a good part of writing
// millions of them, and findings at one offset are few. The rare second
// finding at an offset goes to more.
type seenSet struct {
	first map[int64]seenMsg
	more  map[seenMsg]bool
}

type seenKey struct {
	rule, ptr string
	off       int64
}

type seenMsg struct {
	seenKey
	msg string
}

func (s *seenSet) has(k seenKey, msg string) bool {
	m, ok := s.first[k.off]
	return ok && (m == seenMsg{k, msg} || s.more[seenMsg{k, msg}])
}

func (s *seenSet) add(k seenKey, msg string) {
	if s.first == nil {
		s.first = make(map[int64]seenMsg)
	}
	m, ok := s.first[k.off]
	switch {
	case !ok:
		s.first[k.off] = seenMsg{k, msg}
	case m != seenMsg{k, msg}:
		if s.more == nil {
			s.more = make(map[seenMsg]bool)
		}
		s.more[seenMsg{k, msg}] = true
	}
}

// forget takes a finding out of the set, with the first one at its
// offset: flush forgets every finding before a point, so those at the
// same offset go at the same time.
func (s *seenSet) forget(k seenKey, msg string) {
	delete(s.first, k.off)
	if len(s.more) > 0 {
		delete(s.more, seenMsg{k, msg})
	}
}

func (c *check) report(rule string, at jsonpos.Pos, ptr, msg string) {
	c.emit(rule, at, ptr, msg, false)
}

// count reports a finding that is counted past the limit, without a
// pointer or a message (see elide).
func (c *check) count(rule string, at jsonpos.Pos, ptr, msg string) {
	c.emit(rule, at, ptr, msg, true)
}

// memberPointer is the JSON pointer of member name of the object at ptr,
// or "" when no one will read it (elide).
func (c *check) memberPointer(ptr, name string) string {
	if c.elide {
		return ""
	}
	return ptr + "/" + jsonpos.EscapeToken(name)
}

// emit reports a finding. unlisted marks one that, once the file has
// listed as many as it may, is counted without looking for its twin
// among those listed, so that its message, which nobody will read, can
// be left out (see pastLimit).
func (c *check) emit(rule string, at jsonpos.Pos, ptr, msg string, unlisted bool) {
	sev := c.severity(rule)
	if sev == finding.Off {
		return
	}
	if c.flat != nil && !(c.out == nil && c.full() && c.omitted != (finding.Summary{}) &&
		(unlisted || len(c.pending) == 0) && at.Offset >= c.firstOmitted.Offset) {
		// Unless it is counted past the limit, cannot take the place of
		// one listed, and lies after the first one counted: then its
		// place is never shown (list and omit look at its offset only),
		// and working it out costs a pass over the text.
		at = c.flat.place(at)
	}
	call, response := "", ""
	if c.body != nil {
		at, msg, call, response = c.where(at), c.body.prefix+msg, c.body.call, c.body.responseID(ptr)
	}
	f := reported{rule, sev, at, ptr, msg, call, response, unlisted}
	if c.holding {
		c.held = append(c.held, f)
		return
	}
	c.pass(f)
}

// pass hands on a finding as reported: to the worker's record, or to
// the file (take). A worker counts, rather than records, one that the
// file will only count (take): past the limit, nothing asks about it, and
// it needs no twin looked for among those listed (unlisted).
func (c *check) pass(f reported) {
	if c.out == nil {
		c.take(f)
	} else if f.unlisted && c.onlyCounted() {
		c.out.fold(f)
	} else {
		c.out.reports = append(c.out.reports, f)
	}
}

// hold keeps what is reported from here on, until release, in c.held.
func (c *check) hold() {
	c.holding = true
	c.held = c.held[:0]
}

// release ends hold: what was held is passed on, in the order it was
// reported, when keep is set, and dropped otherwise.
func (c *check) release(keep bool) {
	c.holding = false
	if keep {
		for _, f := range c.held {
			c.pass(f)
		}
	}
	clear(c.held) // nothing kept alive from the input
	c.held = c.held[:0]
}

// severity is c.sev.Of(rule), for the last rules asked about: a file with
// millions of findings asks about the same few rules over and over.
func (c *check) severity(rule string) finding.Severity {
	for i := range c.sevs[:c.nSevs] {
		if c.sevs[i].rule == rule {
			return c.sevs[i].sev
		}
	}
	sev := c.sev.Of(rule)
	if c.nSevs < len(c.sevs) {
		c.sevs[c.nSevs] = ruleSeverity{rule, sev}
		c.nSevs++
	}
	return sev
}

type ruleSeverity struct {
	rule string
	sev  finding.Severity
}

// reported is a finding as reported, before the file decides whether it
// is new and whether it is listed.
type reported struct {
	rule           string
	sev            finding.Severity
	at             jsonpos.Pos
	ptr, msg, call string // call: Finding.Call
	response       string // Finding.Response
	unlisted       bool
}

// take lists a finding or counts it, in the order findings are reported.
func (c *check) take(f reported) {
	if f.unlisted && c.full() {
		if !c.accepts(f) {
			c.omit(f.sev, f.at)
		}
		return
	}
	c.list(f)
}

// accepts asks Input.Accept about a finding, before it is listed or
// counted, and counts it in Result.Accepted when it is accepted.
func (c *check) accepts(f reported) bool {
	if c.accept == nil || f.rule == rules.FindingLimit {
		return false
	}
	if !c.accept(finding.Finding{File: c.file, Pointer: f.ptr, Rule: f.rule, Severity: f.sev, Call: f.call, Response: f.response, Offset: f.at.Offset}) {
		return false
	}
	c.accepted++
	return true
}

// pastLimit tells whether every finding reported from here on is only
// counted. A worker knows it once the file's check has said so (limited);
// until then it reports findings in full.
func (c *check) pastLimit() bool {
	if c.out != nil {
		return c.limited != nil && c.limited.Load()
	}
	// A finding listed and still pending may yet give its place to one
	// that lies before it (list), which then needs its message.
	return c.full() && len(c.pending) == 0
}

// onlyCounted tells whether every finding reported from here on is
// counted past the limit and nothing asks about it (accepting): its
// pointer, which nobody will read, need not be built.
func (c *check) onlyCounted() bool { return !c.accepting && c.pastLimit() }

// list lists a finding, unless it was listed already, or counts it past
// the limit.
func (c *check) list(f reported) {
	rule, sev, at, ptr, msg, call := f.rule, f.sev, f.at, f.ptr, f.msg, f.call
	key := seenKey{rule, ptr, at.Offset}
	if c.seen.has(key, msg) {
		return
	}
	if c.accepts(f) {
		// Its twin must not be asked about again; flush forgets it once
		// the walk is past it.
		c.seen.add(key, msg)
		c.acceptedKeys = append(c.acceptedKeys, seenMsg{key, msg})
		return
	}
	if sev < c.listFrom && rule != rules.FindingLimit {
		// Never shown: it takes no place. The finding-limit one takes
		// the severity of the worst it stands for (engine), which
		// omit counted only at ListFrom or above: shown, it says that
		// -q's list was cut.
		return
	}
	nf := finding.Finding{
		File: c.file, Line: at.Line, Column: at.Column, Pointer: ptr,
		Rule: rule, Severity: sev, Message: msg, Call: call, Response: f.response, Offset: at.Offset,
	}
	if c.full() {
		if len(c.pending) == 0 {
			c.omit(sev, at) // after every finding listed, which are out
			return
		}
		if !c.heaped {
			heap.Init((*byLast)(&c.pending))
			c.heaped = true
		}
		last := c.pending[0]
		if finding.Compare(nf, last) >= 0 {
			c.omit(sev, at)
			return
		}
		c.seen.forget(seenKey{last.Rule, last.Pointer, last.Offset}, last.Message)
		c.omit(last.Severity, jsonpos.Pos{Offset: last.Offset, Line: last.Line, Column: last.Column})
		c.seen.add(key, msg)
		c.pending[0] = nf
		heap.Fix((*byLast)(&c.pending), 0)
		return
	}
	c.seen.add(key, msg)
	c.listed++
	c.pending = append(c.pending, nf)
}

// byLast orders findings for container/heap with the last in reading
// order (finding.Compare) first: the one a finding that lies before it
// replaces once the limit is reached.
type byLast []finding.Finding

func (h byLast) Len() int           { return len(h) }
func (h byLast) Less(i, j int) bool { return finding.Compare(h[i], h[j]) > 0 }
func (h byLast) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *byLast) Push(x any)        { *h = append(*h, x.(finding.Finding)) }
func (h *byLast) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// full tells whether the file has listed as many findings as it may.
func (c *check) full() bool { return c.max >= 0 && c.listed >= c.max }

// omitAll counts findings past the limit, as omit would one at a time,
// the first of them at at.
func (c *check) omitAll(s finding.Summary, at jsonpos.Pos) {
	if c.listFrom > finding.Info {
		s.Infos = 0
	}
	if c.listFrom > finding.Warning {
		s.Warnings = 0
	}
	if s.Errors+s.Warnings+s.Infos == 0 {
		return
	}
	if c.omitted == (finding.Summary{}) || at.Offset < c.firstOmitted.Offset {
		c.firstOmitted = at
	}
	c.omitted.AddCounts(s)
}

// omit counts a finding past the limit.
func (c *check) omit(sev finding.Severity, at jsonpos.Pos) {
	if sev < c.listFrom {
		return
	}
	if c.omitted == (finding.Summary{}) || at.Offset < c.firstOmitted.Offset {
		c.firstOmitted = at
	}
	c.omitted.Add(finding.Finding{Severity: sev})
}

// flushSkipped ends a document (a file, or a recorded body): its findings
// go out, then the items of types outside the model counted in it, as
// one finding that comes last, since only now is their number known. It
// is placed at the first of them.
func (c *check) flushSkipped() {
	c.flushAll()
	if c.skipped > 0 {
		c.report(rules.SkippedType, c.skippedAt, c.skippedPtr, fmt.Sprintf(
			"%d item(s) of types outside the Apple VPP model were skipped, the first %s; vppvalidate knows only the VPP types, so it checks neither these items nor that their @odata.type names a Graph type", c.skipped, finding.Article(c.skippedType)))
		c.skipped = 0
		c.flushAll()
	}
}

// result ends the file: what is pending goes out, then the one finding
// that announces those past the limit, last.
func (c *check) result() Result {
	c.flushSkipped()
	if o := c.omitted; o != (finding.Summary{}) {
		n := o.Errors + o.Warnings + o.Infos
		c.max = -1 // let the announcement through
		c.report(rules.FindingLimit, c.firstOmitted, "", fmt.Sprintf(
			"%s not listed in this file (%s, %s, %s), the first of them here; raise --max-findings to see them",
			finding.Count(n, "more finding", "more findings"), finding.Count(o.Errors, "error", "errors"),
			finding.Count(o.Warnings, "warning", "warnings"), finding.Count(o.Infos, "info", "infos")))
		c.flushAll()
	}
	return Result{Findings: c.collected, Resources: c.resources, Omitted: c.omitted, Skipped: c.calls, OffHost: c.offHost, OffHosts: c.offHosts, Calls: c.checked, Accepted: c.accepted}
}

// top checks a resource that the payload walker found: its version,
// declared type and select list come from its document's context.
func (c *check) top(r payload.Resource) {
	c.settle(r.Value.Pos.Offset)
	version, decl := c.v.declaredBy(r.Context)
	c.resource(r, version, decl, false)
}

// declaredBy is the API version and the declared type (nil for none) of
// a resource whose document has the context ctx (nil for none: the
// version of the options, no declared type).
func (v *Validator) declaredBy(ctx *model.Context) (string, *model.Type) {
	if ctx == nil {
		return v.version, nil
	}
	return ctx.Version, ctx.Type
}

// resource types one resource, checks it against its schema, runs the
// lint checks on it and then checks the values nested in it: each member
// whose property has a structured type of the model (complex values,
// collections of them, expanded navigation properties) is a resource of
// that type. decl is the type the resource's place declares, nil when it
// declares none.
func (c *check) resource(r payload.Resource, version string, decl *model.Type, nested bool) {
	s, err := LoadSchemas(version)
	if err != nil {
		c.report(rules.ODataContext, r.Value.Pos, r.Pointer, err.Error())
		return
	}
	if !nested {
		c.metadata, c.countStrings = r.Context != nil, r.Int64Strings
	}
	sub := treeSubject(r, nested, c.metadata)
	t, skip := resolve(c, &sub, s, s.typeOf(decl), c.v.forced)
	if skip {
		return
	}
	c.resources++
	r.Context = r.Context.For(t.Model) // what casts in the select list say of t
	c.ctx = r.Context
	c.invalid.reset()
	val := c.known(r, t)
	var missing []string
	sure := false
	fails := c.fails[:0]
	if !c.v.slow && t.fastCheck() != nil {
		missing, sure = t.fast.treeVerdict(val, &fails)
		c.fails = fails
	}
	if sure {
		// Valid, or with mistakes the fast check judges for certain, said
		// without v5: the findings v5's errors give, in their order
		// (TestFastPathNeverAcceptsWhatV5Rejects and TestQuickAgrees
		// compare them).
		for _, p := range missing {
			c.missingProperty(t, p, r.Value.Pos, r.Pointer, true)
		}
		c.failedValues(t, treeView{val}, fails, r.Pointer)
	} else if sch, err := t.Schema(); err != nil {
		// The embedded schemas are compiled by the tests; this cannot
		// happen in a released build, but must not pass silently.
		c.report(rules.Type, r.Value.Pos, r.Pointer, "vppvalidate cannot check this resource: "+err.Error())
	} else if err := sch.Validate(jsonpos.ToAnyWith(val, schemaNumber)); err != nil {
		c.schemaErrors(r, t, err)
	}
	if r.Value.Kind != jsonpos.Object {
		return
	}
	c.lint(treeView{r.Value}, r.Pointer, t, 0)
	c.nested(r, t)
}

// lint runs the lint checks that are not off on a resource of type t
// at ptr, which has been through the schema, but for the first from of
// the validator's checks, known to be silent on it.
func (c *check) lint(view rules.View, ptr string, t *Type, from int) {
	c.typ = t
	if c.checks == nil {
		// The file's severities do not change: look them up once.
		c.checks, c.checkAt = []rules.Rule{}, []int{}
		for i, chk := range c.v.checks {
			if c.sev.Of(chk.ID) != finding.Off {
				c.checks, c.checkAt = append(c.checks, chk), append(c.checkAt, i)
			}
		}
		c.reportFn, c.invalidFn, c.countFn = c.report, c.lintInvalid, c.count // method values, made once
	}
	c.lintRes.Pointer, c.lintRes.Invalid, c.lintRes.Verdict = ptr, c.invalidFn, c.elide
	c.lintRes.Int64Strings = c.countStrings
	c.lintRes.Look(view, t.Model)
	report := c.reportFn
	if c.elide {
		report = c.countFn // the checks give neither pointer nor message
	}
	for i, chk := range c.checks {
		if c.checkAt[i] >= from {
			chk.Check(&c.lintRes, report)
		}
	}
}

// nested checks the structured values inside a resource of type t.
func (c *check) nested(r payload.Resource, t *Type) {
	for i := range r.Value.Members {
		m := &r.Value.Members[i]
		p := t.Model.Property(m.Name)
		if p == nil || p.Elem == nil || p.Elem.Kind == model.Enum || r.Value.Member(m.Name) != m {
			continue
		}
		ptr := r.Pointer + "/" + jsonpos.EscapeToken(m.Name)
		ctx := r.Context.Nested(m.Name) // what a select list leaves of the values
		switch {
		case m.Value.Kind == jsonpos.Object && !p.Collection:
			c.resource(payload.Resource{Value: m.Value, Pointer: ptr, Context: ctx}, t.owner.Version, p.Elem, true)
		case m.Value.Kind == jsonpos.Array && p.Collection:
			for k, it := range m.Value.Items {
				if it.Kind == jsonpos.Object {
					c.resource(payload.Resource{Value: it, Pointer: ptr + "/" + strconv.Itoa(k), Context: ctx}, t.owner.Version, p.Elem, true)
				}
			}
		}
	}
}

// lintInvalid tells lint checks which properties of the resource being
// checked not to reason about: those with a schema finding and those its
// type does not document. Of a repeated one the checks read the last
// occurrence, the value the schema judged.
func (c *check) lintInvalid(prop string) bool {
	// The checks ask only about members the resource has: when none is
	// unknown, each is documented or an annotation.
	return c.invalid.has(prop) || c.unknownHere && !payload.IsAnnotation(prop) && !c.typ.documents(prop)
}

// nameSet is a set of member names, most often empty or of one or two:
// those are compared in place, more go to a map.
type nameSet struct {
	few  [4]string
	n    int
	more map[string]bool
}

func (s *nameSet) reset() {
	s.n = 0
	if len(s.more) > 0 {
		clear(s.more)
	}
}

func (s *nameSet) add(name string) {
	if s.has(name) {
		return
	}
	if s.n < len(s.few) {
		s.few[s.n] = name
		s.n++
		return
	}
	if s.more == nil {
		s.more = make(map[string]bool)
	}
	s.more[name] = true
}

func (s *nameSet) has(name string) bool {
	for _, n := range s.few[:s.n] {
		if n == name {
			return true
		}
	}
	return len(s.more) > 0 && s.more[name]
}

// known reports the members of an object resource that its type does not
// document, in document order, and returns the resource without them for
// the schema check. The schema would say the same (unevaluatedProperties
// is false), but jsonschema/v5 builds an error per member in map order: an
// object with a million unknown members would cost gigabytes and list a
// different thousand of them each run.
func (c *check) known(r payload.Resource, t *Type) *jsonpos.Value {
	c.unknownHere = false
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
	c.unknownHere = unknown
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
