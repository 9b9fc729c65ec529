package rules

import (
	"testing"

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
