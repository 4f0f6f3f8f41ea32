package evaluator

import (
	"strings"
	"testing"
)

// tenStatementPolicy is a realistic 10-statement identity policy.
func tenStatementPolicy() []byte {
	stmts := []string{
		`{"Sid": "S3Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"], "Resource": ["arn:aws:s3:::data-bucket", "arn:aws:s3:::data-bucket/*"]}`,
		`{"Sid": "S3Write", "Effect": "Allow", "Action": ["s3:PutObject", "s3:DeleteObject"], "Resource": "arn:aws:s3:::data-bucket/home/${aws:username}/*"}`,
		`{"Sid": "KMS", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "Condition": {"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}}}`,
		`{"Sid": "EC2Tagged", "Effect": "Allow", "Action": ["ec2:StartInstances", "ec2:StopInstances"], "Resource": "arn:aws:ec2:*:111122223333:instance/*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}}`,
		`{"Sid": "Describe", "Effect": "Allow", "Action": ["ec2:Describe*", "cloudwatch:GetMetricData", "logs:DescribeLogGroups"], "Resource": "*"}`,
		`{"Sid": "PassRole", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::111122223333:role/app-*", "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}}`,
		`{"Sid": "Secrets", "Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/*", "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}}`,
		`{"Sid": "DenyRegions", "Effect": "Deny", "NotAction": ["iam:*", "sts:*", "support:*"], "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}}}`,
		`{"Sid": "DenyNoMFA", "Effect": "Deny", "Action": "iam:*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}`,
		`{"Sid": "Until", "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:111122223333:jobs", "Condition": {"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}, "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}}`,
	}
	return []byte("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    " + strings.Join(stmts, ",\n    ") + "\n  ]\n}")
}

func TestTenStatementPolicyIsClean(t *testing.T) {
	t.Parallel()
	p, fs := ParsePolicy(tenStatementPolicy(), PolicyIdentity)
	if p == nil || len(p.Statements) != 10 || len(fs) != 0 {
		t.Fatalf("statements %v, findings %v", p, fs)
	}
}

func BenchmarkParsePolicy(b *testing.B) {
	doc := tenStatementPolicy()
	b.ReportAllocs()
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		p, _ := ParsePolicy(doc, PolicyIdentity)
		if p == nil {
			b.Fatal("no tree")
		}
	}
}

func BenchmarkParseJSONLarge(b *testing.B) {
	doc := bigPolicy(10 << 20)
	b.ReportAllocs()
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if _, err := parseJSON(doc, jsonLimits{}); err != nil {
			b.Fatal(err)
		}
	}
}
