package evaluator

import "testing"

const (
	fullAccess = allowAll
	slrSession = "arn:aws:iam::111122223333:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForELB"
)

func rcpDeny(action string) string {
	return `{"Effect":"Deny","Principal":"*","Action":"` + action + `","Resource":"*"}`
}

// EV-5, EV-19, EV-23: SCPs need an Allow at every level of the caller's path.
func TestDecideSCP(t *testing.T) {
	t.Parallel()
	id := docs(pol(allowAll))
	mgmt := rq(t, userARN, "s3:GetObject", bucket)
	mgmt.Principal.ManagementAccount = true
	flagged := rq(t, sessARN, "s3:GetObject", bucket)
	flagged.Principal.ServiceLinked = true
	runDecide(t, []decideCase{
		{name: "EV-5 FullAWSAccess at every level", want: Allowed,
			set: PolicySet{Identity: id, SCPs: [][]PolicyDoc{docs(pol(fullAccess)), docs(pol(fullAccess))}}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-5 a level without an Allow for the action", want: ImplicitDeny, blocked: []string{BlockedBySCP},
			set: PolicySet{Identity: id, SCPs: [][]PolicyDoc{docs(pol(fullAccess)), docs(pol(allowEC2All))}}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-5 a level with only a deny-list policy", want: ImplicitDeny, blocked: []string{BlockedBySCP},
			set: PolicySet{Identity: id, SCPs: [][]PolicyDoc{docs(pol(fullAccess)), docs(pol(`{"Effect":"Deny","Action":"iam:*","Resource":"*"}`))}},
			req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-5 allow split over two policies of one level", want: Allowed,
			set: PolicySet{Identity: id, SCPs: [][]PolicyDoc{docs(pol(allowEC2All), pol(allowS3All))}}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-5 an empty level denies", want: ImplicitDeny,
			set: PolicySet{Identity: id, SCPs: [][]PolicyDoc{docs(pol(fullAccess)), {}}}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-3 SCP deny at any level", want: ExplicitDeny, blocked: []string{BlockedBySCP},
			set: PolicySet{Identity: id, SCPs: [][]PolicyDoc{docs(pol(fullAccess)), docs(pol(fullAccess, `{"Effect":"Deny","Action":"s3:*","Resource":"*"}`))}},
			req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-5 SCPs never grant", want: ImplicitDeny,
			set: PolicySet{SCPs: [][]PolicyDoc{docs(pol(fullAccess))}}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-5 SCPs follow the principal across accounts", want: ExplicitDeny,
			set: PolicySet{Identity: id, Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"`+userB+`"}`, "s3:*"))), SCPs: [][]PolicyDoc{docs(pol(denyAll))}},
			req: withRA(rq(t, userB, "s3:GetObject", bucket), acctA)},
		{name: "EV-5 management account is exempt", want: Allowed,
			set: PolicySet{Identity: id, SCPs: [][]PolicyDoc{docs(pol(denyAll))}}, req: mgmt},
		{name: "EV-19 service-linked role (path) is exempt", want: Allowed,
			set: PolicySet{Identity: id, SCPs: [][]PolicyDoc{docs(pol(denyAll))}}, req: rq(t, slrSession, "s3:GetObject", bucket)},
		{name: "EV-19 service-linked role (flag) is exempt", want: Allowed,
			set: PolicySet{Identity: id, SCPs: [][]PolicyDoc{docs(pol(denyAll))}}, req: flagged},
		{name: "EV-18 SCPs bind the root user of a member account", want: ExplicitDeny,
			set: PolicySet{SCPs: [][]PolicyDoc{docs(pol(fullAccess, denyAll))}}, req: rq(t, rootARN, "s3:GetObject", bucket)},
		{name: "EV-18 root with FullAWSAccess", want: Allowed,
			set: PolicySet{SCPs: [][]PolicyDoc{docs(pol(fullAccess))}}, req: rq(t, acctA, "s3:GetObject", bucket)},
		{name: "EV-17 SCPs do not apply to service principals", want: Allowed,
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `{"Service":"cloudtrail.amazonaws.com"}`, "s3:PutObject"))), SCPs: [][]PolicyDoc{docs(pol(denyAll))}},
			req: rq(t, "cloudtrail.amazonaws.com", "s3:PutObject", bucket)},
		{name: "EV-16 SCPs do not apply to anonymous callers", want: Allowed,
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `"*"`, "s3:GetObject"))), SCPs: [][]PolicyDoc{docs(pol(denyAll))}},
			req: rq(t, "anonymous", "s3:GetObject", bucket)},
		{name: "EV-23 SCP implicit deny does not block a non-granted request", want: ImplicitDeny, blocked: []string{},
			set: PolicySet{SCPs: [][]PolicyDoc{docs(pol(allowEC2All))}}, req: rq(t, userARN, "s3:GetObject", bucket)},
	})
}

// EV-4, EV-19: RCPs of the resource's account; RCPFullAWSAccess is implicit.
func TestDecideRCP(t *testing.T) {
	t.Parallel()
	id := docs(pol(allowAll))
	denyS3 := [][]PolicyDoc{docs(pol(rcpDeny("s3:*")))}
	mgmtRes := rq(t, userARN, "s3:GetObject", bucket)
	mgmtRes.ResourceManagementAccount = true
	managedKey := rq(t, userARN, "kms:Decrypt", keyARN)
	managedKey.AWSManagedKMSKey = true
	rootKP := resDoc(pol(rpStmt("Allow", `{"AWS":"`+rootARN+`"}`, "kms:*")))
	runDecide(t, []decideCase{
		{name: "EV-4 RCPFullAWSAccess is implicit", want: Allowed,
			set: PolicySet{Identity: id, RCPs: [][]PolicyDoc{docs(pol(rcpDeny("s3:DeleteObject"))), {}}}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-4 RCP deny", want: ExplicitDeny, blocked: []string{BlockedByRCP},
			set: PolicySet{Identity: id, RCPs: denyS3}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-4 RCP deny at a lower level", want: ExplicitDeny,
			set: PolicySet{Identity: id, RCPs: [][]PolicyDoc{{}, denyS3[0]}}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-4 service without RCP support", want: Allowed,
			set: PolicySet{Identity: id, RCPs: [][]PolicyDoc{docs(pol(rcpDeny("*")))}}, req: rq(t, userARN, "ec2:RunInstances", "*")},
		{name: "EV-4 management-account resource is exempt", want: Allowed,
			set: PolicySet{Identity: id, RCPs: denyS3}, req: mgmtRes},
		{name: "EV-19 service-linked role is exempt from RCPs", want: Allowed,
			set: PolicySet{Identity: id, RCPs: denyS3}, req: rq(t, slrSession, "s3:GetObject", bucket)},
		{name: "EV-4 AWS managed KMS key is exempt", want: Allowed,
			set: PolicySet{Identity: id, Resource: rootKP, RCPs: [][]PolicyDoc{docs(pol(rcpDeny("kms:*")))}}, req: managedKey},
		{name: "EV-4 kms:RetireGrant is exempt", want: Allowed,
			set: PolicySet{Identity: id, Resource: rootKP, RCPs: [][]PolicyDoc{docs(pol(rcpDeny("kms:*")))}}, req: rq(t, userARN, "kms:RetireGrant", keyARN)},
		{name: "EV-4 customer managed KMS key is covered", want: ExplicitDeny,
			set: PolicySet{Identity: id, Resource: rootKP, RCPs: [][]PolicyDoc{docs(pol(rcpDeny("kms:*")))}}, req: rq(t, userARN, "kms:Decrypt", keyARN)},
		{name: "EV-18 RCPs bind the root user", want: ExplicitDeny,
			set: PolicySet{RCPs: denyS3}, req: rq(t, rootARN, "s3:GetObject", bucket)},
		{name: "EV-17 RCPs bind service principals", want: ExplicitDeny,
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `{"Service":"cloudtrail.amazonaws.com"}`, "s3:PutObject"))), RCPs: denyS3},
			req: rq(t, "cloudtrail.amazonaws.com", "s3:PutObject", bucket)},
		{name: "EV-16 RCPs bind anonymous callers", want: ExplicitDeny,
			set: PolicySet{Resource: resDoc(pol(rpStmt("Allow", `"*"`, "s3:GetObject"))), RCPs: denyS3},
			req: rq(t, "anonymous", "s3:GetObject", bucket)},
		{name: "EV-4 action without a resource type: AMB-1", want: DecisionUnknown, unknown: "ambiguous:EV-4", opts: Options{Catalog: decideTestCatalog{}},
			set: PolicySet{Identity: id, RCPs: denyS3}, req: rq(t, userARN, "s3:ListAllMyBuckets", "*")},
		{name: "EV-4 action without a resource type: AMB-1 with FittedRequests too", want: DecisionUnknown, unknown: "ambiguous:EV-4",
			opts: Options{Catalog: decideTestCatalog{}, FittedRequests: true},
			set:  PolicySet{Identity: id, RCPs: denyS3}, req: rq(t, userARN, "s3:ListAllMyBuckets", "*")},
		{name: "EV-4 action without a resource type, RCP does not deny", want: Allowed, opts: Options{Catalog: decideTestCatalog{}},
			set: PolicySet{Identity: id, RCPs: [][]PolicyDoc{docs(pol(rcpDeny("s3:PutObject")))}}, req: rq(t, userARN, "s3:ListAllMyBuckets", "*")},
		{name: "EV-4 RCP condition on the caller's org", want: Allowed,
			set: PolicySet{Identity: id, RCPs: [][]PolicyDoc{docs(pol(`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-1"}}}`))}},
			req: rq(t, userARN, "s3:GetObject", bucket, "aws:PrincipalOrgID", "o-1")},
	})
}

// EV-6, PR-14: VPC endpoint policies.
func TestDecideEndpoint(t *testing.T) {
	t.Parallel()
	id := docs(pol(allowAll))
	getOnly := docs(pol(rpStmt("Allow", `"*"`, "s3:GetObject")))
	runDecide(t, []decideCase{
		{name: "EV-6 endpoint allows", want: Allowed,
			set: PolicySet{Identity: id, Endpoint: getOnly}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "EV-6 endpoint does not allow", want: ImplicitDeny, blocked: []string{BlockedByVPCE},
			set: PolicySet{Identity: id, Endpoint: getOnly}, req: rq(t, userARN, "s3:PutObject", bucket)},
		{name: "EV-6 endpoint deny", want: ExplicitDeny, blocked: []string{BlockedByVPCE},
			set: PolicySet{Identity: id, Endpoint: docs(pol(rpStmt("Allow", `"*"`, "*"), rpStmt("Deny", `"*"`, "s3:PutObject")))},
			req: rq(t, userARN, "s3:PutObject", bucket)},
		{name: "EV-6 endpoint never grants", want: ImplicitDeny,
			set: PolicySet{Endpoint: getOnly}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "PR-14 account id in endpoint policy names the root user only", want: ImplicitDeny, blocked: []string{BlockedByVPCE},
			set: PolicySet{Identity: id, Endpoint: docs(pol(rpStmt("Allow", `{"AWS":"`+acctA+`"}`, "*")))}, req: rq(t, userARN, "s3:GetObject", bucket)},
		{name: "PR-14 account id in endpoint policy: root user", want: Allowed,
			set: PolicySet{Endpoint: docs(pol(rpStmt("Allow", `{"AWS":"`+acctA+`"}`, "*")))}, req: rq(t, rootARN, "s3:GetObject", bucket)},
		{name: "PR-4 account id in a bucket policy names all its principals", want: Allowed,
			set: PolicySet{Identity: id, Resource: resDoc(pol(rpStmt("Allow", `{"AWS":"`+acctB+`"}`, "*")))},
			req: withRA(rq(t, userB, "s3:GetObject", bucket), acctA)},
	})
}
