data "iamsim_policy_validation" "bucket_reader" {
  policy_json = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::example-assets", "arn:aws:s3:::example-assets/*"]
    }]
  })
}

data "iamsim_policy_validation" "trust" {
  policy_type = "trust"
  policy_json = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
}

output "bucket_reader_findings" {
  value = [
    for f in data.iamsim_policy_validation.bucket_reader.findings :
    "${f.line}:${f.column} ${f.severity} ${f.code}: ${f.message}"
  ]
}

check "policies_are_valid" {
  assert {
    condition     = data.iamsim_policy_validation.bucket_reader.valid && data.iamsim_policy_validation.trust.valid
    error_message = "A policy would be rejected by IAM."
  }
}
