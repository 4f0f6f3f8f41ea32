terraform {
  required_providers {
    iamsim = {
      source = "iamsim/iamsim"
    }
  }
}

variable "policy_json" {
  type    = string
  default = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-assets/*"}]
    }
  EOT

  validation {
    condition = length([
      for f in provider::iamsim::validate_policy(var.policy_json) : f if f.severity == "error"
    ]) == 0
    error_message = "The policy would be rejected by IAM."
  }
}

output "trust_policy_findings" {
  # The second argument is the policy type; identity by default.
  value = provider::iamsim::validate_policy(jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  }), "trust")
}
