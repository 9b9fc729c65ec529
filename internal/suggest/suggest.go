// Package suggest finds the likely intended word for a misspelt one, for
// "did you mean" hints in messages.
package suggest

import "strings"

// Closest returns the candidate most like s, if one is close enough to be a
// likely typo: equal but for case, or within a small edit distance. It
// returns "" when none is, and never s itself.
func Closest(s string, candidates []string) string {
	if len(s) > maxLen {
		return "" // too long to be a typo worth suggesting
	}
	best, bestD := "", -1
	for _, c := range candidates {
		if c == s {
			continue
		}
		d := distance(strings.ToLower(s), strings.ToLower(c))
		if d <= max(1, len(c)/4) && (bestD < 0 || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

// maxLen bounds, in bytes, the words compared: the cost of comparing
// grows with the product of the lengths.
const maxLen = 256

// distance is the Levenshtein distance between two strings, by rune.
func distance(a, b string) int {
	if len(a) > maxLen || len(b) > maxLen {
		return max(len(a), len(b))
	}
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
