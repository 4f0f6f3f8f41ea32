package evaluator

import (
	"math/rand"
	"strings"
	"testing"
)

// Symbols used by the tests: two KMS keys and two buckets the plan creates
// (Fresh), and a data source's key ARN that may name any key.
var (
	symKeyApp  = Unknown{Reason: "aws_kms_key.app.arn", Prefix: "arn:aws:kms:us-east-1:111122223333:key/", Symbol: "aws_kms_key.app.arn", Fresh: true}
	symKeyLogs = Unknown{Reason: "aws_kms_key.logs.arn", Prefix: "arn:aws:kms:us-east-1:111122223333:key/", Symbol: "aws_kms_key.logs.arn", Fresh: true}
	symKeyData = Unknown{Reason: "data.aws_kms_key.k.arn", Prefix: "arn:aws:kms:us-east-1:111122223333:key/", Symbol: "data.aws_kms_key.k.arn"}
	symBktA    = Unknown{Reason: "aws_s3_bucket.a.arn", Prefix: "arn:aws:s3:::logs-", Symbol: "aws_s3_bucket.a.arn", Fresh: true}
	symBktB    = Unknown{Reason: "aws_s3_bucket.b.arn", Prefix: "arn:aws:s3:::logs-", Symbol: "aws_s3_bucket.b.arn", Fresh: true}
	symBktData = Unknown{Reason: `aws_s3_bucket.c["x:y}"].arn`, Prefix: "arn:aws:s3:::logs-", Symbol: `aws_s3_bucket.c["x:y}"].arn`, Fresh: true}
)

// symDecide decides action on the request resource (a literal, or the
// unknown u) under an identity policy with one statement whose
// Resource (or NotResource) is pattern; it maps allowed to T, implicitDeny
// to F and unknown to U.
func symDecide(t *testing.T, action, element, pattern, literal string, u *Unknown) (Tri, Result) {
	t.Helper()
	st := `{"Effect":"Allow","Action":"` + action + `","` + element + `":` + quoteJSON(pattern) + `}`
	cs := Compile(PolicySet{Identity: docs(pol(st))}, Options{})
	req := rq(t, roleARN, action, literal)
	if u != nil {
		uu := *u
		req.Resource, req.ResourceUnknown = uu.Prefix, &uu
	}
	return decideTri(t, cs, &req, pattern+" vs "+literal)
}

// decideTri is a symbol test's decision as a Tri: allowed true, implicit
// deny false, unknown unknown; any other decision fails the test.
func decideTri(t *testing.T, cs *CompiledSet, req *Request, what string) (Tri, Result) {
	t.Helper()
	res := cs.Decide(req)
	switch res.Decision {
	case Allowed:
		return TriTrue, res
	case ImplicitDeny:
		return TriFalse, res
	case DecisionUnknown:
		return TriUnknown, res
	}
	t.Fatalf("%s: %s (%v)", what, res.Decision, res.Error)
	return TriUnknown, res
}

func quoteJSON(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// action is asked in the matching tests: an action whose identity policy
// grants alone, the key and bucket ARNs being only strings to match (a KMS
// action would need the key policy, EV-15).
const action = "sqs:SendMessage"

// PT-3, PT-4: a pattern against a symbol, and a symbol in a pattern against
// a request, case by case.
func TestSymbolMatching(t *testing.T) {
	t.Parallel()
	key := SymbolText(&symKeyApp)
	bkt := SymbolText(&symBktA)
	const keyLit = "arn:aws:kms:us-east-1:111122223333:key/879d652d-4849-4ec5-8ed0-2e9f8c0af0cd"
	cases := []struct {
		name, pattern, literal string
		u                      *Unknown
		want                   Tri
		unknown                string // a reason the unknown answer names
	}{
		// the request resource is a symbol; plain patterns (PT-4)
		{name: "RS-4 * matches every completion", pattern: "*", u: &symKeyApp, want: TriTrue},
		{name: "PT-4 a pattern every completion satisfies", pattern: "arn:aws:kms:*:*:key/*", u: &symKeyApp, want: TriTrue},
		{name: "PT-4 prefix pattern", pattern: "arn:aws:kms:us-east-1:111122223333:*", u: &symKeyApp, want: TriTrue},
		{name: "PT-4 literal prefix contradicts", pattern: "arn:aws:kms:eu-west-1:111122223333:key/*", u: &symKeyApp, want: TriFalse},
		{name: "PT-4 another service", pattern: "arn:aws:s3:::*", u: &symKeyApp, want: TriFalse},
		{name: "PT-3 a literal the key could be", pattern: keyLit, u: &symKeyApp, want: TriUnknown, unknown: "aws_kms_key.app.arn"},
		{name: "PT-3 a pattern some completions satisfy", pattern: "arn:aws:kms:*:*:key/a*", u: &symKeyApp, want: TriUnknown},
		// symbol against symbol
		{name: "the same symbol matches itself", pattern: key, u: &symKeyApp, want: TriTrue},
		{name: "the same symbol then *", pattern: key + "*", u: &symKeyApp, want: TriTrue},
		{name: "the same symbol then /*: the bucket itself is not an object", pattern: bkt + "/*", u: &symBktA, want: TriFalse},
		{name: "two KMS keys the plan creates are different", pattern: key, u: &symKeyLogs, want: TriFalse},
		{name: "two buckets the plan creates are different", pattern: bkt, u: &symBktB, want: TriFalse},
		{name: "an address with escaped characters", pattern: SymbolText(&symBktData), u: &symBktData, want: TriTrue},
		{name: "another bucket's name may extend this one's (PT-3)", pattern: bkt + "*", u: &symBktB, want: TriUnknown, unknown: "aws_s3_bucket.a.arn"},
		{name: "a data source's key may be the created key (PT-3)", pattern: key, u: &symKeyData, want: TriUnknown, unknown: "aws_kms_key.app.arn"},
		{name: "a key symbol against a bucket symbol", pattern: key, u: &symBktA, want: TriFalse},
		// a symbol in the pattern against a known request resource
		{name: "PT-3 a literal that fits the key's form", pattern: key, literal: keyLit, want: TriUnknown, unknown: "aws_kms_key.app.arn"},
		{name: "a literal of another region can never be the key", pattern: key, literal: "arn:aws:kms:eu-west-1:111122223333:key/x", want: TriFalse},
		{name: "a literal of another type can never be the key", pattern: key, literal: "arn:aws:kms:us-east-1:111122223333:alias/x", want: TriFalse},
		{name: "an object of a bucket whose name fits", pattern: bkt + "/*", literal: "arn:aws:s3:::logs-123/a.txt", want: TriUnknown},
		{name: "an object of a bucket whose known name does not fit", pattern: bkt + "/*", literal: "arn:aws:s3:::data-123/a.txt", want: TriFalse},
		// a symbol in the pattern against a request known by its prefix only
		{name: "PT-4 prefix-only request against a symbol", pattern: key, u: &Unknown{Reason: "x.arn", Prefix: "arn:aws:kms:us-east-1:111122223333:"}, want: TriUnknown},
		{name: "PT-4 prefix-only request of another service", pattern: key, u: &Unknown{Reason: "x.arn", Prefix: "arn:aws:sqs:us-east-1:111122223333:"}, want: TriFalse},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got, res := symDecide(t, action, "Resource", c.pattern, c.literal, c.u)
			if got != c.want {
				t.Fatalf("Resource %s: got %v, want %v (%+v)", c.pattern, got, c.want, res.Unknowns)
			}
			if c.unknown != "" && !strings.Contains(strings.Join(ReasonStrings(res.Unknowns), "|"), c.unknown) {
				t.Errorf("unknown reasons %v do not name %s", ReasonStrings(res.Unknowns), c.unknown)
			}
			// RS-8: NotResource is the negation
			gotNot, _ := symDecide(t, action, "NotResource", c.pattern, c.literal, c.u)
			if gotNot != got.Not() {
				t.Errorf("NotResource %s: got %v, want %v", c.pattern, gotNot, got.Not())
			}
		})
	}
}

// SymbolText round-trips the identity through escaping.
func TestSymbolText(t *testing.T) {
	t.Parallel()
	for _, u := range []Unknown{symKeyApp, symKeyData, symBktData} {
		text := SymbolText(&u)
		if !HasSymbol(text) || !strings.HasPrefix(text, u.Prefix) {
			t.Errorf("%s: %q", u.Symbol, text)
		}
		if got := SymbolsIn(text + "/" + text); len(got) != 1 || got[0] != u.Symbol {
			t.Errorf("SymbolsIn(%q) = %q", text, got)
		}
		if strings.ContainsAny(text[len(u.Prefix):], "*?$:") {
			t.Errorf("%q holds a glob, variable or colon character", text)
		}
	}
	if SymbolText(&Unknown{Reason: "x"}) != "" || HasSymbol("arn:aws:s3:::b") {
		t.Error("no symbol expected")
	}
}

// Conditions name a symbol for people, not by its token.
func TestSymbolDisplay(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		u    Unknown
		want string
	}{
		{symKeyApp, "arn:aws:kms:us-east-1:111122223333:key/<generated by aws_kms_key.app.arn>"},
		{symKeyData, "arn:aws:kms:us-east-1:111122223333:key/<data.aws_kms_key.k.arn, known after apply>"},
		{symBktData, `arn:aws:s3:::logs-<generated by aws_s3_bucket.c["x:y}"].arn>`},
	} {
		text := SymbolText(&tt.u)
		if got := SymbolDisplay("aws:SourceArn = " + text + "/*"); got != "aws:SourceArn = "+tt.want+"/*" {
			t.Errorf("SymbolDisplay(%q) = %q, want %q", text, got, tt.want)
		}
	}
	if got := SymbolDisplay("arn:aws:s3:::b"); got != "arn:aws:s3:::b" {
		t.Errorf("no symbol: %q", got)
	}
}

// PT-3 property: whenever a symbolic answer is definite, every concrete
// completion of the symbols gives the same answer.
func TestSymbolCompletionsAgree(t *testing.T) {
	t.Parallel()
	syms := []Unknown{symKeyApp, symKeyLogs, symKeyData, symBktA, symBktB}
	posts := []string{"", "*", "/*", "a", "?", "/a.txt"}
	plain := []string{"*", "arn:aws:kms:*:*:key/*", "arn:aws:kms:us-east-1:111122223333:key/a*",
		"arn:aws:kms:us-east-1:111122223333:key/ab", "arn:aws:s3:::logs-*", "arn:aws:s3:::logs-a?", "arn:aws:s3:::logs-ab/*",
		"arn:aws:s3:::data-*"}
	suffixes := []string{"a", "ab", "b", "ab/c", "abc"}
	// a Fresh generated part holds no "/" and no ":" (an id, a UUID,
	// Terraform's unique suffix; symbol.go sameHead)
	freshSuffixes := []string{"a", "ab", "b", "abc"}
	// the request's known text after its symbol (an object key)
	reqTails := []string{"", "", "/a.txt", "/x/y", "/", "a", ":q"}
	rng := rand.New(rand.NewSource(8))
	definite := 0
	for i := 0; i < 400; i++ {
		// the pattern: a symbol with a tail, or a plain pattern
		var pattern string
		var patSym *Unknown
		if rng.Intn(3) > 0 {
			patSym = &syms[rng.Intn(len(syms))]
			pattern = SymbolText(patSym) + posts[rng.Intn(len(posts))]
		} else {
			pattern = plain[rng.Intn(len(plain))]
		}
		reqSym := syms[rng.Intn(len(syms))]
		reqSym.Suffix = reqTails[rng.Intn(len(reqTails))]
		sym, _ := symDecide(t, action, "Resource", pattern, "", &reqSym)
		if sym == TriUnknown {
			continue
		}
		definite++
		for j := 0; j < 12; j++ {
			// a completion: a suffix per symbol; Fresh symbols differ
			comp := map[string]string{}
			used := map[string]bool{}
			for _, s := range syms {
				v := suffixes[rng.Intn(len(suffixes))]
				if s.Fresh {
					v = freshSuffixes[rng.Intn(len(freshSuffixes))]
				}
				for s.Fresh && used[s.Prefix+v] {
					v += "x"
				}
				if s.Fresh {
					used[s.Prefix+v] = true
				}
				comp[s.Symbol] = v
			}
			concrete := pattern
			if patSym != nil {
				concrete = strings.Replace(pattern, SymbolText(patSym), patSym.Prefix+comp[patSym.Symbol], 1)
			}
			literal := reqSym.Prefix + comp[reqSym.Symbol] + reqSym.Suffix
			got, _ := symDecide(t, action, "Resource", concrete, literal, nil)
			if got != sym {
				t.Fatalf("PT-3: %s on %s%s is %v, but %s on %s is %v", pattern, reqSym.Symbol, reqSym.Suffix, sym, concrete, literal, got)
			}
		}
	}
	if definite < 100 {
		t.Errorf("only %d definite answers: the property was barely tested", definite)
	}
}

// A symbol-free request keeps the decision path free of allocations.
func TestSymbolFreeDecideAllocs(t *testing.T) {
	cs := Compile(PolicySet{Identity: docs(pol(`{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"`+SymbolText(&symKeyApp)+`"}`,
		`{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:kms:*:*:key/*"}`))}, Options{})
	req := rq(t, roleARN, action, "arn:aws:kms:eu-west-1:111122223333:key/k")
	var res Result
	cs.DecideInto(&req, &res)
	if n := testing.AllocsPerRun(50, func() { cs.DecideInto(&req, &res) }); n != 0 {
		t.Errorf("DecideInto allocates %v times", n)
	}
	if res.Decision != Allowed {
		t.Errorf("got %s", res.Decision)
	}
}
