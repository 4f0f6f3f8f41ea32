package evaluator

import "testing"

func TestActionMatch(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		patterns []string
		action   string
		want     bool
	}{
		{"AC-2 star matches everything", []string{"*"}, "s3:GetObject", true},
		{"AC-1 exact, case-insensitive", []string{"s3:getobject"}, "S3:GetObject", true},
		{"AC-1 pattern case folded", []string{"S3:GETOBJECT"}, "s3:GetObject", true},
		{"exact mismatch", []string{"s3:GetObject"}, "s3:GetObjectAcl", false},
		{"AC-2 service star", []string{"s3:*"}, "s3:PutObject", true},
		{"AC-2 service star other service", []string{"s3:*"}, "sqs:SendMessage", false},
		{"AC-2 prefix star", []string{"s3:Get*"}, "s3:GetObjectTagging", true},
		{"AC-2 prefix star empty run", []string{"s3:GetObject*"}, "s3:getobject", true},
		{"AC-2 prefix star mismatch", []string{"s3:Get*"}, "s3:PutObject", false},
		{"AC-2 question mark", []string{"s3:?etObject"}, "s3:GetObject", true},
		{"AC-2 question mark needs one char", []string{"s3:?GetObject"}, "s3:GetObject", false},
		{"AC-2 inner star", []string{"ec2:*Instances"}, "ec2:DescribeInstances", true},
		{"AC-2 wildcard in service", []string{"*:Get*"}, "iam:GetRole", true},
		{"AC-2 glob over the whole string", []string{"s3*"}, "s3:ListBucket", true},
		{"any of several", []string{"sqs:Send*", "s3:List*"}, "s3:ListBucket", true},
		{"none of several", []string{"sqs:Send*", "s3:List*"}, "s3:GetObject", false},
		{"no patterns", nil, "s3:GetObject", false},
		{"empty action", []string{"s3:*"}, "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			m := compileActionMatcher(mtVals(c.patterns...))
			if got := m.match(c.action); got != c.want {
				t.Errorf("match(%q) over %q = %v, want %v", c.action, c.patterns, got, c.want)
			}
		})
	}
}

func TestActionMatchAllocs(t *testing.T) {
	m := compileActionMatcher(mtVals("sqs:SendMessage", "s3:Get*", "ec2:*Instances", "kms:Decrypt"))
	if n := testing.AllocsPerRun(100, func() {
		if !m.match("EC2:DescribeInstances") || m.match("s3:PutObject") {
			t.Fatal("wrong answer")
		}
	}); n != 0 {
		t.Errorf("match allocates %v times, want 0", n)
	}
}

func BenchmarkActionMatch(b *testing.B) {
	m := compileActionMatcher(mtVals("sqs:SendMessage", "sqs:ReceiveMessage", "s3:Get*", "ec2:*Instances", "kms:Decrypt"))
	for b.Loop() {
		m.match("kms:Decrypt")
		m.match("ec2:DescribeInstances")
		m.match("s3:PutObject")
	}
}
