package validate

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
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
// (An integer within 30 digits is handed over as its digits.)
// Findings quote the original text, never the stand-in.
func schemaNumber(text string) any {
	_, expText, hasExp := strings.Cut(strings.ToLower(text), "e")
	if !hasExp {
		return json.Number(text)
	}
	exp, err := strconv.ParseInt(expText, 10, 64)
	if err == nil && exp >= -maxExponent && exp <= maxExponent {
		return json.Number(text)
	}
	huge := strings.TrimPrefix(expText, "+")[0] != '-' // the exponent's sign, whatever its size
	neg, digits, point, exact := jsonpos.Digits(text)
	sign := ""
	if neg {
		sign = "-"
	}
	if digits == "" {
		return json.Number("0") // zero times anything
	}
	if !exact {
		// An exponent beyond int64, which no mantissa in an input of
		// bounded size makes up for: a huge integer, or a tiny
		// non-integer.
		if huge {
			return json.Number(sign + "1e" + strconv.Itoa(maxExponent))
		}
		return json.Number(sign + "0.5")
	}
	switch digits, integer := jsonpos.Integer(digits, point, 30); {
	case !integer:
		return json.Number(sign + "0.5")
	case digits == "":
		return json.Number(sign + "1e" + strconv.Itoa(maxExponent))
	default:
		return json.Number(sign + digits)
	}
}
