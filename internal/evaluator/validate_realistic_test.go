package evaluator

import (
	"strings"
	"testing"
)

// Realistic AWS documents: none may produce an error, and only the listed
// warnings (each a deliberate lint) may appear.
var realisticPolicies = []struct {
	name  string
	typ   PolicyType
	doc   string
	allow []string // finding codes that are expected here
}{
	{name: "S3 bucket policy for CloudFront OAC with TLS-only deny", typ: PolicyResource, doc: `{
  "Version": "2012-10-17",
  "Id": "PolicyForCloudFrontPrivateContent",
  "Statement": [
    {
      "Sid": "AllowCloudFrontServicePrincipal",
      "Effect": "Allow",
      "Principal": {"Service": "cloudfront.amazonaws.com"},
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*",
      "Condition": {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE"}}
    },
    {
      "Sid": "DenyInsecureTransport",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"],
      "Condition": {"Bool": {"aws:SecureTransport": "false"}}
    }
  ]
}`},
	{name: "GitHub Actions OIDC trust policy", typ: PolicyTrust, doc: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
        "StringLike": {"token.actions.githubusercontent.com:sub": "repo:octo-org/octo-repo:ref:refs/heads/main"}
      }
    },
    {
      "Sid": "EC2",
      "Effect": "Allow",
      "Principal": {"Service": ["ec2.amazonaws.com"], "AWS": "arn:aws:iam::111122223333:role/deployer"},
      "Action": ["sts:AssumeRole", "sts:TagSession"]
    }
  ]
}`},
	{name: "SCP region lock with exemptions", typ: PolicySCP, doc: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "FullAWSAccess", "Effect": "Allow", "Action": "*", "Resource": "*"},
    {
      "Sid": "DenyAllOutsideEU",
      "Effect": "Deny",
      "NotAction": ["a4b:*", "budgets:*", "cloudfront:*", "iam:*", "route53:*", "support:*"],
      "Resource": "*",
      "Condition": {
        "StringNotEquals": {"aws:RequestedRegion": ["eu-central-1", "eu-west-1"]},
        "ArnNotLike": {"aws:PrincipalARN": ["arn:aws:iam::*:role/Role1AllowedToBypassThisSCP"]}
      }
    },
    {"Sid": "DenyLeaveOrg", "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}
  ]
}`},
	{name: "RCP full access plus org perimeter", typ: PolicyRCP, doc: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
    {
      "Sid": "EnforceOrgIdentities",
      "Effect": "Deny",
      "Principal": "*",
      "Action": ["s3:*", "sqs:*", "kms:*", "secretsmanager:*", "sts:AssumeRole"],
      "Resource": "*",
      "Condition": {
        "StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5", "aws:ResourceTag/dp:exclude:identity": "true"},
        "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}
      }
    }
  ]
}`},
	{name: "KMS key policy", typ: PolicyResource, doc: `{
  "Version": "2012-10-17",
  "Id": "key-consolepolicy-3",
  "Statement": [
    {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
    {
      "Sid": "Allow use of the key",
      "Effect": "Allow",
      "Principal": {"AWS": ["arn:aws:iam::111122223333:role/ExampleRole", "444455556666"]},
      "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
      "Resource": "*"
    },
    {
      "Sid": "Allow attachment of persistent resources",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:role/ExampleRole"},
      "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      "Resource": "*",
      "Condition": {"Bool": {"kms:GrantIsForAWSResource": true}}
    }
  ]
}`, allow: []string{"GR-5"}}, // AWS's own console key policy uses Sids with spaces (a warning outside IAM)
	{name: "PowerUserAccess", typ: PolicyIdentity, doc: `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"], "Resource": "*"},
    {
      "Effect": "Allow",
      "Action": ["iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles", "organizations:DescribeOrganization", "account:ListRegions", "account:GetAccountInformation"],
      "Resource": "*"
    }
  ]
}`, allow: []string{"GR-13"}},
	{name: "identity policy with variables and tags", typ: PolicyIdentity, doc: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "HomeFolder",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": "arn:aws:s3:::home-bucket/home/${aws:username}/*"
    },
    {
      "Sid": "ListHome",
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::home-bucket",
      "Condition": {"StringLike": {"s3:prefix": ["home/${aws:username}/*", ""]}}
    },
    {
      "Sid": "TaggedInstances",
      "Effect": "Allow",
      "Action": ["ec2:StartInstances", "ec2:StopInstances"],
      "Resource": "arn:aws:ec2:*:111122223333:instance/*",
      "Condition": {
        "StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"},
        "IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]},
        "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"},
        "NumericLessThanEquals": {"aws:MultiFactorAuthAge": "3600"}
      }
    }
  ]
}`},
	{name: "VPC endpoint policy", typ: PolicyEndpoint, doc: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": ["s3:GetObject", "s3:ListBucket"],
      "Resource": ["arn:aws:s3:::example-bucket", "arn:aws:s3:::example-bucket/*"],
      "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}
    }
  ]
}`},
}

func TestRealisticPoliciesAreValid(t *testing.T) {
	t.Parallel()
	for _, tc := range realisticPolicies {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p, fs := ParsePolicy([]byte(tc.doc), tc.typ)
			if p == nil || len(p.Statements) == 0 {
				t.Fatalf("no tree: %v", fs)
			}
			for _, f := range fs {
				if f.Severity == SeverityError || !containsCode(tc.allow, f.Code) {
					t.Errorf("unexpected finding %v", f)
				}
			}
		})
	}
}

func containsCode(codes []string, code string) bool {
	for _, c := range codes {
		if c == code {
			return true
		}
	}
	return false
}

// fakeCatalog is a tiny reference data set for the Catalog-based checks.
type fakeCatalog struct{}

var fakeActions = map[string]bool{ // action -> wildcard-only
	"s3:getobject": false, "s3:putobject": false, "s3:listbucket": false, "s3:listallmybuckets": true,
	"iam:passrole": false, "iam:listroles": true, "ec2:describeinstances": true, "ec2:startinstances": false,
}

func (fakeCatalog) Action(name string) (bool, bool) {
	wo, ok := fakeActions[strings.ToLower(name)]
	return ok, wo
}

func (fakeCatalog) ServiceKnown(prefix string) bool {
	switch strings.ToLower(prefix) {
	case "s3", "iam", "ec2":
		return true
	}
	return false
}

func (fakeCatalog) ResourceFits(action, arn string) (bool, bool) { return true, true }

func (fakeCatalog) MultivaluedKey(key string) (bool, bool) {
	switch strings.ToLower(key) {
	case "ec2:resourcetags", "s3:objectaccesslist":
		return true, true
	case "s3:prefix", "ec2:instancetype":
		return false, true
	}
	return false, false
}

func TestValidateWithCatalog(t *testing.T) {
	t.Parallel()
	p := "/Statement/0/"
	runFindingCases(t, []findingCase{
		{name: "AC-4 unknown service", doc: policyOf(`{"Effect": "Allow", "Action": "s4:GetObject", "Resource": "*"}`), want: []string{`warning AC-4 ` + p + `Action @"s4:GetObject"`}},
		{name: "AC-4 unknown action", doc: policyOf(`{"Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjekt"], "Resource": "*"}`), want: []string{"warning AC-4 " + p + "Action/1"}},
		{name: "AC-4 known action in any case", doc: policyOf(`{"Effect": "Allow", "Action": ["S3:getobject", "s3:Get*", "*"], "Resource": "*"}`), not: []string{"AC-4"}},
		{name: "AC-4 typo in NotAction widens an Allow", doc: policyOf(`{"Effect": "Allow", "NotAction": "iam:PassRoll", "Resource": "*"}`), want: []string{"warning AC-4 " + p + "NotAction"}},
		{name: "RS-9 wildcard-only action on an ARN", doc: policyOf(`{"Effect": "Allow", "Action": ["s3:ListAllMyBuckets", "s3:GetObject"], "Resource": "arn:aws:s3:::b/*"}`), want: []string{"warning RS-9 " + p + "Action/0"}},
		{name: "RS-9 Deny on wildcard-only action has no effect", doc: policyOf(`{"Effect": "Deny", "Action": "ec2:DescribeInstances", "Resource": "arn:aws:ec2:*:*:instance/*"}`), want: []string{"warning RS-9 " + p + "Action"}},
		{name: "RS-9 star resource is fine", doc: policyOf(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": ["arn:aws:s3:::b", "*"]}`), not: []string{"RS-9"}},
		{name: "CO-15 plain operator on multivalued key", doc: cond(`{"StringEquals": {"aws:TagKeys": "env", "ec2:ResourceTags": "x"}}`), want: []string{"warning CO-15 " + p + "Condition/StringEquals/aws:TagKeys", "warning CO-15 " + p + "Condition/StringEquals/ec2:ResourceTags"}},
		{name: "CO-16 set operator on single-valued key", doc: policyOf(`{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"ForAnyValue:StringLike": {"s3:prefix": "a/*", "aws:PrincipalTag/team": "x"}}}`), want: []string{"warning CO-16 " + p + "Condition/ForAnyValue:StringLike/s3:prefix", "warning CO-16 " + p + "Condition/ForAnyValue:StringLike/aws:PrincipalTag~1team"}},
		{name: "CO-16 unknown key is not reported", doc: cond(`{"ForAnyValue:StringEquals": {"foo:bar": "x"}}`), not: []string{"CO-16", "CO-15"}},
		{name: "VA-4 catalog multivalued key as variable", doc: cond(`{"StringEquals": {"aws:PrincipalTag/x": "${ec2:ResourceTags}"}}`), want: []string{"error VA-4 " + p + "Condition/StringEquals/aws:PrincipalTag~1x"}},
	}, Options{Catalog: fakeCatalog{}})

	// Without a catalog none of these checks run.
	fs := Validate([]byte(policyOf(`{"Effect": "Allow", "Action": "s4:GetObject", "Resource": "*"}`)), PolicyIdentity, Options{})
	if len(fs) != 0 {
		t.Errorf("without a catalog: %v", fs)
	}
}

func TestValidateFindingsSortedByOffset(t *testing.T) {
	t.Parallel()
	doc := policyOf(`{"Effect": "Allow", "Action": ["s4:X", "s3:GetObject"], "Resource": "bucket", "Condition": {"StringEquals": {"aws:TagKeys": "a*"}}}`)
	fs := Validate([]byte(doc), PolicyIdentity, Options{Catalog: fakeCatalog{}})
	if len(fs) < 4 {
		t.Fatalf("findings = %v", fs)
	}
	for i := 1; i < len(fs); i++ {
		if fs[i].Offset < fs[i-1].Offset {
			t.Errorf("findings not sorted by offset:\n%s", renderFindings(fs))
		}
	}
}
