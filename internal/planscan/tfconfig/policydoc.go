package tfconfig

import (
	"bytes"
	"encoding/json"
	"errors"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/dynblock"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// The aws_iam_policy_document schema (hashicorp/aws 5.x).
var (
	docSchema = &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{{Name: "version"}, {Name: "policy_id"}, {Name: "source_policy_documents"}, {Name: "override_policy_documents"}},
		Blocks:     []hcl.BlockHeaderSchema{{Type: "statement"}},
	}
	stmtSchema = &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{{Name: "sid"}, {Name: "effect"}, {Name: "actions"}, {Name: "not_actions"}, {Name: "resources"}, {Name: "not_resources"}},
		Blocks:     []hcl.BlockHeaderSchema{{Type: "principals"}, {Type: "not_principals"}, {Type: "condition"}},
	}
	principalSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "type", Required: true}, {Name: "identifiers", Required: true}}}
	conditionSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "test", Required: true}, {Name: "variable", Required: true}, {Name: "values", Required: true}}}
)

// errUnknown: a value the document needs is known only after apply.
var errUnknown = errors.New("known only after apply")

// document renders an aws_iam_policy_document instance as the provider
// does; unknown (cty.UnknownVal) when a value it needs is unknown.
func (e *Evaluator) document(mi *modInst, res *Resource, index string) cty.Value {
	key := docKey(mi, res, index)
	if v, ok := e.docs[key]; ok {
		return v
	}
	if e.busy[key] || e.depth > maxDepth {
		return cty.UnknownVal(cty.String)
	}
	e.busy[key] = true
	defer delete(e.busy, key)
	ctx := e.instanceContext(mi, res, index)
	r := docReader{e: e, mi: mi, ctx: ctx, index: index, static: e.staticBody(res.Body)}
	text, err := r.render(res.Body)
	v := cty.UnknownVal(cty.String)
	if err == nil {
		v = cty.StringVal(text)
	} else {
		e.docWhy[key] = r.why
	}
	e.docs[key] = v
	return v
}

// docKey names a policy document instance in the evaluator's caches.
func docKey(mi *modInst, res *Resource, index string) string {
	return mi.addr + "|" + res.Type + "." + res.Name + "|" + index
}

type docReader struct {
	e     *Evaluator
	mi    *modInst
	ctx   *hcl.EvalContext
	index string // the instance key
	why   string // what kept the first unknown value unknown (unevaluable.go)
	// static: the document has no dynamic block; its bodies' contents are
	// the same for every instance (content_cache.go)
	static bool
}

func (r *docReader) value(c *hcl.BodyContent, name string) (cty.Value, bool, error) {
	a := c.Attributes[name]
	if a == nil {
		return cty.NilVal, false, nil
	}
	v := r.e.eval(r.mi, r.ctx, a.Expr)
	if !v.IsWhollyKnown() {
		if r.why == "" {
			r.why = r.e.unevaluable(r.mi, r.ctx, a.Expr, r.index, 0)
		}
		return cty.NilVal, true, errUnknown
	}
	return v, !v.IsNull(), nil
}

func (r *docReader) str(c *hcl.BodyContent, name, def string) (string, error) {
	v, ok, err := r.value(c, name)
	if err != nil || !ok {
		return def, err
	}
	s, cerr := convert.Convert(v, cty.String)
	if cerr != nil {
		return "", cerr
	}
	return s.AsString(), nil
}

func (r *docReader) strs(c *hcl.BodyContent, name string) ([]string, error) {
	v, ok, err := r.value(c, name)
	if err != nil || !ok {
		return nil, err
	}
	l, cerr := convert.Convert(v, cty.List(cty.String))
	if cerr != nil {
		return nil, cerr
	}
	var out []string
	for _, x := range l.AsValueSlice() {
		if x.IsNull() {
			continue
		}
		out = append(out, x.AsString())
	}
	return out, nil
}

func (r *docReader) content(b hcl.Body, s *hcl.BodySchema) (*hcl.BodyContent, error) {
	key := contentKey{body: b, schema: s}
	if r.static {
		if c, ok := r.e.contents[key]; ok {
			return c, nil
		}
	}
	r.ensureDynamic(b, 0)
	c, _, ds := dynblock.Expand(b, r.ctx).PartialContent(s)
	if ds.HasErrors() {
		r.e.note(ds)
		return nil, ds
	}
	if r.static {
		r.e.contents[key] = c
	}
	return c, nil
}

var (
	dynamicSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "dynamic", LabelNames: []string{"type"}}}}
	dynamicBody   = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "for_each"}}, Blocks: []hcl.BlockHeaderSchema{{Type: "content"}}}
)

// ensureDynamic adds what the for_each of dynamic blocks in b names.
func (r *docReader) ensureDynamic(b hcl.Body, depth int) {
	if depth > 8 {
		return
	}
	c, _, _ := b.PartialContent(dynamicSchema)
	if c == nil {
		return
	}
	for _, d := range c.Blocks {
		dc, _, _ := d.Body.PartialContent(dynamicBody)
		if dc == nil {
			continue
		}
		if a := dc.Attributes["for_each"]; a != nil {
			r.e.ensure(r.mi, a.Expr.Variables())
		}
		for _, cb := range dc.Blocks {
			r.ensureDynamic(cb.Body, depth+1)
		}
	}
}

func (r *docReader) render(body hcl.Body) (string, error) {
	c, err := r.content(body, docSchema)
	if err != nil {
		return "", err
	}
	merged := &policyDoc{}
	sources, err := r.strs(c, "source_policy_documents")
	if err != nil {
		return "", err
	}
	for _, s := range sources {
		d, err := parseDoc(s)
		if err != nil {
			return "", err
		}
		merged.merge(d)
	}
	doc := &policyDoc{}
	if doc.Version, err = r.str(c, "version", "2012-10-17"); err != nil {
		return "", err
	}
	if doc.ID, err = r.str(c, "policy_id", ""); err != nil {
		return "", err
	}
	for _, b := range c.Blocks {
		st, err := r.statement(b.Body, doc.Version)
		if err != nil {
			return "", err
		}
		doc.Statements = append(doc.Statements, st)
	}
	merged.merge(doc)
	overrides, err := r.strs(c, "override_policy_documents")
	if err != nil {
		return "", err
	}
	for _, s := range overrides {
		d, err := parseDoc(s)
		if err != nil {
			return "", err
		}
		merged.merge(d)
	}
	out, err := json.MarshalIndent(merged, "", "  ")
	return string(out), err
}

func (r *docReader) statement(body hcl.Body, version string) (*statement, error) {
	c, err := r.content(body, stmtSchema)
	if err != nil {
		return nil, err
	}
	st := &statement{}
	if st.Sid, err = r.str(c, "sid", ""); err != nil {
		return nil, err
	}
	if st.Effect, err = r.str(c, "effect", "Allow"); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		dst  *any
		vars bool
	}{{"actions", &st.Action, false}, {"not_actions", &st.NotAction, false}, {"resources", &st.Resource, true}, {"not_resources", &st.NotResource, true}} {
		l, err := r.strs(c, f.name)
		if err != nil {
			return nil, err
		}
		if f.vars {
			l = replaceVars(l, version)
		}
		if v := stringOrList(dedupe(l)); v != nil {
			*f.dst = v
		}
	}
	for _, b := range c.Blocks {
		schema := principalSchema
		if b.Type == "condition" {
			schema = conditionSchema
		}
		bc, err := r.content(b.Body, schema)
		if err != nil {
			return nil, err
		}
		switch b.Type {
		case "condition":
			test, err1 := r.str(bc, "test", "")
			variable, err2 := r.str(bc, "variable", "")
			values, err3 := r.strs(bc, "values")
			if err := errors.Join(err1, err2, err3); err != nil {
				return nil, err
			}
			st.Condition = append(st.Condition, condition{test, variable, stringOrList(replaceVars(values, version))})
		default:
			typ, err1 := r.str(bc, "type", "")
			ids, err2 := r.strs(bc, "identifiers")
			if err := errors.Join(err1, err2); err != nil {
				return nil, err
			}
			p := principal{typ, stringOrList(dedupe(replaceVars(ids, version)))}
			if b.Type == "principals" {
				st.Principal = append(st.Principal, p)
			} else {
				st.NotPrincipal = append(st.NotPrincipal, p)
			}
		}
	}
	return st, nil
}

// replaceVars turns &{...} into ${...} (PT-10), as the provider does for
// the 2012-10-17 version.
func replaceVars(l []string, version string) []string {
	if version != "2012-10-17" {
		return l
	}
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = strings.ReplaceAll(s, "&{", "${")
	}
	return out
}

// dedupe drops repeated values: the provider's attributes are sets.
func dedupe(l []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range l {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// stringOrList is the provider's policyDecodeConfigStringList: one value
// is a string, several a list sorted in reverse; none is nil.
func stringOrList(l []string) any {
	switch len(l) {
	case 0:
		return nil
	case 1:
		return l[0]
	}
	out := append([]string(nil), l...)
	sort.Sort(sort.Reverse(sort.StringSlice(out)))
	return out
}

func minify(s string) (string, bool) {
	var b bytes.Buffer
	if err := json.Compact(&b, []byte(s)); err != nil {
		return "", false
	}
	return b.String(), true
}
