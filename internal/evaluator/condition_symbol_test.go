package evaluator

import (
	"math/rand"
	"strings"
	"testing"
)

// Buckets created with bucket_prefix "data-": their ARNs are symbols
// (condition_symbol.go); the keys are symbol_test.go's.
var (
	symBucketData = Unknown{Reason: "aws_s3_bucket.data.arn", Prefix: "arn:aws:s3:::data-", Symbol: "aws_s3_bucket.data", Fresh: true}
	symBucketLogs = Unknown{Reason: "aws_s3_bucket.logs.arn", Prefix: "arn:aws:s3:::data-", Symbol: "aws_s3_bucket.logs", Fresh: true}
)

// symCondDecide asks s3:GetObject under an identity Allow whose Condition
// is {op: {key: values}}; the request gives key the literal value, the
// symbol u, or nothing (both empty).
func symCondDecide(t *testing.T, op, key string, values []string, literal string, u *Unknown) (Tri, Result) {
	t.Helper()
	vals := make([]string, len(values))
	for i, v := range values {
		vals[i] = quoteJSON(v)
	}
	cond := `{` + quoteJSON(op) + `:{` + quoteJSON(key) + `:[` + strings.Join(vals, ",") + `]}}`
	cs := Compile(PolicySet{Identity: docs(condAllow(cond))}, Options{})
	req := rq(t, roleARN, "s3:GetObject", bucket)
	switch {
	case u != nil:
		req.Context.SetUnknown(key, *u)
	case literal != "":
		req.Context.Set(key, literal)
	}
	return decideTri(t, cs, &req, op+" "+strings.Join(values, ",")+" vs "+literal)
}

// Issue 8: a symbol in a Condition value compares with the request value
// three ways, per operator family (CO-6, CO-12, CO-13, CO-3; PT-3, PT-4).
func TestConditionSymbolMatching(t *testing.T) {
	t.Parallel()
	data := SymbolText(&symBucketData)
	key := SymbolText(&symKeyApp)
	many := []string{"a", "b", "c", "d", "e", "f", "g", "h", data} // strIndex
	cases := []struct {
		name, op, key string
		values        []string
		literal       string
		u             *Unknown
		want          Tri
		unknown       string
	}{
		{name: "CO-12 ArnEquals: the same symbol matches", op: "ArnEquals", key: "aws:SourceArn", values: []string{data}, u: &symBucketData, want: TriTrue},
		{name: "CO-12 ArnLike: the same symbol matches", op: "ArnLike", key: "aws:SourceArn", values: []string{data}, u: &symBucketData, want: TriTrue},
		{name: "CO-12 another bucket the plan creates never matches", op: "ArnEquals", key: "aws:SourceArn", values: []string{data}, u: &symBucketLogs, want: TriFalse},
		{name: "CO-1 ArnNotEquals: the same symbol fails", op: "ArnNotEquals", key: "aws:SourceArn", values: []string{data}, u: &symBucketData, want: TriFalse},
		{name: "CO-1 ArnNotLike: another created bucket passes", op: "ArnNotLike", key: "aws:SourceArn", values: []string{data}, u: &symBucketLogs, want: TriTrue},
		{name: "PT-3 ArnEquals: a literal of the symbol's form may be it", op: "ArnEquals", key: "aws:SourceArn", values: []string{data}, literal: "arn:aws:s3:::data-20261202", want: TriUnknown, unknown: "aws_s3_bucket.data"},
		{name: "PT-4 ArnEquals: a literal of another name is not it", op: "ArnEquals", key: "aws:SourceArn", values: []string{data}, literal: "arn:aws:s3:::logs-1", want: TriFalse},
		{name: "PT-4 ArnEquals: an object ARN is not the bucket", op: "ArnEquals", key: "aws:SourceArn", values: []string{data}, literal: "arn:aws:s3:::data-1/x", want: TriFalse},
		{name: "CO-3 ArnEquals: a missing key fails", op: "ArnEquals", key: "aws:SourceArn", values: []string{data}, want: TriFalse},
		{name: "CO-3 ArnNotEquals: a missing key passes", op: "ArnNotEquals", key: "aws:SourceArn", values: []string{data}, want: TriTrue},
		{name: "CO-4 ArnEqualsIfExists: a missing key passes", op: "ArnEqualsIfExists", key: "aws:SourceArn", values: []string{data}, want: TriTrue},
		{name: "CO-6 StringEquals: the same symbol matches", op: "StringEquals", key: "aws:SourceArn", values: []string{data}, u: &symBucketData, want: TriTrue},
		{name: "CO-6 StringEquals: a literal of the form may be it", op: "StringEquals", key: "aws:SourceArn", values: []string{data}, literal: "arn:aws:s3:::data-x", want: TriUnknown, unknown: "aws_s3_bucket.data"},
		{name: "CO-6 StringEquals: the prefix alone is not it (a generated part is not empty)", op: "StringEquals", key: "aws:SourceArn", values: []string{data}, literal: "arn:aws:s3:::data-", want: TriFalse},
		{name: "CO-6 StringNotEquals: another created bucket passes", op: "StringNotEquals", key: "aws:SourceArn", values: []string{data}, u: &symBucketLogs, want: TriTrue},
		{name: "CO-6 StringLike: a symbol followed by /* matches its objects' symbol", op: "StringLike", key: "s3:prefix", values: []string{data + "/*"}, u: &Unknown{Prefix: symBucketData.Prefix, Symbol: symBucketData.Symbol, Fresh: true, Suffix: "/k"}, want: TriTrue},
		{name: "CO-6 StringLike: a literal outside the form is not it", op: "StringLike", key: "aws:SourceArn", values: []string{data}, literal: "arn:aws:s3:::other", want: TriFalse},
		{name: "CO-6 StringEqualsIgnoreCase: the same symbol matches", op: "StringEqualsIgnoreCase", key: "aws:SourceArn", values: []string{data}, u: &symBucketData, want: TriTrue},
		{name: "CO-6 StringEqualsIgnoreCase: a literal in another case may be it", op: "StringEqualsIgnoreCase", key: "aws:SourceArn", values: []string{data}, literal: "ARN:AWS:S3:::DATA-X", want: TriUnknown},
		{name: "CO-6 StringEqualsIgnoreCase: a literal of another name is not it", op: "StringEqualsIgnoreCase", key: "aws:SourceArn", values: []string{data}, literal: "arn:aws:s3:::logs-x", want: TriFalse},
		{name: "CO-13 ForAnyValue:StringEquals: the symbol as a one-value set", op: "ForAnyValue:StringEquals", key: "aws:SourceArn", values: []string{data}, u: &symBucketData, want: TriTrue},
		{name: "CO-13 ForAllValues:StringEquals: another created bucket fails", op: "ForAllValues:StringEquals", key: "aws:SourceArn", values: []string{data}, u: &symBucketLogs, want: TriFalse},
		{name: "strIndex: a set with a symbol still matches the same symbol", op: "StringEquals", key: "aws:SourceArn", values: many, u: &symBucketData, want: TriTrue},
		{name: "strIndex: a set with a symbol is unknown for a literal of its form", op: "StringEquals", key: "aws:SourceArn", values: many, literal: "arn:aws:s3:::data-7", want: TriUnknown, unknown: "aws_s3_bucket.data"},
		{name: "strIndex: a hashed literal still matches", op: "StringEquals", key: "aws:SourceArn", values: many, literal: "c", want: TriTrue},
		{name: "strIndex: a literal outside every form does not match", op: "StringEquals", key: "aws:SourceArn", values: many, literal: "z", want: TriFalse},
		{name: "PT-4 a literal pattern against the symbol: prefix contradicts", op: "ArnLike", key: "aws:SourceArn", values: []string{"arn:aws:s3:::logs-*"}, u: &symBucketData, want: TriFalse},
		{name: "PT-4 a literal pattern p* against the symbol with prefix p...", op: "ArnLike", key: "aws:SourceArn", values: []string{"arn:aws:s3:::data-*"}, u: &symBucketData, want: TriTrue},
		{name: "PT-3 a literal value of the symbol's form against the symbol", op: "ArnEquals", key: "aws:SourceArn", values: []string{"arn:aws:s3:::data-1"}, u: &symBucketData, want: TriUnknown, unknown: "aws_s3_bucket.data"},
		{name: "PT-4 a KMS key symbol is not a bucket", op: "ArnEquals", key: "aws:SourceArn", values: []string{key}, u: &symBucketData, want: TriFalse},
		{name: "CO-7 NumericEquals with a symbol: unknown naming it", op: "NumericEquals", key: "s3:max-keys", values: []string{key}, literal: "1", want: TriUnknown, unknown: "aws_kms_key.app"},
		{name: "CO-8 DateEquals with a symbol: unknown naming it", op: "DateEquals", key: "aws:CurrentTime", values: []string{key}, literal: "2020-01-01", want: TriUnknown, unknown: "aws_kms_key.app"},
		{name: "CO-11 IpAddress with a symbol: unknown naming it", op: "IpAddress", key: "aws:SourceIp", values: []string{key}, literal: "10.0.0.1", want: TriUnknown, unknown: "aws_kms_key.app"},
		{name: "CO-12 a symbol value that is no 6-part ARN: AMB-1, unknown", op: "ArnEquals", key: "aws:SourceArn", values: []string{SymbolText(&Unknown{Prefix: "data-", Symbol: "aws_s3_bucket.data", Fresh: true})}, u: &Unknown{Prefix: "data-", Symbol: "aws_s3_bucket.data", Fresh: true}, want: TriUnknown},
		{name: "CO-9 Bool with a symbol: unknown naming it", op: "Bool", key: "aws:SecureTransport", values: []string{key}, literal: "true", want: TriUnknown, unknown: "aws_kms_key.app"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got, res := symCondDecide(t, c.op, c.key, c.values, c.literal, c.u)
			if got != c.want {
				t.Fatalf("%s %v: got %v, want %v (%v)", c.op, c.values, got, c.want, ReasonStrings(res.Unknowns))
			}
			if c.unknown != "" && !strings.Contains(strings.Join(ReasonStrings(res.Unknowns), "|"), c.unknown) {
				t.Errorf("unknown reasons %v do not name %s", ReasonStrings(res.Unknowns), c.unknown)
			}
		})
	}
}

// PT-3 property for Condition values: a definite answer on symbols holds
// for every completion (distinct generated parts for distinct Fresh
// objects, holding no "/" or ":").
func TestConditionSymbolCompletionsAgree(t *testing.T) {
	t.Parallel()
	syms := []Unknown{symBucketData, symBucketLogs, symKeyApp, symKeyData}
	gens := []string{"1", "12", "2", "a1"}
	ops := []string{"StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "StringEqualsIgnoreCase", "ArnEquals", "ArnLike", "ArnNotLike",
		"ForAnyValue:StringEquals", "ForAllValues:ArnLike", "StringEqualsIfExists"}
	plain := []string{"arn:aws:s3:::data-1", "arn:aws:s3:::data-*", "arn:aws:s3:::logs-2", "*", "arn:aws:kms:us-east-1:111122223333:key/*", "arn:aws:s3:::data-12"}
	rng := rand.New(rand.NewSource(8))
	definite := 0
	for i := 0; i < 300; i++ {
		op := ops[rng.Intn(len(ops))]
		var values []string
		var valSyms []*Unknown
		for n := 1 + rng.Intn(2); n > 0; n-- {
			if rng.Intn(3) > 0 {
				s := &syms[rng.Intn(len(syms))]
				values, valSyms = append(values, SymbolText(s)), append(valSyms, s)
			} else {
				values, valSyms = append(values, plain[rng.Intn(len(plain))]), append(valSyms, nil)
			}
		}
		var reqSym *Unknown
		literal := ""
		if rng.Intn(4) > 0 {
			reqSym = &syms[rng.Intn(len(syms))]
		} else {
			literal = plain[rng.Intn(len(plain))]
		}
		sym, _ := symCondDecide(t, op, "aws:SourceArn", values, literal, reqSym)
		if sym == TriUnknown {
			continue
		}
		definite++
		for j := 0; j < 8; j++ {
			comp := sampleCompletion(rng, syms, gens)
			concrete := make([]string, len(values))
			for k, v := range values {
				concrete[k] = v
				if s := valSyms[k]; s != nil {
					concrete[k] = s.Prefix + comp[s.Symbol]
				}
			}
			lit := literal
			if reqSym != nil {
				lit = reqSym.Prefix + comp[reqSym.Symbol]
			}
			got, _ := symCondDecide(t, op, "aws:SourceArn", concrete, lit, nil)
			if got != sym {
				t.Fatalf("PT-3: %s %v on %v/%q is %v, but %v on %q is %v", op, values, reqSym, literal, sym, concrete, lit, got)
			}
		}
	}
	if definite < 80 {
		t.Errorf("only %d definite answers: the property was barely tested", definite)
	}
}

// Issue 8 with issue 9: a free key compared with a symbol is quantified
// over "the symbol itself" and values that differ from it.
func TestQuantifyConditionSymbol(t *testing.T) {
	t.Parallel()
	data := SymbolText(&symBucketData)
	pinned := rq(t, roleARN, "s3:GetObject", bucket)
	pinned.Context.SetUnknown("aws:SourceArn", symBucketLogs)
	runQuantify(t, []quantifyCase{
		{name: "CO-12 ArnEquals on a symbol: conditional on the symbol", set: PolicySet{Identity: docs(condAllow(`{"ArnEquals":{"aws:SourceArn":` + quoteJSON(data) + `}}`))},
			req: rq(t, roleARN, "s3:GetObject", bucket), want: OutcomeConditional, when: "aws:SourceArn = " + SymbolDisplay(data)},
		{name: "CO-1 ArnNotEquals on a symbol: conditional", set: PolicySet{Identity: docs(condAllow(`{"ArnNotEquals":{"aws:SourceArn":` + quoteJSON(data) + `}}`))},
			req: rq(t, roleARN, "s3:GetObject", bucket), want: OutcomeConditional},
		{name: "EV-3 a Deny unless the symbol, Allow on the symbol: conditional", set: PolicySet{Identity: docs(pol(allowS3Get,
			`{"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceArn":`+quoteJSON(data)+`}}}`))},
			req: rq(t, roleARN, "s3:GetObject", bucket), want: OutcomeConditional},
		{name: "CO-12 a pinned symbol of another created bucket: never", set: PolicySet{Identity: docs(condAllow(`{"ArnEquals":{"aws:SourceArn":` + quoteJSON(data) + `}}`))},
			req: pinned, want: OutcomeNever},
		{name: "CO-6 IgnoreCase on a symbol: the completion's case variants, unknown", set: PolicySet{Identity: docs(condAllow(`{"StringEqualsIgnoreCase":{"aws:SourceArn":` + quoteJSON(data) + `}}`))},
			req: rq(t, roleARN, "s3:GetObject", bucket), want: OutcomeConditional},
		{name: "CO-6 Allow on the symbol or a literal of its form: depends on the completion", set: PolicySet{Identity: docs(pol(
			`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceArn":`+quoteJSON(data)+`}}}`,
			`{"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceArn":"arn:aws:s3:::data-1"}}}`))},
			req: rq(t, roleARN, "s3:GetObject", bucket), want: OutcomeUnknown, unknown: "aws_s3_bucket.data"},
	})
}
