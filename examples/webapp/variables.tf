variable "account_id" {
  description = "The AWS account the application lives in."
  type        = string
  default     = "111122223333"
}

variable "partition" {
  description = "The AWS partition."
  type        = string
  default     = "aws"
}

variable "region" {
  description = "The AWS region."
  type        = string
  default     = "us-east-1"
}

variable "app" {
  description = "The application name, used as a prefix of every name."
  type        = string
  default     = "webapp"
}

variable "developers" {
  description = "IAM user names of the developers."
  type        = list(string)
  default     = ["alice"]
}

variable "testers" {
  description = "IAM user names of the testers."
  type        = list(string)
  default     = ["bob"]
}

variable "operators" {
  description = "IAM user names of the operators."
  type        = list(string)
  default     = ["carol"]
}

variable "testers_can_write_dev" {
  description = "Whether testers may upload test fixtures to the dev assets bucket."
  type        = bool
  default     = false
}
