package tfconfig

import (
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
	"github.com/zclconf/go-cty/cty"
)

// Options configure an Evaluator.
type Options struct {
	// Placeholder may give the text that stands for an attribute the plan
	// knows only after apply (s is what the resolver knows of it: a known
	// prefix at best). The caller decides where such a text is sound; nil
	// leaves every such attribute unknown.
	Placeholder func(in *tfplan.Instance, attr string, s tfplan.Str) (string, bool)
}

// Evaluator re-evaluates expressions of one side of a plan with that side's
// values. It is not safe for concurrent use.
type Evaluator struct {
	cfg   *Config
	plan  *tfjson.Plan
	r     *tfplan.Resolver
	opts  Options
	mods  map[string]*modInst
	byMod map[string]map[string][]*tfplan.Instance // module instance -> mode.type.name -> instances
	docs  map[string]cty.Value
	// docWhy: why a document in docs is unknown (unevaluable.go)
	docWhy map[string]string
	busy   map[string]bool
	depth  int

	diags    []Diagnostic
	seenDiag map[string]bool

	// static and contents: the bodies of documents without dynamic blocks
	// and what they hold, read once (content_cache.go)
	static   map[*hclsyntax.Body]bool
	contents map[contentKey]*hcl.BodyContent
}

// Evaluator returns an evaluator of the side whose instances r holds.
func (c *Config) Evaluator(plan *tfjson.Plan, r *tfplan.Resolver, opts Options) *Evaluator {
	e := &Evaluator{cfg: c, plan: plan, r: r, opts: opts, mods: map[string]*modInst{},
		byMod: map[string]map[string][]*tfplan.Instance{}, docs: map[string]cty.Value{}, docWhy: map[string]string{}, busy: map[string]bool{}, seenDiag: map[string]bool{},
		static: map[*hclsyntax.Body]bool{}, contents: map[contentKey]*hcl.BodyContent{}}
	for _, in := range r.Instances {
		m := e.byMod[in.Key.Module]
		if m == nil {
			m = map[string][]*tfplan.Instance{}
			e.byMod[in.Key.Module] = m
		}
		k := string(in.Key.Mode) + "." + in.Key.Type + "." + in.Key.Name
		m[k] = append(m[k], in)
	}
	return e
}

// Diagnostics are the problems met while evaluating (a file() outside the
// module, an unknown function), each once.
func (e *Evaluator) Diagnostics() []Diagnostic { return e.diags }

func (e *Evaluator) note(ds hcl.Diagnostics) {
	for _, d := range ds {
		if d.Severity != hcl.DiagError || (d.Summary != "Error in function call" && d.Summary != "Call to unknown function" && d.Summary != "Invalid function argument") {
			continue
		}
		for _, dg := range diagsOf(hcl.Diagnostics{d}) {
			if k := dg.String(); !e.seenDiag[k] {
				e.seenDiag[k] = true
				dg.Summary += "; the value stays unknown"
				e.diags = append(e.diags, dg)
			}
		}
	}
}

// maxDepth bounds nested evaluations (locals, outputs, documents).
const maxDepth = 48

// modInst is one instance of a module (the root, module.a, module.a["k"]).
type modInst struct {
	addr   string
	mod    *Module
	parent *modInst
	call   *ModuleCall
	key    cty.Value // each.key / count.index of the module instance; NilVal for none
	ctx    *hcl.EvalContext
	added  map[string]bool
	locals map[string]cty.Value
	res    map[string]map[string]cty.Value // root name -> name -> value
	// forEach holds the wholly known for_each values of the module's
	// resources: evaluated once, not once per instance (a for_each over
	// 500 keys was 500 evaluations of a 500-entry map)
	forEach map[*Resource]cty.Value
}

// moduleInstance returns the module instance with address addr, nil when
// the source has no such module.
func (e *Evaluator) moduleInstance(addr string) *modInst {
	if mi, ok := e.mods[addr]; ok {
		return mi
	}
	var mi *modInst
	if addr == "" {
		mi = &modInst{mod: e.cfg.Root}
	} else if parentAddr, name, key, ok := splitModuleAddr(addr); ok {
		if p := e.moduleInstance(parentAddr); p != nil {
			if call := p.mod.Calls[name]; call != nil && call.Module != nil {
				mi = &modInst{addr: addr, mod: call.Module, parent: p, call: call, key: key}
			}
		}
	}
	e.mods[addr] = mi
	if mi != nil {
		e.initModule(mi)
	}
	return mi
}

// splitModuleAddr splits `module.a["k"].module.b[0]` into its parent
// (`module.a["k"]`), the last call name (b) and instance key (0).
func splitModuleAddr(addr string) (parent, name string, key cty.Value, ok bool) {
	i := strings.LastIndex(addr, "module.")
	for i > 0 && addr[i-1] != '.' {
		i = strings.LastIndex(addr[:i], "module.")
	}
	if i < 0 {
		return "", "", cty.NilVal, false
	}
	parent = strings.TrimSuffix(addr[:i], ".")
	rest := addr[i+len("module."):]
	name, idx, hasIdx := strings.Cut(rest, "[")
	if !hasIdx {
		return parent, name, cty.NilVal, name != ""
	}
	idx = strings.TrimSuffix(idx, "]")
	if n, err := strconv.Atoi(idx); err == nil {
		return parent, name, cty.NumberIntVal(int64(n)), true
	}
	if s, err := strconv.Unquote(idx); err == nil {
		return parent, name, cty.StringVal(s), true
	}
	return "", "", cty.NilVal, false
}

// eachCount sets each.key/each.value or count.index of an instance;
// forEach is the wholly known for_each value, else cty.NilVal (each.value
// is then unknown).
func eachCount(vars map[string]cty.Value, key cty.Value, forEach cty.Value) {
	switch {
	case key == cty.NilVal:
	case key.Type() == cty.Number:
		vars["count"] = cty.ObjectVal(map[string]cty.Value{"index": key})
	default:
		val := cty.DynamicVal
		if forEach != cty.NilVal && !forEach.IsNull() {
			t := forEach.Type()
			switch {
			case t.IsObjectType() && t.HasAttribute(key.AsString()):
				val = forEach.GetAttr(key.AsString())
			case t.IsMapType():
				if forEach.HasIndex(key).True() {
					val = forEach.Index(key)
				}
			case t.IsSetType(), t.IsTupleType(), t.IsListType():
				val = key // for_each over a set: each.value is each.key
			}
		}
		vars["each"] = cty.ObjectVal(map[string]cty.Value{"key": key, "value": val})
	}
}

func (e *Evaluator) initModule(mi *modInst) {
	mi.added = map[string]bool{}
	mi.res = map[string]map[string]cty.Value{}
	mi.ctx = &hcl.EvalContext{Variables: map[string]cty.Value{}, Functions: functions(mi.mod.Dir)}
	root := e.cfg.Dir
	mi.ctx.Variables["path"] = cty.ObjectVal(map[string]cty.Value{
		"module": cty.StringVal(mi.mod.Dir), "root": cty.StringVal(root), "cwd": cty.StringVal(root)})
	mi.ctx.Variables["terraform"] = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})
	vars := map[string]cty.Value{}
	var callCtx *hcl.EvalContext
	if mi.call != nil {
		callCtx = mi.parent.ctx.NewChild()
		callCtx.Variables = map[string]cty.Value{}
		fe := cty.NilVal
		if mi.call.ForEach != nil && mi.key != cty.NilVal && mi.key.Type() == cty.String {
			if fe = e.eval(mi.parent, mi.parent.ctx, mi.call.ForEach); !fe.IsWhollyKnown() {
				fe = cty.NilVal
			}
		}
		eachCount(callCtx.Variables, mi.key, fe)
	}
	for name, def := range mi.mod.Variables {
		v := cty.DynamicVal
		switch {
		case mi.call == nil:
			if pv := e.plan.Variables[name]; pv != nil {
				v = jsonToCty(pv.Value, nil)
			} else if def != nil {
				v = e.eval(mi, mi.ctx, def)
			}
		case mi.call.Args[name] != nil:
			v = e.eval(mi.parent, callCtx, mi.call.Args[name])
		case def != nil:
			v = e.eval(mi, mi.ctx, def)
		}
		vars[name] = v
	}
	mi.ctx.Variables["var"] = cty.ObjectVal(vars)
	e.evalLocals(mi)
}

// evalLocals evaluates the module's locals, in as many passes as their
// references among themselves need.
func (e *Evaluator) evalLocals(mi *modInst) {
	mi.locals = map[string]cty.Value{}
	for n := range mi.mod.Locals {
		mi.locals[n] = cty.DynamicVal
	}
	mi.ctx.Variables["local"] = cty.ObjectVal(mi.locals)
	for pass := 0; pass <= len(mi.mod.Locals) && pass < maxDepth; pass++ {
		changed := false
		for n, x := range mi.mod.Locals {
			if mi.locals[n].IsWhollyKnown() {
				continue
			}
			v := e.eval(mi, mi.ctx, x)
			if !v.RawEquals(mi.locals[n]) {
				mi.locals[n] = v
				changed = true
			}
		}
		mi.ctx.Variables["local"] = cty.ObjectVal(mi.locals)
		if !changed {
			break
		}
	}
}

// eval evaluates x in ctx after adding what its references need to the
// module instance's context. A failed evaluation is unknown.
func (e *Evaluator) eval(mi *modInst, ctx *hcl.EvalContext, x hcl.Expression) cty.Value {
	if e.depth > maxDepth {
		return cty.DynamicVal
	}
	e.depth++
	defer func() { e.depth-- }()
	e.ensure(mi, x.Variables())
	v, ds := x.Value(ctx)
	if ds.HasErrors() {
		e.note(ds)
		return cty.DynamicVal
	}
	return v
}

// ensure adds to the module's context the resources, data sources and
// module outputs that the traversals name.
func (e *Evaluator) ensure(mi *modInst, trs []hcl.Traversal) {
	for _, tr := range trs {
		root := tr.RootName()
		switch root {
		case "var", "local", "path", "terraform", "each", "count", "self":
			continue
		}
		mode, typ := "managed", root
		i := 1
		if root == "data" || root == "module" {
			if len(tr) < 2 {
				continue
			}
			a, ok := tr[1].(hcl.TraverseAttr)
			if !ok {
				continue
			}
			if root == "module" {
				e.addModuleValue(mi, a.Name)
				continue
			}
			mode, typ, i = "data", a.Name, 2
		}
		if len(tr) <= i {
			continue
		}
		a, ok := tr[i].(hcl.TraverseAttr)
		if !ok {
			continue
		}
		e.addResource(mi, mode, typ, a.Name)
	}
}

func (e *Evaluator) addResource(mi *modInst, mode, typ, name string) {
	k := mode + "." + typ + "." + name
	if mi.added[k] {
		return
	}
	mi.added[k] = true
	root := typ
	if mode == "data" {
		root = "data." + typ
	}
	insts := e.byMod[mi.addr][k]
	src := mi.mod.Resources[k]
	one := e.instanceValue
	if mode == "data" && typ == "aws_iam_policy_document" && src != nil {
		one = func(in *tfplan.Instance) cty.Value { return e.documentValue(mi, src, in) }
	}
	v := e.collectionValue(insts, one)
	if mi.res[root] == nil {
		mi.res[root] = map[string]cty.Value{}
	}
	mi.res[root][name] = v
	if mode == "managed" {
		mi.ctx.Variables[typ] = cty.ObjectVal(mi.res[root])
		return
	}
	data := map[string]cty.Value{}
	for r, names := range mi.res {
		if t, ok := strings.CutPrefix(r, "data."); ok {
			data[t] = cty.ObjectVal(names)
		}
	}
	mi.ctx.Variables["data"] = cty.ObjectVal(data)
}

// documentValue is a policy document data source instance with its json
// rebuilt from source when the plan knows it only after apply.
func (e *Evaluator) documentValue(mi *modInst, src *Resource, in *tfplan.Instance) cty.Value {
	v := e.instanceValue(in)
	if !v.Type().IsObjectType() || !v.Type().HasAttribute("json") || v.GetAttr("json").IsKnown() {
		return v
	}
	doc := e.document(mi, src, in.Key.Index)
	if !doc.IsKnown() {
		return v
	}
	attrs := v.AsValueMap()
	attrs["json"] = doc
	if s, ok := minify(doc.AsString()); ok {
		attrs["minified_json"] = cty.StringVal(s)
	}
	return cty.ObjectVal(attrs)
}

// addModuleValue adds module.<name>: the outputs of the call's instances.
func (e *Evaluator) addModuleValue(mi *modInst, name string) {
	k := "module." + name
	if mi.added[k] {
		return
	}
	mi.added[k] = true
	call := mi.mod.Calls[name]
	v := cty.DynamicVal
	if call != nil && call.Module != nil {
		base := k
		if mi.addr != "" {
			base = mi.addr + "." + k
		}
		outputs := func(addr string) cty.Value {
			child := e.moduleInstance(addr)
			if child == nil {
				return cty.DynamicVal
			}
			o := map[string]cty.Value{}
			for n, x := range child.mod.Outputs {
				o[n] = e.eval(child, child.ctx, x)
			}
			return cty.ObjectVal(o)
		}
		if call.Count == nil && call.ForEach == nil {
			v = outputs(base)
		} else {
			v = e.moduleInstances(base, outputs)
		}
	}
	mods := map[string]cty.Value{}
	if cur, ok := mi.ctx.Variables["module"]; ok {
		mods = cur.AsValueMap()
	}
	mods[name] = v
	mi.ctx.Variables["module"] = cty.ObjectVal(mods)
}

// moduleInstances collects the instances of a module call with count or
// for_each from the module addresses of the plan's resources.
func (e *Evaluator) moduleInstances(base string, outputs func(string) cty.Value) cty.Value {
	seen := map[string]bool{}
	var insts []*tfplan.Instance
	for addr := range e.byMod {
		rest, ok := strings.CutPrefix(addr, base+"[")
		if !ok {
			continue
		}
		end := strings.Index(rest, "]")
		if end < 0 {
			continue
		}
		idx := rest[:end]
		if seen[idx] {
			continue
		}
		seen[idx] = true
		key := idx
		if _, err := strconv.Atoi(idx); err == nil {
			key = "#" + idx
		}
		insts = append(insts, &tfplan.Instance{Address: base + "[" + idx + "]", Key: tfplan.InstanceKey{Index: key}})
	}
	return e.collectionValue(insts, func(in *tfplan.Instance) cty.Value { return outputs(in.Address) })
}

// instanceContext is the context of one resource instance: the module's,
// with each.key/each.value or count.index.
func (e *Evaluator) instanceContext(mi *modInst, res *Resource, index string) *hcl.EvalContext {
	ctx := mi.ctx.NewChild()
	ctx.Variables = map[string]cty.Value{}
	key := cty.NilVal
	switch {
	case strings.HasPrefix(index, "#"):
		if n, err := strconv.Atoi(index[1:]); err == nil {
			key = cty.NumberIntVal(int64(n))
		}
	case strings.HasPrefix(index, `"`):
		if s, err := strconv.Unquote(index); err == nil {
			key = cty.StringVal(s)
		}
	}
	fe := cty.NilVal
	if res.ForEach != nil && key != cty.NilVal && key.Type() == cty.String {
		fe = e.forEachValue(mi, res)
	}
	eachCount(ctx.Variables, key, fe)
	return ctx
}

// forEachValue is the value of a resource's for_each when wholly known,
// else cty.NilVal. A known value is kept (walking a 500-entry map to tell
// was 500 walks); an unknown one is evaluated again (a deeper evaluation
// may have cut it short).
func (e *Evaluator) forEachValue(mi *modInst, res *Resource) cty.Value {
	if v, ok := mi.forEach[res]; ok {
		return v
	}
	v := e.eval(mi, mi.ctx, res.ForEach)
	if !v.IsWhollyKnown() {
		return cty.NilVal
	}
	if mi.forEach == nil {
		mi.forEach = map[*Resource]cty.Value{}
	}
	mi.forEach[res] = v
	return v
}
