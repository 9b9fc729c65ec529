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
	"github.com/vppvalidate/vppvalidate/internal/suggest"
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

	NegativeCount      = "negative-count"
	FailedExceedsTotal = "failed-exceeds-total"
	TimeOrder          = "time-order"
	FailureReasonState = "failure-reason-state"
	ODataTypePrefix    = "odata-type-prefix"
	UnsetTimestamp     = "unset-timestamp"
	WrappedEntity      = "wrapped-entity"
	GraphError         = "graph-error"
	FindingLimit       = "finding-limit"

	ODataContext   = "odata-context"
	NotGraph       = "not-graph"
	SkippedType    = "skipped-type"
	Int32Notation  = "int32-notation"
	DotnetDateTime = "dotnet-date-time"
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
	{DotnetDateTime, "a DateTimeOffset that .NET's DateTimeOffset cannot hold, or holds only rounded", finding.Warning, `
Graph's clients read Edm.DateTimeOffset into .NET's DateTimeOffset (the
Graph SDK for .NET, PowerShell) or similar types. RFC 3339 allows values
that such a type refuses: an offset beyond ±14:00 or the year 0000 (the
first year .NET holds is 0001). A fraction longer than seven digits (.NET
keeps 100-nanosecond ticks) is read, but rounded, so the value a client
sees is not the one in the fixture.

Bad:
    "startDateTime": "2019-01-23T10:15:30+15:00"
    "startDateTime": "0000-06-01T00:00:00Z"
    "startDateTime": "2019-01-23T10:15:30.123456789Z"
Good:
    "startDateTime": "2019-01-23T10:15:30.1234567Z"
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
An enum property holds one of its enum's member names, spelled exactly
(case matters); a flags enum may hold several, joined by commas. The
message lists the members and suggests the closest one. The enums:
{{enums}}. Graph adds members over time; if a new one shows
up before vppvalidate knows it, lower the rule with --severity
enum=warning to keep a build green.

Bad:
    "actionState": "Failed"
    "actionFailureReason": "expiredToken"
Good:
    "actionState": "failed"
    "actionFailureReason": "expiredVppToken"
`},
	{FailedExceedsTotal, "failedLicensesCount is greater than totalLicensesCount", finding.Error, `
A revoke-licenses action cannot fail for more licenses than it tried to
revoke. The finding points at failedLicensesCount. It stays silent when
either count is itself invalid (those are reported by their own rules).

Bad:
    "totalLicensesCount": 10, "failedLicensesCount": 12
Good:
    "totalLicensesCount": 10, "failedLicensesCount": 2
`},
	{FailureReasonState, "actionFailureReason does not agree with actionState", finding.Warning, `
actionFailureReason explains a failure: a result whose actionState is
failed should name a reason other than none, and a result that did not
fail should have none. A mismatch usually means a fixture was edited by
hand, one field at a time. The finding points at actionFailureReason.

Bad:
    "actionState": "failed", "actionFailureReason": "none"
    "actionState": "done", "actionFailureReason": "appleFailure"
Good:
    "actionState": "failed", "actionFailureReason": "expiredVppToken"
    "actionState": "done", "actionFailureReason": "none"
`},
	{FindingLimit, "a file has more findings than --max-findings; the rest are counted, not listed", finding.Info, `
A file that is wrong everywhere (an object with a million unknown members,
say) would bury every other result and use memory without end. After
--max-findings findings (1000 by default) in one file, the rest are only
counted: they still count in the summary and the exit code, and this one
finding, at the first one not listed, says how many there are of each
severity. It takes the severity of the worst finding it stands for, so a
run that fails always lists a finding that made it fail; the summary
counts the findings it stands for, not the finding itself. --max-findings
0 lists them all.

Bad:
    a generated fixture with 50,000 unknown members
Good:
    fix the generator, or raise --max-findings to see every member
`},
	{GraphError, "the payload is a Graph error response, not data", finding.Warning, `
The file (or a batch response in it) holds {"error": {"code", "message",
"innerError"}}: the request failed, and the fixture records the failure
instead of the data. That may be on purpose (a test of error handling), so
it is a warning; the message repeats Graph's code and message. innerError
is not checked: Graph writes its date without a zone.

Bad (as a fixture of data):
    {"error": {"code": "ResourceNotFound", "message": "Resource not found"}}
Good:
    {"value": [ ... the action results ... ]}
`},
	{Int32Notation, "an integer is written with a fraction or an exponent, such as 120.0 or 1.2e2", finding.Warning, `
JSON Schema counts 120.0, 1.2e2 and 0e0 as integers, so the schema check
accepts them in an Int32 or Int64 property; Graph never writes them that
way, and the readers Graph's clients use refuse them (System.Text.Json's
GetInt32, Go's encoding/json into an int32). Write the digits alone.

Bad:
    "totalLicensesCount": 120.0
    "failedLicensesCount": 1.2e2
Good:
    "totalLicensesCount": 120
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
	{NegativeCount, "a count of licenses or apps is below zero", finding.Error, `
Some integer properties count things; Int32 allows negative numbers, the
meaning does not. The finding points at the count. The counts, wherever
the model has them: {{counts}}.

Bad:
    "failedLicensesCount": -1
Good:
    "failedLicensesCount": 0
`},
	{NotGraph, "the document does not look like a Graph payload", finding.Warning, `
The document has no OData annotation (@odata.context, @odata.type), does
not stand in a collection, and has no member that only the model's types
have (names such as id, description or version, which other JSON files
use too, do not count) and at most one near miss of one: a package.json,
a tsconfig.json or an editor's settings picked up by a directory walk or a
pre-commit hook. It is reported once per file and not checked further. A
fixture whose names are misspelt is still checked, against the type its
names come closest to.
Keep such files out with --exclude GLOB or an "exclude" list in
.vppvalidate.json, or with a files: pattern in the pre-commit
configuration.

Bad (as an input):
    {"name": "my-app", "version": "1.0.0", "scripts": {"test": "jest"}}
Good:
    {"@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/vppTokens", "value": []}
`},
	{ODataContext, "@odata.context cannot be followed, or leads outside the VPP model", finding.Error, `
@odata.context says what a payload holds: the API version (v1.0 or beta),
the entity set or navigation path, a type cast, a select list. vppvalidate
reads it as the OData JSON format defines it and checks the payload
against what it names. It reports a context that is not a metadata URL,
names a version it does not know, or names a path the version does not
have (tokenActionResults in v1.0, say). A context naming a Graph resource
outside the Apple VPP model (users, deviceManagement/managedDevices) is
one finding for the document, whose content is then not checked: the
capture comes from the wrong endpoint.

The model knows: {{contexts}}.

Bad:
    "@odata.context": "https://graph.microsoft.com/beta/$metadata#users/$entity"
    "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#deviceAppManagement/vppTokens('x')/tokenActionResults"
Good:
    "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/vppTokens('x')/tokenActionResults"
`},
	{ODataType, "@odata.type names no known type, or not one that fits where it stands", finding.Error, `
@odata.type says which type an object is, and so which properties it may
have. It must be a string naming a type of the model in the
microsoft.graph namespace (or its alias, graph), and where a type is
declared (by --type, by @odata.context, or by the property holding the
object) it must be that type or one derived from it. A misspelt type gets
a suggestion. The rest of the object is still checked, as if @odata.type
were absent. The types: {{types}}.

Bad:
    "@odata.type": "#microsoft.graph.vppTokenRevokeLicenseActionResult"
    "@odata.type": "#vppTokenActionResult"
Good:
    "@odata.type": "#microsoft.graph.vppTokenRevokeLicensesActionResult"
`},
	{ODataTypePrefix, "@odata.type lacks the leading #", finding.Warning, `
In OData JSON, @odata.type values are written with a leading #, as in
#microsoft.graph.vppToken. Graph's own documentation examples often leave
it out, and fixtures copied from them do too; clients that match the
value exactly will not recognise it.

Bad:
    "@odata.type": "microsoft.graph.vppTokenActionResult"
Good:
    "@odata.type": "#microsoft.graph.vppTokenActionResult"
`},
	{SkippedType, "items of a Graph type outside the VPP model were skipped", finding.Info, `
A collection of a type with subtypes, such as deviceAppManagement/mobileApps,
holds items of many types; those whose @odata.type names a Graph type
outside the Apple VPP model (a win32LobApp, say) are not vppvalidate's to
check. They are skipped, and one finding per file says how many.

Bad (skipped):
    {"@odata.type": "#microsoft.graph.win32LobApp", "id": "...", "displayName": "7-Zip"}
Good:
    {"@odata.type": "#microsoft.graph.iosVppApp", "id": "...", "bundleId": "com.apple.Pages"}
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
	{TimeOrder, "lastUpdatedDateTime is earlier than startDateTime", finding.Warning, `
An action's state cannot change before the action starts. The two
timestamps are compared as instants, so offsets are honoured
(2019-01-23T11:00:00+01:00 is the same moment as 2019-01-23T10:00:00Z).
The finding points at lastUpdatedDateTime.

Bad:
    "startDateTime": "2019-01-23T10:15:30Z", "lastUpdatedDateTime": "2019-01-23T10:15:29Z"
Good:
    "startDateTime": "2019-01-23T10:15:30Z", "lastUpdatedDateTime": "2019-01-23T11:00:00+01:00"
`},
	{Type, "a value has the wrong JSON type, or is null where null is not allowed", finding.Error, `
Every property has one JSON type, from its CSDL type: strings for
String, enums, DateTimeOffset and Binary (base64), integers for Int32 and
Int64, booleans for Boolean, objects for complex types, arrays for
collections. A property may be null only where the CSDL says Nullable
(items of a collection: the collection itself is never null). A number in
quotes, a fraction where an integer belongs, or null where it is not
allowed is reported, as is a resource that is not an object.

Properties that may be null: {{nullable}}.

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
	{UnsetTimestamp, "a timestamp is 0001-01-01T00:00:00Z, Graph's value for never", finding.Info, `
Graph has no null for many DateTimeOffset properties and sends the
smallest date instead, 0001-01-01T00:00:00Z, to mean "never" or "not
set". It is valid, but code that formats or compares dates often trips
over it, so it is worth knowing where it occurs.

Bad (worth a look):
    "lastSyncDateTime": "0001-01-01T00:00:00Z"
Good:
    "lastSyncDateTime": "2019-01-23T10:15:30Z"
`},
	{WrappedEntity, "a single entity is wrapped as {\"value\": {...}}", finding.Info, `
OData sends a single entity as a bare object; only collections use
"value", and then as an array. Graph's documentation examples for actions
such as syncLicenses show the entity wrapped in "value", and fixtures
copied from them carry that shape. The entity inside is checked as usual.

Bad:
    {"value": {"@odata.type": "#microsoft.graph.vppToken", "id": "..."}}
Good:
    {"@odata.type": "#microsoft.graph.vppToken", "id": "..."}
`},
})

// trimmed strips the blank lines that the raw strings above start and end
// with, and fills in what the model says (see facts).
func trimmed(rs []Rule) []Rule {
	for i := range rs {
		rs[i].Explain = fill(strings.TrimSpace(rs[i].Explain))
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
	if guess := suggest.Closest(id, ids); guess != "" {
		return fmt.Errorf("unknown rule %q; did you mean %q? (see vppvalidate --list-rules)", id, guess)
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
