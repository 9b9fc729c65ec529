package report

import (
	"bytes"
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
	Name string
	Doc  string // one line, lower case, for --help
	// Start begins a report on w. r holds what is known before any input
	// is checked (Tool, Rules); the Writer reads the rest of r (Files,
	// Unreadable, Summary) at End, and never r.Findings: they come
	// through Finding.
	Start func(w io.Writer, r *Report, o Options) Writer
	// Begins tells whether head, the first bytes of a file (up to
	// HeadSize), is how this format's reports begin: the file is a
	// report of an earlier run, which a run writing the same file may
	// leave out of the directories it walks, not a capture. Nil for a
	// format whose reports are not walked (they are not JSON) or cannot be
	// told from other files.
	Begins func(head []byte) bool
	// Least gives the least severity of the findings a report started
	// with Options o shows; nil for a format that shows every finding.
	// A run whose every report leaves findings out need not list them.
	Least func(o Options) finding.Severity
}

// LeastShown returns the least severity of the findings a report in f
// started with o shows: finding.Off when it shows every one.
func (f Format) LeastShown(o Options) finding.Severity {
	if f.Least == nil {
		return finding.Off
	}
	return f.Least(o)
}

// HeadSize is how many bytes of a file Format.Begins needs at most.
const HeadSize = 512

// Writer is one report being written as a run goes, so that a run with
// millions of findings never holds them: each format keeps at most what
// its consumers' limits let it show (SARIF's 25,000 results, JUnit's
// lines per test case) until End.
type Writer interface {
	// Finding adds one finding; findings come by file, in the order of
	// Report.Files, and within a file in reading order.
	Finding(f finding.Finding) error
	// End writes what comes after the findings, from the Report given
	// to Start, now complete but for its Findings.
	End() error
}

// An OmittedCounter is a Writer that counts, besides the findings it is
// given, those of a file that --max-findings left unlisted, which no
// Writer is given: the finding-limit finding names them in words only.
// The run calls Omitted once for each file that has any, after the
// file's last finding and before its finding-limit finding, with their
// counts by severity; an error is the Writer's own, as Finding's is.
type OmittedCounter interface {
	Omitted(file string, counts finding.Summary) error
}

// Write renders a whole report whose findings are all in r.Findings.
func (f Format) Write(w io.Writer, r *Report, o Options) error {
	return writeAll(f.Start(w, r, o), r)
}

// writeAll hands rw the findings of r, then ends it.
func writeAll(rw Writer, r *Report) error {
	for _, f := range r.Findings {
		if err := rw.Finding(f); err != nil {
			return err
		}
	}
	return rw.End()
}

// Formats lists the report formats, the default (text) first.
func Formats() []Format {
	return []Format{
		{"text", "file:line:column: severity [rule] message (pointer), and a summary", func(w io.Writer, r *Report, o Options) Writer {
			return newText(w, r, TextOptions{Color: o.Color, Quiet: o.Quiet, FailOn: o.FailOn})
		}, nil, func(o Options) finding.Severity {
			if o.Quiet {
				return o.FailOn
			}
			return finding.Off
		}},
		{"json", "the findings, the summary and the unreadable inputs as one JSON document", func(w io.Writer, r *Report, _ Options) Writer {
			return newJSON(w, r)
		}, beginsJSON, nil},
		{"sarif", "SARIF 2.1.0, within GitHub code scanning's upload limits", func(w io.Writer, r *Report, o Options) Writer {
			return newSARIF(w, r, o.WorkDir, func(left, all int) {
				if o.Note != nil {
					o.Note(fmt.Sprintf("the SARIF report leaves out %d of %d findings, the least severe first, to stay within GitHub code scanning's upload limits (25,000 results per run, 10 MB gzipped); the summary and exit code count them all", left, all))
				}
			})
		}, beginsSARIF, nil},
		{"junit", "JUnit XML, one test case per file, for GitLab, Jenkins and Azure Pipelines", func(w io.Writer, r *Report, o Options) Writer {
			return newJUnit(w, r, o.FailOn)
		}, nil, nil},
		{"github", "GitHub Actions workflow commands: annotations, then a summary", func(w io.Writer, r *Report, _ Options) Writer {
			return newGitHub(w, r)
		}, nil, nil},
	}
}

// beginsJSON tells the start of a JSON report, which no Graph payload
// has: its first member is the findings array.
func beginsJSON(head []byte) bool { return bytes.HasPrefix(head, []byte(`{"findings":[`)) }

// beginsSARIF tells the start of a SARIF log written by vppvalidate: the
// schema, the version and a first run whose tool is vppvalidate, laid out
// as the sarif format writes them.
func beginsSARIF(head []byte) bool {
	const prefix = "{\n  \"$schema\": \"" + sarifSchema + "\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n          \"name\": \"vppvalidate\","
	return bytes.HasPrefix(head, []byte(prefix))
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
