# Access rules of the web application, checked on a plan: no AWS credentials
# and no AWS calls. The iamsim_assertion resources in access.tf are checked
# during every plan too; these tests add the decisions that vary with the
# module's inputs.

run "access_rules_hold" {
  command = plan

  assert {
    condition     = alltrue([for a in iamsim_assertion.developers_stay_out_of_production : !a.all_allowed])
    error_message = "Developers reach production assets."
  }

  assert {
    condition = alltrue([
      for r in data.iamsim_decision.developer_queues.results :
      r.decision == (endswith(r.resource_arn, "-prod") ? "explicitDeny" : "allowed")
    ])
    error_message = "Developers must use the dev queue and never the production queue."
  }

  assert {
    condition     = data.iamsim_decision.developer_tagged_production.results[0].decision == "explicitDeny"
    error_message = "Developers must be denied everything tagged environment=prod."
  }

  assert {
    condition     = data.iamsim_decision.tester_dev_fixtures.results[0].decision == "implicitDeny"
    error_message = "Testers write fixtures only when testers_can_write_dev is set."
  }

  assert {
    condition = [for r in data.iamsim_decision.jobs_worker.results : r.decision] == [
      "allowed", "allowed", "implicitDeny",
    ]
    error_message = "The jobs worker consumes the production queue and never enqueues."
  }

  assert {
    condition = alltrue([
      for v in merge(data.iamsim_policy_validation.policies, data.iamsim_policy_validation.trust_policies) : v.valid
    ])
    error_message = "A policy of the module would be rejected by IAM."
  }

  assert {
    condition     = provider::iamsim::decision(local.web_role_arn, [data.aws_iam_policy_document.web.json], "sqs:SendMessage", local.queue_arns.prod) == "allowed"
    error_message = "The web server must enqueue jobs."
  }

  assert {
    condition     = provider::iamsim::decision(local.web_role_arn, [data.aws_iam_policy_document.web.json], "sqs:PurgeQueue", local.queue_arns.prod) == "implicitDeny"
    error_message = "The web server must not purge the job queue."
  }

  assert {
    condition = length([
      for f in provider::iamsim::validate_policy(data.aws_iam_policy_document.operator.json) : f if f.severity == "error"
    ]) == 0
    error_message = "The operator policy has errors."
  }

  assert {
    condition     = aws_iam_instance_profile.web.role == local.web_role_name
    error_message = "The web instance profile must carry the web server role."
  }

  assert {
    condition     = iamsim_assertion.jobs_worker_can_work.results[0].matched_statements[0].policy == "AWSLambdaBasicExecutionRole"
    error_message = "The jobs worker writes logs through AWSLambdaBasicExecutionRole."
  }
}

run "testers_write_fixtures_when_allowed" {
  command = plan

  variables {
    testers_can_write_dev = true
  }

  assert {
    condition     = data.iamsim_decision.tester_dev_fixtures.results[0].decision == "allowed"
    error_message = "Testers must write fixtures when testers_can_write_dev is set."
  }

  # Production stays read-only for testers either way: the assertion
  # testers_never_change_production holds, or the plan fails.
  assert {
    condition     = alltrue([for a in iamsim_assertion.testers_never_change_production : length(a.results) == 4])
    error_message = "The tester assertion must cover two actions on two objects."
  }
}

run "more_people" {
  command = plan

  variables {
    developers = ["alice", "dave"]
    operators  = ["carol", "erin"]
  }

  assert {
    condition     = length(iamsim_assertion.nobody_deletes_production_buckets) == 5
    error_message = "Every person must be covered by the bucket deletion rule."
  }
}
