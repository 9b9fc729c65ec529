// Package rfc3339 reads the date-times Graph sends for Edm.DateTimeOffset,
// strictly, and says in words what is wrong with one that is not valid.
package rfc3339

import (
	"fmt"
	"time"
)

// Problem checks s against RFC 3339's date-time production as Graph
// uses it for Edm.DateTimeOffset: YYYY-MM-DDThh:mm:ss, an optional fraction
// of any length, and a zone that is Z or ±hh:mm. T and Z may be lower case
// (RFC 3339, 5.6). It returns "" for a valid value and otherwise a short
// phrase that says what is wrong, for a person to read.
//
// jsonschema/v5's own date-time format is not strict enough: it takes the
// time part apart with a parser that accepts a sign in front of the hour.
func Problem(s string) string {
	const shape = "YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)"
	digits := func(i, n int) (int, bool) {
		if i+n > len(s) {
			return 0, false
		}
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	at := func(i int, c byte) bool { return i < len(s) && s[i] == c }

	year, ok1 := digits(0, 4)
	month, ok2 := digits(5, 2)
	day, ok3 := digits(8, 2)
	if !ok1 || !ok2 || !ok3 || !at(4, '-') || !at(7, '-') {
		return "the date is not written as YYYY-MM-DD; expected " + shape
	}
	if !at(10, 'T') && !at(10, 't') {
		if len(s) == 10 {
			return "it is a date without a time; expected " + shape
		}
		return "the date and time must be separated by T; expected " + shape
	}
	hour, ok1 := digits(11, 2)
	minute, ok2 := digits(14, 2)
	if !ok1 || !ok2 || !at(13, ':') {
		return "the time is not written as hh:mm:ss; expected " + shape
	}
	if !at(16, ':') {
		return "the time has no seconds; expected " + shape
	}
	second, ok := digits(17, 2)
	if !ok {
		return "the time is not written as hh:mm:ss; expected " + shape
	}
	i := 19
	if at(i, '.') {
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i+1 {
			return "the decimal point must be followed by digits; expected " + shape
		}
		i = j
	}
	offset := 0 // minutes east of UTC
	switch {
	case i == len(s):
		return "the zone is missing (add Z for UTC or an offset such as +01:00)"
	case s[i] == 'Z' || s[i] == 'z':
		i++
	case s[i] == '+' || s[i] == '-':
		oh, ok1 := digits(i+1, 2)
		om, ok2 := digits(i+4, 2)
		if !ok1 || !ok2 || !at(i+3, ':') {
			return "the zone offset is not written as ±hh:mm"
		}
		if oh > 23 || om > 59 {
			return fmt.Sprintf("the zone offset %s is out of range", s[i:i+6])
		}
		offset = oh*60 + om
		if s[i] == '-' {
			offset = -offset
		}
		i += 6
	default:
		return "the zone is not Z or ±hh:mm"
	}
	if i != len(s) {
		return fmt.Sprintf("unexpected %q after the zone", s[i:])
	}
	switch {
	case month < 1 || month > 12:
		return fmt.Sprintf("month %02d does not exist", month)
	case day < 1 || day > daysIn(year, month):
		return fmt.Sprintf("day %02d does not exist in %s %04d", day, time.Month(month), year)
	case hour > 23:
		return fmt.Sprintf("hour %02d is out of range 00-23", hour)
	case minute > 59:
		return fmt.Sprintf("minute %02d is out of range 00-59", minute)
	case second > 60:
		return fmt.Sprintf("second %02d is out of range 00-59", second)
	case second == 60:
		// A leap second is inserted at the end of a UTC day only.
		utc := ((hour*60+minute-offset)%1440 + 1440) % 1440
		if utc != 23*60+59 {
			return "second 60 (a leap second) can only follow 23:59 UTC"
		}
	}
	return ""
}

// Instant returns the moment s names, as seconds since the Unix epoch and
// the fraction's digits (without trailing zeros, so that two instants
// compare by seconds, then by fraction as text). ok is false for a value
// Problem rejects. A leap second reads as the first second of the next
// minute.
func Instant(s string) (sec int64, frac string, ok bool) {
	if Problem(s) != "" {
		return 0, "", false
	}
	num := func(i, n int) int {
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			v = v*10 + int(c-'0')
		}
		return v
	}
	t := time.Date(num(0, 4), time.Month(num(5, 2)), num(8, 2), num(11, 2), num(14, 2), num(17, 2), 0, time.UTC)
	i := 19
	if s[i] == '.' {
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		frac = s[i+1 : j]
		for len(frac) > 0 && frac[len(frac)-1] == '0' {
			frac = frac[:len(frac)-1]
		}
		i = j
	}
	sec = t.Unix()
	if s[i] == '+' || s[i] == '-' {
		off := int64(num(i+1, 2)*3600 + num(i+4, 2)*60)
		if s[i] == '+' {
			sec -= off
		} else {
			sec += off
		}
	}
	return sec, frac, true
}

// Compare orders two valid date-times by the instant they name: -1, 0 or
// +1. ok is false when either is not valid.
func Compare(a, b string) (c int, ok bool) {
	as, af, ok1 := Instant(a)
	bs, bf, ok2 := Instant(b)
	if !ok1 || !ok2 {
		return 0, false
	}
	switch {
	case as < bs:
		return -1, true
	case as > bs:
		return 1, true
	}
	// Same second: compare fractions digit by digit, shorter ones padded
	// with zeros.
	for i := 0; i < max(len(af), len(bf)); i++ {
		x, y := byte('0'), byte('0')
		if i < len(af) {
			x = af[i]
		}
		if i < len(bf) {
			y = bf[i]
		}
		if x != y {
			if x < y {
				return -1, true
			}
			return 1, true
		}
	}
	return 0, true
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
