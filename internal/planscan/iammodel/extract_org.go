package iammodel

import (
	"fmt"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// org reads SCPs and RCPs, their attachments and the org structure.
func (b *builder) org(byType map[string][]*tfplan.Instance) {
	o := &b.m.Org
	nodeID := map[*tfplan.Instance]tfplan.Str{}
	for _, in := range byType["aws_organizations_organization"] {
		o.ManagementAccount = b.r.Str(in, "master_account_id")
		if !o.ManagementAccount.Known() {
			// An organization the plan creates is created from (and so
			// managed by) the account of its provider configuration: that
			// is the management account, where SCPs and RCPs never apply
			// (EV-5). Said once in the output (Org.Assumption).
			if acct := b.accountFor(in); acct.Known() {
				o.ManagementAccount = acct
				o.Assumption = fmt.Sprintf("%s is created with provider %s, account %s: that account is taken as the organization's management account, where SCPs and RCPs never apply (EV-5)", in.Address, providerKeyOf(in), acct.Value)
			}
		}
		o.ID = b.r.Str(in, "id")
		roots, ok := in.Values["roots"].([]any)
		if !ok && in.Values["roots"] != nil && !tfplan.IsUnknown(tfplan.UnknownAtKey(in.AfterUnknown, "roots")) {
			b.r.Problems.Add(in.Address, "roots", in.Values["roots"], "a list")
		}
		if ok && !tfplan.IsUnknown(tfplan.UnknownAtKey(in.AfterUnknown, "roots")) {
			for i, r := range roots {
				m, ok := r.(map[string]any)
				if !ok {
					b.r.Problems.Add(in.Address, fmt.Sprintf("roots[%d]", i), r, "an object")
				}
				if _, isStr := m["id"].(string); ok && !isStr && m["id"] != nil {
					b.r.Problems.Add(in.Address, fmt.Sprintf("roots[%d].id", i), m["id"], "a string")
				}
				if ok {
					if id, _ := m["id"].(string); id != "" {
						o.Roots = append(o.Roots, id)
						nodeID[in] = tfplan.KnownStr(id)
					}
				}
			}
		}
		if _, ok := nodeID[in]; !ok {
			nodeID[in] = tfplan.UnknownStr(in.Address+".roots[0].id", "r-")
		}
	}
	for _, t := range []string{"aws_organizations_organizational_unit", "aws_organizations_account"} {
		for _, in := range byType[t] {
			id := b.r.Str(in, "id")
			nodeID[in] = id
			parent, pt := b.r.StrVia(in, "parent_id", "id")
			if !parent.Known() && pt != nil && nodeID[pt].Known() {
				parent = nodeID[pt]
			}
			if id.Known() && parent.Known() && parent.Value != "" {
				o.Parents[id.Value] = parent.Value
			}
		}
	}
	byInst := map[*tfplan.Instance]*OrgPolicy{}
	byID := map[string]*OrgPolicy{}
	for _, in := range byType["aws_organizations_policy"] {
		typ := b.r.Str(in, "type")
		if typ.Known() && typ.Value == "" {
			typ = tfplan.KnownStr("SERVICE_CONTROL_POLICY") // the provider's default
		}
		p := &OrgPolicy{Address: in.Address, Type: typ.Value, Name: b.r.Str(in, "name"), ID: b.r.Str(in, "id")}
		if !typ.Known() {
			b.diag(evaluator.SeverityWarning, in.Address, "type is known only after apply; the policy is ignored")
			continue
		}
		if p.Type != "SERVICE_CONTROL_POLICY" && p.Type != "RESOURCE_CONTROL_POLICY" {
			continue // tag, backup and AI opt-out policies do not take part in decisions
		}
		if d, ok := b.doc(in, "content", in.Address); ok {
			p.Doc = d
		} else {
			p.Doc = evaluator.PolicyDoc{Name: in.Address, Unknown: &evaluator.Unknown{Reason: in.Address + ".content (empty)"}}
		}
		o.Policies = append(o.Policies, p)
		byInst[in] = p
		if p.ID.Set() {
			byID[p.ID.Value] = p
		}
	}
	for _, in := range byType["aws_organizations_policy_attachment"] {
		pid, pt := b.r.StrVia(in, "policy_id", "id")
		var p *OrgPolicy
		if pt != nil {
			p = byInst[pt]
		}
		if p == nil && pid.Set() {
			p = byID[pid.Value]
		}
		if p == nil {
			if pid.Known() && (pid.Value == "p-FullAWSAccess" || pid.Value == "p-RCPFullAWSAccess") {
				continue // already implied at every level
			}
			b.m.External = append(b.m.External, External{Address: in.Address, Kind: "organizations_policy", Ref: pid,
				Note: "policy outside the plan (or known only after apply); its document is unknown"})
			p = &OrgPolicy{Address: in.Address, Type: "SERVICE_CONTROL_POLICY", ID: pid,
				Doc: evaluator.PolicyDoc{Name: in.Address, Unknown: &evaluator.Unknown{Reason: in.Address + ".policy_id " + pid.String() + " (outside the plan)"}}}
			b.diag(evaluator.SeverityWarning, in.Address, "attaches an organization policy outside the plan; counted as an unknown SCP (its type is not known)")
			o.Policies = append(o.Policies, p)
		}
		tid, tt := b.r.StrVia(in, "target_id", "id")
		t := OrgTarget{Address: in.Address, ID: tid}
		if tt != nil {
			t.Node = tt.Address
			if id, ok := nodeID[tt]; ok && id.Known() {
				t.ID = id
			}
		}
		p.Targets = append(p.Targets, t)
	}
}
