package evaluator

import "testing"

// PR-9, EV-0: a web-identity or SAML caller is named by the identity
// provider a trust policy's Federated principal names. IAM User Guide,
// "AWS JSON policy elements: Principal" (federated principals): the
// Federated value is the ARN of an OIDC or SAML identity provider created
// in IAM, or one of cognito-identity.amazonaws.com, accounts.google.com,
// graph.facebook.com and www.amazon.com.
func TestParseCallerFederated(t *testing.T) {
	t.Parallel()
	eks := "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE"
	cases := []struct {
		in, action string
		want       Principal
	}{
		{oidcARN, "sts:AssumeRoleWithWebIdentity", Principal{Kind: PrincipalWebIdentity, ARN: oidcARN, Partition: "aws",
			Name: "token.actions.githubusercontent.com", FederatedProvider: oidcARN}},
		// the provider URL may carry a path (EKS: HOST/id/CLUSTER)
		{eks, "sts:AssumeRoleWithWebIdentity", Principal{Kind: PrincipalWebIdentity, ARN: eks, Partition: "aws",
			Name: "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE", FederatedProvider: eks}},
		{samlARN, "sts:AssumeRoleWithSAML", Principal{Kind: PrincipalSAML, ARN: samlARN, Partition: "aws", Name: "corp", FederatedProvider: samlARN}},
		{"arn:aws-cn:iam::111122223333:saml-provider/corp", "", Principal{Kind: PrincipalSAML, ARN: "arn:aws-cn:iam::111122223333:saml-provider/corp",
			Partition: "aws-cn", Name: "corp", FederatedProvider: "arn:aws-cn:iam::111122223333:saml-provider/corp"}},
		{"accounts.google.com", "", webIdentityCaller("accounts.google.com")},
		{"graph.facebook.com", "sts:AssumeRoleWithWebIdentity", webIdentityCaller("graph.facebook.com")},
		{"www.amazon.com", "sts:AssumeRoleWithWebIdentity", webIdentityCaller("www.amazon.com")},
		// cognito-identity.amazonaws.com is also a service principal: the
		// action tells which caller it is.
		{"cognito-identity.amazonaws.com", "sts:AssumeRoleWithWebIdentity", webIdentityCaller("cognito-identity.amazonaws.com")},
		{"cognito-identity.amazonaws.com", "sts:TagSession", webIdentityCaller("cognito-identity.amazonaws.com")},
		{"cognito-identity.amazonaws.com", "sts:AssumeRole", Principal{Kind: PrincipalService, ARN: "cognito-identity.amazonaws.com", Name: "cognito-identity.amazonaws.com"}},
		{"cognito-identity.amazonaws.com", "", Principal{Kind: PrincipalService, ARN: "cognito-identity.amazonaws.com", Name: "cognito-identity.amazonaws.com"}},
	}
	for _, c := range cases {
		t.Run(c.in+" "+c.action, func(t *testing.T) {
			t.Parallel()
			got, err := ParseCaller(c.in, c.action)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got != c.want {
				t.Errorf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
	for _, in := range []string{
		"arn:aws:iam::111122223333:oidc-provider/", "arn:aws:iam::111122223333:saml-provider",
		"arn:aws:iam::111122223333:oidc-provider/host/", "arn:aws:iam::111122223333:saml-provider/*",
		"arn:aws:iam:us-east-1:111122223333:oidc-provider/host", "Accounts.google.com",
	} {
		if p, err := ParsePrincipal(in); err == nil {
			t.Errorf("ParsePrincipal(%q) = %+v, want an error", in, p)
		}
	}
}

// EV-14, PR-9, CTX-20: a federated caller parsed from its provider is
// decided by the trust policy alone, matching Principal.Federated and the
// provider's claims as context keys.
func TestDecideFederatedCallers(t *testing.T) {
	t.Parallel()
	caller := func(provider, action string, ctx map[string]string) Request {
		p, err := ParseCaller(provider, action)
		if err != nil {
			t.Fatal(err)
		}
		r := Request{Principal: p, Action: action, Resource: targetRole}
		for k, v := range ctx {
			r.Context.Set(k, v)
		}
		return r
	}
	const gh = "token.actions.githubusercontent.com"
	ghMain := map[string]string{gh + ":aud": "sts.amazonaws.com", gh + ":sub": "repo:org/app:ref:refs/heads/main"}
	ghTrust := trustDoc(trustStmt(`{"Federated":"`+oidcARN+`"}`, "sts:AssumeRoleWithWebIdentity",
		`{"StringEquals":{"`+gh+`:aud":"sts.amazonaws.com"},"StringLike":{"`+gh+`:sub":"repo:org/app:ref:refs/heads/main"}}`))
	samlTrust := trustDoc(trustStmt(`{"Federated":"`+samlARN+`"}`, "sts:AssumeRoleWithSAML",
		`{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}`))
	cognitoTrust := trustDoc(trustStmt(`{"Federated":"cognito-identity.amazonaws.com"}`, "sts:AssumeRoleWithWebIdentity",
		`{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:pool"}}`))
	runDecide(t, []decideCase{
		// IAM User Guide, "Create a role for OpenID Connect federation":
		// the trust policy names the OIDC provider as Federated and tests
		// the provider's claims; [ICK]: "Define condition keys using the
		// name of the OIDC provider followed by the claim".
		{name: "EV-14 GitHub OIDC provider, main branch", want: Allowed,
			set: PolicySet{Resource: ghTrust, Identity: docs(pol(denyAll)), SCPs: [][]PolicyDoc{docs(pol(denyAll))}},
			req: caller(oidcARN, "sts:AssumeRoleWithWebIdentity", ghMain)},
		{name: "CTX-20 GitHub OIDC provider, other branch", want: ImplicitDeny,
			set: PolicySet{Resource: ghTrust},
			req: caller(oidcARN, "sts:AssumeRoleWithWebIdentity", map[string]string{gh + ":aud": "sts.amazonaws.com", gh + ":sub": "repo:org/app:pull_request"})},
		{name: "CTX-20 GitHub OIDC provider, claims absent", want: ImplicitDeny,
			set: PolicySet{Resource: ghTrust}, req: caller(oidcARN, "sts:AssumeRoleWithWebIdentity", nil)},
		{name: "PR-9 same host, provider of another account", want: ImplicitDeny,
			set: PolicySet{Resource: ghTrust}, req: caller("arn:aws:iam::444455556666:oidc-provider/"+gh, "sts:AssumeRoleWithWebIdentity", ghMain)},
		// IAM User Guide, "Create a role for SAML 2.0 federation": the
		// trust policy names the SAML provider ARN and tests SAML:aud.
		{name: "EV-14 SAML provider, console audience", want: Allowed,
			set: PolicySet{Resource: samlTrust}, req: caller(samlARN, "sts:AssumeRoleWithSAML", map[string]string{"saml:aud": "https://signin.aws.amazon.com/saml"})},
		{name: "CTX-20 SAML provider, other audience", want: ImplicitDeny,
			set: PolicySet{Resource: samlTrust}, req: caller(samlARN, "sts:AssumeRoleWithSAML", map[string]string{"saml:aud": "https://example.com/saml"})},
		// Service Authorization Reference, STS: AssumeRoleWithWebIdentity
		// lists the cognito-identity.amazonaws.com:amr, :aud and :sub keys.
		{name: "EV-14 Cognito identity pool", want: Allowed,
			set: PolicySet{Resource: cognitoTrust}, req: caller("cognito-identity.amazonaws.com", "sts:AssumeRoleWithWebIdentity", map[string]string{"cognito-identity.amazonaws.com:aud": "us-east-1:pool"})},
		{name: "PR-9 Cognito trust, Google caller", want: ImplicitDeny,
			set: PolicySet{Resource: cognitoTrust}, req: caller("accounts.google.com", "sts:AssumeRoleWithWebIdentity", map[string]string{"cognito-identity.amazonaws.com:aud": "us-east-1:pool"})},
		{name: "PR-9 Federated does not name the service principal of that name", want: ImplicitDeny,
			set: PolicySet{Resource: cognitoTrust}, req: rq(t, "cognito-identity.amazonaws.com", "sts:AssumeRole", targetRole)},
		{name: "EV-14 Google, TagSession is its own query", want: Allowed,
			set: PolicySet{Resource: trustDoc(`{"Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":["sts:AssumeRoleWithWebIdentity","sts:TagSession"]}`)},
			req: caller("accounts.google.com", "sts:TagSession", nil)},
	})
	for _, c := range []struct{ provider, action string }{
		{samlARN, "sts:AssumeRoleWithWebIdentity"}, // PR-9: a SAML provider goes with AssumeRoleWithSAML only
		{oidcARN, "sts:AssumeRoleWithSAML"},        // and an OIDC provider with AssumeRoleWithWebIdentity only
		{oidcARN, "sts:AssumeRole"},                // no AWS credentials to sign AssumeRole with
		{"www.amazon.com", "s3:GetObject"},
	} {
		req := caller(c.provider, c.action, nil)
		if got := Compile(PolicySet{Resource: ghTrust}, Options{}).Decide(&req); got.Decision != DecisionError {
			t.Errorf("%s %s: got %s, want error (EV-14, PR-9)", c.provider, c.action, got.Decision)
		}
	}
}
