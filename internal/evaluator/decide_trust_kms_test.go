package evaluator

import "testing"

const (
	targetRole = "arn:aws:iam::111122223333:role/target"
	keyARN     = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	oidcARN    = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
	samlARN    = "arn:aws:iam::111122223333:saml-provider/corp"
)

func trustDoc(stmts ...string) *PolicyDoc { return resDoc(pol(stmts...)) }

func trustStmt(principal, action string, cond string) string {
	s := `{"Effect":"Allow","Principal":` + principal + `,"Action":"` + action + `"`
	if cond != "" {
		s += `,"Condition":` + cond
	}
	return s + "}"
}

// EV-9, EV-14: trust policies must allow the caller.
func TestDecideTrustPolicies(t *testing.T) {
	t.Parallel()
	web := Request{Principal: Principal{Kind: PrincipalWebIdentity, ARN: "web", FederatedProvider: oidcARN},
		Action: "sts:AssumeRoleWithWebIdentity", Resource: targetRole}
	web.Context.Set("token.actions.githubusercontent.com:sub", "repo:org/app:ref:refs/heads/main")
	webOther := web
	webOther.Context = Context{}
	webOther.Context.Set("token.actions.githubusercontent.com:sub", "repo:evil/app:ref:refs/heads/main")
	saml := Request{Principal: Principal{Kind: PrincipalSAML, ARN: "saml", FederatedProvider: samlARN},
		Action: "sts:AssumeRoleWithSAML", Resource: targetRole}
	oidcTrust := trustDoc(trustStmt(`{"Federated":"`+oidcARN+`"}`, "sts:AssumeRoleWithWebIdentity",
		`{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:org/app:*"}}`))
	runDecide(t, []decideCase{
		{name: "EV-9 trust names the user: no identity policy needed", want: Allowed,
			set: PolicySet{Resource: trustDoc(trustStmt(`{"AWS":"`+userARN+`"}`, "sts:AssumeRole", ""))},
			req: rq(t, userARN, "sts:AssumeRole", targetRole)},
		{name: "EV-9 trust names the account: identity allow needed", want: ImplicitDeny, blocked: []string{BlockedByIdentity},
			set: PolicySet{Resource: trustDoc(trustStmt(`{"AWS":"`+rootARN+`"}`, "sts:AssumeRole", ""))},
			req: rq(t, userARN, "sts:AssumeRole", targetRole)},
		{name: "EV-9 trust names the account, identity allows", want: Allowed,
			set: PolicySet{Identity: docs(pol(allowAll)), Resource: trustDoc(trustStmt(`{"AWS":"`+acctA+`"}`, "sts:AssumeRole", ""))},
			req: rq(t, userARN, "sts:AssumeRole", targetRole)},
		{name: "EV-9 identity allow alone never suffices", want: ImplicitDeny, blocked: []string{BlockedByResource},
			set: PolicySet{Identity: docs(pol(allowAll)), Resource: trustDoc(trustStmt(`{"AWS":"`+roleARN+`"}`, "sts:AssumeRole", ""))},
			req: rq(t, userARN, "sts:AssumeRole", targetRole)},
		{name: "EV-9 role session named by its role, PB limits", want: ImplicitDeny,
			set: PolicySet{Boundaries: docs(pol(allowEC2All)), Resource: trustDoc(trustStmt(`{"AWS":"`+roleARN+`"}`, "sts:AssumeRole", ""))},
			req: rq(t, sessARN, "sts:AssumeRole", targetRole)},
		{name: "EV-14 cross-account AssumeRole", want: Allowed,
			set: PolicySet{Identity: docs(pol(allowAll)), Resource: trustDoc(trustStmt(`{"AWS":"`+acctB+`"}`, "sts:AssumeRole", ""))},
			req: rq(t, userB, "sts:AssumeRole", targetRole)},
		{name: "EV-14 cross-account AssumeRole without identity allow", want: ImplicitDeny,
			set: PolicySet{Resource: trustDoc(trustStmt(`{"AWS":"`+userB+`"}`, "sts:AssumeRole", ""))},
			req: rq(t, userB, "sts:AssumeRole", targetRole)},
		{name: "EV-14 TagSession is its own query", want: ImplicitDeny,
			set: PolicySet{Resource: trustDoc(trustStmt(`{"AWS":"`+userARN+`"}`, "sts:AssumeRole", ""))},
			req: rq(t, userARN, "sts:TagSession", targetRole)},
		{name: "EV-14 TagSession allowed by trust", want: Allowed,
			set: PolicySet{Resource: trustDoc(`{"Effect":"Allow","Principal":{"AWS":"` + userARN + `"},"Action":["sts:AssumeRole","sts:TagSession"]}`)},
			req: rq(t, userARN, "sts:TagSession", targetRole)},
		{name: "EV-14 web identity matches Federated", want: Allowed,
			set: PolicySet{Resource: oidcTrust, SCPs: [][]PolicyDoc{docs(pol(denyAll))}, Identity: docs(pol(denyAll))}, req: web},
		{name: "EV-14 web identity with other sub", want: ImplicitDeny,
			set: PolicySet{Resource: oidcTrust}, req: webOther},
		{name: "EV-14 web identity, other provider", want: ImplicitDeny,
			set: PolicySet{Resource: trustDoc(trustStmt(`{"Federated":"accounts.google.com"}`, "sts:AssumeRoleWithWebIdentity", ""))}, req: web},
		{name: "EV-14 SAML matches Federated", want: Allowed,
			set: PolicySet{Resource: trustDoc(trustStmt(`{"Federated":"`+samlARN+`"}`, "sts:AssumeRoleWithSAML", ""))}, req: saml},
		{name: "EV-14 RCPs apply to web identity", want: ExplicitDeny,
			set: PolicySet{Resource: oidcTrust, RCPs: [][]PolicyDoc{docs(pol(`{"Effect":"Deny","Principal":"*","Action":"sts:*","Resource":"*"}`))}}, req: web},
		{name: "EV-9 role without a trust policy", want: ImplicitDeny, note: "no-trust-policy-given",
			set: PolicySet{Identity: docs(pol(allowAll))}, req: rq(t, userARN, "sts:AssumeRole", targetRole)},
	})
}

// EV-9, EV-15: KMS key policies must allow; grants are not modelled.
func TestDecideKMS(t *testing.T) {
	t.Parallel()
	rootKP := resDoc(pol(rpStmt("Allow", `{"AWS":"`+rootARN+`"}`, "kms:*")))
	grants := rq(t, userARN, "kms:Decrypt", keyARN)
	grants.UnknownKMSGrants = true
	runDecide(t, []decideCase{
		{name: "EV-9 key policy enables IAM, identity allows", want: Allowed, note: "kms-grants-not-modelled",
			set: PolicySet{Identity: docs(pol(allowAll)), Resource: rootKP}, req: rq(t, userARN, "kms:Decrypt", keyARN)},
		{name: "EV-9 key policy enables IAM, no identity allow", want: ImplicitDeny,
			set: PolicySet{Resource: rootKP}, req: rq(t, userARN, "kms:Decrypt", keyARN)},
		{name: "EV-9 key policy names another role only", want: ImplicitDeny,
			set: PolicySet{Identity: docs(pol(allowAll)), Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"`+roleARN+`"}`, "kms:*")))},
			req: rq(t, userARN, "kms:Decrypt", keyARN)},
		{name: "EV-9 key policy names the user", want: Allowed,
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"`+userARN+`"}`, "kms:Decrypt")))}, req: rq(t, userARN, "kms:Decrypt", keyARN)},
		{name: "EV-18 root needs the key policy too", want: ImplicitDeny,
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"`+userARN+`"}`, "kms:*")))}, req: rq(t, rootARN, "kms:Decrypt", keyARN)},
		{name: "EV-18 root with key policy naming the account", want: Allowed,
			set: PolicySet{Resource: rootKP}, req: rq(t, rootARN, "kms:Decrypt", keyARN)},
		{name: "EV-9 key without a key policy: identity allow alone never suffices", want: ImplicitDeny, note: "no-key-policy-given",
			set: PolicySet{Identity: docs(pol(allowAll))}, req: rq(t, userARN, "kms:Decrypt", keyARN)},
		{name: "EV-9 key policy deny beats IAM", want: ExplicitDeny,
			set: PolicySet{Identity: docs(pol(allowAll)), Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"`+rootARN+`"}`, "kms:*"), rpStmt("Deny", `"*"`, "kms:Decrypt")))},
			req: rq(t, userARN, "kms:Decrypt", keyARN)},
		{name: "EV-15 unknown grants make an allow unknown", want: DecisionUnknown, unknown: "kms-grants",
			set: PolicySet{Identity: docs(pol(allowAll)), Resource: rootKP}, req: grants},
		{name: "EV-15 unknown grants make an implicit deny unknown", want: DecisionUnknown, possible: []Decision{ImplicitDeny, Allowed},
			set: PolicySet{Resource: rootKP}, req: grants},
		{name: "EV-15 unknown grants keep an explicit deny", want: ExplicitDeny,
			set: PolicySet{Identity: docs(pol(denyAll)), Resource: rootKP}, req: grants},
		{name: "EV-9 KMS alias is not a key: identity allow suffices", want: Allowed,
			set: PolicySet{Identity: docs(pol(allowAll))}, req: rq(t, userARN, "kms:CreateAlias", "arn:aws:kms:us-east-1:111122223333:alias/x")},
	})
}
