# The AWS provider is configured so that `terraform plan` needs no AWS
# endpoint: everything this module plans is created, and ARNs the checks need
# are built from names (locals.tf). Use your usual credentials to apply.
provider "aws" {
  region                      = var.region
  access_key                  = "planning-only"
  secret_key                  = "planning-only"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}

provider "iamsim" {
  account_id = var.account_id
  partition  = var.partition
}
