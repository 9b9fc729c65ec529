// Package finding holds the plain data that every layer of vppvalidate
// shares: a located finding, its severity, and the one summary of a run.
//
// It sits at the bottom of the import graph so that the reader, the
// validator, the linter and the formatters can all speak of findings
// without depending on each other.
package finding

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Severity ranks a finding. The zero value is Off, which no emitted finding
// carries: it means a rule has been switched off.
type Severity uint8

// The severities, from silent to most serious. Their order matters:
// comparisons such as s >= Warning are used for --fail-on and --quiet.
const (
	Off Severity = iota
	Info
	Warning
	Error
	// None is above every severity a finding can have. It is a threshold
	// only ("--fail-on none": nothing fails), never a finding's severity,
	// and ParseSeverity does not accept it.
	None
)

var severityNames = [...]string{Off: "off", Info: "info", Warning: "warning", Error: "error", None: "none"}

// String returns the lower-case name used in every output format.
func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("severity(%d)", uint8(s))
}

// ParseSeverity turns a name such as "warning" into a Severity.
func ParseSeverity(name string) (Severity, error) {
	for s, n := range severityNames[:None] {
		if n == name {
			return Severity(s), nil
		}
	}
	return Off, fmt.Errorf("unknown severity %q (want error, warning, info or off)", name)
}

// MarshalText makes a Severity render as its name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a Severity from its name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Finding is one problem, located in one input. It is created once, with
// everything a formatter needs; formatters only render it.
//
// The field order and JSON names are part of the -o json interface.
type Finding struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`   // 1-based
	Column   int      `json:"column"` // 1-based, counted in characters
	Pointer  string   `json:"pointer"`
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	// Call is, for a finding in recorded traffic, the call whose response
	// it is about: its method and request URL, as the message's prefix
	// names it. Empty for a plain payload. Baselines key on it, since the
	// pointer is the response body's own.
	Call string `json:"call,omitempty"`
	// Response is, for a finding inside one of the responses of a JSON
	// $batch answer, that response's "id", which ties it to its request
	// whatever the order Graph answers in; empty otherwise, and when the
	// response has no id. Baselines key on it, since the response's index
	// in the pointer may change from one recording to the next.
	Response string `json:"-"`

	// Offset is the byte offset of the located byte in the file. It orders
	// findings within a file and never leaves the process.
	Offset int64 `json:"-"`
}

// Compare orders findings within one file: by position, then by rule and
// message so that equal positions still sort the same way every run.
func Compare(a, b Finding) int {
	// Field by field, stopping at the first that differs (cmp.Or would
	// compare them all, messages included, every time).
	if c := cmp.Compare(a.Offset, b.Offset); c != 0 {
		return c
	}
	if c := strings.Compare(a.Pointer, b.Pointer); c != 0 {
		return c
	}
	if c := strings.Compare(a.Call, b.Call); c != 0 {
		return c
	}
	if c := strings.Compare(a.Rule, b.Rule); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}

// Sort puts the findings of one file in their reading order.
func Sort(fs []Finding) { slices.SortStableFunc(fs, Compare) }

// Summary counts what a run looked at and what it found. It is computed
// once, by the caller that owns the findings; formatters never count.
type Summary struct {
	Files     int `json:"files"`
	Resources int `json:"resources"`
	Errors    int `json:"errors"`
	Warnings  int `json:"warnings"`
	Infos     int `json:"infos"`
	// Suppressed counts the findings a baseline accepted; they are in
	// none of the counts above. Omitted from JSON when no baseline is used.
	Suppressed int `json:"suppressed,omitempty"`
	// Recorded counts the findings a run with --write-baseline recorded;
	// they are not listed, and in none of the counts above either.
	Recorded int `json:"recorded,omitempty"`
	// Unreadable counts the inputs that could not be read to their end;
	// any makes the exit code 2. Omitted from JSON when there are none.
	Unreadable int `json:"unreadable,omitempty"`
	// Skipped counts the calls in recorded traffic (HAR files, cassettes)
	// that were not checked: not to Graph, not a JSON success, or not
	// about the VPP model. Omitted from JSON when there are none.
	Skipped int `json:"skipped,omitempty"`
	// OffHost counts those of the Skipped calls whose host is not
	// Graph's, and Calls the recorded calls whose body was checked. They
	// decide whether a run says how to count a proxy's host; they are not
	// part of any report.
	OffHost int `json:"-"`
	Calls   int `json:"-"`
}

// MaxHosts is how many hosts Summary.OffHosts names at most.
const MaxHosts = 3

// AddHost returns hosts with host added at its end, unless host is "",
// is there already, or hosts holds MaxHosts.
func AddHost(hosts []string, host string) []string {
	if host == "" || len(hosts) >= MaxHosts || slices.Contains(hosts, host) {
		return hosts
	}
	return append(hosts, host)
}

// Add counts one finding.
func (s *Summary) Add(f Finding) {
	switch f.Severity {
	case Error:
		s.Errors++
	case Warning:
		s.Warnings++
	case Info:
		s.Infos++
	}
}

// AddCounts adds o's counts of errors, warnings and infos to s.
func (s *Summary) AddCounts(o Summary) {
	s.Errors += o.Errors
	s.Warnings += o.Warnings
	s.Infos += o.Infos
}

// Worst returns the highest severity counted, or Off when nothing was found.
func (s Summary) Worst() Severity {
	switch {
	case s.Errors > 0:
		return Error
	case s.Warnings > 0:
		return Warning
	case s.Infos > 0:
		return Info
	}
	return Off
}

// ClipLength is how many characters of a value a message quotes at most.
const ClipLength = 64

// Clip shortens a value quoted in a message to ClipLength characters,
// ending it with "…" when cut, so that a huge value cannot flood a report.
func Clip(s string) string {
	n := 0
	for i := range s {
		if n == ClipLength-1 {
			// More than one rune left: cut here. Looking at one rune
			// keeps a 100 MB string from being counted, let alone copied.
			if _, size := utf8.DecodeRuneInString(s[i:]); i+size < len(s) {
				return s[:i] + "…"
			}
			return s
		}
		n++
	}
	return s
}

// Count words a number of things for a message: "1 finding",
// "0 findings", "3 findings", with the singular and plural given.
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Article puts "a" or "an" before a noun for a message, by its first
// letter ("an entity", "a vppToken"): the nouns of vppvalidate's messages
// are type names and JSON kinds, none of which starts with a silent h or
// a "you" sound.
func Article(noun string) string {
	if noun != "" && strings.ContainsRune("aeiouAEIOU", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

// GeneralPointer replaces every reference token of a JSON pointer that is
// an array index (digits only) with "*": /value/17/actionState becomes
// /value/*/actionState. One mistake repeated in every item of a collection
// then has one general pointer, so it can be counted, or accepted in a
// baseline, as one entry with a count.
func GeneralPointer(ptr string) string {
	// One pass, and no allocation for a pointer without an index: this
	// runs for every finding past --max-findings.
	var out []byte
	last := 0 // of ptr, copied to out up to here
	for i := 0; i < len(ptr); {
		if ptr[i] != '/' {
			i++
			continue
		}
		j := i + 1
		for j < len(ptr) && ptr[j] >= '0' && ptr[j] <= '9' {
			j++
		}
		if j > i+1 && (j == len(ptr) || ptr[j] == '/') {
			out = append(append(out, ptr[last:i+1]...), '*')
			last = j
		}
		i = j
	}
	if out == nil {
		return ptr
	}
	return string(append(out, ptr[last:]...))
}
