output "web_instance_profile" {
  description = "The instance profile of the web servers."
  value       = aws_iam_instance_profile.web.name
}

output "developer_queue_access" {
  description = "What the first developer may do with the job queues."
  value = {
    for r in data.iamsim_decision.developer_queues.results :
    "${r.action_name} ${r.resource_arn}" => r.decision
  }
}

output "policy_findings" {
  description = "Validation findings of the policies, by policy."
  value = {
    for name, v in merge(data.iamsim_policy_validation.policies, data.iamsim_policy_validation.trust_policies) :
    name => [for f in v.findings : "${f.severity} ${f.code}: ${f.message}"]
  }
}
