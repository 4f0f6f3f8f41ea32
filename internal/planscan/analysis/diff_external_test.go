package analysis

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

func TestOrgOnly(t *testing.T) {
	t.Parallel()
	kc := func(k string) evaluator.KeyCondition { return evaluator.KeyCondition{Key: k, Text: k} }
	for _, tc := range []struct {
		name string
		q    evaluator.Quantified
		want bool
	}{
		{"org id", evaluator.Quantified{Outcome: evaluator.OutcomeConditional, When: [][]evaluator.KeyCondition{{kc("aws:PrincipalOrgID")}}}, true},
		{"org paths", evaluator.Quantified{Outcome: evaluator.OutcomeConditional, When: [][]evaluator.KeyCondition{{kc("aws:PrincipalOrgPaths")}}}, true},
		{"org and network", evaluator.Quantified{Outcome: evaluator.OutcomeConditional, When: [][]evaluator.KeyCondition{{kc("aws:PrincipalOrgID"), kc("aws:SourceIp")}}}, false},
		{"any org (like)", evaluator.Quantified{Outcome: evaluator.OutcomeConditional, When: [][]evaluator.KeyCondition{{{Key: "aws:PrincipalOrgID", Text: "aws:PrincipalOrgID like o-*"}}}}, false},
		{"always", evaluator.Quantified{Outcome: evaluator.OutcomeAlways}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			testkit.Equal(t, "orgOnly", orgOnly(&tc.q), tc.want)
		})
	}
}

// External rows on real plans (issue 9): who outside the plan gains what,
// with the conditions.
func TestExternalRows(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		fixture, principal, action, when string
	}{
		{"source_ip_open", "anonymous", "s3:GetObject", "aws:SourceIp in one of [0.0.0.0/0, 198.51.100.0/24]"},
		{"source_ip_open", anyAccountLabel, "s3:GetObject", "aws:SourceIp in 198.51.100.0/24"},
		{"principal_arn_wildcard_account", orgLabel, "s3:GetObjectTagging", "aws:PrincipalOrgID = o-a1b2c3d4e5"},
		{"org_shared", orgLabel, "sts:AssumeRole", "aws:PrincipalOrgID = o-a1b2c3d4e5"},
		{"org_shared", anyAccountLabel, "s3:GetObject", "aws:PrincipalOrgID like o-*"},
		{"vpce_restricted", "anonymous", "s3:GetObject", "aws:SourceVpce = vpce-0a1b2c3d4e5f60718"},
		{"cross_account", "account:444455556666", "sts:AssumeRole", "sts:ExternalId = partner-42"},
		{"cross_account", "account:444455556666", "s3:ListBucket", ""},
		{"github_oidc", "federated:arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", "sts:AssumeRoleWithWebIdentity",
			"token.actions.githubusercontent.com:aud = sts.amazonaws.com"},
		// CTX-9: an OU path with a trailing * admits its accounts for every context; the exact path
		// (StringEquals) only those directly in the OU, not in the OUs below it
		{"ou_shared", "ou:o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/", "s3:GetObject", ""},
		{"ou_shared", "ou:o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/", "sts:AssumeRole",
			"aws:PrincipalOrgPaths is one of [o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/], [o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/, o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/-] (representative values)"},
		// PR-9: cognito-identity.amazonaws.com is a web-identity caller on AssumeRoleWithWebIdentity
		{"cognito_identity", "federated:cognito-identity.amazonaws.com", "sts:AssumeRoleWithWebIdentity",
			"cognito-identity.amazonaws.com:aud = us-east-1:4f1c2b3a-9d8e-4c7b-a6f5-0e1d2c3b4a59"},
	} {
		t.Run(tc.fixture+"/"+tc.principal+"/"+tc.action, func(t *testing.T) {
			t.Parallel()
			a := fixtureAnalysis(t, tc.fixture)
			found := false
			for _, r := range a.externalRows() {
				if r.Principal != tc.principal {
					continue
				}
				for _, c := range r.Changes {
					for _, act := range c.Actions {
						found = found || (act == tc.action && c.When == tc.when && c.Kind == Gained)
					}
				}
				if !found {
					t.Errorf("%s: no gained %s when %q in %+v", tc.principal, tc.action, tc.when, r.Changes)
				}
				return
			}
			t.Errorf("no row for %s", tc.principal)
		})
	}
}
