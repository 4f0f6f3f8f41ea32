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
