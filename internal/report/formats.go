package report

import (
	"fmt"
	"io"

	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// Options are what a format may need besides the report.
type Options struct {
	Color  bool             // ANSI colours (text), for a terminal
	Quiet  bool             // text: the findings at or above FailOn only
	FailOn finding.Severity // what makes the run fail
	// WorkDir is the directory file names are relative to, for formats
	// that write URIs (SARIF).
	WorkDir string
	// Note receives what a format has to say beside the report, such as
	// how many findings it left out to stay within a consumer's limits;
	// nil discards it.
	Note func(msg string)
}

// Format is one report format that -o accepts: adding a format is adding
// one value to the list Formats returns.
type Format struct {
	Name  string
	Doc   string // one line, lower case, for --help
	Write func(w io.Writer, r *Report, o Options) error
}

// Formats lists the report formats, the default (text) first.
func Formats() []Format {
	return []Format{
		{"text", "file:line:column: severity [rule] message (pointer), and a summary", func(w io.Writer, r *Report, o Options) error {
			return Text(w, r, TextOptions{Color: o.Color, Quiet: o.Quiet, FailOn: o.FailOn})
		}},
		{"json", "the findings, the summary and the unreadable inputs as one JSON document", func(w io.Writer, r *Report, _ Options) error {
			return JSON(w, r)
		}},
		{"sarif", "SARIF 2.1.0, within GitHub code scanning's upload limits", func(w io.Writer, r *Report, o Options) error {
			left, err := SARIFWithin(w, r, o.WorkDir)
			if left > 0 && o.Note != nil {
				o.Note(fmt.Sprintf("the SARIF report leaves out %d of %d findings, the least severe first, to stay within GitHub code scanning's upload limits (25,000 results per run, 10 MB gzipped); the summary and exit code count them all", left, len(r.Findings)))
			}
			return err
		}},
		{"junit", "JUnit XML, one test case per file, for GitLab, Jenkins and Azure Pipelines", func(w io.Writer, r *Report, o Options) error {
			return JUnit(w, r, o.FailOn)
		}},
		{"github", "GitHub Actions workflow commands: annotations, then a summary", func(w io.Writer, r *Report, _ Options) error {
			return GitHub(w, r)
		}},
	}
}

// LookupFormat returns the format called name.
func LookupFormat(name string) (Format, bool) {
	for _, f := range Formats() {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// FormatNames lists the formats' names, the default first.
func FormatNames() []string {
	var names []string
	for _, f := range Formats() {
		names = append(names, f.Name)
	}
	return names
}
