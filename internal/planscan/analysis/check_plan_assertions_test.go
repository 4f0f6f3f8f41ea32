package analysis

import (
	"regexp"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

// planAssertion follows the provider: expect holds over every value of the
// context keys the iamsim_assertion does not pin (issue 9).
func TestPlanAssertionOverEveryContext(t *testing.T) {
	t.Parallel()
	const policy = `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"ReadWithMFA","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}},` +
		`{"Sid":"OpsWrite","Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::reports/*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"ops"}}}]}`
	mfa := func(v string) []any {
		return []any{map[string]any{"key": "aws:MultiFactorAuthPresent", "type": "boolean", "values": []any{v}}}
	}
	for _, tc := range []struct {
		name, expect, action string
		context              []any
		tags                 map[string]any
		status               Status
		message              string
	}{
		{name: "denied broken by MFA", expect: "denied", action: "s3:GetObject", status: StatusFail,
			message: `not denied: s3:GetObject on arn:aws:s3:::reports/q1.csv: allowed when aws:MultiFactorAuthPresent=true`},
		{name: "denied with MFA pinned false", expect: "denied", action: "s3:GetObject", context: mfa("false"), status: StatusPass},
		{name: "allowed broken without MFA", expect: "allowed", action: "s3:GetObject", status: StatusFail,
			message: `implicitDeny when aws:MultiFactorAuthPresent=false`},
		{name: "allowed with MFA pinned true", expect: "allowed", action: "s3:GetObject", context: mfa("true"), status: StatusPass},
		{name: "possible", expect: "possible", action: "s3:GetObject", status: StatusPass},
		{name: "possible never", expect: "possible", action: "s3:DeleteObject", status: StatusFail, message: `implicitDeny`},
		{name: "tags free", expect: "denied", action: "s3:PutObject", status: StatusFail, message: `allowed when aws:PrincipalTag/team=ops`},
		{name: "tags given", expect: "denied", action: "s3:PutObject", tags: map[string]any{"team": "dev"}, status: StatusPass},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := &Analysis{catalog: iamdata.Default()}
			vals := map[string]any{
				"principal_arn": "arn:aws:iam::111122223333:role/analyst", "expect": tc.expect,
				"action_names": []any{tc.action}, "resource_arns": []any{"arn:aws:s3:::reports/q1.csv"},
				"identity_policies_json": []any{policy}, "context": tc.context,
			}
			if tc.tags != nil {
				vals["principal_tags"] = tc.tags
			}
			r := a.planAssertion("iamsim_assertion.t", vals, map[string]any{})
			if r.Status != tc.status {
				t.Fatalf("status = %s, want %s: %s", r.Status, tc.status, r.Message)
			}
			if tc.message != "" && !regexp.MustCompile(regexp.QuoteMeta(tc.message)).MatchString(r.Message) {
				t.Errorf("message lacks %q: %s", tc.message, r.Message)
			}
		})
	}
}

// An iamsim_assertion on a resource of the plan reads its tags as query
// does (issue 8, CTX-19; IAM User Guide, aws:ResourceTag/tag-key: "This key
// is included in the request context when the requested resource already
// has attached tags"): the orders table is tagged team=payments, the audit
// table team=security; a key the assertion's context gives wins.
func TestPlanAssertionResourceTags(t *testing.T) {
	t.Parallel()
	a := fixtureAnalysis(t, "kms_grants_tags")
	const policy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:GetItem","Resource":"*",` +
		`"Condition":{"StringEquals":{"aws:ResourceTag/team":"payments"}}}]}`
	table := func(name string) string { return "arn:aws:dynamodb:us-east-1:111122223333:table/" + name }
	for _, tc := range []struct {
		name, expect, resource string
		context                []any
		status                 Status
	}{
		{"tagged payments: allowed", "allowed", table("orders"), nil, StatusPass},
		{"tagged security: denied", "denied", table("audit"), nil, StatusPass},
		{"tagged security: not allowed", "allowed", table("audit"), nil, StatusFail},
		{"outside the plan: the tag is free", "denied", table("other"), nil, StatusFail},
		{"the assertion's context wins", "allowed", table("audit"),
			[]any{map[string]any{"key": "aws:ResourceTag/team", "type": "string", "values": []any{"payments"}}}, StatusPass},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			vals := map[string]any{
				"principal_arn": "arn:aws:iam::111122223333:role/reader", "expect": tc.expect,
				"action_names": []any{"dynamodb:GetItem"}, "resource_arns": []any{tc.resource},
				"identity_policies_json": []any{policy}, "context": tc.context,
			}
			r := a.planAssertion("iamsim_assertion.t", vals, map[string]any{})
			if r.Status != tc.status {
				t.Fatalf("status = %s, want %s: %s", r.Status, tc.status, r.Message)
			}
		})
	}
}
