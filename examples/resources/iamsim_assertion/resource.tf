locals {
  developer_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "ReadWriteAssets", Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::*/*" },
      { Sid = "NoProduction", Effect = "Deny", Action = "s3:*", Resource = ["arn:aws:s3:::prod-*", "arn:aws:s3:::prod-*/*"] },
    ]
  })
}

# Every input is known at plan time: a violation fails `terraform plan`.
resource "iamsim_assertion" "developers_stay_out_of_production" {
  description            = "developers cannot read or write production assets"
  principal_arn          = "arn:aws:iam::111122223333:role/developer"
  action_names           = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
  resource_arns          = ["arn:aws:s3:::prod-assets/index.html"]
  identity_policies_json = [local.developer_policy]
  expect                 = "explicitDeny"
}

resource "iamsim_assertion" "developers_use_dev_assets" {
  description            = "developers can read and write dev assets"
  principal_arn          = "arn:aws:iam::111122223333:role/developer"
  action_names           = ["s3:GetObject", "s3:PutObject"]
  resource_arns          = ["arn:aws:s3:::dev-assets/index.html"]
  identity_policies_json = [local.developer_policy]
  expect                 = "allowed"
}

# The expectation holds over every value of the context keys the assertion
# does not pin: reading reports needs MFA, so "allowed" holds once the
# context the access is meant for is pinned, and "possible" without it.
locals {
  analyst_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid = "ReadWithMFA", Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::reports/*"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "iamsim_assertion" "analysts_read_reports_with_mfa" {
  description            = "analysts signed in with MFA read reports"
  principal_arn          = "arn:aws:iam::111122223333:role/analyst"
  action_names           = ["s3:GetObject"]
  resource_arns          = ["arn:aws:s3:::reports/q1.csv"]
  identity_policies_json = [local.analyst_policy]
  expect                 = "allowed"

  context {
    key    = "aws:MultiFactorAuthPresent"
    type   = "boolean"
    values = ["true"]
  }
}

resource "iamsim_assertion" "analysts_may_read_reports" {
  description            = "analysts can read reports under some context"
  principal_arn          = "arn:aws:iam::111122223333:role/analyst"
  action_names           = ["s3:GetObject"]
  resource_arns          = ["arn:aws:s3:::reports/q1.csv"]
  identity_policies_json = [local.analyst_policy]
  expect                 = "possible"
}

# When an input is known only after apply (here a stand-in for the ARN of a
# bucket being created), the assertion is checked during apply. Resources
# that list it in depends_on are applied only when it holds.
resource "terraform_data" "new_bucket_object" {
  input = "arn:aws:s3:::prod-reports/summary.csv"
}

resource "iamsim_assertion" "no_developer_access_to_reports" {
  description            = "developers cannot write the new reports bucket"
  principal_arn          = "arn:aws:iam::111122223333:role/developer"
  action_names           = ["s3:PutObject"]
  resource_arns          = [terraform_data.new_bucket_object.output]
  identity_policies_json = [local.developer_policy]
  expect                 = "denied"
}

resource "terraform_data" "grant_developers" {
  # e.g. an aws_iam_role_policy_attachment: applied only after the check.
  input      = "attach developer policy"
  depends_on = [iamsim_assertion.no_developer_access_to_reports]
}
