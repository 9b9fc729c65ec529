package validate

import (
	"errors"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/vppvalidate/vppvalidate/internal/jsonpos"
	"github.com/vppvalidate/vppvalidate/internal/payload"
	"github.com/vppvalidate/vppvalidate/internal/rules"
)

// propertyValue checks the payload of a context that names one primitive
// or enum property's value ({"value": ...}, OData JSON Format 4.01,
// section 10.15; Graph answers GET .../vppTokens/{id}/state so) against
// that property's schema in the type that declares it, with
// jsonschema/v5. Each failed keyword is a finding worded as it would be in
// a resource, after the property's name, at the value's pointer. The
// value is not a resource: it is not counted as one, and the lint checks,
// which reason about resources, do not run.
func (c *check) propertyValue(pv payload.PropertyValue) {
	c.takeDuplicates()
	ctx, v := pv.Context, pv.Value
	s, err := LoadSchemas(ctx.Version)
	if err != nil {
		c.report(rules.ODataContext, v.Pos, pv.Pointer, err.Error())
		return
	}
	// The subschema stands in the file of the type that declares the
	// property, the base-most one that has it.
	name, decl := ctx.ValueOf.Name, ctx.Owner
	for b := decl; b != nil; b = b.Base {
		if b.Property(name) != nil {
			decl = b
		}
	}
	t := s.typeOf(decl)
	var sch *jsonschema.Schema
	if t != nil {
		sch, err = t.PropertySchema(name)
	}
	if t == nil || err != nil {
		// The embedded schemas are tested to hold every property of
		// the model; this cannot happen in a released build.
		c.report(rules.Type, v.Pos, pv.Pointer, "vppvalidate cannot check the value of "+ctx.Property)
		return
	}
	err = sch.Validate(jsonpos.ToAnyWith(v, schemaNumber))
	if err == nil {
		return
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		c.report(rules.Type, v.Pos, pv.Pointer, "the value could not be checked: "+err.Error())
		return
	}
	for _, e := range leaves(v, ve) {
		tokens := instanceTokens(e.InstanceLocation)
		at, _, ok := jsonpos.Resolve(v, tokens)
		if !ok {
			at, tokens = v, nil
		}
		path, ptr := name, pv.Pointer
		for _, tok := range tokens {
			path, ptr = path+"/"+tok, ptr+"/"+jsonpos.EscapeToken(tok)
		}
		c.valueFinding(t, keywordOf(e), e.AbsoluteKeywordLocation, path, scalarOf(at), ptr)
	}
}
