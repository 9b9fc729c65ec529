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
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"

	"github.com/vppvalidate/vppvalidate/internal/baseline"
	"github.com/vppvalidate/vppvalidate/internal/config"
	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/input"
	"github.com/vppvalidate/vppvalidate/internal/report"
	"github.com/vppvalidate/vppvalidate/internal/rules"
	"github.com/vppvalidate/vppvalidate/internal/validate"
	"github.com/vppvalidate/vppvalidate/schemas"
)

// Exit codes, like go vet's.
const (
	exitClean    = 0 // no finding reaches --fail-on
	exitFindings = 1 // at least one does
	exitTrouble  = 2 // usage error, or an input that cannot be read
)

// homePage is where the project lives, for report formats that link to it.
const homePage = "https://github.com/vppvalidate/vppvalidate"

// run is the whole command: flags, project file, inputs, validation,
// reports, exit code. It never calls os.Exit, so tests can drive it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fail := func(err error) int {
		fmt.Fprintf(stderr, "vppvalidate: %v\n", err)
		if _, ok := err.(usageError); ok {
			fmt.Fprintf(stderr, "Run 'vppvalidate --help' for usage.\n")
		}
		return exitTrouble
	}
	o, fs, err := parseOptions(args)
	if err != nil {
		return fail(err)
	}
	switch {
	case o.help:
		usage(stdout, fs)
		return exitClean
	case o.version:
		fmt.Fprintf(stdout, "vppvalidate %s (Microsoft Graph %s schemas)\n", version(), schemas.GraphVersion)
		return exitClean
	case o.listRules:
		return done(listRules(stdout, o.outputs[0].format), stderr)
	case o.printSchema != "":
		return printSchema(stdout, stderr, o.printSchema)
	case o.explain != "":
		r, _ := rules.Lookup(o.explain)
		_, err := fmt.Fprintf(stdout, "%s (default severity: %s)\n\n%s.\n\n%s\n", r.ID, r.Default, upperFirst(r.Doc), r.Explain)
		return done(err, stderr)
	}

	cfg, err := loadConfig(o)
	if err != nil {
		return fail(err)
	}
	if len(o.paths) == 0 {
		if isTerminal(stdin) {
			return fail(usageError{"no PATH given and standard input is a terminal"})
		}
		o.paths = []string{input.Stdin}
	}
	v, err := validate.New(validate.Options{Type: o.typ, MaxFindings: o.maxFindings})
	if err != nil {
		return fail(usageError{err.Error()})
	}

	rep := &report.Report{
		Tool:  report.Tool{Name: "vppvalidate", Version: version(), InformationURI: homePage},
		Rules: rules.All(),
		Files: []string{},
	}
	files := expand(o.paths, rep)
	results := checkFiles(files, o.jobs, func(name string) fileResult {
		in, err := input.Open(name, stdin, o.maxSize)
		if err != nil {
			return fileResult{openErr: err}
		}
		defer in.Close()
		res, err := v.Check(validate.Input{
			Name: name, Reader: in, Size: input.Size(in),
			Lines:      o.lines || input.IsLines(name),
			Severities: o.severitiesFor(name, cfg),
		})
		return fileResult{res: res, readErr: err}
	})
	var omitted finding.Summary
	for i, r := range results {
		if r.openErr != nil {
			rep.Unreadable = append(rep.Unreadable, unreadable(files[i], r.openErr))
			continue
		}
		if r.readErr != nil {
			// The findings so far stand, but the file was not read to
			// its end: that must not pass.
			rep.Unreadable = append(rep.Unreadable, unreadable(files[i], r.readErr))
		}
		rep.Files = append(rep.Files, files[i])
		rep.Findings = append(rep.Findings, r.res.Findings...)
		rep.Summary.Files++
		rep.Summary.Resources += r.res.Resources
		omitted.Errors += r.res.Omitted.Errors
		omitted.Warnings += r.res.Omitted.Warnings
		omitted.Infos += r.res.Omitted.Infos
	}
	code := exitClean
	rep.Summary.Unreadable = len(rep.Unreadable)
	for _, u := range rep.Unreadable {
		fmt.Fprintf(stderr, "vppvalidate: cannot read %s: %s\n", report.Printable(u.File), report.Printable(u.Reason))
		code = exitTrouble
	}

	if err := applyBaseline(o, rep, stderr); err != nil {
		return fail(err)
	}
	for _, f := range rep.Findings {
		rep.Summary.Add(f)
	}
	// Findings past --max-findings are not listed but still count.
	rep.Summary.Errors += omitted.Errors
	rep.Summary.Warnings += omitted.Warnings
	rep.Summary.Infos += omitted.Infos

	if err := writeReports(o, rep, stdout); err != nil {
		return fail(err)
	}
	if code == exitClean && rep.Summary.Worst() >= o.failOn {
		code = exitFindings
	}
	return code
}

// expand lists the inputs the paths name, each once, in order. A path
// that names nothing to check is recorded in rep as unreadable. Each path
// is expanded on its own so that such an error is tied to the path given.
func expand(paths []string, rep *report.Report) []string {
	var files []string
	seen := make(map[string]bool)
	for _, p := range paths {
		found, errs := input.Expand([]string{p})
		for _, err := range errs {
			rep.Unreadable = append(rep.Unreadable, unreadable(p, err))
		}
		for _, f := range found {
			if !seen[f] {
				seen[f] = true
				files = append(files, f)
			}
		}
	}
	return files
}

// unreadable turns an input error into report data: the file and the
// reason, apart. Errors from package input carry both; any other names
// the input given.
func unreadable(name string, err error) report.Unreadable {
	var ie *input.Error
	if errors.As(err, &ie) {
		return report.Unreadable{File: ie.Path, Reason: ie.Reason}
	}
	return report.Unreadable{File: name, Reason: strings.TrimPrefix(err.Error(), name+": ")}
}

// fileResult is what checking one input gave.
type fileResult struct {
	res     validate.Result
	openErr error // the input could not be opened: not checked at all
	readErr error // reading stopped early: the findings so far stand
}

// checkFiles checks the inputs on jobs goroutines. Each result lands at its
// input's index, so the report comes out in input order, byte for byte the
// same as a sequential run.
func checkFiles(files []string, jobs int, check func(name string) fileResult) []fileResult {
	results := make([]fileResult, len(files))
	jobs = max(1, min(jobs, len(files)))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(files) {
					return
				}
				results[i] = check(files[i])
			}
		}()
	}
	wg.Wait()
	return results
}

// applyBaseline records the run's findings (--write-baseline) and then
// drops those the baseline accepts (--baseline, or the file just
// written), counting them in the summary.
func applyBaseline(o *options, rep *report.Report, stderr io.Writer) error {
	path := o.baseline
	if o.writeBaseline != "" {
		if err := baseline.Write(o.writeBaseline, rep.Findings); err != nil {
			return err
		}
		path = o.writeBaseline
	}
	if path == "" {
		return nil
	}
	b, err := baseline.Load(path)
	if err != nil {
		return err
	}
	rep.Findings, rep.Summary.Suppressed = b.Filter(rep.Findings)
	if n := b.Unused(rep.Files); n > 0 {
		fmt.Fprintf(stderr, "vppvalidate: note: %d finding(s) recorded in %s no longer occur; refresh it with --write-baseline\n", n, path)
	}
	return nil
}

// loadConfig reads the project file named by --config, or the one found
// from the current directory up, and lets it fill in the flags that were
// not given.
func loadConfig(o *options) (*config.File, error) {
	path := o.config
	if path == "" && !o.noConfig {
		path = config.Find(".")
	}
	if path == "" || o.noConfig {
		return nil, nil
	}
	cfg, err := config.Load(path)
	if err != nil {
		return nil, err
	}
	if cfg.Type != "" && !o.set["type"] {
		o.typ = cfg.Type
	}
	if cfg.FailOn != finding.Off && !o.set["fail-on"] {
		o.failOn = cfg.FailOn
	}
	return cfg, nil
}

// severitiesFor is the rule table for one input: the defaults, the project
// file with its overrides for that input, then the flags, which win.
func (o *options) severitiesFor(name string, cfg *config.File) rules.Severities {
	var sev rules.Severities
	if cfg != nil {
		if cfg.Strict != nil && *cfg.Strict {
			_ = sev.Set(rules.UnknownProperty, finding.Error)
		}
		sev = cfg.For(name, sev)
	}
	o.applyFlags(&sev)
	return sev
}

// writeReports renders the report once per -o, to standard output or to
// the named file. A report that cannot be written is an error: the run
// must not look successful when CI gets no results.
func writeReports(o *options, rep *report.Report, stdout io.Writer) error {
	for _, out := range o.outputs {
		if out.path == "" {
			if err := render(out, rep, stdout, o); err != nil {
				return fmt.Errorf("writing the %s report: %v", out.format, err)
			}
			continue
		}
		err := writeFileAtomic(out.path, func(w io.Writer) error { return render(out, rep, w, o) })
		if err != nil {
			return fmt.Errorf("cannot write the %s report: %v", out.format, err)
		}
	}
	return nil
}

// writeFileAtomic writes a file through a temporary file in the same
// directory, renamed over path only once it is complete: a failed run
// leaves the previous report, or none, never half of one that the next CI
// step would upload.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		// Name the report, not the temporary file nobody asked for.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("%s: %v", path, err)
	}
	tmp := f.Name()
	err = write(f)
	if err == nil {
		err = f.Chmod(0o644) // CreateTemp makes it private; a report is not
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

func render(out output, rep *report.Report, w io.Writer, o *options) error {
	switch out.format {
	case "json":
		return report.JSON(w, rep)
	case "sarif":
		wd, err := os.Getwd()
		if err != nil {
			return err
		}
		return report.SARIF(w, rep, wd)
	case "junit":
		return report.JUnit(w, rep, o.failOn)
	case "github":
		return report.GitHub(w, rep)
	default:
		color := out.path == "" && useColor(w)
		return report.Text(w, rep, report.TextOptions{Color: color, Quiet: o.quiet})
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
// schemas there are.
func printSchema(stdout, stderr io.Writer, name string) int {
	s, err := validate.LoadSchemas()
	if err != nil {
		return done(err, stderr)
	}
	if name == "list" {
		_, err := fmt.Fprintln(stdout, strings.Join(s.Exportable(), "\n"))
		return done(err, stderr)
	}
	b, err := s.Bundle(name)
	if err != nil {
		fmt.Fprintf(stderr, "vppvalidate: --print-schema: %v\n", err)
		return exitTrouble
	}
	_, err = stdout.Write(b)
	return done(err, stderr)
}

func done(err error, stderr io.Writer) int {
	if err != nil {
		fmt.Fprintf(stderr, "vppvalidate: %v\n", err)
		return exitTrouble
	}
	return exitClean
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// version reports the module version the binary was built from: v1.2.3
// for "go install ...@v1.2.3". A build from a checkout has no release
// version ("(devel)", or a pseudo-version), so the commit it was built from
// is added, with "modified" when the tree had uncommitted changes: two
// source builds that print the same line are built from the same code.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	return describeBuild(info)
}

// describeBuild is version's text for the given build information.
func describeBuild(info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
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

func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// useColor is true for a terminal, unless NO_COLOR is set (no-color.org).
func useColor(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	return ok && isTerminal(f)
}
