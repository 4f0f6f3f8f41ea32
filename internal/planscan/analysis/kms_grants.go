package analysis

import (
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
)

// KMS grants (issue 8): iammodel appends each grant of a key of the plan to
// the key's resource-side document as Allow statements naming the grantee,
// so every question (query, check, diff) sees them like a key-policy
// statement naming the principal (EV-9, EV-7). The KMS Developer Guide
// says a grant allows ("the grant allows the grantee principal to call the
// specified grant operations on the KMS key provided that all conditions
// specified in the grant are met") and that a deny wins ("No AWS principal
// has any permissions to a KMS key unless that permission is provided
// explicitly and never denied"). It does not say whether SCPs, RCPs, a
// permissions boundary or a session policy limit what a grant allows, nor
// what a grantee in another account needs on its side. For those
// principals a question where the grant alone would allow but the whole
// set does not (and no explicit deny decides) is unknown (AMB-1), never a
// deny.

// grantGates names what the guide is silent on for a principal and a key:
// empty when the principal of the plan has none of them (the set's answer
// then follows the guide).
func (s *SideAnalysis) grantGates(id *iammodel.Identity, p *evaluator.Principal, key *iammodel.ResourcePolicy) []string {
	var out []string
	if id == nil {
		out = append(out, "a principal outside the plan")
	} else {
		if id.Boundary != nil {
			out = append(out, "a permissions boundary")
		}
		set := s.Model.PolicySetFor(id)
		if len(set.SCPs) > 0 && !p.ManagementAccount {
			out = append(out, "SCPs")
		}
		if len(set.RCPs) > 0 {
			out = append(out, "RCPs")
		}
	}
	if !key.Account.Known() || p.Account == "" || key.Account.Value != p.Account {
		out = append(out, "a grantee in another account")
	}
	return out
}

// grantSilence is the reason of an answer the guide leaves open.
func grantSilence(key *iammodel.ResourcePolicy, gates []string) evaluator.Reason {
	names := make([]string, len(key.Grants))
	for i, g := range key.Grants {
		names[i] = g.Address
	}
	return evaluator.NoteReason("AMB-1", "KMS grants ("+strings.Join(names, ", ")+"): the KMS Developer Guide does not say what applies on top of a grant for "+
		strings.Join(gates, " and "))
}

// grantAlone is the key's grants as the only policy, the request made as
// if from the key's account: what the grants allow by themselves.
func (s *SideAnalysis) grantAlone(key *iammodel.ResourcePolicy, req *evaluator.Request) (*evaluator.CompiledSet, *evaluator.Request) {
	cs := evaluator.Compile(evaluator.PolicySet{}, s.fitted).WithCompiledResource(s.compiledResource(key.GrantsDoc))
	r := *req
	r.ResourceAccount, r.ResourceAccountUnknown = req.Principal.Account, nil
	return cs, &r
}

// grantKey is the target's key when it has grants and the action is a
// KMS action (nil otherwise).
func grantKey(action string, rp *iammodel.ResourcePolicy) *iammodel.ResourcePolicy {
	if rp == nil || rp.GrantsDoc == nil || len(action) < 4 || !strings.EqualFold(action[:4], "kms:") {
		return nil
	}
	return rp
}

// withoutGrants is the principal's set (base, no resource document) with
// the key policy alone: what the key policy and the principal's policies
// decide without the grants.
func (s *SideAnalysis) withoutGrants(base *evaluator.CompiledSet, key *iammodel.ResourcePolicy) *evaluator.CompiledSet {
	if key.KeyDoc == nil {
		return base
	}
	doc := s.sanitize(*key.KeyDoc, evaluator.PolicyResource)
	return base.WithCompiledResource(s.compiledResource(&doc))
}

// settleGrant turns a one-request answer unknown when the grants alone
// would allow it and a gate the guide is silent on may be what denies it,
// and an allow that only the grants give when such a gate applies: a
// user named by a grant skips its permissions boundary as a key-policy
// statement naming it would (EV-8), but the guide does not say a grant
// does (AMB-1). base is the principal's set without the key's document.
func (s *SideAnalysis) settleGrant(id *iammodel.Identity, rp *iammodel.ResourcePolicy, base *evaluator.CompiledSet, req *evaluator.Request, res *evaluator.Result) {
	key := grantKey(req.Action, rp)
	if key == nil || res.Decision == evaluator.ExplicitDeny || res.Decision == evaluator.DecisionError {
		return
	}
	gates := s.grantGates(id, &req.Principal, key)
	if len(gates) == 0 {
		return
	}
	if res.Decision == evaluator.Allowed {
		if base == nil {
			return
		}
		wo := s.withoutGrants(base, key).Decide(req)
		if wo.Decision == evaluator.Allowed {
			return // the key policy and the principal's policies allow it without the grants
		}
		possible := wo.Decision
		if possible == evaluator.DecisionUnknown || possible == evaluator.DecisionError {
			possible = evaluator.ImplicitDeny
		}
		res.Possible = append(res.Possible[:0], evaluator.Allowed, possible)
		res.Decision = evaluator.DecisionUnknown
		res.Unknowns = append(res.Unknowns, grantSilence(key, gates))
		return
	}
	cs, r := s.grantAlone(key, req)
	if ga := cs.Decide(r); ga.Decision != evaluator.Allowed && ga.Decision != evaluator.DecisionUnknown {
		return
	}
	if res.Decision != evaluator.DecisionUnknown {
		res.Possible = append(res.Possible[:0], res.Decision, evaluator.Allowed)
		res.Decision = evaluator.DecisionUnknown
	}
	res.Unknowns = append(res.Unknowns, grantSilence(key, gates))
}

// settleGrantQuantified is settleGrant over every context: an answer that
// is not always allowed becomes unknown when the grants alone allow in
// some context and a silent gate applies; one always allowed becomes
// unknown when the set without the grants is not always allowed.
func (s *SideAnalysis) settleGrantQuantified(id *iammodel.Identity, rp *iammodel.ResourcePolicy, base *evaluator.CompiledSet, req *evaluator.Request, opts evaluator.QuantifyOptions, q *evaluator.Quantified) {
	key := grantKey(req.Action, rp)
	if key == nil || q.Outcome == evaluator.OutcomeError {
		return
	}
	if q.Outcome == evaluator.OutcomeNever && q.DeniedDecision == evaluator.ExplicitDeny && len(q.Keys) == 0 {
		return // denied explicitly, whatever the context: a grant cannot allow
	}
	gates := s.grantGates(id, &req.Principal, key)
	if len(gates) == 0 {
		return
	}
	if q.Outcome == evaluator.OutcomeAlways {
		if base == nil || s.withoutGrants(base, key).Quantify(req, opts).Outcome == evaluator.OutcomeAlways {
			return
		}
		q.Outcome = evaluator.OutcomeUnknown
		q.Unknowns = append(q.Unknowns, grantSilence(key, gates))
		return
	}
	cs, r := s.grantAlone(key, req)
	ga := cs.Quantify(r, opts)
	if !ga.HasAllowed && ga.Outcome != evaluator.OutcomeUnknown {
		return
	}
	if !q.HasAllowed && ga.HasAllowed {
		q.HasAllowed, q.Allowed = true, ga.Allowed
	}
	q.Outcome = evaluator.OutcomeUnknown
	q.Unknowns = append(q.Unknowns, grantSilence(key, gates))
}

// grantsNote rewords the engine's note on a KMS answer (EV-15: the engine
// notes kms-grants-not-modelled on every one) when the key is a key of the
// plan: the model holds the plan's aws_kms_grant resources on it, so only
// grants made outside Terraform are not seen. A key outside the plan
// keeps the engine's note.
func grantsNote(rp *iammodel.ResourcePolicy, notes []evaluator.Reason) {
	if rp == nil || rp.Service != "kms" || rp.Type != evaluator.PolicyResource || !rp.InPlan {
		return
	}
	for i, n := range notes {
		if n.Kind == evaluator.ReasonCode && n.Ref == kmsGrantsNotModelled {
			notes[i] = evaluator.NoteReason("EV-15", "KMS grants made outside Terraform are not seen (the plan's aws_kms_grant resources are modelled)")
		}
	}
}

// kmsGrantsNotModelled is the engine's note code on KMS answers (EV-15).
const kmsGrantsNotModelled = "kms-grants-not-modelled"
