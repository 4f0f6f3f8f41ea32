# Negative tests with `terraform test`: iamsim_decision with a postcondition
# and a check block, which `expect_failures` can target. (An iamsim_assertion
# cannot be targeted: it fails the plan with an error, and expect_failures
# only names checkable objects: variables, outputs, resources and data
# sources with custom conditions, and check blocks.)
terraform {
  required_providers {
    iamsim = { source = "iamsim/iamsim" }
  }
}

provider "iamsim" {}

variable "developer_policy_json" {
  description = "The developer role's identity policy under test."
  type        = string
  default = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {"Sid": "ReadWriteAssets", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::*/*"},
        {"Sid": "NoProduction", "Effect": "Deny", "Action": "s3:*", "Resource": ["arn:aws:s3:::prod-*", "arn:aws:s3:::prod-*/*"]}
      ]
    }
  JSON
}

# The decision, with a postcondition: the plan fails when developers reach
# production, and a test can expect exactly that failure.
data "iamsim_decision" "developer_production" {
  principal_arn          = "arn:aws:iam::111122223333:role/developer"
  action_names           = ["s3:GetObject", "s3:PutObject"]
  resource_arns          = ["arn:aws:s3:::prod-assets/index.html"]
  identity_policies_json = [var.developer_policy_json]

  lifecycle {
    postcondition {
      condition     = alltrue([for r in self.results : r.decision == "explicitDeny"])
      error_message = "Developers reach production assets: ${join(", ", [for r in self.results : "${r.action_name} ${r.decision}" if r.decision != "explicitDeny"])}."
    }
  }
}

# The same rule as a check block: a warning in plan and apply, a failure a
# test can expect.
check "developers_use_dev_assets" {
  data "iamsim_decision" "developer_dev" {
    principal_arn          = "arn:aws:iam::111122223333:role/developer"
    action_names           = ["s3:GetObject", "s3:PutObject"]
    resource_arns          = ["arn:aws:s3:::dev-assets/index.html"]
    identity_policies_json = [var.developer_policy_json]
  }

  assert {
    condition     = data.iamsim_decision.developer_dev.all_allowed
    error_message = "Developers cannot read and write dev assets."
  }
}
