package evaluator

import (
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

// EV-15: across accounts a KMS key can only be used for the KMS
// cross-account operations, whatever the key policy and IAM policies say.
func TestDecideKMSCrossAccountOperations(t *testing.T) {
	t.Parallel()
	opts := Options{Catalog: iamdata.Default().Engine()}
	// Key policy of account A: enables IAM in A and gives account B everything.
	kp := resDoc(pol(rpStmt("Allow", `{"AWS":"`+rootARN+`"}`, "kms:*"), rpStmt("Allow", `{"AWS":"`+acctB+`"}`, "kms:*")))
	idB := docs(pol(allowAll))
	note := func(a string) string { return kmsLocalOnlyNote(a).String() }
	runDecide(t, []decideCase{
		// "if you give a principal in a different account ... kms:ScheduleKeyDeletion
		// permission on a KMS key in a key policy, the user's attempts to call those
		// operations on your resources still fail." (KMS Developer Guide,
		// "Allowing users in other accounts to use a KMS key")
		{name: "EV-15 ScheduleKeyDeletion across accounts has no effect", want: ImplicitDeny, opts: opts,
			blocked: []string{BlockedByResource}, note: note("kms:ScheduleKeyDeletion"),
			set: PolicySet{Identity: idB, Resource: kp}, req: rq(t, userB, "kms:ScheduleKeyDeletion", keyARN)},
		{name: "EV-15 PutKeyPolicy across accounts has no effect", want: ImplicitDeny, opts: opts,
			set: PolicySet{Identity: idB, Resource: kp}, req: rq(t, sessB, "kms:PutKeyPolicy", keyARN)},
		// "Cross-account permission is effective only for the following operations:
		// ... Decrypt ... GenerateDataKey ..." (same page).
		{name: "EV-15 Decrypt across accounts is a cross-account operation", want: Allowed, opts: opts,
			set: PolicySet{Identity: idB, Resource: kp}, req: rq(t, userB, "kms:Decrypt", keyARN)},
		{name: "EV-15 GenerateDataKeyWithoutPlaintext across accounts", want: Allowed, opts: opts,
			set: PolicySet{Identity: idB, Resource: kp}, req: rq(t, sessB, "kms:GenerateDataKeyWithoutPlaintext", keyARN)},
		// RevokeGrant: "Cross-account use: Yes. To perform this operation on a KMS key
		// in a different AWS account, specify the key ARN in the value of the KeyId
		// parameter." (KMS API Reference, RevokeGrant)
		{name: "EV-15 RevokeGrant across accounts (API reference: Cross-account use: Yes)", want: Allowed, opts: opts,
			set: PolicySet{Identity: idB, Resource: kp}, req: rq(t, userB, "kms:RevokeGrant", keyARN)},
		{name: "EV-15 same account: every operation the policies allow", want: Allowed, opts: opts,
			set: PolicySet{Identity: docs(pol(allowAll)), Resource: kp}, req: rq(t, userARN, "kms:ScheduleKeyDeletion", keyARN)},
		{name: "EV-15 FittedRequests keeps the catalog's set", want: ImplicitDeny, opts: Options{Catalog: opts.Catalog, FittedRequests: true},
			blocked: []string{BlockedByResource}, note: note("kms:ScheduleKeyDeletion"),
			set: PolicySet{Identity: idB, Resource: kp}, req: rq(t, userB, "kms:ScheduleKeyDeletion", keyARN)},
		{name: "EV-15 without the catalog's set the engine does not restrict", want: Allowed,
			set: PolicySet{Identity: idB, Resource: kp}, req: rq(t, userB, "kms:ScheduleKeyDeletion", keyARN)},
		{name: "EV-15 explicit deny stays an explicit deny", want: ExplicitDeny, opts: opts,
			set: PolicySet{Identity: docs(pol(denyAll)), Resource: kp}, req: rq(t, userB, "kms:ScheduleKeyDeletion", keyARN)},
	})

	// PT-6: resource account unknown: the cross-account branch denies, the
	// same-account branch allows, so the answer is unknown.
	req := rq(t, userB, "kms:ScheduleKeyDeletion", "arn:aws:kms:us-east-1:"+acctB+":key/k")
	req.ResourceUnknown = &Unknown{Reason: "aws_kms_key.k.arn"}
	c := Compile(PolicySet{Identity: idB, Resource: resDoc(pol(rpStmt("Allow", `"*"`, "kms:*")))}, opts)
	if got := c.Decide(&req); got.Decision != DecisionUnknown {
		t.Errorf("unknown key account: %s\n%s", got.Decision, Explain(&req, &got))
	}
	if !strings.Contains(note("kms:X"), "EV-15") {
		t.Error("note names no rule")
	}
}
