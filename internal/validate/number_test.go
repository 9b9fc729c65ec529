package validate

import (
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/vppvalidate/vppvalidate/internal/rules"
)

func TestSchemaNumberKeepsTheAnswers(t *testing.T) {
	cases := []struct {
		in      string
		integer bool
		inInt32 bool
	}{
		{"1e9999999", true, false},
		{"-1e9999999", true, false},
		{"1E+99999999999999999999999", true, false},
		{"1.5e9999999", true, false},
		{"0.000e9999999", true, true}, // zero
		{"0e-99999999", true, true},
		{"1e-9999999", false, false},
		{"-2.5e-99999999999999999999", false, false},
		{"0." + strings.Repeat("1", 2000) + "e1001", false, false},
		{"1e400", true, false},
		{"12", true, true},
		{"-0", true, true},
		// A long mantissa makes up for a large exponent of either sign.
		{"3" + strings.Repeat("0", 1500) + "e-1500", true, true},
		{"-4" + strings.Repeat("0", 1200) + "e-1200", true, true},
		{"2147483648" + strings.Repeat("0", 1100) + "e-1100", true, false},
		{"3" + strings.Repeat("0", 1499) + "1e-1501", false, false},
		{"0." + strings.Repeat("0", 1200) + "5e1201", true, true},
	}
	lo, hi := big.NewRat(-2147483648, 1), big.NewRat(2147483647, 1)
	for _, c := range cases {
		n := schemaNumber(c.in)
		r, ok := new(big.Rat).SetString(n.(interface{ String() string }).String())
		if !ok {
			t.Errorf("%s: stand-in %v is not a number big.Rat reads", c.in, n)
			continue
		}
		// A non-integer fails the Int32 type check before any range check,
		// so only an integer stand-in needs the right range answer.
		if r.IsInt() != c.integer || (c.integer && (r.Cmp(lo) >= 0 && r.Cmp(hi) <= 0) != c.inInt32) {
			t.Errorf("%s -> %v: integer %v in range %v", c.in, n, r.IsInt(), r.Cmp(lo) >= 0 && r.Cmp(hi) <= 0)
		}
	}
}

// TestHugeExponentsDoNotCrashOrHang drives the whole validator: these
// numbers used to make jsonschema/v5 panic (big.Rat refuses them) or take
// seconds each.
func TestHugeExponentsDoNotCrashOrHang(t *testing.T) {
	v, _ := New(Options{})
	src := `{"actionName": "a", "actionState": "done", "startDateTime": "2019-01-23T10:15:30Z", "lastUpdatedDateTime": "2019-01-23T10:15:30Z",
		"totalLicensesCount": 1e9999999, "failedLicensesCount": 1e-9999999, "actionFailureReason": "none", "x": [1e999999, 1e999999, 1e999999]}`
	start := time.Now()
	fs := v.Validate("n.json", []byte(src), rules.Severities{}).Findings
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
	got := rulesOf(fs)
	want := []string{"int32-range /totalLicensesCount", "type /failedLicensesCount", "unknown-property /x"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("got %v, want %v", got, want)
	}
	for _, f := range fs {
		if strings.Contains(f.Message, "1e1000") || strings.Contains(f.Message, "0.5") {
			t.Errorf("a message shows the stand-in instead of the input: %s", f.Message)
		}
	}
}

func TestClip(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "",
		strings.Repeat("a", 64):   strings.Repeat("a", 64),
		strings.Repeat("é", 64):   strings.Repeat("é", 64),
		strings.Repeat("a", 65):   strings.Repeat("a", 63) + "…",
		strings.Repeat("é", 1000): strings.Repeat("é", 63) + "…",
	} {
		if got := clip(in); got != want {
			t.Errorf("clip(%d bytes) = %q, want %q", len(in), got, want)
		}
	}
}

// TestReadDecimal: every number is read exactly as big.Rat reads it
// (whether it is an integer, and its floor), or left to big.Rat when its
// integer part is too long; a generated set of spellings of fractions,
// exponents, signs and zeros adds to the listed ones.
func TestReadDecimal(t *testing.T) {
	texts := []string{"1.0", "10.0", "-2.50e1", "1e3", "1E+3", "0.0", "-0.0e-5", "123456789012345678e0", "1234567890123456789e0",
		"1.5", "1e-1", "0.1e1", "2147483648.0", "-2147483648.000", "9.223372036854775807e18", "1e18", "1e17", "5e-0", "1e401", "1e-401", "100e-2", "0.05e2",
		"1585.5", "-1585.5", "0.5", "-0.5", "-0.0001", "2147483647.5", "-2147483648.5", "2147483648.5", "15e-1", "-15e-1", "1.50e1", "1.55e1",
		"999999999999999999.9", "-999999999999999999.9", "9999999999999999999.9", "0e400", "1e400", "1e-400", "0.000000000000000000001e21", "-1E-0",
		"18446744073709551617", "-18446744073709551617", "10000000000000000000", "99999999999999999999.5", "-1e19", "1e19", "1.5e19", "12345678901234567890123e-3"}
	for _, m := range []string{"0", "1", "7", "10", "25", "100", "123", "999999999999999999", "1000000000000000000"} {
		for _, f := range []string{"", ".0", ".5", ".25", ".000", ".0001", ".999"} {
			for _, e := range []string{"", "e0", "e1", "e-1", "E+2", "e-2", "e-3", "e17", "e-19"} {
				texts = append(texts, m+f+e, "-"+m+f+e)
			}
		}
	}
	for _, text := range texts {
		want, ok := new(big.Rat).SetString(text)
		if !ok {
			t.Fatal(text)
		}
		got := readDecimal(text)
		floor := new(big.Int).Div(want.Num(), want.Denom()) // Euclidean: the floor, as the denominator is positive
		switch {
		case got.small && (got.whole != want.IsInt() || !floor.IsInt64() || floor.Int64() != got.floor):
			t.Errorf("%s: read as floor %d, whole %v; it is %s", text, got.floor, got.whole, want.RatString())
		case !got.small && floor.IsInt64() && len(strings.TrimLeft(floor.String(), "-")) < maxSmallDigits && !strings.Contains(text, "e40"):
			t.Errorf("%s: left to big.Rat, but its floor %s is small", text, floor)
		case got.huge && (got.whole != want.IsInt() || got.neg != (want.Sign() < 0) || new(big.Int).Abs(floor).Cmp(new(big.Int).Exp(big.NewInt(10), big.NewInt(19), nil)) < 0):
			t.Errorf("%s: read as huge (whole %v, negative %v); it is %s", text, got.whole, got.neg, want.RatString())
		}
	}
	for _, text := range []string{"", "-", "1.", "1e", "1e+", ".5", "1x", "--1"} {
		if readDecimal(text).small {
			t.Errorf("%q: read as a number", text)
		}
	}
}
