package analysis

import (
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
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
