resource "aws_s3_bucket" "assets" {
  for_each = local.bucket_names

  bucket = each.value
  tags   = { environment = each.key, app = var.app }
}

resource "aws_sqs_queue" "jobs" {
  for_each = local.queue_names

  name = each.value
  tags = { environment = each.key, app = var.app }
}
