package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

func TestAccPolicyValidationDataSource(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: config(`
data "iamsim_policy_validation" "good" {
  policy_json = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }]
  })
}
data "iamsim_policy_validation" "typo" {
  policy_json = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObjekt", Resource = "*" }]
  })
}
data "iamsim_policy_validation" "not_json" {
  policy_json = "{\"Version\": "
}
data "iamsim_policy_validation" "scp" {
  policy_type = "scp"
  policy_json = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "*", Resource = "*", Principal = "*" }]
  })
}
`),
		Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr("data.iamsim_policy_validation.good", "valid", "true"),
			resource.TestCheckResourceAttr("data.iamsim_policy_validation.good", "policy_type", "identity"),
			resource.TestCheckResourceAttr("data.iamsim_policy_validation.good", "findings.#", "0"),
			resource.TestCheckResourceAttr("data.iamsim_policy_validation.typo", "valid", "true"),
			resource.TestCheckResourceAttr("data.iamsim_policy_validation.typo", "findings.0.severity", "warning"),
			resource.TestCheckResourceAttr("data.iamsim_policy_validation.typo", "findings.0.pointer", "/Statement/0/Action"),
			resource.TestCheckResourceAttr("data.iamsim_policy_validation.not_json", "valid", "false"),
			resource.TestCheckResourceAttr("data.iamsim_policy_validation.not_json", "findings.0.severity", "error"),
			resource.TestCheckResourceAttr("data.iamsim_policy_validation.scp", "valid", "false"),
		),
	})
}
