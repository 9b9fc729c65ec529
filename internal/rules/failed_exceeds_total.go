package rules

import (
	"strconv"

	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// FailedExceedsTotal is the ID of the rule that reports that failedLicensesCount is greater than totalLicensesCount.
const FailedExceedsTotal = "failed-exceeds-total"

var _ = register(Rule{
	ID:      FailedExceedsTotal,
	Doc:     "failedLicensesCount is greater than totalLicensesCount",
	Default: finding.Error,
	Explain: `
A revoke-licenses action cannot fail for more licenses than it tried to
revoke. The finding points at failedLicensesCount. It stays silent when
either count is itself invalid (those are reported by their own rules).

Bad:
    "totalLicensesCount": 10, "failedLicensesCount": 12
Good:
    "totalLicensesCount": 10, "failedLicensesCount": 2
`,
	Check: failedExceedsTotal,
})

// failedExceedsTotal reports more failed licenses than were attempted.
func failedExceedsTotal(r *Resource, report Report) {
	_, total, ok1 := r.count("totalLicensesCount")
	failed, n, ok2 := r.count("failedLicensesCount")
	if !ok1 || !ok2 || total < 0 || n < 0 || n <= total {
		return // negative counts are negative-count's to report
	}
	r.say(report, FailedExceedsTotal, failed.Pos, "failedLicensesCount", func() string {
		return "failedLicensesCount (" + strconv.FormatInt(n, 10) + ") is greater than totalLicensesCount (" + strconv.FormatInt(total, 10) + "); an action cannot fail for more licenses than it tried to revoke"
	})
}
