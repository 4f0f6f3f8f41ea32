package analysis

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// Issue 14: a policy's Resource "arn:aws:s3:::" (bucket name empty, in a
// public Checkov plan) crashed buildTargets; the corpus golden of that plan
// covers the whole path.
func TestResourceTypeWord(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ res, want string }{
		{"role/app", "role"},
		{"key:abc", "key"},
		{"bucket", "bucket"},
		{"", ""},
		{"/", ""},
		{":/:", ""},
	} {
		testkit.Equal(t, tc.res, resourceTypeWord(tc.res), tc.want)
	}
}

// A target whose ARN is known only in part keeps the shape of its kind, so
// the actions on that kind fit it (issue 8: a new KMS key, an IAM role of
// an unknown account are never dropped from the diff; PT-4 prefixes).
func TestUnknownSample(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ kind, prefix, want string }{
		{"kms-key", "", "arn:aws:kms:us-east-1:000000000000:key/x"},
		{"kms-key", "arn:aws:kms:", "arn:aws:kms:us-east-1:000000000000:key/x"},
		{"kms-key", "arn:aws:kms:eu-west-1:", "arn:aws:kms:eu-west-1:000000000000:key/x"},
		{"kms-key", "arn:aws:kms:eu-west-1:444455556666:key/", "arn:aws:kms:eu-west-1:444455556666:key/x"},
		{"iam-role", "arn:aws:iam::", "arn:aws:iam::000000000000:role/x"},
		{"iam-role", "arn:aws-cn:iam::", "arn:aws-cn:iam::000000000000:role/x"},
		{"sqs-queue", "arn:aws:sqs:", "arn:aws:sqs:x"},
		{"iam-role", "arn:aws:s3:::", "arn:aws:s3:::x"},
	} {
		got := unknownSample(&matrixTarget{Kind: tc.kind, Unknown: &evaluator.Unknown{Prefix: tc.prefix}})
		if got != tc.want {
			t.Errorf("%s %q: %q, want %q", tc.kind, tc.prefix, got, tc.want)
		}
	}
}
