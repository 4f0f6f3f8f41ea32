package tfplan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// checkShape checks what tfjson's typed decoding cannot tell from an
// absent value: top-level sections given as null, nulls in the
// configuration (outside constant values and variable defaults), references
// that are not strings, and resource blocks without a mode, type or name.
// The model follows the configuration's references, so a corrupted
// configuration would change answers silently. It returns the JSON path of
// the first problem and what was expected there, and the plan's "errored"
// value as written (read in the same pass over the document).
//
// data must be one valid JSON object (decodePlan has decoded it).
func checkShape(data []byte) (path, want string, got any, errored json.RawMessage) {
	top := topLevelValues(data)
	errored = erroredValue(top)
	for _, k := range []string{"resource_changes", "planned_values", "prior_state", "configuration"} {
		if raw, ok := top[k]; ok && string(bytes.TrimSpace(raw)) == "null" { // no copy of a 4 MB section
			return k, "an object or list (or no key)", nil, errored
		}
	}
	if raw, ok := top["configuration"]; ok {
		var cfg any
		if json.Unmarshal(raw, &cfg) == nil {
			if p, w, g, bad := walkConfig(cfg, "configuration", "", 0); bad {
				return p, w, g, errored
			}
		}
	}
	return "", "", nil, errored
}

// walkConfig checks one configuration node; key is its object key.
func walkConfig(v any, path, key string, depth int) (string, string, any, bool) {
	if depth > 256 {
		return "", "", nil, false
	}
	switch key {
	case "constant_value", "default":
		return "", "", nil, false // any JSON value, null included
	case "references":
		l, ok := v.([]any)
		if !ok {
			if _, obj := v.(map[string]any); obj {
				break // a variable or output named "references"
			}
			return path, "a list of strings", v, true
		}
		for i, e := range l {
			if _, ok := e.(string); !ok {
				return fmt.Sprintf("%s[%d]", path, i), "a string", e, true
			}
		}
		return "", "", nil, false
	}
	switch t := v.(type) {
	case nil:
		return path, "a value other than null", nil, true
	case map[string]any:
		if key == "resources" {
			break
		}
		for k, e := range t {
			if l, isList := e.([]any); isList && len(l) == 0 && key == "expressions" {
				// Terraform writes nested blocks only when there are some;
				// tfjson would read [] like {} (an expression without
				// references) and the model would lose the reference.
				return path + "." + k, "an expression object or a non-empty list of blocks", e, true
			}
			if p, w, g, bad := walkConfig(e, path+"."+k, k, depth+1); bad {
				return p, w, g, true
			}
		}
	case []any:
		for i, e := range t {
			ep := fmt.Sprintf("%s[%d]", path, i)
			if key == "resources" {
				r, ok := e.(map[string]any)
				if !ok {
					return ep, "an object", e, true
				}
				for _, f := range []string{"address", "mode", "type", "name"} {
					if s, _ := r[f].(string); s == "" {
						return ep + "." + f, "a non-empty string", r[f], true
					}
				}
			}
			if p, w, g, bad := walkConfig(e, ep, "", depth+1); bad {
				return p, w, g, true
			}
		}
	}
	return "", "", nil, false
}

// erroredValue is the top-level "errored" value as encoding/json would
// decode it into a field of that name: the exact key, else a key that
// differs only in case.
func erroredValue(top map[string]json.RawMessage) json.RawMessage {
	if v, ok := top["errored"]; ok {
		return v
	}
	var key string
	for k := range top {
		if strings.EqualFold(k, "errored") && k > key {
			key = k
		}
	}
	if key == "" {
		return nil
	}
	return top[key]
}
