package lint

import (
	"fmt"

	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// negativeCount reports license counts below zero.
func negativeCount(r *Resource, report Report) {
	for _, prop := range []string{"totalLicensesCount", "failedLicensesCount"} {
		if m, n, ok := r.count(prop); ok && n < 0 {
			report(rules.NegativeCount, m.Value.Pos, r.ptr(prop),
				fmt.Sprintf("%s is %s; a count of licenses cannot be negative", prop, m.Value.Text))
		}
	}
}
