package evaluator

import (
	"fmt"
	"strings"
)

// parseValues reads an element that holds a string or an array of strings
// (Action, Resource, principal lists). Numbers are kept when allowNumbers
// (account IDs in principals, linted by GR-13); other kinds are errors.
func (b *policyBuilder) parseValues(node int32, elem, code string, allowNumbers bool) []Value {
	t := b.t
	n := t.nodes[node]
	switch n.kind {
	case jsonString, jsonNumber:
		if n.kind == jsonNumber && !allowNumbers {
			b.add(SeverityError, code, node, "%s must be a string or an array of strings, not a number", elem)
			return nil
		}
		return []Value{b.scalarValue(node)}
	case jsonArray:
		kids := t.kidsOf(node)
		if len(kids) == 0 {
			b.add(SeverityError, code, node, "%s is an empty array; it needs at least one entry", elem)
			return []Value{}
		}
		vals := make([]Value, 0, len(kids))
		for i, k := range kids {
			mark := b.pushIndex(i)
			kind := t.nodes[k].kind
			if kind == jsonString || (kind == jsonNumber && allowNumbers) {
				vals = append(vals, b.scalarValue(k))
			} else {
				b.add(SeverityError, code, k, "each %s entry must be a string, not %s", elem, jsonKindArticle(kind))
			}
			b.pop(mark)
		}
		return vals
	}
	b.add(SeverityError, code, node, "%s must be a string or an array of strings, not %s", elem, jsonKindArticle(n.kind))
	return nil
}

func (b *policyBuilder) scalarValue(node int32) Value {
	n := b.t.nodes[node]
	v := Value{Text: b.t.text(node), Pos: b.pos(node)}
	switch n.kind {
	case jsonNumber:
		v.Kind = KindNumber
	case jsonTrue, jsonFalse:
		v.Kind = KindBool
	}
	return v
}

func (b *policyBuilder) parseActions(st *Statement, sn stmtNodes) {
	switch {
	case sn.action >= 0 && sn.notAction >= 0:
		b.addIn("NotAction", SeverityError, "GR-4", sn.notAction, "the statement has both Action and NotAction; use exactly one (AC-3)")
		fallthrough
	case sn.action >= 0:
		mark := b.push("Action")
		st.Actions = b.parseValues(sn.action, "Action", "GR-4", false)
		st.HasAction = true
		b.pop(mark)
	case sn.notAction >= 0:
		mark := b.push("NotAction")
		st.Actions = b.parseValues(sn.notAction, "NotAction", "GR-4", false)
		st.HasAction, st.NotAction = true, true
		b.pop(mark)
	default:
		b.add(SeverityError, "GR-4", sn.node, "the statement has no Action or NotAction; IAM requires exactly one (AC-3)")
		return
	}
	if !b.report {
		return
	}
	mark := b.push(lintPick(st.NotAction, "NotAction", "Action"))
	for i := range st.Actions {
		b.checkAction(&st.Actions[i], st.NotAction)
	}
	b.pop(mark)
}

func (b *policyBuilder) parseResources(st *Statement, sn stmtNodes) {
	if b.typ == PolicyTrust {
		// RS-1: a trust policy's resource is the role itself.
		for i, n := range [2]int32{sn.resource, sn.notResource} {
			if name := lintPick(i == 1, "NotResource", "Resource"); n >= 0 {
				b.addIn(name, SeverityError, "GR-9", n, "a role trust policy cannot have a Resource or NotResource element: the resource is the role itself (RS-1)")
			}
		}
		return
	}
	switch {
	case sn.resource >= 0 && sn.notResource >= 0:
		b.addIn("NotResource", SeverityError, "GR-4", sn.notResource, "the statement has both Resource and NotResource; use exactly one (RS-1)")
		fallthrough
	case sn.resource >= 0:
		mark := b.push("Resource")
		st.Resources = b.parseValues(sn.resource, "Resource", "GR-4", false)
		st.HasResource = true
		b.pop(mark)
	case sn.notResource >= 0:
		mark := b.push("NotResource")
		st.Resources = b.parseValues(sn.notResource, "NotResource", "GR-4", false)
		st.HasResource, st.NotResource = true, true
		b.pop(mark)
	default:
		if b.impliedResource {
			// RS-1: the policy applies to the resource it is attached
			// to (ECR repository policies); the statement matches it.
			return
		}
		b.add(SeverityError, "GR-4", sn.node, "the statement has no Resource or NotResource; IAM requires exactly one (RS-1)")
		return
	}
	if !b.report {
		return
	}
	mark := b.push(lintPick(st.NotResource, "NotResource", "Resource"))
	for i := range st.Resources {
		b.checkResource(&st.Resources[i])
	}
	b.pop(mark)
}

// parsePrincipals reads a Principal or NotPrincipal element (PR-2).
func (b *policyBuilder) parsePrincipals(node int32) *Principals {
	t := b.t
	n := t.nodes[node]
	pr := &Principals{Pos: b.pos(node)}
	switch n.kind {
	case jsonString:
		if text := t.text(node); text == "*" {
			pr.Wildcard = true
		} else {
			b.add(SeverityError, "PR-2", node, `a principal must be "*" or an object such as {"AWS": %q}; a bare string other than "*" is not valid`, text)
		}
		return pr
	case jsonObject:
	default:
		b.add(SeverityError, "PR-2", node, `a principal must be "*" or an object with AWS, Service, Federated or CanonicalUser keys, not %s`, jsonKindArticle(n.kind))
		return pr
	}
	kids := t.kidsOf(node)
	if len(kids) == 0 {
		b.add(SeverityError, "PR-2", node, "the principal object is empty; name at least one AWS, Service, Federated or CanonicalUser principal")
	}
	for i := 0; i < len(kids); i += 2 {
		k, v := kids[i], kids[i+1]
		if b.skip(k) {
			continue
		}
		name := t.text(k)
		mark := b.push(name)
		switch name {
		case "AWS":
			pr.AWS = b.parseValues(v, "AWS principal", "PR-2", true)
		case "Service":
			pr.Service = b.parseValues(v, "Service principal", "PR-2", false)
		case "Federated":
			pr.Federated = b.parseValues(v, "Federated principal", "PR-2", false)
		case "CanonicalUser":
			pr.CanonicalUser = b.parseValues(v, "CanonicalUser principal", "PR-2", false)
		default:
			hint := ""
			for _, known := range []string{"AWS", "Service", "Federated", "CanonicalUser"} {
				if strings.EqualFold(known, name) {
					hint = fmt.Sprintf(" (keys are case-sensitive; write %q)", known)
				}
			}
			b.add(SeverityError, "PR-2", k, "%q is not a principal type%s; use AWS, Service, Federated or CanonicalUser", name, hint)
		}
		b.pop(mark)
	}
	if b.report {
		b.checkPrincipalValues(pr)
	}
	return pr
}

// parseConditions reads a Condition block: operator -> key -> values, one
// Condition per (operator, key) in document order.
func (b *policyBuilder) parseConditions(node int32) []Condition {
	t := b.t
	n := t.nodes[node]
	if n.kind != jsonObject {
		b.add(SeverityError, "GR-6", node, "Condition must be an object of operator -> {key: value}, not %s", jsonKindArticle(n.kind))
		return nil
	}
	ops := t.kidsOf(node)
	count := 0
	for i := 1; i < len(ops); i += 2 {
		if t.nodes[ops[i]].kind == jsonObject {
			count += int(t.nodes[ops[i]].b) / 2
		}
	}
	conds := make([]Condition, 0, count)
	for i := 0; i < len(ops); i += 2 {
		ok, ov := ops[i], ops[i+1]
		if b.skip(ok) {
			continue
		}
		opName := t.text(ok)
		op := ParseOperator(opName)
		mark := b.push(opName)
		if b.report {
			b.checkOperator(opName, op, ok)
		}
		if t.nodes[ov].kind != jsonObject {
			b.add(SeverityError, "CO-18", ov, "the value of condition operator %q must be an object of key -> value, not %s", opName, jsonKindArticle(t.nodes[ov].kind))
			b.pop(mark)
			continue
		}
		keys := t.kidsOf(ov)
		first := len(conds)
		for j := 0; j < len(keys); j += 2 {
			kk, kv := keys[j], keys[j+1]
			if b.skip(kk) {
				continue
			}
			keyName := t.text(kk)
			kmark := b.push(keyName)
			c := Condition{Operator: opName, Op: op, Key: keyName, KeyPos: b.pos(kk), Pos: b.pos(kv)}
			c.Values, c.EmptyArray = b.conditionValues(kv)
			if b.report {
				for _, prev := range conds[first:] {
					if prev.Key != keyName && strings.EqualFold(prev.Key, keyName) {
						b.add(SeverityError, "CO-2", kk, "condition keys %q and %q under %s differ only by case; key names are case-insensitive, so merge them", prev.Key, keyName, opName)
						break
					}
				}
				b.checkCondition(&c)
			}
			conds = append(conds, c)
			b.pop(kmark)
		}
		b.pop(mark)
	}
	return conds
}

// conditionValues reads a condition value: a string, number or boolean, or
// a non-empty array of these (CO-18); [] sets empty (CO-14).
func (b *policyBuilder) conditionValues(node int32) ([]Value, bool) {
	t := b.t
	n := t.nodes[node]
	switch n.kind {
	case jsonString, jsonNumber, jsonTrue, jsonFalse:
		return []Value{b.scalarValue(node)}, false
	case jsonArray:
		kids := t.kidsOf(node)
		if len(kids) == 0 {
			b.add(SeveritySuggestion, "CO-14", node, "the condition value is an empty array: a plain operator never matches, ForAnyValue never matches, ForAllValues matches only when the key is absent; remove the condition or list values")
			return []Value{}, true
		}
		vals := make([]Value, 0, len(kids))
		for i, k := range kids {
			mark := b.pushIndex(i)
			switch kind := t.nodes[k].kind; kind {
			case jsonString, jsonNumber, jsonTrue, jsonFalse:
				vals = append(vals, b.scalarValue(k))
			default:
				b.add(SeverityError, "CO-18", k, "a condition value list may hold only strings, numbers and booleans, not %s", jsonKindArticle(kind))
			}
			b.pop(mark)
		}
		return vals, false
	}
	b.add(SeverityError, "CO-18", node, "a condition value must be a string, number, boolean or a non-empty array of these, not %s", jsonKindArticle(n.kind))
	return nil, false
}

func lintKnownPolicyType(t PolicyType) bool {
	for _, k := range SupportedPolicyTypes() {
		if k == t {
			return true
		}
	}
	return false
}

func lintPolicyTypeList() string {
	var s []string
	for _, k := range SupportedPolicyTypes() {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

func lintPolicyTypeNoun(t PolicyType) string {
	switch t {
	case PolicyIdentity:
		return "identity-based"
	case PolicyBoundary:
		return "permissions boundary"
	case PolicySession:
		return "session"
	case PolicyTrust:
		return "role trust"
	case PolicyResource:
		return "resource-based"
	case PolicySCP:
		return "service control (SCP)"
	case PolicyRCP:
		return "resource control (RCP)"
	case PolicyEndpoint:
		return "VPC endpoint"
	}
	return string(t)
}

// lintIAMPolicyType reports the policy types IAM itself stores and validates
// strictly (GR-5 Sid rules, GR-12 characters).
func lintIAMPolicyType(t PolicyType) bool {
	switch t {
	case PolicyIdentity, PolicyBoundary, PolicySession, PolicyTrust:
		return true
	}
	return false
}

func lintPick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}
