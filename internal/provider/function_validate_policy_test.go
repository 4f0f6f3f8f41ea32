package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

func TestAccValidatePolicyFunction(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: config(`
output "good" {
  value = provider::iamsim::validate_policy(jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }]
  }))
}
output "bad" {
  value = provider::iamsim::validate_policy("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\"}]\n}")
}
output "trust" {
  value = provider::iamsim::validate_policy(jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  }), "trust")
}
`),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("good", knownvalue.ListSizeExact(0)),
			statecheck.ExpectKnownOutputValue("bad", knownvalue.ListPartial(map[int]knownvalue.Check{
				0: knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"severity": knownvalue.StringExact("error"),
					"line":     knownvalue.Int64Exact(3),
				}),
			})),
			statecheck.ExpectKnownOutputValue("trust", knownvalue.ListSizeExact(0)),
		},
	})
}

func TestAccValidatePolicyFunction_badType(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config:      config(`output "x" { value = provider::iamsim::validate_policy("{}", "bucket") }`),
		ExpectError: regexp.MustCompile(`policy type "bucket" is not one of`),
	})
}
