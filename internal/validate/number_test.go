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

// TestDecimalInteger: the integers written with a fraction or an
// exponent are read exactly, as big.Rat reads them; anything else is
// left to big.Rat.
func TestDecimalInteger(t *testing.T) {
	for _, text := range []string{"1.0", "10.0", "-2.50e1", "1e3", "1E+3", "0.0", "-0.0e-5", "123456789012345678e0", "1234567890123456789e0",
		"1.5", "1e-1", "0.1e1", "2147483648.0", "-2147483648.000", "9.223372036854775807e18", "1e18", "1e17", "5e-0", "1e401", "1e-401", "100e-2", "0.05e2"} {
		want, ok := new(big.Rat).SetString(text)
		if !ok {
			t.Fatal(text)
		}
		n, err := decimalInteger(text)
		switch {
		case err == nil && (!want.IsInt() || want.Cmp(new(big.Rat).SetInt64(n)) != 0):
			t.Errorf("%s: read as %d, is %s", text, n, want.RatString())
		case err != nil && want.IsInt() && want.Num().IsInt64() && len(strings.TrimLeft(want.Num().String(), "-")) <= 18 && !strings.Contains(text, "e40"):
			t.Errorf("%s: %v, but it is the integer %s", text, err, want.RatString())
		}
	}
}
