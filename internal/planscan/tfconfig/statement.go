package tfconfig

import (
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Statement locates a statement of the policy a resource address holds,
// by its Sid or, for a statement without one, its 1-based index (the
// names planscan gives matched statements): the statement block of an
// aws_iam_policy_document (the address's own, or the one its policy
// attribute names), or the statement object of a jsonencode value. ok is
// false when the source does not write the statement that way (a heredoc,
// a string, a managed policy, a module installed under .terraform, a
// document merged from source or override documents without that Sid).
func (c *Config) Statement(address, sid string) (hcl.Range, bool) {
	r, outer, m := c.resource(address)
	if r == nil || outer.Filename != "" || sid == "" {
		return hcl.Range{}, false
	}
	if r.Mode == "data" && r.Type == "aws_iam_policy_document" {
		return statementBlock(r.Body, sid)
	}
	for attr := range inlinePolicyAttrs[r.Type] {
		a := attribute(r.Body, attr)
		if a == nil {
			continue
		}
		if doc := documentOf(m, a.Expr); doc != nil {
			return statementBlock(doc.Body, sid)
		}
		if call, ok := a.Expr.(*hclsyntax.FunctionCallExpr); ok && call.Name == "jsonencode" && len(call.Args) == 1 {
			return statementObject(call.Args[0], sid)
		}
	}
	return hcl.Range{}, false
}

// statementBlock is the statement block with the Sid, else (a number) the
// block at that 1-based index when the blocks are the statements in order.
func statementBlock(body hcl.Body, sid string) (hcl.Range, bool) {
	c, _, _ := body.PartialContent(docSchema)
	if c == nil {
		return hcl.Range{}, false
	}
	for _, b := range c.Blocks {
		if sc, _, _ := b.Body.PartialContent(stmtSchema); sc != nil {
			if a := sc.Attributes["sid"]; a != nil && staticString(a.Expr) == sid {
				return b.DefRange, true
			}
		}
	}
	n, err := strconv.Atoi(sid)
	if err != nil || n < 1 {
		return hcl.Range{}, false
	}
	return statementRange(body, []string{"Statement", strconv.Itoa(n - 1)})
}

// statementObject is the object of jsonencode's Statement with the Sid,
// else the one at that 1-based index.
func statementObject(x hclsyntax.Expression, sid string) (hcl.Range, bool) {
	doc, ok := x.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return hcl.Range{}, false
	}
	var stmts hclsyntax.Expression
	for _, it := range doc.Items {
		if k, ok := objectKey(it.KeyExpr); ok && k == "Statement" {
			stmts = it.ValueExpr
		}
	}
	var list []hclsyntax.Expression
	switch v := stmts.(type) {
	case *hclsyntax.TupleConsExpr:
		list = v.Exprs
	case *hclsyntax.ObjectConsExpr:
		list = []hclsyntax.Expression{v}
	default:
		return hcl.Range{}, false
	}
	for _, e := range list {
		if o, ok := e.(*hclsyntax.ObjectConsExpr); ok {
			for _, it := range o.Items {
				if k, ok := objectKey(it.KeyExpr); ok && k == "Sid" && staticString(it.ValueExpr) == sid {
					return o.Range(), true
				}
			}
		}
	}
	if n, err := strconv.Atoi(sid); err == nil && n >= 1 && n <= len(list) {
		return list[n-1].Range(), true
	}
	return hcl.Range{}, false
}

// staticString is an expression's value when it is a string without
// references ("" otherwise).
func staticString(x hcl.Expression) string {
	v, ds := x.Value(nil)
	if ds.HasErrors() || !v.IsWhollyKnown() || v.IsNull() || !v.Type().Equals(cty.String) {
		return ""
	}
	return v.AsString()
}
