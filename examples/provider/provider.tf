terraform {
  required_providers {
    iamsim = {
      source = "iamsim/iamsim"
    }
  }
}

# The provider needs no arguments, no credentials and no network.
provider "iamsim" {}

# Optional defaults: principals written as role/NAME or user/NAME get this
# account, and resources whose ARN has no account (S3) are owned by it.
provider "iamsim" {
  alias      = "workloads"
  account_id = "111122223333"
  partition  = "aws"
}
