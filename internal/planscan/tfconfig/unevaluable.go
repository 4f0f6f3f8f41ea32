package tfconfig

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// Why a policy stays unknown with its source (issue 8): an expression the
// source reader cannot evaluate is never guessed; the unknown names it, so
// that a reader of `depends on` knows what to look at:
//
//	function "provider::aws::arn_build" is not supported (policies.tf:12)
//	data.aws_iam_policy.ro.policy: read from AWS at apply
//	aws_kms_key.app.arn: known only after apply

// maxWhyDepth bounds the locals and documents followed to explain a value.
const maxWhyDepth = 8

// unevaluable says why x has no wholly known value in ctx; "" when it
// cannot tell. index is the instance key of the block x belongs to ("" for
// none): a policy document it reads from is explained for the same key.
func (e *Evaluator) unevaluable(mi *modInst, ctx *hcl.EvalContext, x hcl.Expression, index string, depth int) string {
	if x == nil || depth > maxWhyDepth {
		return ""
	}
	if _, ds := x.Value(ctx); ds.HasErrors() {
		for _, d := range ds {
			if d.Severity == hcl.DiagError {
				return e.diagWhy(d)
			}
		}
	}
	trs := x.Variables()
	// an error inside a local or a document comes before a value that is
	// merely late: it would stay unknown after the apply too
	var late string
	for _, tr := range trs {
		v, ds := tr.TraverseAbs(ctx)
		if ds.HasErrors() || v.IsWhollyKnown() {
			continue
		}
		why, final := e.traversalWhy(mi, tr, index, depth)
		if final && why != "" {
			return why
		}
		if late == "" {
			late = why
		}
	}
	return late
}

// traversalWhy explains one reference whose value is not wholly known.
// final: the reason is an expression that cannot be evaluated (not a value
// the apply will tell).
func (e *Evaluator) traversalWhy(mi *modInst, tr hcl.Traversal, index string, depth int) (why string, final bool) {
	name := traversalString(tr)
	switch tr.RootName() {
	case "local":
		if len(tr) > 1 {
			if a, ok := tr[1].(hcl.TraverseAttr); ok {
				if w := e.unevaluable(mi, mi.ctx, mi.mod.Locals[a.Name], "", depth+1); w != "" {
					return w, !strings.HasSuffix(w, lateSuffix) && !strings.HasSuffix(w, readSuffix)
				}
			}
		}
		return name + lateSuffix, false
	case "var", "each", "count", "path", "terraform", "self":
		return name + lateSuffix, false
	case "data":
		if len(tr) < 3 {
			return name + readSuffix, false
		}
		typ, _ := tr[1].(hcl.TraverseAttr)
		dsName, _ := tr[2].(hcl.TraverseAttr)
		if typ.Name == "aws_iam_policy_document" {
			if w := e.documentWhy(mi, dsName.Name, index); w != "" {
				return w, !strings.HasSuffix(w, lateSuffix) && !strings.HasSuffix(w, readSuffix)
			}
			return name + lateSuffix, false
		}
		return name + readSuffix, false
	}
	return name + lateSuffix, false
}

const (
	lateSuffix = ": known only after apply"
	readSuffix = ": read from AWS at apply"
)

// documentWhy is why a policy document data source of the module instance
// has no known json: the reason recorded when it was rendered, for the
// instance with the same key when there is one, else the first by key.
func (e *Evaluator) documentWhy(mi *modInst, name, index string) string {
	prefix := mi.addr + "|aws_iam_policy_document." + name + "|"
	if w, ok := e.docWhy[prefix+index]; ok {
		return w
	}
	var keys []string
	for k := range e.docWhy {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return ""
	}
	sort.Strings(keys)
	return e.docWhy[keys[0]]
}

// diagWhy words an evaluation error with its location in the source.
func (e *Evaluator) diagWhy(d *hcl.Diagnostic) string {
	var msg string
	switch {
	case d.Summary == "Call to unknown function":
		fn := "a function"
		if call, ok := d.Expression.(*hclsyntax.FunctionCallExpr); ok {
			fn = fmt.Sprintf("function %q", call.Name)
		}
		msg = fn + " is not supported"
	case d.Detail != "":
		msg = strings.TrimSuffix(d.Detail, ".")
	default:
		msg = d.Summary
	}
	if d.Subject != nil {
		msg += fmt.Sprintf(" (%s:%d)", e.relPath(d.Subject.Filename), d.Subject.Start.Line)
	}
	return msg
}

// relPath is a source file's path relative to the configuration's
// directory (as written when it is outside it).
func (e *Evaluator) relPath(file string) string {
	if e.cfg == nil || e.cfg.Dir == "" {
		return file
	}
	if rel, err := filepath.Rel(e.cfg.Dir, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return file
}

// traversalString writes a reference as Terraform does: data.t.n["k"].attr.
func traversalString(tr hcl.Traversal) string {
	var b strings.Builder
	for _, step := range tr {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + s.Name)
		case hcl.TraverseIndex:
			switch {
			case s.Key.Type() == cty.String && s.Key.IsKnown():
				fmt.Fprintf(&b, "[%q]", s.Key.AsString())
			case s.Key.Type() == cty.Number && s.Key.IsKnown():
				fmt.Fprintf(&b, "[%s]", s.Key.AsBigFloat().Text('f', -1))
			default:
				b.WriteString("[?]")
			}
		case hcl.TraverseSplat:
			b.WriteString("[*]")
		}
	}
	return b.String()
}
