package evaluator

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"testing"
)

// withoutBigIndex returns a copy of the set whose policies visit every
// statement of the action's service, as before the big-policy index.
func withoutBigIndex(c *CompiledSet) *CompiledSet {
	strip := func(ps []*CompiledPolicy) []*CompiledPolicy {
		out := make([]*CompiledPolicy, len(ps))
		for i, p := range ps {
			if p == nil {
				continue
			}
			q := *p
			q.index.big, q.index.bigCatchAll = nil, nil
			out[i] = &q
		}
		return out
	}
	n := *c
	n.identity = strip(c.identity)
	if c.resource != nil {
		n.resource = strip([]*CompiledPolicy{c.resource})[0]
	}
	return &n
}

// TestBigPolicyIndexAgrees decides random requests against random policies
// of bigPolicyStatements statements and more, with and without the exact
// action and resource key index: the results must be identical (matched
// statements in document order, unknowns, missing keys).
func TestBigPolicyIndexAgrees(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(7))
	pick := func(xs ...string) string { return xs[rng.Intn(len(xs))] }
	actions := []string{"s3:GetObject", "S3:getobject", "s3:PutObject", "s3:Get*", "s3:*", "*", "ec2:RunInstances", "ec2:Describe*", "iam:PassRole", "s?:GetObject", "*:GetObject", "sqs:SendMessage"}
	resources := []string{
		"*", "arn:aws:s3:::b1/*", "arn:aws:s3:::b1/k", "arn:aws:s3:::b1", "arn:aws:s3:::b2/*", "arn:aws:s3:::b*",
		"arn:aws:s3:::b1/${aws:username}/*", "arn:aws:s3:::${aws:username}/*", "arn:aws:ec2:us-east-1:111122223333:instance/I-1", "arn:aws:s3:::b?/k",
		"arn:aws:ec2:us-east-1:111122223333:instance/i-1", "arn:aws:ec2:*:111122223333:instance/*", "arn:aws:sqs:us-east-1:111122223333:q",
		"arn:aws:iam::111122223333:role/app", "arn:aws:iam::111122223333:role/*", "arn:aws:s3:::b1/k/",
	}
	requests := []struct{ action, resource string }{
		{"s3:GetObject", "arn:aws:s3:::b1/k"}, {"S3:GETOBJECT", "arn:aws:s3:::b1/k"}, {"s3:GetObject", "arn:aws:s3:::b1/alice/x"},
		{"s3:PutObject", "arn:aws:s3:::b2/x"}, {"s3:ListBucket", "arn:aws:s3:::b1"}, {"s3:GetObject", "arn:AWS:s3:::b1/k"}, {"ec2:RunInstances", "arn:aws:ec2:US-EAST-1:111122223333:instance/i-1"},
		{"s3:GetObject", "arn:aws:s3:::alice/k"}, {"ec2:RunInstances", "arn:aws:ec2:us-east-1:111122223333:instance/i-1"},
		{"ec2:DescribeInstances", "*"}, {"iam:PassRole", "arn:aws:iam::111122223333:role/app"}, {"sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q"},
		{"kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/1"}, {"s3:GetObject", "arn:aws:s3:::b1/k/"}, {"s3:GetObject", "arn:aws:s3:::b1"},
	}
	p, err := ParsePrincipal("arn:aws:iam::111122223333:user/alice")
	if err != nil {
		t.Fatal(err)
	}
	stats := map[string]int{}
	defer func() { t.Logf("decisions: %v", stats) }()
	for round := 0; round < 40; round++ {
		var stmts []any
		n := bigPolicyStatements + rng.Intn(40)
		for i := 0; i < n; i++ {
			st := map[string]any{"Sid": fmt.Sprintf("S%d", i), "Effect": pick("Allow", "Allow", "Deny")}
			var acts, res []string
			for j := 0; j <= rng.Intn(2); j++ {
				acts = append(acts, pick(actions...))
			}
			for j := 0; j <= rng.Intn(2); j++ {
				res = append(res, pick(resources...))
			}
			st[pick("Action", "Action", "Action", "NotAction")] = acts
			st[pick("Resource", "Resource", "Resource", "NotResource")] = res
			if rng.Intn(5) == 0 {
				st["Condition"] = map[string]any{"StringEquals": map[string]any{"aws:username": pick("alice", "bob")}}
			}
			stmts = append(stmts, st)
		}
		doc, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": stmts})
		set := Compile(PolicySet{Identity: []PolicyDoc{{JSON: doc}}}, Options{})
		if cp := set.identity[0]; cp.Invalid() {
			t.Fatalf("invalid policy: %v", cp.Findings())
		}
		if set.identity[0].index.big == nil {
			t.Fatalf("policy of %d statements has no big index", n)
		}
		plain := withoutBigIndex(set)
		for _, rq := range requests {
			req := Request{Principal: p, Action: rq.action, Resource: rq.resource}
			got, want := set.Decide(&req), plain.Decide(&req)
			stats[string(got.Decision)+fmt.Sprint(len(got.MatchedStatements) > 0)]++
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d %s %s:\nindexed %+v\nplain   %+v\npolicy %s", round, rq.action, rq.resource, got, want, doc)
			}
		}
		unknown := Request{Principal: p, Action: "s3:GetObject", Resource: "arn:aws:s3:::b1/x", ResourceUnknown: &Unknown{Reason: "r", Prefix: "arn:aws:s3:::b1/"}}
		if got, want := set.Decide(&unknown), plain.Decide(&unknown); !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d unknown resource:\nindexed %+v\nplain   %+v", round, got, want)
		}
	}
}

// TestSegmentsMatchAgrees compares the field-by-field fast path of
// five-colon patterns with the general piecewise matcher (RS-3).
func TestSegmentsMatchAgrees(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(3))
	field := func(alpha string, n int) string {
		b := make([]byte, rng.Intn(n+1))
		for i := range b {
			b[i] = alpha[rng.Intn(len(alpha))]
		}
		return string(b)
	}
	join := func(alpha string, n int) string {
		s := field(alpha, n)
		for i := 0; i < 5; i++ {
			s += ":" + field(alpha, n)
		}
		return s
	}
	hits := 0
	for i := 0; i < 20000; i++ {
		text := join("ab*?/", 3)
		var vs varSlots
		p := compileResourcePattern(text, true, &vs)
		if !p.segmented {
			continue
		}
		r := join("ab/é", 3)
		if rng.Intn(4) == 0 {
			r += ":" + field("ab", 2) // six colons: the fast path steps aside
		}
		got, _, _ := resReadings(&p, &noBinds, r, matchFull)
		q := p
		q.segmented = false
		want, _, _ := resReadings(&q, &noBinds, r, matchFull)
		if got != want {
			t.Fatalf("pattern %q resource %q: fast path %v, piecewise %v", text, r, got, want)
		}
		if got == TriTrue {
			hits++
		}
	}
	if hits == 0 {
		t.Fatal("no pattern matched: the test checks nothing")
	}
}

// TestPrefixIndexAgrees is TestBigPolicyIndexAgrees for the literal-prefix
// refinement of long resource-key and generic lists: policies with many
// statements that share a resource key (DynamoDB tables, keys, parameter
// paths) or have none (Secrets Manager names with a trailing `*`), and
// requests that hit them, their neighbours and nothing.
func TestPrefixIndexAgrees(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(11))
	pick := func(xs ...string) string { return xs[rng.Intn(len(xs))] }
	const acct = "111122223333"
	resource := func(i int) string {
		switch rng.Intn(9) {
		case 0:
			return fmt.Sprintf("arn:aws:dynamodb:us-east-1:%s:table/t-%d", acct, i)
		case 1:
			return fmt.Sprintf("arn:aws:secretsmanager:us-east-1:%s:secret:s-%d-*", acct, i)
		case 2:
			return fmt.Sprintf("arn:aws:ssm:us-east-1:%s:parameter/app/%d/*", acct, i)
		case 3:
			return fmt.Sprintf("arn:aws:dynamodb:us-east-1:%s:table/t-%d*", acct, i)
		case 4:
			return fmt.Sprintf("arn:aws:dynamodb:us-east-1:%s:table/t-%d/index/*", acct, i)
		case 5:
			return fmt.Sprintf("arn:aws:dynamodb:*:%s:table/t-%d", acct, i)
		case 6:
			return fmt.Sprintf("arn:aws:dynamodb:us-east-1:%s:table/t-%d/*", acct, i)
		case 7:
			return fmt.Sprintf("arn:aws:dynamodb:us-east-1:%s:table/T-%d?", acct, i)
		}
		return pick("*", "arn:aws:dynamodb:us-east-1:"+acct+":table/*", "arn:aws:secretsmanager:us-east-1:"+acct+":secret:*",
			"arn:aws:ssm:us-east-1:"+acct+":parameter/app/${aws:username}/*")
	}
	actions := []string{"dynamodb:GetItem", "dynamodb:*", "secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:Get*", "*"}
	p, err := ParsePrincipal("arn:aws:iam::111122223333:user/alice")
	if err != nil {
		t.Fatal(err)
	}
	refined := 0
	for round := 0; round < 30; round++ {
		n := bigPolicyStatements + rng.Intn(200)
		var stmts []any
		for i := 0; i < n; i++ {
			st := map[string]any{"Effect": pick("Allow", "Allow", "Allow", "Deny")}
			var res []string
			for j := 0; j <= rng.Intn(2); j++ {
				res = append(res, resource(rng.Intn(n)))
			}
			st["Action"] = []string{pick(actions...)}
			st[pick("Resource", "Resource", "Resource", "Resource", "NotResource")] = res
			stmts = append(stmts, st)
		}
		doc, _ := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": stmts})
		set := Compile(PolicySet{Identity: []PolicyDoc{{JSON: doc}}}, Options{})
		cp := set.identity[0]
		if cp.Invalid() {
			t.Fatalf("invalid policy: %v", cp.Findings())
		}
		for _, si := range cp.index.big {
			for _, ri := range si.exact {
				if ri.genericPre != nil || ri.keyPre != nil {
					refined++
				}
			}
		}
		plain := withoutBigIndex(set)
		for q := 0; q < 60; q++ {
			i := rng.Intn(n + 5)
			var r string
			switch rng.Intn(7) {
			case 5:
				r = fmt.Sprintf("arn:aws:dynamodb:US-EAST-1:%s:table/t-%d", acct, i)
			case 0:
				r = fmt.Sprintf("arn:aws:dynamodb:us-east-1:%s:table/t-%d", acct, i)
			case 1:
				r = fmt.Sprintf("arn:aws:dynamodb:us-east-1:%s:table/t-%d/index/x", acct, i)
			case 2:
				r = fmt.Sprintf("arn:aws:secretsmanager:us-east-1:%s:secret:s-%d-AbCdEf", acct, i)
			case 3:
				r = fmt.Sprintf("arn:aws:ssm:us-east-1:%s:parameter/app/%d/x", acct, i)
			case 4:
				r = fmt.Sprintf("arn:aws:dynamodb:us-east-1:%s:table/T-%d1", acct, i)
			default:
				r = fmt.Sprintf("arn:aws:dynamodb:us-west-2:%s:table/t-%d", acct, i)
			}
			req := Request{Principal: p, Action: pick("dynamodb:GetItem", "secretsmanager:GetSecretValue", "ssm:GetParameter", "dynamodb:PutItem"), Resource: r}
			if got, want := set.Decide(&req), plain.Decide(&req); !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d %s %s:\nindexed %+v\nplain   %+v", round, req.Action, r, got, want)
			}
		}
	}
	if refined == 0 {
		t.Fatal("no list was refined: the test checks nothing")
	}
}
