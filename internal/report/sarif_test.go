package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// sarifSchemaPath is the OASIS SARIF 2.1.0 schema, kept outside the
// repository (it is not ours to vendor).
const sarifSchemaPath = "../../../shared/data/sarif-schema-2.1.0.json"

// compileSARIFSchema compiles the OASIS schema from the local file only:
// the compiler's loader refuses every URL, so nothing is fetched.
func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	raw, err := os.ReadFile(sarifSchemaPath)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("SARIF schema not found at %s; schema validation needs the OASIS sarif-schema-2.1.0.json there", sarifSchemaPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	var head struct {
		ID string `json:"id"` // draft-04 names itself with id, not $id
	}
	if err := json.Unmarshal(raw, &head); err != nil || head.ID == "" {
		t.Fatalf("reading the schema's id: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft4
	c.LoadURL = func(u string) (io.ReadCloser, error) {
		return nil, fmt.Errorf("refusing to load %s: the SARIF schema must come from %s", u, sarifSchemaPath)
	}
	if err := c.AddResource(head.ID, bytes.NewReader(raw)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(head.ID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// validateSARIF checks a log against the schema; formats such as uri and
// uri-reference are asserted, as draft-04 requires.
func validateSARIF(schema *jsonschema.Schema, doc []byte) error {
	d := json.NewDecoder(bytes.NewReader(doc))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return err
	}
	return schema.Validate(v)
}

// The part of a SARIF log the tests look at, decoded independently of the
// formatter's own types.
type (
	tLog struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []tRun `json:"runs"`
	}
	tRun struct {
		Tool struct {
			Driver struct {
				Name            string  `json:"name"`
				Version         *string `json:"version"`
				SemanticVersion *string `json:"semanticVersion"`
				InformationURI  string  `json:"informationUri"`
				Rules           []tRule `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		OriginalURIBaseIDs map[string]tArtifactLocation `json:"originalUriBaseIds"`
		Artifacts          []struct {
			Location tArtifactLocation `json:"location"`
			Roles    []string          `json:"roles"`
		} `json:"artifacts"`
		Results    []tResult `json:"results"`
		ColumnKind string    `json:"columnKind"`
	}
	tRule struct {
		ID               string `json:"id"`
		ShortDescription *struct {
			Text string `json:"text"`
		} `json:"shortDescription"`
		FullDescription *struct {
			Text string `json:"text"`
		} `json:"fullDescription"`
		Help *struct {
			Text     string `json:"text"`
			Markdown string `json:"markdown"`
		} `json:"help"`
		DefaultConfiguration *struct {
			Level string `json:"level"`
		} `json:"defaultConfiguration"`
	}
	tArtifactLocation struct {
		URI         *string `json:"uri"`
		URIBaseID   *string `json:"uriBaseId"`
		Index       *int    `json:"index"`
		Description *struct {
			Text string `json:"text"`
		} `json:"description"`
	}
	tResult struct {
		RuleID    string `json:"ruleId"`
		RuleIndex *int   `json:"ruleIndex"`
		Level     string `json:"level"`
		Message   struct {
			Text string `json:"text"`
		} `json:"message"`
		Locations []struct {
			PhysicalLocation struct {
				ArtifactLocation tArtifactLocation `json:"artifactLocation"`
				Region           *struct {
					StartLine   int `json:"startLine"`
					StartColumn int `json:"startColumn"`
				} `json:"region"`
			} `json:"physicalLocation"`
			LogicalLocations []struct {
				Name               string  `json:"name"`
				FullyQualifiedName *string `json:"fullyQualifiedName"`
				Kind               string  `json:"kind"`
			} `json:"logicalLocations"`
		} `json:"locations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		Properties          map[string]any    `json:"properties"`
	}
)

func renderSARIF(t *testing.T, r *Report, workDir string) ([]byte, tLog) {
	t.Helper()
	var b bytes.Buffer
	if err := SARIF(&b, r, workDir); err != nil {
		t.Fatal(err)
	}
	var log tLog
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, b.String())
	}
	if len(log.Runs) != 1 {
		t.Fatalf("got %d runs, want 1", len(log.Runs))
	}
	return b.Bytes(), log
}

// workDirForTests is an absolute directory in the host's own syntax, so
// that the path tests mean the same on every system.
func workDirForTests() string {
	if runtime.GOOS == "windows" {
		return `C:\work\repo`
	}
	return "/work/repo"
}

func tool() Tool {
	return Tool{Name: "vppvalidate", Version: "v1.4.0", InformationURI: "https://github.com/vppvalidate/vppvalidate"}
}

// sarifReports are the reports every SARIF test renders: each must give a
// log that the OASIS schema accepts.
func sarifReports() map[string]*Report {
	wd := workDirForTests()
	return map[string]*Report{
		"empty":          {Tool: tool(), Rules: rules.All()},
		"nothing at all": {},
		"all severities": {
			Tool: tool(), Rules: rules.All(), Files: []string{"a.json"},
			Findings: []finding.Finding{
				{File: "a.json", Line: 2, Column: 5, Pointer: "/value/0/actionState", Rule: rules.Enum, Severity: finding.Error, Message: "bad"},
				{File: "a.json", Line: 3, Column: 1, Pointer: "/value/0/extra", Rule: rules.UnknownProperty, Severity: finding.Warning, Message: "odd"},
				{File: "a.json", Line: 4, Column: 9, Pointer: "", Rule: rules.MissingProperty, Severity: finding.Info, Message: "fyi"},
			},
			Summary: finding.Summary{Files: 1, Resources: 1, Errors: 1, Warnings: 1, Infos: 1},
		},
		"stdin": {
			Tool: tool(), Rules: rules.All(), Files: []string{"-"},
			Findings: []finding.Finding{{File: "-", Line: 1, Column: 1, Rule: rules.Syntax, Severity: finding.Error, Message: "unexpected end of input"}},
		},
		"absolute paths": {
			Tool: tool(), Rules: rules.All(),
			Files: []string{filepath.Join(wd, "fixtures", "in.json"), filepath.Join(filepath.Dir(wd), "elsewhere", "out.json")},
			Findings: []finding.Finding{
				{File: filepath.Join(wd, "fixtures", "in.json"), Line: 7, Column: 3, Pointer: "/actionState", Rule: rules.Enum, Severity: finding.Error, Message: "in"},
				{File: filepath.Join(filepath.Dir(wd), "elsewhere", "out.json"), Line: 1, Column: 2, Pointer: "/x", Rule: rules.Type, Severity: finding.Error, Message: "out"},
			},
		},
		"spaces and non-ASCII": {
			Tool: tool(), Rules: rules.All(), Files: []string{"my fixtures/réponse 1.json", "100%#?[].json"},
			Findings: []finding.Finding{
				{File: "my fixtures/réponse 1.json", Line: 1, Column: 10, Pointer: "/a~1b/c~0d", Rule: rules.Type, Severity: finding.Warning, Message: "ü"},
				{File: "100%#?[].json", Line: 1, Column: 1, Rule: rules.Syntax, Severity: finding.Error, Message: "x"},
			},
		},
		"awkward message": {
			Tool: tool(), Rules: rules.All(), Files: []string{"m.json"},
			Findings: []finding.Finding{{File: "m.json", Line: 1, Column: 1, Pointer: "/k", Rule: rules.Enum, Severity: finding.Error,
				Message: "got \"Failed\" <want> 'failed' & more\nsecond line\r\n\ttab \x01 \\ end"}},
		},
		"devel build, unknown rule, no position": {
			Tool: Tool{Name: "vppvalidate", Version: "(devel)"}, Rules: rules.All(), Files: []string{"a.json"},
			Findings: []finding.Finding{{File: "a.json", Pointer: "", Rule: "not-in-catalogue", Severity: finding.Warning, Message: "m"}},
		},
	}
}

func TestSARIFValidatesAgainstOASISSchema(t *testing.T) {
	schema := compileSARIFSchema(t)
	for name, r := range sarifReports() {
		t.Run(name, func(t *testing.T) {
			out, log := renderSARIF(t, r, workDirForTests())
			if err := validateSARIF(schema, out); err != nil {
				t.Fatalf("schema rejects the log: %v\n%s", err, out)
			}
			if log.Version != "2.1.0" || log.Schema != "https://json.schemastore.org/sarif-2.1.0.json" {
				t.Errorf("version %q, $schema %q", log.Version, log.Schema)
			}
		})
	}
}

// TestSARIFSchemaIsWired proves the validator can fail: logs broken in
// ways the schema forbids must be rejected.
func TestSARIFSchemaIsWired(t *testing.T) {
	schema := compileSARIFSchema(t)
	out, _ := renderSARIF(t, sarifReports()["all severities"], workDirForTests())
	breakages := map[string]func(doc map[string]any){
		"unknown level": func(doc map[string]any) {
			firstResult(doc)["level"] = "fatal"
		},
		"line 0": func(doc map[string]any) {
			loc := firstResult(doc)["locations"].([]any)[0].(map[string]any)
			loc["physicalLocation"].(map[string]any)["region"].(map[string]any)["startLine"] = 0
		},
		"uri with a backslash": func(doc map[string]any) {
			loc := firstResult(doc)["locations"].([]any)[0].(map[string]any)
			loc["physicalLocation"].(map[string]any)["artifactLocation"].(map[string]any)["uri"] = `a\b.json`
		},
		"no version": func(doc map[string]any) {
			delete(doc, "version")
		},
	}
	for name, breakIt := range breakages {
		t.Run(name, func(t *testing.T) {
			var doc map[string]any
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatal(err)
			}
			breakIt(doc)
			broken, err := json.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			if err := validateSARIF(schema, broken); err == nil {
				t.Errorf("schema accepts a broken log:\n%s", broken)
			}
		})
	}
}

func firstResult(doc map[string]any) map[string]any {
	run := doc["runs"].([]any)[0].(map[string]any)
	return run["results"].([]any)[0].(map[string]any)
}

func TestSARIFResults(t *testing.T) {
	r := sarifReports()["all severities"]
	_, log := renderSARIF(t, r, workDirForTests())
	run := log.Runs[0]
	rulesOut := run.Tool.Driver.Rules
	if len(run.Results) != len(r.Findings) {
		t.Fatalf("got %d results for %d findings", len(run.Results), len(r.Findings))
	}
	wantLevels := []string{"error", "warning", "note"}
	for i, res := range run.Results {
		f := r.Findings[i]
		if res.RuleIndex == nil || *res.RuleIndex < 0 || *res.RuleIndex >= len(rulesOut) {
			t.Fatalf("result %d: ruleIndex %v out of range", i, res.RuleIndex)
		}
		if res.RuleID != f.Rule || rulesOut[*res.RuleIndex].ID != f.Rule {
			t.Errorf("result %d: ruleId %q, rules[%d] is %q, want %q", i, res.RuleID, *res.RuleIndex, rulesOut[*res.RuleIndex].ID, f.Rule)
		}
		if res.Level != wantLevels[i] {
			t.Errorf("result %d: level %q, want %q", i, res.Level, wantLevels[i])
		}
		if res.Message.Text != f.Message {
			t.Errorf("result %d: message %q, want %q", i, res.Message.Text, f.Message)
		}
		if len(res.Locations) != 1 {
			t.Fatalf("result %d: %d locations", i, len(res.Locations))
		}
		pl := res.Locations[0].PhysicalLocation
		if pl.Region == nil || pl.Region.StartLine != f.Line || pl.Region.StartColumn != f.Column {
			t.Errorf("result %d: region %+v, want %d:%d", i, pl.Region, f.Line, f.Column)
		}
		al := pl.ArtifactLocation
		if al.URI == nil || *al.URI != "a.json" || al.URIBaseID == nil || *al.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %d: artifact location %s", i, show(al))
		}
		if al.Index == nil || *al.Index != 0 {
			t.Errorf("result %d: artifact index %v, want 0", i, al.Index)
		}
		ll := res.Locations[0].LogicalLocations
		if len(ll) != 1 || ll[0].FullyQualifiedName == nil || *ll[0].FullyQualifiedName != f.Pointer || ll[0].Kind != "value" {
			t.Errorf("result %d: logical locations %s, want pointer %q", i, show(ll), f.Pointer)
		}
		if res.Properties["jsonPointer"] != f.Pointer {
			t.Errorf("result %d: jsonPointer property %v, want %q", i, res.Properties["jsonPointer"], f.Pointer)
		}
		if fp := res.PartialFingerprints[fingerprintKey]; len(fp) != 32 {
			t.Errorf("result %d: partial fingerprint %q", i, fp)
		}
	}
	if got := run.Results[1].Locations[0].LogicalLocations[0].Name; got != "extra" {
		t.Errorf("logical name %q, want the pointer's last token", got)
	}
	if got := run.Results[2].Locations[0].LogicalLocations[0].Name; got != "" {
		t.Errorf("document root has logical name %q", got)
	}
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %q", run.ColumnKind)
	}
	root, ok := run.OriginalURIBaseIDs["%SRCROOT%"]
	if !ok || root.URI != nil || root.Description == nil {
		t.Errorf("originalUriBaseIds: %s; want %%SRCROOT%% described, with no local path", show(run.OriginalURIBaseIDs))
	}
	if len(run.Artifacts) != 1 || *run.Artifacts[0].Location.URI != "a.json" || run.Artifacts[0].Roles[0] != "analysisTarget" {
		t.Errorf("artifacts: %s", show(run.Artifacts))
	}
}

func TestSARIFRules(t *testing.T) {
	_, log := renderSARIF(t, sarifReports()["empty"], "")
	d := log.Runs[0].Tool.Driver
	if d.Name != "vppvalidate" || d.InformationURI != "https://github.com/vppvalidate/vppvalidate" {
		t.Errorf("driver %q %q", d.Name, d.InformationURI)
	}
	if d.Version == nil || *d.Version != "v1.4.0" || d.SemanticVersion == nil || *d.SemanticVersion != "1.4.0" {
		t.Errorf("version %v, semanticVersion %v", d.Version, d.SemanticVersion)
	}
	if len(log.Runs[0].Results) != 0 {
		t.Errorf("results for an empty report: %s", show(log.Runs[0].Results))
	}
	catalogue := rules.All()
	if len(d.Rules) != len(catalogue) {
		t.Fatalf("%d rules, want the whole catalogue (%d)", len(d.Rules), len(catalogue))
	}
	examples := 0
	levels := map[finding.Severity]string{finding.Error: "error", finding.Warning: "warning", finding.Info: "note"}
	for i, want := range catalogue {
		got := d.Rules[i]
		if got.ID != want.ID {
			t.Errorf("rules[%d] is %q, want %q", i, got.ID, want.ID)
			continue
		}
		if got.ShortDescription == nil || got.ShortDescription.Text != want.Doc {
			t.Errorf("%s: shortDescription %s", want.ID, show(got.ShortDescription))
		}
		if got.DefaultConfiguration == nil || got.DefaultConfiguration.Level != levels[want.Default] {
			t.Errorf("%s: defaultConfiguration %s, want %s", want.ID, show(got.DefaultConfiguration), levels[want.Default])
		}
		if got.Help == nil || got.Help.Text != want.Explanation() {
			t.Errorf("%s: help.text is not the explanation", want.ID)
			continue
		}
		full := got.FullDescription.Text
		if full == "" || strings.Contains(full, "\n") || strings.Contains(full, "Bad:") ||
			!strings.HasPrefix(want.Explanation(), strings.Fields(full)[0]) {
			t.Errorf("%s: fullDescription %q is not the first paragraph", want.ID, full)
		}
		examples += checkMarkdown(t, want.ID, want.Explanation(), got.Help.Markdown)
	}
	if examples == 0 {
		t.Error("no rule has indented examples, so the Markdown rendering went unchecked")
	}
}

// checkMarkdown checks that every indented example line of an explanation
// sits inside a fenced block of the Markdown, dedented, and that no prose
// line would be read as an indented code block. It returns how many example lines it checked.
func checkMarkdown(t *testing.T, id, explain, md string) int {
	t.Helper()
	var inFence bool
	var fenced []string
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
			continue
		}
		if inFence {
			fenced = append(fenced, line)
		} else if strings.HasPrefix(line, "    ") || strings.HasPrefix(line, "\t") {
			t.Errorf("%s: prose line %q would be an indented code block", id, line)
		}
	}
	if inFence {
		t.Errorf("%s: unclosed fence in\n%s", id, md)
	}
	joined := "\n" + strings.Join(fenced, "\n") + "\n"
	examples := 0
	for _, line := range strings.Split(explain, "\n") {
		if strings.HasPrefix(line, "    ") {
			examples++
			if !strings.Contains(joined, "\n"+line[4:]+"\n") {
				t.Errorf("%s: example %q is not in a fenced block", id, line)
			}
		}
	}
	return examples
}

func TestFirstParagraph(t *testing.T) {
	if got := firstParagraph("One line\nand two.\n\nSecond."); got != "One line and two." {
		t.Errorf("firstParagraph: %q", got)
	}
}

func TestSARIFPaths(t *testing.T) {
	wd := workDirForTests()
	abs := func(parts ...string) string { return filepath.Join(append([]string{wd}, parts...)...) }
	outside := filepath.Join(filepath.Dir(wd), "other dir", "x.json")
	outsideURI := "file:///work/other%20dir/x.json"
	if runtime.GOOS == "windows" {
		outsideURI = "file:///C:/work/other%20dir/x.json"
	}
	tests := []struct {
		file, workDir string
		uri, base     string // base "" means no uriBaseId
		path          string // what the uri decodes to; "" when it is a file: uri
	}{
		{"a.json", wd, "a.json", "%SRCROOT%", "a.json"},
		{filepath.Join("sub", "a.json"), wd, "sub/a.json", "%SRCROOT%", "sub/a.json"},
		{abs("sub", "a.json"), wd, "sub/a.json", "%SRCROOT%", "sub/a.json"},
		{abs("my dir", "réponse ü.json"), wd, "my%20dir/r%C3%A9ponse%20%C3%BC.json", "%SRCROOT%", "my dir/réponse ü.json"},
		{"a:b.json", wd, "a%3Ab.json", "%SRCROOT%", "a:b.json"},
		{"100%#?[]{}.json", wd, "100%25%23%3F%5B%5D%7B%7D.json", "%SRCROOT%", "100%#?[]{}.json"},
		{"keep+these@=,;!$&'()~.json", wd, "keep+these@=,;!$&'()~.json", "%SRCROOT%", "keep+these@=,;!$&'()~.json"},
		{outside, wd, outsideURI, "", ""},
		{filepath.Join("..", "other dir", "x.json"), wd, outsideURI, "", ""},
		{"-", wd, "stdin", "", "stdin"},
		{"-", "", "stdin", "", "stdin"},
		{"a.json", "", "a.json", "%SRCROOT%", "a.json"},
		{filepath.Join("..", "up.json"), "", "../up.json", "", "../up.json"},
	}
	for _, tt := range tests {
		got := artifactLocation(tt.file, tt.workDir)
		if got.URI != tt.uri || got.URIBaseID != tt.base {
			t.Errorf("artifactLocation(%q, %q) = %q base %q; want %q base %q", tt.file, tt.workDir, got.URI, got.URIBaseID, tt.uri, tt.base)
			continue
		}
		u, err := url.Parse(got.URI)
		if err != nil {
			t.Errorf("%q: %v", got.URI, err)
			continue
		}
		if tt.path == "" {
			if u.Scheme != "file" {
				t.Errorf("%q: want a file: uri", got.URI)
			}
			continue
		}
		if u.Scheme != "" || u.RawQuery != "" || u.Fragment != "" {
			t.Errorf("%q reads as scheme %q, query %q, fragment %q; want a plain relative path", got.URI, u.Scheme, u.RawQuery, u.Fragment)
		}
		if p, err := url.PathUnescape(got.URI); err != nil || p != tt.path {
			t.Errorf("%q decodes to %q (%v), want %q", got.URI, p, err, tt.path)
		}
	}
}

func TestSARIFStdin(t *testing.T) {
	_, log := renderSARIF(t, sarifReports()["stdin"], workDirForTests())
	run := log.Runs[0]
	al := run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation
	if al.URI == nil || *al.URI != "stdin" || al.URIBaseID != nil || al.Index == nil || *al.Index != 0 {
		t.Errorf("stdin artifact location %s", show(al))
	}
	if a := run.Artifacts[0].Location; a.URI == nil || *a.URI != "stdin" {
		t.Errorf("stdin artifact %s", show(a))
	}
}

func TestSARIFVersions(t *testing.T) {
	tests := []struct{ version, semver string }{
		{"v1.2.3", "1.2.3"},
		{"v0.0.0-20240102030405-abcdef123456", "0.0.0-20240102030405-abcdef123456"},
		{"v2.0.0+incompatible", "2.0.0+incompatible"},
		{"1.2", ""},
		{"nightly", ""},
	}
	for _, tt := range tests {
		_, log := renderSARIF(t, &Report{Tool: Tool{Version: tt.version}}, "")
		d := log.Runs[0].Tool.Driver
		if d.Version == nil || *d.Version != tt.version {
			t.Errorf("%s: version %v", tt.version, d.Version)
		}
		if got := ""; d.SemanticVersion != nil {
			got = *d.SemanticVersion
			if got != tt.semver {
				t.Errorf("%s: semanticVersion %q, want %q", tt.version, got, tt.semver)
			}
		} else if tt.semver != "" {
			t.Errorf("%s: no semanticVersion, want %q", tt.version, tt.semver)
		}
	}
	r := sarifReports()["devel build, unknown rule, no position"]
	_, log := renderSARIF(t, r, "")
	d := log.Runs[0].Tool.Driver
	if d.Version == nil || *d.Version != "(devel)" || d.SemanticVersion != nil {
		t.Errorf("(devel) build reports version %v / %v, want (devel) and no semanticVersion", d.Version, d.SemanticVersion)
	}
	if d.Name != "vppvalidate" {
		t.Errorf("driver name %q", d.Name)
	}
	res := log.Runs[0].Results[0]
	if last := d.Rules[len(d.Rules)-1]; res.RuleIndex == nil || *res.RuleIndex != len(d.Rules)-1 || last.ID != "not-in-catalogue" {
		t.Errorf("unknown rule: ruleIndex %v, last rule %q", res.RuleIndex, last.ID)
	}
	if res.Locations[0].PhysicalLocation.Region != nil {
		t.Errorf("a finding without a line has a region")
	}
}

func TestSARIFDeterministicAndFingerprints(t *testing.T) {
	for name, r := range sarifReports() {
		a, _ := renderSARIF(t, r, workDirForTests())
		b, _ := renderSARIF(t, r, workDirForTests())
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renderings differ", name)
		}
		if !bytes.HasPrefix(a, []byte("{\n  \"$schema\": ")) || !bytes.HasSuffix(a, []byte("\n}\n")) {
			t.Errorf("%s: not indented JSON with a final newline", name)
		}
	}

	fp := func(fs ...finding.Finding) []string {
		_, log := renderSARIF(t, &Report{Rules: rules.All(), Files: []string{"a.json"}, Findings: fs}, workDirForTests())
		var out []string
		for _, res := range log.Runs[0].Results {
			out = append(out, res.PartialFingerprints[fingerprintKey])
		}
		return out
	}
	base := finding.Finding{File: "a.json", Line: 2, Column: 5, Pointer: "/a", Rule: rules.DuplicateKey, Severity: finding.Error, Message: "m"}
	moved := base
	moved.Line, moved.Column, moved.Message = 40, 1, "reworded"
	if a, b := fp(base), fp(moved); a[0] != b[0] {
		t.Errorf("fingerprint changes with line or message: %s vs %s", a[0], b[0])
	}
	other := base
	other.Pointer = "/b"
	if a, b := fp(base), fp(other); a[0] == b[0] {
		t.Errorf("different pointers share a fingerprint")
	}
	twice := fp(base, base)
	if twice[0] == twice[1] {
		t.Errorf("two findings at one pointer share a fingerprint")
	}
	if twice[0] != fp(base)[0] {
		t.Errorf("the first of two findings changed its fingerprint")
	}
	// An item added before the one with the finding moves its pointer,
	// not its alert; two items with one mistake are told apart by order.
	item := base
	item.Pointer = "/value/0/actionState"
	shifted := item
	shifted.Pointer = "/value/1/actionState"
	if a, b := fp(item), fp(shifted); a[0] != b[0] {
		t.Errorf("an index before it changed the fingerprint: %s vs %s", a[0], b[0])
	}
	if two := fp(item, shifted); two[0] == two[1] || two[0] != fp(item)[0] {
		t.Errorf("two items with one mistake: %v", two)
	}
	// The recipe of vppvalidate/v3, which alerts are matched by from one
	// release to the next: FNV-1a, 128 bits, of uri, rule, pointer with
	// its array indexes as "*" (finding.GeneralPointer) and ordinal (from
	// 1) joined by NUL, as Python computes it from the FNV
	// parameters (offset basis 0x6c62272e07bb014262b821756295c58d, prime
	// 2**88 + 0x13b).
	if got, want := fp(base)[0], "bb2ce18f32f67527f185eb2d9b721c0e"; got != want {
		t.Errorf("fingerprint %s, want %s: a changed recipe needs a new fingerprintKey", got, want)
	}
}

func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// TestSARIFWithinUploadLimits checks GitHub code scanning's limits: at
// most 25,000 results per run and 10 MB gzipped, the most severe kept, and
// a notification that says how many were left out and why.
func TestSARIFWithinUploadLimits(t *testing.T) {
	type notification struct {
		Level   string `json:"level"`
		Message struct {
			Text string `json:"text"`
		} `json:"message"`
	}
	type log struct {
		Runs []struct {
			Results []struct {
				Level string `json:"level"`
			} `json:"results"`
			Invocations []struct {
				ExecutionSuccessful        bool           `json:"executionSuccessful"`
				ToolExecutionNotifications []notification `json:"toolExecutionNotifications"`
			} `json:"invocations"`
		} `json:"runs"`
	}
	render := func(r *Report) (log, int, int) {
		t.Helper()
		var b bytes.Buffer
		left, err := SARIFWithin(&b, r, workDirForTests())
		if err != nil {
			t.Fatal(err)
		}
		var l log
		if err := json.Unmarshal(b.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		return l, left, gzipSize(b.Bytes())
	}

	// 30 files of 1,000 findings: 30,000 results, the errors last.
	r := &Report{Tool: Tool{Name: "vppvalidate"}}
	for i := range 30_000 {
		sev := finding.Warning
		if i >= 29_000 {
			sev = finding.Error
		}
		file := fmt.Sprintf("f%02d.json", i/1000)
		r.Files = append(r.Files, file)
		r.Findings = append(r.Findings, finding.Finding{File: file, Line: i%1000 + 1, Column: 1, Pointer: "/value/" + strconv.Itoa(i%1000), Rule: "enum", Severity: sev, Message: "bad"})
	}
	r.Files = slices.Compact(r.Files)
	l, left, _ := render(r)
	results := l.Runs[0].Results
	if len(results) != 25_000 || left != 5_000 {
		t.Fatalf("%d results, %d left out; want 25000 and 5000", len(results), left)
	}
	nErrors := 0
	for _, res := range results {
		if res.Level == "error" {
			nErrors++
		}
	}
	if nErrors != 1_000 {
		t.Errorf("%d errors kept, want all 1000", nErrors)
	}
	notes := l.Runs[0].Invocations[0].ToolExecutionNotifications
	if len(notes) != 1 || notes[0].Level != "warning" || !strings.Contains(notes[0].Message.Text, "5000 of 30000 results are left out") {
		t.Errorf("notifications: %+v", notes)
	}
	if !l.Runs[0].Invocations[0].ExecutionSuccessful {
		t.Errorf("leaving results out is not a failed execution")
	}

	// Messages that do not compress: the log is cut to 10 MB gzipped.
	rng := rand.New(rand.NewPCG(1, 2))
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	big := &Report{Tool: Tool{Name: "vppvalidate"}, Files: []string{"a.json"}}
	for i := range 4_000 {
		msg := make([]byte, 4_000)
		for j := range msg {
			msg[j] = letters[rng.IntN(len(letters))]
		}
		big.Findings = append(big.Findings, finding.Finding{File: "a.json", Line: i + 1, Column: 1, Rule: "enum", Severity: finding.Error, Message: string(msg)})
	}
	l, left, size := render(big)
	if size > sarifMaxGzip || left == 0 || len(l.Runs[0].Results)+left != 4_000 {
		t.Errorf("gzipped %d bytes, %d results, %d left out", size, len(l.Runs[0].Results), left)
	}
}

func TestSemanticVersion(t *testing.T) {
	for v, want := range map[string]string{
		"v1.2.3":      "1.2.3",
		"v1.2.3-rc.1": "1.2.3-rc.1",
		"v0.0.0-20261130123713-7adbbc507e9e (commit 7adbbc507e9e)": "0.0.0-20261130123713-7adbbc507e9e",
		"(devel)":           "",
		"v1.2":              "",
		"v1.2.3 (modified)": "1.2.3",
	} {
		if got := semanticVersion(v); got != want {
			t.Errorf("semanticVersion(%q) = %q, want %q", v, got, want)
		}
	}
}

// TestSARIFStreamKeepsWhatALogCanHold: a SARIF report written as a run
// goes holds no more findings than one log may list, whatever their
// number, and lists the ones kept() picks from all of them: the most
// severe, each severity in report order.
func TestSARIFStreamKeepsWhatALogCanHold(t *testing.T) {
	r := &Report{Tool: Tool{Name: "vppvalidate"}, Files: []string{"a.json"}}
	var all []finding.Finding
	var b bytes.Buffer
	s := newSARIF(&b, r, workDirForTests(), nil)
	rng := rand.New(rand.NewPCG(3, 4))
	most := 0
	for i := range 100_000 {
		sev := []finding.Severity{finding.Info, finding.Warning, finding.Error}[rng.IntN(3)]
		if i < 50_000 && sev == finding.Error {
			sev = finding.Info // errors come late, and must push the others out
		}
		f := finding.Finding{File: "a.json", Line: i + 1, Column: 1, Pointer: "/value/" + strconv.Itoa(i), Rule: "enum", Severity: sev, Message: "bad"}
		all = append(all, f)
		if err := s.Finding(f); err != nil {
			t.Fatal(err)
		}
		most = max(most, s.nKept)
	}
	if most > sarifMaxResults {
		t.Errorf("held %d findings at once, more than a log lists (%d)", most, sarifMaxResults)
	}
	if err := s.End(); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := writeSARIF(&want, r, workDirForTests(), kept(all, sarifMaxResults), len(all)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want.Bytes()) {
		t.Error("the streamed log differs from the one written from every finding")
	}
}

// TestSARIFResultsIndentedAsOneDocument: the results, written into the
// log one at a time, are laid out exactly as encoding/json indents the
// whole document, with none, one and many results, and with a rule that
// is not in the catalogue.
func TestSARIFResultsIndentedAsOneDocument(t *testing.T) {
	for _, n := range []int{0, 1, 3} {
		r := &Report{Tool: Tool{Name: "vppvalidate"}, Rules: rules.All(), Files: []string{"a.json"}}
		for i := range n {
			r.Findings = append(r.Findings, finding.Finding{File: "a.json", Line: i + 1, Column: 2, Pointer: "/value/" + strconv.Itoa(i),
				Rule: []string{"enum", "not-in-catalogue", "type"}[i], Severity: finding.Error, Message: `<b> & "quoted" ✓`})
		}
		var b bytes.Buffer
		if err := SARIF(&b, r, workDirForTests()); err != nil {
			t.Fatal(err)
		}
		var compact, indented bytes.Buffer
		if err := json.Compact(&compact, b.Bytes()); err != nil {
			t.Fatalf("%d results: not JSON: %v", n, err)
		}
		if err := json.Indent(&indented, compact.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		indented.WriteByte('\n')
		if !bytes.Equal(b.Bytes(), indented.Bytes()) {
			t.Errorf("%d results: the log is not laid out as one indented document:\n%s", n, b.String())
		}
		if got := strings.Count(b.String(), `"ruleId"`); got != n {
			t.Errorf("%d results written, want %d", got, n)
		}
	}
}
