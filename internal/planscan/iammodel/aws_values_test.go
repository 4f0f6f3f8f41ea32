package iammodel

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// The ARN of an identity provider created by the plan is known from its
// known parts (PT-1, PT-4): AWS names an OIDC provider by its URL without
// the scheme, a SAML provider by its name. Found by the ground truth after
// apply (issue 8): with the ARN left unknown, a question about the
// provider whose action does not act on it answered implicitDeny where
// the applied state says error (RS-10).
func TestIdentityProviderARNs(t *testing.T) {
	t.Parallel()
	arnUnknown := map[string]any{"arn": true, "id": true}
	s := synthPlan(t, []rc{
		{addr: "aws_iam_openid_connect_provider.gh", typ: "aws_iam_openid_connect_provider", name: "gh", actions: create,
			after: map[string]any{"url": "https://token.actions.githubusercontent.com"}, unknown: arnUnknown},
		{addr: "aws_iam_openid_connect_provider.eks", typ: "aws_iam_openid_connect_provider", name: "eks", actions: create,
			after: map[string]any{"url": "https://oidc.eks.us-east-1.amazonaws.com/id/ABC"}, unknown: arnUnknown},
		{addr: "aws_iam_openid_connect_provider.later", typ: "aws_iam_openid_connect_provider", name: "later", actions: create,
			after: map[string]any{}, unknown: map[string]any{"arn": true, "url": true}},
		{addr: "aws_iam_saml_provider.okta", typ: "aws_iam_saml_provider", name: "okta", actions: create,
			after: map[string]any{"name": "okta"}, unknown: arnUnknown},
	}, nil, nil)
	for _, tc := range []struct {
		account, addr, want string
		known               bool
	}{
		{"111122223333", "aws_iam_openid_connect_provider.gh", "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", true},
		{"111122223333", "aws_iam_openid_connect_provider.eks", "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC", true},
		{"111122223333", "aws_iam_saml_provider.okta", "arn:aws:iam::111122223333:saml-provider/okta", true},
		{"111122223333", "aws_iam_openid_connect_provider.later", "", false}, // URL known only after apply
		{"", "aws_iam_openid_connect_provider.gh", "arn:aws:iam::", false},   // account unknown: the known prefix
	} {
		insts := tfplan.CollectInstances(s.plan, tfplan.After, tfplan.NewConfigIndex(s.plan.Config), nil)
		r := NewAWSResolver(tfplan.After, insts, tfplan.NewConfigIndex(s.plan.Config), tc.account, "us-east-1")
		for _, in := range insts {
			if in.Address != tc.addr {
				continue
			}
			got := r.Str(in, "arn")
			if got.Known() != tc.known || got.Known() && got.Value != tc.want || !got.Known() && got.Unknown.Prefix != tc.want {
				t.Errorf("%s (account %q): arn %v, want %q (known %t)", tc.addr, tc.account, got, tc.want, tc.known)
			}
		}
	}
}
