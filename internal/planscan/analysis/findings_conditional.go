package analysis

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Built-in findings over every request context (issue 9): access that needs
// conditions is reported with them instead of being dropped, and GitHub
// OIDC trust that any repository can satisfy.

// conditionalAssume quantifies an sts:AssumeRole edge that the matrix
// (which asks with an empty context) found denied: nil unless some context
// allows it.
func (m *matrix) conditionalAssume(si int, sub *Subject, role *iammodel.Identity) *evaluator.Quantified {
	if sub == nil || role == nil || !role.ARN.Known() {
		return nil
	}
	s := sides[si](m.u.a)
	t, err := s.Target(role.ARN.Value)
	if err != nil {
		return nil
	}
	if !contextMatters(s, sub, "sts:AssumeRole", t) {
		return nil // no condition anywhere: denied in every context too
	}
	qa := s.DecideAnyContext(sub, "sts:AssumeRole", t, evaluator.Context{})
	if !qa.Q.Possible() {
		return nil
	}
	return &qa.Q
}

// networkKeys are the keys of a network condition class.
var networkKeys = map[string]bool{"aws:sourceip": true, "aws:vpcsourceip": true, "aws:sourcevpc": true, "aws:sourcevpce": true, "aws:sourcevpcarn": true}

// conditionClass names the kind of conditions a path needs, for
// planscan.hcl severities (`severity "assume-chain/mfa" { level = "warning" }`):
// mfa when every alternative needs MFA, network when every one needs a
// network condition, else context.
func conditionClass(q *evaluator.Quantified) string {
	mfa, network := len(q.When) > 0, len(q.When) > 0
	for _, conj := range q.When {
		hasMFA, hasNet := false, false
		for _, c := range conj {
			k := strings.ToLower(c.Key)
			hasMFA = hasMFA || strings.HasPrefix(k, "aws:multifactorauth")
			hasNet = hasNet || networkKeys[k]
		}
		mfa, network = mfa && hasMFA, network && hasNet
	}
	switch {
	case mfa:
		return "mfa"
	case network:
		return "network"
	}
	return "context"
}

// Federated trust open to everyone (CTX-20, PR-9): a trust policy that
// every caller of a well-known identity provider can satisfy. Each rule is
// data: which Federated principals it is about, the claims that narrow the
// caller, and a probe (values of those claims that belong to nobody's
// repository, service account or identity pool). When the trust allows the
// probe for some value of the other claims, it allows every caller the
// claims would have told apart.
type federatedRule struct {
	// id names the finding (key suffix); hosts are the provider hosts
	// (or names) of its Federated principals.
	id    string
	hosts func() *regexp.Regexp
	// probe pins claims (the provider host is prepended to each key);
	// a value list is a multivalued claim.
	probe map[string][]string
	// everyone says whom the trust is then open to; narrow names the
	// claims that should pin the caller.
	everyone, narrow string
}

// federatedRules are checked in order; a provider gets at most one finding
// per trust policy (the first rule that holds).
var federatedRules = []federatedRule{
	{id: "github-oidc", hosts: lazyRegexp(`^token\.actions\.githubusercontent\.com$`),
		probe: map[string][]string{
			"sub":              {"repo:iamsim-probe/any-repository:ref:refs/heads/main"},
			"job_workflow_ref": {"iamsim-probe/any-repository/.github/workflows/probe.yml@refs/heads/main"},
		},
		everyone: "every GitHub repository", narrow: ":sub or :job_workflow_ref to your repositories"},
	{id: "eks-irsa", hosts: lazyRegexp(`^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com/id/[A-Za-z0-9]+$`),
		probe:    map[string][]string{"sub": {"system:serviceaccount:iamsim-probe:any-service-account"}},
		everyone: "every service account of the EKS cluster", narrow: ":sub to a service account (system:serviceaccount:NAMESPACE:NAME)"},
	{id: "cognito-any-pool", hosts: lazyRegexp(`^cognito-identity\.amazonaws\.com$`),
		probe:    map[string][]string{"aud": {"us-east-1:00000000-0000-4000-8000-1a45c0be0000"}},
		everyone: "every Cognito identity pool of every account", narrow: ":aud to your identity pool ids"},
	{id: "cognito-unauthenticated", hosts: lazyRegexp(`^cognito-identity\.amazonaws\.com$`),
		probe:    map[string][]string{"amr": {"unauthenticated"}},
		everyone: "the unauthenticated (guest) identities of the identity pool (anyone, when the pool allows guests)", narrow: ":amr to authenticated"},
}

// providerHost is the host of a Federated principal: the part after
// oidc-provider/ of an OIDC provider ARN, or the name of a well-known
// provider (cognito-identity.amazonaws.com); "" for SAML and the rest.
func providerHost(fed string) string {
	if i := strings.Index(fed, ":oidc-provider/"); i >= 0 {
		return fed[i+len(":oidc-provider/"):]
	}
	if evaluator.IsWebIdentityProviderName(fed) {
		return fed
	}
	return ""
}

// oidcFindings reports federated trust open to every caller of a
// well-known provider (federatedRules).
func (s *SideAnalysis) oidcFindings(d sideDoc, tree *evaluator.Policy) []policyFinding {
	if d.typ != evaluator.PolicyTrust {
		return nil
	}
	var out []policyFinding
	seen := map[string]bool{}
	for _, st := range tree.Statements {
		if st.Effect != evaluator.EffectAllow || st.Principal == nil {
			continue
		}
		for _, f := range st.Principal.Federated {
			host := providerHost(f.Text)
			if host == "" || seen[f.Text] {
				continue
			}
			seen[f.Text] = true
			for _, rule := range federatedRules {
				if !rule.hosts().MatchString(host) {
					continue
				}
				if fd, ok := s.federatedOpen(d, f.Text, host, rule); ok {
					out = append(out, fd)
					break
				}
			}
		}
	}
	return out
}

// federatedOpen asks the trust policy alone whether the rule's probe
// caller may assume the role under some value of the other claims.
func (s *SideAnalysis) federatedOpen(d sideDoc, fed, host string, rule federatedRule) (policyFinding, bool) {
	p := evaluator.Principal{Kind: evaluator.PrincipalWebIdentity, ARN: fed, Name: fed, FederatedProvider: fed}
	var ctx evaluator.Context
	for claim, vs := range rule.probe {
		if len(vs) == 1 && claim != "amr" { // amr is multivalued (CTX-20)
			ctx.Set(host+":"+claim, vs[0])
		} else {
			ctx.SetList(host+":"+claim, vs)
		}
	}
	req := &evaluator.Request{Principal: p, Action: "sts:AssumeRoleWithWebIdentity", Resource: d.resource, Context: ctx}
	if !strings.HasPrefix(d.resource, "arn:") {
		acct := evaluator.ARNField(fed, 4)
		if !evaluator.IsAccountID(acct) {
			acct = "000000000000"
		}
		req.Resource = "arn:aws:iam::" + acct + ":role/unknown"
	}
	doc := s.sanitize(d.doc, evaluator.PolicyTrust)
	cs := s.trustOnly(&doc)
	q := cs.Quantify(req, evaluator.QuantifyOptions{})
	if !q.Possible() {
		return policyFinding{}, false
	}
	cond := "with no other condition"
	if q.Outcome == evaluator.OutcomeConditional {
		cond = "when " + q.Condition()
	}
	return policyFinding{rule: "public-access", key: d.address + "#" + rule.id, address: d.address, resource: d.resource,
		conditions: q.Condition(),
		message: fmt.Sprintf("%s: the trust policy lets %s assume %s through %s (%s): it does not pin %s%s",
			d.address, rule.everyone, resourceOrItself(d.resource), host, cond, host, rule.narrow)}, true
}
