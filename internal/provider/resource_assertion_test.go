package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

const denyProductionPolicy = `jsonencode({
  Version = "2012-10-17"
  Statement = [
    { Sid = "ReadWriteAssets", Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::*/*" },
    { Sid = "NoProduction", Effect = "Deny", Action = "s3:*", Resource = ["arn:aws:s3:::prod-*", "arn:aws:s3:::prod-*/*"] },
  ]
})`

func assertionConfig(expect, resourceARN string) string {
	return config(`
resource "iamsim_assertion" "test" {
  description            = "developers stay out of production"
  principal_arn          = "arn:aws:iam::111122223333:role/developer"
  action_names           = ["s3:GetObject", "s3:PutObject"]
  resource_arns          = [` + resourceARN + `]
  identity_policies_json = [` + denyProductionPolicy + `]
  expect                 = "` + expect + `"
}
`)
}

func TestAccAssertion_holdsAndKeepsResults(t *testing.T) {
	t.Parallel()
	unitTest(t,
		resource.TestStep{
			Config: assertionConfig("explicitDeny", `"arn:aws:s3:::prod-data/report.csv"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				// Every input is known, so the plan already shows the results.
				plancheck.ExpectKnownValue("iamsim_assertion.test", tfjsonpath.New("all_allowed"), knownvalue.Bool(false)),
				plancheck.ExpectKnownValue("iamsim_assertion.test", tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("decision"), knownvalue.StringExact("explicitDeny")),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("iamsim_assertion.test", tfjsonpath.New("results"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("iamsim_assertion.test", tfjsonpath.New("results").AtSliceIndex(1).AtMapKey("action_name"), knownvalue.StringExact("s3:PutObject")),
				statecheck.ExpectKnownValue("iamsim_assertion.test", tfjsonpath.New("id"), knownvalue.NotNull()),
			},
			Check: resource.TestCheckTypeSetElemNestedAttrs("iamsim_assertion.test", "results.1.matched_statements.*",
				map[string]string{"sid": "NoProduction", "effect": "Deny", "policy": "identity_policies_json[0]", "policy_type": "identity"}),
		},
		// "denied" accepts an explicit deny: an in-place update, re-checked.
		resource.TestStep{
			Config: assertionConfig("denied", `"arn:aws:s3:::prod-data/report.csv"`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction("iamsim_assertion.test", plancheck.ResourceActionUpdate),
			}},
		},
		// A change that breaks the assertion fails the plan.
		resource.TestStep{
			Config:      assertionConfig("denied", `"arn:aws:s3:::dev-data/report.csv"`),
			ExpectError: regexp.MustCompile(`(?s)Assertion Failed.*developers stay out of production.*s3:GetObject on\s+arn:aws:s3:::dev-data/report.csv: allowed.*ReadWriteAssets`),
		},
	)
}

func TestAccAssertion_failsAtPlan(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config:      assertionConfig("allowed", `"arn:aws:s3:::prod-data/report.csv"`),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`(?s)Assertion Failed.*explicitDeny.*NoProduction`),
	})
}

func TestAccAssertion_unknownAtPlanCheckedAtApply(t *testing.T) {
	t.Parallel()
	bucket := `resource "terraform_data" "bucket" {
  input = "arn:aws:s3:::prod-data/report.csv"
}
`
	unitTest(t,
		resource.TestStep{
			// The resource ARN is known only after apply: the plan succeeds
			// with unknown results, and the apply fails before anything that
			// depends on the assertion.
			Config: config(bucket + `
resource "iamsim_assertion" "test" {
  principal_arn          = "arn:aws:iam::111122223333:role/developer"
  action_names           = ["s3:PutObject"]
  resource_arns          = [terraform_data.bucket.output]
  identity_policies_json = [` + denyProductionPolicy + `]
  expect                 = "allowed"
}
resource "terraform_data" "guarded" {
  input      = "deploy"
  depends_on = [iamsim_assertion.test]
}
`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectUnknownValue("iamsim_assertion.test", tfjsonpath.New("results")),
			}},
			ExpectError: regexp.MustCompile(`(?s)Assertion Failed.*s3:PutObject on\s+arn:aws:s3:::prod-data/report.csv: explicitDeny`),
		},
		resource.TestStep{
			Config: config(bucket + `
resource "iamsim_assertion" "test" {
  principal_arn          = "arn:aws:iam::111122223333:role/developer"
  action_names           = ["s3:PutObject"]
  resource_arns          = [terraform_data.bucket.output]
  identity_policies_json = [` + denyProductionPolicy + `]
  expect                 = "explicitDeny"
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("iamsim_assertion.test", tfjsonpath.New("results").AtSliceIndex(0).AtMapKey("decision"), knownvalue.StringExact("explicitDeny")),
			},
		},
	)
}

func TestAccAssertion_definiteViolationWithUnknownInput(t *testing.T) {
	t.Parallel()
	// The resource ARN is unknown, but an explicit Deny on every resource
	// decides the request whatever it turns out to be: the plan fails.
	unitTest(t, resource.TestStep{
		Config: config(`
resource "terraform_data" "bucket" {
  input = "arn:aws:s3:::anything/key"
}
resource "iamsim_assertion" "test" {
  principal_arn          = "arn:aws:iam::111122223333:role/developer"
  action_names           = ["s3:PutObject"]
  resource_arns          = [terraform_data.bucket.output]
  identity_policies_json = [jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Frozen", Effect = "Deny", Action = "s3:*", Resource = "*" }]
  })]
  expect = "allowed"
}
`),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`(?s)Assertion Failed.*explicitDeny.*Frozen`),
	})
}

func TestAccAssertion_invalidInputFailsPlan(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: config(`
resource "iamsim_assertion" "test" {
  principal_arn = "arn:aws:iam::111122223333:role/developer"
  action_names  = ["s3:GetObjekt"]
  expect        = "denied"
}
`),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`(?s)Assertion Failed.*s3:GetObjekt on \*: error.*unknown action`),
	})
}
