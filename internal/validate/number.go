package validate

import (
	"encoding/json"
	"strconv"
	"strings"
)

// maxExponent bounds the decimal exponents handed to jsonschema/v5 as
// written. v5 reads every number into a big.Rat: 1e999999 costs a tenth of
// a second, and from about 1e10000000 on big.Rat refuses the text and v5
// dereferences the nil result and panics.
const maxExponent = 1000

// schemaNumber gives v5 a number it can handle in bounded time: the
// literal itself, or, for an exponent beyond ±maxExponent, a stand-in with
// the same sign and the same answers to the only questions the schemas
// ask of a number: is it an integer, and is it inside the Int32 range?
// Findings quote the original text, never the stand-in.
func schemaNumber(text string) any {
	mant, expText, hasExp := strings.Cut(strings.ToLower(text), "e")
	if !hasExp {
		return json.Number(text)
	}
	exp, err := strconv.ParseInt(expText, 10, 64)
	if err == nil && exp >= -maxExponent && exp <= maxExponent {
		return json.Number(text)
	}
	huge := strings.TrimPrefix(expText, "+")[0] != '-' // the exponent's sign, whatever its size
	sign := ""
	if strings.HasPrefix(mant, "-") {
		sign, mant = "-", mant[1:]
	}
	whole, frac, _ := strings.Cut(mant, ".")
	if strings.Trim(whole+frac, "0") == "" {
		return json.Number("0") // zero times anything
	}
	// With a huge positive exponent the value is an integer unless the
	// fraction has more significant digits than the exponent shifts;
	// with a huge negative one it is a tiny non-integer.
	if huge && int64(len(strings.TrimRight(frac, "0"))) <= exp || huge && err != nil {
		return json.Number(sign + "1e" + strconv.Itoa(maxExponent))
	}
	return json.Number(sign + "0.5")
}
