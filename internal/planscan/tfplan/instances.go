package tfplan

import (
	"fmt"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// Side says which state a model describes.
type Side string

const (
	Before Side = "before" // the prior state (what exists now)
	After  Side = "after"  // the planned state (what will exist after apply)
)

// Action is the planned change of a resource instance, one word.
type Action string

const (
	ActionNoop    Action = "no-op"
	ActionCreate  Action = "create"
	ActionRead    Action = "read"
	ActionUpdate  Action = "update"
	ActionDelete  Action = "delete"
	ActionReplace Action = "replace"
	ActionNone    Action = "" // not in resource_changes (prior state only)
)

func actionOf(a tfjson.Actions) Action {
	switch {
	case a.Replace():
		return ActionReplace
	case a.Create():
		return ActionCreate
	case a.Delete():
		return ActionDelete
	case a.Update():
		return ActionUpdate
	case a.Read():
		return ActionRead
	case a.NoOp():
		return ActionNoop
	}
	return ActionNone // unknown enum values are treated as none (tfjson's advice)
}

// instKey identifies a resource instance: module instance address, mode,
// type, name and instance key (normalised, see indexKey).
type InstanceKey struct {
	Module string
	Mode   tfjson.ResourceMode
	Type   string
	Name   string
	Index  string
}

// instance is one resource instance as seen from one side of the plan.
type Instance struct {
	Key     InstanceKey
	Address string
	Action  Action
	// vals are the attribute values of this side (change.before or
	// change.after / prior state values); unk is after_unknown (after side).
	Values       map[string]any
	AfterUnknown map[string]any
	// prior is change.before on the after side, used to resolve values that
	// an in-place update keeps (resolve.go).
	Prior  map[string]any
	Config *tfjson.ConfigResource
	// configured lists the attribute names set in the configuration (nil
	// when the plan has no configuration for this resource).
	Configured map[string]*tfjson.Expression
}

// indexKey normalises an instance key: "" (no count/for_each), "#3" (count)
// or `"k"` (for_each), as in the address.
func indexKey(idx any) string {
	switch v := idx.(type) {
	case nil:
		return ""
	case string:
		return strconv.Quote(v)
	case float64:
		return "#" + strconv.FormatInt(int64(v), 10)
	case int:
		return "#" + strconv.Itoa(v)
	}
	return ""
}

// instances collects the resource instances of one side.
//
// After: every resource change except deletes (a deleted resource is absent
// after), values = change.after; data sources read during planning (only in
// prior_state) are the same on both sides.
// Before: every resource change with a change.before object, plus the prior
// state's resources that resource_changes does not mention.
//
// Values of the wrong JSON type (change.after a list, change null, an
// unknown mode) are recorded in probs (nil records nothing) and the
// instance is skipped: the caller refuses the plan (fail closed).
func CollectInstances(plan *tfjson.Plan, side Side, cfg *ConfigIndex, probs *Problems) []*Instance {
	var out []*Instance
	seen := map[string]bool{}
	for i, rc := range plan.ResourceChanges {
		if rc == nil {
			probs.Add("", fmt.Sprintf("resource_changes[%d]", i), nil, "an object")
			continue
		}
		if !checkChange(probs, i, rc) {
			continue
		}
		act := actionOf(rc.Change.Actions)
		if side == After && rc.DeposedKey != "" {
			continue // a deposed object is destroyed by the apply
		}
		var vals map[string]any
		if side == Before {
			vals, _ = rc.Change.Before.(map[string]any)
		} else if act != ActionDelete {
			vals, _ = rc.Change.After.(map[string]any)
		}
		if rc.DeposedKey == "" {
			seen[rc.Address] = true
		}
		if vals == nil {
			continue
		}
		in := &Instance{
			Key:     InstanceKey{Module: rc.ModuleAddress, Mode: rc.Mode, Type: rc.Type, Name: rc.Name, Index: indexKey(rc.Index)},
			Address: rc.Address,
			Action:  act,
			Values:  vals,
		}
		if side == After {
			in.AfterUnknown, _ = rc.Change.AfterUnknown.(map[string]any)
			in.Prior, _ = rc.Change.Before.(map[string]any)
		}
		out = append(out, in)
	}
	if plan.PriorState != nil && plan.PriorState.Values != nil {
		walkStateModule(plan.PriorState.Values.RootModule, func(mod string, r *tfjson.StateResource) {
			if seen[r.Address] || r.DeposedKey != "" {
				return
			}
			if !checkKey(probs, r.Address, "prior_state ", r.Mode, r.Index) {
				return
			}
			// Managed resources absent from resource_changes are unchanged
			// (older plans omit no-ops); data sources read while planning.
			vals := r.AttributeValues
			if vals == nil {
				return
			}
			out = append(out, &Instance{
				Key:     InstanceKey{Module: mod, Mode: r.Mode, Type: r.Type, Name: r.Name, Index: indexKey(r.Index)},
				Address: r.Address,
				Action:  ActionNone,
				Values:  vals,
			})
		})
	}
	for _, in := range out {
		in.Config = cfg.lookup(in.Key.Module, in.Key.Mode, in.Key.Type, in.Key.Name)
		if in.Config != nil {
			in.Configured = in.Config.Expressions
		}
	}
	return out
}

func walkStateModule(m *tfjson.StateModule, f func(mod string, r *tfjson.StateResource)) {
	if m == nil {
		return
	}
	for _, r := range m.Resources {
		if r != nil {
			f(m.Address, r)
		}
	}
	for _, c := range m.ChildModules {
		walkStateModule(c, f)
	}
}

// configIndex finds the configuration block of a resource instance.
type ConfigIndex struct {
	byModule  map[string]map[string]*tfjson.ConfigResource // module call path -> "mode.type.name" -> resource
	modules   map[string]*tfjson.ConfigModule              // module call path -> module
	Providers map[string]*tfjson.ProviderConfig
}

func NewConfigIndex(c *tfjson.Config) *ConfigIndex {
	ix := &ConfigIndex{byModule: map[string]map[string]*tfjson.ConfigResource{}, modules: map[string]*tfjson.ConfigModule{}}
	if c == nil {
		return ix
	}
	ix.Providers = c.ProviderConfigs
	var walk func(path string, m *tfjson.ConfigModule, depth int)
	walk = func(path string, m *tfjson.ConfigModule, depth int) {
		if m == nil || depth > 64 {
			return
		}
		rs := map[string]*tfjson.ConfigResource{}
		for _, r := range m.Resources {
			if r != nil {
				rs[string(r.Mode)+"."+r.Type+"."+r.Name] = r
			}
		}
		ix.byModule[path] = rs
		ix.modules[path] = m
		for name, call := range m.ModuleCalls {
			if call == nil {
				continue
			}
			p := "module." + name
			if path != "" {
				p = path + "." + p
			}
			walk(p, call.Module, depth+1)
		}
	}
	walk("", c.RootModule, 0)
	return ix
}

func (ix *ConfigIndex) lookup(module string, mode tfjson.ResourceMode, typ, name string) *tfjson.ConfigResource {
	if ix == nil {
		return nil
	}
	return ix.byModule[moduleCallPath(module)][string(mode)+"."+typ+"."+name]
}

// moduleCallPath strips instance keys from a module instance address:
// module.a["x"].module.b[0] -> module.a.module.b.
func moduleCallPath(addr string) string {
	if !strings.Contains(addr, "[") {
		return addr
	}
	var b strings.Builder
	depth := 0
	inStr := false
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		switch {
		case inStr:
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
		case c == '"' && depth > 0:
			inStr = true
		case c == '[':
			depth++
		case c == ']':
			if depth > 0 {
				depth--
			}
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// checkChange reports whether a resource change has the shape the model
// reads; what does not is recorded in probs.
func checkChange(probs *Problems, i int, rc *tfjson.ResourceChange) bool {
	ok := checkKey(probs, rc.Address, "", rc.Mode, rc.Index)
	for _, f := range [][2]string{{"address", rc.Address}, {"type", rc.Type}, {"name", rc.Name}} {
		if f[1] == "" {
			probs.Add(rc.Address, fmt.Sprintf("resource_changes[%d].%s", i, f[0]), nil, "a non-empty string")
			ok = false
		}
	}
	c := rc.Change
	if c == nil {
		probs.Add(rc.Address, "change", nil, "an object")
		return false
	}
	act := actionOf(c.Actions)
	for _, f := range []struct {
		name string
		v    any
		need bool // the action implies an object here
	}{
		{"change.before", c.Before, act == ActionUpdate || act == ActionDelete || act == ActionReplace || (act == ActionNoop && rc.Mode == tfjson.ManagedResourceMode)},
		{"change.after", c.After, act != ActionDelete && act != ActionNone},
	} {
		_, isObj := f.v.(map[string]any)
		switch {
		case f.v != nil && !isObj:
			probs.Add(rc.Address, f.name, f.v, "an object or null")
			ok = false
		case f.v == nil && f.need:
			probs.Add(rc.Address, f.name, nil, "an object (the action is "+string(act)+")")
			ok = false
		}
	}
	after, _ := c.After.(map[string]any)
	switch u := c.AfterUnknown.(type) {
	case map[string]any:
		checkUnknownTree(probs, rc.Address, "change.after_unknown", after, u, 0)
	case nil:
		if after != nil {
			probs.Add(rc.Address, "change.after_unknown", nil, "an object")
			ok = false
		}
	default:
		probs.Add(rc.Address, "change.after_unknown", u, "an object")
		ok = false
	}
	return ok
}

// checkKey checks the mode and instance key of a resource instance.
func checkKey(probs *Problems, address, prefix string, mode tfjson.ResourceMode, index any) bool {
	ok := true
	if mode != tfjson.ManagedResourceMode && mode != tfjson.DataResourceMode {
		probs.Add(address, prefix+"mode", string(mode), `"managed" or "data"`)
		ok = false
	}
	switch index.(type) {
	case nil, string, float64, int:
	default:
		probs.Add(address, prefix+"index", index, "a string, a number or null")
		ok = false
	}
	return ok
}
