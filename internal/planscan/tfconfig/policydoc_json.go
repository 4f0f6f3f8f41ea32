package tfconfig

import (
	"encoding/json"
	"sort"
)

// policyDoc, statement, principal and condition are the provider's
// IAMPolicyDoc types: their JSON is what aws_iam_policy_document renders
// (field order, single values as strings, principals merged by type).
type policyDoc struct {
	Version    string       `json:",omitempty"`
	ID         string       `json:"Id,omitempty"`
	Statements []*statement `json:"Statement,omitempty"`
}

type statement struct {
	Sid          string       `json:",omitempty"`
	Effect       string       `json:",omitempty"`
	Action       any          `json:",omitempty"`
	NotAction    any          `json:",omitempty"`
	Resource     any          `json:",omitempty"`
	NotResource  any          `json:",omitempty"`
	Principal    principalSet `json:",omitempty"`
	NotPrincipal principalSet `json:",omitempty"`
	Condition    conditionSet `json:",omitempty"`
}

type principal struct {
	Type        string
	Identifiers any // string or []string
}

type principalSet []principal

type condition struct {
	Test, Variable string
	Values         any // string or []string
}

type conditionSet []condition

// MarshalJSON renders principals as the provider does: "*" for the one
// principal {type "*", identifiers ["*"]}, else a map of type to the
// identifiers (a string when one).
func (ps principalSet) MarshalJSON() ([]byte, error) {
	if len(ps) == 1 && ps[0].Type == "*" {
		if s, ok := ps[0].Identifiers.(string); ok && s == "*" {
			return []byte(`"*"`), nil
		}
	}
	raw := map[string]any{}
	for _, p := range ps {
		var add []string
		switch i := p.Identifiers.(type) {
		case string:
			add = []string{i}
		case []string:
			add = i
		}
		switch cur := raw[p.Type].(type) {
		case nil:
			if s, ok := p.Identifiers.(string); ok {
				raw[p.Type] = s
			} else {
				raw[p.Type] = append([]string(nil), add...)
			}
		case string:
			raw[p.Type] = append([]string{cur}, add...)
		case []string:
			raw[p.Type] = append(cur, add...)
		}
	}
	return json.Marshal(raw)
}

// MarshalJSON renders conditions as test -> variable -> values; repeated
// (test, variable) pairs add their values.
func (cs conditionSet) MarshalJSON() ([]byte, error) {
	raw := map[string]map[string]any{}
	for _, c := range cs {
		if raw[c.Test] == nil {
			raw[c.Test] = map[string]any{}
		}
		switch v := c.Values.(type) {
		case string:
			if cur, ok := raw[c.Test][c.Variable].([]string); ok {
				raw[c.Test][c.Variable] = append(cur, v)
			} else {
				raw[c.Test][c.Variable] = v
			}
		case []string:
			switch cur := raw[c.Test][c.Variable].(type) {
			case string:
				raw[c.Test][c.Variable] = append([]string{cur}, v...)
			case []string:
				raw[c.Test][c.Variable] = append(cur, v...)
			default:
				raw[c.Test][c.Variable] = append([]string(nil), v...)
			}
		}
	}
	return json.Marshal(raw)
}

// merge is the provider's IAMPolicyDoc.Merge: a later Id wins, the higher
// Version wins, a statement with the Sid of an earlier one replaces it in
// place, others are appended.
func (d *policyDoc) merge(n *policyDoc) {
	if n.ID != "" {
		d.ID = n.ID
	}
	if n.Version > d.Version {
		d.Version = n.Version
	}
	for _, st := range n.Statements {
		replaced := false
		if st.Sid != "" {
			for i, old := range d.Statements {
				if old.Sid == st.Sid {
					d.Statements[i] = st
					replaced = true
					break
				}
			}
		}
		if !replaced {
			d.Statements = append(d.Statements, st)
		}
	}
}

// parseDoc reads a source or override document (JSON text).
func parseDoc(text string) (*policyDoc, error) {
	var raw struct {
		Version   string
		Id        string
		Statement json.RawMessage
	}
	if err := json.Unmarshal([]byte(text), &raw); err != nil {
		return nil, err
	}
	d := &policyDoc{Version: raw.Version, ID: raw.Id}
	var stmts []map[string]json.RawMessage
	if len(raw.Statement) > 0 && raw.Statement[0] == '{' {
		var one map[string]json.RawMessage
		if err := json.Unmarshal(raw.Statement, &one); err != nil {
			return nil, err
		}
		stmts = append(stmts, one)
	} else if len(raw.Statement) > 0 {
		if err := json.Unmarshal(raw.Statement, &stmts); err != nil {
			return nil, err
		}
	}
	for _, m := range stmts {
		st := &statement{}
		_ = json.Unmarshal(m["Sid"], &st.Sid)
		_ = json.Unmarshal(m["Effect"], &st.Effect)
		st.Action, st.NotAction = rawValue(m["Action"]), rawValue(m["NotAction"])
		st.Resource, st.NotResource = rawValue(m["Resource"]), rawValue(m["NotResource"])
		st.Principal, st.NotPrincipal = rawPrincipals(m["Principal"]), rawPrincipals(m["NotPrincipal"])
		st.Condition = rawConditions(m["Condition"])
		d.Statements = append(d.Statements, st)
	}
	return d, nil
}

// rawValue keeps a string or list of strings as written.
func rawValue(r json.RawMessage) any {
	if len(r) == 0 {
		return nil
	}
	var s string
	if json.Unmarshal(r, &s) == nil {
		return s
	}
	var l []string
	if json.Unmarshal(r, &l) == nil && len(l) > 0 {
		return l
	}
	return nil
}

func rawPrincipals(r json.RawMessage) principalSet {
	if len(r) == 0 {
		return nil
	}
	var s string
	if json.Unmarshal(r, &s) == nil {
		return principalSet{{Type: "*", Identifiers: s}}
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(r, &m) != nil {
		return nil
	}
	var out principalSet
	for _, t := range sortedKeys(m) {
		if v := rawValue(m[t]); v != nil {
			out = append(out, principal{t, v})
		}
	}
	return out
}

func rawConditions(r json.RawMessage) conditionSet {
	var m map[string]map[string]json.RawMessage
	if len(r) == 0 || json.Unmarshal(r, &m) != nil {
		return nil
	}
	var out conditionSet
	for _, t := range sortedKeys(m) {
		for _, k := range sortedKeys(m[t]) {
			if v := rawValue(m[t][k]); v != nil {
				out = append(out, condition{t, k, v})
			}
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
