package lint

import (
	"fmt"

	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// failedExceedsTotal reports more failed licenses than were attempted.
func failedExceedsTotal(r *Resource, report Report) {
	_, total, ok1 := r.count("totalLicensesCount")
	failed, n, ok2 := r.count("failedLicensesCount")
	if !ok1 || !ok2 || total < 0 || n < 0 || n <= total {
		return // negative counts are negative-count's to report
	}
	report(rules.FailedExceedsTotal, failed.Pos, r.ptr("failedLicensesCount"),
		fmt.Sprintf("failedLicensesCount (%d) is greater than totalLicensesCount (%d); an action cannot fail for more licenses than it tried to revoke", n, total))
}
