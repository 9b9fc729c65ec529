package validate

import (
	"bytes"
	"cmp"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/vppvalidate/vppvalidate/internal/input"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/payload"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// TestEveryTypeHasAFastPath also checks that the fast check of a type
// knows exactly the properties the model gives it (and annotations whose
// values the schema constrains): check tells unknown properties by the
// fast check's names, and lint by the model's.
func TestEveryTypeHasAFastPath(t *testing.T) {
	for _, version := range model.Versions() {
		s, _ := LoadSchemas(version)
		for _, typ := range s.Types() {
			ft, err := s.compileFast(typ.Name)
			if err != nil {
				t.Errorf("%s %s: %v", version, typ.Name, err)
				continue
			}
			for name := range ft.props {
				if !typ.documents(name) && !payload.IsAnnotation(name) { // @odata.type's value is checked
					t.Errorf("%s %s: the schema declares %s, the model does not", version, typ.Name, name)
				}
			}
			for _, p := range typ.Model.Properties {
				if ft.props[p.Name] == nil {
					t.Errorf("%s %s: the model has %s, the schema does not declare it", version, typ.Name, p.Name)
				}
			}
		}
	}
}

// fastAgrees checks one value against every type: whenever the fast path
// says valid, jsonschema/v5 must say valid too; and whenever it judges
// the value for certain (what is missing, which keywords its members'
// values fail), v5 must say exactly that: the same properties missing,
// the same keywords failing at the same places, in the same order. It
// returns how many types the fast path accepted the value for, and for
// how many it named what is wrong.
func fastAgrees(t *testing.T, s *Schemas, v *jsonpos.Value, what string) (accepted, explained int) {
	t.Helper()
	for _, typ := range s.types {
		if typ.fastCheck() == nil {
			continue
		}
		var fails []failure
		missing, sure := typ.fast.treeVerdict(v, &fails)
		if !sure {
			continue
		}
		sch, err := typ.Schema()
		if err != nil {
			t.Fatal(err)
		}
		err = sch.Validate(jsonpos.ToAnyWith(v, schemaNumber))
		if missing == nil && fails == nil {
			accepted++
			if err != nil {
				t.Fatalf("the fast path calls %s a valid %s, v5 does not: %v", what, typ.Name, err)
			}
			continue
		}
		explained++
		if err == nil {
			t.Fatalf("the fast path finds %s not a valid %s (missing %q, failing %v), v5 calls it valid", what, typ.Name, missing, fails)
		}
		var fast []string
		for _, p := range missing {
			fast = append(fast, "missing "+p)
		}
		for _, f := range fails {
			for k, a := range f.p.asserts {
				if f.failed&(1<<k) != 0 {
					fast = append(fast, "/"+jsonpos.EscapeToken(v.Members[f.member].Name)+" "+a.at+" "+a.loc)
				}
			}
		}
		if got := v5Leaves(t, s, typ, v, err); !slices.Equal(got, fast) {
			t.Fatalf("%s as a %s:\nthe fast path says %q,\nv5 says            %q", what, typ.Name, fast, got)
		}
	}
	return accepted, explained
}

// v5Leaves lists what v5's errors say, in the order schemaErrors reports
// them: each absent property that a required error names (each once), and
// the instance and keyword locations of every other error.
func v5Leaves(t *testing.T, s *Schemas, typ *Type, v *jsonpos.Value, err error) []string {
	t.Helper()
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("v5 did not fail with a ValidationError: %v", err)
	}
	var leaves []*jsonschema.ValidationError
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			leaves = append(leaves, e)
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	offset := func(e *jsonschema.ValidationError) int64 {
		if at, _, ok := jsonpos.Resolve(v, instanceTokens(e.InstanceLocation)); ok {
			return at.Pos.Offset
		}
		return v.Pos.Offset
	}
	slices.SortStableFunc(leaves, func(a, b *jsonschema.ValidationError) int {
		return cmp.Or(cmp.Compare(offset(a), offset(b)), strings.Compare(a.KeywordLocation, b.KeywordLocation))
	})
	var out, missing []string
	for _, e := range leaves {
		tokens := instanceTokens(e.InstanceLocation)
		if kw := e.KeywordLocation[strings.LastIndexByte(e.KeywordLocation, '/')+1:]; (kw == "unevaluatedProperties" || kw == "additionalProperties") && len(tokens) == 1 && typ.documents(tokens[0]) {
			continue // JSON Schema's side effect of the failing subschema, which schemaErrors drops too
		}
		if strings.HasSuffix(e.KeywordLocation, "/pattern") && s.keyword(sibling(e.AbsoluteKeywordLocation, "format")) == "date-time" {
			continue // the date-time format beside it has failed too, and is what valueFinding reports
		}
		if !strings.HasSuffix(e.KeywordLocation, "/required") || e.InstanceLocation != "" {
			out = append(out, e.InstanceLocation+" "+e.KeywordLocation+" "+e.AbsoluteKeywordLocation)
			continue
		}
		required, _ := s.keyword(e.AbsoluteKeywordLocation).([]any)
		for _, name := range required {
			if name, _ := name.(string); v.Member(name) == nil && !slices.Contains(missing, name) {
				missing = append(missing, name)
				out = append(out, "missing "+name)
			}
		}
	}
	return out
}

// mutate returns a copy of src with one random change of the kind real
// mistakes make: a value replaced by another kind of value or a near miss,
// a member dropped, renamed or repeated.
func mutate(rng *rand.Rand, src string) string {
	m, start, end, ok := pickMember(rng, src)
	if !ok {
		return src
	}
	replacements := []string{`null`, `true`, `0`, `-1`, `-0`, `1.0`, `1.5`, `1e3`, `"12"`, `"DONE"`, `"notsupported"`,
		`1e-400`, `1e400`, `2.5e9`, `2147483647.0`, `2147483648.0`, `-2147483648.5`, `1E+2`, `1e99999999999`, `-1.5e-99999999999`, `123456789012345678901234567890`, `2147483648`, `-2147483649`, `99999999999999999999`,
		`"x"`, `""`, `"Done"`, `"none"`, `"failed"`, `"2019-01-23T10:15:30Z"`, `"2019-01-23T10:15:30"`, `"2024-01-01T+1:00:00Z"`,
		`"2019-02-29T10:15:30Z"`, `"1998-12-31T23:59:60Z"`, `"1998-12-31T22:59:60Z"`, `[]`, `["a"]`, `[1]`, `{}`,
		`"#microsoft.graph.vppToken"`, `"microsoft.graph.vppTokenActionResult"`, `"#microsoft.graph.vppTokenRevokeLicensesActionResult"`}
	switch rng.IntN(4) {
	case 0: // drop the member
		return src[:m.NamePos.Offset] + `"x@y": 0` + src[end:]
	case 1: // repeat it with another value
		return src[:end] + `, "` + m.Name + `": ` + replacements[rng.IntN(len(replacements))] + src[end:]
	default: // replace the value
		return src[:start] + replacements[rng.IntN(len(replacements))] + src[end:]
	}
}

// pickMember picks a member of the object held in src at random and
// returns it with where its value starts and ends; ok is false when src is
// not an object with members.
func pickMember(rng *rand.Rand, src string) (m jsonpos.Member, start, end int64, ok bool) {
	doc, err := jsonpos.Parse([]byte(src), jsonpos.Options{})
	if err != nil || doc.Root.Kind != jsonpos.Object || len(doc.Root.Members) == 0 {
		return m, 0, 0, false
	}
	m = doc.Root.Members[rng.IntN(len(doc.Root.Members))]
	return m, m.Value.Pos.Offset, valueEnd(src, m.Value), true
}

// valueEnd finds where a value read from src ends.
func valueEnd(src string, v *jsonpos.Value) int64 {
	d := jsonpos.NewDecoder(strings.NewReader(src[v.Pos.Offset:]), jsonpos.Options{})
	if _, err := d.ReadValue(); err != nil {
		return v.Pos.Offset
	}
	return v.Pos.Offset + d.Offset()
}

// TestFastPathNeverAcceptsWhatV5Rejects is the differential test: the
// resources of every fixture, and thousands of mutations of them, against
// every type.
func TestFastPathNeverAcceptsWhatV5Rejects(t *testing.T) {
	s, _ := LoadSchemas(model.DefaultVersion)
	var resources []string
	for _, dir := range []string{"valid", "invalid"} {
		for _, ext := range input.Extensions {
			files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*"+ext))
			for _, p := range files {
				b, _ := os.ReadFile(p)
				collect(b, &resources)
			}
		}
	}
	if len(resources) < 20 {
		t.Fatalf("only %d resources in the fixtures", len(resources))
	}
	rng := rand.New(rand.NewPCG(7, 11))
	accepted, explained, total := 0, 0, 0
	for _, src := range resources {
		for i := 0; i < 80; i++ {
			cur := src // the original, then one, two or three changes
			for k := 0; k < i%4; k++ {
				cur = mutate(rng, cur)
			}
			doc, err := jsonpos.Parse([]byte(cur), jsonpos.Options{})
			if err == nil {
				a, e := fastAgrees(t, s, doc.Root, cur)
				accepted += a
				explained += e
				total++
			}
		}
	}
	// The test is only worth something if the fast path accepts often.
	if accepted < total/20 || explained < total/50 {
		t.Errorf("the fast path accepted %d of %d values, and named what is wrong with %d", accepted, total, explained)
	}
	t.Logf("%d values, %d accepted by the fast path for some type, %d judged with findings", total, accepted, explained)
}

// seedResources adds every resource of the JSON fixtures in the given
// folders of testdata as a seed.
func seedResources(f *testing.F, dirs ...string) {
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*.json"))
		for _, p := range files {
			b, _ := os.ReadFile(p)
			var rs []string
			collect(b, &rs)
			for _, r := range rs {
				f.Add([]byte(r))
			}
		}
	}
}

// collect adds the text of every object in a document that looks like a
// resource (arrays and collections are opened).
func collect(b []byte, out *[]string) {
	doc, err := jsonpos.Parse(b, jsonpos.Options{})
	if err != nil {
		return
	}
	eachObject(doc.Root, func(v *jsonpos.Value) {
		*out = append(*out, string(b[v.Pos.Offset:valueEnd(string(b), v)]))
	})
}

// eachObject calls fn for every object in v, outermost first.
func eachObject(v *jsonpos.Value, fn func(*jsonpos.Value)) {
	switch v.Kind {
	case jsonpos.Object:
		fn(v)
		for _, m := range v.Members {
			eachObject(m.Value, fn)
		}
	case jsonpos.Array:
		for _, it := range v.Items {
			eachObject(it, fn)
		}
	}
}

// TestValidFixturesTakeTheFastPath: every resource of a valid fixture is
// proved valid without v5, so the fast path is what runs in practice.
func TestValidFixturesTakeTheFastPath(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "valid", "*.json"))
	n := 0
	for _, p := range files {
		b, _ := os.ReadFile(p)
		s, _ := LoadSchemas(model.DefaultVersion)
		if doc, err := jsonpos.Parse(b, jsonpos.Options{}); err == nil && doc.Root.Get("@odata.context") != nil {
			ctx := model.ParseContext(doc.Root.Get("@odata.context").Text, model.DefaultVersion)
			if ctx.Select != nil {
				continue // a $select capture lacks properties on purpose
			}
			s, _ = LoadSchemas(ctx.Version)
		}
		var rs []string
		collect(b, &rs)
		for _, r := range rs {
			doc, _ := jsonpos.Parse([]byte(r), jsonpos.Options{})
			if doc.Root.Kind != jsonpos.Object || doc.Root.Get("value") != nil && doc.Root.Get("@odata.type") == nil {
				continue // a wrapper, not a resource
			}
			typ, _ := s.infer(names(treeView{doc.Root}), nil)
			if od := doc.Root.Get("@odata.type"); od != nil {
				typ = s.Type(od.Text)
			}
			n++
			if typ.fastCheck() == nil || !typ.fast.validTree(doc.Root) {
				t.Errorf("%s: the fast path is not sure about a valid %s:\n%s", p, typ.Name, r)
			}
		}
	}
	if n < 10 {
		t.Fatalf("only %d resources checked", n)
	}
}

// TestSameFindingsWithoutFastPath compares whole runs, fast path on and
// off, on every fixture.
func TestSameFindingsWithoutFastPath(t *testing.T) {
	fast, _ := New(Options{})
	slow, _ := New(Options{})
	slow.slow = true
	for _, dir := range []string{"valid", "invalid"} {
		var files []string
		for _, ext := range input.Extensions {
			m, _ := filepath.Glob(filepath.Join("..", "..", "testdata", dir, "*"+ext))
			files = append(files, m...)
		}
		for _, p := range files {
			b, _ := os.ReadFile(p)
			lines := input.IsLines(p)
			a, _ := fast.Check(Input{Name: p, Reader: bytes.NewReader(b), Lines: lines, Severities: rules.Severities{}})
			z, _ := slow.Check(Input{Name: p, Reader: bytes.NewReader(b), Lines: lines, Severities: rules.Severities{}})
			if len(a.Findings) != len(z.Findings) {
				t.Errorf("%s: %d findings with the fast path, %d without", p, len(a.Findings), len(z.Findings))
				continue
			}
			for i := range a.Findings {
				if a.Findings[i] != z.Findings[i] {
					t.Errorf("%s: %+v vs %+v", p, a.Findings[i], z.Findings[i])
				}
			}
		}
	}
}

// FuzzFastPath: for any JSON object, if the fast path calls it a valid
// resource of some type, jsonschema/v5 agrees.
func FuzzFastPath(f *testing.F) {
	seedResources(f, "valid", "invalid")
	s, err := LoadSchemas(model.DefaultVersion)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := jsonpos.Parse(data, jsonpos.Options{})
		if err != nil {
			return
		}
		eachObject(doc.Root, func(v *jsonpos.Value) { fastAgrees(t, s, v, string(data)) })
	})
}

func TestLiteralAlternatives(t *testing.T) {
	cases := map[string][]string{
		`^#?microsoft\.graph\.vppToken$`: {"microsoft.graph.vppToken", "#microsoft.graph.vppToken"},
		`^abc$`:                          {"abc"},
		`^a.c$`:                          nil,
		`abc`:                            nil,
		`^[0-9]{4}$`:                     nil,
		`^#?a|b$`:                        nil,
	}
	for pat, want := range cases {
		got := literalAlternatives(pat)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: got %q, want %q", pat, got, want)
			continue
		}
		re := regexp.MustCompile(pat)
		for _, s := range got {
			if !re.MatchString(s) {
				t.Errorf("%s does not match %q", pat, s)
			}
		}
	}
}

// TestValueFindingsWithoutV5: a collection in which every resource has
// the same mistake, in a name or in a value its schema rejects, is
// checked without asking jsonschema/v5 about a single resource, and gives
// exactly the findings v5's errors give.
func TestValueFindingsWithoutV5(t *testing.T) {
	s, err := LoadSchemas(model.DefaultVersion)
	if err != nil {
		t.Fatal(err)
	}
	compiled := s.compiled
	defer func() { s.compiled = compiled }()
	for name, fc := range findingCollections() {
		src := firstItems(fc.src, 3) // the first three items suffice
		slow, _ := New(Options{MaxFindings: -1})
		slow.slow = true
		s.compiled = compiled
		want := slow.Validate("c.json", src, rules.Severities{})
		asked := false
		s.compiled = func() (map[string]*jsonschema.Schema, error) { asked = true; return compiled() }
		fast, _ := New(Options{MaxFindings: -1})
		got := fast.Validate("c.json", src, rules.Severities{})
		if asked {
			t.Errorf("%s: v5 was asked", name)
		}
		if len(got.Findings) == 0 || !slices.Equal(got.Findings, want.Findings) {
			t.Errorf("%s: %v\nwithout the fast path: %v", name, got.Findings, want.Findings)
		}
	}
}
