locals {
  environments = ["dev", "prod"]

  # Names and ARNs are built from known values, so that the access checks can
  # run at plan time, before AWS assigns anything.
  bucket_names = { for env in local.environments : env => "${var.app}-assets-${env}-${var.account_id}" }
  bucket_arns  = { for env, name in local.bucket_names : env => "arn:${var.partition}:s3:::${name}" }
  queue_names  = { for env in local.environments : env => "${var.app}-jobs-${env}" }
  queue_arns   = { for env, name in local.queue_names : env => "arn:${var.partition}:sqs:${var.region}:${var.account_id}:${name}" }

  web_role_name    = "${var.app}-web-server"
  lambda_role_name = "${var.app}-jobs-worker"
  web_role_arn     = "arn:${var.partition}:iam::${var.account_id}:role/${local.web_role_name}"
  lambda_role_arn  = "arn:${var.partition}:iam::${var.account_id}:role/${local.lambda_role_name}"

  user_arns = {
    for name in concat(var.developers, var.testers, var.operators) :
    name => "arn:${var.partition}:iam::${var.account_id}:user/${name}"
  }

  lambda_managed_policy_arns = [
    "arn:${var.partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
    "arn:${var.partition}:iam::aws:policy/AWSXRayDaemonWriteAccess",
  ]
}
