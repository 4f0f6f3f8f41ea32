package evaluator

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// The quantified outcome agrees with brute force over a larger random set
// of values: when brute force finds both an allowed and a denied context,
// the outcome is conditional; "always" and "never" are never contradicted.
func TestQuantifyAgreesWithBruteForce(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(9))
	get := rq(t, userARN, "s3:GetObject", bucket)
	for i := 0; i < 300; i++ {
		policy := randomCondPolicy(rng)
		c := Compile(PolicySet{Identity: docs(policy)}, Options{})
		req := get
		q := c.Quantify(&req, QuantifyOptions{MaxContexts: 1 << 16})
		if q.Outcome == OutcomeError {
			t.Fatalf("policy %s: error %s", policy, q.Error)
		}
		allowed, denied, unknown := bruteForce(rng, c, &req, q.Keys, policy)
		where := fmt.Sprintf("policy %s: quantified %s (%s; unknowns %v), brute force allowed=%v denied=%v unknown=%v",
			policy, q.Outcome, q.Condition(), q.Unknowns, allowed, denied, unknown)
		switch q.Outcome {
		case OutcomeAlways:
			if denied != "" {
				t.Fatalf("%s: denied under %s", where, denied)
			}
		case OutcomeNever:
			if allowed != "" {
				t.Fatalf("%s: allowed under %s", where, allowed)
			}
		case OutcomeUnknown:
			if len(q.Unknowns) == 0 {
				t.Fatalf("%s: unknown without a reason", where)
			}
		}
		if allowed != "" && denied != "" && q.Outcome != OutcomeConditional && q.Outcome != OutcomeUnknown {
			t.Fatalf("%s: brute force finds both", where)
		}
		if q.Outcome == OutcomeUnknown && unknown == "" && !containsPrefix(ReasonStrings(q.Unknowns), "bound:") {
			t.Fatalf("%s: unknown, but brute force decided every context", where)
		}
	}
}

func randomCondPolicy(rng *rand.Rand) string {
	pick := func(xs ...string) string { return xs[rng.Intn(len(xs))] }
	var stmts []string
	n := 1 + rng.Intn(3)
	for s := 0; s < n; s++ {
		effect := "Allow"
		if s > 0 && rng.Intn(3) == 0 {
			effect = "Deny"
		}
		conds := map[string][]string{}
		for k := rng.Intn(4); k > 0; k-- {
			var op, key, val string
			suffix := pick("", "", "IfExists")
			switch rng.Intn(5) {
			case 0, 1:
				key = pick("s3:prefix", "aws:UserAgent")
				op = pick("StringEquals", "StringNotEquals", "StringLike", "StringNotLike", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase")
				val = randomGlob(rng)
			case 2:
				key, op = "aws:SourceIp", pick("IpAddress", "NotIpAddress")
				val = pick("10.0.0.0/8", "10.1.0.0/16", "10.1.2.3", "0.0.0.0/0", "::/0", "2001:db8::/32", "192.0.2.0/30")
			case 3:
				key = "s3:max-keys"
				op = pick("NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals")
				val = pick("0", "1", "1.5", "2", "10")
			case 4:
				key = "aws:TokenIssueTime"
				op = pick("DateEquals", "DateNotEquals", "DateLessThan", "DateGreaterThan", "DateLessThanEquals", "DateGreaterThanEquals")
				val = pick("2024-01-01T00:00:00Z", "2024-06-01T12:00:00Z", "2025-01-01T00:00:00Z")
			}
			if rng.Intn(6) == 0 {
				op, val, suffix = "Null", pick("true", "false"), ""
			}
			full := op + suffix
			conds[full] = append(conds[full], fmt.Sprintf("%q:%q", key, val))
		}
		var blocks []string
		for op, kvs := range conds {
			// one value per key within an operator
			seen := map[string]bool{}
			var uniq []string
			for _, kv := range kvs {
				k := strings.SplitN(kv, ":", 2)[0] + strings.SplitN(kv, ":", 3)[1]
				if !seen[k] {
					seen[k] = true
					uniq = append(uniq, kv)
				}
			}
			blocks = append(blocks, fmt.Sprintf("%q:{%s}", op, strings.Join(uniq, ",")))
		}
		cond := ""
		if len(blocks) > 0 {
			cond = `,"Condition":{` + strings.Join(blocks, ",") + `}`
		}
		stmts = append(stmts, `{"Effect":"`+effect+`","Action":"s3:GetObject","Resource":"*"`+cond+`}`)
	}
	return pol(stmts...)
}

func randomGlob(rng *rand.Rand) string {
	const chars = "abAB*?:"
	n := rng.Intn(4)
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[rng.Intn(len(chars))]
	}
	return string(b)
}

func randomValue(rng *rand.Rand, key string) (string, bool) {
	if key != "aws:UserAgent" && rng.Intn(5) == 0 {
		return "", false // absent
	}
	switch key {
	case "aws:SourceIp":
		return []string{"10.0.0.1", "10.1.0.0", "10.1.2.3", "10.1.2.4", "10.255.255.255", "11.0.0.0", "9.255.255.255", "192.0.2.3", "192.0.2.4",
			"2001:db8::5", "2001:db9::", "::1", "0.0.0.0", "255.255.255.255", fmt.Sprintf("%d.%d.%d.%d", rng.Intn(256), rng.Intn(256), rng.Intn(256), rng.Intn(256))}[rng.Intn(15)], true
	case "s3:max-keys":
		return []string{"-3", "0", "0.5", "1", "1.25", "1.5", "1.75", "2", "3", "9.99", "10", "10.01", "1000"}[rng.Intn(13)], true
	case "aws:TokenIssueTime":
		return []string{"2023-12-31T23:59:59Z", "2024-01-01T00:00:00Z", "2024-01-01T00:00:01Z", "2024-03-01T00:00:00Z", "2024-06-01T12:00:00Z",
			"2024-06-01T12:00:00.5Z", "2024-12-31T00:00:00Z", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"}[rng.Intn(9)], true
	}
	const chars = "abAB*?:xyz"
	n := 1 + rng.Intn(5)
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[rng.Intn(len(chars))]
	}
	return string(b), true
}

// bruteForce decides 600 random contexts over keys and returns a context
// under which the request is allowed, one under which it is denied and one
// under which it is unknown ("" when none was found).
func bruteForce(rng *rand.Rand, c *CompiledSet, req *Request, keys []string, policy string) (allowed, denied, unknown string) {
	for i := 0; i < 600; i++ {
		r := *req
		r.Context = Context{}
		var desc []string
		for _, k := range keys {
			if v, ok := randomValue(rng, k); ok {
				r.Context.Set(k, v)
				desc = append(desc, k+"="+v)
			} else {
				desc = append(desc, k+" absent")
			}
		}
		res := c.Decide(&r)
		d := strings.Join(desc, ", ")
		switch res.Decision {
		case Allowed:
			allowed = d
		case ExplicitDeny, ImplicitDeny:
			denied = d
		default:
			unknown = d
		}
	}
	return allowed, denied, unknown
}
