package iamdata

import "strings"

// kmsCrossAccountActions are the AWS KMS operations that a principal can
// perform on a KMS key in another AWS account.
//
// Source: AWS KMS Developer Guide, "Allowing users in other accounts to use a
// KMS key" (key-policy-modifying-external-accounts): "Cross-account permission
// is effective only for the following operations: ... If you give a user in a
// different account permission to perform other operations, those
// permissions have no effect. For example, if you give a principal in a
// different account kms:ListKeys permission in an IAM policy, or
// kms:ScheduleKeyDeletion permission on a KMS key in a key policy, the user's
// attempts to call those operations on your resources still fail." Each
// operation below is also marked "Cross-account use: Yes" in the AWS KMS API
// Reference ("To perform this operation on a KMS key in a different AWS
// account, specify the key ARN ..."), which is where ListGrants, RevokeGrant
// and GetKeyRotationStatus are confirmed. ReEncrypt is authorized as
// kms:ReEncryptFrom and kms:ReEncryptTo. Every other kms action is "Cross-account
// use: No".
var kmsCrossAccountActions = []string{
	"CreateGrant",
	"Decrypt",
	"DeriveSharedSecret",
	"DescribeKey",
	"Encrypt",
	"GenerateDataKey",
	"GenerateDataKeyPair",
	"GenerateDataKeyPairWithoutPlaintext",
	"GenerateDataKeyWithoutPlaintext",
	"GenerateMac",
	"GetKeyRotationStatus",
	"GetPublicKey",
	"ListGrants",
	"ReEncryptFrom",
	"ReEncryptTo",
	"RetireGrant",
	"RevokeGrant",
	"Sign",
	"Verify",
	"VerifyMac",
}

var kmsCrossAccountSet = func() map[string]bool {
	m := make(map[string]bool, len(kmsCrossAccountActions))
	for _, a := range kmsCrossAccountActions {
		m["kms:"+strings.ToLower(a)] = true
	}
	return m
}()

// KMSCrossAccountActions returns the KMS actions that have effect on a key
// in another account, as "kms:Name".
func KMSCrossAccountActions() []string {
	out := make([]string, len(kmsCrossAccountActions))
	for i, a := range kmsCrossAccountActions {
		out[i] = "kms:" + a
	}
	return out
}

// KMSCrossAccount reports whether a KMS action (case-insensitive) has effect
// on a key in another account (see kmsCrossAccountActions for the source).
func KMSCrossAccount(action string) bool {
	return kmsCrossAccountSet[strings.ToLower(action)]
}

// KMSCrossAccount reports whether a KMS action has effect on a key in another
// account; the evaluator finds it on its Catalog (EV-15).
func (e EngineCatalog) KMSCrossAccount(action string) bool { return KMSCrossAccount(action) }
