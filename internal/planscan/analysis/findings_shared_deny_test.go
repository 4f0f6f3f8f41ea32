package analysis

import (
	"sort"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// Deny statements narrow public-access and shared-access (issue 9), on a
// real plan (fixture shared_deny). IAM Access Analyzer "generates a finding
// for each instance of a resource-based policy that grants access to a
// resource within your zone of trust to a principal that is not within your
// zone of trust" and does it "by using logic-based reasoning to analyze
// resource-based policies" (IAM User Guide, "IAM Access Analyzer
// findings"; Access Analyzer API Reference): what the whole policy grants,
// its Deny statements included (EV-3: an explicit Deny wins over every
// Allow). Before the fix every document below was read from its Allow
// statements alone: org_only was public-access, listed, endpoint and the
// trust policy named the denied account or endpoint.
func TestExposureSubtractsDenies(t *testing.T) {
	t.Parallel()
	a := fixtureAnalysis(t, "shared_deny")
	got := map[string][]string{}
	for _, f := range a.After.exposureFindings(nil) {
		if f.rule != "public-access" && f.rule != "shared-access" {
			continue // unknown-account: TestUnknownAccountSubtractsDenies
		}
		got[f.address] = append(got[f.address], f.rule+": "+f.message)
	}
	for _, tc := range []struct {
		name, address string
		want          string // the findings of the address, "; "-joined
	}{
		{"Allow * + Deny unless aws:PrincipalOrgID: the organization, not public (CTX-9, EV-3)", "aws_s3_bucket_policy.org_only",
			"shared-access: aws_s3_bucket_policy.org_only: arn:aws:s3:::org-only-111122223333 is shared outside its account, not publicly, with organization o-a1b2c3d4e5 (s3:GetObject)"},
		{"a Deny for one of two listed accounts removes it (PR-4, EV-3)", "aws_s3_bucket_policy.listed",
			"shared-access: aws_s3_bucket_policy.listed: arn:aws:s3:::listed-111122223333 is shared outside its account, not publicly, with account 444455556666 (s3:GetObject)"},
		{"a Deny unless aws:SourceVpce keeps one of two endpoints (EV-3)", "aws_s3_bucket_policy.endpoint",
			"shared-access: aws_s3_bucket_policy.endpoint: arn:aws:s3:::endpoint-111122223333 is shared outside its account, not publicly, with VPC endpoint vpce-0a1b2c3d4e5f60718 (s3:GetObject)"},
		{"a Deny that does not pin the caller leaves it public", "aws_s3_bucket_policy.still_public",
			`public-access: aws_s3_bucket_policy.still_public: statement Read allows s3:GetObject to any principal ("*") without a condition that restricts the caller`},
		{"a trust policy's Deny for one of two accounts (EV-14, EV-3)", "aws_iam_role.partner_access",
			"shared-access: aws_iam_role.partner_access: arn:aws:iam::111122223333:role/partner-access is shared outside its account, not publicly, with account 444455556666 (sts:AssumeRole)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fs := append([]string(nil), got[tc.address]...)
			sort.Strings(fs)
			testkit.Equal(t, tc.address, strings.Join(fs, "; "), tc.want)
		})
	}
}

// describeWhen names whom the engine's conditions admit as describeShare
// names an Allow's conditions.
func TestDescribeWhen(t *testing.T) {
	t.Parallel()
	kc := func(k, txt string) evaluator.KeyCondition { return evaluator.KeyCondition{Key: k, Text: txt} }
	for _, tc := range []struct {
		name string
		when [][]evaluator.KeyCondition
		want string
	}{
		{"organization", [][]evaluator.KeyCondition{{kc("aws:PrincipalOrgID", "aws:PrincipalOrgID = o-a1b2c3d4e5")}}, "organization o-a1b2c3d4e5"},
		{"endpoints", [][]evaluator.KeyCondition{{kc("aws:SourceVpce", "aws:SourceVpce = one of [vpce-2, vpce-1]")}}, "VPC endpoint vpce-1 or vpce-2"},
		{"another key keeps the engine's text", [][]evaluator.KeyCondition{{kc("aws:SecureTransport", "aws:SecureTransport = true"), kc("aws:SourceVpc", "aws:SourceVpc = vpc-1")}},
			"VPC vpc-1 and callers when aws:SecureTransport = true"},
		{"a negation is not a share", [][]evaluator.KeyCondition{{kc("aws:SourceVpce", "aws:SourceVpce != vpce-1")}}, "callers when aws:SourceVpce != vpce-1"},
		{"two ways in", [][]evaluator.KeyCondition{{kc("aws:PrincipalOrgID", "aws:PrincipalOrgID = o-1")}, {kc("aws:SourceIp", "aws:SourceIp in 10.0.0.0/8")}},
			"organization o-1; or callers when aws:SourceIp in 10.0.0.0/8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			testkit.Equal(t, "who", describeWhen(tc.when), tc.want)
		})
	}
}

// unknown-account warns about an account a resource or trust policy grants
// access to; an account whose every granted action a Deny of the same
// policy removes (EV-3) is granted nothing and is not warned about. On the
// shared_deny fixture the former partner 555566667777 is allowed and then
// denied in aws_s3_bucket_policy.listed and aws_iam_role.partner_access.
func TestUnknownAccountSubtractsDenies(t *testing.T) {
	t.Parallel()
	a := fixtureAnalysis(t, "shared_deny")
	var got []string
	for _, f := range a.After.exposureFindings(nil) {
		if f.rule == "unknown-account" {
			got = append(got, f.key)
		}
	}
	sort.Strings(got)
	testkit.Equal(t, "unknown-account keys", strings.Join(got, " "),
		"aws_iam_role.partner_access#444455556666 aws_s3_bucket_policy.listed#444455556666")
}

// A "*" principal narrowed to the resource's own account (aws:SourceAccount,
// AWS:SourceOwner as in the default SNS topic policy, aws:PrincipalAccount,
// kms:CallerAccount) shares nothing outside the account: IAM Access
// Analyzer's zone of trust is the account. Another account, a set
// operator or a negation is not that.
func TestPinsOwnAccount(t *testing.T) {
	t.Parallel()
	cond := func(op, key string, vals ...string) evaluator.Condition {
		c := evaluator.Condition{Op: evaluator.ParseOperator(op), Key: key}
		for _, v := range vals {
			c.Values = append(c.Values, evaluator.Value{Text: v})
		}
		return c
	}
	const own = "111122223333"
	for _, tc := range []struct {
		name string
		c    evaluator.Condition
		want bool
	}{
		{"default SNS topic policy", cond("StringEquals", "AWS:SourceOwner", own), true},
		{"source account", cond("StringEquals", "aws:SourceAccount", own), true},
		{"principal account", cond("StringEquals", "aws:PrincipalAccount", own), true},
		{"another account too", cond("StringEquals", "aws:SourceAccount", own, "444455556666"), false},
		{"another account", cond("StringEquals", "aws:SourceAccount", "444455556666"), false},
		{"negated", cond("StringNotEquals", "aws:SourceAccount", own), false},
		{"set operator", cond("ForAnyValue:StringEquals", "aws:SourceAccount", own), false},
		{"not an account key", cond("StringEquals", "aws:SourceVpce", own), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := pinsOwnAccount(tc.c, own); got != tc.want {
				t.Errorf("pinsOwnAccount = %v, want %v", got, tc.want)
			}
		})
	}
}
