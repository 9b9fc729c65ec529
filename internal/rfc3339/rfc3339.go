// Package rfc3339 reads the date-times Graph sends for Edm.DateTimeOffset,
// strictly, and says in words what is wrong with one that is not valid.
package rfc3339

import (
	"fmt"
	"strings"
	"time"

	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// Text is what the functions here read: a decoded string, or the bytes of
// a JSON string without escapes, read in place.
type Text interface{ ~string | ~[]byte }

// Problem checks s against RFC 3339's date-time production as Graph
// uses it for Edm.DateTimeOffset: YYYY-MM-DDThh:mm:ss, an optional fraction
// of any length, and a zone that is Z or ±hh:mm. T and Z may be lower case
// (RFC 3339, 5.6). It returns "" for a valid value and otherwise a short
// phrase that says what is wrong, for a person to read.
//
// jsonschema/v5's own date-time format is not strict enough: it takes the
// time part apart with a parser that accepts a sign in front of the hour.
func Problem[T Text](s T) string {
	_, _, problem := read(s)
	return problem
}

// shape is how a date-time is written, for messages.
const shape = "YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)"

// fields are the numbers of a date-time.
type fields struct {
	year, month, day, hour, minute, second int
	offset                                 int // minutes east of UTC
}

// read takes a date-time apart in one pass. frac is the fraction's digits
// without trailing zeros; problem is "" for a valid value.
func read[T Text](s T) (f fields, frac T, problem string) {
	digits := func(i, n int) (int, bool) {
		if i+n > len(s) {
			return 0, false
		}
		v := 0
		for k := i; k < i+n; k++ {
			c := s[k]
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	at := func(i int, c byte) bool { return i < len(s) && s[i] == c }

	if !laidOut(s) {
		return f, frac, layoutProblem(s)
	}
	f.year = num(s[0])*1000 + num(s[1])*100 + num(s[2])*10 + num(s[3])
	f.month = num(s[5])*10 + num(s[6])
	f.day = num(s[8])*10 + num(s[9])
	f.hour = num(s[11])*10 + num(s[12])
	f.minute = num(s[14])*10 + num(s[15])
	f.second = num(s[17])*10 + num(s[18])
	i := 19
	if at(i, '.') {
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i+1 {
			return f, frac, "the decimal point must be followed by digits; expected " + shape
		}
		frac = s[i+1 : j]
		for len(frac) > 0 && frac[len(frac)-1] == '0' {
			frac = frac[:len(frac)-1]
		}
		i = j
	}
	switch {
	case i == len(s):
		return f, frac, "the zone is missing (add Z for UTC or an offset such as +01:00)"
	case s[i] == 'Z' || s[i] == 'z':
		i++
	case s[i] == '+' || s[i] == '-':
		oh, ok1 := digits(i+1, 2)
		om, ok2 := digits(i+4, 2)
		if !ok1 || !ok2 || !at(i+3, ':') {
			return f, frac, "the zone offset is not written as ±hh:mm"
		}
		if oh > 23 || om > 59 {
			return f, frac, fmt.Sprintf("the zone offset %s is out of range", s[i:i+6])
		}
		f.offset = oh*60 + om
		if s[i] == '-' {
			f.offset = -f.offset
		}
		i += 6
	default:
		return f, frac, "the zone is not Z or ±hh:mm"
	}
	if i != len(s) {
		return f, frac, fmt.Sprintf("unexpected %q after the zone", finding.Clip(string(s[i:])))
	}
	switch {
	case f.month < 1 || f.month > 12:
		return f, frac, fmt.Sprintf("month %02d does not exist", f.month)
	case f.day < 1 || f.day > daysIn(f.year, f.month):
		return f, frac, fmt.Sprintf("day %02d does not exist in %s %04d", f.day, time.Month(f.month), f.year)
	case f.hour > 23:
		return f, frac, fmt.Sprintf("hour %02d is out of range 00-23", f.hour)
	case f.minute > 59:
		return f, frac, fmt.Sprintf("minute %02d is out of range 00-59", f.minute)
	case f.second > 60:
		return f, frac, fmt.Sprintf("second %02d is out of range 00-59", f.second)
	case f.second == 60:
		// A leap second is inserted at the end of a UTC day only.
		utc := ((f.hour*60+f.minute-f.offset)%1440 + 1440) % 1440
		if utc != 23*60+59 {
			return f, frac, "second 60 (a leap second) can only follow 23:59 UTC"
		}
	}
	return f, frac, ""
}

// laidOut tells whether s begins with YYYY-MM-DDThh:mm:ss (T in either
// case), every field in its place; read takes the numbers from there.
func laidOut[T Text](s T) bool {
	if len(s) < 19 {
		return false
	}
	d := func(c byte) bool { return c-'0' <= 9 }
	return d(s[0]) && d(s[1]) && d(s[2]) && d(s[3]) && s[4] == '-' &&
		d(s[5]) && d(s[6]) && s[7] == '-' && d(s[8]) && d(s[9]) &&
		(s[10] == 'T' || s[10] == 't') &&
		d(s[11]) && d(s[12]) && s[13] == ':' && d(s[14]) && d(s[15]) &&
		s[16] == ':' && d(s[17]) && d(s[18])
}

// layoutProblem says what keeps s from beginning as laidOut wants, field
// by field, for a value laidOut refuses.
func layoutProblem[T Text](s T) string {
	digits := func(i, n int) bool {
		if i+n > len(s) {
			return false
		}
		for k := i; k < i+n; k++ {
			if s[k] < '0' || s[k] > '9' {
				return false
			}
		}
		return true
	}
	at := func(i int, c byte) bool { return i < len(s) && s[i] == c }
	switch {
	case !digits(0, 4) || !at(4, '-') || !digits(5, 2) || !at(7, '-') || !digits(8, 2):
		return "the date is not written as YYYY-MM-DD; expected " + shape
	case !at(10, 'T') && !at(10, 't') && len(s) == 10:
		return "it is a date without a time; expected " + shape
	case !at(10, 'T') && !at(10, 't'):
		return "the date and time must be separated by T; expected " + shape
	case !digits(11, 2) || !at(13, ':') || !digits(14, 2):
		return "the time is not written as hh:mm:ss; expected " + shape
	case !at(16, ':'):
		return "the time has no seconds; expected " + shape
	}
	return "the time is not written as hh:mm:ss; expected " + shape
}

// Instant returns the moment s names: sec, the Unix time of the second it
// falls in (seconds since 1970-01-01T00:00:00Z, every day 86400 of them),
// leap, and frac, the fraction's digits without trailing zeros. ok is false
// for a value Problem rejects. Unix time gives a leap second (hh:mm:60 at
// 23:59 UTC, RFC 3339 section 5.7) no number of its own, so for one sec is
// that of the second before it, 23:59:59 UTC, and leap is true: the leap
// second follows every instant of that second and precedes the next day's
// 00:00:00 (RFC 3339, section 5.7). Two instants therefore order by sec,
// then leap (false first), then frac as text padded with zeros (Compare).
func Instant[T Text](s T) (sec int64, leap bool, frac T, ok bool) {
	f, frac, problem := read(s)
	if problem != "" {
		return 0, false, frac, false
	}
	if f.second == 60 {
		f.second, leap = 59, true
	}
	sec = daysSinceEpoch(f.year, f.month, f.day)*86400 +
		int64(f.hour*3600+f.minute*60+f.second-f.offset*60)
	return sec, leap, frac, true
}

// daysSinceEpoch counts the days from 1970-01-01 to a date of the
// proleptic Gregorian calendar, with the usual shift of the year to begin
// in March so that the leap day comes last.
func daysSinceEpoch(year, month, day int) int64 {
	y := int64(year)
	if month <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era-- // floor division for years before 0
	}
	yoe := y - era*400
	m := int64(month)
	if m > 2 {
		m -= 3
	} else {
		m += 9
	}
	doy := (153*m+2)/5 + int64(day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// Compare orders two valid date-times by the instant they name: -1, 0 or
// +1. ok is false when either is not valid.
func Compare[T Text](a, b T) (c int, ok bool) {
	as, al, af, ok1 := Instant(a)
	bs, bl, bf, ok2 := Instant(b)
	if !ok1 || !ok2 {
		return 0, false
	}
	switch {
	case as < bs:
		return -1, true
	case as > bs:
		return 1, true
	case al != bl:
		// Within one second of Unix time, the leap second comes last.
		if bl {
			return -1, true
		}
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

// CompareValid is Compare for two date-times that Problem accepts, which
// it does not check again: -1, 0 or +1, and an unspecified order for
// any other text. Two instants in UTC (a zone of Z) whose seconds differ
// order as their first 19 characters do, since every field stands at a
// fixed place, a leap second (23:59:60) too, as it comes after 23:59:59
// and before the next day; offsets and instants in the same second are
// left to Compare.
func CompareValid(a, b string) int {
	if len(a) >= 20 && len(b) >= 20 && a[10] == b[10] && utc(a) && utc(b) {
		if c := strings.Compare(a[:19], b[:19]); c != 0 {
			return c
		}
	}
	c, _ := Compare(a, b)
	return c
}

// utc tells whether a valid date-time is in UTC.
func utc(s string) bool {
	z := s[len(s)-1]
	return z == 'Z' || z == 'z'
}

// daysIn is the length of a month of the proleptic Gregorian calendar.
func daysIn(year, month int) int {
	switch {
	case month == 2 && year%4 == 0 && (year%100 != 0 || year%400 == 0):
		return 29
	case month == 2:
		return 28
	case month == 4 || month == 6 || month == 9 || month == 11:
		return 30
	}
	return 31
}

// DotnetProblem says why .NET's DateTimeOffset, which Graph's .NET and
// PowerShell clients read Edm.DateTimeOffset into, cannot hold a valid
// date-time exactly, or "" when it can (and for a value Problem rejects).
// DateTimeOffset refuses an offset beyond ±14:00 and an instant outside
// 0001-01-01T00:00:00Z..9999-12-31T23:59:59.9999999Z, and keeps 100 ns
// ticks, so a fraction with more than seven significant digits is
// rounded (the .NET API documentation of System.DateTimeOffset).
func DotnetProblem[T Text](s T) string {
	if dotnetSafe(s) {
		return ""
	}
	return dotnetProblem(s)
}

// dotnetProblem is DotnetProblem without the shortcut: it takes s apart.
func dotnetProblem[T Text](s T) string {
	f, frac, problem := read(s)
	if problem != "" {
		return ""
	}
	local := f.hour*60 + f.minute
	switch {
	case f.offset > 14*60 || f.offset < -14*60:
		return "its offset lies beyond ±14:00, which .NET's DateTimeOffset refuses"
	case f.year == 0 || f.year == 1 && f.month == 1 && f.day == 1 && local < f.offset:
		return "it lies before 0001-01-01T00:00:00Z, the first instant .NET's DateTimeOffset holds"
	case f.year == 9999 && f.month == 12 && f.day == 31 && local-f.offset >= 24*60:
		return "it lies after 9999-12-31T23:59:59.9999999Z, the last instant .NET's DateTimeOffset holds"
	case len(frac) > 7:
		return fmt.Sprintf("its fraction has %d significant digits; .NET's DateTimeOffset keeps 7 (100-nanosecond ticks) and rounds the rest", len(frac))
	}
	return ""
}

// dotnetSafe tells, from a few characters, that DotnetProblem has nothing
// to say about s: in a valid date-time every field stands at a fixed
// place, so a year from 0002 to 9998, a fraction of at most seven digits
// and a zone of Z or of an offset within ±14:00 leave no problem. It
// answers false whenever it cannot tell, and for most invalid values, for
// which DotnetProblem says nothing either way. Nearly every date-time
// Graph sends passes, and is then not taken apart a second time (the
// format check has done it once).
func dotnetSafe[T Text](s T) bool {
	if len(s) < 20 {
		return false
	}
	// The fields are read as numbers without a look at whether they are
	// digits: in a valid date-time they are, and for any other text
	// DotnetProblem says nothing whatever the answer. (Comparing them as
	// strings was half of this function's time.)
	if year := num(s[0])*1000 + num(s[1])*100 + num(s[2])*10 + num(s[3]); year < 2 || year > 9998 {
		return false
	}
	i := 19
	if s[i] == '.' {
		j := i + 1
		for j < len(s) && j-i <= 8 && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-i-1 > 7 {
			return false
		}
		i = j
	}
	switch {
	case i == len(s)-1:
		return s[i] == 'Z' || s[i] == 'z'
	case i == len(s)-6 && (s[i] == '+' || s[i] == '-'):
		hh := num(s[i+1])*10 + num(s[i+2])
		return hh < 14 || hh == 14 && s[i+4] == '0' && s[i+5] == '0'
	}
	return false
}

// num is a digit's value (and something above 9 for any other byte).
func num(c byte) int { return int(c - '0') }
