data "iamsim_aws_managed_policy" "lambda_basic" {
  name = "service-role/AWSLambdaBasicExecutionRole"
}

data "iamsim_aws_managed_policy" "read_only" {
  arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

output "lambda_basic_execution" {
  value = {
    arn     = data.iamsim_aws_managed_policy.lambda_basic.arn
    version = data.iamsim_aws_managed_policy.lambda_basic.version
    actions = distinct(flatten([
      for s in jsondecode(data.iamsim_aws_managed_policy.lambda_basic.policy_json).Statement : s.Action
    ]))
  }
}
