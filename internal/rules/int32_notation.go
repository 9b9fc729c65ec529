package rules

import (
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/finding"
	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
)

// Int32Notation is the ID of the rule that reports that an integer is written with a fraction or an exponent, such as 120.0 or 1.2e2.
const Int32Notation = "int32-notation"

var _ = register(Rule{
	ID:      Int32Notation,
	Doc:     "an integer is written with a fraction or an exponent, such as 120.0 or 1.2e2",
	Default: finding.Warning,
	Explain: `
JSON Schema counts 120.0, 1.2e2 and 0e0 as integers, so the schema check
accepts them in an Int32 or Int64 property; Graph never writes them that
way, and the readers Graph's clients use refuse them (System.Text.Json's
GetInt32, Go's encoding/json into an int32). Write the digits alone.

Bad:
    "totalLicensesCount": 120.0
    "failedLicensesCount": 1.2e2
Good:
    "totalLicensesCount": 120
`,
	Check: int32Notation,
})

// int32Notation reports integers written with a fraction or an exponent
// in Int32 and Int64 properties: valid JSON Schema integers that the
// readers of Graph's clients refuse.
func int32Notation(r *Resource, report Report) {
	for i := 0; i < r.Len(); i++ {
		v := r.Value(i)
		if v.Kind != jsonpos.Number || !NotPlainInteger(v.Text) {
			continue
		}
		for _, edm := range []string{"Edm.Int32", "Edm.Int64"} {
			if r.typed(i, edm) {
				name := r.Name(i)
				r.say(report, Int32Notation, v.Pos, name, func() string {
					return name + " is written " + finding.Clip(v.Text) + "; Graph writes an " + strings.TrimPrefix(edm, "Edm.") + " as digits alone, and System.Text.Json's GetInt32 or Go's encoding/json refuse a fraction or an exponent"
				})
			}
		}
	}
}

// NotPlainInteger tells whether a JSON number literal has a fraction or
// an exponent part.
func NotPlainInteger[T ~string | ~[]byte](text T) bool {
	for i := 0; i < len(text); i++ {
		if c := text[i]; c == '.' || c == 'e' || c == 'E' {
			return true
		}
	}
	return false
}
