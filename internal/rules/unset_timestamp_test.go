package rules

import "testing"

// TestUnsetIsOneInstant holds unset to the instant 0001-01-01T00:00:00Z,
// whatever the offset and fraction: a leap second at the end of the day
// before comes one second earlier, and is not Graph's "never".
func TestUnsetIsOneInstant(t *testing.T) {
	for s, want := range map[string]bool{
		"0001-01-01T00:00:00Z":         true,
		"0001-01-01T00:00:00.0000000Z": true,
		"0001-01-01T01:00:00+01:00":    true,
		"0000-12-31T23:00:00-01:00":    true,
		"0000-12-31T23:59:60Z":         false,
		"0000-12-31T23:59:60.9999999Z": false,
		"0001-01-01T00:59:60+01:00":    false,
		"0000-12-31T22:59:60-01:00":    false,
		"0001-01-01T00:00:00.0000001Z": false,
		"0000-12-31T23:59:59.9999999Z": false,
		"0001-01-01T00:00:00":          false,
		"2019-01-23T10:15:30Z":         false,
	} {
		if got := unset(s); got != want {
			t.Errorf("unset(%s) = %v, want %v", s, got, want)
		}
	}
}
