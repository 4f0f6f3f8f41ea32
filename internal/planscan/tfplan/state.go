package tfplan

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// isStateShow tells the output of `terraform show -json` without a plan file
// (a state: format_version and values, no resource_changes or
// planned_values) from a plan.
func isStateShow(p probe) bool {
	return p.FormatVersion != nil && p.Values != nil && p.ResourceChanges == nil && p.PlannedValues == nil
}

// loadState reads the `terraform show -json` of a state as a plan that
// changes nothing: the state is the prior state, and with no resource
// changes every resource instance is on both sides (CollectInstances) with
// the values the state holds, all known. Both models then describe what is
// deployed now; a diff of the two is empty by construction.
func loadState(name string, data []byte, formatVersion string) (*tfjson.Plan, error) {
	if !supportedFormat(formatVersion) {
		return nil, &LoadError{File: name, Offset: -1, Path: "format_version",
			Err: fmt.Errorf("%w %q: planscan reads state format 0.1 to 1.x (Terraform 0.12 and later)", ErrUnsupportedFormat, formatVersion)}
	}
	var st tfjson.State
	if err := json.Unmarshal(data, &st); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		if errors.As(err, &syn) || errors.As(err, &typ) {
			return nil, jsonError(name, data, err)
		}
		return nil, &LoadError{File: name, Offset: -1, Err: fmt.Errorf("%w: %w", ErrNotPlan, err)}
	}
	if p, want, got := checkStateShape(data); p != "" {
		return nil, &LoadError{File: name, Offset: -1, Path: p, Err: fmt.Errorf("%w: %s is %s, expected %s", ErrMalformed, p, JSONType(got), want)}
	}
	return &tfjson.Plan{FormatVersion: st.FormatVersion, TerraformVersion: st.TerraformVersion, PriorState: &st}, nil
}

// checkStateShape checks what the typed decoding reads as absent: values,
// a module or a resource given as null, and resources without an address,
// mode, type or name (the model keys instances by them).
func checkStateShape(data []byte) (path, want string, got any) {
	var top struct {
		Values any `json:"values"`
	}
	if json.Unmarshal(data, &top) != nil {
		return "", "", nil // reported by the typed decoding
	}
	return walkStateShape(top.Values, "values", 0)
}

func walkStateShape(v any, path string, depth int) (string, string, any) {
	m, ok := v.(map[string]any)
	if !ok {
		return path, "an object", v
	}
	if depth > 256 {
		return "", "", nil
	}
	if depth == 0 {
		if rm, present := m["root_module"]; present {
			return walkStateShape(rm, path+".root_module", depth+1)
		}
		return "", "", nil
	}
	if rs, present := m["resources"]; present {
		l, ok := rs.([]any)
		if !ok {
			return path + ".resources", "a list", rs
		}
		for i, e := range l {
			ep := fmt.Sprintf("%s.resources[%d]", path, i)
			r, ok := e.(map[string]any)
			if !ok {
				return ep, "an object", e
			}
			for _, f := range []string{"address", "mode", "type", "name"} {
				if s, _ := r[f].(string); strings.TrimSpace(s) == "" {
					return ep + "." + f, "a non-empty string", r[f]
				}
			}
			if vals, present := r["values"]; present {
				if _, ok := vals.(map[string]any); !ok {
					return ep + ".values", "an object", vals
				}
			}
		}
	}
	if cs, present := m["child_modules"]; present {
		l, ok := cs.([]any)
		if !ok {
			return path + ".child_modules", "a list", cs
		}
		for i, e := range l {
			if p, w, g := walkStateShape(e, fmt.Sprintf("%s.child_modules[%d]", path, i), depth+1); p != "" {
				return p, w, g
			}
		}
	}
	return "", "", nil
}
