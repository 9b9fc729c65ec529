package lint

import (
	"fmt"

	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// negativeCount reports counts below zero: the properties the model's
// overlay marks as counts, wherever a type has them.
func negativeCount(r *Resource, report Report) {
	for i := 0; i < r.View.Len(); i++ {
		name := r.View.Name(i)
		if p := r.Type.Property(name); p == nil || !p.Count {
			continue
		}
		if v, n, ok := r.count(name); ok && n < 0 && r.View.Index(name) == i {
			report(rules.NegativeCount, v.Pos, r.ptr(name),
				fmt.Sprintf("%s is %s; a count cannot be negative", name, v.Text))
		}
	}
}
