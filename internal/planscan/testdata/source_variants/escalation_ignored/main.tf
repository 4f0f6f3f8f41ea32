# escalation_two_hop's configuration (its plan is
# ../../fixtures/escalation_two_hop/plan.json) with inline suppressions
# (issue 12): one applied above a block, one applied inside a block, one
# expired (reported, not applied) and one without a reason (a warning, not
# applied).

# Role ARNs are written out (not references) so that the policies are known at plan time.
# A two-hop escalation path (issue 10): the user dev may assume deployer;
# deployer may pass lambda-admin (AdministratorAccess, trusts Lambda) to a
# new function and invoke it. Path: dev --assume-role--> deployer
# --lambda-create-invoke--> lambda-admin. Near miss: auditor may assume
# deployer only with MFA (reported with the condition); intern may assume
# nothing (not reported).

locals {
  account = "111122223333"
}

resource "aws_iam_user" "dev" {
  # planscan:ignore escalation-path reason="was reviewed once" expires=2020-01-31
  name = "dev"
}

# planscan:ignore escalation-path
resource "aws_iam_user" "auditor" {
  name = "auditor"
}

resource "aws_iam_user" "intern" {
  name = "intern"
}

resource "aws_iam_user_policy" "dev" {
  name = "assume-deployer"
  user = aws_iam_user.dev.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::${local.account}:role/deployer" }]
  })
}

resource "aws_iam_user_policy" "auditor" {
  name = "assume-deployer-mfa"
  user = aws_iam_user.auditor.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Resource  = "arn:aws:iam::${local.account}:role/deployer"
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
    }]
  })
}

resource "aws_iam_user_policy_attachment" "intern" {
  user       = aws_iam_user.intern.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role" "deployer" {
  name = "deployer" // planscan:ignore escalation-path reason="the deploy pipeline's role, SEC-7"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::${local.account}:root" } }]
  })
}

resource "aws_iam_role_policy" "deployer" {
  name = "deploy-functions"
  role = aws_iam_role.deployer.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Action    = "iam:PassRole"
        Resource  = "arn:aws:iam::${local.account}:role/lambda-admin"
        Condition = { StringEquals = { "iam:PassedToService" = "lambda.amazonaws.com" } }
      },
      { Effect = "Allow", Action = ["lambda:CreateFunction", "lambda:InvokeFunction"], Resource = "*" },
    ]
  })
}

# The break-glass role.
# planscan:ignore admin-equivalent reason="break-glass role, SEC-42" expires=2099-12-31
resource "aws_iam_role" "lambda_admin" {
  name = "lambda-admin"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "lambda_admin" {
  role       = aws_iam_role.lambda_admin.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
