package iammodel

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// KMS grants (aws_kms_grant, issue 8). The KMS Developer Guide, "Grants in
// AWS KMS": "the grant allows the grantee principal to call the specified
// grant operations on the KMS key provided that all conditions specified
// in the grant are met"; "A grant can allow access to a KMS key, but not
// deny access"; "When authorizing access to a KMS key, grants are
// considered along with key policies and IAM policies". The model turns
// each grant of a key of the plan into Allow statements of the key's
// resource-side document (the key policy plus its grants): one naming the
// grantee with the grant's operations and constraints as conditions, one
// naming the retiring principal with kms:RetireGrant. An explicit deny
// anywhere still wins ("No AWS principal has any permissions to a KMS key
// unless that permission is provided explicitly and never denied", "KMS
// key access and permissions"). What the guide does not say (whether SCPs,
// RCPs, permissions boundaries or session policies limit a grant, and what
// a grantee in another account needs on its side) is answered by the
// analysis (analysis/kms_grants.go), not here.

// KMSGrant is an aws_kms_grant of the plan.
type KMSGrant struct {
	Address string
	Name    tfplan.Str
	// Key is the key's entry when the grant names a key of the plan (nil:
	// a key outside the plan, listed in External).
	Key        *ResourcePolicy
	KeyRef     tfplan.Str
	Grantee    tfplan.Str
	Retiring   tfplan.Str
	Operations []string
	// Equals and Subset are the encryption context constraints
	// (encryption_context_equals, encryption_context_subset).
	Equals, Subset map[string]string
	// Unknown names the first part known only after apply (grantee,
	// operations, constraints): the key's grants are then unknown (PT-5).
	Unknown *evaluator.Unknown
}

// kmsGrants reads the grants and adds them to their keys' documents.
func (b *builder) kmsGrants(byType map[string][]*tfplan.Instance) {
	byKey := map[*ResourcePolicy][]*KMSGrant{}
	var keys []*ResourcePolicy
	for _, in := range byType["aws_kms_grant"] {
		g := b.kmsGrant(in)
		b.m.KMSGrants = append(b.m.KMSGrants, g)
		if g.Key == nil {
			b.m.External = append(b.m.External, External{Address: in.Address, Kind: "aws_kms_key", Ref: g.KeyRef,
				Note: "KMS key outside the plan; the plan grants on it (the grant is not modelled)"})
			continue
		}
		if byKey[g.Key] == nil {
			keys = append(keys, g.Key)
		}
		byKey[g.Key] = append(byKey[g.Key], g)
	}
	for _, rp := range keys {
		rp.Grants = byKey[rp]
		keyDoc := rp.Doc
		rp.Doc = withGrants(rp, byKey[rp])
		if rp.Doc != nil && rp.Doc.Unknown == nil {
			rp.KeyDoc = keyDoc
			rp.GrantsDoc = withGrants(&ResourcePolicy{Address: rp.Address, Doc: &evaluator.PolicyDoc{JSON: []byte(`{"Version":"2012-10-17","Statement":[]}`)}}, byKey[rp])
		}
	}
}

// kmsGrant reads one aws_kms_grant.
func (b *builder) kmsGrant(in *tfplan.Instance) *KMSGrant {
	g := &KMSGrant{Address: in.Address, Name: b.r.Str(in, "name")}
	keyRef, target := b.r.StrVia(in, "key_id", "key_id")
	g.KeyRef = keyRef
	g.Key = b.grantKey(keyRef, target)
	unknown := func(attr string) {
		if g.Unknown == nil {
			g.Unknown = &evaluator.Unknown{Reason: in.Address + "." + attr}
		}
	}
	g.Grantee, _ = b.r.StrVia(in, "grantee_principal", "arn")
	if !g.Grantee.Known() {
		unknown("grantee_principal")
	}
	g.Retiring, _ = b.r.StrVia(in, "retiring_principal", "arn")
	if !g.Retiring.Known() {
		unknown("retiring_principal")
	}
	ops, whole := b.r.StrList(in, "operations", in.Values["operations"], tfplan.UnknownAtKey(in.AfterUnknown, "operations"))
	if whole != nil {
		unknown("operations")
	}
	for _, op := range ops {
		if !op.Known() {
			unknown("operations")
			continue
		}
		g.Operations = append(g.Operations, op.Value)
	}
	sort.Strings(g.Operations)
	b.grantConstraints(in, g, unknown)
	return g
}

// grantKey finds the key a grant names: the instance its key_id expression
// references, else a key of the plan whose ARN is the value or ends with
// key/VALUE.
func (b *builder) grantKey(ref tfplan.Str, target *tfplan.Instance) *ResourcePolicy {
	for _, rp := range b.m.ResourcePolicies {
		if rp.Service != "kms" || rp.Type != evaluator.PolicyResource || !rp.InPlan {
			continue
		}
		switch {
		case target != nil:
			if rp.Address == target.Address {
				return rp
			}
		case ref.Known() && rp.ARN.Known() && ref.Value != "":
			if rp.ARN.Value == ref.Value || strings.HasSuffix(rp.ARN.Value, ":key/"+ref.Value) {
				return rp
			}
		}
	}
	return nil
}

// grantConstraints reads the constraints block (at most one).
func (b *builder) grantConstraints(in *tfplan.Instance, g *KMSGrant, unknown func(string)) {
	unk := tfplan.UnknownAtKey(in.AfterUnknown, "constraints")
	if tfplan.IsUnknown(unk) {
		unknown("constraints")
		return
	}
	var blocks []any
	switch v := in.Values["constraints"].(type) {
	case nil:
		return
	case []any:
		blocks = v
	default:
		b.r.Problems.Add(in.Address, "constraints", v, "a list of blocks")
		return
	}
	for i, blk := range blocks {
		obj, ok := blk.(map[string]any)
		if !ok {
			b.r.Problems.Add(in.Address, fmt.Sprintf("constraints[%d]", i), blk, "an object")
			continue
		}
		bu := tfplan.UnknownAtIndex(unk, i)
		for _, c := range []struct {
			attr string
			dst  *map[string]string
		}{{"encryption_context_equals", &g.Equals}, {"encryption_context_subset", &g.Subset}} {
			m, u := tfplan.TagMap(obj[c.attr], tfplan.UnknownAtKey(bu, c.attr), in.Address+".constraints."+c.attr)
			if u != nil {
				unknown("constraints")
				continue
			}
			if len(m) > 0 {
				*c.dst = m
			}
		}
	}
}

// withGrants is the key's resource-side document with its grants' statements
// appended (the key policy's own statements unchanged). A key policy known
// only after apply stays unknown; grants with a part known only after apply
// make the whole document unknown, named by that part (PT-5).
func withGrants(rp *ResourcePolicy, grants []*KMSGrant) *evaluator.PolicyDoc {
	names := make([]string, len(grants))
	for i, g := range grants {
		names[i] = g.Address
	}
	name := "key policy and grants of " + rp.Address + " (" + strings.Join(names, ", ") + ")"
	if rp.Doc != nil && rp.Doc.Unknown != nil {
		return rp.Doc
	}
	for _, g := range grants {
		if g.Unknown != nil {
			u := *g.Unknown
			return &evaluator.PolicyDoc{Name: name, Unknown: &u}
		}
	}
	var stmts []json.RawMessage
	top := map[string]json.RawMessage{}
	if rp.Doc != nil {
		if err := json.Unmarshal(rp.Doc.JSON, &top); err != nil {
			return rp.Doc // invalid JSON: reported as such (PT-11)
		}
		if raw, ok := top["Statement"]; ok {
			if err := json.Unmarshal(raw, &stmts); err != nil {
				stmts = []json.RawMessage{raw} // a single statement object
			}
		}
	} else {
		top["Version"] = json.RawMessage(`"2012-10-17"`)
	}
	for i, g := range grants {
		for _, st := range g.statements(i + 1) {
			js, _ := json.Marshal(st)
			stmts = append(stmts, js)
		}
	}
	top["Statement"], _ = json.Marshal(stmts)
	js, _ := json.Marshal(top)
	return &evaluator.PolicyDoc{Name: name, JSON: js}
}

// statements are the grant's Allow statements: the grantee's operations
// (with the encryption context constraints) and the retiring principal's
// kms:RetireGrant. n numbers the grant in its key's Sids.
func (g *KMSGrant) statements(n int) []map[string]any {
	sid := fmt.Sprintf("Grant%d%s", n, alnum(g.Name.Value))
	var out []map[string]any
	if len(g.Operations) > 0 && g.Grantee.Set() {
		acts := make([]string, len(g.Operations))
		for i, op := range g.Operations {
			acts[i] = "kms:" + op
		}
		st := map[string]any{"Sid": sid, "Effect": "Allow", "Principal": grantPrincipal(g.Grantee.Value), "Action": acts, "Resource": "*"}
		if cond := g.conditions(); len(cond) > 0 {
			st["Condition"] = cond
		}
		out = append(out, st)
	}
	if g.Retiring.Set() {
		out = append(out, map[string]any{"Sid": sid + "Retiring", "Effect": "Allow", "Principal": grantPrincipal(g.Retiring.Value),
			"Action": "kms:RetireGrant", "Resource": "*"})
	}
	return out
}

// conditions: encryption_context_subset "the encryption context in the
// request [must] include the encryption context specified in the
// constraint"; encryption_context_equals "the encryption context in the
// request [must] match the encryption context specified in the
// constraint" exactly: its pairs and no other key (CreateGrant,
// GrantConstraints).
func (g *KMSGrant) conditions() map[string]any {
	eq := map[string]any{}
	for k, v := range g.Subset {
		eq["kms:EncryptionContext:"+k] = v
	}
	for k, v := range g.Equals {
		eq["kms:EncryptionContext:"+k] = v
	}
	if len(eq) == 0 {
		return nil
	}
	cond := map[string]any{"StringEquals": eq}
	if len(g.Equals) > 0 {
		keys := make([]string, 0, len(g.Equals))
		for k := range g.Equals {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		cond["ForAllValues:StringEquals"] = map[string]any{"kms:EncryptionContextKeys": keys}
	}
	return cond
}

// grantPrincipal is the Principal element naming a grantee: an AWS
// principal (ARN or account id) or a service principal.
func grantPrincipal(p string) map[string]any {
	if !strings.HasPrefix(p, "arn:") && !evaluator.IsAccountID(p) && strings.HasSuffix(p, ".amazonaws.com") {
		return map[string]any{"Service": p}
	}
	return map[string]any{"AWS": p}
}

// alnum keeps ASCII letters and digits (a Sid's characters, GR-5).
func alnum(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}
