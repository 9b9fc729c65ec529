package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// The JUnit XML elements that GitLab, Jenkins and Azure Pipelines all
// read. There is no single JUnit schema; this is the common subset.
type (
	junitSuites struct {
		XMLName  xml.Name     `xml:"testsuites"`
		Name     string       `xml:"name,attr"`
		Tests    int          `xml:"tests,attr"`
		Failures int          `xml:"failures,attr"`
		Errors   int          `xml:"errors,attr"`
		Suites   []junitSuite `xml:"testsuite"`
	}
	junitSuite struct {
		Name       string          `xml:"name,attr"`
		Tests      int             `xml:"tests,attr"`
		Failures   int             `xml:"failures,attr"`
		Errors     int             `xml:"errors,attr"`
		Skipped    int             `xml:"skipped,attr"`
		Properties []junitProperty `xml:"properties>property"`
		Cases      []junitCase     `xml:"testcase"`
	}
	junitProperty struct {
		Name  string `xml:"name,attr"`
		Value string `xml:"value,attr"`
	}
	junitCase struct {
		Classname string        `xml:"classname,attr"`
		Name      string        `xml:"name,attr"`
		File      string        `xml:"file,attr,omitempty"`
		Error     *junitFailure `xml:"error"`
		Failure   *junitFailure `xml:"failure"`
		SystemOut string        `xml:"system-out,omitempty"`
	}
	junitFailure struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
)

// JUnit writes a JUnit XML report, the format CI systems show as test
// results: one test case per input file, in order, which fails when the
// file has a finding at or above failOn (so failOn Off fails on any
// finding).
//
// A failing test case has one failure, whose message counts the failing
// findings, all of them (with a Writer that is told of those past
// --max-findings: see Omitted), and whose text lists them (at most
// junitLinesPerCase) one a line as
//
//	file:line:column [rule] message
//
// Findings below failOn are listed the same way in the test case's
// system-out, so they are visible without failing the build. Standard
// input ("-") is named "stdin" and has no file attribute, since there is
// no file to link to. A finding for a file that is not in r.Files gets a
// test case of its own after the others, rather than being lost.
//
// An input that could not be read (r.Unreadable) is an errored test case,
// with an error element whose message is "cannot read" and whose text is
// the reason, so that a CI test page never shows green for an input that
// was not checked. When it was read in part, the error's text also lists
// the failing findings up to where reading stopped, since Jenkins shows
// only one of error and failure.
//
// The run's summary is attached as properties of the test suite. Text that
// XML 1.0 cannot carry (most control characters, invalid UTF-8) is
// replaced with U+FFFD, and a line break inside a message becomes a space
// so that each finding stays on one line.
func JUnit(w io.Writer, r *Report, failOn finding.Severity) error {
	return writeAll(newJUnit(w, r, failOn), r)
}

// junitWriter is the JUnit format as a Writer. The counts come first in
// the document, so it is written at End; until then each file keeps the
// lines its test case lists, which the limits below bound, and counts
// the rest.
type junitWriter struct {
	w      io.Writer
	r      *Report
	failOn finding.Severity
	budget int
	byFile map[string]*junitFile
	order  []string // the files findings came for, in order
}

// junitFile is what a test case shows of one file's findings.
type junitFile struct {
	failing, passing []string
	// nFailing and nPassing count the findings the writer was given,
	// listed or not; limit says that nFailing holds a failing
	// finding-limit finding, which stands for omitted, the failing
	// findings past --max-findings that the writer is never given.
	nFailing, nPassing int
	limit              bool
	omitted            int
}

// problems is how many failing findings the file has, all told.
func (jf *junitFile) problems() int {
	n := jf.nFailing + jf.omitted
	if jf.limit {
		n-- // it stands for the omitted ones; it is none itself
	}
	return n
}

func newJUnit(w io.Writer, r *Report, failOn finding.Severity) *junitWriter {
	return &junitWriter{w: w, r: r, failOn: failOn, budget: junitBudget, byFile: make(map[string]*junitFile)}
}

// file is what the test case of file shows so far.
func (j *junitWriter) file(file string) *junitFile {
	jf := j.byFile[file]
	if jf == nil {
		jf = &junitFile{}
		j.byFile[file] = jf
		j.order = append(j.order, file)
	}
	return jf
}

func (j *junitWriter) Finding(f finding.Finding) error {
	jf := j.file(f.File)
	if f.Severity >= j.failOn {
		jf.limit = jf.limit || f.Rule == rules.FindingLimit
		jf.nFailing++
		jf.failing = listLine(jf.failing, f, &j.budget)
	} else {
		jf.nPassing++
		jf.passing = listLine(jf.passing, f, &j.budget)
	}
	return nil
}

// Omitted counts the failing findings of file past --max-findings, so
// that its failure message counts them too.
func (j *junitWriter) Omitted(file string, counts finding.Summary) error {
	n := 0
	for _, c := range []struct {
		sev finding.Severity
		n   int
	}{{finding.Error, counts.Errors}, {finding.Warning, counts.Warnings}, {finding.Info, counts.Infos}} {
		if c.sev >= j.failOn {
			n += c.n
		}
	}
	j.file(file).omitted += n
	return nil
}

func (j *junitWriter) End() error {
	r := j.r
	name := xmlSafe(toolName(r))
	files := append([]string(nil), r.Files...)
	unreadable := make(map[string]string, len(r.Unreadable))
	for _, u := range r.Unreadable {
		if _, ok := unreadable[u.File]; !ok && !slices.Contains(files, u.File) {
			files = append(files, u.File)
		}
		unreadable[u.File] = u.Reason
	}
	for _, file := range j.order {
		if !slices.Contains(files, file) {
			files = append(files, file)
		}
	}

	suite := junitSuite{Name: name, Properties: junitSummary(r.Summary, j.failOn)}
	done := make(map[string]bool, len(files))
	for _, file := range files {
		if done[file] {
			continue // a file given twice is one test case
		}
		done[file] = true
		tc := junitCase{Classname: name, Name: xmlSafe(junitFileName(file))}
		if file != "-" {
			tc.File = xmlSafe(file)
		}
		jf := j.byFile[file]
		if jf == nil {
			jf = &junitFile{}
		}
		failing := notListed(jf.failing, jf.nFailing)
		passing := notListed(jf.passing, jf.nPassing)
		if reason, ok := unreadable[file]; ok {
			// Jenkins reads error and failure as alternatives (junit-4.xsd)
			// and shows only the error when both are there, so the findings
			// found before reading stopped go in the error's text.
			text := append([]string{xmlSafe(junitFileName(file) + ": " + lineBreaks.Replace(reason))}, failing...)
			tc.Error = &junitFailure{Message: "cannot read", Type: "unreadable", Text: strings.Join(text, "\n")}
			suite.Errors++
		} else if n := jf.problems(); n > 0 || jf.nFailing > 0 {
			tc.Failure = &junitFailure{
				Message: finding.Count(n, "problem", "problems"),
				Type:    name,
				Text:    strings.Join(failing, "\n"),
			}
			suite.Failures++
		}
		tc.SystemOut = strings.Join(passing, "\n")
		suite.Cases = append(suite.Cases, tc)
	}
	suite.Tests = len(suite.Cases)

	doc := junitSuites{
		Name:     name,
		Tests:    suite.Tests,
		Failures: suite.Failures,
		Errors:   suite.Errors,
		Suites:   []junitSuite{suite},
	}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	_, err = io.WriteString(j.w, xml.Header+string(out)+"\n")
	return err
}

// GitLab refuses a JUnit file over 30 MB
// (https://docs.gitlab.com/ci/testing/unit_test_reports), and a test page
// is no place for thousands of lines per file: each test case lists at
// most junitLinesPerCase findings, and the whole report at most
// junitBudget bytes of them as written, escaped for XML (a quote is five
// bytes there: 16 MB of lines full of them came to 36 MB). The failure
// message still counts them all.
const (
	junitLinesPerCase = 100
	junitBudget       = 16 << 20
)

// listLine adds f's line to lines unless the test case or the report has
// listed enough already.
func listLine(lines []string, f finding.Finding, budget *int) []string {
	if len(lines) >= junitLinesPerCase {
		return lines
	}
	line := junitLine(f)
	size := escapedSize(line) + len("&#xA;") // and the line break after it
	if *budget < size {
		return lines
	}
	*budget -= size
	return append(lines, line)
}

// escapedSize is the length of s as encoding/xml writes it in text.
func escapedSize(s string) int {
	var n byteCounter
	xml.EscapeText(&n, []byte(s))
	return int(n)
}

// byteCounter is an io.Writer that counts what is written to it.
type byteCounter int

func (c *byteCounter) Write(p []byte) (int, error) {
	*c += byteCounter(len(p))
	return len(p), nil
}

// notListed says how many of n findings lines leaves out, if any.
func notListed(lines []string, n int) []string {
	if left := n - len(lines); left > 0 {
		return append(lines, fmt.Sprintf("… %s not listed here; the other report formats list them", finding.Count(left, "more finding", "more findings")))
	}
	return lines
}

// junitSummary turns the run's summary into suite properties, for the CI
// systems that show them (Jenkins does); the formatter renders the counts
// it is given and never recounts them.
func junitSummary(s finding.Summary, failOn finding.Severity) []junitProperty {
	return []junitProperty{
		{"files", strconv.Itoa(s.Files)},
		{"resources", strconv.Itoa(s.Resources)},
		{"errors", strconv.Itoa(s.Errors)},
		{"warnings", strconv.Itoa(s.Warnings)},
		{"infos", strconv.Itoa(s.Infos)},
		{"unreadable", strconv.Itoa(s.Unreadable)},
		{"fail-on", failOn.String()},
	}
}

// junitFileName is how a test case and its lines name an input.
func junitFileName(file string) string {
	if file == "-" {
		return "stdin"
	}
	return file
}

// lineBreaks turns every kind of line break into a space. It is never
// modified; a Replacer is safe for concurrent use.
var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// junitLine renders one finding as one line of a failure or system-out.
func junitLine(f finding.Finding) string {
	msg := lineBreaks.Replace(f.Message)
	return xmlSafe(fmt.Sprintf("%s:%d:%d [%s] %s", junitFileName(f.File), f.Line, f.Column, f.Rule, msg))
}

// xmlSafe replaces what XML 1.0 cannot hold, even escaped: control
// characters other than tab, line feed and carriage return, surrogates,
// U+FFFE and U+FFFF, and invalid UTF-8. encoding/xml would do the same,
// but doing it here makes the rule part of this format, not a detail of
// the encoder.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t', r == '\n', r == '\r',
			0x20 <= r && r <= 0xD7FF,
			0xE000 <= r && r <= 0xFFFD,
			0x10000 <= r && r <= 0x10FFFF:
			return r
		}
		return '\uFFFD'
	}, s)
}
