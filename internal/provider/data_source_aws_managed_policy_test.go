package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

func TestAccAWSManagedPolicyDataSource(t *testing.T) {
	t.Parallel()
	unitTest(t, resource.TestStep{
		Config: config(`
data "iamsim_aws_managed_policy" "by_name" {
  name = "AWSLambdaBasicExecutionRole"
}
data "iamsim_aws_managed_policy" "by_arn" {
  arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
`),
		Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr("data.iamsim_aws_managed_policy.by_name", "arn", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
			resource.TestCheckResourceAttr("data.iamsim_aws_managed_policy.by_name", "path", "/service-role/"),
			resource.TestMatchResourceAttr("data.iamsim_aws_managed_policy.by_name", "policy_json", regexp.MustCompile(`logs:CreateLogGroup`)),
			resource.TestMatchResourceAttr("data.iamsim_aws_managed_policy.by_name", "version", regexp.MustCompile(`^v[0-9]+$`)),
			resource.TestCheckResourceAttr("data.iamsim_aws_managed_policy.by_arn", "name", "ReadOnlyAccess"),
		),
	})
}

func TestAccAWSManagedPolicyDataSource_partition(t *testing.T) {
	t.Parallel()
	unitTest(t,
		resource.TestStep{
			Config: config(`
provider "iamsim" {
  partition = "aws-us-gov"
}
data "iamsim_aws_managed_policy" "test" {
  name = "ReadOnlyAccess"
}
`),
			Check: resource.TestCheckResourceAttr("data.iamsim_aws_managed_policy.test", "arn", "arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess"),
		},
	)
}

func TestAccAWSManagedPolicyDataSource_errors(t *testing.T) {
	t.Parallel()
	unitTest(t,
		resource.TestStep{
			Config:      config(`data "iamsim_aws_managed_policy" "test" { name = "NoSuchPolicy" }`),
			ExpectError: regexp.MustCompile(`Unknown AWS Managed Policy`),
		},
		resource.TestStep{
			Config:      config(`data "iamsim_aws_managed_policy" "test" {}`),
			ExpectError: regexp.MustCompile(`Exactly one of these attributes must be configured`),
		},
	)
}
