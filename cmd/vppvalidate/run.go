package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode"

	"golang.org/x/term"

	"github.com/vppvalidate/vppvalidate/internal/baseline"
	"github.com/vppvalidate/vppvalidate/internal/config"
	"github.com/vppvalidate/vppvalidate/internal/engine"
	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/input"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/report"
	"github.com/vppvalidate/vppvalidate/internal/rules"
	"github.com/vppvalidate/vppvalidate/internal/validate"
	"github.com/vppvalidate/vppvalidate/schemas"
)

// Exit codes, like go vet's.
const (
	exitClean    = engine.ExitClean    // no finding reaches --fail-on
	exitFindings = engine.ExitFindings // at least one does
	exitTrouble  = engine.ExitTrouble  // usage error, or an input that cannot be read
)

// homePage is where the project lives, for report formats that link to it.
const homePage = "https://github.com/vppvalidate/vppvalidate"

// run is the whole command: flags, project file, inputs, validation,
// reports, exit code. It never calls os.Exit, so tests can drive it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fail := func(err error) int {
		printError(stderr, err)
		if _, ok := err.(usageError); ok {
			fmt.Fprintf(stderr, "Run 'vppvalidate --help' for usage.\n")
		}
		return exitTrouble
	}
	if len(args) > 0 && args[0] == completeArg {
		return printCompletion(args[1:], stdout, stderr)
	}
	o, fs, err := parseOptions(args)
	if err != nil {
		return fail(err)
	}
	if err := o.checkMode(); err != nil {
		return fail(err)
	}
	if err := o.standardStreams(stdout, stderr); err != nil {
		return fail(err)
	}
	switch {
	case o.help:
		usage(stdout, fs)
		return exitClean
	case o.version:
		fmt.Fprintf(stdout, "vppvalidate %s (Microsoft Graph %s models)\n", version(), strings.Join(model.Versions(), " and "))
		return exitClean
	case o.completion != "":
		script, _ := completionScript(o.completion)
		_, err := stdout.Write(script)
		return done(err, stderr)
	case o.listRules:
		return done(listRules(stdout, o.outputs[0].format), stderr)
	case o.printSchema != "":
		return printSchema(stdout, stderr, o.printSchema, o.settings.GraphVersion)
	case o.explain != "":
		r, _ := rules.Lookup(o.explain)
		_, err := fmt.Fprintf(stdout, "%s (default severity: %s)\n\n%s.\n\n%s\n", r.ID, r.Default, sentence(r.Doc), r.Explanation())
		return done(err, stderr)
	}

	if err := o.loadSettings(); err != nil {
		return fail(err)
	}
	if o.quiet && !slices.ContainsFunc(o.outputs, func(out output) bool { return out.format == "text" }) {
		// Not an error: a shared wrapper may pass -q whatever the
		// format. But a reader of the report should not expect it
		// shortened.
		var formats []string
		for _, out := range o.outputs {
			formats = append(formats, "-o "+out.format)
		}
		verb := "lists"
		if len(formats) > 1 {
			verb = "list"
		}
		fmt.Fprintf(stderr, "vppvalidate: note: -q shortens only the text report; %s %s every finding as usual\n", strings.Join(formats, " and "), verb)
	}
	s := o.settings
	if len(o.paths) == 0 {
		if isTerminal(stdin) {
			return fail(usageError{"no PATH given and standard input is a terminal"})
		}
		o.paths = []string{input.Stdin}
	}
	maxFindings := o.maxFindings
	if o.writeBaseline != "" {
		// A baseline records every finding at its own pointer, whatever
		// --max-findings lists: nothing is listed while one is written.
		maxFindings = -1
	}
	v, err := validate.New(validate.Options{Type: s.Type, Version: s.GraphVersion, MaxFindings: maxFindings, ListFrom: o.listFrom(), GraphHosts: s.GraphHosts, Workers: o.jobs})
	if err != nil {
		return fail(usageError{err.Error()})
	}

	rep := &report.Report{
		Tool:  report.Tool{Name: "vppvalidate", Version: version(), InformationURI: homePage},
		Rules: rules.All(),
		Files: []string{},
	}
	note := func(note string) { fmt.Fprintf(stderr, "vppvalidate: note: %s\n", report.Printable(note)) }
	files := withoutOwnFiles(o, engine.Expand(o.paths, s.Exclude, rep, note), note, stdout, stderr)
	if err := outputsAreNotInputs(o.written(), files, stdin); err != nil {
		return fail(err)
	}
	eng := &engine.Run{
		Validator: v, Settings: s, Lines: o.lines, Recording: o.recording,
		MaxSize: o.maxSize, Jobs: o.jobs, Stdin: stdin, Named: o.paths, Note: note,
	}
	if o.writeBaseline != "" {
		where := o.writeBaseline
		if o.baselineStdout {
			where = "-"
		}
		dir, err := baseline.Dir(where)
		if err != nil {
			return fail(fmt.Errorf("--write-baseline %s: %v", o.writeBaseline, err))
		}
		eng.Recorder = baseline.NewRecorder(dir)
	} else if o.baseline != "" {
		if eng.Baseline, err = baseline.Load(o.baseline); err != nil {
			return fail(err)
		}
	}
	outs, err := startReports(o, rep, stdout, stderr)
	if err != nil {
		return fail(err)
	}
	for _, w := range outs.writers {
		eng.Writers = append(eng.Writers, w)
	}
	writeErrs := eng.Check(rep, files)
	if rep.Summary.Calls == 0 && rep.Summary.OffHost > 0 {
		// Recordings of which no call was checked, some for their host,
		// must say why: most often traffic recorded through a proxy or
		// against a local stand-in, or a host given whose port is not
		// the one recorded.
		went := report.Printable(strings.Join(rep.OffHosts, ", "))
		if rep.Summary.OffHost > len(rep.OffHosts) && len(rep.OffHosts) == finding.MaxHosts {
			went += ", ..."
		}
		if len(s.GraphHosts) == 0 {
			fmt.Fprintf(stderr, "vppvalidate: note: no recorded call was checked; calls to a host other than Graph's (a proxy, a local stand-in; here %s) count with --graph-host HOST[:PORT] or \"graphHosts\" in %s\n", went, config.Name)
		} else {
			fmt.Fprintf(stderr, "vppvalidate: note: no recorded call was checked; %s to a host other than Graph's and the hosts given (%s): %s; check the host and port against the request URLs in the recordings\n",
				finding.Count(rep.Summary.OffHost, "call went", "calls went"), report.Printable(strings.Join(s.GraphHosts, ", ")), went)
		}
	}
	for _, u := range rep.Unreadable {
		fmt.Fprintf(stderr, "vppvalidate: cannot read %s: %s\n", report.Printable(u.File), report.Printable(u.Reason))
	}
	if err := endBaseline(o, eng, rep.Files, stdout, stderr); err != nil {
		outs.abort()
		return fail(err)
	}
	if err := outs.end(writeErrs); err != nil {
		return fail(err)
	}
	return engine.ExitCode(rep.Summary, s.FailLevel())
}

// endBaseline writes the baseline file of --write-baseline, or says on
// stderr how much of --baseline no longer occurs.
func endBaseline(o *options, e *engine.Run, checked []string, stdout, stderr io.Writer) error {
	if e.Recorder != nil {
		var w baseline.Written
		var err error
		if o.baselineStdout {
			w, err = e.Recorder.Write(stdout)
		} else {
			w, err = e.Recorder.WriteFile(o.writeBaseline)
		}
		if err != nil {
			return fmt.Errorf("--write-baseline %s: cannot write the baseline: %v", o.writeBaseline, err)
		}
		where, file := "in "+o.writeBaseline, o.writeBaseline
		if o.baselineStdout {
			where, file = "on standard output", "FILE"
		}
		fmt.Fprintf(stderr, "vppvalidate: recorded %s %s as %s; runs with --baseline %s report only findings not recorded there\n",
			finding.Count(w.Findings, "finding", "findings"), where, finding.Count(w.Entries, "entry", "entries"), file)
		return nil
	}
	if e.Baseline != nil {
		if n := e.Baseline.Unused(checked); n > 0 {
			fmt.Fprintf(stderr, "vppvalidate: note: %d finding(s) recorded in %s no longer occur; refresh it with --write-baseline\n", n, o.baseline)
		}
	}
	return nil
}

// loadSettings reads the project file named by --config, or the one
// found from the current directory up, and lays the flags' settings over
// its settings: from here on o.settings are the run's. A flag that does
// not fit what the file says is a usage error.
func (o *options) loadSettings() error {
	path, findFrom := o.config, "."
	if o.noConfig {
		path, findFrom = "", ""
	}
	s, err := engine.LoadSettings(path, findFrom, o.settings)
	var fe *config.FlagError
	if errors.As(err, &fe) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	o.settings = s
	return nil
}

// reports are the -o reports of a run, being written.
type reports struct {
	formats []string
	writers []report.Writer
	files   []*reportFile // nil for standard output
}

// startReports begins one report per -o, on standard output or in the
// named file, before any input is checked, so that findings are written
// as they are found. A file that cannot be written is an error now, not
// after the run: CI must not find out at the end that it gets no results.
func startReports(o *options, rep *report.Report, stdout, stderr io.Writer) (*reports, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	rs := &reports{}
	for _, out := range o.outputs {
		f, _ := report.LookupFormat(out.format)
		w := stdout
		if out.stderr {
			w = stderr
		}
		var rf *reportFile
		if out.path != "" {
			if rf, err = createReport(out.path); err != nil {
				rs.abort()
				return nil, fmt.Errorf("cannot write the %s report: %v", out.format, err)
			}
			w = rf.f
		}
		rs.formats = append(rs.formats, out.format)
		rs.files = append(rs.files, rf)
		rs.writers = append(rs.writers, f.Start(w, rep, report.Options{
			Color: out.path == "" && useColor(w), Quiet: o.quiet, FailOn: o.settings.FailLevel(), WorkDir: wd,
			Note: func(msg string) { fmt.Fprintf(stderr, "vppvalidate: %s\n", msg) },
		}))
	}
	return rs, nil
}

// end ends every report, the findings having failed as errs says, and
// puts each report file in place; a report that could not be written
// whole is an error, and its file is left as it was.
func (rs *reports) end(errs []error) error {
	var first error
	for i, w := range rs.writers {
		err := errs[i]
		if err == nil {
			err = w.End()
		}
		rf := rs.files[i]
		switch {
		case rf == nil && err != nil:
			err = fmt.Errorf("writing the %s report: %v", rs.formats[i], err)
		case rf != nil && err != nil:
			rf.abort()
			err = fmt.Errorf("cannot write the %s report: %v", rs.formats[i], err)
		case rf != nil:
			if err = rf.commit(); err != nil {
				err = fmt.Errorf("cannot write the %s report: %v", rs.formats[i], err)
			}
		}
		if first == nil {
			first = err
		}
	}
	return first
}

// abort leaves every report file as it was before the run.
func (rs *reports) abort() {
	for _, rf := range rs.files {
		if rf != nil {
			rf.abort()
		}
	}
}

// reportFile is a report being written to a file. A regular file (or a
// path that does not exist yet) is written whole or not at all: to a
// temporary file in the same directory, renamed over it only once it is
// complete, so a failed run leaves the previous report, or none, never
// half of one that the next CI step would upload. A symbolic link is
// followed, so the link stays and its target gets the report; a device
// or a named pipe (/dev/stdout, a FIFO another step reads) is written in
// place, never replaced; a directory is an error.
type reportFile struct {
	f    *os.File
	path string
	tmp  string // the temporary file, "" when written in place
}

func createReport(path string) (*reportFile, error) {
	// A device or pipe is written in place under the name given:
	// /dev/fd/3 leads through links to a name such as "pipe:[123]",
	// which opens nothing.
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() && !info.IsDir() {
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, err
		}
		return &reportFile{f: f, path: path}, nil
	}
	path = resolveLink(path)
	info, err := os.Stat(path)
	switch {
	case err != nil || info.Mode().IsRegular():
		f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
		if err != nil {
			// Name the report, not the temporary file nobody asked for.
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			if info != nil {
				// The file is there and may well be writable: what
				// failed is the new file beside it, so say that.
				return nil, fmt.Errorf("%s: a report is written whole to a new file in its directory, then renamed over it, and none can be made in %s: %v",
					path, filepath.Dir(path), err)
			}
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		return &reportFile{f: f, path: path, tmp: f.Name()}, nil
	case info.IsDir():
		return nil, fmt.Errorf("%s is a directory", path)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return nil, err
	}
	return &reportFile{f: f, path: path}, nil
}

// commit puts the finished report in place.
func (r *reportFile) commit() error {
	var err error
	if r.tmp != "" {
		err = r.f.Chmod(0o644) // CreateTemp makes it private; a report is not
	}
	if cerr := r.f.Close(); err == nil {
		err = cerr
	}
	if r.tmp == "" {
		return err
	}
	if err == nil {
		err = os.Rename(r.tmp, r.path)
	}
	if err != nil {
		os.Remove(r.tmp)
	}
	return err
}

// abort drops an unfinished report.
func (r *reportFile) abort() {
	r.f.Close()
	if r.tmp != "" {
		os.Remove(r.tmp)
	}
}

// listRules prints the catalogue: an aligned table, or JSON with -o json.
func listRules(w io.Writer, format string) error {
	all := rules.All()
	if format == "json" {
		type row struct {
			ID          string `json:"id"`
			Default     string `json:"default"`
			Description string `json:"description"`
		}
		rows := make([]row, len(all))
		for i, r := range all {
			rows[i] = row{r.ID, r.Default.String(), r.Doc}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(rows)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tDEFAULT\tDESCRIPTION")
	for _, r := range all {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Default, r.Doc)
	}
	return tw.Flush()
}

// printSchema prints a bundled schema, or with "list" the names of the
// schemas there are: vppvalidate's own, then each version's types. A name
// is one of schemas.Owns, "TYPE" (in the version of --graph-version, else
// the default) or "VERSION/TYPE".
func printSchema(stdout, stderr io.Writer, name, version string) int {
	if own, ok := schemas.LookupOwn(name); ok {
		b, err := own.Bytes()
		if err == nil {
			_, err = stdout.Write(b)
		}
		return done(err, stderr)
	}
	if name == "list" {
		for _, own := range schemas.Owns() {
			if _, err := fmt.Fprintln(stdout, own.Name); err != nil {
				return done(err, stderr)
			}
		}
		list, err := schemaList()
		if err != nil {
			return done(err, stderr)
		}
		for _, entry := range list {
			if _, err := fmt.Fprintln(stdout, entry); err != nil {
				return done(err, stderr)
			}
		}
		return exitClean
	}
	if v, rest, ok := strings.Cut(name, "/"); ok {
		version, name = v, rest
	}
	if version == "" {
		version = model.DefaultVersion
	}
	s, err := validate.LoadSchemas(version)
	if err != nil {
		fmt.Fprintf(stderr, "vppvalidate: --print-schema: %v\n", err)
		return exitTrouble
	}
	b, err := s.Bundle(name)
	if err != nil {
		fmt.Fprintf(stderr, "vppvalidate: --print-schema: %v\n", err)
		return exitTrouble
	}
	_, err = stdout.Write(b)
	return done(err, stderr)
}

// schemaList is what --print-schema list prints: VERSION/TYPE for every
// type with a schema, version by version.
func schemaList() ([]string, error) {
	var list []string
	for _, v := range model.Versions() {
		s, err := validate.LoadSchemas(v)
		if err != nil {
			return nil, err
		}
		for _, name := range s.Exportable() {
			list = append(list, v+"/"+name)
		}
	}
	return list, nil
}

func done(err error, stderr io.Writer) int {
	if err != nil {
		printError(stderr, err)
		return exitTrouble
	}
	return exitClean
}

// printError writes each line of err (several mistakes in a project
// file come joined, one per line) after the command's name, as one
// mistake is written.
func printError(stderr io.Writer, err error) {
	for line := range strings.SplitSeq(err.Error(), "\n") {
		fmt.Fprintf(stderr, "vppvalidate: %s\n", line)
	}
}

// sentence is a rule's one-line doc as the start of a sentence: its
// first letter in upper case, unless its first word is a name
// (lastUpdatedDateTime, @odata.type), which JSON spells with case
// significant and which is written as the model spells it.
func sentence(doc string) string {
	word, _, _ := strings.Cut(doc, " ")
	if word == "" || strings.IndexFunc(word, func(r rune) bool { return !unicode.IsLower(r) }) >= 0 {
		return doc
	}
	return strings.ToUpper(doc[:1]) + doc[1:]
}

// stampedVersion is the version a release build writes into the binary:
// GoReleaser links with -X main.stampedVersion=v1.2.3 (.goreleaser.yaml),
// so that the archives' binaries name their release even when the build
// information has none, as in a build without VCS stamping. go build and
// go install leave it empty.
var stampedVersion string

// version reports the version the binary was built as: the stamped one of
// a release build, else the module version, v1.2.3 for
// "go install ...@v1.2.3". A build from a checkout has no release version
// ("(devel)", or a pseudo-version), so the commit it was built from is
// added, with "modified" when the tree had uncommitted changes: two source
// builds that print the same line are built from the same code.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = nil
	}
	return describeBuild(stampedVersion, info)
}

// describeBuild is version's text for a stamped version (or "") and the
// given build information (or nil when the binary has none). A stamp takes
// the place of the module version; the commit is added as for any other.
func describeBuild(stamp string, info *debug.BuildInfo) string {
	v := stamp
	if v == "" && info != nil {
		v = info.Main.Version
	}
	if v == "" {
		v = "(devel)"
	}
	if info == nil {
		return v
	}
	var rev string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" || (isRelease(v) && !modified) {
		return v
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified {
		return v + " (commit " + rev + ", modified)"
	}
	return v + " (commit " + rev + ")"
}

// pseudoVersion matches the timestamp and commit that the go command puts
// in the version of an untagged build (v0.0.0-20240102150405-abcdef123456).
var pseudoVersion = regexp.MustCompile(`\d{14}-[0-9a-f]{12}`)

// isRelease tells a tagged version from "(devel)" and pseudo-versions.
func isRelease(v string) bool {
	return strings.HasPrefix(v, "v") && !pseudoVersion.MatchString(v) && !strings.Contains(v, "+dirty")
}

// isTerminal tells whether r is a terminal, as the terminal driver says
// (not a character device alone: /dev/null is one, and is no terminal).
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	return term.IsTerminal(int(f.Fd()))
}

// useColor is true for a terminal whose environment allows colour
// (colorAllowed).
func useColor(w io.Writer) bool {
	if !colorAllowed(os.Getenv) {
		return false
	}
	f, ok := w.(*os.File)
	return ok && isTerminal(f)
}

// colorAllowed tells, from the environment getenv reads, whether a
// terminal may get colour: not when NO_COLOR is set to a non-empty value
// (no-color.org: an empty one is ignored), nor when TERM is "dumb", a
// terminal that says it understands no escape sequences.
func colorAllowed(getenv func(string) string) bool {
	return getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}

// writtenFile is a file the run writes, and the flag that names it, as
// a message shows it ("-o sarif=r.sarif", "--write-baseline b.json").
type writtenFile struct{ flag, path string }

// written lists the files the run writes: the report files and the
// baseline file of --write-baseline.
func (o *options) written() []writtenFile {
	var out []writtenFile
	for _, r := range o.outputs {
		if r.path != "" {
			out = append(out, writtenFile{"-o " + r.format + "=" + r.path, r.path})
		}
	}
	if o.writeBaseline != "" && !o.baselineStdout {
		out = append(out, writtenFile{"--write-baseline " + o.writeBaseline, o.writeBaseline})
	}
	return out
}

// withoutOwnFiles leaves out of the inputs the files of the run that a
// walk of the folder holding them finds with the captures: the baseline
// --baseline reads, the one --write-baseline replaces when it is a
// baseline already, and each -o FILE that is a report of its format
// already (format.Begins). A file the run writes that is not yet what
// it will write is kept, and outputsAreNotInputs then keeps a capture
// from being overwritten. So are the files the run's standard output and
// error (streams, in that order) are redirected to. Such a file named as
// an input gets a note.
func withoutOwnFiles(o *options, files []string, note func(string), streams ...io.Writer) []string {
	type own struct {
		info os.FileInfo
		what string // for the note
		// name is the file's base name, which a walked file must have
		// before it is stat'ed and compared; "" for any name.
		name string
	}
	var owns []own
	// A stream redirected to a file in the folder walked (vppvalidate
	// -o json . > report.json): the shell has made that file, empty,
	// before the run starts. Its name, where the system tells it
	// (/dev/fd/N is a link to the file on Linux), spares a stat of every
	// file walked.
	for i, w := range streams {
		if info := fileInfo(w); info != nil && info.Mode().IsRegular() {
			fd := "/dev/fd/" + strconv.Itoa(int(w.(*os.File).Fd()))
			name := ""
			if real := resolveLink(fd); real != fd {
				name = filepath.Base(real)
			}
			owns = append(owns, own{info, []string{"standard output", "standard error"}[i], name})
		}
	}
	if o.baseline != "" {
		if info, err := os.Stat(o.baseline); err == nil {
			owns = append(owns, own{info, "baseline", info.Name()})
		}
	}
	if o.writeBaseline != "" && !o.baselineStdout {
		if info, err := os.Stat(o.writeBaseline); err == nil && info.Mode().IsRegular() {
			if _, err := baseline.Load(o.writeBaseline); err == nil {
				owns = append(owns, own{info, "baseline", info.Name()})
			}
		}
	}
	for _, out := range o.outputs {
		if f, _ := report.LookupFormat(out.format); out.path != "" && f.Begins != nil {
			if info, err := os.Stat(out.path); err == nil && info.Mode().IsRegular() && f.Begins(head(out.path)) {
				owns = append(owns, own{info, out.format + " report", info.Name()})
			}
		}
	}
	if len(owns) == 0 {
		return files
	}
	kept := files[:0:0]
	for _, f := range files {
		what := ""
		for _, b := range owns {
			if what == "" && (b.name == "" || filepath.Base(f) == b.name) && sameFile(f, b.info) {
				what = b.what
			}
		}
		switch {
		case what == "":
			kept = append(kept, f)
		case slices.Contains(o.paths, f):
			note(f + " is the run's " + what + ", not a capture: not checked")
		}
	}
	return kept
}

// head is the start of the file at path, report.HeadSize bytes at most;
// nil when it cannot be read.
func head(path string) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	b := make([]byte, report.HeadSize)
	n, _ := io.ReadFull(f, b)
	return b[:n]
}

// outputsAreNotInputs refuses a file the run writes that is one of the
// inputs: writing it would destroy the capture being checked, and input
// files are never modified. Standard input (stdin), when read as an
// input ("-"), counts as the file or pipe it is: -o json=/dev/stdin
// overwrote the capture redirected to it, and on a pipe waited forever.
func outputsAreNotInputs(outputs []writtenFile, inputs []string, stdin io.Reader) error {
	var stdinInfo os.FileInfo
	if f, ok := stdin.(*os.File); ok && slices.Contains(inputs, input.Stdin) {
		if info, err := f.Stat(); err == nil {
			stdinInfo = info
		}
	}
	for _, out := range outputs {
		oi, err := os.Stat(samePath(out.path))
		if err != nil && stdinInfo != nil {
			// /dev/stdin on a pipe links to "pipe:[N]", which no
			// path resolves to; the link itself leads to the pipe.
			oi, err = os.Stat(out.path)
		}
		if err != nil {
			continue // does not exist yet: cannot be an input
		}
		if stdinInfo != nil && os.SameFile(oi, stdinInfo) {
			return usageErrorf("%s: that is standard input, which the run reads as an input; vppvalidate never overwrites a capture", out.flag)
		}
		for _, in := range inputs {
			if isFile(samePath(in), oi) {
				return usageErrorf("%s: that file is also an input; vppvalidate never overwrites a capture", out.flag)
			}
		}
	}
	return nil
}

// isFile tells whether path leads to the file info describes. The names
// are compared first, so that a long list of inputs is not stat'ed: a
// link or hard link under another name is not found unless path and
// info's are resolved (samePath).
func isFile(path string, info os.FileInfo) bool {
	return filepath.Base(path) == info.Name() && sameFile(path, info)
}

// sameFile tells whether path leads to the file info describes.
func sameFile(path string, info os.FileInfo) bool {
	pi, err := os.Stat(path)
	return err == nil && os.SameFile(pi, info)
}
