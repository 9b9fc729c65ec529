// Package suggest finds the likely intended word for a misspelt one, for
// "did you mean" hints in messages.
package suggest

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Unknown words a value that is not one of known, for an error message:
// `unknown WHAT "GOT"WHERE; did you mean "GUESS"? (known: A, B, C)`,
// the guess given only when Closest finds one. where places the value,
// such as " in an override", or is "".
func Unknown(what, got, where string, known []string) string {
	msg := fmt.Sprintf("unknown %s %q%s", what, got, where)
	if guess := Closest(got, known); guess != "" {
		msg += fmt.Sprintf("; did you mean %q?", guess)
	}
	return msg + " (known: " + strings.Join(known, ", ") + ")"
}

// Closest returns the candidate most like s, if one is close enough to be a
// likely typo: equal but for case, or within a small edit distance. It
// returns "" when none is, and never s itself.
func Closest(s string, candidates []string) string {
	if len(s) > maxLen {
		return "" // too long to be a typo worth suggesting
	}
	best, bestD := "", -1
	lower, n := strings.ToLower(s), utf8.RuneCountInString(s)
	for _, c := range candidates {
		if c == s {
			continue
		}
		// The distance is at least the difference in length: most
		// candidates are ruled out without computing it.
		limit := max(1, len(c)/4)
		if diff := n - utf8.RuneCountInString(c); diff > limit || -diff > limit {
			continue
		}
		d := distance(lower, strings.ToLower(c))
		if d <= limit && (bestD < 0 || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

// maxLen bounds, in bytes, the words compared: the cost of comparing
// grows with the product of the lengths.
const maxLen = 256

// distance is the edit distance between two strings, by rune, where
// swapping two neighbours counts as one edit, like an insertion, a
// deletion or a substitution ("disabel" is one edit from "disable"): the
// optimal string alignment distance, Levenshtein's with transpositions.
func distance(a, b string) int {
	if len(a) > maxLen || len(b) > maxLen {
		return max(len(a), len(b))
	}
	ra, rb := []rune(a), []rune(b)
	// Three rows of the table: two back, one back, and the one filled.
	back2 := make([]int, len(rb)+1)
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
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], back2[j-2]+1)
			}
		}
		back2, prev, cur = prev, cur, back2
	}
	return prev[len(rb)]
}
