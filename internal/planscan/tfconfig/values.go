package tfconfig

import (
	"encoding/json"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
	"github.com/zclconf/go-cty/cty"
)

// jsonToCty converts a value of plan JSON to cty; unk is the matching part
// of after_unknown (true marks an unknown value). Lists become tuples and
// maps objects: expressions index, iterate and convert them as Terraform's
// own values.
func jsonToCty(v, unk any) cty.Value {
	if tfplan.IsUnknown(unk) {
		return cty.DynamicVal
	}
	switch t := v.(type) {
	case nil:
		return cty.NullVal(cty.DynamicPseudoType)
	case string:
		return cty.StringVal(t)
	case bool:
		return cty.BoolVal(t)
	case float64:
		return cty.NumberFloatVal(t)
	case json.Number:
		if f, ok := new(big.Float).SetString(t.String()); ok {
			return cty.NumberVal(f)
		}
		return cty.DynamicVal
	case []any:
		if len(t) == 0 {
			return cty.EmptyTupleVal
		}
		vs := make([]cty.Value, len(t))
		for i, e := range t {
			vs[i] = jsonToCty(e, tfplan.UnknownAtIndex(unk, i))
		}
		return cty.TupleVal(vs)
	case map[string]any:
		if len(t) == 0 && unk == nil {
			return cty.EmptyObjectVal
		}
		return cty.ObjectVal(jsonObjectAttrs(t, unk))
	}
	return cty.DynamicVal
}

// jsonObjectAttrs is the attributes of jsonToCty's object for t.
func jsonObjectAttrs(t map[string]any, unk any) map[string]cty.Value {
	m := make(map[string]cty.Value, len(t))
	for k, e := range t {
		m[k] = jsonToCty(e, tfplan.UnknownAtKey(unk, k))
	}
	// attributes unknown in after_unknown but absent from the values
	if um, ok := unk.(map[string]any); ok {
		for k, u := range um {
			if _, seen := m[k]; !seen && tfplan.IsUnknown(u) {
				m[k] = cty.DynamicVal
			}
		}
	}
	return m
}

// instanceValue is the value of one resource instance for expressions: the
// planned values, with the attributes the plan knows only after apply
// replaced by what the resolver can synthesise (a full ARN from a name,
// region and account), else by the Placeholder of the options, else left
// unknown (refined with the known prefix when there is one).
func (e *Evaluator) instanceValue(in *tfplan.Instance) cty.Value {
	if tfplan.IsUnknown(in.AfterUnknown) {
		return cty.DynamicVal // jsonToCty's
	}
	// the attributes directly, not through an object value (issue 8:
	// thousands of instances)
	attrs := jsonObjectAttrs(in.Values, in.AfterUnknown)
	for k, a := range attrs {
		if a.IsKnown() {
			continue
		}
		s := e.r.Str(in, k)
		switch {
		case s.Known():
			attrs[k] = cty.StringVal(s.Value)
		case e.opts.Placeholder != nil:
			if text, ok := e.opts.Placeholder(in, k, s); ok {
				attrs[k] = cty.StringVal(text)
				continue
			}
			fallthrough
		default:
			if s.Unknown.Prefix != "" {
				attrs[k] = cty.UnknownVal(cty.String).Refine().StringPrefix(s.Unknown.Prefix).NewValue()
			}
		}
	}
	return cty.ObjectVal(attrs)
}

// collectionValue is the value of a resource's instances: one object, a
// tuple (count) or an object by key (for_each); unknown when the instances
// do not form one of these.
func (e *Evaluator) collectionValue(insts []*tfplan.Instance, one func(*tfplan.Instance) cty.Value) cty.Value {
	if len(insts) == 0 {
		return cty.DynamicVal
	}
	if len(insts) == 1 && insts[0].Key.Index == "" {
		return one(insts[0])
	}
	byNum := map[int]*tfplan.Instance{}
	byKey := map[string]cty.Value{}
	for _, in := range insts {
		idx := in.Key.Index
		switch {
		case strings.HasPrefix(idx, "#"):
			n, err := strconv.Atoi(idx[1:])
			if err != nil {
				return cty.DynamicVal
			}
			byNum[n] = in
		case strings.HasPrefix(idx, `"`):
			k, err := strconv.Unquote(idx)
			if err != nil {
				return cty.DynamicVal
			}
			byKey[k] = one(in)
		default:
			return cty.DynamicVal
		}
	}
	if len(byKey) > 0 {
		if len(byNum) > 0 {
			return cty.DynamicVal
		}
		return cty.ObjectVal(byKey)
	}
	nums := make([]int, 0, len(byNum))
	for n := range byNum {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	vs := make([]cty.Value, len(nums))
	for i, n := range nums {
		if n != i {
			return cty.DynamicVal // a gap: an instance out of view
		}
		vs[i] = one(byNum[n])
	}
	return cty.TupleVal(vs)
}
