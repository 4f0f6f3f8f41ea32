# The access rules of the application, checked by iamsim. Every input here is
# known at plan time (ARNs come from locals.tf), so a change that breaks a
# rule fails `terraform plan`. The IAM resources that grant access list the
# assertions in depends_on, so that they are applied only after the rules
# hold even when some input becomes known only during apply.

locals {
  # The identity policies of each user: the policies of its groups.
  user_policies = {
    for name in keys(local.user_arns) : name => concat(
      contains(var.developers, name) ? [data.aws_iam_policy_document.developer.json] : [],
      contains(var.testers, name) ? [data.aws_iam_policy_document.tester.json] : [],
      contains(var.operators, name) ? [data.aws_iam_policy_document.operator.json] : [],
    )
  }
  object_actions = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
}

resource "iamsim_assertion" "developers_stay_out_of_production" {
  for_each = toset(var.developers)

  description            = "developer ${each.key} cannot read or change production assets"
  principal_arn          = local.user_arns[each.key]
  action_names           = local.object_actions
  resource_arns          = ["${local.bucket_arns.prod}/index.html"]
  identity_policies_json = local.user_policies[each.key]
  expect                 = "explicitDeny"
}

resource "iamsim_assertion" "developers_work_on_dev" {
  for_each = toset(var.developers)

  description            = "developer ${each.key} can read and change dev assets"
  principal_arn          = local.user_arns[each.key]
  action_names           = local.object_actions
  resource_arns          = ["${local.bucket_arns.dev}/index.html"]
  identity_policies_json = local.user_policies[each.key]
  expect                 = "allowed"

  # The rule holds over every context the assertion does not pin: a dev
  # object is tagged environment = dev (one tagged prod is denied by
  # NoProductionTagged, which the assertion would otherwise report).
  context {
    key    = "aws:ResourceTag/environment"
    type   = "string"
    values = ["dev"]
  }
}

resource "iamsim_assertion" "testers_never_change_production" {
  for_each = toset(var.testers)

  description            = "tester ${each.key} cannot change production assets"
  principal_arn          = local.user_arns[each.key]
  action_names           = ["s3:PutObject", "s3:DeleteObject"]
  resource_arns          = ["${local.bucket_arns.prod}/index.html", "${local.bucket_arns.prod}/fixtures/a.json"]
  identity_policies_json = local.user_policies[each.key]
  expect                 = "denied"
}

resource "iamsim_assertion" "nobody_deletes_production_buckets" {
  for_each = local.user_arns

  description            = "${each.key} cannot delete the production bucket"
  principal_arn          = each.value
  action_names           = ["s3:DeleteBucket"]
  resource_arns          = [local.bucket_arns.prod]
  identity_policies_json = local.user_policies[each.key]
  expect                 = "denied"
}

resource "iamsim_assertion" "web_server_serves_assets" {
  description            = "the web server reads production assets and enqueues jobs"
  principal_arn          = local.web_role_arn
  action_names           = ["s3:GetObject"]
  resource_arns          = ["${local.bucket_arns.prod}/index.html", "${local.bucket_arns.prod}/css/site.css"]
  identity_policies_json = [data.aws_iam_policy_document.web.json]
  expect                 = "allowed"
}

resource "iamsim_assertion" "web_server_is_read_only" {
  description            = "the web server cannot change assets"
  principal_arn          = local.web_role_arn
  action_names           = ["s3:PutObject", "s3:DeleteObject"]
  resource_arns          = ["${local.bucket_arns.prod}/index.html", "${local.bucket_arns.dev}/index.html"]
  identity_policies_json = [data.aws_iam_policy_document.web.json]
  expect                 = "denied"
}

resource "iamsim_assertion" "only_ec2_assumes_web_role" {
  for_each = { "ec2.amazonaws.com" = "allowed", "lambda.amazonaws.com" = "denied" }

  description          = "${each.key} assuming the web server role is ${each.value}"
  principal_arn        = each.key
  action_names         = ["sts:AssumeRole"]
  resource_arns        = [local.web_role_arn]
  resource_policy_json = data.aws_iam_policy_document.web_trust.json
  expect               = each.value
}

resource "iamsim_assertion" "jobs_worker_can_work" {
  description         = "the jobs worker writes logs and traces with its AWS managed policies"
  principal_arn       = local.lambda_role_arn
  action_names        = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTraceSegments"]
  managed_policy_arns = local.lambda_managed_policy_arns
  expect              = "allowed"
}

# Decisions the tests (tests/*.tftest.hcl) and outputs look at.

data "iamsim_decision" "developer_queues" {
  principal_arn          = local.user_arns[var.developers[0]]
  action_names           = ["sqs:SendMessage", "sqs:PurgeQueue"]
  resource_arns          = [local.queue_arns.dev, local.queue_arns.prod]
  identity_policies_json = local.user_policies[var.developers[0]]
}

data "iamsim_decision" "developer_tagged_production" {
  principal_arn          = local.user_arns[var.developers[0]]
  action_names           = ["ec2:StopInstances"]
  identity_policies_json = local.user_policies[var.developers[0]]

  context {
    key    = "aws:ResourceTag/environment"
    type   = "string"
    values = ["prod"]
  }
}

data "iamsim_decision" "tester_dev_fixtures" {
  principal_arn          = local.user_arns[var.testers[0]]
  action_names           = ["s3:PutObject"]
  resource_arns          = ["${local.bucket_arns.dev}/fixtures/login.json"]
  identity_policies_json = local.user_policies[var.testers[0]]
}

data "iamsim_decision" "jobs_worker" {
  principal_arn          = local.lambda_role_arn
  action_names           = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:SendMessage"]
  resource_arns          = [local.queue_arns.prod]
  identity_policies_json = [data.aws_iam_policy_document.lambda.json]
  managed_policy_arns    = local.lambda_managed_policy_arns
}

data "iamsim_policy_validation" "policies" {
  for_each = {
    developer = data.aws_iam_policy_document.developer.json
    tester    = data.aws_iam_policy_document.tester.json
    operator  = data.aws_iam_policy_document.operator.json
    web       = data.aws_iam_policy_document.web.json
    lambda    = data.aws_iam_policy_document.lambda.json
  }

  policy_json = each.value
}

data "iamsim_policy_validation" "trust_policies" {
  for_each = {
    web    = data.aws_iam_policy_document.web_trust.json
    lambda = data.aws_iam_policy_document.lambda_trust.json
  }

  policy_type = "trust"
  policy_json = each.value
}
