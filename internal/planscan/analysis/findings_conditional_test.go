package analysis

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Symbols of a bucket and a role the plan creates (bucket_prefix,
// name_prefix), as a rebuilt document holds them (evaluator/symbol.go).
var (
	symBucket = evaluator.SymbolText(&evaluator.Unknown{Prefix: "arn:aws:s3:::data-", Symbol: "aws_s3_bucket.data", Fresh: true})
	symRole   = evaluator.SymbolText(&evaluator.Unknown{Prefix: "arn:aws:iam::111122223333:role/reader-", Symbol: "aws_iam_role.reader", Fresh: true})
)

// restricts: a condition narrows a "*" principal only when no value lets
// every caller through (issue 9; CO-11, CO-12).
func TestRestricts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, op, key string
		values        []string
		want          bool
	}{
		{"one /24", "IpAddress", "aws:SourceIp", []string{"198.51.100.0/24"}, true},
		{"0.0.0.0/0 among others (CO-11)", "IpAddress", "aws:SourceIp", []string{"198.51.100.0/24", "0.0.0.0/0"}, false},
		{"::/0", "IpAddress", "aws:SourceIp", []string{"::/0"}, false},
		{"wildcard account in PrincipalArn (CO-12)", "ArnLike", "aws:PrincipalArn", []string{"arn:aws:iam::*:role/reporting-*"}, false},
		{"own account in PrincipalArn", "ArnLike", "aws:PrincipalArn", []string{"arn:aws:iam::111122223333:role/reporting-*"}, true},
		{"StringEquals takes * literally (CO-6)", "StringEquals", "aws:PrincipalArn", []string{"arn:aws:iam::*:role/x"}, true},
		{"wildcard org id", "StringLike", "aws:PrincipalOrgID", []string{"o-*"}, false},
		{"org id", "StringEquals", "aws:PrincipalOrgID", []string{"o-a1b2c3d4e5"}, true},
		{"OU path under one organization (CTX-9)", "StringLike", "aws:PrincipalOrgPaths", []string{"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"}, true},
		{"OU path under any organization", "StringLike", "aws:PrincipalOrgPaths", []string{"o-*/r-ab12/ou-ab12-11111111/*"}, false},
		{"S3 source ARN pattern", "ArnLike", "aws:SourceArn", []string{"arn:aws:s3:::logs-*"}, true},
		{"negated operator (CO-1)", "StringNotEquals", "aws:PrincipalAccount", []string{"111122223333"}, false},
		{"IfExists lets callers without the key through (CO-4)", "StringEqualsIfExists", "aws:PrincipalAccount", []string{"111122223333"}, false},
		{"a key that names no caller", "Bool", "aws:SecureTransport", []string{"true"}, false},
		// issue 8: a symbol names one resource of the plan, not "*"
		{"source ARN of a bucket the plan creates", "ArnEquals", "aws:SourceArn", []string{symBucket}, true},
		{"source ARN of a bucket the plan creates, ArnLike", "ArnLike", "aws:SourceArn", []string{symBucket}, true},
		{"principal ARN of a role the plan creates", "ArnLike", "aws:PrincipalArn", []string{symRole}, true},
		{"principal ARN of a role the plan creates, StringEquals", "StringEquals", "aws:PrincipalArn", []string{symRole}, true},
		{"a symbol beside a wildcard account", "ArnLike", "aws:PrincipalArn", []string{symRole, "arn:aws:iam::*:role/x"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := evaluator.Condition{Key: tc.key, Op: evaluator.ParseOperator(tc.op)}
			for _, v := range tc.values {
				c.Values = append(c.Values, evaluator.Value{Text: v})
			}
			if got := restricts(c); got != tc.want {
				t.Errorf("restricts(%s %s %v) = %v, want %v", tc.op, tc.key, tc.values, got, tc.want)
			}
		})
	}
}

func TestConditionClass(t *testing.T) {
	t.Parallel()
	kc := func(k string) evaluator.KeyCondition { return evaluator.KeyCondition{Key: k, Text: k} }
	for _, tc := range []struct {
		name string
		when [][]evaluator.KeyCondition
		want string
	}{
		{"mfa", [][]evaluator.KeyCondition{{kc("aws:MultiFactorAuthPresent")}}, "mfa"},
		{"network", [][]evaluator.KeyCondition{{kc("aws:SourceIp")}, {kc("aws:SourceVpce")}}, "network"},
		{"mixed alternatives", [][]evaluator.KeyCondition{{kc("aws:SourceIp")}, {kc("aws:MultiFactorAuthPresent")}}, "context"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			q := evaluator.Quantified{Outcome: evaluator.OutcomeConditional, When: tc.when}
			if got := conditionClass(&q); got != tc.want {
				t.Errorf("class = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestConfigExpectPossible(t *testing.T) {
	t.Parallel()
	src := "assert \"p\" {\n  principals = [\"aws_iam_user.a\"]\n  actions = [\"s3:GetObject\"]\n  resources = [\"*\"]\n  expect = \"possible\"\n}\n"
	c, err := ParseConfig("planscan.hcl", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if c.Asserts[0].Expect != "possible" {
		t.Errorf("expect = %q", c.Asserts[0].Expect)
	}
}
