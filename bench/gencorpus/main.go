// Command gencorpus writes the benchmark corpus that bench/run.sh times
// vppvalidate and its peers on.
//
//	go run ./bench/gencorpus -out DIR -files 20000 -invalid 0.10 -collection-mb 200
//
// It writes, all from a fixed seed (the same flags give the same bytes):
//
//   - DIR/files/NNNNN.json: small payloads, each a single
//     vppTokenRevokeLicensesActionResult or a Graph collection of 1 to 5 of
//     them. About the -invalid fraction carry exactly one defect each, the
//     defect kinds spread evenly; the valid ones vary in the ways real Graph
//     captures do (7-digit fractions, offsets, annotations, null actionName,
//     the Int32 maximum, and rarely lower-case t/z and a leap second). Counts
//     are never negative and never more failed than total, the timestamps
//     are in order and a failure reason goes with a failed action only, so
//     that semantic checks find nothing in a valid file either.
//   - DIR/truth.tsv: one line per file: path (relative to DIR), valid or
//     invalid, the defect kind ("-" for valid files) and a detail (the JSON
//     pointer of the defect, or the variations a valid file exercises).
//   - DIR/collection.json, when -collection-mb > 0: one valid collection of
//     about that many megabytes (10^6 bytes), streamed to disk.
//   - DIR/collection-invalid.json, with -collection-invalid: the same
//     collection with a few defects deep inside.
//   - DIR/collection.jsonl, when -lines-mb > 0: valid resources of the
//     same kind, one per line (JSON Lines), about that many megabytes.
//   - DIR/tokens.json, when -tokens-mb > 0: one valid collection of
//     vppTokens, one a line, each holding 1 to 5 tokenActionResults
//     (revoke results like the ones above, and results of the base type),
//     about that many megabytes: the values nested in a resource, which
//     vppvalidate checks as resources of their own.
//
// Every defect is an error in vppvalidate's terms (never a missing or
// unknown property, which it reports as warnings). Some of them (duplicate
// keys, invalid UTF-8, some date-time shapes) need more than a generic
// JSON Schema validator to be seen; truth.tsv records which kind each file
// has so that the report can say who misses what.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

const (
	revokeType = "#microsoft.graph.vppTokenRevokeLicensesActionResult"
	contextURL = "https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.vppTokenRevokeLicensesActionResult)"
)

var (
	actionStates   = []string{"none", "pending", "canceled", "active", "done", "failed", "notSupported"}
	failureReasons = []string{"none", "appleFailure", "internalError", "expiredVppToken", "expiredApplePushNotificationCertificate"}
)

// defectKinds are the ways an invalid file is broken, one per file, used
// round-robin so that each kind appears about as often as the others.
var defectKinds = []string{
	"enum-case",          // "Failed"
	"enum-unknown",       // "completed"
	"int32-overflow",     // 2147483648
	"int-huge",           // 99999999999999999999
	"int-fraction",       // 1.5
	"number-as-string",   // "10"
	"null-non-nullable",  // "actionState": null
	"dt-no-zone",         // 2024-05-02T07:13:02
	"dt-signed-hour",     // 2024-01-01T+1:00:00Z
	"dt-impossible-date", // 2023-02-29T10:15:30Z
	"dt-no-seconds",      // 2024-01-01T10:00Z
	"odata-type-wrong",   // #microsoft.graph.vppTokenRevokeLicenseActionResult
	"syntax-trailing-comma",
	"syntax-truncated",
	"duplicate-key", // "actionState" twice, with different (valid) values
	"invalid-utf8",
}

// member is one name/value pair of an object; raw is the value's JSON text
// exactly as it is written (it may be deliberately wrong).
type member struct{ name, raw string }

// resource is one object, members in order.
type resource struct {
	members       []member
	trailingComma bool // write a "," after the last member (a syntax defect)
}

func (r *resource) index(name string) int {
	for i, m := range r.members {
		if m.name == name {
			return i
		}
	}
	return -1
}

func (r *resource) set(name, raw string) {
	if i := r.index(name); i >= 0 {
		r.members[i].raw = raw
		return
	}
	r.members = append(r.members, member{name, raw})
}

// gen draws payload parts from one random stream.
type gen struct {
	r    *rand.Rand
	tags map[string]bool // variations used by the payload being built
}

func newGen(seed, stream uint64) *gen {
	return &gen{r: rand.New(rand.NewPCG(seed, stream)), tags: map[string]bool{}}
}

func (g *gen) pick(s []string) string { return s[g.r.IntN(len(s))] }

// chance reports true with probability p.
func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func quote(s string) string { return strconv.Quote(s) }

var (
	epoch   = time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	offsets = []struct {
		text string
		secs int64
	}{{"+05:30", 19800}, {"-08:00", -28800}, {"+01:00", 3600}, {"+00:00", 0}, {"-03:30", -12600}, {"+14:00", 50400}, {"-12:00", -43200}, {"+09:45", 35100}}
)

// fraction returns "" or "." and some digits: Graph sends seven.
func (g *gen) fraction() string {
	var n int
	switch p := g.r.IntN(100); {
	case p < 80:
		n = 7
	case p < 88:
		return ""
	case p < 94:
		n = 3
	case p < 97:
		n = 1
	default:
		n = 9 + g.r.IntN(4)
		g.tags["long-fraction"] = true
	}
	b := make([]byte, 1, n+1)
	b[0] = '.'
	for range n {
		b = append(b, byte('0'+g.r.IntN(10)))
	}
	return string(b)
}

// dateTime returns a valid DateTimeOffset (RFC 3339, with seconds and a
// zone) at unix time t.
func (g *gen) dateTime(t int64) string {
	zone, shift := "Z", int64(0)
	if g.chance(0.15) {
		o := offsets[g.r.IntN(len(offsets))]
		zone, shift = o.text, o.secs
		g.tags["offset"] = true
	}
	tm := time.Unix(t+shift, 0).UTC()
	sep := "T"
	if zone == "Z" && g.chance(0.005) {
		sep, zone = "t", "z"
		g.tags["lower-case-t-z"] = true
	}
	return fmt.Sprintf("%04d-%02d-%02d%s%02d:%02d:%02d%s%s",
		tm.Year(), tm.Month(), tm.Day(), sep, tm.Hour(), tm.Minute(), tm.Second(), g.fraction(), zone)
}

var actionNames = []string{
	`"RevokeLicenses"`, `"RevokeLicenses"`, `"RevokeLicenses"`, `"RevokeLicenses"`, `"RevokeLicenses"`,
	`"RevokeLicenses"`, `"RevokeLicenses"`, `"RevokeLicenses"`, `"Revoke licenses (bulk)"`,
	`"R\u00e9voquer les licences \ud83d\ude00"`, "\"Lizenzen widerrufen \u2713\"",
}

// resource returns a valid vppTokenRevokeLicensesActionResult.
func (g *gen) resource() *resource {
	r := &resource{}
	add := func(name, raw string) { r.members = append(r.members, member{name, raw}) }
	add("@odata.type", quote(revokeType))
	if g.chance(0.05) {
		add("@odata.etag", quote(fmt.Sprintf(`W/"JzEt%08x"`, g.r.Uint32())))
		g.tags["annotation"] = true
	}
	if g.chance(0.05) {
		add("actionName", "null")
		g.tags["null-actionName"] = true
	} else {
		n := g.pick(actionNames)
		if strings.ContainsAny(n, `\`) || !isASCII(n) {
			g.tags["unicode-actionName"] = true
		}
		add("actionName", n)
	}
	if g.chance(0.08) {
		add("actionState@odata.type", quote("#microsoft.graph.actionState"))
		g.tags["annotation"] = true
	}
	state := g.pick(actionStates)
	add("actionState", quote(state))
	// Coherent values, so that vppvalidate's semantic checks (counts not
	// negative, failed <= total, timestamps in order, a failure reason
	// only for a failed action) find nothing either.
	var startDT, lastDT string
	if g.chance(0.003) {
		g.tags["leap-second"] = true
		startDT = fmt.Sprintf("2016-12-31T23:5%d:%02d%sZ", g.r.IntN(9), g.r.IntN(60), g.fraction())
		lastDT = "2016-12-31T23:59:60" + g.fraction() + "Z"
	} else {
		start := epoch + g.r.Int64N(8*365*86400)
		startDT = g.dateTime(start)
		lastDT = g.dateTime(start + 1 + g.r.Int64N(7200))
	}
	add("startDateTime", quote(startDT))
	add("lastUpdatedDateTime", quote(lastDT))
	total := g.r.IntN(5000)
	failed := 0
	reason := "none"
	if state == "failed" {
		reason = g.pick(failureReasons[1:])
		failed = g.r.IntN(total + 1)
	}
	totalRaw, failedRaw := strconv.Itoa(total), strconv.Itoa(failed)
	if g.chance(0.02) {
		totalRaw = "2147483647"
		if state == "failed" && g.chance(0.5) {
			failedRaw = "2147483647"
		}
		g.tags["int32-extreme"] = true
	}
	add("totalLicensesCount", totalRaw)
	if g.chance(0.03) {
		add("totalLicensesCount@odata.type", quote("#Int32"))
		g.tags["annotation"] = true
	}
	add("failedLicensesCount", failedRaw)
	add("actionFailureReason", quote(reason))
	return r
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func capitalize(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// breakResource applies a defect that lives inside one resource and
// returns the name of the member it broke. Syntax-level defects
// (truncated) are applied to the written bytes instead.
func (g *gen) breakResource(r *resource, kind string) string {
	counts := []string{"totalLicensesCount", "failedLicensesCount"}
	times := []string{"startDateTime", "lastUpdatedDateTime"}
	switch kind {
	case "enum-case":
		if g.chance(0.7) {
			r.set("actionState", quote(capitalize(g.pick(actionStates))))
			return "actionState"
		}
		r.set("actionFailureReason", quote(capitalize(g.pick(failureReasons))))
		return "actionFailureReason"
	case "enum-unknown":
		if g.chance(0.7) {
			r.set("actionState", quote(g.pick([]string{"completed", "succeeded", "running", "error", "cancelled", "inProgress"})))
			return "actionState"
		}
		r.set("actionFailureReason", quote(g.pick([]string{"timeout", "appleError", "expiredToken", "unknownFutureValue"})))
		return "actionFailureReason"
	case "int32-overflow":
		p := g.pick(counts)
		r.set(p, g.pick([]string{"2147483648", "-2147483649", "4294967296"}))
		return p
	case "int-huge":
		p := g.pick(counts)
		r.set(p, g.pick([]string{"99999999999999999999", "-99999999999999999999", "123456789012345678901234567890"}))
		return p
	case "int-fraction":
		p := g.pick(counts)
		r.set(p, g.pick([]string{"1.5", "10.25", "0.5", "2147483646.5"}))
		return p
	case "number-as-string":
		p := g.pick(counts)
		r.set(p, g.pick([]string{`"10"`, `"0"`, `"1024"`}))
		return p
	case "null-non-nullable":
		p := g.pick([]string{"actionState", "startDateTime", "lastUpdatedDateTime", "totalLicensesCount", "failedLicensesCount", "actionFailureReason"})
		r.set(p, "null")
		return p
	case "dt-no-zone":
		p := g.pick(times)
		r.set(p, quote(g.pick([]string{"2024-05-02T07:13:02", "2024-05-02T07:13:02.1234567", "2019-01-23T10:15:30.000"})))
		return p
	case "dt-signed-hour":
		p := g.pick(times)
		r.set(p, quote(g.pick([]string{"2024-01-01T+1:00:00Z", "2024-01-01T-1:30:00Z", "2023-06-15T+9:00:00.1234567Z"})))
		return p
	case "dt-impossible-date":
		p := g.pick(times)
		r.set(p, quote(g.pick([]string{"2023-02-29T10:15:30Z", "2023-02-29T10:15:30.1234567Z", "2021-04-31T00:00:00Z", "2022-06-31T12:00:00+02:00"})))
		return p
	case "dt-no-seconds":
		p := g.pick(times)
		r.set(p, quote(g.pick([]string{"2024-01-01T10:00Z", "2024-01-01T10:00+05:30", "2019-01-23T10:15Z"})))
		return p
	case "odata-type-wrong":
		r.set("@odata.type", quote(g.pick([]string{
			"#microsoft.graph.vppTokenRevokeLicenseActionResult",
			"#microsoft.graph.vppTokenRevokeLicensesActionResults",
			"#microsoft.graph.vppTokenRevokeLicensesResult",
			"#microsoft.graph.user",
		})))
		return "@odata.type"
	case "syntax-trailing-comma":
		r.trailingComma = true
		return r.members[len(r.members)-1].name
	case "duplicate-key":
		i := r.index("actionState")
		first, _ := strconv.Unquote(r.members[i].raw) // a plain string this program wrote
		second := g.pick(actionStates)
		for second == first {
			second = g.pick(actionStates)
		}
		r.members = append(r.members, member{"actionState", quote(second)})
		return "actionState"
	case "invalid-utf8":
		bad := g.pick([]string{"\xff", "\xc3(", "\xed\xa0\x80", "\xe2\x82"})
		r.set("actionName", `"Revoke`+bad+`Licenses"`)
		return "actionName"
	}
	panic("unknown defect kind " + kind)
}

// writer renders objects either pretty (two-space indent) or compact.
type writer struct {
	b      *bytes.Buffer
	pretty bool
}

func (w writer) nl(depth int) {
	if w.pretty {
		w.b.WriteByte('\n')
		for range depth {
			w.b.WriteString("  ")
		}
	}
}

func (w writer) colon() {
	if w.pretty {
		w.b.WriteString(": ")
	} else {
		w.b.WriteByte(':')
	}
}

func (w writer) object(r *resource, depth int) {
	w.b.WriteByte('{')
	for i, m := range r.members {
		if i > 0 {
			w.b.WriteByte(',')
		}
		w.nl(depth + 1)
		w.b.WriteString(quote(m.name))
		w.colon()
		w.b.WriteString(m.raw)
	}
	if r.trailingComma {
		w.b.WriteByte(',')
	}
	w.nl(depth)
	w.b.WriteByte('}')
}

// collection writes {"@odata.context": ..., [annotations], "value": [...]}.
func (w writer) collection(g *gen, rs []*resource) {
	w.b.WriteByte('{')
	w.nl(1)
	w.b.WriteString(`"@odata.context"`)
	w.colon()
	w.b.WriteString(quote(contextURL))
	if g.chance(0.2) {
		w.b.WriteByte(',')
		w.nl(1)
		w.b.WriteString(`"@odata.count"`)
		w.colon()
		w.b.WriteString(strconv.Itoa(len(rs)))
		g.tags["collection-annotation"] = true
	}
	w.b.WriteByte(',')
	w.nl(1)
	w.b.WriteString(`"value"`)
	w.colon()
	w.b.WriteByte('[')
	for i, r := range rs {
		if i > 0 {
			w.b.WriteByte(',')
		}
		w.nl(2)
		w.object(r, 2)
	}
	w.nl(1)
	w.b.WriteByte(']')
	if g.chance(0.1) {
		w.b.WriteByte(',')
		w.nl(1)
		w.b.WriteString(`"@odata.nextLink"`)
		w.colon()
		w.b.WriteString(quote(fmt.Sprintf("https://graph.microsoft.com/beta/deviceAppManagement/vppTokens('%08x-0000-4000-8000-000000000000')/tokenActionResults?$skiptoken=%d", g.r.Uint32(), g.r.IntN(1e6))))
		g.tags["collection-annotation"] = true
	}
	w.nl(0)
	w.b.WriteByte('}')
}

// smallFile builds file number i. kind is "" for a valid file. It returns
// the bytes and the truth detail (a pointer, or the valid variations).
func smallFile(g *gen, kind string) ([]byte, string) {
	clear(g.tags)
	w := writer{b: &bytes.Buffer{}, pretty: g.chance(0.7)}
	isCollection := g.chance(0.5)
	var rs []*resource
	n := 1
	if isCollection {
		n = 1 + g.r.IntN(5)
	}
	for range n {
		rs = append(rs, g.resource())
	}
	detail := ""
	if kind != "" && kind != "syntax-truncated" {
		at := g.r.IntN(n)
		name := g.breakResource(rs[at], kind)
		detail = "/" + escapePointer(name)
		if isCollection {
			detail = fmt.Sprintf("/value/%d%s", at, detail)
		}
	}
	if isCollection {
		w.collection(g, rs)
		g.tags["collection"] = true
	} else {
		w.object(rs[0], 0)
	}
	w.b.WriteByte('\n')
	out := w.b.Bytes()
	if kind == "syntax-truncated" {
		last := bytes.LastIndexByte(out, '}')
		cut := len(out)/3 + g.r.IntN(last-len(out)/3)
		out = out[:cut]
		detail = fmt.Sprintf("cut at byte %d of %d", cut, w.b.Len())
	}
	if kind == "" {
		if !w.pretty {
			g.tags["compact"] = true
		}
		keys := make([]string, 0, len(g.tags))
		for k := range g.tags {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		detail = strings.Join(keys, ",")
		if detail == "" {
			detail = "plain"
		}
	}
	return out, detail
}

func escapePointer(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// writeCollections streams one big valid collection to validPath and, when
// invalidPath is not empty, the same collection with a few defects deep
// inside to invalidPath. It returns the resource count and the defects.
func writeCollections(seed uint64, megabytes float64, validPath, invalidPath string) (int, []string, error) {
	target := int64(megabytes * 1e6)
	open := func(p string) (*os.File, *bufio.Writer, error) {
		f, err := os.Create(p)
		if err != nil {
			return nil, nil, err
		}
		return f, bufio.NewWriterSize(f, 1<<20), nil
	}
	vf, vw, err := open(validPath)
	if err != nil {
		return 0, nil, err
	}
	defer vf.Close()
	var iff *os.File
	var iw *bufio.Writer
	if invalidPath != "" {
		if iff, iw, err = open(invalidPath); err != nil {
			return 0, nil, err
		}
		defer iff.Close()
	}
	both := func(s string) {
		vw.WriteString(s)
		if iw != nil {
			iw.WriteString(s)
		}
	}
	head := "{\"@odata.context\":" + quote(contextURL) + ",\"value\":[\n"
	tail := "\n]}\n"
	both(head)
	written := int64(len(head) + len(tail))

	g := newGen(seed, 2)
	bad := newGen(seed, 3)
	// The defects of the invalid copy, at these fractions of the size.
	plan := []struct {
		at   float64
		kind string
	}{{0.35, "enum-case"}, {0.70, "int32-overflow"}, {0.97, "duplicate-key"}}
	var defects []string
	var buf, badBuf bytes.Buffer
	n := 0
	for written < target || n == 0 {
		r := g.resource()
		buf.Reset()
		if n > 0 {
			buf.WriteString(",\n")
		}
		writer{b: &buf}.object(r, 0)
		vw.Write(buf.Bytes())
		if iw != nil {
			if len(defects) < len(plan) && float64(written) >= plan[len(defects)].at*float64(target) {
				kind := plan[len(defects)].kind
				name := bad.breakResource(r, kind)
				defects = append(defects, fmt.Sprintf("%s@/value/%d/%s", kind, n, escapePointer(name)))
				badBuf.Reset()
				if n > 0 {
					badBuf.WriteString(",\n")
				}
				writer{b: &badBuf}.object(r, 0)
				iw.Write(badBuf.Bytes())
			} else {
				iw.Write(buf.Bytes())
			}
		}
		written += int64(buf.Len())
		n++
	}
	both(tail)
	if err := vw.Flush(); err != nil {
		return 0, nil, err
	}
	if iw != nil {
		if err := iw.Flush(); err != nil {
			return 0, nil, err
		}
		if err := iff.Close(); err != nil {
			return 0, nil, err
		}
	}
	return n, defects, vf.Close()
}

func main() {
	out := flag.String("out", "", "directory to write the corpus to (created; files/ inside it is replaced)")
	files := flag.Int("files", 20000, "number of small payload files")
	invalid := flag.Float64("invalid", 0.10, "fraction of the small files that are invalid")
	collectionMB := flag.Float64("collection-mb", 200, "size of collection.json in MB (10^6 bytes); 0 writes none")
	collectionInvalid := flag.Bool("collection-invalid", true, "also write collection-invalid.json (with -collection-mb > 0)")
	linesMB := flag.Float64("lines-mb", 0, "size of collection.jsonl in MB (10^6 bytes), one resource per line; 0 writes none")
	tokensMB := flag.Float64("tokens-mb", 0, "size of tokens.json in MB (10^6 bytes), a collection of vppTokens; 0 writes none")
	seed := flag.Uint64("seed", 20240501, "random seed; the same flags give the same corpus")
	flag.Parse()
	if *out == "" || *files < 0 || *invalid < 0 || *invalid > 1 || *collectionMB < 0 || *linesMB < 0 || *tokensMB < 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -out DIR [-files N] [-invalid FRACTION] [-collection-mb MB] [-collection-invalid=false] [-lines-mb MB] [-tokens-mb MB] [-seed N]")
		os.Exit(2)
	}
	if err := run(*out, *files, *invalid, *collectionMB, *collectionInvalid, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	if err := writeLines(*seed, *linesMB, filepath.Join(*out, "collection.jsonl")); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	if err := writeTokens(*seed, *tokensMB, filepath.Join(*out, "tokens.json")); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func run(out string, files int, invalid, collectionMB float64, collectionInvalid bool, seed uint64) error {
	dir := filepath.Join(out, "files")
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, p := range []string{"collection.json", "collection-invalid.json"} {
		if err := os.Remove(filepath.Join(out, p)); err != nil && !os.IsNotExist(err) {
			return err
		}
	}

	// Which files are invalid, and how: a fixed permutation, kinds dealt
	// round-robin so that they come out even.
	g := newGen(seed, 1)
	kinds := make([]string, files)
	nInvalid := int(float64(files)*invalid + 0.5)
	for i, f := range g.r.Perm(files)[:nInvalid] {
		kinds[f] = defectKinds[i%len(defectKinds)]
	}

	width := max(5, len(strconv.Itoa(files-1)))
	var truth bytes.Buffer
	truth.WriteString("file\tverdict\tkind\tdetail\n")
	perKind := map[string]int{}
	for i := range files {
		name := fmt.Sprintf("files/%0*d.json", width, i)
		data, detail := smallFile(g, kinds[i])
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			return err
		}
		verdict, kind := "valid", "-"
		if kinds[i] != "" {
			verdict, kind = "invalid", kinds[i]
			perKind[kind]++
		}
		fmt.Fprintf(&truth, "%s\t%s\t%s\t%s\n", name, verdict, kind, detail)
	}

	if collectionMB > 0 {
		invalidPath := ""
		if collectionInvalid {
			invalidPath = filepath.Join(out, "collection-invalid.json")
		}
		n, defects, err := writeCollections(seed, collectionMB, filepath.Join(out, "collection.json"), invalidPath)
		if err != nil {
			return err
		}
		fmt.Fprintf(&truth, "collection.json\tvalid\t-\t%d resources\n", n)
		if collectionInvalid {
			fmt.Fprintf(&truth, "collection-invalid.json\tinvalid\t%s\t%d resources; %s\n",
				strings.Join(kindsOf(defects), "+"), n, strings.Join(defects, " "))
		}
		fmt.Fprintf(os.Stderr, "gencorpus: collection.json: %d resources\n", n)
	}
	if err := os.WriteFile(filepath.Join(out, "truth.tsv"), truth.Bytes(), 0o644); err != nil {
		return err
	}
	ks := make([]string, 0, len(perKind))
	for k, c := range perKind {
		ks = append(ks, fmt.Sprintf("%s=%d", k, c))
	}
	slices.Sort(ks)
	fmt.Fprintf(os.Stderr, "gencorpus: %d files in %s, %d invalid (%s)\n", files, dir, nInvalid, strings.Join(ks, " "))
	return nil
}

// writeLines streams valid resources, one per line, to path until it
// holds about megabytes MB; with 0 it removes any such file instead.
func writeLines(seed uint64, megabytes float64, path string) error {
	g := newGen(seed, 4)
	n, err := stream(path, megabytes, "", "", "", func(b *bytes.Buffer) {
		writer{b: b}.object(g.resource(), 0)
		b.WriteByte('\n')
	})
	if err == nil && n > 0 {
		fmt.Fprintf(os.Stderr, "gencorpus: collection.jsonl: %d resources\n", n)
	}
	return err
}

// stream writes head, items from next (each after the first preceded by
// sep) until the file holds about megabytes MB, and tail to path, through
// a buffer; with 0 megabytes it removes any such file instead. It returns
// how many items it wrote.
func stream(path string, megabytes float64, head, sep, tail string, next func(b *bytes.Buffer)) (int, error) {
	if megabytes == 0 {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return 0, err
		}
		return 0, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(head)
	var buf bytes.Buffer
	n, target := 0, int64(megabytes*1e6)
	for written := int64(len(head)); n == 0 || written < target; n++ {
		buf.Reset()
		if n > 0 {
			buf.WriteString(sep)
		}
		next(&buf)
		w.Write(buf.Bytes())
		written += int64(buf.Len())
	}
	w.WriteString(tail)
	if err := w.Flush(); err != nil {
		f.Close()
		return n, err
	}
	return n, f.Close()
}

func kindsOf(defects []string) []string {
	var ks []string
	for _, d := range defects {
		ks = append(ks, d[:strings.IndexByte(d, '@')])
	}
	return ks
}

// token draws a vppToken holding 1 to 5 results: most of them revoke
// results (resource), the others of the base type, whose members are the
// base type's only. Its values are coherent, as a resource's are.
func (g *gen) token() *resource {
	r := &resource{}
	add := func(name, raw string) { r.members = append(r.members, member{name, raw}) }
	id := fmt.Sprintf("%08x-%04x-4000-8000-%012x", g.r.Uint32(), g.r.IntN(1<<16), g.r.Uint64()>>16)
	add("id", quote(id))
	org := g.pick([]string{"Contoso Schools", "Fabrikam", "Northwind Traders", "Woodgrove Bank", "Lycée Jean Moulin"})
	add("organizationName", quote(org))
	add("vppTokenAccountType", quote(g.pick([]string{"business", "education"})))
	add("appleId", quote(fmt.Sprintf("vpp%d@%s.example", g.r.IntN(100), strings.ToLower(strings.Fields(org)[0]))))
	synced := epoch + g.r.Int64N(8*365*86400)
	add("expirationDateTime", quote(g.dateTime(synced+365*86400)))
	add("lastSyncDateTime", quote(g.dateTime(synced)))
	add("token", "null")
	add("lastModifiedDateTime", quote(g.dateTime(synced-g.r.Int64N(86400))))
	add("state", quote(g.pick([]string{"valid", "valid", "valid", "expired", "invalid", "assignedToExternalMDM"})))
	add("lastSyncStatus", quote(g.pick([]string{"none", "inProgress", "completed", "failed"})))
	add("automaticallyUpdateApps", strconv.FormatBool(g.chance(0.5)))
	add("countryOrRegion", quote(g.pick([]string{"us", "gb", "fr", "de", "jp"})))
	add("dataSharingConsentGranted", strconv.FormatBool(g.chance(0.8)))
	add("displayName", quote(org+" VPP"))
	add("locationName", quote(g.pick([]string{"Main campus", "North office", "District office"})))
	add("claimTokenManagementFromExternalMdm", "false")
	add("roleScopeTagIds", `["0"]`)
	add("appleDeviceAppDeliveryProtocolType", quote(g.pick([]string{"mobileDeviceManagement", "default"})))
	var results bytes.Buffer
	results.WriteByte('[')
	for i := range 1 + g.r.IntN(5) {
		if i > 0 {
			results.WriteByte(',')
		}
		res := g.resource()
		if g.chance(0.3) { // a result of the base type: no @odata.type, its four members
			base := &resource{}
			for _, m := range res.members {
				switch m.name {
				case "actionName", "actionState", "startDateTime", "lastUpdatedDateTime":
					base.members = append(base.members, m)
				}
			}
			res = base
		}
		writer{b: &results}.object(res, 0)
	}
	results.WriteByte(']')
	add("tokenActionResults", results.String())
	return r
}

// writeTokens streams a collection of vppTokens (token) to path until it
// holds about megabytes MB, one token a line; with 0 it removes any such
// file instead.
func writeTokens(seed uint64, megabytes float64, path string) error {
	g := newGen(seed, 5)
	n, err := stream(path, megabytes, "{\"@odata.context\":\"https://graph.microsoft.com/beta/$metadata#deviceAppManagement/vppTokens\",\"value\":[\n", ",\n", "\n]}\n",
		func(b *bytes.Buffer) { writer{b: b}.object(g.token(), 0) })
	if err == nil && n > 0 {
		fmt.Fprintf(os.Stderr, "gencorpus: tokens.json: %d vppTokens\n", n)
	}
	return err
}
