terraform {
  required_providers {
    iamsim = {
      source = "iamsim/iamsim"
    }
  }
}

locals {
  web_policies = [jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = "arn:aws:s3:::example-assets/*"
    }]
  })]
  web_role_arn = "arn:aws:iam::111122223333:role/web"
}

output "web_can_read_assets" {
  # "allowed"
  value = provider::iamsim::decision(local.web_role_arn, local.web_policies, "s3:GetObject", "arn:aws:s3:::example-assets/index.html")
}

resource "terraform_data" "deploy" {
  input = "deploy"

  lifecycle {
    precondition {
      condition     = provider::iamsim::decision(local.web_role_arn, local.web_policies, "s3:DeleteObject", "arn:aws:s3:::example-assets/index.html") != "allowed"
      error_message = "The web role must not delete assets."
    }
  }
}
