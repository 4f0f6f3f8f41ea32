package evaluator

import (
	"encoding/json"
	"fmt"
	"testing"
)

// Large-policy benchmarks (issue 14, "Near-linear cost"): conditions with
// 100,000 literals and a policy with 20,000 statements. Compile and decide
// are timed separately; the decisions must not depend on the number of
// values or statements beyond what the request can match.

func largeSetPolicy(op string, values []string) []byte {
	doc := map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
			"Condition": map[string]any{op: map[string]any{"aws:TagKeys": values}},
		}},
	}
	out, _ := json.Marshal(doc)
	return out
}

func largeValues(n int, format string) []string {
	vals := make([]string, n)
	for i := range vals {
		vals[i] = fmt.Sprintf(format, i)
	}
	return vals
}

var largeSetCases = []struct {
	name   string
	op     string
	policy []string // fmt formats of the policy values
	req    []string // request values of aws:TagKeys
	want   Decision
}{
	{"StringEquals", "StringEquals", []string{"value-%06d"}, []string{"value-099999"}, Allowed},
	{"StringEqualsIgnoreCase", "StringEqualsIgnoreCase", []string{"Value-%06d"}, []string{"VALUE-099999"}, Allowed},
	{"ForAllValues:StringLike", "ForAllValues:StringLike", []string{"value-%06d", "prefix-%06d/*"}, largeValues(1000, "value-%06d"), Allowed},
	{"ForAnyValue:StringEquals/miss", "ForAnyValue:StringEquals", []string{"value-%06d"}, largeValues(10000, "other-%06d"), ImplicitDeny},
	{"ForAnyValue:StringLike/globs", "ForAnyValue:StringLike", []string{"team-%06d-*"}, append(largeValues(999, "other-%d"), "team-099999-x"), Allowed},
}

func largeSetDoc(op string, formats []string) []byte {
	var vals []string
	for _, f := range formats {
		vals = append(vals, largeValues(100000/len(formats), f)...)
	}
	return largeSetPolicy(op, vals)
}

func largeSetRequest(tb testing.TB, tags []string) Request {
	tb.Helper()
	p, err := ParsePrincipal("arn:aws:iam::111122223333:user/alice")
	if err != nil {
		tb.Fatal(err)
	}
	req := Request{Principal: p, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/key"}
	req.Context.SetList("aws:TagKeys", tags)
	return req
}

// BenchmarkLargeSetCompile compiles a policy whose one condition has
// 100,000 values.
func BenchmarkLargeSetCompile(b *testing.B) {
	for _, tc := range largeSetCases {
		b.Run(tc.name, func(b *testing.B) {
			doc := largeSetDoc(tc.op, tc.policy)
			b.ReportAllocs()
			for b.Loop() {
				Compile(PolicySet{Identity: []PolicyDoc{{JSON: doc}}}, Options{})
			}
		})
	}
}

// BenchmarkLargeSetDecide decides one request against a condition with
// 100,000 values (the request holds 1 to 10,000 values).
func BenchmarkLargeSetDecide(b *testing.B) {
	for _, tc := range largeSetCases {
		b.Run(tc.name, func(b *testing.B) {
			cs := Compile(PolicySet{Identity: []PolicyDoc{{JSON: largeSetDoc(tc.op, tc.policy)}}}, Options{})
			req := largeSetRequest(b, tc.req)
			var res Result
			cs.DecideInto(&req, &res)
			if res.Decision != tc.want {
				b.Fatalf("decision %s, want %s (%v)", res.Decision, tc.want, res)
			}
			b.ReportAllocs()
			for b.Loop() {
				cs.DecideInto(&req, &res)
			}
		})
	}
}

// manyStatementsPolicy is one identity policy of n statements over ten
// services: s3 statements grant s3:GetObject on their own bucket, the
// others one action each on "*"; every 100th statement is a Deny with a
// wildcard action.
func manyStatementsPolicy(n int) []byte {
	svcs := []string{"s3", "ec2", "iam", "sqs", "sns", "dynamodb", "lambda", "kms", "logs", "ssm"}
	stmts := make([]any, n)
	for i := range stmts {
		svc := svcs[i%len(svcs)]
		st := map[string]any{"Sid": fmt.Sprintf("S%d", i), "Effect": "Allow"}
		switch {
		case i%100 == 99:
			st["Effect"] = "Deny"
			st["Action"] = svc + ":Delete*"
			st["Resource"] = "*"
		case svc == "s3":
			st["Action"] = "s3:GetObject"
			st["Resource"] = fmt.Sprintf("arn:aws:s3:::bucket-%d/*", i)
		default:
			st["Action"] = fmt.Sprintf("%s:Get%d", svc, i)
			st["Resource"] = "*"
		}
		stmts[i] = st
	}
	out, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": stmts})
	return out
}

// BenchmarkManyStatements compiles a 20,000-statement policy and decides
// requests against it.
func BenchmarkManyStatements(b *testing.B) {
	doc := manyStatementsPolicy(20000)
	b.Run("compile", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Compile(PolicySet{Identity: []PolicyDoc{{JSON: doc}}}, Options{})
		}
	})
	cs := Compile(PolicySet{Identity: []PolicyDoc{{JSON: doc}}}, Options{})
	p, err := ParsePrincipal("arn:aws:iam::111122223333:user/alice")
	if err != nil {
		b.Fatal(err)
	}
	for _, rc := range []struct {
		name, action, resource string
		want                   Decision
	}{
		{"s3-object", "s3:GetObject", "arn:aws:s3:::bucket-19990/key", Allowed},
		{"exact-action", "ec2:Get19991", "*", Allowed},
		{"no-match", "ec2:DescribeInstances", "*", ImplicitDeny},
	} {
		b.Run("decide/"+rc.name, func(b *testing.B) {
			req := Request{Principal: p, Action: rc.action, Resource: rc.resource}
			var res Result
			cs.DecideInto(&req, &res)
			if res.Decision != rc.want {
				b.Fatalf("decision %s, want %s", res.Decision, rc.want)
			}
			b.ReportAllocs()
			for b.Loop() {
				cs.DecideInto(&req, &res)
			}
		})
	}
}
