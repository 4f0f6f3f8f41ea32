package analysis

import (
	"testing"

	ev "github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// TestDecisiveStatement: the statement a violation names (issue 8 item 4).
// An explicit deny is decided by a Deny that applies (EV-1: "Any applying
// Deny is an explicit deny"; [EL]: "If the enforcement code finds even one
// explicit deny that applies, the code returns a final decision of Deny");
// an allowed request by the grant of an identity or resource policy (EV-7),
// not by a boundary or SCP Allow that only permits it; an implicit deny has
// no statement; a statement that may only apply is never named as the
// cause, nor a resource-side Allow of kind ACCOUNT ("A grant of kind
// ACCOUNT only delegates", EV-7).
func TestDecisiveStatement(t *testing.T) {
	t.Parallel()
	m := func(policy string, typ ev.PolicyType, sid string, eff ev.Effect, applies ev.Tri) ev.MatchedStatement {
		return ev.MatchedStatement{Policy: policy, PolicyType: typ, Sid: sid, Effect: eff, Applies: applies, Level: -1}
	}
	delegating := m("aws_s3_bucket_policy.b", ev.PolicyResource, "Account", ev.EffectAllow, ev.TriTrue)
	delegating.Delegates = true
	for _, tc := range []struct {
		name string
		res  ev.Result
		want string
	}{
		{"identity grant after a boundary allow", ev.Result{Decision: ev.Allowed, MatchedStatements: []ev.MatchedStatement{
			m("aws_iam_policy.pb", ev.PolicyBoundary, "1", ev.EffectAllow, ev.TriTrue),
			m("aws_iam_role_policy.web", ev.PolicyIdentity, "ReadAssets", ev.EffectAllow, ev.TriTrue)}},
			"aws_iam_role_policy.web#ReadAssets"},
		{"resource policy grant", ev.Result{Decision: ev.Allowed, MatchedStatements: []ev.MatchedStatement{
			m("aws_sqs_queue_policy.jobs", ev.PolicyResource, "SendFromApp", ev.EffectAllow, ev.TriTrue)}},
			"aws_sqs_queue_policy.jobs#SendFromApp"},
		{"only a boundary allow: it is named", ev.Result{Decision: ev.Allowed, MatchedStatements: []ev.MatchedStatement{
			m("aws_iam_policy.pb", ev.PolicyBoundary, "1", ev.EffectAllow, ev.TriTrue)}},
			"aws_iam_policy.pb#1"},
		{"delegating and unknown allows are skipped", ev.Result{Decision: ev.Allowed, MatchedStatements: []ev.MatchedStatement{
			delegating,
			m("aws_iam_role_policy.a", ev.PolicyIdentity, "Maybe", ev.EffectAllow, ev.TriUnknown),
			m("aws_iam_role_policy.a", ev.PolicyIdentity, "Sure", ev.EffectAllow, ev.TriTrue)}},
			"aws_iam_role_policy.a#Sure"},
		{"explicit deny names the deny", ev.Result{Decision: ev.ExplicitDeny, MatchedStatements: []ev.MatchedStatement{
			m("aws_iam_role_policy.a", ev.PolicyIdentity, "Read", ev.EffectAllow, ev.TriTrue),
			m("aws_s3_bucket_policy.b", ev.PolicyResource, "DenyInsecureTransport", ev.EffectDeny, ev.TriTrue)}},
			"aws_s3_bucket_policy.b#DenyInsecureTransport"},
		{"implicit deny: none", ev.Result{Decision: ev.ImplicitDeny, MatchedStatements: []ev.MatchedStatement{
			m("aws_iam_policy.pb", ev.PolicyBoundary, "1", ev.EffectAllow, ev.TriTrue)}}, ""},
		{"unknown: none", ev.Result{Decision: ev.DecisionUnknown, MatchedStatements: []ev.MatchedStatement{
			m("aws_iam_role_policy.a", ev.PolicyIdentity, "1", ev.EffectAllow, ev.TriUnknown)}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := decisiveStatement(&tc.res); got != tc.want {
				t.Errorf("decisiveStatement = %q, want %q", got, tc.want)
			}
		})
	}
}
