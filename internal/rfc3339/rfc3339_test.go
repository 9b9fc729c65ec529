package rfc3339

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// suiteFile is the JSON Schema Test Suite's date-time cases, kept in the
// shared reference data beside the repository (not copied into it).
var suiteFile = filepath.Join("..", "..", "..", "shared", "data", "json-schema-test-suite", "date-time.json")

func TestDateTimeAgainstJSONSchemaTestSuite(t *testing.T) {
	b, err := os.ReadFile(suiteFile)
	if os.IsNotExist(err) {
		t.Skipf("%s is not present; the shared reference data is not beside this checkout", suiteFile)
	}
	if err != nil {
		t.Fatal(err)
	}
	var groups []struct {
		Tests []struct {
			Description string `json:"description"`
			Data        any    `json:"data"`
			Valid       bool   `json:"valid"`
		} `json:"tests"`
	}
	if err := json.Unmarshal(b, &groups); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, g := range groups {
		for _, c := range g.Tests {
			format := func(v any) bool { s, ok := v.(string); return !ok || Problem(s) == "" }
			if got := format(c.Data); got != c.Valid {
				t.Errorf("%s: %q: valid=%v, want %v (%s)", c.Description, c.Data, got, c.Valid, Problem(c.Data.(string)))
			}
			n++
		}
	}
	if n < 20 {
		t.Fatalf("only %d cases read from %s", n, suiteFile)
	}
}

func TestDateTimeGraphShapes(t *testing.T) {
	valid := []string{
		"2019-01-23T10:15:30.1234567Z", // Graph's seven fraction digits
		"2019-01-23T10:15:30Z",
		"2019-01-23T10:15:30+05:30",
		"2019-01-23T10:15:30.5-00:00",
		"0001-01-01T00:00:00Z", // Graph's "never"
		"9999-12-31T23:59:59.9999999Z",
		"2024-02-29T00:00:00Z",
		"2016-12-31T23:59:60Z",
		"2017-01-01T00:59:60+01:00", // 23:59:60 UTC
	}
	invalid := map[string]string{
		"2024-01-01T+1:00:00Z":         "hh:mm:ss", // jsonschema/v5's own format accepts this
		"2024-01-01T01:00:00":          "zone is missing",
		"2024-01-01T01:00Z":            "no seconds",
		"2024-01-01":                   "date without a time",
		"2024-01-01 01:00:00Z":         "separated by T",
		"2023-02-29T00:00:00Z":         "day 29 does not exist in February 2023",
		"2024-13-01T00:00:00Z":         "month 13",
		"2024-00-01T00:00:00Z":         "month 00",
		"2024-01-00T00:00:00Z":         "day 00",
		"2024-01-01T24:00:00Z":         "hour 24",
		"2024-01-01T00:60:00Z":         "minute 60",
		"2024-01-01T00:00:61Z":         "second 61",
		"2024-01-01T12:00:60Z":         "leap second",
		"2024-01-01T00:00:00.Z":        "followed by digits",
		"2024-01-01T00:00:00+0100":     "±hh:mm",
		"2024-01-01T00:00:00+01":       "±hh:mm",
		"2024-01-01T00:00:00+24:00":    "out of range",
		"2024-01-01T00:00:00ZZ":        "after the zone",
		"2024-01-01T00:00:00 Z":        "not Z or ±hh:mm",
		"+2024-01-01T00:00:00Z":        "YYYY-MM-DD",
		"2024-1-01T00:00:00Z":          "YYYY-MM-DD",
		"":                             "YYYY-MM-DD",
		"2024-01-01T00:00:00Z\n":       "after the zone",
		"2024-01-01T00:00:00.123+01:0": "±hh:mm",
	}
	for _, s := range valid {
		if p := Problem(s); p != "" {
			t.Errorf("%q: %s", s, p)
		}
	}
	for s, want := range invalid {
		p := Problem(s)
		if p == "" || !strings.Contains(p, want) {
			t.Errorf("%q: got %q, want a problem mentioning %q", s, p, want)
		}
	}
}

func TestCompare(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"2019-01-23T10:15:30Z", "2019-01-23T10:15:31Z", -1},
		{"2019-01-23T11:15:30+01:00", "2019-01-23T10:15:30Z", 0},
		{"2019-01-23T10:15:30.1234567Z", "2019-01-23T10:15:30.12345670Z", 0},
		{"2019-01-23T10:15:30.1234567Z", "2019-01-23T10:15:30.123456Z", 1},
		{"2019-01-23T10:15:30.9Z", "2019-01-23T10:15:31Z", -1},
		{"2019-01-23T00:30:00+01:00", "2019-01-22T23:45:00Z", -1},
		{"2019-01-22T20:00:00-05:00", "2019-01-23T00:59:59Z", 1},
		// A leap second lies after 23:59:59.999... and before the next
		// day, in UTC once the offset is applied.
		{"1998-12-31T23:59:60Z", "1999-01-01T00:00:00Z", -1},
		{"2016-12-31T23:59:60.5Z", "2017-01-01T00:00:00.2Z", -1},
		{"2016-12-31T23:59:60.9999999Z", "2017-01-01T00:00:00Z", -1},
		{"2016-12-31T23:59:59.9999999Z", "2016-12-31T23:59:60Z", -1},
		{"2016-12-31T23:59:60.5Z", "2016-12-31T23:59:60.25Z", 1},
		{"2016-12-31T18:59:60.5-05:00", "2016-12-31T23:59:60.5Z", 0},
		{"2017-01-01T00:59:60+01:00", "2017-01-01T00:00:00Z", -1},
		{"2017-01-01T00:59:60+01:00", "2016-12-31T23:59:59.5Z", 1},
		{"0001-01-01T00:59:60+01:00", "0001-01-01T00:00:00Z", -1},
		{"0001-01-01T00:00:00Z", "0001-01-01T01:00:00+01:00", 0},
	}
	for _, c := range cases {
		got, ok := Compare(c.a, c.b)
		back, _ := Compare(c.b, c.a)
		if !ok || got != c.want || back != -c.want {
			t.Errorf("Compare(%s, %s) = %d %v (reverse %d), want %d", c.a, c.b, got, ok, back, c.want)
		}
	}
	if _, ok := Compare("2019-01-23T10:15:30", "2019-01-23T10:15:30Z"); ok {
		t.Error("an invalid date-time compared")
	}
}

// TestInstantAgreesWithTime checks the calendar arithmetic behind Instant
// against the time package, day by day around the ends of the year range,
// the epoch and leap centuries, and at random times with random offsets.
func TestInstantAgreesWithTime(t *testing.T) {
	check := func(tm time.Time, off int) {
		t.Helper()
		zone := time.FixedZone("", off*60)
		s := tm.In(zone).Format("2006-01-02T15:04:05.000000000Z07:00")
		sec, leap, _, ok := Instant(s)
		if !ok || sec != tm.Unix() || leap {
			t.Fatalf("Instant(%s) = %d %v, want %d", s, sec, ok, tm.Unix())
		}
		if bsec, _, _, _ := Instant([]byte(s)); bsec != sec {
			t.Fatalf("Instant of the bytes of %s = %d, of the string %d", s, bsec, sec)
		}
	}
	for _, from := range []int{0, 1599, 1899, 1968, 1999, 2099, 9996} {
		start := time.Date(from, 1, 1, 12, 0, 0, 0, time.UTC)
		for d := 0; d < 3*366; d++ {
			check(start.AddDate(0, 0, d), 0)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	lo, hi := time.Date(1, 1, 2, 0, 0, 0, 0, time.UTC).Unix(), time.Date(9999, 12, 30, 0, 0, 0, 0, time.UTC).Unix()
	for range 20000 {
		check(time.Unix(lo+rng.Int64N(hi-lo), rng.Int64N(1e9)), rng.IntN(2*1439+1)-1439)
	}
}

// TestDaysInAgreesWithTime checks the month lengths behind Problem.
func TestDaysInAgreesWithTime(t *testing.T) {
	for year := 0; year <= 9999; year++ {
		for month := 1; month <= 12; month++ {
			if got, want := daysIn(year, month), time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day(); got != want {
				t.Fatalf("daysIn(%d, %d) = %d, want %d", year, month, got, want)
			}
		}
	}
}

// TestDotnetSafe holds the shortcut of DotnetProblem to the full reading:
// wherever dotnetSafe says there is nothing to say, taking the value apart
// must find nothing either. The values are built field by field around
// every edge DotnetProblem knows (years 0000, 0001 and 9999, the first and
// last days, offsets about ±14:00, fractions about seven digits), then
// mutated a byte at a time. Typical Graph values must take the shortcut.
func TestDotnetSafe(t *testing.T) {
	years := []string{"0000", "0001", "0002", "0999", "2024", "9998", "9999", "20x4"}
	dates := []string{"01-01", "12-31", "02-29", "06-15"}
	times := []string{"00:00:00", "23:59:59", "23:59:60", "12:30:45"}
	fracs := []string{"", ".", ".1", ".1234567", ".12345670", ".12345678", ".123456789012", ".0000000", ".00000000"}
	zones := []string{"Z", "z", "+00:00", "-00:00", "+13:59", "+14:00", "-14:00", "+14:01", "-14:01", "+15:00", "+05:30", "", "+14", "+1400"}
	var values []string
	for _, y := range years {
		for _, d := range dates {
			for _, tm := range times {
				for _, f := range fracs {
					for _, z := range zones {
						values = append(values, y+"-"+d+"T"+tm+f+z)
					}
				}
			}
		}
	}
	check := func(s string) {
		t.Helper()
		if dotnetSafe(s) && dotnetProblem(s) != "" {
			t.Fatalf("dotnetSafe(%q) is true, but %s", s, dotnetProblem(s))
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, s := range values {
		check(s)
		b := []byte(s)
		for range 3 {
			k := rng.IntN(len(b))
			old := b[k]
			b[k] = "0123456789+-:.TZz x"[rng.IntN(19)]
			check(string(b))
			b[k] = old
		}
	}
	for _, s := range []string{"2018-02-13T10:25:08.2690814Z", "2025-06-23T08:41:13.9425404Z", "2024-01-01T00:00:00Z", "2023-03-19T22:19:03.807-08:00", "2024-12-01T18:03:33+05:30", "2019-01-23T10:15:30.1234567+14:00"} {
		if !dotnetSafe(s) {
			t.Errorf("dotnetSafe(%q) is false: a typical value is taken apart twice", s)
		}
		if DotnetProblem(s) != "" {
			t.Errorf("DotnetProblem(%q) = %q", s, DotnetProblem(s))
		}
	}
}

// TestCompareValid holds CompareValid's textual shortcut to Compare on
// pairs of valid date-times that share most of their text, so that the
// shortcut decides many of them: each field of a base value changed in
// turn, with zones Z, z and offsets, T or t, fractions, and leap seconds.
func TestCompareValid(t *testing.T) {
	var values []string
	for _, date := range []string{"2019-01-23", "2019-01-24", "2018-12-31", "2019-11-03", "0001-01-01", "9999-12-31"} {
		for _, sep := range []string{"T", "t"} {
			for _, clock := range []string{"00:00:00", "10:15:30", "10:15:31", "10:16:30", "23:59:59", "23:59:60", "00:00:60"} {
				for _, frac := range []string{"", ".5", ".50", ".4999999", ".0000001"} {
					for _, zone := range []string{"Z", "z", "+00:00", "-00:00", "+01:00", "-05:30"} {
						s := date + sep + clock + frac + zone
						if Problem(s) == "" {
							values = append(values, s)
						}
					}
				}
			}
		}
	}
	shortcuts := 0
	for _, a := range values {
		for _, b := range values {
			want, _ := Compare(a, b)
			if got := CompareValid(a, b); got != want {
				t.Fatalf("CompareValid(%s, %s) = %d, Compare says %d", a, b, got, want)
			}
			if a[10] == b[10] && utc(a) && utc(b) && a[:19] != b[:19] {
				shortcuts++
			}
		}
	}
	if shortcuts < len(values) {
		t.Fatalf("only %d of %d pairs took the shortcut", shortcuts, len(values)*len(values))
	}
}

// TestLayoutByteByByte changes each byte of the fixed-place part of a
// date-time to other bytes, one at a time, and holds Problem to an
// independent reading: a regular expression for the layout, and the time
// package for the ranges of the fields.
func TestLayoutByteByByte(t *testing.T) {
	layout := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?Z$`)
	for _, base := range []string{"2024-01-23T10:15:30Z", "2024-01-23t10:15:30.5Z"} {
		for i := 0; i < 19; i++ {
			for _, c := range []byte("0129/:-Tt a\x00\xff") {
				s := base[:i] + string(c) + base[i+1:]
				want := layout.MatchString(s)
				if want {
					_, err := time.Parse("2006-01-02T15:04:05Z", strings.Replace(s[:19], "t", "T", 1)+"Z")
					want = err == nil
				}
				if got := Problem(s) == ""; got != want {
					t.Errorf("%q: valid=%v, want %v (%s)", s, got, want, Problem(s))
				}
			}
		}
	}
}

// TestProblemClipsWhatItQuotes: whatever follows a date-time, however
// long, a problem quotes at most finding.ClipLength characters of it.
func TestProblemClipsWhatItQuotes(t *testing.T) {
	long := strings.Repeat("A", 5000)
	for _, s := range []string{
		"2024-01-01T00:00:00Z" + long,
		"2024-01-01T00:00:00+01:00" + long,
		"2024-01-01T00:00:00.123z" + long,
		"2024-01-01T00:00:00" + long,
		"2024-01-01" + long,
		long,
	} {
		p := Problem(s)
		if p == "" || len(p) > 300 {
			t.Errorf("%.40q…: problem of %d bytes: %.120q", s, len(p), p)
		}
		if q := Problem([]byte(s)); q != p {
			t.Errorf("%.40q…: the bytes' problem differs", s)
		}
	}
}
