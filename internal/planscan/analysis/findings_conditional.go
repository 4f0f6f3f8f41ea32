package analysis

import (
	"fmt"
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

// GitHub Actions OIDC (CTX-20): a trust policy that any repository can
// satisfy. The probe is a repository and workflow of nobody's: when the
// trust allows it for some value of the other claims, it allows every
// repository.
const (
	githubOIDCHost  = "token.actions.githubusercontent.com"
	probeGitHubSub  = "repo:iamsim-probe/any-repository:ref:refs/heads/main"
	probeGitHubFlow = "iamsim-probe/any-repository/.github/workflows/probe.yml@refs/heads/main"
)

// oidcFindings reports GitHub OIDC trust open to every repository.
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
			if !strings.HasSuffix(f.Text, "oidc-provider/"+githubOIDCHost) || seen[f.Text] {
				continue
			}
			seen[f.Text] = true
			p := evaluator.Principal{Kind: evaluator.PrincipalWebIdentity, ARN: f.Text, FederatedProvider: f.Text}
			var ctx evaluator.Context
			ctx.Set(githubOIDCHost+":sub", probeGitHubSub)
			ctx.Set(githubOIDCHost+":job_workflow_ref", probeGitHubFlow)
			req := &evaluator.Request{Principal: p, Action: "sts:AssumeRoleWithWebIdentity", Resource: d.resource, Context: ctx}
			if !strings.HasPrefix(d.resource, "arn:") {
				req.Resource = "arn:aws:iam::" + evaluator.ARNField(f.Text, 4) + ":role/unknown"
			}
			doc := s.sanitize(d.doc, evaluator.PolicyTrust)
			cs := s.trustOnly(&doc)
			q := cs.Quantify(req, evaluator.QuantifyOptions{})
			if !q.Possible() {
				continue
			}
			cond := "with no other condition"
			if q.Outcome == evaluator.OutcomeConditional {
				cond = "when " + q.Condition()
			}
			out = append(out, policyFinding{rule: "public-access", key: d.address + "#github-oidc", address: d.address, resource: d.resource,
				conditions: q.Condition(),
				message: fmt.Sprintf("%s: the trust policy lets every GitHub repository assume %s through %s (%s): it does not pin %s:sub or :job_workflow_ref to your repositories",
					d.address, resourceOrItself(d.resource), githubOIDCHost, cond, githubOIDCHost)})
		}
	}
	return out
}
