package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/validate"
	"github.com/vppvalidate/vppvalidate/schemas"
)

// TestJSONReportsMatchSchema runs the command with -o json on the
// fixtures, with the flags that change what the report holds, and checks
// every report against the published report schema with jsonschema/v5.
// Each case also checks that it produced what it is there for, so that
// the members it stands for are really validated.
func TestJSONReportsMatchSchema(t *testing.T) {
	schema := reportSchema(t)
	fixtures := filepath.Join("..", "..", "testdata")
	valid, invalid, recordings := filepath.Join(fixtures, "valid"), filepath.Join(fixtures, "invalid"), filepath.Join(fixtures, "recordings")
	baseline := filepath.Join(t.TempDir(), "baseline.json")
	cases := []struct {
		name  string
		args  []string
		stdin string
		has   string // a member the report must hold
	}{
		{"valid", []string{valid}, "", `"findings":[]`},
		{"invalid", []string{invalid}, "", `"rule":"finding-limit"`},
		{"recordings", []string{recordings}, "", `"call":`},
		{"recordings skipped", []string{recordings}, "", `"skipped":`},
		{"max-findings", []string{"--max-findings", "1", invalid}, "", `"rule":"finding-limit"`},
		{"no limit", []string{"--max-findings", "0", "--strict", invalid}, "", `"severity":"error"`},
		{"write-baseline", []string{"--write-baseline", baseline, invalid}, "", `"recorded":`},
		{"baseline", []string{"--baseline", baseline, invalid, valid}, "", `"suppressed":`},
		{"unreadable", []string{valid, filepath.Join(fixtures, "missing.json")}, "", `"reason":`},
		{"over --max-size", []string{"--max-size", "1KiB", invalid}, "", `larger than the size limit`},
		{"stdin", []string{"-"}, `{"value": [1]}`, `"file":"-"`},
		{"severities", []string{"--severity", "unknown-property=info", "--fail-on", "none", invalid}, "", `"severity":"info"`},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"--no-config", "-o", "json"}, c.args...), strings.NewReader(c.stdin), &stdout, &stderr)
		if code == exitTrouble && !strings.Contains(stdout.String(), `"unreadable":[{`) {
			t.Errorf("%s: exit %d: %s", c.name, code, stderr.String())
			continue
		}
		if !strings.Contains(stdout.String(), c.has) {
			t.Errorf("%s: the report has no %s:\n%.500s", c.name, c.has, stdout.String())
		}
		d := json.NewDecoder(&stdout)
		d.UseNumber()
		var report any
		if err := d.Decode(&report); err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if err := schema.Validate(report); err != nil {
			t.Errorf("%s: the report does not match its schema: %v", c.name, err)
		}
	}
}

// reportSchema compiles the published schema of -o json's report with
// jsonschema/v5.
func reportSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	own, _ := schemas.LookupOwn("report")
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.LoadURL = schemas.LoadOwn
	schema, err := c.Compile(own.ID())
	if err != nil {
		t.Fatal(err)
	}
	return schema
}

// TestREADMEJSONExampleMatchesSchema: the report the README shows under
// "JSON (-o json)" is one the command could write, every member the
// schema requires included, so that the example does not teach a shape
// that real reports do not have.
func TestREADMEJSONExampleMatchesSchema(t *testing.T) {
	schema := reportSchema(t)
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n### JSON (`-o json`)\n")
	if !ok {
		t.Fatal("README.md has no JSON (-o json) section")
	}
	_, block, ok := strings.Cut(section, "```json\n")
	block, _, closed := strings.Cut(block, "```")
	if !ok || !closed {
		t.Fatal("README.md's JSON (-o json) section has no json block")
	}
	d := json.NewDecoder(strings.NewReader(block))
	d.UseNumber()
	var example any
	if err := d.Decode(&example); err != nil {
		t.Fatalf("README.md's -o json example: %v", err)
	}
	if err := schema.Validate(example); err != nil {
		t.Errorf("README.md's -o json example does not match the report schema: %v", err)
	}
}

// TestPrintSchemaOwn: --print-schema prints vppvalidate's own schemas as
// embedded, and no name of a Graph type, in any version, is one of
// theirs or "list", so that none is hidden behind them.
func TestPrintSchemaOwn(t *testing.T) {
	for _, own := range schemas.Owns() {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"--print-schema", own.Name}, nil, &stdout, &stderr); code != exitClean {
			t.Errorf("--print-schema %s: exit %d: %s", own.Name, code, stderr.String())
		}
		if want, _ := own.Bytes(); !bytes.Equal(stdout.Bytes(), want) {
			t.Errorf("--print-schema %s does not print the embedded %s", own.Name, own.File)
		}
	}
	taken := map[string]bool{"list": true}
	for _, own := range schemas.Owns() {
		taken[strings.ToLower(own.Name)] = true
	}
	for _, v := range model.Versions() {
		s, err := validate.LoadSchemas(v)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range s.Exportable() {
			if taken[strings.ToLower(name)] {
				t.Errorf("Graph %s has a type called %q, which --print-schema gives another meaning", v, name)
			}
		}
	}
}
