package iamdata

import "testing"

func TestConditionKeyType(t *testing.T) {
	t.Parallel()
	tests := []struct {
		key, action string
		want        string
		known       bool
	}{
		{"aws:TagKeys", "", "ArrayOfString", true},
		{"AWS:TAGKEYS", "", "ArrayOfString", true}, // CO-2
		{"aws:PrincipalOrgPaths", "", "ArrayOfString", true},
		{"aws:SourceIp", "", "IPAddress", true},
		{"aws:CurrentTime", "", "Date", true},
		{"aws:EpochTime", "", "Date", true},
		{"aws:SecureTransport", "", "Bool", true},
		{"aws:MultiFactorAuthAge", "", "Numeric", true},
		{"aws:PrincipalArn", "", "ARN", true},
		{"aws:SourceArn", "", "ARN", true},
		{"aws:PrincipalTag/team", "", "String", true},
		{"aws:RequestTag/Cost-Center", "", "String", true},
		{"aws:resourcetag/x", "", "String", true},
		{"aws:ResourceTag/", "", "", false}, // the tag key must not be empty
		{"iam:PassedToService", "", "String", true},
		{"iam:PassedToService", "iam:PassRole", "String", true},
		{"s3:ExistingObjectTag/env", "s3:GetObject", "String", true},
		{"s3:prefix", "", "String", true},
		{"ec2:InstanceType", "ec2:RunInstances", "ARN", false},
		{"kms:EncryptionContext:team", "", "String", true},
		{"cognito-identity.amazonaws.com:amr", "", "String", true}, // defined under sts
		{"token.actions.githubusercontent.com:repository", "", "String", true},
		{"token.actions.githubusercontent.com:sub", "", "", false}, // CTX-20: missing from the data
		{"identitystore:UserId", "", "String", true},
		{"s3:NoSuchKey", "", "", false},
		{"nosuch:key", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		typ, known := ConditionKeyType(tt.key, tt.action)
		if tt.key == "ec2:InstanceType" {
			// Type comes from the data; only check it is known.
			if !known {
				t.Errorf("ConditionKeyType(%q) unknown", tt.key)
			}
			continue
		}
		if typ != tt.want || known != tt.known {
			t.Errorf("ConditionKeyType(%q, %q) = %q, %v; want %q, %v", tt.key, tt.action, typ, known, tt.want, tt.known)
		}
	}
	k, _ := LookupConditionKey("aws:EpochTime", "")
	assertEqual(t, "aws:EpochTime AltType", k.AltType, "Numeric")
	k, _ = LookupConditionKey("aws:RequestTag/x", "")
	assertEqual(t, "template name", k.Name, "aws:RequestTag/${TagKey}")
}

func TestIsMultivaluedKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		key  string
		want bool
	}{
		// CO-16
		{"aws:TagKeys", true},
		{"aws:CalledVia", true},
		{"aws:PrincipalOrgPaths", true},
		{"aws:ResourceOrgPaths", true},
		{"aws:PrincipalServiceNamesList", true},
		{"cognito-identity.amazonaws.com:amr", true},
		{"COGNITO-IDENTITY.AMAZONAWS.COM:AMR", true},
		{"ec2:ResourceTag/x", false},
		{"aws:SourceIp", false},
		{"aws:PrincipalTag/x", false},
		{"s3:prefix", false},
		{"nosuch:key", false},
	}
	for _, tt := range tests {
		assertEqual(t, "IsMultivaluedKey("+tt.key+")", IsMultivaluedKey(tt.key), tt.want)
	}
	// Every ArrayOf* key of the data is multivalued.
	for _, svc := range Default().services().services {
		for _, k := range svc.keys {
			if IsMultivaluedType(k.Type) && !IsMultivaluedKey(k.Name) && svc.prefix == keyPrefix(k.Name) {
				t.Errorf("%s (%s) not multivalued", k.Name, k.Type)
			}
		}
	}
}

func TestConditionKeyApplies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		action, rt, key string
		want            bool
	}{
		// CTX-2
		{"iam:PassRole", "", "iam:PassedToService", true},
		{"iam:PassRole", "role", "aws:SourceIp", true},
		{"s3:GetObject", "object", "s3:ExistingObjectTag/env", true},
		{"s3:GetObject", "object", "s3:prefix", false},
		{"s3:ListBucket", "bucket", "s3:prefix", true},
		{"ec2:RunInstances", "instance", "ec2:InstanceType", true},
		{"ec2:RunInstances", "image", "ec2:InstanceType", false},
		{"ec2:RunInstances", "", "ec2:InstanceType", true},
		{"sts:AssumeRoleWithWebIdentity", "", "token.actions.githubusercontent.com:sub", false},
	}
	for _, tt := range tests {
		a, ok := LookupAction(tt.action)
		if !ok {
			t.Fatalf("unknown action %s", tt.action)
		}
		assertEqual(t, tt.action+"/"+tt.rt+" "+tt.key, ConditionKeyApplies(a, tt.rt, tt.key), tt.want)
	}
	assertEqual(t, "nil action", ConditionKeyApplies(nil, "", "aws:SourceIp"), false)
}

func TestGlobalConditionKeys(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, k := range GlobalConditionKeys() {
		if seen[k.Name] {
			t.Errorf("%s listed twice", k.Name)
		}
		seen[k.Name] = true
		if k.Type == "" {
			t.Errorf("%s has no type", k.Name)
		}
		if !IsGlobalConditionKey(k.Name) {
			t.Errorf("IsGlobalConditionKey(%s) = false", k.Name)
		}
	}
	if len(seen) < 59 {
		t.Errorf("only %d global keys", len(seen))
	}
}

// ConditionKeyListed is ConditionKeyApplies without the global keys'
// shortcut: aws:ResourceTag/ is global, yet "This key is returned only for
// resources that support authorization based on tags" (IAM User Guide,
// aws:ResourceTag/tag-key; CTX-2, CTX-19).
func TestConditionKeyListed(t *testing.T) {
	t.Parallel()
	c := Default()
	for _, tt := range []struct {
		action, rt, key string
		want            bool
	}{
		{"dynamodb:GetItem", "table", "aws:ResourceTag/team", true},
		{"dynamodb:DescribeBackup", "backup", "aws:ResourceTag/team", false},
		{"kms:Decrypt", "key", "aws:ResourceTag/team", true},
		{"kms:Decrypt", "", "kms:EncryptionContext:app", true}, // an action key
		{"dynamodb:GetItem", "table", "aws:SourceIp", false},   // global, listed nowhere
		{"iam:PassRole", "role", "aws:ResourceTag/team", true},
	} {
		a, ok := c.LookupAction(tt.action)
		if !ok {
			t.Fatalf("unknown action %s", tt.action)
		}
		assertEqual(t, tt.action+"/"+tt.rt+" "+tt.key, c.ConditionKeyListed(a, tt.rt, tt.key), tt.want)
	}
	assertEqual(t, "nil action", c.ConditionKeyListed(nil, "", "aws:ResourceTag/team"), false)
}
