package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// mfaReadPolicy allows reading reports only with MFA (CTX-3: an IAM role
// session always sends aws:MultiFactorAuthPresent).
const mfaReadPolicy = `jsonencode({
  Version = "2012-10-17"
  Statement = [
    { Sid = "ReadWithMFA", Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::reports/*",
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } } },
    { Sid = "OpsOnly", Effect = "Allow", Action = "s3:PutObject", Resource = "arn:aws:s3:::reports/*",
      Condition = { StringEquals = { "aws:PrincipalTag/team" = "ops" } } },
  ]
})`

// contextAssertion is an assertion on the MFA-gated policy; extra holds
// context blocks or principal_tags.
func contextAssertion(expect, action, extra string) string {
	return config(`
resource "iamsim_assertion" "test" {
  description            = "reports need MFA"
  principal_arn          = "arn:aws:iam::111122223333:role/analyst"
  action_names           = ["` + action + `"]
  resource_arns          = ["arn:aws:s3:::reports/q1.csv"]
  identity_policies_json = [` + mfaReadPolicy + `]
  expect                 = "` + expect + `"
` + extra + `
}
`)
}

const pinMFA = `
  context {
    key    = "aws:MultiFactorAuthPresent"
    type   = "boolean"
    values = ["%s"]
  }`

func pin(v string) string { return regexp.MustCompile(`%s`).ReplaceAllString(pinMFA, v) }

// TestAccAssertion_overEveryContext: expect holds over every value of the
// context keys the assertion does not pin (issue 9).
func TestAccAssertion_overEveryContext(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, expect, action, extra string
		wantErr                     string // empty: the assertion holds
	}{
		// Denied without MFA in the one-request reading, allowed with it:
		// "denied" fails and names the context that breaks it.
		{name: "denied broken by MFA", expect: "denied", action: "s3:GetObject",
			wantErr: `(?s)Assertion Failed.*reports need MFA.*not denied\s+\(explicit\s+or\s+implicit\s+deny\)\s+for\s+every\s+context.*s3:GetObject on\s+arn:aws:s3:::reports/q1.csv: allowed when\s+aws:MultiFactorAuthPresent=true.*ReadWithMFA.*Pin the context`},
		{name: "denied with MFA pinned false", expect: "denied", action: "s3:GetObject", extra: pin("false")},
		{name: "implicitDeny with MFA pinned false", expect: "implicitDeny", action: "s3:GetObject", extra: pin("false")},
		{name: "allowed broken without MFA", expect: "allowed", action: "s3:GetObject",
			wantErr: `(?s)Assertion Failed.*s3:GetObject on\s+arn:aws:s3:::reports/q1.csv: implicitDeny when\s+aws:MultiFactorAuthPresent=false.*allowed when aws:MultiFactorAuthPresent = true`},
		{name: "allowed with MFA pinned true", expect: "allowed", action: "s3:GetObject", extra: pin("true")},
		{name: "possible", expect: "possible", action: "s3:GetObject"},
		{name: "possible never", expect: "possible", action: "s3:DeleteObject",
			wantErr: `(?s)Assertion Failed.*not allowed for any context.*s3:DeleteObject on\s+arn:aws:s3:::reports/q1.csv: implicitDeny`},
		{name: "possible fails with MFA pinned false", expect: "possible", action: "s3:GetObject", extra: pin("false"),
			wantErr: `(?s)Assertion Failed.*not allowed for any context`},
		// Untold principal tags range over every value...
		{name: "tags free", expect: "denied", action: "s3:PutObject",
			wantErr: `(?s)allowed when\s+aws:PrincipalTag/team=ops`},
		// ...given ones are all the principal has.
		{name: "tags given", expect: "denied", action: "s3:PutObject", extra: `  principal_tags = { team = "dev" }`},
		{name: "tags given match", expect: "allowed", action: "s3:PutObject", extra: `  principal_tags = { team = "ops" }`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			step := resource.TestStep{Config: contextAssertion(tc.expect, tc.action, tc.extra)}
			if tc.wantErr != "" {
				step.PlanOnly = true
				step.ExpectError = regexp.MustCompile(tc.wantErr)
			}
			unitTest(t, step)
		})
	}
}

// TestAccAssertion_contextViolationWithUnknownInput: with an input known
// only after apply, a context whose decision is known already breaks the
// expectation at plan time (without MFA nothing allows it, whatever the
// resource turns out to be).
func TestAccAssertion_contextViolationWithUnknownInput(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: config(`
resource "terraform_data" "object" {
  input = "arn:aws:s3:::reports/q2.csv"
}
resource "iamsim_assertion" "test" {
  principal_arn          = "arn:aws:iam::111122223333:role/analyst"
  action_names           = ["s3:GetObject"]
  resource_arns          = [terraform_data.object.output]
  identity_policies_json = [jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "AnyWithMFA", Effect = "Allow", Action = "s3:GetObject", Resource = "*",
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } } }]
  })]
  expect = "allowed"
}
`),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`(?s)Assertion Failed.*implicitDeny when\s+aws:MultiFactorAuthPresent=false`),
	})
}
