# Policies written in Terraform for planscan validate (issue 12 item 2).

variable "bucket" {
  type    = string
  default = "reports"
}

locals {
  account = "111122223333"
}

# jsonencode with a misspelt Effect: GR-4 on the Effect line.
resource "aws_iam_policy" "broken" {
  name = "broken"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allwo"
      Action   = "s3:GetObject"
      Resource = "arn:aws:s3:::${var.bucket}/*"
    }]
  })
}

# A heredoc whose statement has no Effect: reported on its line.
resource "aws_iam_role_policy" "heredoc" {
  name   = "heredoc"
  role   = "app"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {"Action": "s3:GetObject", "Resource": "*"}
  ]
}
EOF
}

# A policy document used as a trust policy: its second statement names
# resources, which a trust policy cannot (RS-1); reported on that line.
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${local.account}:root"]
    }
  }
  statement {
    actions   = ["sts:TagSession"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${local.account}:root"]
    }
  }
}

resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

# Names a bucket the plan creates: it needs a plan, so it is skipped.
resource "aws_s3_bucket" "site" {
  bucket = "site"
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "${aws_s3_bucket.site.arn}/*" }]
  })
}
