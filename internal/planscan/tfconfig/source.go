package tfconfig

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
	"github.com/zclconf/go-cty/cty"
)

// Rebuilt is a policy document rebuilt from source.
type Rebuilt struct {
	JSON string
	File string // the block the value comes from
	Line int
	// Why says, when the document could not be rebuilt, what kept it
	// unknown: an expression the source reader cannot evaluate, with its
	// location, or a value read or known only at apply (unevaluable.go);
	// "" when the source does not hold the instance or cannot tell.
	Why string
}

// Policy rebuilds the value of a policy-bearing attribute of an instance
// (the json of an aws_iam_policy_document, a policy, assume_role_policy,
// content, ... attribute) from source. ok is false when the source does not
// hold the instance or the value is not wholly known: it is never guessed.
func (e *Evaluator) Policy(in *tfplan.Instance, attr string) (Rebuilt, bool) {
	if e == nil || in == nil {
		return Rebuilt{}, false
	}
	mi := e.moduleInstance(in.Key.Module)
	if mi == nil {
		return Rebuilt{}, false
	}
	res := mi.mod.Resources[string(in.Key.Mode)+"."+in.Key.Type+"."+in.Key.Name]
	if res == nil {
		return Rebuilt{}, false
	}
	var v cty.Value
	var ctx *hcl.EvalContext // of the attribute's expression x (nil for a document)
	var x hcl.Expression
	if in.Key.Mode == tfjson.DataResourceMode && in.Key.Type == "aws_iam_policy_document" && (attr == "json" || attr == "minified_json") {
		v = e.document(mi, res, in.Key.Index)
		if v.IsKnown() && attr == "minified_json" {
			if s, ok := minify(v.AsString()); ok {
				v = cty.StringVal(s)
			}
		}
	} else {
		c, _, _ := res.Body.PartialContent(&hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: attr}}})
		if c == nil || c.Attributes[attr] == nil {
			return Rebuilt{}, false
		}
		ctx = e.instanceContext(mi, res, in.Key.Index)
		x = c.Attributes[attr].Expr
		v = e.eval(mi, ctx, x)
	}
	if !v.IsWhollyKnown() {
		if ctx == nil {
			return Rebuilt{Why: e.docWhy[docKey(mi, res, in.Key.Index)]}, false
		}
		return Rebuilt{Why: e.unevaluable(mi, ctx, x, in.Key.Index, 0)}, false
	}
	if v.IsNull() || !v.Type().Equals(cty.String) {
		return Rebuilt{}, false
	}
	return Rebuilt{JSON: v.AsString(), File: res.Range.Filename, Line: res.Range.Start.Line}, true
}

// Match reports whether the source is the configuration the plan was made
// from: every resource and module call of the plan's root module is
// declared in it. why names the first one missing.
func (c *Config) Match(plan *tfjson.Plan) (ok bool, why string) {
	if c == nil || c.Root == nil {
		return false, "no .tf files"
	}
	var want []string
	calls := map[string]bool{}
	switch {
	case plan != nil && plan.Config != nil && plan.Config.RootModule != nil:
		for _, r := range plan.Config.RootModule.Resources {
			if r != nil {
				want = append(want, string(r.Mode)+"."+r.Type+"."+r.Name)
			}
		}
		for n := range plan.Config.RootModule.ModuleCalls {
			calls[n] = true
		}
	case plan != nil:
		for _, rc := range plan.ResourceChanges {
			if rc != nil && rc.ModuleAddress == "" {
				want = append(want, string(rc.Mode)+"."+rc.Type+"."+rc.Name)
			}
		}
	}
	sort.Strings(want)
	for _, k := range want {
		if c.Root.Resources[k] == nil {
			return false, fmt.Sprintf("%s declares no %s", c.Dir, displayKey(k))
		}
	}
	for _, n := range sortedKeys(calls) {
		if c.Root.Calls[n] == nil {
			return false, fmt.Sprintf("%s declares no module %q", c.Dir, n)
		}
	}
	if len(want) == 0 && len(calls) == 0 {
		return false, "the plan has no resources to match"
	}
	return true, ""
}

func displayKey(k string) string {
	if len(k) > len("managed.") && k[:len("managed.")] == "managed." {
		return k[len("managed."):]
	}
	return k
}
