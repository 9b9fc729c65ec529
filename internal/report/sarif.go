package report

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

const (
	sarifVersion = "2.1.0"
	// sarifSchema is the address GitHub's own documentation and most SARIF
	// producers use; the OASIS address is longer and has moved before.
	sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

	// srcRoot names the directory the tool ran in. GitHub code scanning
	// ignores base ids and reads a relative uri from the repository root,
	// which is the same directory when vppvalidate runs in a checkout, so
	// one relative uri serves both GitHub and viewers that honour the id.
	srcRoot = "%SRCROOT%"

	// stdinURI stands for standard input. It is a relative reference with
	// no base id: it names no file, but GitHub rejects uris with a scheme
	// it does not know, so a made-up scheme such as stdin: is not an option.
	stdinURI = "stdin"

	// fingerprintKey follows the spec's advice to version the partial
	// fingerprint's name, so that the recipe can change without silently
	// matching old results against new ones. v1 was the first 16 bytes of
	// a SHA-256; v2 is FNV-1a, 128 bits.
	fingerprintKey = "vppvalidate/v3"
)

// The SARIF object model, reduced to what vppvalidate fills in. Field
// order is output order; optional members are omitted when empty so that
// the log stays readable.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                        `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds"`
		Artifacts          []sarifArtifact                  `json:"artifacts,omitempty"`
		Results            []sarifResult                    `json:"results"`
		ColumnKind         string                           `json:"columnKind"`
		Invocations        []sarifInvocation                `json:"invocations"`
	}
	// sarifInvocation says whether the run checked everything it was
	// given, and what stopped it when not.
	sarifInvocation struct {
		ExecutionSuccessful        bool                `json:"executionSuccessful"`
		ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations,omitempty"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name            string      `json:"name"`
		Version         string      `json:"version,omitempty"`
		SemanticVersion string      `json:"semanticVersion,omitempty"`
		InformationURI  string      `json:"informationUri,omitempty"`
		Rules           []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string             `json:"id"`
		ShortDescription     *sarifText         `json:"shortDescription,omitempty"`
		FullDescription      *sarifText         `json:"fullDescription,omitempty"`
		Help                 *sarifText         `json:"help,omitempty"`
		DefaultConfiguration *sarifRuleDefaults `json:"defaultConfiguration,omitempty"`
	}
	sarifRuleDefaults struct {
		Level string `json:"level"`
	}
	// sarifText is both a message and a multiformatMessageString: the two
	// share text and markdown.
	sarifText struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifArtifact struct {
		Location    sarifArtifactLocation `json:"location"`
		Description *sarifText            `json:"description,omitempty"`
		Roles       []string              `json:"roles"`
		MimeType    string                `json:"mimeType"`
	}
	sarifArtifactLocation struct {
		URI         string     `json:"uri,omitempty"`
		URIBaseID   string     `json:"uriBaseId,omitempty"`
		Index       *int       `json:"index,omitempty"`
		Description *sarifText `json:"description,omitempty"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		Properties          sarifProperties   `json:"properties"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysicalLocation  `json:"physicalLocation"`
		LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           *sarifRegion          `json:"region,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	sarifLogicalLocation struct {
		Name string `json:"name,omitempty"`
		// FullyQualifiedName is the JSON pointer itself. It is kept even
		// when empty, because "" is the pointer to the whole document.
		FullyQualifiedName string `json:"fullyQualifiedName"`
		Kind               string `json:"kind"`
	}
	sarifProperties struct {
		JSONPointer string `json:"jsonPointer"`
	}
)

// SARIF writes a SARIF 2.1.0 log with one run, for GitHub code scanning and
// other SARIF viewers.
//
// Every rule in r.Rules is described in tool.driver.rules, so a viewer can
// explain rules that found nothing; a finding whose rule is missing from
// r.Rules gets a bare descriptor appended, so that every result's ruleIndex
// is valid.
//
// Artifact uris are relative to workDir, which should be absolute
// (typically the working directory, the root of a checkout in CI). A
// relative finding path is taken as relative to workDir. A path inside
// workDir becomes a relative uri with uriBaseId %SRCROOT%; a path outside
// it becomes a file: uri; standard input ("-") becomes the relative uri
// "stdin" with no base id. %SRCROOT% is declared in originalUriBaseIds
// without the absolute directory, so the log names no local directory and
// is the same wherever the checkout lives.
//
// Inputs that could not be read (r.Unreadable) are error notifications of
// the run's one invocation, whose executionSuccessful is then false.
//
// The version is given as built ("(devel)" for a checkout build, which SARIF
// consumers still want to see rather than nothing); semanticVersion is
// added only for a release version. The JSON pointer of each finding appears both as a
// logical location and as the result property jsonPointer. The output is
// indented and the same input always gives the same bytes.
func SARIF(w io.Writer, r *Report, workDir string) error {
	_, err := SARIFWithin(w, r, workDir)
	return err
}

// GitHub code scanning's upload limits
// (https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit
// and .../file-too-large): a run with more than 25,000 results, or a file
// over 10 MB once gzipped, is rejected whole. Each result has one location
// (the limit is 1,000) and the catalogue is far below 25,000 rules.
const (
	sarifMaxResults = 25_000
	sarifMaxGzip    = 10 << 20
)

// SARIFWithin writes the SARIF log as SARIF does, kept within GitHub code
// scanning's upload limits, and returns how many results it left out. When
// the findings do not fit, it keeps the most severe ones (errors, then
// warnings, then notes, each in report order), keeps them in report
// order, and says in a warning notification of the run's invocation how
// many it left out and why. The summary and the exit code are not the
// formatter's business: they still count every finding.
func SARIFWithin(w io.Writer, r *Report, workDir string) (left int, err error) {
	err = writeAll(newSARIF(w, r, workDir, func(n, _ int) { left = n }), r)
	return left, err
}

// sarifWriter is the SARIF format as a Writer. A log can hold at most
// sarifMaxResults results, so it keeps only the findings that could be
// among them, the most severe first and each severity in report order,
// and writes the whole log at End: memory stays bounded however many
// findings a run has.
type sarifWriter struct {
	w       io.Writer
	r       *Report
	workDir string
	// note is told, when results are left out, how many and of how many.
	note func(left, all int)
	// kept holds, by severity, the findings that may be listed, each
	// with its place in report order.
	kept  [finding.None][]sarifKept
	nKept int
	all   int
}

type sarifKept struct {
	at int
	f  finding.Finding
}

func newSARIF(w io.Writer, r *Report, workDir string, note func(left, all int)) *sarifWriter {
	return &sarifWriter{w: w, r: r, workDir: workDir, note: note}
}

func (s *sarifWriter) Finding(f finding.Finding) error {
	sev := min(f.Severity, finding.Error)
	k := sarifKept{s.all, f}
	s.all++
	if s.nKept < sarifMaxResults {
		s.kept[sev] = append(s.kept[sev], k)
		s.nKept++
		return nil
	}
	// Full: a more severe finding takes the place of the last one kept
	// of the least severity below its own; the rest are left out.
	for low := finding.Off; low < sev; low++ {
		if n := len(s.kept[low]); n > 0 {
			s.kept[low] = s.kept[low][:n-1]
			s.kept[sev] = append(s.kept[sev], k)
			return nil
		}
	}
	return nil
}

func (s *sarifWriter) End() error {
	findings := make([]sarifKept, 0, s.nKept)
	for _, ks := range s.kept {
		findings = append(findings, ks...)
	}
	slices.SortFunc(findings, func(a, b sarifKept) int { return cmp.Compare(a.at, b.at) })
	fs := make([]finding.Finding, len(findings))
	for i, k := range findings {
		fs[i] = k.f
	}
	keep := len(fs)
	for {
		// Measured as the upload sends it, and not kept: the log is
		// written again, straight to w, once it fits.
		var size countWriter
		zw := gzip.NewWriter(&size)
		if err := writeSARIF(zw, s.r, s.workDir, kept(fs, keep), s.all); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		if size <= sarifMaxGzip || keep == 0 {
			if left := s.all - keep; left > 0 && s.note != nil {
				s.note(left, s.all)
			}
			return writeSARIF(s.w, s.r, s.workDir, kept(fs, keep), s.all)
		}
		// Shrink in proportion, with a margin for the notification.
		keep = int(float64(keep) * float64(sarifMaxGzip) / float64(size) * 0.9)
	}
}

// gzipSize is the size of b once gzipped, as the upload sends it.
func gzipSize(b []byte) int {
	var n countWriter
	zw := gzip.NewWriter(&n)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return int(n)
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

// kept picks which findings a log that holds only keep results lists: the
// most severe first, returned in report order.
func kept(fs []finding.Finding, keep int) []finding.Finding {
	if keep >= len(fs) {
		return fs
	}
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(fs[b].Severity, fs[a].Severity) })
	idx = idx[:keep]
	slices.Sort(idx)
	out := make([]finding.Finding, keep)
	for i, j := range idx {
		out[i] = fs[j]
	}
	return out
}

// writeSARIF writes the log of r with the findings given, of all that the
// run had.
func writeSARIF(w io.Writer, r *Report, workDir string, findings []finding.Finding, all int) error {
	driver := sarifDriver{
		Name:           toolName(r),
		InformationURI: r.Tool.InformationURI,
		Rules:          make([]sarifRule, 0, len(r.Rules)),
	}
	if v := r.Tool.Version; v != "" {
		driver.Version = v
		driver.SemanticVersion = semanticVersion(v)
	}
	ruleIndex := make(map[string]int, len(r.Rules))
	for _, rule := range r.Rules {
		if _, dup := ruleIndex[rule.ID]; dup {
			continue
		}
		ruleIndex[rule.ID] = len(driver.Rules)
		driver.Rules = append(driver.Rules, sarifRuleFor(rule))
	}
	// The tool comes before the results: a finding of a rule outside the
	// catalogue gets its entry first.
	for _, f := range findings {
		if _, ok := ruleIndex[f.Rule]; !ok {
			ruleIndex[f.Rule] = len(driver.Rules)
			driver.Rules = append(driver.Rules, sarifRule{ID: f.Rule})
		}
	}

	run := sarifRun{
		OriginalURIBaseIDs: map[string]sarifArtifactLocation{
			srcRoot: {Description: &sarifText{
				Text: "The directory vppvalidate ran in, normally the root of the repository.",
			}},
		},
		Results:    []sarifResult{},     // written one by one, below
		ColumnKind: "unicodeCodePoints", // finding columns count characters
	}

	artifactIndex := make(map[string]int, len(r.Files))
	for _, file := range r.Files {
		if _, dup := artifactIndex[file]; dup {
			continue
		}
		artifactIndex[file] = len(run.Artifacts)
		a := sarifArtifact{
			Location: artifactLocation(file, workDir),
			Roles:    []string{"analysisTarget"},
			MimeType: "application/json",
		}
		if file == "-" {
			a.Description = &sarifText{Text: "standard input"}
		}
		run.Artifacts = append(run.Artifacts, a)
	}

	run.Tool = sarifTool{Driver: driver}

	// An input that was not read is a failure of the run, not a result:
	// SARIF says so with a notification and executionSuccessful false.
	inv := sarifInvocation{ExecutionSuccessful: len(r.Unreadable) == 0}
	for _, u := range r.Unreadable {
		loc := artifactLocation(u.File, workDir)
		if i, ok := artifactIndex[u.File]; ok {
			loc.Index = &i
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level:     "error",
			Message:   sarifText{Text: "cannot read " + displayFile(u.File) + ": " + u.Reason},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: loc}}},
		})
	}
	if left := all - len(findings); left > 0 {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{
			Level: "warning",
			Message: sarifText{Text: fmt.Sprintf(
				"%d of %d results are left out of this log, the least severe first: GitHub code scanning rejects a run with more than %d results or a file over %d MB gzipped. The summary and the exit code count every finding; -o json lists them all.",
				left, all, sarifMaxResults, sarifMaxGzip>>20)},
		})
	}
	run.Invocations = []sarifInvocation{inv}

	log := sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetEscapeHTML(false) // messages quote JSON; keep < > & readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		return err
	}
	// The results are written into the log one at a time, indented as
	// the encoder would have, so that no tree of 25,000 of them is built.
	before, after, ok := bytes.Cut(head.Bytes(), []byte(`"results": []`))
	if !ok {
		return errors.New("the SARIF log has no results array") // cannot happen
	}
	indent := string(before[bytes.LastIndexByte(before, '\n')+1:]) + "  "
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(before)
	bw.WriteString(`"results": [`)
	var item bytes.Buffer
	itemEnc := json.NewEncoder(&item)
	itemEnc.SetEscapeHTML(false)
	itemEnc.SetIndent(indent, "  ")
	// seen tells apart findings that share rule, file and pointer (several
	// duplicates of one member, say), so that each keeps its own
	// fingerprint; the count follows the findings' fixed order.
	seen := make(map[string]int)
	for i, f := range findings {
		item.Reset()
		if err := itemEnc.Encode(sarifResultFor(f, ruleIndex[f.Rule], artifactIndex, workDir, seen)); err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n" + indent)
		bw.Write(bytes.TrimSuffix(item.Bytes(), []byte("\n")))
	}
	if len(findings) > 0 {
		bw.WriteString("\n" + indent[:len(indent)-2])
	}
	bw.WriteString("]")
	bw.Write(after)
	return bw.Flush()
}

// sarifResultFor is the result of one finding, whose rule is at ruleIdx
// in the driver's rules; seen counts the results of each identity so
// far, for their fingerprints.
func sarifResultFor(f finding.Finding, ruleIdx int, artifactIndex map[string]int, workDir string, seen map[string]int) sarifResult {
	loc := artifactLocation(f.File, workDir)
	if i, ok := artifactIndex[f.File]; ok {
		loc.Index = &i
	}
	physical := sarifPhysicalLocation{ArtifactLocation: loc}
	if f.Line >= 1 {
		physical.Region = &sarifRegion{StartLine: f.Line}
		if f.Column >= 1 {
			physical.Region.StartColumn = f.Column
		}
	}
	identity := loc.URI + "\x00" + f.Rule + "\x00" + finding.GeneralPointer(f.Pointer)
	seen[identity]++
	return sarifResult{
		RuleID:    f.Rule,
		RuleIndex: ruleIdx,
		Level:     sarifLevel(f.Severity),
		Message:   sarifText{Text: f.Message},
		Locations: []sarifLocation{{
			PhysicalLocation: physical,
			LogicalLocations: []sarifLogicalLocation{{
				Name:               pointerName(f.Pointer),
				FullyQualifiedName: f.Pointer,
				Kind:               "value", // a JSON pointer names a value
			}},
		}},
		PartialFingerprints: map[string]string{
			fingerprintKey: fingerprint(identity, seen[identity]),
		},
		Properties: sarifProperties{JSONPointer: f.Pointer},
	}
}

// toolName is the report's tool name, with a fallback so that formats
// which require a name always have one.
func toolName(r *Report) string {
	if r.Tool.Name != "" {
		return r.Tool.Name
	}
	return "vppvalidate"
}

// semanticVersion turns a Go module version such as v1.2.3 or
// v1.2.3-rc.1 into the SemVer 2.0 form SARIF asks for (no "v"), or returns
// "" when v does not start with a MAJOR.MINOR.PATCH core.
func semanticVersion(v string) string {
	v, _, _ = strings.Cut(v, " ") // "v1.2.3 (commit abc)": the version alone
	s := strings.TrimPrefix(v, "v")
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.' || r == '-' || r == '+') {
			return "" // SemVer allows nothing else
		}
	}
	core, _, _ := strings.Cut(s, "+")
	core, _, _ = strings.Cut(core, "-")
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return ""
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return ""
		}
	}
	return s
}

func sarifRuleFor(rule rules.Rule) sarifRule {
	out := sarifRule{
		ID:                   rule.ID,
		DefaultConfiguration: &sarifRuleDefaults{Level: sarifLevel(rule.Default)},
	}
	if rule.Doc != "" {
		out.ShortDescription = &sarifText{Text: rule.Doc}
	}
	if explain := rule.Explanation(); explain != "" {
		out.FullDescription = &sarifText{Text: firstParagraph(explain)}
		out.Help = &sarifText{Text: explain, Markdown: rule.Markdown()}
	} else if rule.Doc != "" {
		// fullDescription is what GitHub shows on an alert; fall back to
		// the one-liner rather than show nothing.
		out.FullDescription = &sarifText{Text: rule.Doc}
	}
	return out
}

// sarifLevel maps a severity to a SARIF level. Off has no finding, but a
// rule switched off by default would be "none".
func sarifLevel(s finding.Severity) string {
	switch {
	case s >= finding.Error:
		return "error"
	case s == finding.Warning:
		return "warning"
	case s == finding.Info:
		return "note"
	}
	return "none"
}

// artifactLocation names a finding's file as a SARIF artifact location;
// SARIF documents the rules this follows: a relative uri carries a base id,
// an absolute one does not.
func artifactLocation(file, workDir string) sarifArtifactLocation {
	if file == "-" {
		return sarifArtifactLocation{URI: stdinURI}
	}
	p := file
	if !filepath.IsAbs(p) && filepath.IsAbs(workDir) {
		p = filepath.Join(workDir, p)
	}
	if workDir != "" {
		if rel, err := filepath.Rel(workDir, p); err == nil && filepath.IsLocal(rel) {
			return sarifArtifactLocation{URI: encodeURIPath(filepath.ToSlash(rel), false), URIBaseID: srcRoot}
		}
	}
	if filepath.IsAbs(p) {
		return sarifArtifactLocation{URI: fileURI(p)}
	}
	// A relative path with no usable workDir: keep it relative, and claim
	// the source root only when the path stays inside it.
	p = filepath.Clean(p)
	loc := sarifArtifactLocation{URI: encodeURIPath(filepath.ToSlash(p), false)}
	if filepath.IsLocal(p) {
		loc.URIBaseID = srcRoot
	}
	return loc
}

// fileURI turns an absolute path into a file: uri, with an empty
// authority for local paths (file:///C:/x on Windows, file:///x
// elsewhere) and the server as authority for a UNC path.
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if strings.HasPrefix(p, "//") {
		return "file:" + encodeURIPath(p, true)
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return "file://" + encodeURIPath(p, true)
}

// encodeURIPath percent-encodes the bytes of a slash-separated path that
// may not appear in a URI path: spaces, non-ASCII (as UTF-8 bytes), "%",
// "?", "#", "[", "]", "\" and controls. Characters that are allowed stay as
// they are, because GitHub compares uris with repository paths and an
// encoded "+" or "@" would not be the same string. A colon is allowed in an
// absolute path but not in the first segment of a relative reference,
// where it would read as a scheme, so relative paths encode every colon.
func encodeURIPath(p string, absolute bool) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if uriPathByte(c) || (c == ':' && absolute) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&0xF])
	}
	return b.String()
}

// uriPathByte reports whether RFC 3986 allows c as itself in a path
// (unreserved, sub-delims, "@" and "/"); ":" is handled by the caller.
func uriPathByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=@/", c) >= 0
}

// fingerprint derives a partial fingerprint from what identifies a finding
// across runs: file, rule and pointer with its array indexes left out
// (finding.GeneralPointer: /value/*/actionState), plus its ordinal among
// findings that share them. Line numbers and indexes are left out on
// purpose, so that an edit above a finding, or an item added before it,
// does not turn it into a new alert (with indexes, one item added at the
// front renewed every alert after it); the message is left out so that
// rewording it does not either. The result is 32 hexadecimal digits.
//
// A fingerprint tells findings apart; nothing depends on it being hard to
// forge, so FNV-1a (hash/fnv) serves: linking crypto/sha256 brings in
// Go's FIPS 140 module, which made every run, SARIF or not, start about
// 0.6 ms later on the machine of bench/startup.sh.
func fingerprint(identity string, ordinal int) string {
	h := fnv.New128a()
	h.Write([]byte(identity + "\x00" + strconv.Itoa(ordinal)))
	return hex.EncodeToString(h.Sum(nil))
}

// pointerName is the last reference token of a JSON pointer, unescaped,
// as a logical location's short name; the document root has none.
func pointerName(ptr string) string {
	if ptr == "" {
		return ""
	}
	tok := ptr[strings.LastIndexByte(ptr, '/')+1:]
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
}

// firstParagraph returns the text up to the first blank line, joined into
// one line: viewers show fullDescription as a single short text.
func firstParagraph(s string) string {
	var words []string
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		if strings.TrimSpace(line) == "" {
			break
		}
		words = append(words, strings.TrimSpace(line))
	}
	return strings.Join(words, " ")
}
