package tfplan

import (
	"fmt"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// resolver answers attribute values of the instances of one side, resolving
// what can be resolved (PT-1): after-partials, the prior state of in-place
// updates, configuration references to other instances, and ARNs
// synthesised from known names, paths, region and account id. What remains
// unknown carries the Terraform address it depends on.
type Resolver struct {
	side      Side
	Instances []*Instance
	byKey     map[InstanceKey]*Instance
	byRes     map[InstanceKey][]*Instance // index "" -> every instance of the resource
	Config    *ConfigIndex
	Account   string // account id used for ARN synthesis ("" when unknown)
	Partition string
	Region    string
	// Place gives the account and region of one instance (those of its
	// provider configuration, "" when unknown); nil: Account and Region
	// for every instance.
	Place func(in *Instance) (account, region string)
	depth int
	// synthesize builds values Terraform knows only after apply from known
	// parts (ARNs from names, region and account); nil for none.
	Synthesize func(r *Resolver, in *Instance, attr string) (Str, bool)
	// Problems records values of the wrong JSON type; nil records none.
	Problems *Problems
}

func (r *Resolver) synthesizeValue(in *Instance, attr string) (Str, bool) {
	if r.Synthesize == nil {
		return Str{}, false
	}
	return r.Synthesize(r, in, attr)
}

// AccountOf is the account id of the instance's provider configuration
// ("" when unknown).
func (r *Resolver) AccountOf(in *Instance) string {
	if r.Place != nil && in != nil {
		a, _ := r.Place(in)
		return a
	}
	return r.Account
}

// RegionOf is the region of the instance's provider configuration ("" when
// unknown).
func (r *Resolver) RegionOf(in *Instance) string {
	if r.Place != nil && in != nil {
		_, g := r.Place(in)
		return g
	}
	return r.Region
}

func NewResolver(side Side, insts []*Instance) *Resolver {
	r := &Resolver{side: side, Instances: insts, byKey: map[InstanceKey]*Instance{}, byRes: map[InstanceKey][]*Instance{}, Partition: "aws"}
	for _, in := range insts {
		r.byKey[in.Key] = in
		k := in.Key
		k.Index = ""
		r.byRes[k] = append(r.byRes[k], in)
	}
	return r
}

// stableAttrs keep their prior value across an in-place update: identity
// attributes that only a replacement changes.
var stableAttrs = map[string]bool{"arn": true, "id": true, "unique_id": true, "key_id": true, "url": true, "owner_id": true}

// raw reads a top-level attribute: its value and whether it is unknown.
func (r *Resolver) Raw(in *Instance, attr string) (any, bool) {
	if IsUnknown(UnknownAtKey(in.AfterUnknown, attr)) {
		if (in.Action == ActionUpdate || in.Action == ActionNoop) && stableAttrs[attr] {
			if v, ok := in.Prior[attr]; ok && v != nil {
				return v, false
			}
		}
		return nil, true
	}
	return in.Values[attr], false
}

// scalar reads a string value: a string, or "" for null; another JSON type
// is recorded as a problem (and read as "").
func (r *Resolver) scalar(in *Instance, attr string, v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	}
	r.Problems.Add(in.Address, attr, v, "a string")
	return ""
}

// StrList reads a list of strings (names, ARNs); see StrList. A value that
// is not a list, or an element that is not a string, is a problem.
func (r *Resolver) StrList(in *Instance, attr string, v, unk any) ([]Str, *evaluator.Unknown) {
	if !IsUnknown(unk) {
		switch l := v.(type) {
		case nil:
		case []any:
			for i, e := range l {
				if _, ok := e.(string); !ok && e != nil && !IsUnknown(UnknownAtIndex(unk, i)) {
					r.Problems.Add(in.Address, fmt.Sprintf("%s[%d]", attr, i), e, "a string")
				}
			}
		default:
			r.Problems.Add(in.Address, attr, v, "a list")
		}
	}
	return StrList(v, unk, in.Address+"."+attr)
}

// TagMap reads a map of strings (tags); see TagMap.
func (r *Resolver) TagMap(in *Instance, attr string) (map[string]string, *evaluator.Unknown) {
	v, unk := in.Values[attr], UnknownAtKey(in.AfterUnknown, attr)
	if !IsUnknown(unk) {
		switch m := v.(type) {
		case nil:
		case map[string]any:
			for k, e := range m {
				if _, ok := e.(string); !ok && e != nil && !IsUnknown(UnknownAtKey(unk, k)) {
					r.Problems.Add(in.Address, attr+"."+k, e, "a string")
				}
			}
		default:
			r.Problems.Add(in.Address, attr, v, "a map of strings")
		}
	}
	return TagMap(v, unk, in.Address+"."+attr)
}

// str resolves a string attribute of an instance.
func (r *Resolver) Str(in *Instance, attr string) Str {
	v, unk := r.Raw(in, attr)
	if !unk {
		return KnownStr(r.scalar(in, attr, v))
	}
	if r.depth > 8 {
		return UnknownStr(in.Address+"."+attr, "")
	}
	r.depth++
	defer func() { r.depth-- }()
	if s, ok := r.synthesizeValue(in, attr); ok {
		return s
	}
	if t, tattr, ok := r.follow(in, attr, ""); ok && tattr != "" {
		return r.Str(t, tattr)
	}
	return UnknownStr(in.Address+"."+attr, "")
}

// strVia resolves a linking attribute (role, bucket, policy_arn, ...): like
// str, but when the value is unknown and the configuration references a
// single instance, it reads defAttr of that instance (the attribute
// the reference most likely names when the plan's references omit it).
func (r *Resolver) StrVia(in *Instance, attr, defAttr string) (Str, *Instance) {
	v, unk := r.Raw(in, attr)
	if !unk {
		return KnownStr(r.scalar(in, attr, v)), nil
	}
	if t, tattr, ok := r.follow(in, attr, defAttr); ok {
		if tattr == "" {
			tattr = defAttr
		}
		s := r.Str(t, tattr)
		if !s.Known() {
			// keep the original address in the reason chain for messages
			s.Unknown.Reason = in.Address + "." + attr + " = " + s.Unknown.Reason
		}
		return s, t
	}
	return UnknownStr(in.Address+"."+attr, ""), nil
}

// ref is one parsed configuration reference to a resource instance.
type ref struct {
	mode      tfjson.ResourceMode
	typ, name string
	index     string // "" when not given; normalised like indexKey
	attr      string
	hasIndex  bool
}

// follow resolves the configuration expression of attr to one instance in
// the same module instance. It succeeds only when every reference of the
// expression names the same resource (plus each.key, each.value or
// count.index to pick the instance), so that a value computed from several
// sources is never mistaken for one of them.
func (r *Resolver) follow(in *Instance, attr, defAttr string) (*Instance, string, bool) {
	ts, tattr, ok := r.FollowAll(in, attr)
	if !ok || len(ts) != 1 {
		return nil, "", false
	}
	return ts[0], tattr, true
}

// followAll is follow for expressions that may name several resources (lists
// such as users = [aws_iam_user.a.name, aws_iam_user.b.name]); every
// reference must name a resource instance that the plan has.
func (r *Resolver) FollowAll(in *Instance, attr string) ([]*Instance, string, bool) {
	e := in.Configured[attr]
	if e != nil && e.ExpressionData != nil && e.NestedBlocks != nil {
		// a list of blocks where the model follows an attribute's references
		r.Problems.Add(in.Address, "configuration expressions."+attr, []any{}, "an expression object")
		return nil, "", false
	}
	if e == nil || e.ExpressionData == nil || len(e.References) == 0 {
		return nil, "", false
	}
	return r.followExpr(in.Key.Module, in.Key.Index, e, 0)
}

// followExpr resolves the references of an expression evaluated in a module
// instance (instIndex is the count/for_each key of the resource instance
// evaluating it, for each.key and count.index).
func (r *Resolver) followExpr(module, instIndex string, e *tfjson.Expression, depth int) ([]*Instance, string, bool) {
	if e == nil || e.ExpressionData == nil || len(e.References) == 0 || depth > 8 {
		return nil, "", false
	}
	if outs, ok := moduleOutputRefs(e.References); ok {
		return r.followModuleOutputs(module, outs, depth)
	}
	var refs []*ref
	eachKey, countIndex := false, false
	for _, s := range e.References {
		switch {
		case s == "each.key":
			eachKey = true
			continue
		case s == "count.index":
			countIndex = true
			continue
		}
		p, ok := parseRef(s)
		if !ok {
			return nil, "", false // var., local., module., each.value: not a direct reference
		}
		refs = append(refs, p)
	}
	refs = mergeRefs(refs)
	var out []*Instance
	attrName := ""
	for _, p := range refs {
		key := InstanceKey{Module: module, Mode: p.mode, Type: p.typ, Name: p.name}
		switch {
		case p.hasIndex:
			key.Index = p.index
		case eachKey && strings.HasPrefix(instIndex, `"`):
			key.Index = instIndex
		case countIndex && strings.HasPrefix(instIndex, "#"):
			key.Index = instIndex
		default:
			all := r.byRes[InstanceKey{Module: module, Mode: p.mode, Type: p.typ, Name: p.name}]
			if len(all) != 1 || all[0].Key.Index != "" {
				return nil, "", false // a splat or for expression, or an instance we cannot pick
			}
		}
		t := r.byKey[key]
		if t == nil {
			return nil, "", false
		}
		out = append(out, t)
		if attrName == "" {
			attrName = p.attr
		}
	}
	return out, attrName, len(out) > 0
}

// moduleOutputRefs picks "module.NAME.OUTPUT" references (dropping their
// "module.NAME" prefixes); ok is false unless every reference is one.
func moduleOutputRefs(refs []string) (outs [][2]string, ok bool) {
	for _, s := range refs {
		if !strings.HasPrefix(s, "module.") {
			return nil, false
		}
		rest := s[len("module."):]
		name, out, found := strings.Cut(rest, ".")
		if strings.ContainsAny(name, "[]") {
			return nil, false // an instance of a module with count/for_each
		}
		if !found {
			continue
		}
		if i := strings.IndexAny(out, ".["); i >= 0 {
			out = out[:i]
		}
		outs = append(outs, [2]string{name, out})
	}
	return outs, len(outs) > 0
}

// followModuleOutputs follows module outputs into the child module
// instance (modules without count/for_each).
func (r *Resolver) followModuleOutputs(module string, outs [][2]string, depth int) ([]*Instance, string, bool) {
	if r.Config == nil {
		return nil, "", false
	}
	var all []*Instance
	attr := ""
	for _, o := range outs {
		child := "module." + o[0]
		if module != "" {
			child = module + "." + child
		}
		cm := r.Config.modules[moduleCallPath(child)]
		if cm == nil || cm.Outputs[o[1]] == nil {
			return nil, "", false
		}
		ts, a, ok := r.followExpr(child, "", cm.Outputs[o[1]].Expression, depth+1)
		if !ok {
			return nil, "", false
		}
		all = append(all, ts...)
		if attr == "" {
			attr = a
		}
	}
	return all, attr, true
}

// mergeRefs keeps one reference per resource instance: Terraform lists a
// traversal and its prefixes (aws_iam_role.a.name, aws_iam_role.a); the
// most detailed one wins, and an unindexed prefix of indexed references
// goes.
func mergeRefs(refs []*ref) []*ref {
	var out []*ref
	for _, p := range refs {
		merged := false
		for i, q := range out {
			if q.mode != p.mode || q.typ != p.typ || q.name != p.name {
				continue
			}
			switch {
			case p.hasIndex == q.hasIndex && p.index == q.index:
				if len(p.attr) > len(q.attr) {
					out[i] = p
				}
				merged = true
			case p.hasIndex && !q.hasIndex:
				out[i] = p
				merged = true
			case !p.hasIndex && q.hasIndex:
				merged = true
			}
			if merged {
				break
			}
		}
		if !merged {
			out = append(out, p)
		}
	}
	return out
}

// parseRef parses "aws_iam_role.app", `aws_iam_role.app["k"].name`,
// "aws_iam_role.app[0]", "data.aws_iam_policy_document.x.json".
func parseRef(s string) (*ref, bool) {
	p := &ref{mode: tfjson.ManagedResourceMode}
	if strings.HasPrefix(s, "data.") {
		p.mode = tfjson.DataResourceMode
		s = s[len("data."):]
	}
	typ, rest, ok := strings.Cut(s, ".")
	if !ok || !strings.Contains(typ, "_") || strings.ContainsAny(typ, "[]\"") {
		return nil, false // var.x, local.x, module.x, path.module, ...
	}
	p.typ = typ
	// name, then optional [index], then optional .attr
	i := strings.IndexAny(rest, ".[")
	if i < 0 {
		p.name = rest
		return p, rest != ""
	}
	p.name = rest[:i]
	rest = rest[i:]
	if strings.HasPrefix(rest, "[") {
		end := closingBracket(rest)
		if end < 0 {
			return nil, false
		}
		idx := rest[1:end]
		rest = rest[end+1:]
		if n, err := strconv.Atoi(idx); err == nil {
			p.index, p.hasIndex = "#"+strconv.Itoa(n), true
		} else if u, err := strconv.Unquote(idx); err == nil {
			p.index, p.hasIndex = strconv.Quote(u), true
		} else {
			return nil, false // an index expression, not a literal
		}
	}
	if strings.HasPrefix(rest, ".") {
		a := rest[1:]
		if j := strings.IndexAny(a, ".["); j >= 0 {
			a = a[:j]
		}
		p.attr = a
	}
	return p, p.name != ""
}

func closingBracket(s string) int {
	inStr := false
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case inStr && c == '\\':
			i++
		case c == '"':
			inStr = !inStr
		case !inStr && c == ']':
			return i
		}
	}
	return -1
}
