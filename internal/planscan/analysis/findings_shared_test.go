package analysis

import (
	"sort"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// statementShares: whom a non-public statement lets in from outside the
// resource's account, as Access Analyzer's cross-account findings name it
// (issue 9).
func TestStatementShares(t *testing.T) {
	t.Parallel()
	const own = "111122223333"
	for _, tc := range []struct {
		name, stmt, typ string
		want            string
	}{
		{"organization (CTX-9)", `{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}`, "resource",
			"organization o-a1b2c3d4e5"},
		{"OU path (CTX-9)", `{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}}}`, "resource",
			"organizational unit o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"},
		{"VPC endpoint and network together", `{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":["vpce-2","vpce-1"]},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}`, "resource",
			"VPC endpoint vpce-1 or vpce-2 and network 10.0.0.0/8"},
		{"other account (PR-4)", `{"Effect":"Allow","Principal":{"AWS":["444455556666","arn:aws:iam::111122223333:root"]},"Action":"s3:GetObject","Resource":"*"}`, "resource",
			"account 444455556666"},
		{"role of another account (PR-6)", `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:role/deployer"},"Action":"sts:AssumeRole"}`, "trust",
			"principal arn:aws:iam::444455556666:role/deployer"},
		{"GitHub OIDC with its sub claim (PR-9)", `{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:org/app:*"}}}`, "trust",
			"identity provider arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com where token.actions.githubusercontent.com:sub like repo:org/app:*"},
		{"federated principal with sts:AssumeRole can never call (PR-9)", `{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRole"}`, "trust",
			""},
		{"own account only", `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Action":"sts:AssumeRole"}`, "trust",
			""},
		{"service principal", `{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}`, "trust",
			""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			typ := evaluator.PolicyResource
			if tc.typ == "trust" {
				typ = evaluator.PolicyTrust
			}
			tree, _ := evaluator.ParsePolicy([]byte(`{"Version":"2012-10-17","Statement":[`+tc.stmt+`]}`), typ)
			if tree == nil || len(tree.Statements) != 1 {
				t.Fatalf("policy did not parse")
			}
			if got := strings.Join(statementShares(&tree.Statements[0], own), "; "); got != tc.want {
				t.Errorf("shares = %q, want %q", got, tc.want)
			}
		})
	}
}

// Federated trust open to every caller of a well-known provider (issue 9,
// CTX-20, PR-9), on real plans: which roles public-access reports, by rule.
func TestFederatedOpenTrust(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		fixture string
		want    []string // address#rule of the public-access findings
	}{
		{"github_oidc", []string{"aws_iam_role.gh_any#github-oidc", "aws_iam_role.gh_open#github-oidc"}},
		// irsa-api pins :sub to one service account, irsa-payments to a namespace
		{"eks_irsa", []string{"aws_iam_role.irsa_open#eks-irsa"}},
		// cognito-open names no pool; cognito-guest no amr; cognito-auth both
		{"cognito_identity", []string{"aws_iam_role.cognito_guest#cognito-unauthenticated", "aws_iam_role.cognito_open#cognito-any-pool"}},
	} {
		t.Run(tc.fixture, func(t *testing.T) {
			t.Parallel()
			a := fixtureAnalysis(t, tc.fixture)
			var got []string
			for _, f := range a.After.exposureFindings(nil) {
				if f.rule == "public-access" {
					got = append(got, f.key)
				}
			}
			sort.Strings(got)
			testkit.Equal(t, "findings", strings.Join(got, " "), strings.Join(tc.want, " "))
		})
	}
}

func TestProviderHost(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ fed, want string }{
		{"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", "token.actions.githubusercontent.com"},
		{"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC", "oidc.eks.us-east-1.amazonaws.com/id/ABC"},
		{"cognito-identity.amazonaws.com", "cognito-identity.amazonaws.com"},
		{"arn:aws:iam::111122223333:saml-provider/okta", ""},
	} {
		t.Run(tc.fed, func(t *testing.T) {
			t.Parallel()
			testkit.Equal(t, "host", providerHost(tc.fed), tc.want)
		})
	}
}

// fixtureAnalysis analyses a real fixture plan with the fixtures' account.
func fixtureAnalysis(t *testing.T, fixture string) *Analysis {
	t.Helper()
	plan, err := tfplan.Load(testkit.FixturePlan(fixture))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Analyze(plan, AnalyzeOptions{AccountID: "111122223333"})
	if err != nil {
		t.Fatal(err)
	}
	return a
}
