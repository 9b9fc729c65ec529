package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/vppvalidate/vppvalidate/internal/config"
	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/glob"
	"github.com/vppvalidate/vppvalidate/internal/input"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/recording"
	"github.com/vppvalidate/vppvalidate/internal/report"
	"github.com/vppvalidate/vppvalidate/internal/rules"
	"github.com/vppvalidate/vppvalidate/internal/suggest"
	"github.com/vppvalidate/vppvalidate/schemas"
)

// options is everything the command line can say.
type options struct {
	paths   []string
	outputs []output
	// settings are what the flags say about the run in the shape the
	// project file says it too (type, version, fail-on, rule severities,
	// excludes, Graph hosts); loadSettings lays them over the file's,
	// once, and from then on they are the run's.
	settings config.Settings
	quiet    bool
	lines    bool
	// recording is --recording: "auto", "json" or a recording format.
	recording string
	maxSize   int64
	// maxFindings is --max-findings as validate.Options takes it: 0 for
	// the default, negative for no limit.
	maxFindings int
	jobs        int

	config   string
	noConfig bool

	baseline      string
	writeBaseline string
	// baselineStdout says that the baseline of --write-baseline goes to
	// standard output ("-", or a name of its file: see standardStreams)
	// rather than to the file it names.
	baselineStdout bool

	listRules   bool
	explain     string
	printSchema string
	version     bool
	help        bool
	// completion is --completion: the shell to print a script for.
	completion string

	// outputGiven tells whether -o was given at all.
	outputGiven bool
}

// output is one -o FORMAT[=FILE].
type output struct {
	format string
	path   string // "" for standard output (or error, with stderr)
	stderr bool   // the report goes to standard error (standardStreams)
}

// usageError is a mistake on the command line: exit code 2, with a hint.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

// raw holds flag values before they are checked.
type raw struct {
	outputs, severity, disable, exclude []string
	typ, failOn, maxSize                string
	strict                              bool
	maxFindings                         int
}

// repeated is a flag that may be given many times, each value added to
// *p: as pflag's StringArray does, or split at commas as its StringSlice
// does when commas is set (a value without quotes reads the same either
// way). pflag's own types write their default through encoding/csv
// whether or not it is empty, with a 4 KB buffer each: for these five
// flags, at every start, --version included, code and memory touched for
// nothing (8 to 30 more page faults by perf stat).
type repeated struct {
	p       *[]string
	commas  bool
	changed bool
}

// Set adds a value; the first replaces the default.
func (r *repeated) Set(v string) error {
	vals := []string{v}
	if r.commas {
		vals = nil
		if v != "" {
			vals = strings.Split(v, ",")
		}
	}
	if !r.changed {
		*r.p, r.changed = nil, true
	}
	*r.p = append(*r.p, vals...)
	return nil
}

// String is "" for no values, which --help leaves out as pflag leaves out
// an empty list, and the values in brackets otherwise.
func (r *repeated) String() string {
	if len(*r.p) == 0 {
		return ""
	}
	return "[" + strings.Join(*r.p, ",") + "]"
}

// Type is the name --help shows for the value: pflag's own names.
func (r *repeated) Type() string {
	if r.commas {
		return "stringSlice"
	}
	return "stringArray"
}

func newFlagSet(o *options, r *raw) *pflag.FlagSet {
	fs := pflag.NewFlagSet("vppvalidate", pflag.ContinueOnError)
	fs.SortFlags = false
	fs.SetOutput(io.Discard)
	fs.VarP(&repeated{p: &r.outputs}, "output", "o", "report format, optionally written to a file: FORMAT[=FILE]\n(formats: "+strings.Join(report.FormatNames(), ", ")+"; repeatable; default text)")
	fs.StringVar(&r.typ, "type", "", "check every top-level resource as this type instead of inferring it\n(--print-schema list names the types)")
	fs.StringVar(&o.settings.GraphVersion, "graph-version", "", "Graph API version of payloads whose @odata.context names none:\n"+strings.Join(model.Versions(), " or ")+" (default "+model.DefaultVersion+")")
	fs.BoolVar(&r.strict, "strict", false, "report unknown properties as errors (unknown-property=error)")
	fs.Var(&repeated{p: &r.severity}, "severity", "set a rule's severity: RULE=error|warning|info|off (repeatable)")
	fs.Var(&repeated{p: &r.disable, commas: true}, "disable", "switch rules off: RULE[,RULE] (repeatable)")
	fs.StringVar(&r.failOn, "fail-on", "error", "lowest severity that makes the exit code 1: error, warning,\ninfo, or none to report only")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "text output: print only the findings that reach --fail-on,\nand no summary")
	fs.IntVarP(&o.jobs, "jobs", "j", runtime.NumCPU(), "how many cores check at once: files, and the runs of whole resources\na large file is cut into (output is the same for any value)")
	fs.Var(&repeated{p: &r.exclude}, "exclude", "do not check paths matching this pattern, relative to the current\ndirectory (** matches any directories; repeatable)")
	fs.StringVar(&o.recording, "recording", "auto", "read inputs as recorded traffic: auto (by name and content), json\n(never a recording) or "+strings.Join(recording.Names(), ", "))
	fs.Var(&repeated{p: &o.settings.GraphHosts}, "graph-host", "a host, or HOST:PORT, whose recorded responses are Graph's, besides\nGraph's own (a proxy the traffic was recorded through; repeatable)")
	fs.BoolVar(&o.lines, "lines", false, "read every input as JSON Lines, one document per line\n(always so for .jsonl and .ndjson files)")
	fs.StringVar(&o.config, "config", "", "project file to use instead of the .vppvalidate.json found\nin the current directory or its parents")
	fs.BoolVar(&o.noConfig, "no-config", false, "ignore any .vppvalidate.json")
	fs.StringVar(&o.baseline, "baseline", "", "report only findings not recorded in this baseline file")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "record every finding of this run in a baseline file")
	fs.StringVar(&r.maxSize, "max-size", "2GiB", "largest input read, in bytes or with a unit (KiB, MiB, GiB; MB and M are MiB too)")
	fs.IntVar(&r.maxFindings, "max-findings", 1000, "findings listed per file at most; the rest are counted (0: no limit)")
	fs.BoolVar(&o.listRules, "list-rules", false, "list every rule with its default severity and exit")
	fs.StringVar(&o.explain, "explain", "", "explain a rule, with examples, and exit")
	fs.StringVar(&o.printSchema, "print-schema", "", "print a JSON Schema and exit: a Graph type's as one self-contained\ndocument, "+ownSchemas()+";\n\"list\" names them all")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	fs.StringVar(&o.completion, "completion", "", "print a completion script for SHELL ("+strings.Join(shellNames(), ", ")+") and exit")
	fs.BoolVarP(&o.help, "help", "h", false, "print this help and exit")
	return fs
}

func parseOptions(args []string) (*options, *pflag.FlagSet, error) {
	o := &options{}
	var r raw
	fs := newFlagSet(o, &r)
	if err := fs.Parse(args); err != nil {
		return nil, fs, usageError{err.Error() + flagHint(fs, err)}
	}
	o.outputGiven = fs.Changed("output")
	o.paths = fs.Args()
	// A flag that names a file, a rule, a schema, a shell, a type or a
	// version, given an empty value (--baseline "$UNSET"), would
	// otherwise do nothing and pass in silence.
	for _, f := range []struct{ name, wants string }{
		{"config", "a project file"},
		{"baseline", "a baseline file"},
		{"write-baseline", "a file, or - for standard output"},
		{"explain", "a rule ID (--list-rules lists them)"},
		{"print-schema", `a type or schema name ("list" names them)`},
		{"completion", "a shell: " + strings.Join(shellNames(), ", ")},
		{"type", `a type name ("--print-schema list" names them)`},
		{"graph-version", "an API version: " + strings.Join(model.Versions(), " or ")},
	} {
		if fs.Changed(f.name) && fs.Lookup(f.name).Value.String() == "" {
			return nil, fs, usageErrorf("--%s is empty; it takes %s", f.name, f.wants)
		}
	}

	stdout := false
	files := make(map[string]string) // cleaned absolute path -> format
	for _, spec := range r.outputs {
		format, path, toFile := strings.Cut(spec, "=")
		if path == "-" {
			path, toFile = "", false // the usual name of standard output
		}
		if _, ok := report.LookupFormat(format); !ok {
			return nil, fs, usageErrorf("unknown output format %q (want %s)", format, strings.Join(report.FormatNames(), ", "))
		}
		if toFile && path == "" {
			return nil, fs, usageErrorf("-o %s=: the file name is missing", format)
		}
		if toFile {
			key := samePath(path)
			if other, dup := files[key]; dup {
				return nil, fs, usageErrorf("-o %s=%s: the %s report is already written to that file", format, path, other)
			}
			files[key] = format
		} else {
			if stdout {
				return nil, fs, usageErrorf("-o %s: only one format can go to standard output; write the others to files with FORMAT=FILE", format)
			}
			stdout = true
		}
		o.outputs = append(o.outputs, output{format: format, path: path})
	}
	if len(o.outputs) == 0 {
		o.outputs = []output{{format: "text"}}
	}
	if o.baseline == "-" {
		return nil, fs, usageErrorf("--baseline -: a baseline is read from a file (standard input is for a capture to check)")
	}
	switch {
	case o.writeBaseline == "-":
		if err := o.baselineToStdout(); err != nil {
			return nil, fs, err
		}
	case o.writeBaseline != "":
		if other, dup := files[samePath(o.writeBaseline)]; dup {
			return nil, fs, usageErrorf("--write-baseline %s: the %s report is written to that file", o.writeBaseline, other)
		}
	}
	var err error
	if fs.Changed("fail-on") {
		level, err := config.ParseFailOn(r.failOn)
		if err != nil {
			return nil, fs, usageErrorf("--fail-on: %v", err)
		}
		o.settings.FailOn = &level
	}
	flagRules := config.Rules{Strict: r.strict}
	for _, spec := range r.severity {
		id, level, ok := strings.Cut(spec, "=")
		if !ok {
			return nil, fs, usageErrorf("--severity %q: want RULE=error|warning|info|off", spec)
		}
		if _, known := rules.Lookup(id); !known {
			return nil, fs, usageErrorf("--severity: %v", rules.UnknownError(id))
		}
		sev, err := config.ParseSeverity(level)
		if err != nil {
			return nil, fs, usageErrorf("--severity %s: %v", spec, err)
		}
		if err := rules.CheckLevel(id, sev); err != nil {
			return nil, fs, usageErrorf("--severity %s: %v", spec, err)
		}
		flagRules.Severity = append(flagRules.Severity, config.RuleLevel{Rule: id, Level: sev})
	}
	for _, id := range r.disable {
		if id == "" {
			continue // --disable '' names none, as --disable a,,b names two
		}
		if err := rules.CheckLevel(id, finding.Off); err != nil {
			return nil, fs, usageErrorf("--disable: %v", err)
		}
		flagRules.Disable = append(flagRules.Disable, id)
	}
	o.settings.Rules = []config.Rules{flagRules}
	if len(r.exclude) > 0 {
		wd, err := os.Getwd()
		if err != nil {
			return nil, fs, fmt.Errorf("--exclude: cannot tell the current directory: %v", err)
		}
		for _, pattern := range r.exclude {
			if err := glob.Check(pattern); err != nil {
				return nil, fs, usageErrorf("--exclude: %v", err)
			}
			o.settings.Exclude = append(o.settings.Exclude, input.Exclude{Pattern: glob.Clean(pattern), As: pattern, Dir: wd, Source: "--exclude"})
		}
	}
	if o.noConfig && o.config != "" {
		return nil, fs, usageErrorf("--no-config ignores every project file, and --config names one (%s); give one of them", o.config)
	}
	if o.explain != "" {
		if _, known := rules.Lookup(o.explain); !known {
			return nil, fs, usageErrorf("--explain: %v", rules.UnknownError(o.explain))
		}
	}
	if gv := o.settings.GraphVersion; gv != "" && model.Get(gv) == nil {
		msg := fmt.Sprintf("--graph-version %q: want %s", gv, strings.Join(model.Versions(), " or "))
		if model.Get("v"+gv) != nil {
			msg += fmt.Sprintf("; did you mean %q?", "v"+gv)
		}
		return nil, fs, usageError{msg}
	} else if gv != "" {
		o.settings.GraphVersionFrom = config.Origin{Flag: "--graph-version", As: gv}
	}
	if r.typ != "" {
		// --type v1.0/iosVppApp, as --print-schema list names types.
		if err := o.settings.SetType(r.typ, config.Origin{Flag: "--type"}); err != nil {
			return nil, fs, usageError{err.Error()}
		}
	}
	for _, h := range o.settings.GraphHosts {
		if _, err := recording.ParseHost(h); err != nil {
			return nil, fs, usageErrorf("--graph-host %q: %v", h, err)
		}
	}
	if !slices.Contains(recordingModes(), o.recording) {
		return nil, fs, usageErrorf("--recording %q: want %s", o.recording, strings.Join(recordingModes(), ", "))
	}
	if o.completion != "" {
		if _, ok := completionScript(o.completion); !ok {
			return nil, fs, usageErrorf("--completion %q: want %s", o.completion, strings.Join(shellNames(), ", "))
		}
	}
	if o.jobs < 1 {
		return nil, fs, usageErrorf("--jobs %d: want 1 or more", o.jobs)
	}
	switch {
	case r.maxFindings < 0:
		return nil, fs, usageErrorf("--max-findings %d: want 0 (no limit) or more", r.maxFindings)
	case r.maxFindings == 0:
		o.maxFindings = -1
	default:
		o.maxFindings = r.maxFindings
	}
	if o.maxSize, err = parseSize(r.maxSize); err != nil {
		return nil, fs, usageErrorf("--max-size: %v", err)
	}
	return o, fs, nil
}

// recordingModes lists what --recording accepts: auto (decide by name
// and content), json (never a recording), then the recording formats.
func recordingModes() []string {
	return append([]string{"auto", "json"}, recording.Names()...)
}

// standardStreams sends a report, or the baseline of --write-baseline,
// whose file is the run's own standard output or standard error
// (/dev/stdout, /dev/fd/2, or the file either is redirected to) to that
// stream: replacing the file, or resolving /dev/stdout to a pipe's name,
// would lose the report or what else goes there. Where both streams are
// the same file (a terminal), the name tells which is meant. stdout and
// stderr are the run's streams; those that are not *os.File (tests) name
// no file. Standard output still takes one report at most, and not both
// a report and the baseline.
func (o *options) standardStreams(stdout, stderr io.Writer) error {
	so, se := fileInfo(stdout), fileInfo(stderr)
	if so == nil && se == nil {
		return nil
	}
	// which tells whether the file at path is standard output or
	// standard error (neither when it does not exist yet).
	which := func(path string) (isOut, isErr bool) {
		info, err := os.Stat(path)
		if err != nil {
			return false, false
		}
		isOut, isErr = so != nil && os.SameFile(info, so), se != nil && os.SameFile(info, se)
		if isOut && isErr {
			isOut, isErr = !namesStderr(path), namesStderr(path)
		}
		return isOut, isErr
	}
	// Every report is placed before any is judged, so that the verdict
	// does not depend on the order of the -o flags: the one named by a
	// file that turns out to be standard output is refused, whether the
	// other comes before it or after.
	var onStdout []output // as given, path and all
	for i := range o.outputs {
		out := &o.outputs[i]
		if out.path == "" {
			if !out.stderr {
				onStdout = append(onStdout, *out)
			}
			continue
		}
		isOut, isErr := which(out.path)
		switch {
		case isOut:
			onStdout = append(onStdout, *out)
			out.path = ""
		case isErr:
			out.path, out.stderr = "", true
		}
	}
	if len(onStdout) > 1 {
		named := onStdout[0]
		for _, out := range onStdout {
			if out.path != "" {
				named = out
				break
			}
		}
		return usageErrorf("-o %s=%s: that is standard output, which takes one format only; write the others to files with FORMAT=FILE", named.format, named.path)
	}
	if !o.baselineStdout && o.writeBaseline != "" {
		isOut, isErr := which(o.writeBaseline)
		if isErr {
			return usageErrorf("--write-baseline %s: that is standard error, which takes vppvalidate's own messages; write the baseline to a file, or to standard output with -", o.writeBaseline)
		}
		o.baselineStdout = isOut
	}
	if o.baselineStdout {
		// Checked again now that every report named by a file is known
		// to go to standard output or not.
		return o.baselineToStdout()
	}
	return nil
}

// baselineToStdout sends the baseline to standard output, unless a
// report asked for goes there: the two would be one unreadable stream.
// The text report a run writes when no -o is given goes to standard
// error instead, so that `--write-baseline - > FILE` shows its summary.
func (o *options) baselineToStdout() error {
	for i, out := range o.outputs {
		if out.path == "" && !out.stderr && !o.outputGiven {
			o.outputs[i].stderr = true
			continue
		}
		if out.path == "" && !out.stderr {
			return usageErrorf("--write-baseline %s: standard output takes the %s report; write the report to a file with -o %s=FILE, or the baseline to a file", o.writeBaseline, out.format, out.format)
		}
	}
	o.baselineStdout = true
	return nil
}

// namesStderr tells whether a path is one of the usual names of standard
// error.
func namesStderr(path string) bool {
	switch filepath.Clean(path) {
	case "/dev/stderr", "/dev/fd/2", "/proc/self/fd/2":
		return true
	}
	return false
}

// fileInfo is what os.Stat says of w's file, or nil when w is no file.
func fileInfo(w io.Writer) os.FileInfo {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	info, err := f.Stat()
	if err != nil {
		return nil
	}
	return info
}

// checkMode refuses, for the modes that print something other than a
// report, a PATH (which they would not check: vppvalidate --list-rules
// x.json passing in silence would hide that x.json was never read), and
// -o unless the mode can print that format: silently printing a table
// where SARIF was asked for would break the next step later.
func (o *options) checkMode() error {
	if !o.help {
		// Two modes would each print something else: one would be
		// dropped in silence.
		var modes []string
		for _, m := range []struct {
			on   bool
			flag string
		}{{o.version, "--version"}, {o.completion != "", "--completion"}, {o.listRules, "--list-rules"}, {o.explain != "", "--explain"}, {o.printSchema != "", "--print-schema"}} {
			if m.on {
				modes = append(modes, m.flag)
			}
		}
		if len(modes) > 1 {
			return usageErrorf("%s and %s each print something of their own; give one of them", strings.Join(modes[:len(modes)-1], ", "), modes[len(modes)-1])
		}
	}
	var mode string
	var allowed []string
	switch {
	case o.help:
		mode, allowed = "--help", []string{"text"}
	case o.version:
		mode, allowed = "--version", []string{"text"}
	case o.completion != "":
		mode, allowed = "--completion", []string{"text"}
	case o.listRules:
		mode, allowed = "--list-rules", []string{"text", "json"}
	case o.explain != "":
		mode, allowed = "--explain", []string{"text"}
	case o.printSchema != "":
		mode, allowed = "--print-schema", []string{"text"}
	default:
		return nil
	}
	if len(o.paths) > 0 && !o.help {
		return usageErrorf("%s checks no file, and takes no PATH (%s was given); leave %s out to check it", mode, o.paths[0], mode)
	}
	if !o.outputGiven {
		return nil
	}
	for _, out := range o.outputs {
		if out.path != "" {
			return usageErrorf("%s prints to standard output; -o %s=%s is not supported", mode, out.format, out.path)
		}
		if !slices.Contains(allowed, out.format) {
			return usageErrorf("%s cannot print -o %s (it prints: %s)", mode, out.format, strings.Join(allowed, ", "))
		}
	}
	return nil
}

// ownSchemas words the names --print-schema gives vppvalidate's own
// schemas, one a line, for --help: `"config" (the project file, ...)`.
func ownSchemas() string {
	var b strings.Builder
	all := schemas.Owns()
	for i, o := range all {
		switch {
		case i == len(all)-1 && i > 0:
			b.WriteString(" or\n")
		case i > 0:
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "%q (%s)", o.Name, o.Doc)
	}
	return b.String()
}

// parseSize reads a byte count such as 1048576, 512KiB, 256MiB or 1GiB
// (KB, MB and GB are read as their binary twins too).
func parseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		mul    int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}}
	num, mul := s, int64(1)
	for _, u := range units {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			num, mul = n, u.mul
			break
		}
		if n := len(s) - len(u.suffix); n > 0 && strings.EqualFold(s[n:], u.suffix) && isDigits(strings.TrimSpace(s[:n])) {
			return 0, fmt.Errorf("%q: units are written %s, not %s; did you mean %q?", s, u.suffix, s[n:], s[:n]+u.suffix)
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	switch {
	case errors.Is(err, strconv.ErrRange) && n > 0, err == nil && n > (1<<62)/mul:
		return 0, fmt.Errorf("%q is more than vppvalidate can count (at most 4EiB)", s)
	case err != nil:
		return 0, fmt.Errorf("%q is not a size such as 1048576 or 256MiB", s)
	case n <= 0:
		return 0, fmt.Errorf("%q: the largest input must be at least 1 byte", s)
	}
	return n * mul, nil
}

// isDigits tells whether s is one or more ASCII digits.
func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func usage(w io.Writer, fs *pflag.FlagSet) {
	fmt.Fprintf(w, `Usage: vppvalidate [flags] PATH...

Checks captured Microsoft Graph payloads about Apple VPP tokens and their
action results against the documented model. A PATH is a file, a
directory (every *.json, *.jsonl, *.ndjson and *.har below it, and the
*.yaml and *.yml files that are cassettes, not looking into hidden
directories) or - for standard input, which is also read when no PATH is
given. Recorded traffic (HAR files, go-vcr, VCR.py and Ruby VCR cassettes,
Azure SDK test proxy recordings) is checked response by response.

Flags:
%s
Settings can also live in a .vppvalidate.json project file; flags win.

Exit codes: 0 no finding reaches --fail-on, 1 one does,
            2 usage error or unreadable input. --write-baseline
            records the findings: 0 whatever it found, or 2.
`, fs.FlagUsages())
}

// samePath names the file a path leads to, so that two spellings of it,
// or a symbolic link and its target, compare equal: the path with its
// links resolved when it exists, else made absolute.
func samePath(path string) string {
	path = resolveLink(path)
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// resolveLink follows the symbolic links in path, and, for a link whose
// target does not exist yet, the link itself, so that a report written
// through it lands on the target and the link stays.
func resolveLink(path string) string {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		return real
	}
	for range 8 { // a dangling chain; a loop ends here too
		info, err := os.Lstat(path)
		if err != nil || info.Mode()&os.ModeSymlink == 0 {
			return path
		}
		target, err := os.Readlink(path)
		if err != nil {
			return path
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	return path
}

// flagHint suggests the flag a mistyped one was meant to be ("--stict":
// "; did you mean --strict?"), or is "".
func flagHint(fs *pflag.FlagSet, err error) string {
	name, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !ok {
		return ""
	}
	name, _, _ = strings.Cut(name, "=")
	var names []string
	fs.VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	if guess := suggest.Closest(name, names); guess != "" {
		return fmt.Sprintf("; did you mean --%s?", guess)
	}
	return ""
}

// listFrom is the least severity that some report of the run shows (the
// text report under -q shows only what reaches --fail-on): findings below
// it need not be listed, where they would take the place of findings
// that are shown under --max-findings. A baseline being written records
// every finding.
func (o *options) listFrom() finding.Severity {
	if o.writeBaseline != "" || len(o.outputs) == 0 {
		return finding.Off
	}
	least := finding.None
	for _, out := range o.outputs {
		f, _ := report.LookupFormat(out.format)
		least = min(least, f.LeastShown(report.Options{Quiet: o.quiet, FailOn: o.settings.FailLevel()}))
	}
	return least
}
