package evaluator

import "testing"

// EV-16, EV-17, EV-18, EV-20, EV-22, PR-9, PR-11, PR-12, PR-13.
func TestDecideCallers(t *testing.T) {
	t.Parallel()
	ct := "cloudtrail.amazonaws.com"
	svcGrant := func(principal string) *PolicyDoc {
		return resDoc(pol(rpStmt("Allow", principal, "s3:PutObject")))
	}
	notPrincipal := func(names string) *PolicyDoc {
		return resDoc(pol(`{"Effect":"Deny","NotPrincipal":{"AWS":[` + names + `]},"Action":"s3:*","Resource":"*"}`))
	}
	id := docs(pol(allowAll))
	runDecide(t, []decideCase{
		// EV-16 anonymous
		{name: "EV-16 anonymous through *", want: Allowed,
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `"*"`, "s3:GetObject")))}, req: rq(t, "anonymous", "s3:GetObject", bucket)},
		{name: "EV-16 anonymous through AWS * (PR-11)", want: Allowed,
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"*"}`, "s3:GetObject")))}, req: rq(t, "*", "s3:GetObject", bucket)},
		{name: "EV-16 anonymous not matched by an account", want: ImplicitDeny,
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"`+acctA+`"}`, "s3:GetObject")))}, req: rq(t, "anonymous", "s3:GetObject", bucket)},
		{name: "EV-16 identity policies do not apply to anonymous", want: ImplicitDeny,
			set: PolicySet{Identity: id}, req: rq(t, "anonymous", "s3:GetObject", bucket)},
		{name: "EV-16 endpoint policies apply to anonymous", want: ImplicitDeny,
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `"*"`, "s3:GetObject"))), Endpoint: docs(pol(rpStmt("Allow", `"*"`, "s3:PutObject")))},
			req: rq(t, "anonymous", "s3:GetObject", bucket)},
		// EV-17 service principals
		{name: "EV-17 service principal named", want: Allowed,
			set: PolicySet{Resource: svcGrant(`{"Service":"` + ct + `"}`)}, req: rq(t, ct, "s3:PutObject", bucket)},
		{name: "EV-17 other service principal", want: ImplicitDeny,
			set: PolicySet{Resource: svcGrant(`{"Service":"config.amazonaws.com"}`)}, req: rq(t, ct, "s3:PutObject", bucket)},
		{name: "PR-9 service name differing in case: AMB-1", want: DecisionUnknown, unknown: "ambiguous:PR-9",
			set: PolicySet{Resource: svcGrant(`{"Service":"CloudTrail.amazonaws.com"}`)}, req: rq(t, ct, "s3:PutObject", bucket)},
		{name: "PR-12 * matches service principals", want: Allowed,
			set: PolicySet{Resource: svcGrant(`"*"`)}, req: rq(t, ct, "s3:PutObject", bucket)},
		{name: "PR-12 AWS * against a service principal: AMB-1", want: DecisionUnknown, unknown: "ambiguous:PR-12",
			set: PolicySet{Resource: svcGrant(`{"AWS":"*"}`)}, req: rq(t, ct, "s3:PutObject", bucket)},
		{name: "EV-17 identity policies do not apply to services", want: ImplicitDeny,
			set: PolicySet{Identity: id}, req: rq(t, ct, "s3:PutObject", bucket)},
		{name: "PR-9 Service entry does not match an IAM user", want: ImplicitDeny,
			set: PolicySet{Resource: svcGrant(`{"Service":"` + ct + `"}`)}, req: rq(t, userARN, "s3:PutObject", bucket)},
		// EV-18 root
		{name: "EV-18 root has implicit full access", want: Allowed,
			set: PolicySet{}, req: rq(t, rootARN, "iam:CreateUser", "arn:aws:iam::111122223333:user/x")},
		{name: "EV-18 bare account id is root", want: Allowed,
			set: PolicySet{}, req: rq(t, acctA, "s3:GetObject", bucket)},
		{name: "EV-18 root bound by resource-policy deny", want: ExplicitDeny,
			set: PolicySet{Resource: resDoc(pol(rpStmt("Deny", `"*"`, "s3:*")))}, req: rq(t, rootARN, "s3:GetObject", bucket)},
		{name: "EV-18 root has no boundary", want: Allowed,
			set: PolicySet{Boundaries: docs(pol(denyAll))}, req: rq(t, rootARN, "s3:GetObject", bucket)},
		// PR-13, EV-20 NotPrincipal
		{name: "PR-13 NotPrincipal lists the session fully", want: Allowed,
			set: PolicySet{Identity: id, Resource: notPrincipal(`"` + sessARN + `","` + roleARN + `","` + acctA + `"`)},
			req: rq(t, sessARN, "s3:GetObject", bucket)},
		{name: "PR-13 NotPrincipal lists the user fully", want: Allowed,
			set: PolicySet{Identity: id, Resource: notPrincipal(`"` + userARN + `","` + rootARN + `"`)}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "PR-13 NotPrincipal does not list the caller", want: ExplicitDeny,
			set: PolicySet{Identity: id, Resource: notPrincipal(`"` + userB + `"`)}, req: rq(t, userARN, "s3:GetObject", bucket)},
		// [NP]: with the session, its role and its account listed, "all principals
		// *except* the assumed-role user named cross-account-audit-app ... are
		// explicitly denied access": another session of the same role is denied.
		{name: "PR-13 NotPrincipal lists another session, its role and account: denied", want: ExplicitDeny,
			set: PolicySet{Identity: id, Resource: notPrincipal(`"arn:aws:sts::111122223333:assumed-role/app/other","` + roleARN + `","` + acctA + `"`)},
			req: rq(t, sessARN, "s3:GetObject", bucket)},
		{name: "PR-13 NotPrincipal lists the role only: the session is not named, denied", want: ExplicitDeny,
			set: PolicySet{Identity: id, Resource: notPrincipal(`"` + roleARN + `"`)}, req: rq(t, sessARN, "s3:GetObject", bucket)},
		// [NP]: "If the NotPrincipal element was missing the ARN of the role, the
		// effect of the policy might be to explicitly deny access to the role":
		// not settled, AMB-1.
		{name: "PR-13 NotPrincipal lists the session and account, not the role: AMB-1", want: DecisionUnknown, unknown: "ambiguous:PR-13",
			set: PolicySet{Identity: id, Resource: notPrincipal(`"` + sessARN + `","` + acctA + `"`)}, req: rq(t, sessARN, "s3:GetObject", bucket)},
		{name: "EV-20 NotPrincipal deny always denies a principal with a PB", want: ExplicitDeny,
			set: PolicySet{Identity: id, Boundaries: docs(pol(allowAll)), Resource: notPrincipal(`"` + sessARN + `","` + roleARN + `","` + acctA + `"`)},
			req: rq(t, sessARN, "s3:GetObject", bucket)},
		// EV-22
		{name: "EV-22 GetCallerIdentity under a deny", want: Allowed,
			set: PolicySet{Identity: docs(pol(denyAll)), SCPs: [][]PolicyDoc{docs(pol(denyAll))}}, req: rq(t, userARN, "sts:GetCallerIdentity", "*")},
		// PR-8 unique ids
		{name: "PR-8 unique id without a model id is unknown", want: DecisionUnknown, unknown: "principal:PR-8",
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"AIDAEXAMPLEID1234567"}`, "s3:*")))}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "PR-8 unique id of a role for a user does not match", want: ImplicitDeny,
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"AROAEXAMPLEID1234567"}`, "s3:*")))}, req: rq(t, userARN, "s3:GetObject", bucket)},
		// PR-7 session of a role ARN caller
		{name: "PR-7 session ARN against a role ARN caller is unknown", want: DecisionUnknown, unknown: "principal:session-name",
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"`+sessARN+`"}`, "s3:*")))}, req: rq(t, roleARN, "s3:GetObject", bucket)},
	})
}

// PR-8 with a modelled unique id, PR-5 parent users.
func TestDecidePrincipalModel(t *testing.T) {
	t.Parallel()
	withID := rq(t, userARN, "s3:GetObject", bucket)
	withID.Principal.UniqueID = "AIDAEXAMPLEID1234567"
	fed := rq(t, fedARN, "s3:GetObject", bucket)
	fed.Principal.ParentUserARN = userARN
	grantUser := resDoc(pol(rpStmt("Allow", `{"AWS":"`+userARN+`"}`, "s3:*")))
	runDecide(t, []decideCase{
		{name: "PR-8 unique id matches the model", want: Allowed,
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"AIDAEXAMPLEID1234567"}`, "s3:*")))}, req: withID},
		{name: "PR-8 other unique id", want: ImplicitDeny,
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"AIDAOTHER0000000000X"}`, "s3:*")))}, req: withID},
		{name: "PR-5 PARENT-USER grant needs the session policy", want: ImplicitDeny,
			set: PolicySet{Resource: grantUser}, req: fed},
		{name: "PR-5 PARENT-USER grant with an allowing session policy", want: Allowed,
			set: PolicySet{Resource: grantUser, Session: docs(pol(allowS3All))}, req: fed},
		{name: "PR-5 parent never inferred from a name", want: ImplicitDeny,
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"arn:aws:iam::111122223333:user/bob"}`, "s3:*"))), Session: docs(pol(allowS3All))},
			req: rq(t, fedARN, "s3:GetObject", bucket)},
	})
}
