package validate_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vppvalidate/vppvalidate/internal/input"
	"github.com/vppvalidate/vppvalidate/internal/validate"
)

// grow is how many characters the inflations below add to a value: far
// more than any message holds once its quoted values are clipped.
const grow = 5000

// messageBound is the longest message a finding may have: its own words,
// lists of the model's names, and a few values clipped to
// finding.ClipLength. An unclipped value of grow characters passes it.
const messageBound = 1200

// TestMessagesClipInputText inflates, one way at a time, the values and
// names of every fixture, valid and invalid, and holds every message of
// every finding the result gives to messageBound: whichever rule reports,
// from the schema, a lint check, the payload's shape or the reader, text
// taken from the input is clipped (finding.Clip), as the README promises.
// Numbers and date-times are inflated without changing what they mean
// (the same number with thousands of zeros, the same instant with a
// longer fraction), so that the lint rules still report about them; the
// other strings and the member names are lengthened, which changes what
// they mean but still gives the findings that quote them.
func TestMessagesClipInputText(t *testing.T) {
	type doc struct {
		name, src    string
		lines, sniff bool
	}
	var docs []doc
	for _, path := range append(fixtures(t, "invalid"), fixtures(t, "valid")...) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc{filepath.Base(path), string(src), input.IsLines(path), false})
	}
	for _, path := range recordingFiles(t, 5) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc{filepath.Base(path), string(src), false, true})
	}
	// Mistakes no fixture makes: a syntax error after a member name, and
	// a recorded body in a compression vppvalidate cannot undo (long from
	// the start: lengthening every string would also change the names
	// of the HAR's headers).
	for name, src := range map[string]string{
		"colon.json":   `[{"actionName" "x"}]`,
		"eof.json":     `[{"actionName"`,
		"comma.json":   `[{"actionName": "x" "y"}]`,
		"encoding.har": `{"log": {"entries": [{"request": {"method": "GET", "url": "https://graph.microsoft.com/beta/deviceAppManagement/vppTokens"}, "response": {"status": 200, "headers": [{"name": "Content-Encoding", "value": "br` + strings.Repeat("x", grow) + `"}], "content": {"mimeType": "application/json", "encoding": "base64", "text": "G6sAAA=="}}}]}}`,
	} {
		docs = append(docs, doc{name, src, false, true})
	}
	ways := map[string]func(tok string, name bool) string{
		"numbers":    func(tok string, name bool) string { return longNumber(tok) },
		"date-times": func(tok string, name bool) string { return longDateTime(tok, name) },
		"strings": func(tok string, name bool) string {
			if name || dateTimeLike.MatchString(tok) {
				return tok
			}
			return tok[:len(tok)-1] + strings.Repeat("x", grow) + `"`
		},
		"names": func(tok string, name bool) string {
			if !name {
				return tok
			}
			return tok[:len(tok)-1] + strings.Repeat("x", grow) + `"`
		},
	}
	seen := make(map[string]map[string]bool) // rules seen, by way
	long := make(map[string]bool)            // by input, way and rule
	for way, inflate := range ways {
		seen[way] = make(map[string]bool)
		for _, d := range docs {
			v, err := validate.New(validate.Options{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := v.Check(validate.Input{Name: d.name, Reader: strings.NewReader(inflateJSON(d.src, inflate)), Lines: d.lines, Sniff: d.sniff})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range res.Findings {
				if n := utf8.RuneCountInString(f.Message); n > messageBound && !long[d.name+" "+way+" "+f.Rule] {
					long[d.name+" "+way+" "+f.Rule] = true // once is enough
					t.Errorf("%s, %s inflated: a %d-character %s message: %.300s…", d.name, way, n, f.Rule, f.Message)
				}
				seen[way][f.Rule] = true
			}
		}
	}
	// The inflations must reach the rules that quote values, or the
	// test proves nothing about them.
	for way, want := range map[string][]string{
		"numbers":    {"int32-notation", "int32-range", "negative-count", "type"},
		"date-times": {"date-time", "dotnet-date-time", "time-order", "unset-timestamp"},
		"strings":    {"enum", "odata-type", "odata-context", "graph-error"},
		"names":      {"unknown-property", "duplicate-key", "syntax"},
	} {
		for _, rule := range want {
			if !seen[way][rule] {
				t.Errorf("with %s inflated, no fixture gave a %s finding", way, rule)
			}
		}
	}
}

// dateTimeLike matches a JSON string that begins as a date-time does.
var dateTimeLike = regexp.MustCompile(`^"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}`)

// longNumber writes a JSON number token as the same number with grow
// zeros after the point: D (its digits) as 0.000…D times the power of ten
// that makes up for them. Any other token is kept.
func longNumber(tok string) string {
	m := regexp.MustCompile(`^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$`).FindStringSubmatch(tok)
	if m == nil {
		return tok
	}
	exp := 0
	if m[4] != "" {
		exp, _ = strconv.Atoi(m[4])
	}
	return m[1] + "0." + strings.Repeat("0", grow) + m[2] + m[3] + "e" + strconv.Itoa(exp+len(m[2])+grow)
}

// longDateTime gives a string value that begins as a date-time grow more
// zeros at the end of its fraction, the same instant written longer.
func longDateTime(tok string, name bool) string {
	if name || !dateTimeLike.MatchString(tok) {
		return tok
	}
	i := len(`"2019-01-23T10:15:30`)
	zeros := strings.Repeat("0", grow)
	if tok[i] != '.' {
		return tok[:i] + "." + zeros + tok[i:]
	}
	j := i + 1
	for j < len(tok) && tok[j] >= '0' && tok[j] <= '9' {
		j++
	}
	return tok[:j] + zeros + tok[j:]
}

// inflateJSON rewrites the strings and numbers of JSON text through
// inflate, telling it whether a string is a member name; the rest of the
// text, well-formed or not, is kept as it is.
func inflateJSON(src string, inflate func(tok string, name bool) string) string {
	var out strings.Builder
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '"':
			j := i + 1
			for j < len(src) && src[j] != '"' && src[j] != '\n' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(src) || src[j] != '"' {
				out.WriteString(src[i:])
				return out.String()
			}
			tok := src[i : j+1]
			rest := strings.TrimLeft(src[j+1:], " \t\r\n")
			out.WriteString(inflate(tok, strings.HasPrefix(rest, ":")))
			i = j + 1
		case c == '-' || c >= '0' && c <= '9':
			j := i + 1
			for j < len(src) && strings.IndexByte("0123456789.eE+-", src[j]) >= 0 {
				j++
			}
			out.WriteString(inflate(src[i:j], false))
			i = j
		default:
			out.WriteByte(c)
			i++
		}
	}
	return out.String()
}
