package analysis

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// resourceFree and principalBound decide when one answer serves several
// targets or principals (escalation_classes.go): they must never merge
// questions a Resource pattern, a resource condition, a policy variable or
// a principal condition key could tell apart.
func TestEscalationAnswerClasses(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, doc, action string
		free, bound       bool
	}{
		{"star resource", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}`, "iam:PassRole", true, false},
		{"other statements do not count", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"},{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`, "iam:PassRole", true, false},
		{"a role pattern", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/app-*"}]}`, "iam:PassRole", false, false},
		{"a deny on some roles", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"},{"Effect":"Deny","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/admin"}]}`, "iam:PassRole", false, false},
		{"NotResource", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","NotResource":"arn:aws:iam::111122223333:role/admin"}]}`, "iam:PassRole", false, false},
		{"NotAction matches", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"s3:*","Resource":"arn:aws:iam::111122223333:role/x"}]}`, "iam:PassRole", false, false},
		{"resource tag condition", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:ResourceTag/team":"a"}}}]}`, "iam:PassRole", false, false},
		{"PassedToService is not a resource key", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"}}}]}`, "iam:PassRole", true, false},
		{"principal tag condition", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"a"}}}]}`, "iam:PassRole", true, true},
		{"policy variable", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"arn:aws:iam::111122223333:user/${aws:username}"}]}`, "iam:CreateAccessKey", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			pp := parsedPolicies(t, tc.doc)
			if got := pp.resourceFree(tc.action); got != tc.free {
				t.Errorf("resourceFree(%s) = %v, want %v", tc.action, got, tc.free)
			}
			if pp.principalBound != tc.bound {
				t.Errorf("principalBound = %v, want %v", pp.principalBound, tc.bound)
			}
		})
	}
	if (&principalPolicies{opaque: true}).resourceFree("iam:PassRole") {
		t.Error("an opaque policy set (a document known only after apply) cannot be resource-free")
	}
}

// parsedPolicies builds the view policiesOf builds, from one identity
// document.
func parsedPolicies(t *testing.T, doc string) *principalPolicies {
	t.Helper()
	e := &escEnv{}
	pp := &principalPolicies{}
	e.addPolicy(pp, evaluator.PolicyDoc{Name: "p", JSON: []byte(doc)}, evaluator.PolicyIdentity, true)
	return pp
}
