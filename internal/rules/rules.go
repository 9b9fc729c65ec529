// Package rules is the catalogue of every check vppvalidate can report:
// one sorted list of rule IDs, each with a one-line description and a
// default severity, plus the per-run table of effective severities.
//
// Rule IDs are an interface: users write them in CI settings and flags, so
// an ID never changes once published.
package rules

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/finding"
)

// Rule describes one check.
type Rule struct {
	ID      string           // kebab-case, stable
	Doc     string           // one line, lower case, no final period
	Default finding.Severity // severity unless configured otherwise
	// Explain is the longer explanation printed by --explain and used as
	// help by report formats: what the rule reports and why, then a bad
	// and a good example. Plain text with indented example blocks.
	Explain string
}

// The rule IDs, named so that code refers to them without string typos.
const (
	Syntax          = "syntax"
	DuplicateKey    = "duplicate-key"
	Type            = "type"
	Int32Range      = "int32-range"
	Enum            = "enum"
	DateTime        = "date-time"
	ODataType       = "odata-type"
	UnknownProperty = "unknown-property"
	MissingProperty = "missing-property"
)

// catalogue lists every rule, sorted by ID (a test keeps it so).
var catalogue = trimmed([]Rule{
	{DateTime, "a DateTimeOffset value is not an RFC 3339 date-time with seconds and a zone", finding.Error, `
Graph serialises Edm.DateTimeOffset as an RFC 3339 date-time: a full date,
T, a time with seconds, an optional fraction of any length (Graph sends
seven digits) and a zone, Z or ±hh:mm. Dates that do not exist, a missing
zone or missing seconds, and shapes some parsers accept anyway (a signed
hour such as T+1:00:00) are reported. A leap second (:60) is accepted only
at 23:59 UTC.

Bad:
    "startDateTime": "2019-01-23T10:15:30"
    "startDateTime": "2024-01-01T+1:00:00Z"
Good:
    "startDateTime": "2019-01-23T10:15:30.1234567Z"
    "startDateTime": "2019-01-23T11:15:30+01:00"
`},
	{DuplicateKey, "a member name appears twice in one object", finding.Error, `
JSON readers disagree on what a repeated member name means: Go's
encoding/json and most others silently keep the last value, some keep the
first, some fail. A fixture with a repeated name does not say one thing.
The finding points at the second occurrence.

Bad:
    {"actionState": "failed", "actionName": "RevokeLicenses", "actionState": "done"}
Good:
    {"actionState": "failed", "actionName": "RevokeLicenses"}
`},
	{Enum, "a value is not one of its enum's documented members (case-sensitive)", finding.Error, `
actionState and vppTokenActionFailureReason are enums: their values are
the documented member names, spelled exactly (case matters) and one at a
time (they are not flags enums). The message lists the members and
suggests the closest one. Graph adds members over time; if a new one shows
up before vppvalidate knows it, lower the rule with --severity
enum=warning to keep a build green.

Bad:
    "actionState": "Failed"
    "actionFailureReason": "expiredToken"
Good:
    "actionState": "failed"
    "actionFailureReason": "expiredVppToken"
`},
	{Int32Range, "an Int32 value lies outside -2147483648..2147483647", finding.Error, `
Edm.Int32 holds whole numbers from -2147483648 to 2147483647. Numbers are
compared exactly as written, never through a float, so
99999999999999999999 is reported rather than rounded. A fraction such as
1.5 is a type finding instead.

Bad:
    "totalLicensesCount": 2147483648
    "failedLicensesCount": 3e9
Good:
    "totalLicensesCount": 2147483647
`},
	{MissingProperty, "a documented property is absent", finding.Warning, `
Graph returns every property of a resource, with null where it has no
value and null is allowed. A fixture that lacks one was probably edited by
hand or cut short, and code tested against it never sees the real shape.
The finding points at the object and names the property.

Bad:
    {"@odata.type": "#microsoft.graph.vppTokenRevokeLicensesActionResult", "actionState": "done"}
Good:
    {"@odata.type": "#microsoft.graph.vppTokenActionResult", "actionName": null,
     "actionState": "done", "startDateTime": "2019-01-23T10:15:30Z",
     "lastUpdatedDateTime": "2019-01-23T10:15:30Z"}
`},
	{ODataType, "@odata.type names no known type, or not one that fits where it stands", finding.Error, `
@odata.type says which type an object is, and so which properties it may
have. It must be a string naming a known type in the microsoft.graph
namespace (vppTokenActionResult or vppTokenRevokeLicensesActionResult), and
where a type is declared (--type) it must be that type or one derived from
it. A misspelt type gets a suggestion. The rest of the object is still
checked, as if @odata.type were absent.

Bad:
    "@odata.type": "#microsoft.graph.vppTokenRevokeLicenseActionResult"
    "@odata.type": "#vppTokenActionResult"
Good:
    "@odata.type": "#microsoft.graph.vppTokenRevokeLicensesActionResult"
`},
	{Syntax, "the file is not well-formed UTF-8 JSON", finding.Error, `
The file could not be read as one JSON text: it is empty or only white
space, has a trailing comma, something after the value, an unescaped
control character, invalid UTF-8, a lone UTF-16 surrogate escape, or it was
saved as UTF-16 (Windows PowerShell 5.1's default). The finding points at
the byte where reading stopped; nothing after it is checked.

Bad:
    {"actionName": "RevokeLicenses", "actionState": "done",}
Good:
    {"actionName": "RevokeLicenses", "actionState": "done"}
`},
	{Type, "a value has the wrong JSON type, or is null where null is not allowed", finding.Error, `
Every property has one JSON type: strings for String, enums and
DateTimeOffset, integers for Int32. Only actionName may be null. A number in
quotes, a fraction where an integer belongs, or null in a property that
does not allow it is reported, as is a resource that is not an object.

Bad:
    "totalLicensesCount": "10"
    "failedLicensesCount": 2.5
    "actionState": null
Good:
    "totalLicensesCount": 10
    "actionName": null
`},
	{UnknownProperty, "a property that the documented model does not have", finding.Warning, `
The property is not part of the resource's documented type: often a typo,
a property of another type (check @odata.type), or one the service added
after vppvalidate's schemas were written. Annotations, any name containing
@, are never reported. --strict makes this an error.

Bad:
    "failedLicenseCount": 0
Good:
    "failedLicensesCount": 0
`},
})

// trimmed strips the blank lines that the raw strings above start and end
// with.
func trimmed(rs []Rule) []Rule {
	for i := range rs {
		rs[i].Explain = strings.TrimSpace(rs[i].Explain)
	}
	return rs
}

// All returns the catalogue, sorted by ID.
func All() []Rule { return slices.Clone(catalogue) }

// Lookup finds a rule by ID.
func Lookup(id string) (Rule, bool) {
	i := sort.Search(len(catalogue), func(i int) bool { return catalogue[i].ID >= id })
	if i < len(catalogue) && catalogue[i].ID == id {
		return catalogue[i], true
	}
	return Rule{}, false
}

// UnknownError is the error for a rule ID that is not in the catalogue.
func UnknownError(id string) error {
	ids := make([]string, len(catalogue))
	for i, r := range catalogue {
		ids[i] = r.ID
	}
	return fmt.Errorf("unknown rule %q (known rules: %s)", id, strings.Join(ids, ", "))
}

// Severities maps each rule to the severity it reports with in one run or
// for one file. The zero value uses every rule's default.
type Severities struct {
	set map[string]finding.Severity
}

// Set changes the severity of a rule; Off disables it. It fails for a rule
// that is not in the catalogue.
func (s *Severities) Set(id string, sev finding.Severity) error {
	if _, ok := Lookup(id); !ok {
		return UnknownError(id)
	}
	if s.set == nil {
		s.set = make(map[string]finding.Severity)
	}
	s.set[id] = sev
	return nil
}

// Of returns the severity a rule reports with.
func (s Severities) Of(id string) finding.Severity {
	if sev, ok := s.set[id]; ok {
		return sev
	}
	r, _ := Lookup(id)
	return r.Default
}

// Clone returns an independent copy, so that per-file settings can start
// from the run's.
func (s Severities) Clone() Severities {
	if s.set == nil {
		return Severities{}
	}
	c := make(map[string]finding.Severity, len(s.set))
	for k, v := range s.set {
		c[k] = v
	}
	return Severities{set: c}
}
