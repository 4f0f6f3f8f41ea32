# planscan check's config for the pr-gate example:
#   planscan check plan.json --config planscan.hcl --account-id 111122223333

# Accounts outside the plan that may appear in policies.
trusted_accounts = ["444455556666"]

# The web role must keep reading its assets (references resolve in the plan).
assert "web reads assets" {
  principals = [aws_iam_role.web]
  actions    = ["s3:GetObject"]
  resources  = ["${aws_s3_bucket.assets.arn}/index.html"]
  expect     = "allowed"
}

# Nobody but the web role may write the assets.
assert "deployer cannot write assets" {
  principals = [aws_iam_role.deployer]
  actions    = ["s3:PutObject", "s3:DeleteObject"]
  resources  = ["${aws_s3_bucket.assets.arn}/*"]
  expect     = "denied"
}

# Only the deployer may pass roles. "*" is every role, in the plan and
# outside it (a grant on arn:aws:iam::*:role/* counts too); literal("*")
# would be the simulator's request resource "*" only.
only "role passing" {
  principals = [aws_iam_role.deployer]
  actions    = ["iam:PassRole"]
  resources  = ["*"]
}

# Only the web role reads the assets: every object of the bucket, and every
# principal is asked, anonymous callers and other accounts included (a
# group here would stand for its members).
only "asset readers" {
  principals = [aws_iam_role.web]
  actions    = ["s3:GetObject"]
  resources  = ["${aws_s3_bucket.assets.arn}/*"]
}

# No principal may gain permissions-management access in a PR.
deny_new "no new permissions management" {
  access_levels = ["Permissions management"]
}

# Findings about accounts outside the plan fail the gate too.
severity "unknown-account" {
  level = "error"
}
