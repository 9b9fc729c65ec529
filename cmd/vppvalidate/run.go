package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"

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

// run is the whole command: flags, inputs, validation, report, exit code.
// It never calls os.Exit, so tests can drive it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, fs, err := parseOptions(args)
	if err != nil {
		fmt.Fprintf(stderr, "vppvalidate: %v\nRun 'vppvalidate --help' for usage.\n", err)
		return exitTrouble
	}
	if o.help {
		usage(stdout, fs)
		return exitClean
	}
	if o.version {
		fmt.Fprintf(stdout, "vppvalidate %s (Microsoft Graph %s schemas)\n", version(), schemas.GraphVersion)
		return exitClean
	}
	if len(o.paths) == 0 {
		if isTerminal(stdin) {
			fmt.Fprintf(stderr, "vppvalidate: no PATH given and standard input is a terminal\nRun 'vppvalidate --help' for usage.\n")
			return exitTrouble
		}
		o.paths = []string{input.Stdin}
	}

	var sev rules.Severities
	if o.strict {
		if err := sev.Set(rules.UnknownProperty, finding.Error); err != nil {
			panic(err) // the rule is in the catalogue; a test keeps it so
		}
	}
	v, err := validate.New(validate.Options{Type: o.typ})
	if err != nil {
		fmt.Fprintf(stderr, "vppvalidate: %v\n", err)
		return exitTrouble
	}

	files, errs := input.Expand(o.paths)
	code := exitClean
	for _, err := range errs {
		fmt.Fprintf(stderr, "vppvalidate: %v\n", err)
		code = exitTrouble
	}

	rep := &report.Report{Files: []string{}}
	for _, name := range files {
		in, err := input.Open(name, stdin, o.maxSize)
		if err != nil {
			fmt.Fprintf(stderr, "vppvalidate: %v\n", err)
			code = exitTrouble
			continue
		}
		res, err := v.ValidateReader(name, in, sev)
		in.Close()
		if err != nil {
			// The findings so far stand, but the file was not read to
			// its end: that must not pass.
			fmt.Fprintf(stderr, "vppvalidate: %v\n", err)
			code = exitTrouble
		}
		rep.Files = append(rep.Files, name)
		rep.Findings = append(rep.Findings, res.Findings...)
		rep.Summary.Files++
		rep.Summary.Resources += res.Resources
		for _, f := range res.Findings {
			rep.Summary.Add(f)
		}
	}

	switch o.output {
	case "json":
		err = report.JSON(stdout, rep)
	default:
		err = report.Text(stdout, rep, report.TextOptions{Color: useColor(stdout), Quiet: o.quiet})
	}
	if err != nil {
		fmt.Fprintf(stderr, "vppvalidate: writing the report: %v\n", err)
		return exitTrouble
	}
	if code == exitClean && rep.Summary.Worst() >= o.failOn {
		code = exitFindings
	}
	return code
}

// version reports the module version the binary was built from: v1.2.3 for
// "go install ...@v1.2.3", "(devel)" for a build from a checkout.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
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
