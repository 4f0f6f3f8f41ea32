# Developers work on dev and never touch production.
data "aws_iam_policy_document" "developer" {
  statement {
    sid       = "DevAssets"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${local.bucket_arns.dev}/*"]
  }
  statement {
    sid       = "DevBucket"
    actions   = ["s3:ListBucket"]
    resources = [local.bucket_arns.dev]
  }
  statement {
    sid       = "DevQueue"
    actions   = ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:PurgeQueue"]
    resources = [local.queue_arns.dev]
  }
  statement {
    sid       = "NoProduction"
    effect    = "Deny"
    actions   = ["s3:*", "sqs:*"]
    resources = [local.bucket_arns.prod, "${local.bucket_arns.prod}/*", local.queue_arns.prod]
  }
  statement {
    sid       = "NoProductionTagged"
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/environment"
      values   = ["prod"]
    }
  }
}

# Testers read everything and change nothing, except, when allowed, test
# fixtures on dev.
data "aws_iam_policy_document" "tester" {
  statement {
    sid       = "ReadAssets"
    actions   = ["s3:GetObject"]
    resources = [for arn in values(local.bucket_arns) : "${arn}/*"]
  }
  statement {
    sid       = "ListAssets"
    actions   = ["s3:ListBucket"]
    resources = values(local.bucket_arns)
  }
  dynamic "statement" {
    for_each = var.testers_can_write_dev ? [1] : []
    content {
      sid       = "DevFixtures"
      actions   = ["s3:PutObject"]
      resources = ["${local.bucket_arns.dev}/fixtures/*"]
    }
  }
}

# Operators run production, but buckets are never deleted by hand.
data "aws_iam_policy_document" "operator" {
  statement {
    sid       = "RunProduction"
    actions   = ["s3:*", "sqs:*"]
    resources = [local.bucket_arns.prod, "${local.bucket_arns.prod}/*", local.queue_arns.prod]
  }
  statement {
    sid       = "PassWebRole"
    actions   = ["iam:PassRole"]
    resources = [local.web_role_arn]
  }
  statement {
    sid       = "KeepBuckets"
    effect    = "Deny"
    actions   = ["s3:DeleteBucket"]
    resources = ["*"]
  }
}
