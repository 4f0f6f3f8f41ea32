package analysis

import (
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
)

// Principal tags over every context (issue 9, CTX-1): for a user or role of
// the plan, aws:PrincipalTag/KEY is the principal's own tag, not a value the
// request chooses. When the principal's tags (tags_all, iammodel) are
// known, every aws:PrincipalTag/ key is fixed: a tag it has takes its value,
// any other is absent. When they are known only after apply, the keys the
// question's policies read are unknown, named by the tags' address
// (PT-1: "depends on apply", not "depends on the request").
//
// Session tags: a role session's tags override the role's tags of the same
// key (sts:TagSession, also the session tags of web-identity and SAML
// federation). When the role's trust policy may allow sts:TagSession (or
// is known only after apply), the keys stay free and range over every value.
// A user's tags are fixed: the federated-user sessions of
// GetFederationToken that can carry session tags are other principals.

// principalTagKey finds the aws:PrincipalTag/ keys a policy text reads.
var principalTagKey = lazyRegexp(`(?i)aws:PrincipalTag/[^"\s}]+`)

// principalTagContext pins or fixes aws:PrincipalTag/ keys for a question
// about a principal of the plan; ctx and opts are returned unchanged for
// others and for roles whose sessions may carry tags.
func (s *SideAnalysis) principalTagContext(sub *Subject, action string, t *Target, ctx evaluator.Context, opts evaluator.QuantifyOptions) (evaluator.Context, evaluator.QuantifyOptions) {
	var extra *evaluator.PolicyDoc
	keys := func() []string {
		if extra == nil {
			extra = s.resourceDoc(action, t)
		}
		return s.principalTagKeys(sub.Identity, extra)
	}
	return s.tagContext(sub.Identity, keys, ctx, opts)
}

// tagContext is principalTagContext for an identity (nil: outside the
// plan); keys lists the aws:PrincipalTag/ keys the question's documents
// read, asked only when the identity's tags are known only after apply.
func (s *SideAnalysis) tagContext(id *iammodel.Identity, keys func() []string, ctx evaluator.Context, opts evaluator.QuantifyOptions) (evaluator.Context, evaluator.QuantifyOptions) {
	if id == nil || (id.Kind == iammodel.KindRole && s.mayTagSession(id)) {
		return ctx, opts
	}
	out := ctx.Clone()
	if id.TagsUnknown != nil {
		for _, k := range keys() {
			if !ctx.Has(k) {
				out.SetUnknown(k, *id.TagsUnknown)
			}
		}
		return out, opts
	}
	for k, v := range id.Tags {
		if key := "aws:PrincipalTag/" + k; !ctx.Has(key) {
			out.Set(key, v)
		}
	}
	opts.FixedKeys = append(append([]string(nil), opts.FixedKeys...), "aws:PrincipalTag/")
	return out, opts
}

// principalTagKeys are the aws:PrincipalTag/ keys the documents of a
// question read (the principal's policies, boundary and organization
// policies, and the target's resource or trust policy, extra).
func (s *SideAnalysis) principalTagKeys(id *iammodel.Identity, extra *evaluator.PolicyDoc) []string {
	set := s.Model.PolicySetFor(id)
	docs := append(append([]evaluator.PolicyDoc{}, set.Identity...), set.Boundaries...)
	for _, lv := range append(append([][]evaluator.PolicyDoc{}, set.SCPs...), set.RCPs...) {
		docs = append(docs, lv...)
	}
	if extra != nil {
		docs = append(docs, *extra)
	}
	seen := map[string]bool{}
	var out []string
	for _, d := range docs {
		if !mayReadTagKey(d.JSON) {
			continue
		}
		for _, m := range principalTagKey().FindAll(d.JSON, -1) {
			k := string(m)
			if lk := strings.ToLower(k); !seen[lk] {
				seen[lk] = true
				out = append(out, k)
			}
		}
	}
	return out
}

// trustMayTagSession: the role's trust policy may allow sts:TagSession to
// someone (an Allow statement whose actions can match it), or is not known.
func trustMayTagSession(role *iammodel.Identity) bool {
	if role.Trust == nil {
		return false
	}
	if role.Trust.Unknown != nil {
		return true
	}
	tree, _ := evaluator.ParsePolicy(role.Trust.JSON, evaluator.PolicyTrust)
	if tree == nil {
		return true
	}
	for _, st := range tree.Statements {
		if st.Effect == evaluator.EffectAllow && statementMayGrant(&st, "sts:TagSession") {
			return true
		}
	}
	return false
}

// mayTagSession caches trustMayTagSession per role of the side.
func (s *SideAnalysis) mayTagSession(role *iammodel.Identity) bool {
	s.caches.tagMu.Lock()
	defer s.caches.tagMu.Unlock()
	v, ok := s.caches.tagSession[role]
	if !ok {
		if s.caches.tagSession == nil {
			s.caches.tagSession = map[*iammodel.Identity]bool{}
		}
		v = trustMayTagSession(role)
		s.caches.tagSession[role] = v
	}
	return v
}
