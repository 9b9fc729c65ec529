package rules

import (
	"strings"
	"testing"
)

// TestCountHint: a count that is a number (or a string under
// IEEE754Compatible=true) but not a count is told what is wrong with it.
func TestCountHint(t *testing.T) {
	for text, want := range map[string]string{
		"1.0":                  "without a fraction",
		"1e2":                  "without a fraction or an exponent",
		"-1":                   "never negative",
		"99999999999999999999": "more than Edm.Int64 holds (at most 9223372036854775807)",
		"007":                  "no leading zeros",
		"x":                    "",
		"0":                    "", // a count in a string or number where the other belongs
		"9223372036854775807":  "",
		" 1":                   "",
		"":                     "",
	} {
		if got := countHint(text); want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("countHint(%q) = %q, want it to say %q", text, got, want)
		}
	}
}
