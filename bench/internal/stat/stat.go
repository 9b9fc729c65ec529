// Package stat holds the one statistic the bench's timers share.
package stat

import "slices"

// Median returns the median of v, the mean of the two middle values when
// len(v) is even; v is not changed. It panics on an empty v: every timer
// that calls it has at least one sample.
func Median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
