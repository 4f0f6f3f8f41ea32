# deferred_documents' configuration (its plan is
# ../../fixtures/deferred_documents/plan.json) with expressions the source
# reader cannot evaluate (issue 8): a provider-defined function in the
# write_logs document, and a function planscan does not know in the bucket
# policy. Both documents stay unknown, and `depends on` names the
# expression and its line; nothing is guessed.

# aws_iam_policy_document data sources whose inputs are known only after
# apply: Terraform defers their read to the apply, so every document built
# from them is unknown at plan time.

resource "aws_s3_bucket" "logs" {
  bucket = "app-logs-example"
}

resource "aws_iam_role" "writer" {
  name               = "log-writer"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

# Deferred: aws_s3_bucket.logs.arn is unknown until the bucket exists.
data "aws_iam_policy_document" "write_logs" {
  statement {
    actions   = ["s3:PutObject"]
    resources = [provider::aws::arn_build("aws", "s3", "", "", "${aws_s3_bucket.logs.bucket}/*")]
  }
}

resource "aws_iam_policy" "write_logs" {
  name   = "write-logs"
  policy = data.aws_iam_policy_document.write_logs.json
}

resource "aws_iam_role_policy_attachment" "write_logs" {
  role       = aws_iam_role.writer.name
  policy_arn = aws_iam_policy.write_logs.arn
}

# Deferred: the principal is the role's ARN.
data "aws_iam_policy_document" "bucket" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.logs.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.writer.arn]
    }
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = sha256policy(data.aws_iam_policy_document.bucket.json)
}

# An inline role policy from a deferred document.
resource "aws_iam_role_policy" "read_logs" {
  name   = "read-logs"
  role   = aws_iam_role.writer.id
  policy = data.aws_iam_policy_document.write_logs.json
}
