package evaluator_test

import (
	"fmt"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Compile a policy set once, then decide many requests against it.
func ExampleCompile() {
	set := evaluator.Compile(evaluator.PolicySet{
		Identity: []evaluator.PolicyDoc{{Name: "read", JSON: []byte(`{
			"Version": "2012-10-17",
			"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]
		}`)}},
	}, evaluator.Options{})
	p, _ := evaluator.ParsePrincipal("arn:aws:iam::111122223333:user/alice")
	for _, key := range []string{"arn:aws:s3:::reports/q1.csv", "arn:aws:s3:::payroll/q1.csv"} {
		req := evaluator.Request{Principal: p, Action: "s3:GetObject", Resource: key}
		fmt.Println(key, set.Decide(&req).Decision)
	}
	// Output:
	// arn:aws:s3:::reports/q1.csv allowed
	// arn:aws:s3:::payroll/q1.csv implicitDeny
}

// A role session in a member account: the SCP stack blocks what the
// identity policy grants, and Explain says why.
func ExampleCompiledSet_Decide() {
	set := evaluator.Compile(evaluator.PolicySet{
		Identity: []evaluator.PolicyDoc{{Name: "admin", JSON: []byte(`{"Version":"2012-10-17",
			"Statement":[{"Sid":"All","Effect":"Allow","Action":"*","Resource":"*"}]}`)}},
		SCPs: [][]evaluator.PolicyDoc{
			{{Name: "FullAWSAccess", JSON: []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)}},
			{{Name: "NoIAM", JSON: []byte(`{"Version":"2012-10-17","Statement":[{"Sid":"OnlyS3","Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)}},
		},
	}, evaluator.Options{})
	p, _ := evaluator.ParsePrincipal("arn:aws:sts::111122223333:assumed-role/ops/alice")
	req := evaluator.Request{Principal: p, Action: "iam:CreateUser", Resource: "arn:aws:iam::111122223333:user/bob"}
	res := set.Decide(&req)
	fmt.Print(evaluator.Explain(&req, &res))
	// Output:
	// arn:aws:sts::111122223333:assumed-role/ops/alice iam:CreateUser on arn:aws:iam::111122223333:user/bob: implicitDeny
	//   allowed by admin#All [identity]
	//   allowed by FullAWSAccess#1 [scp level 0]
	//   blocked by: scp
}

// An unknown document (known only after apply) never yields a definite allow.
func ExampleCompiledSet_Decide_unknown() {
	set := evaluator.Compile(evaluator.PolicySet{
		Identity: []evaluator.PolicyDoc{{Unknown: &evaluator.Unknown{Reason: "aws_iam_policy.app.policy"}}},
	}, evaluator.Options{})
	p, _ := evaluator.ParsePrincipal("arn:aws:iam::111122223333:user/alice")
	req := evaluator.Request{Principal: p, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"}
	res := set.Decide(&req)
	fmt.Println(res.Decision, res.Possible, res.Unknowns)
	// Output:
	// unknown [allowed explicitDeny implicitDeny] [aws_iam_policy.app.policy]
}

// A GitHub Actions workflow assumes a role with its OIDC token: the caller
// is named by its identity provider, the token's claims are context keys,
// and only the trust policy decides (EV-14, PR-9, CTX-20).
func ExampleParseCaller() {
	trust := evaluator.PolicyDoc{Name: "trust", JSON: []byte(`{"Version":"2012-10-17","Statement":[{
		"Effect":"Allow",
		"Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
		"Action":"sts:AssumeRoleWithWebIdentity",
		"Condition":{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:example-org/app:ref:refs/heads/main"}}}]}`)}
	set := evaluator.Compile(evaluator.PolicySet{Resource: &trust}, evaluator.Options{})
	const action = "sts:AssumeRoleWithWebIdentity"
	p, _ := evaluator.ParseCaller("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", action)
	for _, sub := range []string{"repo:example-org/app:ref:refs/heads/main", "repo:example-org/app:pull_request"} {
		req := evaluator.Request{Principal: p, Action: action, Resource: "arn:aws:iam::111122223333:role/deploy"}
		req.Context.Set("token.actions.githubusercontent.com:sub", sub)
		fmt.Println(p.Kind, sub, set.Decide(&req).Decision)
	}
	// Output:
	// web-identity repo:example-org/app:ref:refs/heads/main allowed
	// web-identity repo:example-org/app:pull_request implicitDeny
}
