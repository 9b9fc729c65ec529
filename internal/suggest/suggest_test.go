package suggest

import "testing"

func TestClosest(t *testing.T) {
	states := []string{"none", "pending", "canceled", "active", "done", "failed", "notSupported"}
	cases := map[string]string{
		"Failed":       "failed",
		"faild":        "failed",
		"notsupported": "notSupported",
		"cancelled":    "canceled",
		"fialed":       "failed", // two letters swapped: one edit
		"dnoe":         "done",
		"completed":    "",
		"failed":       "", // itself is no suggestion
		"":             "",
	}
	for in, want := range cases {
		if got := Closest(in, states); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Closest("time-ordre", []string{"time-order", "type"}); got != "time-order" {
		t.Errorf("got %q", got)
	}
}

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"é", "e", 1}, {"abc", "abc", 0}} {
		if got := distance(c.a, c.b); got != c.d {
			t.Errorf("distance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}
