package lint

import (
	"fmt"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// int32Notation reports integers written with a fraction or an exponent
// in Int32 and Int64 properties: valid JSON Schema integers that the
// readers of Graph's clients refuse.
func int32Notation(r *Resource, report Report) {
	for _, edm := range []string{"Edm.Int32", "Edm.Int64"} {
		for m := range r.typed(edm) {
			if m.Value.Kind != jsonpos.Number || !NotPlainInteger(m.Value.Text) {
				continue
			}
			report(rules.Int32Notation, m.Value.Pos, r.ptr(m.Name),
				fmt.Sprintf("%s is written %s; Graph writes an %s as digits alone, and System.Text.Json's GetInt32 or Go's encoding/json refuse a fraction or an exponent", m.Name, m.Value.Text, strings.TrimPrefix(edm, "Edm.")))
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
