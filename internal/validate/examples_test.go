package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// TestRuleExamplesHold runs every rule's Bad and Good examples, as
// --explain and the README print them: each Bad example must get a
// finding of its rule and each Good one none. An example of members only
// ("actionState": "failed") is checked inside a whole resource that has
// them: a revoke result, or a vppToken for members only a token has.
func TestRuleExamplesHold(t *testing.T) {
	// Rules whose examples are not payloads: a generated file, and HAR
	// entries (the recording tests hold those).
	notPayloads := []string{rules.FindingLimit, rules.IncompleteRecording}
	v, err := New(Options{MaxFindings: -1})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rules.All() {
		if slices.Contains(notPayloads, r.ID) {
			continue
		}
		bad, good := examples(r.Explanation())
		if len(bad) == 0 || len(good) == 0 {
			t.Errorf("%s: no Bad or no Good example found", r.ID)
		}
		for _, c := range []struct {
			want  bool
			lines []string
		}{{true, bad}, {false, good}} {
			for _, ex := range c.lines {
				doc, err := exampleDocument(ex)
				if err == nil && !json.Valid(doc) && !(r.ID == rules.Syntax && c.want) {
					err = errors.New("not JSON, so nothing but syntax can be said of it")
				}
				if err != nil {
					t.Errorf("%s: example %s: %v", r.ID, ex, err)
					continue
				}
				var got []string
				fired := false
				for _, f := range v.Validate("example.json", doc, rules.Severities{}).Findings {
					got = append(got, f.Rule+": "+f.Message)
					fired = fired || f.Rule == r.ID
				}
				if fired != c.want {
					t.Errorf("%s: example %s\nchecked as %s\nfired %v, want %v; findings:\n%s", r.ID, ex, doc, fired, c.want, strings.Join(got, "\n"))
				}
			}
		}
	}
}

// examples returns the example lines of an explanation: those indented
// under its "Bad...:" and "Good:" lines, a line indented further being
// part of the one before it.
func examples(explain string) (bad, good []string) {
	var into *[]string
	for line := range strings.SplitSeq(explain, "\n") {
		switch {
		case strings.HasPrefix(line, "Bad") && strings.HasSuffix(line, ":"):
			into = &bad
		case line == "Good:":
			into = &good
		case into != nil && strings.HasPrefix(line, "     ") && len(*into) > 0:
			(*into)[len(*into)-1] += " " + strings.TrimSpace(line)
		case into != nil && strings.HasPrefix(line, "    "):
			*into = append(*into, strings.TrimSpace(line))
		default:
			into = nil
		}
	}
	return bad, good
}

// exampleDocument is the document an example stands for: the example
// itself when it is one, else its members in place of the same members
// of a whole resource.
func exampleDocument(ex string) ([]byte, error) {
	if !strings.HasPrefix(ex, `"`) {
		return []byte(ex), nil
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal([]byte("{"+ex+"}"), &members); err != nil {
		return nil, err
	}
	base := resourceJSON
	for name := range members {
		if !strings.HasPrefix(name, "@") && !strings.Contains(resourceJSON, `"`+name+`":`) {
			base = tokenJSON
		}
	}
	var order []string
	dec := json.NewDecoder(strings.NewReader(base))
	var whole map[string]json.RawMessage
	if err := json.Unmarshal([]byte(base), &whole); err != nil {
		return nil, err
	}
	dec.Token() // {
	for dec.More() {
		name, _ := dec.Token()
		order = append(order, name.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	b.WriteString("{" + ex)
	for _, name := range order {
		if _, ok := members[name]; !ok {
			b.WriteString(", " + strconvQuote(name) + ": " + string(whole[name]))
		}
	}
	b.WriteString("}")
	return b.Bytes(), nil
}

func strconvQuote(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}
