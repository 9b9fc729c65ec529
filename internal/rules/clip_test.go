package rules

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
)

// valuesView is a View of members with the given names and values.
type valuesView struct {
	names  []string
	values []Value
}

func (v valuesView) Len() int           { return len(v.names) }
func (v valuesView) Name(i int) string  { return v.names[i] }
func (v valuesView) Value(i int) Value  { return v.values[i] }
func (v valuesView) Index(n string) int { return -1 }

// TestChecksClipValues runs every rule's check on resources of every type
// of the model whose values are thousands of characters long, and holds
// each message to a bound that only clipped values (finding.Clip) keep
// within. The values keep their meaning: a number is an integer written
// with thousands of zeros (0.000…7e5001 is 7), a date-time has thousands
// of zeros at the end of its fraction. Counts rise or fall, and are
// negative, positive or zero, date-times rise or fall or are all Graph's "never",
// so that every check finds something to report; strings (enums among
// them) are long and of no member, as only the schema would refuse;
// control information is long and of the wrong type.
func TestChecksClipValues(t *testing.T) {
	const grow = 5000
	const bound = 1000 // characters: the words, and values clipped to 64
	zeros := strings.Repeat("0", grow)
	reported := make(map[string]bool)
	long := make(map[string]bool)
	for _, version := range model.Versions() {
		for _, typ := range model.Get(version).Structured() {
			for variant := range 8 {
				up, negative, never := variant&1 != 0, variant&2 != 0, variant&4 != 0
				var view valuesView
				for i, p := range typ.Properties {
					if p.Collection || p.Navigation {
						continue
					}
					n := i + 1
					if !up {
						n = len(typ.Properties) - i
					}
					var v Value
					switch {
					case p.Type == "Edm.Int32" || p.Type == "Edm.Int64":
						sign := ""
						if negative {
							sign = "-"
						}
						digits := strconv.Itoa(n)
						if negative && never {
							sign, digits = "", "0" // zero, for the checks that want a count of none
						}
						v = Value{Kind: jsonpos.Number, Text: fmt.Sprintf("%s0.%s%se%d", sign, zeros, digits, grow+len(digits))}
					case p.Type == "Edm.DateTimeOffset" && never:
						v = Value{Kind: jsonpos.String, Text: "0001-01-01T00:00:00." + zeros + "Z"}
					case p.Type == "Edm.DateTimeOffset":
						v = Value{Kind: jsonpos.String, Text: fmt.Sprintf("%04d-01-23T10:15:30.123456789%sZ", 2000+n, zeros)}
					case p.Type == "Edm.Boolean":
						v = Value{Kind: jsonpos.Bool, Text: "true"}
					case p.Elem == nil || p.Elem.Kind == model.Enum:
						v = Value{Kind: jsonpos.String, Text: strings.Repeat("x", grow)}
					default:
						continue // a complex value: no check quotes one
					}
					view.names = append(view.names, p.Name)
					view.values = append(view.values, v)
				}
				// Control information of the wrong type: a long count
				// in a string, a long number for an etag.
				view.names = append(view.names, "x@odata.count", "@odata.etag")
				view.values = append(view.values, Value{Kind: jsonpos.String, Text: strings.Repeat("9", grow)}, Value{Kind: jsonpos.Number, Text: "1" + zeros})
				r := Resource{Invalid: func(string) bool { return false }}
				r.Look(view, typ)
				for _, rule := range Checks() {
					rule.Check(&r, func(id string, _ jsonpos.Pos, _, msg string) {
						if n := utf8.RuneCountInString(msg); n > bound && !long[id] {
							long[id] = true // once is enough
							t.Errorf("%s %s (variant %d): a %d-character %s message: %.200s…", version, typ.Name, variant, n, id, msg)
						}
						reported[id] = true
					})
				}
			}
		}
	}
	for _, rule := range Checks() {
		if !reported[rule.ID] {
			t.Errorf("rule %s reported nothing: the test does not reach it", rule.ID)
		}
	}
}
