package evaluator

import "testing"

func TestConditionARN(t *testing.T) {
	t.Parallel()
	src := func(v string) func() *evalEnv { return ctxEnv("aws:SourceArn", v) }
	runCondCases(t, []condCase{
		{"CO-12 ArnLike per component", []Condition{mtCond("ArnLike", "aws:SourceArn", "arn:aws:s3:::bucket-*")}, src("arn:aws:s3:::bucket-a"), false, TriTrue, ""},
		{"CO-12 ArnEquals is ArnLike", []Condition{mtCond("ArnEquals", "aws:SourceArn", "arn:aws:sns:*:123456789012:topic")}, src("arn:aws:sns:us-east-1:123456789012:topic"), false, TriTrue, ""},
		{"CO-12 ArnLike fails where StringLike succeeds", []Condition{mtCond("ArnLike", "aws:SourceArn", "arn:aws:someservice:*:111122223333:finance/*")}, src("arn:aws:someservice:us-east-1:x:111122223333:finance/a"), false, TriFalse, ""},
		{"CO-12 StringLike on the same value succeeds", []Condition{mtCond("StringLike", "aws:SourceArn", "arn:aws:someservice:*:111122223333:finance/*")}, src("arn:aws:someservice:us-east-1:x:111122223333:finance/a"), false, TriTrue, ""},
		{"CO-12 6th component is one unit", []Condition{mtCond("ArnLike", "aws:SourceArn", "arn:aws:lambda:us-east-1:123456789012:function:*")}, src("arn:aws:lambda:us-east-1:123456789012:function:f:1"), false, TriTrue, ""},
		{"CO-12 case-sensitive", []Condition{mtCond("ArnLike", "aws:SourceArn", "arn:aws:s3:::Bucket")}, src("arn:aws:s3:::bucket"), false, TriFalse, ""},
		{"CO-12 ? in a component", []Condition{mtCond("ArnLike", "aws:SourceArn", "arn:aws:s3:::b?")}, src("arn:aws:s3:::bx"), false, TriTrue, ""},
		{"CO-12 value not an ARN: positive false", []Condition{mtCond("ArnLike", "aws:SourceArn", "arn:aws:s3:::*")}, src("not-an-arn"), false, TriFalse, ""},
		{"CO-12 value not an ARN: negated true", []Condition{mtCond("ArnNotLike", "aws:SourceArn", "arn:aws:s3:::*")}, src("not-an-arn"), false, TriTrue, ""},
		{"CO-12 ArnNotEquals", []Condition{mtCond("ArnNotEquals", "aws:SourceArn", "arn:aws:s3:::a", "arn:aws:s3:::b")}, src("arn:aws:s3:::c"), false, TriTrue, ""},
		{"CO-12 short pattern * AMB-1", []Condition{mtCond("ArnLike", "aws:SourceArn", "*")}, src("arn:aws:s3:::b"), false, TriUnknown, "ambiguous:CO-12"},
		{"CO-12 short pattern, readings agree", []Condition{mtCond("ArnLike", "aws:SourceArn", "arn:aws:s3*")}, src("arn:aws:sqs:us-east-1:1:q"), false, TriFalse, ""},
		{"CO-12 short pattern negated AMB-1", []Condition{mtCond("ArnNotLike", "aws:SourceArn", "arn:aws:s3:*")}, src("arn:aws:s3:::b"), false, TriUnknown, "ambiguous:CO-12"},
		{"CO-12 variable in resource component", []Condition{mtCond("ArnLike", "aws:SourceArn", "arn:aws:iam::*:user/${aws:username}")}, ctxEnv("aws:username", "alice", "aws:SourceArn", "arn:aws:iam::123456789012:user/alice"), true, TriTrue, ""},
		{"CO-12 variable with colon in its key", []Condition{mtCond("ArnEquals", "aws:SourceArn", "arn:aws:iam::${aws:PrincipalAccount}:root")}, ctxEnv("aws:PrincipalAccount", "123456789012", "aws:SourceArn", "arn:aws:iam::123456789012:root"), true, TriTrue, ""},
		{"CO-12 variable unset: negated true", []Condition{mtCond("ArnNotLike", "aws:SourceArn", "arn:aws:iam::*:user/${aws:username}")}, src("arn:aws:iam::1:user/a"), true, TriTrue, ""},
		{"VA-5 unset variable with an unknown value: negated true", []Condition{mtCond("ArnNotLike", "aws:SourceArn", "arn:aws:iam::*:user/${aws:username}")}, unknownEnv("aws:SourceArn", "src"), true, TriTrue, ""},
		{"PT-1 unknown value against an ARN pattern", []Condition{mtCond("ArnLike", "aws:SourceArn", "arn:aws:iam::*:user/x")}, unknownEnv("aws:SourceArn", "src"), true, TriUnknown, "src"},
		{"CO-12 VA-6 wildcard in variable", []Condition{mtCond("ArnLike", "aws:SourceArn", "arn:aws:iam::*:user/${aws:PrincipalTag/p}")}, ctxEnv("aws:PrincipalTag/p", "a*", "aws:SourceArn", "arn:aws:iam::1:user/abc"), true, TriUnknown, "ambiguous:VA-6"},
	})
}
