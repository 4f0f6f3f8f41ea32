package evaluator

import "testing"

// PT-2, PT-5, PT-6, GR-2: three-valued decisions.
func TestDecideUnknowns(t *testing.T) {
	t.Parallel()
	id := docs(pol(allowAll))
	unknownRA := rq(t, userARN, "s3:GetObject", bucket)
	unknownRA.ResourceAccountUnknown = &Unknown{Reason: "aws_s3_bucket.b.account"}
	unknownCaller := Request{Principal: Principal{Kind: PrincipalUser, Account: acctA, Partition: "aws",
		Unknown: &Unknown{Reason: "aws_iam_user.u.arn"}}, Action: "s3:GetObject", Resource: bucket}
	unknownCtx := rq(t, userARN, "s3:GetObject", bucket)
	unknownCtx.Context.SetUnknown("aws:RequestedRegion", Unknown{Reason: "var.region"})
	condAllow := pol(`{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}`)
	condDeny := pol(allowAll, `{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}`)
	runDecide(t, []decideCase{
		// PT-5 unknown documents
		{name: "PT-5 unknown identity policy", want: DecisionUnknown, unknown: "aws_iam_policy.p",
			possible: []Decision{Allowed, ExplicitDeny, ImplicitDeny},
			set:      PolicySet{Identity: []PolicyDoc{unknownDoc("aws_iam_policy.p")}}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "PT-3 definite deny wins over an unknown document", want: ExplicitDeny,
			set: PolicySet{Identity: []PolicyDoc{unknownDoc("x"), doc("d", pol(denyAll))}}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "PT-5 unknown boundary cannot grant", want: ImplicitDeny, possible: []Decision{ImplicitDeny, ExplicitDeny},
			set: PolicySet{Boundaries: []PolicyDoc{unknownDoc("pb")}}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "PT-5 unknown boundary with identity allow", want: DecisionUnknown,
			set: PolicySet{Identity: id, Boundaries: []PolicyDoc{unknownDoc("pb")}}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "PT-5 unknown SCP with identity allow", want: DecisionUnknown,
			set: PolicySet{Identity: id, SCPs: [][]PolicyDoc{{unknownDoc("scp")}}}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "PT-5 unknown RCP with identity allow", want: DecisionUnknown, possible: []Decision{Allowed, ExplicitDeny},
			set: PolicySet{Identity: id, RCPs: [][]PolicyDoc{{unknownDoc("rcp")}}}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "PT-5 unknown resource policy, identity allows", want: DecisionUnknown, possible: []Decision{Allowed, ExplicitDeny},
			set: PolicySet{Identity: id, Resource: &PolicyDoc{Unknown: &Unknown{Reason: "bp"}}}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "PT-5 unknown session policy", want: ImplicitDeny, possible: []Decision{ImplicitDeny, ExplicitDeny},
			set: PolicySet{Session: []PolicyDoc{unknownDoc("sp")}}, req: rq(t, sessARN, "s3:GetObject", bucket)},
		// PT-6 unknown relationships
		{name: "PT-6 unknown resource account, identity allows", want: DecisionUnknown, unknown: "aws_s3_bucket.b.account",
			set: PolicySet{Identity: id}, req: unknownRA},
		{name: "PT-6 unknown resource account, both branches allow", want: Allowed,
			set: PolicySet{Identity: id, Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"`+acctA+`"}`, "s3:*")))}, req: unknownRA},
		{name: "PT-6 unknown caller ARN against a user grant", want: DecisionUnknown, unknown: "aws_iam_user.u.arn",
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"`+userARN+`"}`, "s3:*")))}, req: unknownCaller},
		{name: "PT-6 unknown caller ARN, ACCOUNT on a known account", want: Allowed,
			set: PolicySet{Identity: id, Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"`+acctA+`"}`, "s3:*")))}, req: unknownCaller},
		{name: "PT-6 unknown caller ARN, grant in another account", want: ImplicitDeny,
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"`+userB+`"}`, "s3:*")))}, req: unknownCaller},
		{name: "PT-6 unknown caller ARN through *", want: Allowed,
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `"*"`, "s3:*")))}, req: unknownCaller},
		// PT-2 unknown context values
		{name: "PT-2 unknown context in an Allow", want: DecisionUnknown, possible: []Decision{Allowed, ImplicitDeny}, unknown: "var.region",
			set: PolicySet{Identity: docs(condAllow)}, req: unknownCtx},
		{name: "PT-2 unknown context in a Deny", want: DecisionUnknown, possible: []Decision{Allowed, ExplicitDeny},
			set: PolicySet{Identity: docs(condDeny)}, req: unknownCtx},
		{name: "PT-2 unknown deny but no allow: implicitDeny with explicitDeny possible", want: ImplicitDeny,
			possible: []Decision{ImplicitDeny, ExplicitDeny},
			set:      PolicySet{Identity: docs(pol(`{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}`))},
			req:      unknownCtx},
		// GR-2 duplicate keys
		{name: "GR-2 readings that differ", want: DecisionUnknown, unknown: "ambiguous:GR-2",
			set: PolicySet{Identity: docs(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Action":"ec2:*","Resource":"*"}]}`)},
			req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "GR-2 readings that agree", want: Allowed,
			set: PolicySet{Identity: docs(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Action":"s3:*","Resource":"*"}]}`)},
			req: rq(t, userARN, "s3:GetObject", bucket)},
	})
}

// PT-6: a resource that carries no account ("*", an S3 ARN) is in the
// principal's account by default (Request.ResourceAccount), so an unknown
// principal account leaves no PA = RA relationship to branch on. Only a
// ResourceAccount (or ResourceAccountUnknown) given by the caller, or an
// account in the resource ARN, makes the relationship unknown.
func TestDecideDefaultResourceAccountIsPrincipals(t *testing.T) {
	t.Parallel()
	noAccount := func(resource string) Request {
		return Request{Principal: Principal{Kind: PrincipalUser, Partition: "aws", Unknown: &Unknown{Reason: "aws_iam_user.u.arn"}},
			Action: "s3:ListAllMyBuckets", Resource: resource}
	}
	star := noAccount("*")
	s3 := noAccount(bucket)
	s3.Action = "s3:GetObject"
	givenRA := noAccount("*")
	givenRA.ResourceAccount = acctB
	unknownRA := noAccount("*")
	unknownRA.ResourceAccountUnknown = &Unknown{Reason: "var.account"}
	key := noAccount("arn:aws:kms:us-east-1:" + acctB + ":key/1234abcd-12ab-34cd-56ef-1234567890ab")
	key.Action = "kms:DescribeKey"
	id := docs(pol(allowAll))
	anyone := resDoc(pol(rpStmt("Allow", `"*"`, "s3:*")))
	runDecide(t, []decideCase{
		{name: "PT-6 Resource * and unknown principal account: same account, identity allows", want: Allowed,
			set: PolicySet{Identity: id}, req: star},
		{name: "PT-6 S3 ARN and unknown principal account: same account, identity allows", want: Allowed,
			set: PolicySet{Identity: id}, req: s3},
		{name: "PT-6 Resource * and unknown principal account: nothing allows", want: ImplicitDeny,
			set: PolicySet{}, req: star},
		{name: "PT-6 given ResourceAccount and unknown principal account: both branches", want: DecisionUnknown, unknown: "aws_iam_user.u.arn",
			set: PolicySet{Identity: id}, req: givenRA},
		{name: "PT-6 unknown ResourceAccount: both branches", want: DecisionUnknown, unknown: "var.account",
			set: PolicySet{Identity: id}, req: unknownRA},
		{name: "PT-6 account in the resource ARN and unknown principal account: both branches", want: DecisionUnknown, unknown: "aws_iam_user.u.arn",
			set: PolicySet{Identity: id, Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"`+acctB+`"}`, "kms:*")))}, req: key},
		{name: "PT-6 both branches agree through a * resource policy", want: Allowed,
			set: PolicySet{Identity: id, Resource: anyone}, req: func() Request { r := givenRA; r.Action = "s3:GetObject"; r.Resource = bucket; return r }()},
	})
}
