package rules

import (
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
)

// NegativeCount is the ID of the rule that reports that a count of licenses or apps is below zero.
const NegativeCount = "negative-count"

var _ = register(Rule{
	ID:      NegativeCount,
	Doc:     "a count of licenses or apps is below zero",
	Default: finding.Error,
	Explain: `
Some integer properties count things; Int32 allows negative numbers, the
meaning does not. The finding points at the count. The counts, wherever
the model has them: {{counts}}.

Bad:
    "failedLicensesCount": -1
Good:
    "failedLicensesCount": 0
`,
	Check: negativeCount,
})

// negativeCount reports counts below zero: the properties the model's
// overlay marks as counts, wherever a type has them.
func negativeCount(r *Resource, report Report) {
	for i := 0; i < r.Len(); i++ {
		if p := r.Property(i); p == nil || !p.Count {
			continue
		}
		// Only a number written with its minus sign can be below zero:
		// the others are neither looked up by name nor parsed.
		if v := r.Value(i); v.Kind != jsonpos.Number || !strings.HasPrefix(v.Text, "-") {
			continue
		}
		name := r.Name(i)
		if v, n, ok := r.count(name); ok && n < 0 && r.last(i) {
			r.say(report, NegativeCount, v.Pos, name, func() string {
				return name + " is " + finding.Clip(v.Text) + "; a count cannot be negative"
			})
		}
	}
}
