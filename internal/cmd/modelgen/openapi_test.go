package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/vppvalidate/vppvalidate/internal/model"
	"github.com/vppvalidate/vppvalidate/schemas"
)

// converterEnv names the environment variable that points the second
// opinion at OASIS's reference converter: the path of the odata-openapi3
// command of the npm package odata-openapi (after `npm install --prefix
// DIR odata-openapi@0.29.0`, DIR/node_modules/.bin/odata-openapi3).
const converterEnv = "ODATA_OPENAPI"

// converterExceptions are the differences between our schemas and the
// converter's that we keep on purpose, each with its reason. Every
// other difference fails the test, and so does an entry here that no
// longer covers any difference. The README lists the same entries.
var converterExceptions = []exception{
	{
		name: "annotation members",
		why: "members whose name holds \"@\" are annotations, not properties: the converter lists NAV@odata.count " +
			"beside each collection-valued navigation property, ours names @odata.type and allows every such member",
		covers: func(d difference) bool { return d.aspect == "property" && strings.Contains(d.prop, "@") },
	},
	{
		name: "null items in a collection without Nullable",
		why: "the slices are CSDL 4.0, where a collection without a Nullable attribute says nothing about null items " +
			"(errata03: no default may be assumed; OASIS ODATA-929); the converter reads it as no nulls, " +
			"ours accepts null items rather than reject what the model does not forbid",
		covers: func(d difference) bool {
			return d.aspect == "nullable" && d.collection && !d.navigation && d.ours == "true" && d.theirs == "false"
		},
	},
	{
		name: "flags enums",
		why: "OData JSON Format 4.01 section 7.1 writes a flags enum value as members joined by commas " +
			"(\"companyPortal,privateStore\"); the converter's enum lists single members only, " +
			"ours accepts combinations by a pattern built from the same members",
		covers: func(d difference) bool { return d.aspect == "flags" && d.ours == "true" && d.theirs == "false" },
	},
	{
		name: "Edm.Binary alphabet",
		why: "the converter says format base64url (OData JSON Format 4.01 section 7.1); Graph writes standard base64 " +
			"(mimeContent.value), so ours accepts either alphabet by a pattern and names no format",
		covers: func(d difference) bool { return d.aspect == "format" && d.ours == "" && d.theirs == "base64url" },
	},
}

// exception is a difference kept on purpose: covers tells whether it
// applies to a difference, why says why we keep it.
type exception struct {
	name, why string
	covers    func(d difference) bool
}

// difference is one point where our schema of a type and the converter's
// disagree.
type difference struct {
	version, typ, prop string // prop is "" for the type itself
	aspect             string // what differs: "property", "types", "nullable", ...
	ours, theirs       string
	// collection and navigation describe the property in our model.
	collection, navigation bool
}

func (d difference) String() string {
	where := d.typ
	if d.prop != "" {
		where += "." + d.prop
	}
	return fmt.Sprintf("%s %s: %s: ours %s, converter %s", d.version, where, d.aspect, d.ours, d.theirs)
}

// value is what both mappings say about one value of a property (for a
// collection, about one item).
type value struct {
	types    []string // JSON types other than null, sorted
	nullable bool
	format   string // OpenAPI format: "int32", "date-time", ...
	ref      string // the enum or structured type named, unqualified
}

// property is a property's schema reduced to what both mappings share.
type property struct {
	collection bool
	item       value
	unknown    []string // keywords the reduction does not understand
}

// typeShape is a type's schema reduced to what both mappings share.
type typeShape struct {
	kind    string // "object" or "enum"
	props   map[string]property
	members []string // an enum's members
	flags   bool     // members combine (ours); the converter has no such notion
	// derived and open come from the converter's anyOf on a base type:
	// the types derived from it, and whether a value may be of the type
	// itself (not abstract).
	derived []string
	open    bool
	unknown []string
}

// TestMappingAgreesWithOASISConverter runs OASIS's CSDL to OpenAPI
// converter on both CSDL slices and compares, for every entity, complex
// and enum type, its JSON Schema with ours: properties (own and
// inherited), JSON types, formats, nullability, the enum or structured
// type a property names, enum members, and derived types. Ours may be
// stricter (required members, closed objects, Int32 bounds, date-time
// and base64 patterns), which is not compared; every other difference
// fails unless converterExceptions lists it.
func TestMappingAgreesWithOASISConverter(t *testing.T) {
	exe := os.Getenv(converterEnv)
	if exe == "" {
		t.Skipf("%s is not set; to compare the mapping with OASIS's converter: npm install --prefix DIR odata-openapi@0.29.0 "+
			"and set %s=DIR/node_modules/.bin/odata-openapi3", converterEnv, converterEnv)
	}
	if v := converterVersion(exe); v != "" {
		t.Logf("odata-openapi %s", v)
	}
	root := filepath.Join("..", "..", "..")
	covered := make([]int, len(converterExceptions))
	ran := 0
	for _, s := range sources {
		t.Run(s.version, func(t *testing.T) {
			m := model.Get(s.version)
			if m == nil {
				t.Fatalf("the model has no version %s", s.version)
			}
			doc := runConverter(t, exe, filepath.Join(root, "schemas", "csdl", s.file), m)
			theirs, err := converterShapes(doc)
			if err != nil {
				t.Fatal(err)
			}
			ours, err := ourShapes(schemas.FS, m)
			if err != nil {
				t.Fatal(err)
			}
			diffs, props := compareShapes(m, ours, theirs)
			here := make([]int, len(converterExceptions))
			example := make([]difference, len(converterExceptions))
			for _, d := range diffs {
				i := slices.IndexFunc(converterExceptions, func(e exception) bool { return e.covers(d) })
				if i < 0 {
					t.Errorf("%s", d)
					continue
				}
				if here[i] == 0 {
					example[i] = d
				}
				here[i]++
				covered[i]++
			}
			t.Logf("%s: %d types and %d properties compared", s.version, len(ours), props)
			for i, n := range here {
				if n > 0 {
					t.Logf("%s: %d differences excepted as %q, such as %s", s.version, n, converterExceptions[i].name, example[i])
				}
			}
			ran++
		})
	}
	if ran < len(sources) {
		return // a filtered run cannot tell a stale exception
	}
	for i, e := range converterExceptions {
		if covered[i] == 0 {
			t.Errorf("exception %q covers no difference any more; remove it (and its line in the README)", e.name)
		}
	}
}

// converterVersion reads the version of the npm package around the
// odata-openapi3 command, or "" when it cannot tell.
func converterVersion(exe string) string {
	path, err := filepath.EvalSymlinks(exe)
	if err != nil {
		return ""
	}
	b, err := os.ReadFile(filepath.Join(filepath.Dir(path), "..", "package.json"))
	if err != nil {
		return ""
	}
	var pkg struct{ Name, Version string }
	if json.Unmarshal(b, &pkg) != nil || pkg.Name != "odata-openapi" {
		return ""
	}
	return pkg.Version
}

// runConverter converts a copy of the slice to OpenAPI 3.0 and returns
// its component schemas. The converter writes a schema only for the
// types something refers to, and it copies inherited properties into
// derived types instead of referring to the base, so no schema would
// name the abstract entity type: the copy adds to the entity container
// one entity set of each entity type, which keeps every type's schema
// without changing any of them (only paths and create/update schemas are
// added, which are not compared).
func runConverter(t *testing.T, exe, slice string, m *model.Model) map[string]any {
	t.Helper()
	src, err := os.ReadFile(slice)
	if err != nil {
		t.Fatal(err)
	}
	const end = "</EntityContainer>"
	if bytes.Count(src, []byte(end)) != 1 {
		t.Fatalf("%s: expected one %s", slice, end)
	}
	var sets strings.Builder
	for _, ty := range m.Types {
		if ty.Kind == model.Entity {
			fmt.Fprintf(&sets, "<EntitySet Name=\"vppvalidateKeep_%s\" EntityType=\"%s.%s\" />\n", ty.Name, model.Namespace, ty.Name)
		}
	}
	src = bytes.Replace(src, []byte(end), []byte(sets.String()+end), 1)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "slice.xml"), filepath.Join(dir, "openapi.json")
	if err := os.WriteFile(in, src, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), exe, "--openapi-version", "3.0.3", "--target", out, in)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", exe, err, msg)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI    string `json:"openapi"`
		Components struct {
			Schemas map[string]any `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("converter output: %v", err)
	}
	if doc.OpenAPI != "3.0.3" {
		t.Fatalf("converter wrote OpenAPI %q, asked for 3.0.3", doc.OpenAPI)
	}
	return doc.Components.Schemas
}

const converterPrefix = "#/components/schemas/"

// converterShapes reduces the converter's schemas of the model's
// namespace; the create and update variants ("T-create") and the
// helpers (count, error) are left out.
func converterShapes(all map[string]any) (map[string]typeShape, error) {
	out := map[string]typeShape{}
	for key, raw := range all {
		name, ok := strings.CutPrefix(key, model.Namespace+".")
		if !ok || strings.Contains(name, "-") {
			continue
		}
		s, _ := raw.(map[string]any)
		var ts typeShape
		for k := range s {
			switch k {
			case "title", "description", "type", "properties", "allOf", "anyOf", "enum":
			default:
				ts.unknown = append(ts.unknown, k)
			}
		}
		if members, ok := s["enum"].([]any); ok {
			ts.kind = "enum"
			for _, mbr := range members {
				ts.members = append(ts.members, fmt.Sprint(mbr))
			}
			out[name] = ts
			continue
		}
		if s["type"] != "object" {
			return nil, fmt.Errorf("converter schema %s is neither an enum nor an object", key)
		}
		ts.kind = "object"
		ts.props = map[string]property{}
		if err := converterProperties(all, s, ts.props, 0); err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		for _, alt := range list(s["anyOf"]) {
			ref, _ := alt["$ref"].(string)
			switch {
			case ref != "":
				ts.derived = append(ts.derived, model.Unqualified(strings.TrimPrefix(ref, converterPrefix)))
			case len(alt) == 0:
				ts.open = true
			default:
				return nil, fmt.Errorf("%s: unexpected anyOf member %v", key, alt)
			}
		}
		sort.Strings(ts.derived)
		out[name] = ts
	}
	return out, nil
}

// converterProperties collects a structured schema's properties, with
// those of any schema it includes by allOf (the form in which converter
// versions that do not copy inherited properties refer to the base type).
func converterProperties(all map[string]any, s map[string]any, into map[string]property, depth int) error {
	if depth > 20 {
		return fmt.Errorf("allOf nested too deep")
	}
	for _, part := range list(s["allOf"]) {
		if ref, ok := part["$ref"].(string); ok {
			base, _ := all[strings.TrimPrefix(ref, converterPrefix)].(map[string]any)
			if base == nil {
				return fmt.Errorf("allOf names %s, which the document lacks", ref)
			}
			part = base
		}
		if err := converterProperties(all, part, into, depth+1); err != nil {
			return err
		}
	}
	props, _ := s["properties"].(map[string]any)
	for name, raw := range props {
		ps, _ := raw.(map[string]any)
		var p property
		if ps["type"] == "array" {
			p.collection = true
			p.unknown = unknownKeys(ps, "type", "items", "title", "description")
			ps, _ = ps["items"].(map[string]any)
		}
		item, unknown := converterValue(all, ps)
		p.item = item
		p.unknown = append(p.unknown, unknown...)
		into[name] = p
	}
	return nil
}

// converterValue reduces an OpenAPI 3.0 schema of one value.
func converterValue(all map[string]any, s map[string]any) (value, []string) {
	var v value
	unknown := unknownKeys(s, "type", "format", "nullable", "$ref", "allOf", "anyOf", "example", "title", "description")
	if b, _ := s["nullable"].(bool); b {
		v.nullable = true
	}
	if f, ok := s["format"].(string); ok {
		v.format = f
	}
	types := map[string]bool{}
	if ty, ok := s["type"].(string); ok {
		types[ty] = true
	}
	for _, alt := range list(s["anyOf"]) { // Int64 and Decimal: number or string
		if ty, ok := alt["type"].(string); ok && len(alt) == 1 {
			types[ty] = true
		} else {
			unknown = append(unknown, fmt.Sprintf("anyOf %v", alt))
		}
	}
	for _, part := range list(s["allOf"]) { // a $ref with siblings
		inner, more := converterValue(all, part)
		unknown = append(unknown, more...)
		v.ref = inner.ref
		if v.format == "" {
			v.format = inner.format
		}
		v.nullable = v.nullable || inner.nullable
		for _, ty := range inner.types {
			types[ty] = true
		}
	}
	if ref, ok := s["$ref"].(string); ok {
		key := strings.TrimPrefix(ref, converterPrefix)
		v.ref = model.Unqualified(key)
		target, _ := all[key].(map[string]any)
		switch ty := target["type"].(type) {
		case string:
			types[ty] = true
		case nil:
			// A navigation property's target outside the slice: the
			// converter refers to a schema it does not write. It is an
			// entity, so an object.
			types["object"] = true
		}
	}
	for ty := range types {
		v.types = append(v.types, ty)
	}
	sort.Strings(v.types)
	return v, unknown
}

// ourShapes reduces our schemas of every type of m.
func ourShapes(fsys fs.FS, m *model.Model) (map[string]typeShape, error) {
	docs := map[string]map[string]any{}
	load := func(file string) (map[string]any, error) {
		if d, ok := docs[file]; ok {
			return d, nil
		}
		b, err := fs.ReadFile(fsys, m.Version+"/"+file)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var d map[string]any
		if err := dec.Decode(&d); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", m.Version, file, err)
		}
		docs[file] = d
		return d, nil
	}
	out := map[string]typeShape{}
	for _, ty := range m.Types {
		s, err := load(ty.Name + ".json")
		if err != nil {
			return nil, err
		}
		var ts typeShape
		if ty.Kind == model.Enum {
			ts, err = ourEnum(s)
		} else {
			ts, err = ourStructured(s, ty, load)
		}
		if err != nil {
			return nil, fmt.Errorf("%s/%s.json: %w", m.Version, ty.Name, err)
		}
		out[ty.Name] = ts
	}
	return out, nil
}

// ourEnum reads an enum type's members from its enum list or, for a flags
// enum, from the alternatives of its pattern, and checks that the
// nullable form ($defs/nullable) allows the same members and null.
func ourEnum(s map[string]any) (typeShape, error) {
	ts := typeShape{kind: "enum"}
	nullable := dig(s, "$defs", "nullable")
	if nullable == nil {
		return ts, fmt.Errorf("no $defs/nullable")
	}
	if !slices.Equal(jsonTypes(nullable), []string{"null", "string"}) {
		return ts, fmt.Errorf("$defs/nullable has type %v, want string and null", nullable["type"])
	}
	if pattern, ok := s["pattern"].(string); ok {
		ts.flags = true
		alt, ok := strings.CutPrefix(pattern, "^(?:")
		alt, _, _ = strings.Cut(alt, ")")
		if !ok || pattern != "^(?:"+alt+")(?:,(?:"+alt+"))*$" {
			return ts, fmt.Errorf("flags pattern %q is not members joined by commas", pattern)
		}
		for _, mbr := range strings.Split(alt, "|") {
			if strings.ContainsAny(mbr, `\()[]{}*+?.^$`) {
				return ts, fmt.Errorf("flags pattern member %q is not a plain name", mbr)
			}
			ts.members = append(ts.members, mbr)
		}
		if nullable["pattern"] != pattern {
			return ts, fmt.Errorf("$defs/nullable has another pattern")
		}
		return ts, nil
	}
	members, ok := s["enum"].([]any)
	if !ok {
		return ts, fmt.Errorf("neither enum nor pattern")
	}
	for _, mbr := range members {
		ts.members = append(ts.members, fmt.Sprint(mbr))
	}
	withNull, _ := nullable["enum"].([]any)
	if len(withNull) != len(members)+1 || withNull[len(members)] != nil || !slices.Equal(withNull[:len(members)], members) {
		return ts, fmt.Errorf("$defs/nullable enum %v is not the members and null", withNull)
	}
	return ts, nil
}

// ourStructured follows the $defs/members chain up to the root type and
// reduces every property on the way.
func ourStructured(s map[string]any, ty *model.Type, load func(string) (map[string]any, error)) (typeShape, error) {
	ts := typeShape{kind: "object", props: map[string]property{}}
	if s["type"] != "object" {
		return ts, fmt.Errorf("type %v, want object", s["type"])
	}
	top, _ := s["properties"].(map[string]any)
	for name := range top { // @odata.type
		ts.props[name] = property{item: value{types: []string{"string"}}}
	}
	members := dig(s, "$defs", "members")
	for depth := 0; members != nil; depth++ {
		if depth > 20 {
			return ts, fmt.Errorf("$defs/members chain too long")
		}
		props, _ := members["properties"].(map[string]any)
		for name, raw := range props {
			p, err := ourProperty(raw.(map[string]any), ty.Property(name), load)
			if err != nil {
				return ts, fmt.Errorf("%s: %w", name, err)
			}
			ts.props[name] = p
		}
		ref, _ := members["$ref"].(string)
		if ref == "" {
			break
		}
		file, frag, _ := strings.Cut(ref, "#")
		base, err := load(file)
		if err != nil {
			return ts, err
		}
		if frag != "/$defs/members" {
			return ts, fmt.Errorf("members refer to %s, not to a base type's members", ref)
		}
		members = dig(base, "$defs", "members")
	}
	return ts, nil
}

// ourProperty reduces one of our property schemas. A structured value
// is only "object" in the schema (vppvalidate checks its content against
// the type the model names), so the type it names comes from the model.
func ourProperty(s map[string]any, p *model.Property, load func(string) (map[string]any, error)) (property, error) {
	var out property
	if p == nil {
		return out, fmt.Errorf("the model has no such property")
	}
	if s["type"] == "array" {
		out.collection = true
		out.unknown = unknownKeys(s, "description", "type", "items")
		s, _ = s["items"].(map[string]any)
	} else {
		out.unknown = unknownKeys(s, "description", "type", "$ref")
	}
	if s == nil {
		return out, fmt.Errorf("an array without items")
	}
	v := value{nullable: slices.Contains(jsonTypes(s), "null")}
	for _, ty := range jsonTypes(s) {
		if ty != "null" {
			v.types = append(v.types, ty)
		}
	}
	if ref, ok := s["$ref"].(string); ok {
		file, frag, _ := strings.Cut(ref, "#")
		target, err := load(file)
		if err != nil {
			return out, err
		}
		if frag != "" {
			target = dig(target, strings.Split(strings.TrimPrefix(frag, "/"), "/")...)
			if target == nil {
				return out, fmt.Errorf("$ref %s leads nowhere", ref)
			}
		}
		if file == "edm.json" {
			v.format = edmFormat(target)
		} else { // an enum type, or its nullable form
			v.ref = strings.TrimSuffix(file, ".json")
			for _, ty := range jsonTypes(target) {
				if ty == "null" {
					v.nullable = true
				} else {
					v.types = append(v.types, ty)
				}
			}
		}
	}
	if p.Navigation || (p.Elem != nil && p.Elem.Kind != model.Enum) {
		v.ref = model.Unqualified(p.Type)
	}
	sort.Strings(v.types)
	v.types = slices.Compact(v.types)
	out.item = v
	return out, nil
}

// edmFormat names the OpenAPI format an edm.json definition amounts to:
// its own format keyword, or int32 and int64 for bounds that are exactly
// those of the type; "" for a definition that is none of these (Binary's
// pattern).
func edmFormat(def map[string]any) string {
	if f, ok := def["format"].(string); ok {
		return f
	}
	lo, _ := def["minimum"].(json.Number)
	hi, _ := def["maximum"].(json.Number)
	switch {
	case lo == "-2147483648" && hi == "2147483647":
		return "int32"
	case lo == "-9223372036854775808" && hi == "9223372036854775807":
		return "int64"
	}
	return ""
}

// compareShapes lists every difference between our shapes and the
// converter's for the types of m, and counts the properties compared
// (those both sides have, on every type that has them).
func compareShapes(m *model.Model, ours, theirs map[string]typeShape) ([]difference, int) {
	var diffs []difference
	props := 0
	add := func(typ, prop, aspect, o, c string, p *model.Property) {
		d := difference{version: m.Version, typ: typ, prop: prop, aspect: aspect, ours: o, theirs: c}
		if p != nil {
			d.collection, d.navigation = p.Collection, p.Navigation
		}
		diffs = append(diffs, d)
	}
	for _, name := range sortedKeys(theirs) {
		if _, ok := ours[name]; !ok {
			add(name, "", "type", "absent", "present", nil)
		}
	}
	for _, ty := range m.Types {
		o, c := ours[ty.Name], theirs[ty.Name]
		if c.kind == "" {
			add(ty.Name, "", "type", "present", "absent", nil)
			continue
		}
		if len(c.unknown) > 0 {
			add(ty.Name, "", "keywords not compared", "-", strings.Join(c.unknown, ","), nil)
		}
		if o.kind != c.kind {
			add(ty.Name, "", "kind", o.kind, c.kind, nil)
			continue
		}
		if o.kind == "enum" {
			if !slices.Equal(o.members, c.members) {
				add(ty.Name, "", "members", strings.Join(o.members, ","), strings.Join(c.members, ","), nil)
			}
			if o.flags != c.flags {
				add(ty.Name, "", "flags", fmt.Sprint(o.flags), fmt.Sprint(c.flags), nil)
			}
			continue
		}
		var derived []string
		for _, d := range ty.Derived {
			derived = append(derived, d.Name)
		}
		if strings.Join(derived, ",") != strings.Join(c.derived, ",") {
			add(ty.Name, "", "derived types", strings.Join(derived, ","), strings.Join(c.derived, ","), nil)
		}
		if len(c.derived) > 0 && ty.Abstract == c.open {
			add(ty.Name, "", "abstract", fmt.Sprint(ty.Abstract), fmt.Sprint(!c.open), nil)
		}
		names := map[string]bool{}
		for n := range o.props {
			names[n] = true
		}
		for n := range c.props {
			names[n] = true
		}
		for _, n := range sortedKeys(names) {
			op, inOurs := o.props[n]
			cp, inTheirs := c.props[n]
			p := ty.Property(n)
			if !inOurs || !inTheirs {
				add(ty.Name, n, "property", presence(inOurs), presence(inTheirs), p)
				continue
			}
			props++
			if len(op.unknown)+len(cp.unknown) > 0 {
				add(ty.Name, n, "keywords not compared", strings.Join(op.unknown, ","), strings.Join(cp.unknown, ","), p)
			}
			if op.collection != cp.collection {
				add(ty.Name, n, "collection", fmt.Sprint(op.collection), fmt.Sprint(cp.collection), p)
				continue
			}
			ov, cv := op.item, cp.item
			if !slices.Equal(ov.types, cv.types) {
				add(ty.Name, n, "types", strings.Join(ov.types, ","), strings.Join(cv.types, ","), p)
			}
			if ov.nullable != cv.nullable {
				add(ty.Name, n, "nullable", fmt.Sprint(ov.nullable), fmt.Sprint(cv.nullable), p)
			}
			if ov.format != cv.format {
				add(ty.Name, n, "format", ov.format, cv.format, p)
			}
			if ov.ref != cv.ref {
				add(ty.Name, n, "type named", ov.ref, cv.ref, p)
			}
		}
	}
	return diffs, props
}

func presence(ok bool) string {
	if ok {
		return "present"
	}
	return "absent"
}

// jsonTypes returns a schema's "type" as a sorted list.
func jsonTypes(s map[string]any) []string {
	var out []string
	switch ty := s["type"].(type) {
	case string:
		out = []string{ty}
	case []any:
		for _, x := range ty {
			out = append(out, fmt.Sprint(x))
		}
	}
	sort.Strings(out)
	return out
}

// dig follows object members by name, or returns nil.
func dig(s map[string]any, path ...string) map[string]any {
	for _, k := range path {
		s, _ = s[k].(map[string]any)
	}
	return s
}

// list returns a JSON array of objects, skipping anything else.
func list(v any) []map[string]any {
	var out []map[string]any
	arr, _ := v.([]any)
	for _, x := range arr {
		if o, ok := x.(map[string]any); ok {
			out = append(out, o)
		}
	}
	return out
}

// unknownKeys lists the keywords of s outside known, sorted.
func unknownKeys(s map[string]any, known ...string) []string {
	var out []string
	for k := range s {
		if !slices.Contains(known, k) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// TestREADMEListsConverterExceptions keeps the README's list of kept
// differences equal to converterExceptions, with or without the
// converter at hand.
func TestREADMEListsConverterExceptions(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "<!-- converter-exceptions:begin -->")
	section, _, ok2 := strings.Cut(section, "<!-- converter-exceptions:end -->")
	if !ok || !ok2 {
		t.Fatal("README.md has no converter-exceptions section")
	}
	var listed []string
	for _, line := range strings.Split(section, "\n") {
		if name, ok := strings.CutPrefix(line, "- **"); ok {
			name, _, _ = strings.Cut(name, "**")
			listed = append(listed, name)
		}
	}
	var want []string
	for _, e := range converterExceptions {
		want = append(want, e.name)
	}
	if !slices.Equal(listed, want) {
		t.Errorf("README lists the converter exceptions\n%q\nthe test has\n%q", listed, want)
	}
}
