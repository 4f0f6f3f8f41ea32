package evaluator

import "testing"

// EV-1, EV-3: statement matching and explicit deny first.
func TestDecideIdentityBasics(t *testing.T) {
	t.Parallel()
	runDecide(t, []decideCase{
		{name: "EV-1 allow applies", want: Allowed,
			set: PolicySet{Identity: docs(pol(allowS3Get))}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-1 action case-insensitive (AC-1)", want: Allowed,
			set: PolicySet{Identity: docs(pol(allowS3Get))}, req: rq(t, userARN, "S3:getobject", bucket)},
		{name: "EV-1 other action implicit deny", want: ImplicitDeny,
			set: PolicySet{Identity: docs(pol(allowS3Get))}, req: rq(t, userARN, "s3:PutObject", bucket)},
		{name: "EV-1 no policies implicit deny", want: ImplicitDeny,
			set: PolicySet{}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-1 NotAction allow covers other services (AC-3)", want: Allowed,
			set: PolicySet{Identity: docs(pol(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`))},
			req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-1 NotAction allow excludes listed", want: ImplicitDeny,
			set: PolicySet{Identity: docs(pol(`{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}`))},
			req: rq(t, userARN, "iam:CreateUser", "arn:aws:iam::111122223333:user/x")},
		{name: "EV-1 resource mismatch", want: ImplicitDeny,
			set: PolicySet{Identity: docs(pol(`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::other/*"}`))},
			req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-1 NotResource allow", want: Allowed,
			set: PolicySet{Identity: docs(pol(`{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::other/*"}`))},
			req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-1 condition true", want: Allowed,
			set: PolicySet{Identity: docs(pol(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}`))},
			req: rq(t, userARN, "s3:GetObject", bucket, "aws:RequestedRegion", "eu-west-1")},
		{name: "EV-1 condition key missing (CO-3)", want: ImplicitDeny,
			set: PolicySet{Identity: docs(pol(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}`))},
			req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-3 deny beats allow in same policy", want: ExplicitDeny,
			set: PolicySet{Identity: docs(pol(allowAll, `{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}`))},
			req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-3 deny in another identity policy", want: ExplicitDeny,
			set: PolicySet{Identity: docs(pol(allowAll), pol(`{"Effect":"Deny","Action":"s3:*","Resource":"*"}`))},
			req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-3 deny in resource policy beats identity allow", want: ExplicitDeny,
			set: PolicySet{Identity: docs(pol(allowAll)), Resource: resDoc(pol(rpStmt("Deny", `"*"`, "s3:*")))},
			req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-3 deny in boundary", want: ExplicitDeny,
			set: PolicySet{Identity: docs(pol(allowAll)), Boundaries: docs(pol(allowAll, `{"Effect":"Deny","Action":"s3:*","Resource":"*"}`))},
			req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-3 deny in session policy", want: ExplicitDeny,
			set: PolicySet{Identity: docs(pol(allowAll)), Session: docs(pol(allowAll, `{"Effect":"Deny","Action":"s3:*","Resource":"*"}`))},
			req: rq(t, sessARN, "s3:GetObject", bucket)},
	})
}

// EV-7, EV-8: same-account grants by principal kind, with and without a
// permissions boundary (EV-12) and session policies (EV-11, EV-13).
func TestDecideSameAccountKinds(t *testing.T) {
	t.Parallel()
	pbEC2 := docs(pol(allowEC2All)) // a boundary that does not allow s3
	spEC2 := docs(pol(allowEC2All)) // a session policy that does not allow s3
	grant := func(principal string) *PolicyDoc {
		return resDoc(pol(rpStmt("Allow", principal, "s3:GetObject")))
	}
	starArn := resDoc(pol(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/*"}}}`))
	runDecide(t, []decideCase{
		// USER
		{name: "EV-8 USER grant alone", want: Allowed,
			set: PolicySet{Resource: grant(`{"AWS":"` + userARN + `"}`)}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-8 USER grant skips PB", want: Allowed,
			set: PolicySet{Resource: grant(`{"AWS":"` + userARN + `"}`), Boundaries: pbEC2}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-8 USER grant does not skip PB deny (EV-3)", want: ExplicitDeny,
			set: PolicySet{Resource: grant(`{"AWS":"` + userARN + `"}`), Boundaries: docs(pol(denyAll))}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-8 other user grant", want: ImplicitDeny,
			set: PolicySet{Resource: grant(`{"AWS":"arn:aws:iam::111122223333:user/Alice"}`)}, req: rq(t, userARN, "s3:GetObject", bucket)},
		// ACCOUNT
		{name: "EV-8 ACCOUNT grant alone delegates only", want: ImplicitDeny,
			set: PolicySet{Resource: grant(`{"AWS":"` + acctA + `"}`)}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-8 ACCOUNT grant with identity allow", want: Allowed,
			set: PolicySet{Resource: grant(`{"AWS":"` + rootARN + `"}`), Identity: docs(pol(allowS3Get))}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-7 identity allow, PB does not allow", want: ImplicitDeny, blocked: []string{BlockedByBoundary},
			set: PolicySet{Identity: docs(pol(allowS3Get)), Boundaries: pbEC2}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-7 identity allow, PB allows", want: Allowed,
			set: PolicySet{Identity: docs(pol(allowS3Get)), Boundaries: docs(pol(allowS3All))}, req: rq(t, userARN, "s3:GetObject", bucket)},
		// SESSION
		{name: "EV-8 SESSION grant skips PB and session policy", want: Allowed,
			set: PolicySet{Resource: grant(`{"AWS":"` + sessARN + `"}`), Boundaries: pbEC2, Session: spEC2}, req: rq(t, sessARN, "s3:GetObject", bucket)},
		{name: "EV-8 SESSION grant of another session", want: ImplicitDeny,
			set: PolicySet{Resource: grant(`{"AWS":"arn:aws:sts::111122223333:assumed-role/app/s2"}`)}, req: rq(t, sessARN, "s3:GetObject", bucket)},
		{name: "EV-8 SESSION grant names the federated user", want: Allowed,
			set: PolicySet{Resource: grant(`{"AWS":"` + fedARN + `"}`)}, req: rq(t, fedARN, "s3:GetObject", bucket)},
		// ROLE
		{name: "EV-8 ROLE grant without PB or session policy", want: Allowed,
			set: PolicySet{Resource: grant(`{"AWS":"` + roleARN + `"}`)}, req: rq(t, sessARN, "s3:GetObject", bucket)},
		{name: "EV-8 ROLE grant limited by PB", want: ImplicitDeny, blocked: []string{BlockedByBoundary},
			set: PolicySet{Resource: grant(`{"AWS":"` + roleARN + `"}`), Boundaries: pbEC2}, req: rq(t, sessARN, "s3:GetObject", bucket)},
		{name: "EV-8 ROLE grant limited by session policy (EV-11)", want: ImplicitDeny, blocked: []string{BlockedBySession},
			set: PolicySet{Resource: grant(`{"AWS":"` + roleARN + `"}`), Session: spEC2}, req: rq(t, sessARN, "s3:GetObject", bucket)},
		{name: "EV-8 ROLE grant with allowing PB and session policy", want: Allowed,
			set: PolicySet{Resource: grant(`{"AWS":"` + roleARN + `"}`), Boundaries: docs(pol(allowS3All)), Session: docs(pol(allowS3All))},
			req: rq(t, sessARN, "s3:GetObject", bucket)},
		{name: "EV-8 ROLE grant for a role-ARN caller", want: Allowed,
			set: PolicySet{Resource: grant(`{"AWS":"` + roleARN + `"}`)}, req: rq(t, roleARN, "s3:GetObject", bucket)},
		// STAR
		{name: "EV-8 STAR grant without PB", want: Allowed,
			set: PolicySet{Resource: grant(`"*"`)}, req: rq(t, sessARN, "s3:GetObject", bucket)},
		{name: "EV-8 AWS-star grant without PB (PR-11)", want: Allowed,
			set: PolicySet{Resource: grant(`{"AWS":"*"}`)}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-8 STAR grant with PB that does not allow: AMB-1", want: DecisionUnknown, unknown: "ambiguous:EV-8",
			set: PolicySet{Resource: grant(`"*"`), Boundaries: pbEC2}, req: rq(t, sessARN, "s3:GetObject", bucket)},
		{name: "EV-8 STAR grant with session policy that does not allow: AMB-1", want: DecisionUnknown, unknown: "ambiguous:EV-8",
			set: PolicySet{Resource: grant(`"*"`), Session: spEC2}, req: rq(t, sessARN, "s3:GetObject", bucket)},
		{name: "EV-8 STAR grant with PB that allows", want: Allowed,
			set: PolicySet{Resource: grant(`"*"`), Boundaries: docs(pol(allowS3All))}, req: rq(t, sessARN, "s3:GetObject", bucket)},
		{name: "EV-8 STAR grant with aws:PrincipalArn condition skips PB", want: Allowed,
			set: PolicySet{Resource: starArn, Boundaries: pbEC2, Session: spEC2}, req: rq(t, sessARN, "s3:GetObject", bucket)},
		// Federated users
		{name: "EV-13 federated user without session policy", want: ImplicitDeny,
			set: PolicySet{Identity: docs(pol(allowS3Get))}, req: rq(t, fedARN, "s3:GetObject", bucket)},
		{name: "EV-13 federated user with session policy", want: Allowed,
			set: PolicySet{Identity: docs(pol(allowS3Get)), Session: docs(pol(allowS3All))}, req: rq(t, fedARN, "s3:GetObject", bucket)},
		{name: "EV-13 federated user session policy without identity", want: ImplicitDeny,
			set: PolicySet{Session: docs(pol(allowS3All))}, req: rq(t, fedARN, "s3:GetObject", bucket)},
		{name: "EV-11 role session, session policy does not allow", want: ImplicitDeny, blocked: []string{BlockedBySession},
			set: PolicySet{Identity: docs(pol(allowAll)), Session: spEC2}, req: rq(t, sessARN, "s3:GetObject", bucket)},
		{name: "EV-11 role session, empty session policy set with HasSession", want: ImplicitDeny,
			set: PolicySet{Identity: docs(pol(allowAll)), HasSession: true}, req: rq(t, sessARN, "s3:GetObject", bucket)},
		{name: "EV-11 role session, session policy alone does not grant", want: ImplicitDeny,
			set: PolicySet{Session: docs(pol(allowAll))}, req: rq(t, sessARN, "s3:GetObject", bucket)},
		{name: "EV-11 session policies are a union", want: Allowed,
			set: PolicySet{Identity: docs(pol(allowAll)), Session: docs(pol(allowEC2All), pol(allowS3Get))}, req: rq(t, sessARN, "s3:GetObject", bucket)},
		{name: "EV-12 several boundary documents read as one", want: Allowed,
			set: PolicySet{Identity: docs(pol(allowAll)), Boundaries: docs(pol(allowEC2All), pol(allowS3Get))}, req: rq(t, sessARN, "s3:GetObject", bucket)},
		{name: "EV-12 user session policy ignored for IAM users", want: Allowed,
			set: PolicySet{Identity: docs(pol(allowAll)), Session: spEC2}, req: rq(t, userARN, "s3:GetObject", bucket)},
	})
}

// EV-10: cross-account calls need both sides.
func TestDecideCrossAccount(t *testing.T) {
	t.Parallel()
	grant := func(principal string) *PolicyDoc {
		return resDoc(pol(rpStmt("Allow", principal, "s3:GetObject")))
	}
	runDecide(t, []decideCase{
		{name: "EV-10 both sides allow (ACCOUNT)", want: Allowed,
			set: PolicySet{Identity: docs(pol(allowS3Get)), Resource: grant(`{"AWS":"` + acctB + `"}`)},
			req: withRA(rq(t, userB, "s3:GetObject", bucket), acctA)},
		{name: "EV-10 no resource policy", want: ImplicitDeny, blocked: []string{BlockedByResource},
			set: PolicySet{Identity: docs(pol(allowS3Get))}, req: withRA(rq(t, userB, "s3:GetObject", bucket), acctA)},
		{name: "EV-10 resource policy names the user but no identity allow", want: ImplicitDeny, blocked: []string{BlockedByIdentity},
			set: PolicySet{Resource: grant(`{"AWS":"` + userB + `"}`)}, req: withRA(rq(t, userB, "s3:GetObject", bucket), acctA)},
		{name: "EV-10 SESSION grant does not skip PB across accounts", want: ImplicitDeny,
			set: PolicySet{Identity: docs(pol(allowS3Get)), Boundaries: docs(pol(allowEC2All)), Resource: grant(`{"AWS":"` + sessB + `"}`)},
			req: withRA(rq(t, sessB, "s3:GetObject", bucket), acctA)},
		{name: "EV-10 STAR grant with identity allow", want: Allowed,
			set: PolicySet{Identity: docs(pol(allowS3Get)), Resource: grant(`"*"`)}, req: withRA(rq(t, sessB, "s3:GetObject", bucket), acctA)},
		{name: "EV-10 grant to another account", want: ImplicitDeny,
			set: PolicySet{Identity: docs(pol(allowS3Get)), Resource: grant(`{"AWS":"` + acctA + `"}`)},
			req: withRA(rq(t, userB, "s3:GetObject", bucket), acctA)},
		{name: "EV-10 resource account from the ARN", want: ImplicitDeny,
			set: PolicySet{Identity: docs(pol(allowAll))}, req: rq(t, userB, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q")},
		{name: "EV-7 resource account defaults to the caller's", want: Allowed,
			set: PolicySet{Identity: docs(pol(allowAll))}, req: rq(t, userB, "s3:GetObject", bucket)},
		{name: "EV-18 root cross-account needs the resource side", want: Allowed,
			set: PolicySet{Resource: grant(`{"AWS":"` + acctB + `"}`)}, req: withRA(rq(t, acctB, "s3:GetObject", bucket), acctA)},
	})
}

// RS-1 with an implied resource: an ECR repository policy has no Resource
// element and applies to the repository it is attached to
// (PolicyDoc.ImpliedResource / Options.ImpliedResource).
func TestDecideImpliedResource(t *testing.T) {
	t.Parallel()
	repo := "arn:aws:ecr:us-east-1:" + acctA + ":repository/images"
	ecrJSON := pol(`{"Sid":"PartnerPull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + acctB + `:root"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}`)
	ecrDeny := pol(`{"Effect":"Deny","Principal":"*","Action":"ecr:DeleteRepository"}`)
	implied := func(json string) *PolicyDoc { return &PolicyDoc{JSON: []byte(json), ImpliedResource: true} }
	idB := docs(pol(`{"Effect":"Allow","Action":"ecr:*","Resource":"*"}`))
	runDecide(t, []decideCase{
		{name: "RS-1 ECR policy without Resource grants cross-account pull", want: Allowed,
			set: PolicySet{Identity: idB, Resource: implied(ecrJSON)}, req: rq(t, userB, "ecr:BatchGetImage", repo)},
		{name: "RS-1 ECR policy without Resource, action not listed", want: ImplicitDeny,
			set: PolicySet{Identity: idB, Resource: implied(ecrJSON)}, req: rq(t, userB, "ecr:PutImage", repo)},
		{name: "RS-1 ECR policy without Resource denies in the same account", want: ExplicitDeny,
			set: PolicySet{Identity: docs(pol(allowAll)), Resource: implied(ecrDeny)}, req: rq(t, userARN, "ecr:DeleteRepository", repo)},
		{name: "RS-1 ECR policy through Options.ImpliedResource", want: Allowed, opts: Options{ImpliedResource: true},
			set: PolicySet{Identity: idB, Resource: resDoc(ecrJSON)}, req: rq(t, userB, "ecr:BatchGetImage", repo)},
		{name: "RS-1 without the flag the document is invalid (GR-4): error", want: DecisionError,
			set: PolicySet{Identity: idB, Resource: resDoc(ecrJSON)}, req: rq(t, userB, "ecr:BatchGetImage", repo)},
	})
	// WithResource: the flag travels with the document.
	c := Compile(PolicySet{Identity: idB}, Options{}).WithResource(implied(ecrJSON))
	req := rq(t, userB, "ecr:BatchGetImage", repo)
	if got := c.Decide(&req); got.Decision != Allowed {
		t.Errorf("WithResource(implied ECR policy): %v, want allowed", got.Decision)
	}
}
