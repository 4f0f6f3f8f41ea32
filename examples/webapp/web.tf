data "aws_iam_policy_document" "web_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "web" {
  statement {
    sid       = "ServeAssets"
    actions   = ["s3:GetObject"]
    resources = ["${local.bucket_arns.prod}/*"]
  }
  statement {
    sid       = "ListAssets"
    actions   = ["s3:ListBucket"]
    resources = [local.bucket_arns.prod]
  }
  statement {
    sid       = "EnqueueJobs"
    actions   = ["sqs:SendMessage"]
    resources = [local.queue_arns.prod]
  }
}

resource "aws_iam_role" "web" {
  name               = local.web_role_name
  assume_role_policy = data.aws_iam_policy_document.web_trust.json
}

resource "aws_iam_role_policy" "web" {
  name   = "serve-assets"
  role   = aws_iam_role.web.id
  policy = data.aws_iam_policy_document.web.json

  depends_on = [iamsim_assertion.web_server_serves_assets, iamsim_assertion.web_server_is_read_only]
}

resource "aws_iam_instance_profile" "web" {
  name = local.web_role_name
  role = aws_iam_role.web.name
}
