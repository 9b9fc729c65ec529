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
	for i := 0; i < r.View.Len(); i++ {
		v := r.View.Value(i)
		if v.Kind != jsonpos.Number || !NotPlainInteger(v.Text) {
			continue
		}
		for _, edm := range []string{"Edm.Int32", "Edm.Int64"} {
			if r.typed(i, edm) {
				name := r.View.Name(i)
				report(rules.Int32Notation, v.Pos, r.ptr(name),
					fmt.Sprintf("%s is written %s; Graph writes an %s as digits alone, and System.Text.Json's GetInt32 or Go's encoding/json refuse a fraction or an exponent", name, v.Text, strings.TrimPrefix(edm, "Edm.")))
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
