package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// The JUnit shape as a CI system reads it, decoded independently of the
// formatter's own types. Pointers tell an absent element or attribute from
// an empty one.
type (
	xSuites struct {
		XMLName  xml.Name `xml:"testsuites"`
		Name     string   `xml:"name,attr"`
		Tests    string   `xml:"tests,attr"`
		Failures string   `xml:"failures,attr"`
		Errors   string   `xml:"errors,attr"`
		Suites   []xSuite `xml:"testsuite"`
	}
	xSuite struct {
		Name       string `xml:"name,attr"`
		Tests      string `xml:"tests,attr"`
		Failures   string `xml:"failures,attr"`
		Errors     string `xml:"errors,attr"`
		Skipped    string `xml:"skipped,attr"`
		Properties []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"value,attr"`
		} `xml:"properties>property"`
		Cases []xCase `xml:"testcase"`
	}
	xCase struct {
		Classname string    `xml:"classname,attr"`
		Name      string    `xml:"name,attr"`
		File      *string   `xml:"file,attr"`
		Failures  []xFailed `xml:"failure"`
		SystemOut *string   `xml:"system-out"`
	}
	xFailed struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
)

func junitReport() *Report {
	return &Report{
		Tool:  tool(),
		Files: []string{"ok.json", "warn.json", "bad.json", "-"},
		Findings: []finding.Finding{
			{File: "warn.json", Line: 3, Column: 1, Pointer: "/x", Rule: "unknown-property", Severity: finding.Warning, Message: "odd"},
			{File: "warn.json", Line: 5, Column: 2, Pointer: "/y", Rule: "missing-property", Severity: finding.Info, Message: "fyi"},
			{File: "bad.json", Line: 2, Column: 5, Pointer: "/a", Rule: "enum", Severity: finding.Error, Message: "got <&>\"' \x01 and\nmore ]]> end"},
			{File: "bad.json", Line: 4, Column: 7, Pointer: "/b", Rule: "unknown-property", Severity: finding.Warning, Message: "extra"},
			{File: "bad.json", Line: 9, Column: 1, Pointer: "/c", Rule: "type", Severity: finding.Error, Message: "wrong"},
			{File: "-", Line: 1, Column: 1, Rule: "syntax", Severity: finding.Error, Message: "eof"},
		},
		// Deliberately not the counts of the findings above: the formatter
		// must show the summary it is given, not recount.
		Summary: finding.Summary{Files: 4, Resources: 7, Errors: 30, Warnings: 20, Infos: 10},
	}
}

func renderJUnit(t *testing.T, r *Report, failOn finding.Severity) (string, xSuites) {
	t.Helper()
	var b bytes.Buffer
	if err := JUnit(&b, r, failOn); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, `<?xml version="1.0" encoding="UTF-8"?>`+"\n") {
		t.Errorf("no XML declaration:\n%s", out)
	}
	var doc xSuites
	// The decoder is strict: it rejects characters XML 1.0 does not allow,
	// so decoding also checks that the output is well-formed.
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("output is not well-formed XML: %v\n%s", err, out)
	}
	if len(doc.Suites) != 1 {
		t.Fatalf("%d test suites, want 1", len(doc.Suites))
	}
	return out, doc
}

func TestJUnitFailOnError(t *testing.T) {
	out, doc := renderJUnit(t, junitReport(), finding.Error)
	if doc.Name != "vppvalidate" || doc.Tests != "4" || doc.Failures != "2" || doc.Errors != "0" {
		t.Errorf("testsuites: name %q tests %q failures %q errors %q", doc.Name, doc.Tests, doc.Failures, doc.Errors)
	}
	s := doc.Suites[0]
	if s.Name != "vppvalidate" || s.Tests != "4" || s.Failures != "2" || s.Errors != "0" || s.Skipped != "0" {
		t.Errorf("testsuite: name %q tests %q failures %q errors %q skipped %q", s.Name, s.Tests, s.Failures, s.Errors, s.Skipped)
	}

	props := map[string]string{}
	for _, p := range s.Properties {
		props[p.Name] = p.Value
	}
	for name, want := range map[string]string{"files": "4", "resources": "7", "errors": "30", "warnings": "20", "infos": "10", "fail-on": "error"} {
		if props[name] != want {
			t.Errorf("property %s = %q, want %q (the summary as given)", name, props[name], want)
		}
	}

	wantNames := []string{"ok.json", "warn.json", "bad.json", "stdin"}
	if len(s.Cases) != len(wantNames) {
		t.Fatalf("%d test cases, want %d", len(s.Cases), len(wantNames))
	}
	for i, c := range s.Cases {
		if c.Name != wantNames[i] || c.Classname != "vppvalidate" {
			t.Errorf("case %d: name %q classname %q, want %q vppvalidate", i, c.Name, c.Classname, wantNames[i])
		}
		switch {
		case c.Name == "stdin" && c.File != nil:
			t.Errorf("stdin has file attribute %q", *c.File)
		case c.Name != "stdin" && (c.File == nil || *c.File != c.Name):
			t.Errorf("case %q: file attribute %v", c.Name, c.File)
		}
	}

	ok, warn, bad, stdin := s.Cases[0], s.Cases[1], s.Cases[2], s.Cases[3]
	if len(ok.Failures) != 0 || ok.SystemOut != nil {
		t.Errorf("a clean file has a failure or output: %+v", ok)
	}
	if len(warn.Failures) != 0 {
		t.Errorf("warnings fail with failOn=error: %+v", warn.Failures)
	}
	if warn.SystemOut == nil || *warn.SystemOut != "warn.json:3:1 [unknown-property] odd\nwarn.json:5:2 [missing-property] fyi" {
		t.Errorf("warn.json system-out %q", deref(warn.SystemOut))
	}

	if len(bad.Failures) != 1 {
		t.Fatalf("bad.json has %d failures, want 1", len(bad.Failures))
	}
	f := bad.Failures[0]
	if f.Message != "2 problems" || f.Type != "vppvalidate" {
		t.Errorf("failure message %q type %q", f.Message, f.Type)
	}
	wantText := "bad.json:2:5 [enum] got <&>\"' \uFFFD and more ]]> end\nbad.json:9:1 [type] wrong"
	if f.Text != wantText {
		t.Errorf("failure text\n%q\nwant\n%q", f.Text, wantText)
	}
	if bad.SystemOut == nil || *bad.SystemOut != "bad.json:4:7 [unknown-property] extra" {
		t.Errorf("bad.json system-out %q", deref(bad.SystemOut))
	}

	if len(stdin.Failures) != 1 || stdin.Failures[0].Message != "1 problem" || stdin.Failures[0].Text != "stdin:1:1 [syntax] eof" {
		t.Errorf("stdin failures %+v", stdin.Failures)
	}

	if strings.ContainsRune(out, '\x01') {
		t.Error("a control character reached the XML")
	}
}

func TestJUnitThresholds(t *testing.T) {
	count := func(doc xSuites) (failures []string) {
		for _, c := range doc.Suites[0].Cases {
			for _, f := range c.Failures {
				failures = append(failures, c.Name+": "+f.Message)
			}
		}
		return failures
	}
	tests := []struct {
		failOn   finding.Severity
		failures string
	}{
		{finding.Warning, "warn.json: 1 problem|bad.json: 3 problems|stdin: 1 problem"},
		{finding.Info, "warn.json: 2 problems|bad.json: 3 problems|stdin: 1 problem"},
		{finding.Off, "warn.json: 2 problems|bad.json: 3 problems|stdin: 1 problem"},
	}
	for _, tt := range tests {
		_, doc := renderJUnit(t, junitReport(), tt.failOn)
		if got := strings.Join(count(doc), "|"); got != tt.failures {
			t.Errorf("failOn %s: failures %q, want %q", tt.failOn, got, tt.failures)
		}
		if n := len(count(doc)); doc.Failures != strconv.Itoa(n) || doc.Suites[0].Failures != strconv.Itoa(n) {
			t.Errorf("failOn %s: failures attributes %q/%q, want %d", tt.failOn, doc.Failures, doc.Suites[0].Failures, n)
		}
		warn := doc.Suites[0].Cases[1]
		if tt.failOn == finding.Warning && deref(warn.SystemOut) != "warn.json:5:2 [missing-property] fyi" {
			t.Errorf("failOn warning: info not in system-out: %q", deref(warn.SystemOut))
		}
		if tt.failOn <= finding.Info && warn.SystemOut != nil {
			t.Errorf("failOn %s: system-out %q, want none", tt.failOn, *warn.SystemOut)
		}
	}
}

func TestJUnitEdgeCases(t *testing.T) {
	out, doc := renderJUnit(t, &Report{}, finding.Error)
	if doc.Tests != "0" || doc.Failures != "0" || doc.Suites[0].Tests != "0" || doc.Suites[0].Name != "vppvalidate" {
		t.Errorf("empty report:\n%s", out)
	}

	// A finding for a file that is not among the inputs still shows, and
	// a file listed twice is one test case.
	r := &Report{
		Files:    []string{"a.json", "a.json"},
		Findings: []finding.Finding{{File: "stray.json", Line: 1, Column: 1, Rule: "syntax", Severity: finding.Error, Message: "m"}},
	}
	_, doc = renderJUnit(t, r, finding.Error)
	cases := doc.Suites[0].Cases
	if len(cases) != 2 || cases[0].Name != "a.json" || cases[1].Name != "stray.json" || len(cases[1].Failures) != 1 {
		t.Errorf("cases: %+v", cases)
	}

	// Names and attributes are escaped and cleaned too.
	odd := "d\x7f\x02ir/\"<q>\"&.json"
	r = &Report{Files: []string{odd}, Findings: []finding.Finding{{File: odd, Line: 1, Column: 1, Rule: "r", Severity: finding.Error, Message: "m\r\nn"}}}
	out, doc = renderJUnit(t, r, finding.Error)
	c := doc.Suites[0].Cases[0]
	want := "d\x7f\uFFFDir/\"<q>\"&.json"
	if c.Name != want || c.File == nil || *c.File != want {
		t.Errorf("name %q file %v, want %q", c.Name, c.File, want)
	}
	if c.Failures[0].Text != want+":1:1 [r] m n" {
		t.Errorf("failure text %q", c.Failures[0].Text)
	}
	if strings.ContainsRune(out, '\x02') {
		t.Error("a control character reached the XML")
	}

	a, _ := renderJUnit(t, junitReport(), finding.Error)
	b, _ := renderJUnit(t, junitReport(), finding.Error)
	if a != b {
		t.Error("two renderings differ")
	}
}

func TestXMLSafe(t *testing.T) {
	in := "ok\t\n\r \x00\x08\x0b\x1f\x7f é \uFFFE\uFFFF \U0001F600 \xff"
	want := "ok\t\n\r \uFFFD\uFFFD\uFFFD\uFFFD\x7f é \uFFFD\uFFFD \U0001F600 \uFFFD"
	if got := xmlSafe(in); got != want {
		t.Errorf("xmlSafe(%q) = %q, want %q", in, got, want)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<absent>"
	}
	return *s
}

// TestJUnitConsumers checks what GitLab, Jenkins and Azure Pipelines need:
// an unreadable input is an errored test case with no failure beside the
// error (Jenkins shows one of the two), and a file with many findings
// lists a bounded number of them while its message counts them all.
func TestJUnitConsumers(t *testing.T) {
	r := &Report{Files: []string{"big.json", "part.json"}}
	for i := range 250 {
		r.Findings = append(r.Findings, finding.Finding{File: "big.json", Line: i + 1, Column: 1, Rule: "enum", Severity: finding.Error, Message: "bad"})
	}
	r.Findings = append(r.Findings, finding.Finding{File: "part.json", Line: 1, Column: 2, Rule: "enum", Severity: finding.Error, Message: "early"})
	r.Unreadable = []Unreadable{{File: "part.json", Reason: "it is larger than the size limit"}, {File: "gone.json", Reason: "no such file or directory"}}
	var b bytes.Buffer
	if err := JUnit(&b, r, finding.Error); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Errors   int `xml:"errors,attr"`
		Cases    []struct {
			Name    string `xml:"name,attr"`
			Failure *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Error *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"error"`
		} `xml:"testsuite>testcase"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Tests != 3 || doc.Failures != 1 || doc.Errors != 2 || len(doc.Cases) != 3 {
		t.Fatalf("tests=%d failures=%d errors=%d cases=%d, want 3, 1, 2, 3\n%s", doc.Tests, doc.Failures, doc.Errors, len(doc.Cases), b.String())
	}
	big := doc.Cases[0]
	if big.Failure == nil || big.Failure.Message != "250 problems" {
		t.Fatalf("big.json: %+v", big.Failure)
	}
	lines := strings.Split(big.Failure.Text, "\n")
	if len(lines) != junitLinesPerCase+1 || !strings.Contains(lines[len(lines)-1], "150 more findings not listed") {
		t.Errorf("big.json lists %d lines, the last %q", len(lines), lines[len(lines)-1])
	}
	for _, c := range doc.Cases[1:] {
		if c.Failure != nil || c.Error == nil || c.Error.Message != "cannot read" {
			t.Errorf("%s: failure %+v, error %+v; want an error alone", c.Name, c.Failure, c.Error)
		}
	}
	if part := doc.Cases[1].Error.Text; !strings.Contains(part, "part.json: it is larger") || !strings.Contains(part, "[enum] early") {
		t.Errorf("part.json's error does not hold the reason and the finding: %q", part)
	}
}

// TestJUnitUnderGitLabLimit: however the findings' text grows when
// escaped for XML (a quote is five bytes there), the report stays below
// GitLab's 30 MB, and says that it left lines out.
func TestJUnitUnderGitLabLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("writes about 20 MB")
	}
	quotes := strings.Repeat(`"`, 64)
	r := &Report{}
	for i := range 900 {
		file := fmt.Sprintf("f%03d.json", i)
		r.Files = append(r.Files, file)
		for k := range 100 {
			r.Findings = append(r.Findings, finding.Finding{File: file, Line: k + 1, Column: 1, Pointer: "/value/" + quotes,
				Rule: "enum", Severity: finding.Error, Message: "the string " + quotes + " is not a documented actionState value"})
		}
	}
	out, _ := renderJUnit(t, r, finding.Error)
	if len(out) >= 30<<20 {
		t.Errorf("the report is %d bytes, over GitLab's 30 MB", len(out))
	}
	if !strings.Contains(out, "not listed here") {
		t.Error("no test case says that lines were left out")
	}
}
