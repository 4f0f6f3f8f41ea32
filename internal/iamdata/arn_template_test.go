package iamdata

import (
	"errors"
	"testing"
)

func TestMatchResourceType(t *testing.T) {
	t.Parallel()
	tests := []struct {
		action string
		arn    string
		want   string // resource type name, "" for no match
	}{
		// RS-10
		{"s3:ListBucket", "arn:aws:s3:::b/k", ""}, // BucketName is followed by '/' in the object format: pinned
		// RS-10: placeholders take '/' and ':' unless their service pins them.
		{"logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/my-fn:log-stream:2024/05/01/[$LATEST]0123abcd", "log-stream"},
		{"logs:CreateLogGroup", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/my-fn", "log-group"},
		{"logs:DescribeLogStreams", "arn:aws:logs:us-east-1:123456789012:log-group:/ecs/app:*", "log-group"},
		{"logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:destination:d", ""},
		{"ssm:GetParameter", "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db/password", "parameter"},
		{"iam:GetUser", "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob", "user"},
		{"iam:GetUser", "arn:aws:iam::123456789012:role/division_abc/Bob", ""},
		{"secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/app/db-AbCdEf", "Secret"},
		{"ecr:BatchGetImage", "arn:aws:ecr:us-east-1:123456789012:repository/team/service", "repository"},
		{"kms:Decrypt", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "key"},
		{"kms:Decrypt", "arn:aws:kms:us-east-1:123456789012:alias/app", ""},
		{"s3:ListBucket", "arn:aws:s3:::b", "bucket"},
		{"s3:GetObject", "arn:aws:s3:::b/k", "object"},
		{"s3:GetObject", "arn:aws:s3:::b/dir/sub/k.txt", "object"},
		{"s3:GetObject", "arn:aws:s3:::b", ""},
		{"s3:GetObject", "arn:aws-us-gov:s3:::b/k", "object"},
		{"s3:GetObject", "arn:aws:s3:us-east-1:123456789012:accesspoint/ap/object/k", "accesspointobject"},
		{"iam:PassRole", "arn:aws:iam::123456789012:role/r", "role"},
		{"iam:PassRole", "arn:aws:iam::123456789012:role/path/to/r", "role"},
		{"iam:PassRole", "arn:aws:iam::123456789012:user/u", ""},
		{"iam:PassRole", "arn:aws:iam:us-east-1:123456789012:role/r", ""}, // literal empty region
		{"lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:f", "function"},
		{"lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:f:prod", "function"},
		{"sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:q", "queue"},
		{"sqs:SendMessage", "arn:aws:sqs::123456789012:q", ""}, // ${Region} is non-empty
		{"sqs:SendMessage", "arn:aws:sns:us-east-1:123456789012:q", ""},
		{"ec2:DescribeInstances", "arn:aws:ec2:us-east-1:123456789012:instance/i-1", ""}, // RS-9
		{"s3:GetObject", "*", ""}, // RS-0
		{"s3:GetObject", "not-an-arn", ""},
		{"dms:DeleteCertificate", "arn:aws:dms:us-east-1:123456789012:cert:ABC", "Certificate"},
	}
	for _, tt := range tests {
		t.Run(tt.action+" "+tt.arn, func(t *testing.T) {
			t.Parallel()
			a, ok := LookupAction(tt.action)
			if !ok {
				t.Fatalf("unknown action %s", tt.action)
			}
			rt, ok := MatchResourceType(a, tt.arn)
			if ok != (tt.want != "") || rt.Name != tt.want {
				t.Errorf("MatchResourceType = %q, %v; want %q", rt.Name, ok, tt.want)
			}
		})
	}
	if _, ok := MatchResourceType(nil, "arn:aws:s3:::b"); ok {
		t.Error("nil action matched")
	}
}

func TestCompileARNTemplate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		tmpl string
		arn  string
		want bool
		err  bool
	}{
		{"arn:${Partition}:s3:::${BucketName}", "arn:aws:s3:::b", true, false},
		{"arn:${Partition}:s3:::${BucketName}", "arn:aws:s3:::b/k", true, false}, // unpinned alone; pinned by its service (pinPlaceholders)
		{"arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}", "arn:aws:logs:us-east-1:1:log-group:/aws/lambda/fn", true, false},
		{"arn:${Partition}:logs:${Region}:${Account}:log-group:${G}:log-stream:${S}", "arn:aws:logs:us-east-1:1:log-group:/aws/lambda/fn:log-stream:2024/01/01/[$LATEST]ab", true, false},
		{"arn:${Partition}:logs:${Region}:${Account}:log-group:${G}:log-stream:${S}", "arn:aws:logs:us-east-1:1:log-group:/aws/lambda/fn", false, false},
		{"arn:${Partition}:x:${Region}:${Account}:a:${A}", "arn:aws:x:r:1:a:", false, false},
		{"arn:${Partition}:x:${Region}:${Account}:a:${A}", "arn:aws:x:r:1:b:c", false, false},
		{"arn:${Partition}:s3:::${BucketName}", "arn:aws:s3:::", false, false},
		{"arn:${Partition}:s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::b/", false, false},
		{"arn:${Partition}:x:${Region}:${Account}:a/${A}-${B}/c", "arn:aws:x:r:1:a/p-q-r/c", true, false},
		{"arn:${Partition}:x:${Region}:${Account}:a/${A}-${B}/c", "arn:aws:x:r:1:a/pq/c", false, false},
		{"arn:${Partition}:x:${Region}:${Account}:apps/*", "arn:aws:x:r:1:apps/a/b", true, false},
		{"arn:${Partition}:x:*:*:d/${D}", "arn:aws:x:us-east-1:1:d/q", true, false},
		{"arn:${Partition}:x::${Account}:b/${S}-{Stamp}", "arn:aws:x::1:b/s-2020", true, false},
		{"arn:${Partition}:x::${Account}:b/${S", "", false, true},
		{"arn:${Partition}:x::${Account}:b/${}", "", false, true},
		{"arn:${Partition}:x::${Account}:b/$x", "", false, true},
		{"arn:${Partition}:x:b", "", false, true},
		{"s3:::b", "", false, true},
	}
	for _, tt := range tests {
		tmpl, err := compileARNTemplate(tt.tmpl)
		if tt.err {
			if !errors.Is(err, errBadTemplate) {
				t.Errorf("compile(%q) err = %v, want errBadTemplate", tt.tmpl, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("compile(%q): %v", tt.tmpl, err)
		}
		assertEqual(t, tt.tmpl+" ~ "+tt.arn, tmpl.match(tt.arn), tt.want)
	}
}

func TestEveryEmbeddedTemplateCompiles(t *testing.T) {
	t.Parallel()
	n := 0
	for _, svc := range Default().services().services {
		for _, rt := range svc.resourceTypes {
			n += len(rt.templates)
		}
	}
	if n < 2300 {
		t.Errorf("only %d ARN templates", n)
	}
}
