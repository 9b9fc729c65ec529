package rules

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/finding"
)

func TestCatalogueIsSortedAndWellFormed(t *testing.T) {
	kebab := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	if !slices.IsSortedFunc(catalogue, func(a, b Rule) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("the catalogue is not sorted by ID")
	}
	for i, r := range catalogue {
		if i > 0 && catalogue[i-1].ID == r.ID {
			t.Errorf("rule %s listed twice", r.ID)
		}
		if !kebab.MatchString(r.ID) {
			t.Errorf("rule ID %q is not kebab-case", r.ID)
		}
		if r.Doc == "" || strings.HasSuffix(r.Doc, ".") || strings.ToLower(r.Doc[:1]) != r.Doc[:1] {
			t.Errorf("rule %s: doc %q should be one lower-case line without a final period", r.ID, r.Doc)
		}
		if !regexp.MustCompile(`(?m)^Bad.*:$`).MatchString(r.Explain) || !regexp.MustCompile(`(?m)^Good:$`).MatchString(r.Explain) {
			t.Errorf("rule %s: the explanation needs a bad and a good example", r.ID)
		}
		if r.Default < finding.Info || r.Default > finding.Error {
			t.Errorf("rule %s: default severity %v", r.ID, r.Default)
		}
		if got, ok := Lookup(r.ID); !ok || got.ID != r.ID || got.Doc != r.Doc || got.Explain != r.Explain || got.Default != r.Default || (got.Check == nil) != (r.Check == nil) {
			t.Errorf("Lookup(%s) = %v, %v", r.ID, got, ok)
		}
	}
	if _, ok := Lookup("no-such-rule"); ok {
		t.Error("Lookup found a rule that does not exist")
	}
}

// TestREADMERuleTable keeps the README's rule table equal to the
// catalogue: same IDs, same order, same default severity, same doc.
func TestREADMERuleTable(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start := strings.Index(readme, "<!-- rules:begin -->")
	end := strings.Index(readme, "<!-- rules:end -->")
	if start < 0 || end < start {
		t.Fatal("README.md has no <!-- rules:begin --> ... <!-- rules:end --> section")
	}
	row := regexp.MustCompile("^\\| `([a-z0-9-]+)` \\| (\\w+) \\| (.+?) \\|$")
	var got []string
	for _, line := range strings.Split(readme[start:end], "\n") {
		if m := row.FindStringSubmatch(line); m != nil {
			got = append(got, m[1]+" "+m[2]+" "+m[3])
		}
	}
	var want []string
	for _, r := range catalogue {
		want = append(want, r.ID+" "+r.Default.String()+" "+r.Doc)
	}
	if !slices.Equal(got, want) {
		t.Errorf("README rule table is out of date.\n got:\n  %s\nwant rows like:\n", strings.Join(got, "\n  "))
		for _, r := range catalogue {
			t.Errorf("| `%s` | %s | %s |", r.ID, r.Default, r.Doc)
		}
	}
}

func TestSeverities(t *testing.T) {
	var s Severities
	if s.Of(UnknownProperty) != finding.Warning || s.Of(Syntax) != finding.Error {
		t.Fatal("zero Severities must give the defaults")
	}
	c := s.Clone()
	if err := c.Set(UnknownProperty, finding.Error); err != nil {
		t.Fatal(err)
	}
	if s.Of(UnknownProperty) != finding.Warning || c.Of(UnknownProperty) != finding.Error {
		t.Error("Clone is not independent")
	}
	if err := c.Set("bogus", finding.Off); err == nil || !strings.Contains(err.Error(), `unknown rule "bogus"`) {
		t.Errorf("got %v", err)
	}
	// A rule that is always on can be lowered but not switched off; a
	// refused Set changes nothing.
	if err := c.Set(Syntax, finding.Info); err != nil || c.Of(Syntax) != finding.Info {
		t.Errorf("lowering syntax: %v, now %v", err, c.Of(Syntax))
	}
	if err := c.Set(Syntax, finding.Off); err == nil || !strings.Contains(err.Error(), "rule syntax cannot be switched off") || c.Of(Syntax) != finding.Info {
		t.Errorf("switching syntax off: %v, now %v", err, c.Of(Syntax))
	}
	// One whose severity is its own can only be switched off.
	if err := c.Set(FindingLimit, finding.Error); err == nil || !strings.Contains(err.Error(), "its severity cannot be set") || c.Of(FindingLimit) != finding.Info {
		t.Errorf("raising finding-limit: %v, now %v", err, c.Of(FindingLimit))
	}
	if err := c.Set(FindingLimit, finding.Off); err != nil || c.Of(FindingLimit) != finding.Off {
		t.Errorf("switching finding-limit off: %v, now %v", err, c.Of(FindingLimit))
	}
	for _, r := range catalogue {
		if err := CheckLevel(r.ID, finding.Off); (err == nil) != (r.AlwaysOn == "") {
			t.Errorf("CheckLevel(%s, off) = %v; AlwaysOn %q", r.ID, err, r.AlwaysOn)
		}
		if err := CheckLevel(r.ID, finding.Warning); (err == nil) != (r.OwnSeverity == "") {
			t.Errorf("CheckLevel(%s, warning) = %v; OwnSeverity %q", r.ID, err, r.OwnSeverity)
		}
	}
}

// TestREADMERuleReference keeps the README's rule reference equal to the
// explanations --explain prints.
func TestREADMERuleReference(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, r := range catalogue {
		heading := "#### `" + r.ID + "`"
		i := strings.Index(readme, heading)
		if i < 0 {
			t.Errorf("README has no %s section", heading)
			continue
		}
		// A blank line after it, or the next heading is read as part of
		// its last paragraph or fence.
		if !strings.Contains(readme[i:], r.Markdown()+"\n\n") {
			t.Errorf("README section %s does not hold the rule's current explanation:\n%s", heading, r.Markdown())
		}
	}
}

var updateREADME = flag.Bool("update", false, "rewrite the README's rule table and rule reference from the catalogue")

// TestUpdateREADME rewrites, with -update, the two README sections that
// the tests above compare with the catalogue.
func TestUpdateREADME(t *testing.T) {
	if !*updateREADME {
		t.Skip("run with -update to rewrite the README's rule sections")
	}
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	var table strings.Builder
	table.WriteString("<!-- rules:begin -->\n| rule | default | reports |\n|---|---|---|\n")
	for _, r := range catalogue {
		fmt.Fprintf(&table, "| `%s` | %s | %s |\n", r.ID, r.Default, r.Doc)
	}
	start, end := strings.Index(readme, "<!-- rules:begin -->"), strings.Index(readme, "<!-- rules:end -->")
	readme = readme[:start] + table.String() + readme[end:]
	var ref strings.Builder
	ref.WriteString("### Rule reference\n\n")
	for _, r := range catalogue {
		fmt.Fprintf(&ref, "#### `%s`\n\n%s\n\n", r.ID, r.Markdown())
	}
	start = strings.Index(readme, "### Rule reference")
	end = start + strings.Index(readme[start:], "\n## ") + 1
	readme = readme[:start] + ref.String() + readme[end:]
	if err := os.WriteFile("../../README.md", []byte(readme), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestExplanationsFillTheModelsFacts: every placeholder is filled, and the
// ones in use name facts that exist.
func TestExplanationsFillTheModelsFacts(t *testing.T) {
	placeholder := regexp.MustCompile(`\{\{[a-z]+\}\}`)
	placeholders := 0
	for _, r := range All() {
		placeholders += len(placeholder.FindAllString(r.Explain, -1))
		if placeholder.MatchString(r.Explanation()) {
			t.Errorf("rule %s: a placeholder is left in its explanation", r.ID)
		}
	}
	if placeholders == 0 {
		t.Error("no explanation names a fact of the model; the test checks nothing")
	}
}
