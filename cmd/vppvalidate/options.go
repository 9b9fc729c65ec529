package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// options is everything the command line can say.
type options struct {
	paths   []string
	output  string
	typ     string
	strict  bool
	failOn  finding.Severity
	quiet   bool
	maxSize int64
	version bool
	help    bool
}

// usageError is a mistake on the command line: exit code 2, with a hint.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func newFlagSet(o *options, failOn, maxSize *string) *pflag.FlagSet {
	fs := pflag.NewFlagSet("vppvalidate", pflag.ContinueOnError)
	fs.SortFlags = false
	fs.SetOutput(io.Discard)
	fs.StringVarP(&o.output, "output", "o", "text", "output format: text or json")
	fs.StringVar(&o.typ, "type", "", "check every resource as this type (vppTokenActionResult or\nvppTokenRevokeLicensesActionResult) instead of inferring it")
	fs.BoolVar(&o.strict, "strict", false, "report unknown properties as errors instead of warnings")
	fs.StringVar(failOn, "fail-on", "error", "lowest severity that makes the exit code 1: error or warning")
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "text output: print errors only, and no summary")
	fs.StringVar(maxSize, "max-size", "256MiB", "largest input read, in bytes or with a unit (KiB, MiB, GiB)")
	fs.BoolVar(&o.version, "version", false, "print the version and exit")
	fs.BoolVarP(&o.help, "help", "h", false, "print this help and exit")
	return fs
}

func parseOptions(args []string) (*options, *pflag.FlagSet, error) {
	o := &options{}
	var failOn, maxSize string
	fs := newFlagSet(o, &failOn, &maxSize)
	if err := fs.Parse(args); err != nil {
		return nil, fs, usageError{err.Error()}
	}
	o.paths = fs.Args()
	switch o.output {
	case "text", "json":
	default:
		return nil, fs, usageError{fmt.Sprintf("unknown output format %q (want text or json)", o.output)}
	}
	switch failOn {
	case "error":
		o.failOn = finding.Error
	case "warning":
		o.failOn = finding.Warning
	default:
		return nil, fs, usageError{fmt.Sprintf("--fail-on %q: want error or warning", failOn)}
	}
	n, err := parseSize(maxSize)
	if err != nil {
		return nil, fs, usageError{"--max-size: " + err.Error()}
	}
	o.maxSize = n
	return o, fs, nil
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
	}
	n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mul {
		return 0, fmt.Errorf("%q is not a size such as 1048576 or 256MiB", s)
	}
	return n * mul, nil
}

func usage(w io.Writer, fs *pflag.FlagSet) {
	fmt.Fprintf(w, `Usage: vppvalidate [flags] PATH...

Checks captured Microsoft Graph payloads about Apple VPP token action
results (vppTokenActionResult, vppTokenRevokeLicensesActionResult) against
the documented model. A PATH is a file, a directory (every *.json below it)
or - for standard input, which is also read when no PATH is given.

Flags:
%s
Exit codes: 0 no finding reaches --fail-on, 1 one does,
            2 usage error or unreadable input.
`, fs.FlagUsages())
}
