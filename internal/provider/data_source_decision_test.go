package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

const s3ReadPolicy = `jsonencode({
  Version = "2012-10-17"
  Statement = [{
    Sid      = "ReadAssets"
    Effect   = "Allow"
    Action   = ["s3:GetObject", "s3:ListBucket"]
    Resource = ["arn:aws:s3:::assets", "arn:aws:s3:::assets/*"]
  }]
})`

func TestAccDecisionDataSource_allowedAndImplicitDeny(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: config(`
data "iamsim_decision" "test" {
  principal_arn          = "arn:aws:iam::111122223333:role/web"
  action_names           = ["s3:GetObject", "s3:PutObject"]
  resource_arns          = ["arn:aws:s3:::assets/logo.png"]
  identity_policies_json = [` + s3ReadPolicy + `]
}
`),
		Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "all_allowed", "false"),
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.#", "2"),
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.0.action_name", "s3:GetObject"),
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.0.resource_arn", "arn:aws:s3:::assets/logo.png"),
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.0.decision", "allowed"),
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.0.allowed", "true"),
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.0.matched_statements.#", "1"),
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.0.matched_statements.0.policy", "identity_policies_json[0]"),
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.0.matched_statements.0.policy_type", "identity"),
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.0.matched_statements.0.sid", "ReadAssets"),
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.0.matched_statements.0.effect", "Allow"),
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.1.action_name", "s3:PutObject"),
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.1.decision", "implicitDeny"),
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.1.allowed", "false"),
		),
	})
}

func TestAccDecisionDataSource_guardrails(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: config(`
data "iamsim_decision" "test" {
  principal_arn          = "arn:aws:iam::111122223333:role/web"
  action_names           = ["s3:PutBucketTagging", "s3:ListBucket"]
  resource_arns          = ["arn:aws:s3:::assets"]
  identity_policies_json = [jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]
  })]
  permissions_boundary_json = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:List*", Resource = "*" }]
  })
  service_control_policies {
    policies_json = [jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
    })]
  }
  service_control_policies {
    policies_json = [jsonencode({
      Version   = "2012-10-17"
      Statement = [
        { Effect = "Allow", Action = "*", Resource = "*" },
        { Sid = "NoBigRegions", Effect = "Deny", Action = "s3:ListBucket", Resource = "*",
          Condition = { StringNotEquals = { "aws:PrincipalTag/team" = "web" } } },
      ]
    })]
  }
  principal_tags = { team = "web" }
}
`),
		Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.0.decision", "implicitDeny"),
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.0.blocked_by.0", "boundary"),
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.1.decision", "allowed"),
		),
	})
}

func TestAccDecisionDataSource_contextAndMissingKeys(t *testing.T) {
	t.Parallel()
	policy := `jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*",
                   Condition = { IpAddress = { "aws:SourceIp" = "10.0.0.0/8" } } }]
  })`
	unitTest(t, resource.TestStep{
		Config: config(`
data "iamsim_decision" "inside" {
  principal_arn          = "arn:aws:iam::111122223333:user/alice"
  action_names           = ["s3:GetObject"]
  resource_arns          = ["arn:aws:s3:::assets/a"]
  identity_policies_json = [` + policy + `]
  context {
    key    = "aws:SourceIp"
    type   = "ip"
    values = ["10.1.2.3"]
  }
}
data "iamsim_decision" "outside" {
  principal_arn          = "arn:aws:iam::111122223333:user/alice"
  action_names           = ["s3:GetObject"]
  resource_arns          = ["arn:aws:s3:::assets/a"]
  identity_policies_json = [` + policy + `]
  context {
    key    = "aws:SourceIp"
    type   = "ip"
    values = ["192.0.2.1"]
  }
}
data "iamsim_decision" "missing" {
  principal_arn          = "arn:aws:iam::111122223333:user/alice"
  action_names           = ["s3:GetObject"]
  resource_arns          = ["arn:aws:s3:::assets/a"]
  identity_policies_json = [` + policy + `]
}
`),
		Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr("data.iamsim_decision.inside", "results.0.decision", "allowed"),
			resource.TestCheckResourceAttr("data.iamsim_decision.outside", "results.0.decision", "implicitDeny"),
			resource.TestCheckResourceAttr("data.iamsim_decision.missing", "results.0.decision", "implicitDeny"),
			resource.TestCheckResourceAttr("data.iamsim_decision.missing", "results.0.missing_context_keys.0", "aws:SourceIp"),
		),
	})
}

func TestAccDecisionDataSource_managedPolicyAndDefaults(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: config(`
provider "iamsim" {
  account_id = "111122223333"
}
data "iamsim_decision" "test" {
  principal_arn       = "role/lambda-worker"
  action_names        = ["logs:CreateLogStream", "s3:GetObject"]
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
}
`),
		Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.0.resource_arn", "*"),
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.0.decision", "allowed"),
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.0.matched_statements.0.policy", "AWSLambdaBasicExecutionRole"),
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.1.decision", "implicitDeny"),
		),
	})
}

func TestAccDecisionDataSource_resourcePolicyCrossAccount(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: config(`
locals {
  reader = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]
  })
}
data "iamsim_decision" "without_bucket_policy" {
  principal_arn             = "arn:aws:iam::444455556666:role/partner"
  action_names              = ["s3:GetObject"]
  resource_arns             = ["arn:aws:s3:::shared/report.csv"]
  resource_owner_account_id = "111122223333"
  identity_policies_json    = [local.reader]
}
data "iamsim_decision" "with_bucket_policy" {
  principal_arn             = "arn:aws:iam::444455556666:role/partner"
  action_names              = ["s3:GetObject"]
  resource_arns             = ["arn:aws:s3:::shared/report.csv"]
  resource_owner_account_id = "111122223333"
  identity_policies_json    = [local.reader]
  resource_policy_json = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Partner", Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::shared/*",
                   Principal = { AWS = "arn:aws:iam::444455556666:role/partner" } }]
  })
}
`),
		Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr("data.iamsim_decision.without_bucket_policy", "results.0.decision", "implicitDeny"),
			resource.TestCheckResourceAttr("data.iamsim_decision.with_bucket_policy", "results.0.decision", "allowed"),
		),
	})
}

func TestAccDecisionDataSource_invalidInput(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		body string
		want string
	}{
		"invalid JSON": {
			body: `principal_arn = "arn:aws:iam::111122223333:role/web"
  action_names = ["s3:GetObject"]
  identity_policies_json = ["{\"Version\": \"2012-10-17\", \"Statement\": ["]`,
			want: `Invalid Policy`,
		},
		"unknown action": {
			body: `principal_arn = "arn:aws:iam::111122223333:role/web"
  action_names = ["s3:GetObjekt"]`,
			want: `unknown action "s3:GetObjekt"`,
		},
		"bad principal ARN": {
			body: `principal_arn = "arn:aws:iam::1234:role/web"
  action_names = ["s3:GetObject"]`,
			want: `Invalid Principal`,
		},
		"short principal without account_id": {
			body: `principal_arn = "role/web"
  action_names = ["s3:GetObject"]`,
			want: `set account_id`,
		},
		"unknown managed policy": {
			body: `principal_arn = "arn:aws:iam::111122223333:role/web"
  action_names = ["s3:GetObject"]
  managed_policy_arns = ["arn:aws:iam::aws:policy/NoSuchPolicy"]`,
			want: `Unknown AWS Managed Policy`,
		},
		"bad context value": {
			body: `principal_arn = "arn:aws:iam::111122223333:role/web"
  action_names = ["s3:GetObject"]
  context {
    key = "aws:SourceIp"
    type = "ip"
    values = ["not-an-ip"]
  }`,
			want: `Invalid Context`,
		},
		"bad context type": {
			body: `principal_arn = "arn:aws:iam::111122223333:role/web"
  action_names = ["s3:GetObject"]
  context {
    key = "aws:SourceIp"
    type = "address"
    values = ["10.0.0.1"]
  }`,
			want: `value must be one of`,
		},
		"resource of the wrong type": {
			body: `principal_arn = "arn:aws:iam::111122223333:role/web"
  action_names = ["s3:ListBucket"]
  resource_arns = ["arn:aws:s3:::assets/key"]`,
			want: `not a resource type`,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			unitTest(t, resource.TestStep{
				Config:      config("data \"iamsim_decision\" \"test\" {\n  " + tc.body + "\n}\n"),
				ExpectError: regexp.MustCompile(regexp.QuoteMeta(tc.want)),
			})
		})
	}
}

func TestAccDecisionDataSource_readAtApplyWhenUnknown(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: config(`
resource "terraform_data" "role" {
  input = "arn:aws:iam::111122223333:role/web"
}
data "iamsim_decision" "test" {
  principal_arn          = terraform_data.role.output
  action_names           = ["s3:GetObject"]
  resource_arns          = ["arn:aws:s3:::assets/a"]
  identity_policies_json = [` + s3ReadPolicy + `]
}
`),
		Check: resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.0.decision", "allowed"),
	})
}
