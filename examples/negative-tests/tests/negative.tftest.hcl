# terraform test: the policy as written passes; broken policies are caught,
# each by the check meant to catch it.

run "policy_holds" {
  command = plan
}

run "production_reachable_is_caught" {
  command = plan
  variables {
    developer_policy_json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"
  }
  expect_failures = [data.iamsim_decision.developer_production]
}

run "dev_access_lost_is_caught" {
  command = plan
  variables {
    developer_policy_json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"
  }
  expect_failures = [check.developers_use_dev_assets]
}
