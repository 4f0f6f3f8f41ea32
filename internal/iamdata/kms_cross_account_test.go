package iamdata

import "testing"

func TestKMSCrossAccountActionsExist(t *testing.T) {
	t.Parallel()
	for _, a := range KMSCrossAccountActions() {
		if !ActionExists(a) {
			t.Errorf("%s is not in the reference data", a)
		}
	}
	// "if you give a principal in a different account kms:ListKeys permission
	// in an IAM policy, or kms:ScheduleKeyDeletion permission on a KMS key in a
	// key policy, the user's attempts to call those operations on your
	// resources still fail" (KMS Developer Guide, key-policy-modifying-external-accounts).
	for _, tt := range []struct {
		action string
		want   bool
	}{
		{"kms:ScheduleKeyDeletion", false},
		{"kms:ListKeys", false},
		{"kms:PutKeyPolicy", false},
		{"kms:decrypt", true},
		{"KMS:GenerateDataKeyWithoutPlaintext", true},
		{"kms:ReEncryptFrom", true},
		{"s3:GetObject", false},
	} {
		assertEqual(t, tt.action, KMSCrossAccount(tt.action), tt.want)
	}
}
