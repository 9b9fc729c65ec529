package validate

import (
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// TestOmittedTally checks that the findings past --max-findings are counted
// by rule and general pointer: a mistake repeated in every item is one key.
func TestOmittedTally(t *testing.T) {
	v, err := New(Options{MaxFindings: 3})
	if err != nil {
		t.Fatal(err)
	}
	item := `{"actionName": "a", "actionState": "done", "startDateTime": "2019-01-23T10:15:30Z", "lastUpdatedDateTime": "2019-01-23T10:15:30Z", "x": 1}`
	src := `{"value": [` + strings.Repeat(item+",", 9) + item + `]}`
	res := v.Validate("c.json", []byte(src), rules.Severities{})
	want := finding.Tally{{Rule: rules.UnknownProperty, Pointer: "/value/*/x", Severity: finding.Warning}: 7}
	if len(res.OmittedTally) != 1 || res.OmittedTally[finding.TallyKey{Rule: rules.UnknownProperty, Pointer: "/value/*/x", Severity: finding.Warning}] != 7 {
		t.Errorf("tally %v, want %v", res.OmittedTally, want)
	}
	if res.Omitted.Warnings != 7 {
		t.Errorf("omitted %+v, want 7 warnings", res.Omitted)
	}
}
