package iamdata

import (
	"encoding/json"
	"strings"
	"sync"
)

// UnknownConditionKey reports whether a policy's condition key is certainly
// unknown: its prefix is "aws" or a known service, it is not a tag-style or
// other templated key (a '/' after the prefix), no data set defines it, and
// no AWS managed policy uses it (the managed policies use a few keys the
// service reference lacks, e.g. lakeformation:GlueARN). Keys of other
// prefixes (OIDC and SAML providers, made-up services) are not judged.
func (c *Catalog) UnknownConditionKey(key string) bool {
	prefix, name, ok := strings.Cut(key, ":")
	if !ok || name == "" || strings.Contains(name, "/") {
		return false
	}
	e := c.Engine()
	if !strings.EqualFold(prefix, "aws") && !e.ServiceKnown(prefix) {
		return false
	}
	if _, known := e.MultivaluedKey(key); known {
		return false
	}
	return !c.managedPolicyKeys()[strings.ToLower(key)]
}

// SuggestConditionKeys returns up to three known keys closest to a
// misspelled one (case-insensitive edit distance): the global keys for
// "aws:", else the keys of the key's service. Nil when nothing is close.
func (c *Catalog) SuggestConditionKeys(key string) []string {
	prefix, _, ok := strings.Cut(key, ":")
	if !ok {
		return nil
	}
	var cands []string
	if strings.EqualFold(prefix, "aws") {
		for _, k := range globalConditionKeys {
			if !isKeyTemplate(k.Name) {
				cands = append(cands, k.Name)
			}
		}
	} else {
		svc, ok := c.services().services[strings.ToLower(prefix)]
		if !ok {
			return nil
		}
		for _, k := range svc.keys {
			cands = append(cands, k.Name)
		}
	}
	return nearest(strings.ToLower(key), cands, 3)
}

// UnknownConditionKey and SuggestConditionKeys serve the validator's
// "did you mean" for condition keys (CO-19).
func (e EngineCatalog) UnknownConditionKey(key string) bool { return e.C.UnknownConditionKey(key) }

// SuggestConditionKeys: see [Catalog.SuggestConditionKeys].
func (e EngineCatalog) SuggestConditionKeys(key string) []string {
	return e.C.SuggestConditionKeys(key)
}

// policyKeys caches, per managed-policy index, the lower-case condition
// keys its policies use.
var policyKeys sync.Map // *policyIndex -> func() map[string]bool

// managedPolicyKeys returns the lower-case condition keys that AWS managed
// policies use, computed once per data set.
func (c *Catalog) managedPolicyKeys() map[string]bool {
	idx := c.policies()
	f, _ := policyKeys.LoadOrStore(idx, sync.OnceValue(func() map[string]bool {
		keys := map[string]bool{}
		for i := range idx.src {
			collectConditionKeys(idx.src[i].Document, keys)
		}
		return keys
	}))
	return f.(func() map[string]bool)()
}

// collectConditionKeys adds the lower-case keys of every Condition block
// of a policy document to keys.
func collectConditionKeys(doc []byte, keys map[string]bool) {
	var p struct {
		Statement json.RawMessage
	}
	if json.Unmarshal(doc, &p) != nil {
		return
	}
	type statement struct {
		Condition map[string]map[string]json.RawMessage
	}
	var stmts []statement
	if json.Unmarshal(p.Statement, &stmts) != nil {
		var one statement
		if json.Unmarshal(p.Statement, &one) != nil {
			return
		}
		stmts = append(stmts, one)
	}
	for _, st := range stmts {
		for _, kv := range st.Condition {
			for k := range kv {
				keys[strings.ToLower(k)] = true
			}
		}
	}
}
