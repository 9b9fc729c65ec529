package lint

import (
	"fmt"

	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// negativeCount reports counts below zero: the properties the model's
// overlay marks as counts, wherever a type has them.
func negativeCount(r *Resource, report Report) {
	for i := range r.Value.Members {
		name := r.Value.Members[i].Name
		if p := r.Type.Property(name); p == nil || !p.Count {
			continue
		}
		if m, n, ok := r.count(name); ok && n < 0 {
			report(rules.NegativeCount, m.Value.Pos, r.ptr(name),
				fmt.Sprintf("%s is %s; a count cannot be negative", name, m.Value.Text))
		}
	}
}
