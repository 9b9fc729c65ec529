package validate

import (
	"strconv"
	"strings"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/internal/recording"
)

// responseIDs returns the "id" of each inner response of a recorded
// $batch answer, by index ("" for one without a string id), when the
// request's implied contexts (see Validator.ours) say the body is one;
// nil otherwise. Graph does not promise to answer a batch in the order
// of its requests: the id, not the index, names an inner response from
// one recording to the next.
func responseIDs(it *recording.Interaction, implied map[string]*model.Context) []string {
	batch := false
	for ptr := range implied {
		if strings.HasPrefix(ptr, "/responses/") {
			batch = true
			break
		}
	}
	if !batch {
		return nil
	}
	doc, err := jsonpos.Parse(it.Body, jsonpos.Options{})
	if err != nil || doc.Root.Kind != jsonpos.Object {
		return nil
	}
	rs := doc.Root.Get("responses")
	if rs == nil || rs.Kind != jsonpos.Array {
		return nil
	}
	ids := make([]string, len(rs.Items))
	for i, r := range rs.Items {
		if id := r.Get("id"); id != nil && id.Kind == jsonpos.String {
			ids[i] = id.Text
		}
	}
	return ids
}

// responseID is Finding.Response for a finding at ptr in the body being
// checked: the id of the inner response ptr lies in, "" when it lies in
// none or that response has no id.
func (b *bodyCheck) responseID(ptr string) string {
	if b.ids == nil {
		return ""
	}
	rest, ok := strings.CutPrefix(ptr, "/responses/")
	if !ok {
		return ""
	}
	index, _, _ := strings.Cut(rest, "/")
	i, err := strconv.Atoi(index)
	if err != nil || i < 0 || i >= len(b.ids) || strconv.Itoa(i) != index {
		return ""
	}
	return b.ids[i]
}
