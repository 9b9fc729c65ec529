package rules

import (
	"math"
	"strings"
	"testing"
	"unsafe"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
)

// namesView is a View of members with the given names, each a string
// value.
type namesView []string

func (v namesView) Len() int              { return len(v) }
func (v namesView) Name(i int) string     { return v[i] }
func (v namesView) Value(i int) Value     { return Value{Kind: jsonpos.String, Text: v[i]} }
func (v namesView) Index(name string) int { return -1 }

// TestLookReusesOnlyTheSameProperty drives one Resource through
// resources whose members change names, order, number and type, as a
// collection's do, and checks every member's property against a fresh
// lookup: Look's reuse of the last resource's properties must never
// give a member another name's property, or another type's.
func TestLookReusesOnlyTheSameProperty(t *testing.T) {
	m := model.Get("beta")
	revoke, token := m.Type("vppTokenRevokeLicensesActionResult"), m.Type("vppToken")
	if revoke == nil || token == nil {
		t.Fatal("types missing from the beta model")
	}
	steps := []struct {
		t     *model.Type
		names namesView
	}{
		{revoke, namesView{"actionName", "actionState", "startDateTime", "totalLicensesCount"}},
		{revoke, namesView{"actionName", "actionState", "startDateTime", "totalLicensesCount"}},
		{revoke, namesView{"actionState", "actionName", "totalLicensesCount"}},
		{revoke, namesView{"actionState", "nope", "totalLicensesCount", "failedLicensesCount", "startDateTime"}},
		{token, namesView{"actionState", "id", "totalLicensesCount", "lastSyncDateTime"}},
		{revoke, namesView{"actionState", "id", "totalLicensesCount", "lastSyncDateTime"}},
		{nil, namesView{"actionState"}},
		{revoke, namesView{"actionState"}},
		{revoke, namesView{"@odata.type", "actionState", "totalLicensesCount@odata.type"}},
		{revoke, namesView{"@odata.type", "actionState", "totalLicensesCount@odata.type"}},
		{revoke, namesView{"@odata.type", "totalLicensesCount", "actionState"}},
		{revoke, namesView{"actionName", "@odata.type", "actionState"}},
		{token, namesView{"actionName", "@odata.type", "actionState"}},
	}
	var r Resource
	for k, s := range steps {
		r.Look(s.names, s.t)
		if r.Len() != len(s.names) {
			t.Fatalf("step %d: %d members, want %d", k, r.Len(), len(s.names))
		}
		for i, name := range s.names {
			if got, want := r.Property(i), s.t.Property(name); got != want {
				t.Errorf("step %d: member %s has property %v, want %v", k, name, got, want)
			}
		}
	}
}

// TestLookCopiesWhatItRemembers looks at two resources whose member name
// looks into the same bytes, changed between the two, as a reused read
// buffer's are: the first name is not documented, the second is, and
// must get its property.
func TestLookCopiesWhatItRemembers(t *testing.T) {
	revoke := model.Get("beta").Type("vppTokenRevokeLicensesActionResult")
	buf := []byte("actionNamx")
	view := namesView{unsafe.String(&buf[0], len(buf))}
	var r Resource
	r.Look(view, revoke)
	if p := r.Property(0); p != nil {
		t.Fatalf("%s has property %v", view[0], p)
	}
	copy(buf, "actionName")
	r.Look(view, revoke)
	if p := r.Property(0); p == nil || p.Name != "actionName" {
		t.Fatalf("%s has property %v, want actionName's", view[0], p)
	}
}

// TestExactInt: a count written with a fraction or an exponent is read
// exactly, digit by digit.
func TestExactInt(t *testing.T) {
	z800 := strings.Repeat("0", 800)
	for text, want := range map[string]int64{
		"0": 0, "-0": 0, "12": 12, "-12": -12, "1e3": 1000, "10.0": 10, "1.5e1": 15, "4000e-3": 4, "0.04e2": 4,
		"4" + z800 + "e-800": 4, "-4" + z800 + "e-800": -4, "0e-99999999999999999999": 0, "1E2": 100,
		"9223372036854775807": math.MaxInt64, "-9223372036854775808": math.MinInt64, "9.223372036854775807e18": math.MaxInt64,
		"-9.223372036854775808e18": math.MinInt64, "2147483647.000": 2147483647,
	} {
		if got, ok := exactInt(text); !ok || got != want {
			t.Errorf("exactInt(%.40q) = %d, %v; want %d", text, got, ok, want)
		}
	}
	for _, text := range []string{"1.5", "4" + z800 + "1e-801", "1e-1", "9223372036854775808", "-9223372036854775809", "1e19", "1e99999999999999999999", "5e-99999999999999999999", "0.5e0"} {
		if got, ok := exactInt(text); ok {
			t.Errorf("exactInt(%.40q) = %d, want not an int64 integer", text, got)
		}
	}
}
