package validate

import (
	"errors"
	"io"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/payload"
)

// Checking one input on several cores.
//
// One goroutine, the walker, reads the input and walks its outer levels
// (payload.Walk, payload.WalkLines) without checking anything: it cuts
// the items of arrays of resources into runs of whole items
// (jsonpos.Decoder.NextRun), and JSON Lines into runs of whole lines
// (NextLines), and gathers them, with the few resources and shape
// problems it meets itself, into tasks of about cutSizes.task bytes.
// Workers, one per token of Options.Workers that is free, check tasks in
// any order; each run is read by a decoder resumed from it, which gives
// the positions, pointers and errors that one reading from the start
// would. The check that called parallel takes the tasks over in input
// order and lists their findings as they would have been reported on one
// goroutine: dedupe, --max-findings, skipped types and duplicate members
// are decided there, once, in order.
//
// What a worker cannot know is decided again in order: a resource that
// would be "not Graph" only if nothing before it was checked makes its
// piece be checked once more by the file's check when that is so. A run
// that is not well-formed ends its document as it would have: the pieces
// after it in the same document are dropped, and the walker is stopped
// when nothing else can follow.

// cutSizes sizes the work of a parallel check.
type cutSizes struct {
	// from is the input size from which an input is checked in
	// parallel; below it the hand-over costs more than it saves. Inputs
	// of unknown size (standard input) are checked in parallel.
	from int64
	// task is about how many input bytes a task covers, and the most a
	// run may hold unless one item is longer.
	task int
	// items is the most items (resources, or the items a resource
	// should have been) a run holds, and about the most a task covers.
	// What a worker keeps of a task until the file's check takes it over
	// (findings above all) grows with its items, which in task bytes of
	// empty objects run to 87,000: ten million of them held 2 GB at -j 2
	// before this bound, 25 MB after.
	items int
	// blocks says how the walker cuts the items of an array. 0 leaves it
	// to the walker: with minBlockWorkers or more, it scans one block per
	// worker (maxBlocks at most) at once (jsonpos.Decoder.NextRuns)
	// whenever fewer tasks wait than there are workers, and otherwise one
	// run at a time (NextRun). Above 0, every cut scans that many blocks
	// at once (tests); -1, one run at a time always.
	blocks int
}

var defaultCuts = cutSizes{from: 1 << 20, task: 256 << 10, items: 1024}

// taskFindings is about the most findings a task should record. A worker
// keeps them until the file's check takes the task over, so where items
// carry many findings that are listed (with --max-findings 0, or before
// the limit), tasks hold fewer items (walker.itemCap): with 80 unknown
// properties per item and no limit, 30 MB held 290 MB at -j 16 and 114 MB
// at -j 2 before this bound, 136 MB and 36 MB after.
const taskFindings = 4 << 10

// startItems is the most items of the tasks cut before one is taken
// over, when nothing is known of how many findings items carry: the
// walker cuts up to cap(walker.free) tasks ahead of the first.
const startItems = 32

// keptReports is the most findings whose room a piece's result keeps for
// the task that reuses it next.
const keptReports = taskFindings

// blockRuns is how many runs of cutSizes.task bytes one goroutine scans
// at a time when the walker cuts in blocks: a block's scan has to last
// well beyond the time it takes to wake a thread to run it. On the 2-core
// machine of bench/, a goroutine given 0.11 ms of work (a 256 KB scan)
// finished only 12 percent sooner than the same work done in turn.
const blockRuns = 4

// minBlockWorkers is the fewest workers for which the walker cuts in
// blocks. BenchmarkWalker's walker, cutting one run at a time, reads 9 to
// 10 times as fast as one goroutine checks, so it keeps ahead of a few
// workers alone; at -j 2, cutting in blocks made the run slower (0.46 to
// 0.49 s against 0.45 to 0.46 s on the bench's 100 MB collection) and
// its memory 3 MB larger.
const minBlockWorkers = 4

// maxBlocks bounds the blocks the walker scans at once, and with them the
// stretch of input it holds to cut them (maxBlocks*blockRuns tasks): with
// one block per worker, -j 64 on 64 threads held 243 MB of RSS on the
// bench's 400 MB collection, against 80 MB cutting one run at a time.
// Eight blocks of 1 MB are scanned in about the time one is, far faster
// than any number of workers checks them.
const maxBlocks = 8

// A task is what a worker checks at a time: pieces in input order.
type task struct {
	pieces  []piece
	results []pieceResult // one per piece, filled by the worker
	text    []byte        // the runs' bytes
	done    chan struct{} // closed when results are filled
	items   int           // walker.items when it was handed over
}

// A piece is one thing the walker found.
type piece struct {
	kind pieceKind
	// doc counts the documents of JSON Lines (0 otherwise): a run that is
	// not well-formed ends its document, whose later pieces are dropped.
	doc      int
	run      jsonpos.Run // Text is set from text when checked
	text     [2]int      // where the run's bytes are in task.text
	at       payload.Place
	resource payload.Resource
	problem  payload.Problem
	value    payload.PropertyValue
	dups     []jsonpos.Duplicate
}

type pieceKind uint8

const (
	itemsPiece    pieceKind = iota // a run of items of an array of resources
	linesPiece                     // a run of lines of JSON Lines
	resourcePiece                  // a resource the walker read whole
	problemPiece                   // a shape problem the walker found
	valuePiece                     // one property's value the walker read whole
	dupsPiece                      // duplicate members the walker read
)

// pieceResult is what checking one piece gave.
type pieceResult struct {
	reports []reported
	// folded counts the findings the worker found past the limit that
	// the file would only count (see pass), the first at foldedAt,
	// reported after the first foldedAfter of reports. Without it a
	// worker held every such finding until its task was taken over: 1.6
	// million unknown-property warnings in 30 MB held 330 MB at -j 16.
	folded      finding.Summary
	foldedAt    jsonpos.Pos
	foldedAfter int
	// err is the syntax error that ended a run of items, and with it the
	// document.
	err       *jsonpos.SyntaxError
	resources int
	// skipped counts the items of types outside the model, the first at
	// skippedAt.
	skipped                 int
	skippedAt               jsonpos.Pos
	skippedPtr, skippedType string
	// dependsOnStart says that a verdict depended on whether the
	// resources before the piece were all left unchecked as not Graph;
	// guessedUnchecked, that the worker guessed they were.
	dependsOnStart, guessedUnchecked bool
}

// errStopped ends the walker's reading once its document has ended.
var errStopped = errors.New("the document ended before this point")

// stoppable is a reader that fails once stop is set.
type stoppable struct {
	r    io.Reader
	stop *atomic.Bool
}

func (s stoppable) Read(p []byte) (int, error) {
	if s.stop.Load() {
		return 0, errStopped
	}
	return s.r.Read(p)
}

// parallel checks one document, or JSON Lines, read from r, on as many
// workers as tokens allow (at least one, on the token the caller holds)
// and no more than GOMAXPROCS. It returns the error that ended the
// document: a *jsonpos.SyntaxError or a read error.
func (c *check) parallel(r io.Reader, opts jsonpos.Options, lines bool) error {
	v := c.v
	var stop atomic.Bool
	if c.limited == nil {
		c.limited = new(atomic.Bool)
	}
	c.unchecked = new(atomic.Bool)
	// More workers than the Go scheduler runs at once would not check
	// sooner, only hold more tasks in memory.
	most := min(cap(v.tokens), runtime.GOMAXPROCS(0))
	queue := 2*most + 2
	w := &walker{
		sizes:   v.cuts,
		merged:  v.merged,
		workers: most,
		d:       jsonpos.NewDecoder(stoppable{r, &stop}, opts),
		order:   make(chan *task, queue),
		work:    make(chan *task, queue),
		free:    make(chan *task, queue+2),
	}
	// Before the walker starts: it cuts by itemCap from its first run.
	w.cap.Store(int64(min(w.sizes.items, startItems)))
	w.t = w.newTask()
	var workers sync.WaitGroup
	start := func() {
		workers.Add(1)
		go func() {
			defer workers.Done()
			c.worker().serve(w.work, &stop)
		}()
	}
	start() // on the caller's token
	extra := 0
	w.more = func() {
		if 1+extra < most {
			select {
			case v.tokens <- struct{}{}:
				extra++
				start()
			default:
			}
		}
	}
	go func() {
		defer close(w.work)
		defer close(w.order)
		w.err = c.walk(w.d, lines, w.visitor(c.shape()))
		w.dispatch()
	}()

	m := merging{failedDoc: -1}
	for t := range w.order {
		<-t.done
		if !m.ended {
			w.recorded(t)
			c.merge(t, lines, &m)
			if m.ended {
				stop.Store(true)
			}
			if c.pastLimit() {
				// Not while a listed finding is pending: one that a
				// worker reports at the same place may yet come before
				// it, and a worker past the limit keeps no message.
				c.limited.Store(true)
			}
			c.unchecked.Store(c.resources == 0 && c.isNotGraph)
		}
		w.free <- t // never blocks: it holds every task made
	}
	workers.Wait()
	for range extra { // written by the walker, which has ended
		<-v.tokens
	}
	if m.ended {
		return m.err
	}
	return w.err // written before order was closed
}

// merging is what the file's check keeps while it takes tasks over.
type merging struct {
	// failedDoc is the document of JSON Lines that a run ended, -1 for
	// none; ended is set when a run ended the whole input, with err.
	failedDoc int
	ended     bool
	err       error
}

// merge takes over the results of a task, in order.
func (c *check) merge(t *task, lines bool, m *merging) {
	for i := range t.pieces {
		p, r := &t.pieces[i], &t.results[i]
		if m.ended || p.doc == m.failedDoc {
			continue
		}
		if p.kind == dupsPiece {
			c.duplicates(p.dups)
			continue
		}
		// Nothing the pieces from here on report lies before where
		// this one begins.
		switch p.kind {
		case itemsPiece, linesPiece:
			c.settle(p.run.Start.Offset)
		case resourcePiece:
			c.settle(p.resource.Value.Pos.Offset)
		case valuePiece:
			c.settle(p.value.Value.Pos.Offset)
		}
		// A worker that could not tell whether the resources before the
		// piece were all left unchecked guessed (see firstResource);
		// where it guessed wrong, the piece is checked again.
		wrong := c.resources == 0
		if r.guessedUnchecked {
			wrong = c.resources > 0 || !c.isNotGraph
		}
		if r.dependsOnStart && wrong {
			r = c.again(p, t.text)
		}
		c.takeReports(r)
		c.resources += r.resources
		if r.skipped > 0 {
			if c.skipped == 0 {
				c.skippedAt, c.skippedPtr, c.skippedType = r.skippedAt, r.skippedPtr, r.skippedType
			}
			c.skipped += r.skipped
		}
		if r.err != nil {
			if lines {
				// As WalkLines does: the line is reported, the next read.
				c.problem(lineSyntax(r.err))
				m.failedDoc = p.doc
			} else {
				m.ended, m.err = true, r.err
			}
		}
	}
}

// takeReports takes over what a worker reported of a piece, in order.
func (c *check) takeReports(r *pieceResult) {
	folded := r.folded != (finding.Summary{})
	for i, f := range r.reports {
		if folded && i == r.foldedAfter {
			c.omitAll(r.folded, r.foldedAt)
			folded = false
		}
		c.take(f)
	}
	if folded {
		c.omitAll(r.folded, r.foldedAt)
	}
}

// fold counts a finding past the limit (see check.pass).
func (r *pieceResult) fold(f reported) {
	if r.folded == (finding.Summary{}) {
		r.foldedAt, r.foldedAfter = f.at, len(r.reports)
	} else if f.at.Offset < r.foldedAt.Offset {
		r.foldedAt = f.at // the first in reading order is named
	}
	r.folded.Add(finding.Finding{Severity: f.sev})
}

// again checks a piece once more, in order, knowing what the pieces
// before it found.
func (c *check) again(p *piece, text []byte) *pieceResult {
	w := c.worker()
	w.isNotGraph = c.isNotGraph
	if c.resources > 0 {
		// A resource was checked before: every resource of the piece
		// is checked, as a worker that guessed so checks it.
		w.guessUnchecked = false
	} else {
		w.speculative = false
	}
	r := &pieceResult{}
	w.piece(p, text, r)
	c.isNotGraph = w.isNotGraph
	return r
}

// worker returns a check that checks pieces for c, recording what it
// finds.
func (c *check) worker() *check {
	return &check{v: c.v, file: c.file, sev: c.sev, body: c.body, limited: c.limited, unchecked: c.unchecked,
		accepting: c.accepting, speculative: true}
}

// serve checks the tasks that come through work until it is closed;
// once stop is set, it only hands them back.
func (c *check) serve(work <-chan *task, stop *atomic.Bool) {
	for t := range work {
		if !stop.Load() {
			t.results = slices.Grow(t.results[:0], len(t.pieces))[:len(t.pieces)]
			failed := -1
			for i := range t.pieces {
				p := &t.pieces[i]
				if p.doc == failed {
					continue // dropped in order too
				}
				if c.v.walkOnly {
					t.results[i] = pieceResult{reports: t.results[i].reports[:0]}
					continue
				}
				// A guess that nothing before the piece was checked
				// includes that the file was reported as not Graph, as
				// the file's check knew when it made the guess.
				c.guessUnchecked = c.unchecked.Load()
				if c.v.guess != nil {
					c.guessUnchecked = *c.v.guess
				}
				c.isNotGraph = c.guessUnchecked
				if c.piece(p, t.text, &t.results[i]); t.results[i].err != nil {
					failed = p.doc
				}
			}
		}
		close(t.done)
	}
}

// piece checks one piece into r.
func (c *check) piece(p *piece, text []byte, r *pieceResult) {
	reports := r.reports[:0]
	if cap(reports) > keptReports {
		reports = nil // from a task full of findings: let them go
	}
	*r = pieceResult{reports: reports}
	c.out, c.resources, c.skipped, c.dependsOnStart = r, 0, 0, false
	switch p.kind {
	case itemsPiece, linesPiece:
		run := p.run
		run.Text = text[p.text[0]:p.text[1]]
		d := run.Decoder(jsonpos.Options{MaxDepth: c.v.opts.MaxDepth})
		c.dec = d
		var err error
		if p.kind == linesPiece {
			err = c.walk(d, true, c.visitor())
		} else {
			err = payload.WalkItems(d, p.at, c.visitor())
		}
		c.takeDuplicates()
		c.dec = nil
		// In memory, the only error is a syntax error; in JSON Lines
		// that is a finding, reported already.
		var se *jsonpos.SyntaxError
		if errors.As(err, &se) {
			r.err = se
		}
	case resourcePiece:
		c.top(p.resource)
	case problemPiece:
		c.problem(p.problem)
	case valuePiece:
		c.propertyValue(p.value)
	}
	r.resources, r.dependsOnStart, r.guessedUnchecked = c.resources, c.dependsOnStart, c.guessUnchecked
	r.skipped, r.skippedAt, r.skippedPtr, r.skippedType = c.skipped, c.skippedAt, c.skippedPtr, c.skippedType
	c.out = nil
}

// recorded sets the items of the tasks the walker cuts from here on by
// how many findings t's worker recorded per item: about taskFindings per
// task, and at most sizes.items.
func (w *walker) recorded(t *task) {
	reports := 0
	for i := range t.results {
		reports += len(t.results[i].reports)
	}
	if w.merged != nil {
		w.merged(t.items, reports)
	}
	items := w.sizes.items
	if reports > 0 && t.items > 0 {
		items = min(items, max(1, taskFindings*t.items/reports))
	}
	w.cap.Store(int64(items))
}

// itemCap is the most items a run, and about the most a task, holds now
// (see recorded).
func (w *walker) itemCap() int { return int(w.cap.Load()) }

// walker is the reading side of a parallel check.
type walker struct {
	sizes cutSizes
	// cap is itemCap, set by the file's check.
	cap     atomic.Int64
	merged  func(items, reports int) // Validator.merged
	workers int                      // the most that check tasks at once
	d       *jsonpos.Decoder
	t       *task // being filled
	from    int64 // input offset where t began
	items   int   // in t: its runs' items, and its other pieces
	// sparse says that the last cut took less than a full run: a run of
	// sizes.items items, or one cut short of sizes.task bytes by what
	// came after it (see cut).
	sparse bool
	// array is the pointer of the array being cut, whose first cut was
	// at input offset arrayFrom.
	array     string
	arrayFrom int64
	doc       int
	// order carries the tasks to the file's check, work to the workers;
	// free brings them back to be reused.
	order, work, free chan *task
	// more starts one more worker if a token is free.
	more func()
	// made counts the tasks made; at most cap(free) are.
	made int
	err  error
}

// visitor is what the walker hands the payload walk: it checks nothing
// but cuts and gathers.
func (w *walker) visitor(vis payload.Visitor) payload.Visitor {
	vis.Resource = func(r payload.Resource) { w.add(piece{kind: resourcePiece, resource: r}) }
	vis.Problem = func(p payload.Problem) { w.add(piece{kind: problemPiece, problem: p}) }
	vis.Value = func(v payload.PropertyValue) { w.add(piece{kind: valuePiece, value: v}) }
	vis.Cut = w.cut
	vis.Lines = w.lines
	return vis
}

// cut is payload.Visitor.Cut. While the workers have tasks waiting, the
// walker keeps ahead of them cutting one run at a time; when many run
// short, it scans a block per worker (up to maxBlocks) at once, at the cost
// of scanning twice the blocks that it cannot start after a line break.
//
// Blocks pay only where runs are long: NextRuns scans all its blocks
// before it knows where the runs stop, at an item that is not an object
// or an array, at a stretch of more than sizes.items items, or where the
// array ends. So after a cut that took less than a full run (see sparse)
// the walker cuts one run at a time, which scans no further than it
// takes, until a run is full again. Before this, a collection with a
// number after every resource scanned 8 MB of blocks per resource: -j 16
// took 28 s on 3 MB. Likewise an array is cut one run at a time until as
// much of it has been cut as blocks would scan at once: a batch of 120
// bodies of 300 KB each scanned 8 MB of blocks at the end of each, and
// -j 16 took 3 times as long as -j 1.
func (w *walker) cut(d *jsonpos.Decoder, at payload.Place) bool {
	if at.Array != w.array {
		w.array, w.arrayFrom = at.Array, d.Offset()
	}
	blocks := w.sizes.blocks
	if blocks == 0 && w.workers >= minBlockWorkers && len(w.work) < w.workers && !w.sparse {
		blocks = min(w.workers, maxBlocks)
		if d.Offset()-w.arrayFrom < int64(w.sizes.task*blockRuns*blocks) {
			blocks = 1 // not yet known to be long
		}
	}
	if blocks > 1 {
		if runs := d.NextRuns(w.sizes.task, blockRuns, blocks, w.itemCap()); len(runs) > 0 {
			took := 0
			for _, run := range runs {
				took += len(run.Text)
				w.addRun(piece{kind: itemsPiece, run: run, at: at})
			}
			w.sparse = took < w.sizes.task*blockRuns // less than one block
			return true
		}
	}
	items := w.itemCap()
	run, ok := d.NextRun(w.sizes.task, items)
	if ok {
		w.sparse = run.Items >= items || len(run.Text) < w.sizes.task/2
		w.addRun(piece{kind: itemsPiece, run: run, at: at})
	}
	return ok
}

// lines is payload.Visitor.Lines: a new document begins.
func (w *walker) lines(d *jsonpos.Decoder) bool {
	w.takeDups()
	w.doc++
	run, ok := d.NextLines(w.sizes.task, w.itemCap())
	if ok {
		w.addRun(piece{kind: linesPiece, run: run})
	}
	return ok
}

// addRun adds a piece whose run's bytes, which look into the decoder's
// buffer, are copied into the task's text.
func (w *walker) addRun(p piece) {
	from := len(w.t.text)
	w.t.text = append(w.t.text, p.run.Text...)
	p.run.Text, p.text = nil, [2]int{from, len(w.t.text)}
	w.add(p)
}

// takeDups adds the duplicate members read so far as a piece, so that
// they keep their place among those the runs find.
func (w *walker) takeDups() {
	if dups := w.d.TakeDuplicates(); len(dups) > 0 {
		w.t.pieces = append(w.t.pieces, piece{kind: dupsPiece, doc: w.doc, dups: dups})
	}
}

func (w *walker) add(p piece) {
	w.takeDups()
	p.doc = w.doc
	w.t.pieces = append(w.t.pieces, p)
	if p.kind == itemsPiece || p.kind == linesPiece {
		w.items += p.run.Items
	} else {
		w.items++ // a resource, a shape problem: small pieces, such as short batch answers
	}
	// The runs of one NextRuns are all consumed before the first is
	// added, so their bytes count too.
	if w.d.Offset()-w.from >= int64(w.sizes.task) || len(w.t.text) >= w.sizes.task || w.items >= w.itemCap() {
		w.dispatch()
	}
}

// dispatch hands the task over and starts another.
func (w *walker) dispatch() {
	w.takeDups()
	if len(w.t.pieces) == 0 {
		return
	}
	w.t.items = w.items
	w.order <- w.t
	w.work <- w.t
	if len(w.work) > 0 {
		w.more()
	}
	w.t = w.newTask()
}

// newTask returns an empty task: a new one while fewer than cap(free)
// exist, else one the file's check is done with, waited for. A fixed set
// of tasks keeps the walker from making a new quarter-megabyte text
// whenever the file's check has not yet handed one back, and bounds the
// memory a parallel check holds. The file's check frees every task it
// takes, in order, so one comes back as long as any is out.
func (w *walker) newTask() *task {
	w.from, w.items = w.d.Offset(), 0
	var t *task
	select {
	case t = <-w.free:
	default:
		if w.made < cap(w.free) {
			w.made++
			return &task{done: make(chan struct{})}
		}
		t = <-w.free
	}
	clear(t.pieces) // let go of the trees and pointers
	t.pieces, t.text, t.done = t.pieces[:0], t.text[:0], make(chan struct{})
	return t
}
