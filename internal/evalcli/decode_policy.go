package evalcli

import (
	"strconv"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Default policy names follow the oracle's (shared/oracle/README.md), so
// matched statements read the same in both outputs.
const (
	resourcePolicyName = "resource-policy"
	sessionPolicyName  = "session-policy"
)

// isPolicyWrapper tells a {"name", "policy"} or {"name", "unknown": true}
// wrapper from a policy document: documents have a Statement.
func isPolicyWrapper(v *jsonValue) bool {
	return v.kind == jsonObject && v.get("Statement") == nil &&
		(v.get("policy") != nil || v.get("unknown") != nil)
}

// decodePolicy reads POLICY: a document object (kept as the bytes written),
// a string holding the document, or a wrapper naming it or marking it
// unknown (PT-5).
func decodePolicy(src []byte, v *jsonValue, ptr, name string) (evaluator.PolicyDoc, error) {
	if !isPolicyWrapper(v) {
		return decodePolicyBody(src, v, ptr, name)
	}
	if n := v.get("name"); n != nil {
		if n.kind != jsonString {
			return evaluator.PolicyDoc{}, newFieldError(n, pointerAppend(ptr, "name"), "a policy name must be a string, not %s", n.kind)
		}
		name = n.text
	}
	u, isUnknown, err := decodeUnknown(v, ptr, name)
	if err != nil {
		return evaluator.PolicyDoc{}, err
	}
	if isUnknown {
		return evaluator.PolicyDoc{Name: name, Unknown: u}, nil
	}
	body := v.get("policy")
	if body == nil {
		return evaluator.PolicyDoc{}, newFieldError(v, ptr, "a policy wrapper needs \"policy\" or \"unknown\": true")
	}
	return decodePolicyBody(src, body, pointerAppend(ptr, "policy"), name)
}

func decodePolicyBody(src []byte, v *jsonValue, ptr, name string) (evaluator.PolicyDoc, error) {
	switch v.kind {
	case jsonObject:
		return evaluator.PolicyDoc{Name: name, JSON: src[v.start:v.end:v.end]}, nil
	case jsonString:
		return evaluator.PolicyDoc{Name: name, JSON: []byte(v.text)}, nil
	}
	return evaluator.PolicyDoc{}, newFieldError(v, ptr, "a policy must be a JSON object or a string holding one, not %s", v.kind)
}

// decodePolicyList reads an array of POLICY named prefix-0, prefix-1, ...
func decodePolicyList(src []byte, v *jsonValue, ptr, prefix string) ([]evaluator.PolicyDoc, error) {
	if v.kind != jsonArray {
		return nil, newFieldError(v, ptr, "must be an array of policies, not %s", v.kind)
	}
	docs := make([]evaluator.PolicyDoc, 0, len(v.elems))
	for i := range v.elems {
		d, err := decodePolicy(src, &v.elems[i], pointerIndex(ptr, i), prefix+"-"+strconv.Itoa(i))
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// decodeLevels reads SCPs or RCPs: a list of levels, root first, each a list
// of POLICY (EV-4, EV-5). Like the oracle it also accepts a flat list of
// documents (one level), a single document per level, and the library's
// {"orgIdentifier", "policies"} levels. Policies are named kind-level-index.
func decodeLevels(src []byte, v *jsonValue, ptr, kind string) ([][]evaluator.PolicyDoc, error) {
	if v.kind == jsonObject || v.kind == jsonString {
		d, err := decodePolicy(src, v, ptr, kind+"-0-0")
		if err != nil {
			return nil, err
		}
		return [][]evaluator.PolicyDoc{{d}}, nil
	}
	if v.kind != jsonArray {
		return nil, newFieldError(v, ptr, "must be an array of levels (arrays of policies), not %s", v.kind)
	}
	if len(v.elems) == 0 {
		return nil, nil
	}
	flat := true
	for i := range v.elems {
		if e := &v.elems[i]; e.kind == jsonArray || isNativeLevel(e) {
			flat = false
			break
		}
	}
	if flat {
		level, err := decodePolicyList(src, v, ptr, kind+"-0")
		if err != nil {
			return nil, err
		}
		return [][]evaluator.PolicyDoc{level}, nil
	}
	levels := make([][]evaluator.PolicyDoc, 0, len(v.elems))
	for li := range v.elems {
		e, lptr, prefix := &v.elems[li], pointerIndex(ptr, li), kind+"-"+strconv.Itoa(li)
		var level []evaluator.PolicyDoc
		var err error
		switch {
		case e.kind == jsonArray:
			level, err = decodePolicyList(src, e, lptr, prefix)
		case isNativeLevel(e):
			level, err = decodePolicyList(src, e.get("policies"), pointerAppend(lptr, "policies"), prefix)
		default:
			var d evaluator.PolicyDoc
			d, err = decodePolicy(src, e, lptr, prefix+"-0")
			level = []evaluator.PolicyDoc{d}
		}
		if err != nil {
			return nil, err
		}
		levels = append(levels, level)
	}
	return levels, nil
}

// isNativeLevel recognises iam-simulate's {"orgIdentifier", "policies": [...]}.
func isNativeLevel(v *jsonValue) bool {
	return v.kind == jsonObject && v.get("Statement") == nil && v.get("policies") != nil
}

// decodePolicySet reads the policy fields shared by a case line and a batch
// document from the object top. Other members are ignored.
func decodePolicySet(src []byte, top *jsonValue, set *evaluator.PolicySet) error {
	var err error
	if v := present(top, "identityPolicies"); v != nil {
		if set.Identity, err = decodePolicyList(src, v, "/identityPolicies", "identity"); err != nil {
			return err
		}
	}
	if v := present(top, "permissionBoundaries"); v != nil {
		if set.Boundaries, err = decodePolicyList(src, v, "/permissionBoundaries", "pb"); err != nil {
			return err
		}
	} else if v := present(top, "permissionBoundary"); v != nil {
		d, err := decodePolicy(src, v, "/permissionBoundary", "pb-0")
		if err != nil {
			return err
		}
		set.Boundaries = []evaluator.PolicyDoc{d}
	}
	if v := present(top, "sessionPolicy"); v != nil {
		set.HasSession = true
		if v.kind == jsonArray {
			set.Session, err = decodePolicyList(src, v, "/sessionPolicy", sessionPolicyName)
		} else {
			var d evaluator.PolicyDoc
			d, err = decodePolicy(src, v, "/sessionPolicy", sessionPolicyName)
			set.Session = []evaluator.PolicyDoc{d}
		}
		if err != nil {
			return err
		}
	}
	if v := present(top, "resourcePolicy"); v != nil {
		d, err := decodePolicy(src, v, "/resourcePolicy", resourcePolicyName)
		if err != nil {
			return err
		}
		set.Resource = &d
	}
	if v := present(top, "scps"); v != nil {
		if set.SCPs, err = decodeLevels(src, v, "/scps", "scp"); err != nil {
			return err
		}
	}
	if v := present(top, "rcps"); v != nil {
		if set.RCPs, err = decodeLevels(src, v, "/rcps", "rcp"); err != nil {
			return err
		}
	}
	if v := present(top, "vpcEndpointPolicies"); v != nil {
		if set.Endpoint, err = decodePolicyList(src, v, "/vpcEndpointPolicies", "vpce"); err != nil {
			return err
		}
	}
	return nil
}

// present returns the member key of obj unless it is absent or null (null
// means "not given", as in the oracle).
func present(obj *jsonValue, key string) *jsonValue {
	v := obj.get(key)
	if v == nil || v.kind == jsonNull {
		return nil
	}
	return v
}
