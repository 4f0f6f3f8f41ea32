locals {
  # Any policy JSON works, e.g. data.aws_iam_policy_document.developer.json.
  developer_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadWriteAssets"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = "arn:aws:s3:::*/*"
      },
      {
        Sid      = "NoProduction"
        Effect   = "Deny"
        Action   = "s3:*"
        Resource = ["arn:aws:s3:::prod-*", "arn:aws:s3:::prod-*/*"]
      },
    ]
  })
}

data "iamsim_decision" "developer_assets" {
  principal_arn          = "arn:aws:iam::111122223333:role/developer"
  action_names           = ["s3:GetObject", "s3:PutObject"]
  resource_arns          = ["arn:aws:s3:::dev-assets/index.html", "arn:aws:s3:::prod-assets/index.html"]
  identity_policies_json = [local.developer_policy]

  # Guardrails: a permissions boundary and the SCPs of each organization
  # level, root first.
  permissions_boundary_json = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]
  })
  service_control_policies {
    policies_json = [jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
    })]
  }

  # Request context, as in aws_iam_principal_policy_simulation.
  context {
    key    = "aws:SourceIp"
    type   = "ip"
    values = ["10.0.0.10"]
  }
  principal_tags = { team = "web" }
}

output "developer_decisions" {
  # e.g. { "s3:GetObject arn:aws:s3:::dev-assets/index.html" = "allowed", ... }
  value = {
    for r in data.iamsim_decision.developer_assets.results :
    "${r.action_name} ${r.resource_arn}" => r.decision
  }
}

check "developers_stay_out_of_production" {
  assert {
    condition = alltrue([
      for r in data.iamsim_decision.developer_assets.results :
      r.decision == "explicitDeny" if startswith(r.resource_arn, "arn:aws:s3:::prod-")
    ])
    error_message = "Developers can reach production assets."
  }
}
