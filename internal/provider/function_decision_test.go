package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func TestAccDecisionFunction(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: config(`
locals {
  policies = [` + denyProductionPolicy + `]
  role     = "arn:aws:iam::111122223333:role/developer"
}
output "dev" {
  value = provider::iamsim::decision(local.role, local.policies, "s3:PutObject", "arn:aws:s3:::dev-data/a")
}
output "prod" {
  value = provider::iamsim::decision(local.role, local.policies, "s3:PutObject", "arn:aws:s3:::prod-data/a")
}
output "other" {
  value = provider::iamsim::decision(local.role, local.policies, "s3:DeleteObject", "arn:aws:s3:::dev-data/a")
}
output "star" {
  value = provider::iamsim::decision(local.role, [], "s3:ListAllMyBuckets", "*")
}
`),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("dev", knownvalue.StringExact("allowed")),
			statecheck.ExpectKnownOutputValue("prod", knownvalue.StringExact("explicitDeny")),
			statecheck.ExpectKnownOutputValue("other", knownvalue.StringExact("implicitDeny")),
			statecheck.ExpectKnownOutputValue("star", knownvalue.StringExact("implicitDeny")),
		},
	})
}

func TestAccDecisionFunction_invalidInput(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		call string
		want string
	}{
		"invalid JSON":   {`provider::iamsim::decision("arn:aws:iam::111122223333:role/r", ["{"], "s3:GetObject", "*")`, `Invalid Policy`},
		"unknown action": {`provider::iamsim::decision("arn:aws:iam::111122223333:role/r", [], "s3:GetObjekt", "*")`, `unknown action`},
		"bad ARN":        {`provider::iamsim::decision("arn:aws:iam::role/r", [], "s3:GetObject", "*")`, `Invalid Principal`},
		"wildcard":       {`provider::iamsim::decision("arn:aws:iam::111122223333:role/r", [], "s3:Get*", "*")`, `wildcard`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			unitTest(t, resource.TestStep{
				Config:      config("output \"x\" {\n  value = " + tc.call + "\n}\n"),
				ExpectError: regexp.MustCompile(tc.want),
			})
		})
	}
}
