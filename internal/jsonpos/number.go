package jsonpos

import (
	"strconv"
	"strings"
)

// Digits reads the text of a JSON number (RFC 8259, section 6) exactly:
// its sign, its digits from the first significant one on (trailing zeros
// kept; "" for zero), and point, the place of the decimal point among
// them: the value is those digits with the point after the first point
// of them, zeros added to the right for a point past them, and below 1
// for a point of zero or less. A long mantissa can make up for a large
// exponent of either sign: 3 followed by 1,500 zeros and e-1500 has point
// 1, the value 3. For zero, point tells nothing. ok is false when the
// exponent lies beyond int64, whose place no number of digits can make up
// for; neg and digits are still read.
func Digits(text string) (neg bool, digits string, point int64, ok bool) {
	neg = strings.HasPrefix(text, "-")
	mant, expText, hasExp := strings.Cut(strings.TrimPrefix(text, "-"), "e")
	if !hasExp {
		mant, expText, hasExp = strings.Cut(mant, "E")
	}
	whole, frac, _ := strings.Cut(mant, ".")
	all := whole + frac
	digits = strings.TrimLeft(all, "0")
	var exp int64
	if hasExp {
		e, err := strconv.ParseInt(expText, 10, 64)
		if err != nil {
			return neg, digits, 0, false
		}
		exp = e
	}
	return neg, digits, int64(len(whole)-(len(all)-len(digits))) + exp, true
}

// Integer gives the integer that digits and point (as Digits gives them,
// for a number other than zero) make, in plain digits without a sign:
// integer is false when a significant digit comes after the point (the
// number has a fraction); text is "" for an integer of more than max
// digits, which is not written out.
func Integer(digits string, point int64, max int) (text string, integer bool) {
	switch {
	case point < int64(len(strings.TrimRight(digits, "0"))):
		return "", false
	case point > int64(max):
		return "", true
	case point <= int64(len(digits)):
		return digits[:point], true
	}
	return digits + strings.Repeat("0", int(point)-len(digits)), true
}
