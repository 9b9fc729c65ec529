package config

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

var update = flag.Bool("update", false, "rewrite the config schema's lists from the catalogues")

// schemaFile is the config schema in the repository.
var schemaFile = filepath.Join("..", "..", "schemas", "vppvalidate", "config.schema.json")

// catalogueLists are the lists the config schema takes from the
// catalogues, by the JSON pointer of where they stand in the schema.
func catalogueLists() map[string][]string {
	var ids []string
	for _, r := range rules.All() {
		ids = append(ids, r.ID)
	}
	return map[string][]string{
		ruleDef + "/enum":               ids,
		"/$defs/severity/enum":          levels,
		"/properties/failOn/enum":       failOns,
		"/properties/graphVersion/enum": model.Versions(),
		"/properties/type/examples":     structuredNames(model.Versions()),
	}
}

// TestSchemaListsTheCatalogues keeps the config schema in step with the
// rule catalogue, the severities and the model: it writes the schema
// again with the lists the catalogues give, in the layout json.Indent
// gives, and fails on any difference. With -update it writes the file.
func TestSchemaListsTheCatalogues(t *testing.T) {
	committed, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonpos.Parse(committed, jsonpos.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lists := catalogueLists()
	for ptr := range lists {
		if v, _, ok := jsonpos.Resolve(doc.Root, jsonpos.SplitPointer(ptr)); !ok || v.Kind != jsonpos.Array {
			t.Fatalf("the config schema has no list at %s", ptr)
		}
	}
	var compact bytes.Buffer
	writeWithLists(&compact, doc.Root, "", lists)
	var want bytes.Buffer
	if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
		t.Fatal(err)
	}
	want.WriteByte('\n')
	if bytes.Equal(committed, want.Bytes()) {
		return
	}
	if *update {
		if err := os.WriteFile(schemaFile, want.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for ptr, list := range lists {
		v, _, _ := jsonpos.Resolve(doc.Root, jsonpos.SplitPointer(ptr))
		if got := texts(v); !slices.Equal(got, list) {
			t.Errorf("the config schema's %s is %q; the catalogue has %q", ptr, got, list)
		}
	}
	t.Errorf("%s is not as the catalogues and json.Indent make it; run go test ./internal/config -run TestSchemaListsTheCatalogues -update and review the diff", schemaFile)
}

// writeWithLists writes v as compact JSON, members in their order, with
// the value at each pointer of lists replaced by that list.
func writeWithLists(b *bytes.Buffer, v *jsonpos.Value, ptr string, lists map[string][]string) {
	str := func(s string) {
		enc := json.NewEncoder(b)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(s)
		b.Truncate(b.Len() - 1) // the encoder's newline
	}
	if list, ok := lists[ptr]; ok {
		b.WriteByte('[')
		for i, s := range list {
			if i > 0 {
				b.WriteByte(',')
			}
			str(s)
		}
		b.WriteByte(']')
		return
	}
	switch v.Kind {
	case jsonpos.Object:
		b.WriteByte('{')
		for i, m := range v.Members {
			if i > 0 {
				b.WriteByte(',')
			}
			str(m.Name)
			b.WriteByte(':')
			writeWithLists(b, m.Value, ptr+"/"+jsonpos.EscapeToken(m.Name), lists)
		}
		b.WriteByte('}')
	case jsonpos.Array:
		b.WriteByte('[')
		for i, it := range v.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			writeWithLists(b, it, ptr+"/"+strconv.Itoa(i), lists)
		}
		b.WriteByte(']')
	case jsonpos.String:
		str(v.Text)
	case jsonpos.Bool:
		b.WriteString(strconv.FormatBool(v.Bool))
	case jsonpos.Null:
		b.WriteString("null")
	default:
		b.WriteString(v.Text)
	}
}

// TestSchemaErrorsAreWorded: mistakes the schema finds are located where
// they are written and say what was expected, in the schema's words; a
// member name is located at the name, even when it needs escaping in a
// JSON pointer.
func TestSchemaErrorsAreWorded(t *testing.T) {
	dir := t.TempDir()
	for content, want := range map[string]string{
		`{"failon": "error"}`:                   `1:2: unknown key "failon"; did you mean "failOn"? (known: $schema, severity,`,
		`{"severity": {"time order": "error"}}`: `1:15: unknown rule "time order"; did you mean "time-order"?`,
		`{"severity": {"a/b~c": "off"}}`:        `1:15: unknown rule "a/b~c"`,
		`{"severity": []}`:                      `1:14: severity must be an object such as {"time-order": "error"}`,
		`{"failOn": 1}`:                         `1:12: failOn must be "error", "warning", "info" or "none"`,
		`{"graphVersion": "1.0"}`:               `1:18: graphVersion: unknown value "1.0"; did you mean "v1.0"?`,
		`{"type": ""}`:                          `1:10: type must be a non-empty string`,
		`{"overrides": [{"files": []}]}`:        `1:26: files must be a non-empty array of path patterns such as ["fixtures/legacy/**"]`,
		`{"overrides": [1]}`:                    `1:16: an override must be an object such as {"files": `,
		`{"overrides": [{"files": ["a"], "severity": {"nope": "off"}}]}`: `1:46: unknown rule "nope"`,
		`{"disable": [["enum"]]}`: `1:14: a rule must be a string`,
		`{"graphHosts": "a"}`:     `1:16: graphHosts must be an array of host names such as ["graph-proxy.test.local", "127.0.0.1:8731"]`,
		`{"graphHosts": [1]}`:     `1:17: a host name must be a string`,
		`{"$schema": 1}`:          `1:13: $schema must be a string`,
		// The first mistake in reading order, whatever order v5 met them in.
		`{"strict": 1, "failOn": 2, "disable": 3, "zz": 4}`: `1:12: strict must be true or false`,
	} {
		p := write(t, dir, "c.json", content)
		_, err := Load(p)
		if err == nil || !strings.HasPrefix(err.Error(), p+":"+want) {
			t.Errorf("%s:\n got %v\nwant %s", content, err, want)
		}
	}
}

// TestSchemaMembersAreRead: every member the schema allows, at the top
// level and in an override, is read into the settings. Each is given
// alone, with its first example or enumerated value from the schema,
// and must change what Load returns; a member the schema allows and
// Load does not read fails this test.
func TestSchemaMembersAreRead(t *testing.T) {
	s, err := configSchema()
	if err != nil {
		t.Fatal(err)
	}
	sample := func(prop *jsonpos.Value) string {
		chain := s.follow(prop)
		for _, k := range []string{"examples", "enum"} {
			if list := get(chain, k); list != nil && len(list.Items) > 0 {
				return render(list.Items[0])
			}
		}
		t.Fatalf("the config schema gives no example of %s", render(prop))
		return ""
	}
	dir := t.TempDir()
	load := func(content string) *File {
		t.Helper()
		f, err := Load(write(t, dir, Name, content))
		if err != nil {
			t.Fatalf("%s: %v", content, err)
		}
		f.Path = ""
		return f
	}
	empty := load(`{}`)
	for _, m := range s.doc.Get("properties").Members {
		f := load(`{` + quoteJSON(m.Name) + `: ` + sample(m.Value) + `}`)
		if changed := !reflect.DeepEqual(f, empty); changed != (m.Name != "$schema") {
			t.Errorf("%s: the settings change: %v", m.Name, changed)
		}
	}
	override, _, _ := jsonpos.Resolve(s.doc, jsonpos.SplitPointer("/$defs/override/properties"))
	files := sample(override.Get("files"))
	bare := load(`{"overrides": [{"files": ` + files + `}]}`)
	for _, m := range override.Members {
		if m.Name == "files" {
			continue
		}
		f := load(`{"overrides": [{"files": ` + files + `, ` + quoteJSON(m.Name) + `: ` + sample(m.Value) + `}]}`)
		if reflect.DeepEqual(f, bare) {
			t.Errorf("overrides: %s is not read", m.Name)
		}
	}
}

// TestREADMEConfigLoads: the README's example project file is valid.
func TestREADMEConfigLoads(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(b), "## Configuration: `.vppvalidate.json`")
	_, example, ok := strings.Cut(section, "```json\n")
	example, _, ok2 := strings.Cut(example, "```")
	if !ok || !ok2 {
		t.Fatal("README.md has no example in its configuration section")
	}
	if _, err := Load(write(t, t.TempDir(), Name, example)); err != nil {
		t.Error(err)
	}
}
