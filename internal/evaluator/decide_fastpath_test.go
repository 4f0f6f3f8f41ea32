package evaluator

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// The shortcuts of issue 11 (interned keys and services, the key memo,
// the one-pass resource shape, field kinds, the plain String and exact
// Bool paths) must answer exactly as the general code they bypass. Each
// test below compares the two on the same inputs.

// CO-2: "Condition key names are not case-sensitive." Two keys share an id
// exactly when they are equal under ASCII case folding; keys with other
// bytes, whose folding only strings.EqualFold knows, are not interned.
func TestInternCondKeyFoldsASCIIOnly(t *testing.T) {
	t.Parallel()
	base := internCondKey("aws:SourceIp")
	cases := []struct {
		key  string
		same bool
		zero bool
	}{
		{"aws:SourceIp", true, false},
		{"AWS:SOURCEIP", true, false},
		{"aws:sourceip", true, false},
		{"aws:SourceIP2", false, false},
		{"aws:\u017FourceIp", false, true}, // ſ folds to s only under Unicode folding
		{strings.Repeat("k", maxInternedCondKeyLen+1), false, true},
	}
	for _, tc := range cases {
		got := internCondKey(tc.key)
		if (got == 0) != tc.zero || !tc.zero && (got == base) != tc.same {
			t.Errorf("internCondKey(%q) = %d (aws:SourceIp %d), want same=%v zero=%v", tc.key, got, base, tc.same, tc.zero)
		}
	}
}

// The memo answers a repeated lookup as lookupFold does, in every case
// spelling, for absent keys, for keys only Unicode folding matches, and
// forgets everything between decisions.
func TestKeyMemoAgreesWithLookup(t *testing.T) {
	t.Parallel()
	var ctx Context
	ctx.Set("aws:SourceIp", "10.0.0.1")
	ctx.Set("aws:\u017FecureTransport", "true") // CO-2: EqualFold("ſ", "s")
	ctx.SetList("aws:TagKeys", []string{"a", "b"})
	req := &Request{Context: ctx}
	var e evalEnv
	e.reset(req, &Result{}, nil)
	keys := []string{"aws:SourceIp", "AWS:SOURCEIP", "aws:SecureTransport", "aws:securetransport", "aws:TagKeys", "aws:Missing", "aws:missing"}
	for round := 0; round < 3; round++ { // the first round fills the memo, the others read it
		for _, k := range keys {
			want := e.lookupFold(k, foldHash(k))
			if got := e.lookupKey(k, foldHash(k), internCondKey(k)); got != want {
				t.Errorf("round %d: lookupKey(%q) = %v, lookupFold = %v", round, k, got, want)
			}
		}
	}
	// A new decision must not see the last one's entries.
	var other Context
	other.Set("aws:SourceIp", "192.0.2.1")
	req2 := &Request{Context: other}
	e.reset(req2, &Result{}, nil)
	if e.memo.used != 0 {
		t.Fatalf("memo slots %b still used after reset", e.memo.used)
	}
	k := "aws:SourceIp"
	if got := e.lookupKey(k, foldHash(k), internCondKey(k)); got == nil || got.Values[0] != "192.0.2.1" {
		t.Errorf("after reset: lookupKey(%q) = %+v, want the new request's 192.0.2.1", k, got)
	}
	if got := e.lookupKey("aws:TagKeys", foldHash("aws:TagKeys"), internCondKey("aws:TagKeys")); got != nil {
		t.Errorf("after reset: aws:TagKeys = %+v, want absent (CO-3)", got)
	}
}

// AC-1: "Action names are not case-sensitive"; the service-id scan picks
// the same statements as the byService map for every spelling of the
// request's service, for a service no policy names, and for the
// degenerate prefixes the map path treats specially.
func TestServiceIDsAgreeWithMap(t *testing.T) {
	t.Parallel()
	doc := `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":["s3:GetObject","ec2:Describe*"],"Resource":"*"},
		{"Effect":"Allow","Action":"S3:Put*","Resource":"*"},
		{"Effect":"Deny","NotAction":"iam:*","Resource":"*"},
		{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}`
	cp := CompilePolicy(PolicyDoc{JSON: []byte(doc)}, PolicyIdentity, Options{})
	if cp.Invalid() {
		t.Fatalf("policy invalid: %v", cp.Findings())
	}
	long := strings.Repeat("X", 60)
	for _, action := range []string{"s3:GetObject", "S3:GetObject", "ec2:RunInstances", "EC2:runinstances", "iam:GetRole", "sqs:SendMessage", "Kms:Decrypt", long + ":Do", strings.ToLower(long) + ":Do"} {
		var svc actionServiceKey
		svc.set(action)
		key := internActionKey(action)
		got := cp.index.statements(&svc, key.svc)
		want := cp.index.statements(&svc, 0) // sid 0: the map
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: by service id %v, by map %v", action, got, want)
		}
	}
}

// shapeOfReference is the resource shape as it was computed before issue
// 11: strings.IndexByte per field, then upper case before the 5th colon.
func shapeOfReference(r string) arnShape {
	sh := arnShape{done: true, fifth: -1}
	rest, off := r, 0
	n := 0
	for ; n < 5; n++ {
		j := strings.IndexByte(rest, ':')
		if j < 0 {
			break
		}
		sh.fields[n] = rest[:j]
		rest, off = rest[j+1:], off+j+1
	}
	foldEnd := len(r)
	if n == 5 {
		sh.fifth = off - 1
		foldEnd = sh.fifth
		sh.colonAfter = strings.IndexByte(rest, ':') >= 0
		if !sh.colonAfter {
			sh.six = true
			sh.fields[5] = rest
		}
	}
	sh.headUpper = hasASCIIUpper(r[:foldEnd])
	return sh
}

// RS-3, RS-6: the fields, the 5th colon, upper case in the head and a
// colon in the resource part, for ARNs of every shape.
func TestShapeOfOnePass(t *testing.T) {
	t.Parallel()
	for _, r := range []string{
		"", "*", "arn", "arn:aws", "arn:aws:s3:::bucket", "arn:aws:s3:::bucket/key:with:colons",
		"arn:aws:iam::111122223333:role/app", "ARN:aws:iam::111122223333:role/App", "arn:aws:S3:::b",
		"arn:aws:logs:us-east-1:111122223333:log-group:/x:*", "arn:aws:sqs:eu-west-1:111122223333:Q",
		"a:b:c:d", "a:b:c:d:e", "a:b:c:d:e:", ":::::", "arn:aws:ec2:US-EAST-1:1:instance/i-1",
		"arn:aws:dynamodb:sa-east-1:111122223333:table/Legacy-X", "arn:aws:dynamodb:sa-east-1:11112222333Z:t",
		"arn:aws:s3:::data-prod/teams/Blue/k:1", "arn:aws:kms:eu-west-1:111122223333:key/\xC1\xDA",
	} {
		if got, want := shapeOf(r), shapeOfReference(r); got != want {
			t.Errorf("shapeOf(%q) = %+v, want %+v", r, got, want)
		}
	}
}

// RS-3.1: each ARN field of a pattern with five colons matches as a glob
// of its own; a literal field or "*" decided at compile time must agree
// with globMatch.
func TestFieldKindsAgreeWithGlob(t *testing.T) {
	t.Parallel()
	patterns := []string{
		"arn:aws:s3:::data-*/*", "arn:*:ec2:*:111122223333:instance/*", "arn:aws:dynamodb:us-?ast-1:111122223333:table/*",
		"arn:aws:ec2:*::snapshot/*", "*:*:*:*:*:*", "arn:aws:sqs:*:111122223333:app-*",
		// literal heads (headLit), the resource field a glob
		"arn:aws:dynamodb:us-east-1:111122223333:table/?", "arn:aws:ec2:us-east-1:111122223333:instance/i-?",
		"arn:aws:s3:::data-*/k", "arn:aws:s3:::other/?", "arn:aws-cn:ec2:cn-north-1:111122223333:*/i",
	}
	resources := []string{
		"arn:aws:s3:::data-dev/k", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", "arn:aws:ec2:us-east-1::snapshot/s",
		"arn:aws:dynamodb:us-east-1:111122223333:table/t", "arn:aws:dynamodb:us-west-1:111122223333:table/t",
		"arn:aws:sqs:eu-west-1:111122223333:app-q", "arn:aws-cn:ec2:cn-north-1:111122223333:instance/i", "arn:aws:s3:::other/k",
	}
	for _, pt := range patterns {
		var vs varSlots
		p := compileResourcePattern(pt, false, &vs)
		if !p.segmented {
			continue
		}
		for _, r := range resources {
			sh := shapeOf(r)
			if !sh.six {
				continue
			}
			want := true
			for i := range p.segs {
				want = want && globMatch(p.segs[i], sh.fields[i])
			}
			if got := fieldsMatch(&p, r, &sh); got != want {
				t.Errorf("fieldsMatch(%q, %q) = %v, globMatch per field %v", pt, r, got, want)
			}
		}
	}
}

// RS-4: a Resource list that starts with "*" and holds no variable is
// skipped (resourceAll); the matcher it bypasses answers TriTrue for known,
// unknown and symbolic resources and notes nothing. Lists with a variable
// or another first entry keep the matcher.
func TestResourceAllAgreesWithMatcher(t *testing.T) {
	t.Parallel()
	cases := []struct {
		resources []string
		all       bool
	}{
		{[]string{"*"}, true},
		{[]string{"*", "arn:aws:s3:::b/*"}, true},
		{[]string{"*", "arn:aws:s3:::b/${aws:username}"}, false},
		{[]string{"arn:aws:s3:::b/*", "*"}, false},
		{[]string{"arn:aws:s3:::*"}, false},
	}
	resources := []Request{
		{Resource: "arn:aws:s3:::b/k"},
		{Resource: "*"},
		{Resource: "arn:aws:s3:::", ResourceUnknown: &Unknown{Reason: "r", Prefix: "arn:aws:s3:::"}},
		{Resource: "arn:aws:sqs:us-east-1:111122223333:Q"},
	}
	for _, c := range cases {
		m := compileResourceMatcher(mtVals(c.resources...), true)
		if got := m.matchesEverything(); got != c.all {
			t.Errorf("%v: matchesEverything = %v, want %v", c.resources, got, c.all)
		}
		if !c.all {
			continue
		}
		for i := range resources {
			req := resources[i]
			var res Result
			var e evalEnv
			e.reset(&req, &res, nil)
			if got := m.match(&e); got != TriTrue || len(res.Unknowns) != 0 || len(res.MissingContextKeys) != 0 {
				t.Errorf("%v on %q: match = %v, notes %+v, want TriTrue and nothing noted", c.resources, req.Resource, got, res)
			}
		}
	}
}

// CO-6 and CO-9: the direct String and Bool paths give what the general
// matchAny gives, notes included, for exact, folded, wildcard and empty
// request values.
func TestConditionFastPathsAgree(t *testing.T) {
	t.Parallel()
	conds := []Condition{
		mtCond("StringEquals", "k", "a", "B", "x*"),
		mtCond("StringNotEquals", "k", "a"),
		mtCond("StringLike", "k", "a*", "?b", "c"),
		mtCond("StringNotLike", "k", "*.metal"),
		mtCond("StringEquals", "k", "${aws:username}"), // a variable: no fast path
		mtCond("StringEqualsIgnoreCase", "k", "A"),     // folding: no fast path
		mtCond("Bool", "k", "true"),
		mtCond("Bool", "k", "false"),
		mtCond("Bool", "k", "True"), // another spelling: no fast path
		mtCond("Bool", "k", "true", "false"),
	}
	values := []string{"a", "A", "B", "b", "x*", "xy", "ab", "bb", "c", "m5.metal", "", "true", "false", "True", "FALSE", "yes"}
	plain, exact := 0, 0
	for _, c := range conds {
		fast := compileCond(&c, true, &varSlots{})
		if fast.plainStr {
			plain++
		}
		if fast.exactBools {
			exact++
		}
		slow := fast
		slow.plainStr, slow.exactBools = false, false
		for _, v := range values {
			var nf, ns triNotes
			gotT, wantT := fast.matchAny(v, &noBinds, &nf), slow.matchAny(v, &noBinds, &ns)
			if gotT != wantT || nf.n != ns.n || nf.r != ns.r {
				t.Errorf("%s %v on %q: fast %v %v, general %v %v", c.Operator, c.Values, v, gotT, nf.r[:nf.n], wantT, ns.r[:ns.n])
			}
		}
	}
	if plain != 4 || exact != 3 {
		t.Errorf("%d plain String and %d exact Bool conditions, want 4 and 3", plain, exact)
	}
}

// RS-3.4, RS-6: the word-at-a-time shapeOf agrees with the reference on
// random strings over the bytes that matter (colon, the edges of A..Z,
// non-ASCII), at every length and alignment.
func TestShapeOfAgreesOnRandomStrings(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(11, 3))
	for range 20000 {
		r := randomText(rng, ":::AZ@[az/0\x80\xC1\xDA\xFF;9", 48)
		if got, want := shapeOf(r), shapeOfReference(r); got != want {
			t.Fatalf("shapeOf(%q) = %+v, want %+v", r, got, want)
		}
	}
}

// EV-9, EV-14: arnIs, read from the resource shape, agrees with splitting
// the ARN field by field (decideARNField) on ARNs of every shape.
func TestARNIsAgreesWithFields(t *testing.T) {
	t.Parallel()
	is := func(arn, service, prefix string) bool {
		return strings.HasPrefix(arn, "arn:") && decideARNField(arn, 2) == service && strings.HasPrefix(decideARNField(arn, 5), prefix)
	}
	rng := rand.New(rand.NewPCG(2, 9))
	arns := []string{
		"arn:aws:kms:us-east-1:111122223333:key/1", "arn:aws:kms:us-east-1:111122223333:alias/a", "arn:aws:kms:::key/",
		"arn:aws:iam::111122223333:role/app", "arn:aws:iam::111122223333:role/aws-service-role/x", "arn:aws:iam::1:user/u",
		"arn:aws:iam::111122223333:role", "ARN:aws:kms:r:a:key/1", "arn:aws:kms:r:a", "arn:aws:kms:r:a:b:key/1", "*", "",
	}
	for range 20000 {
		arns = append(arns, "arn:"+randomText(rng, "arn:kmsiaeyrolw/:::1", 30))
	}
	for _, r := range arns {
		sh := shapeOf(r)
		for _, k := range [][2]string{{"kms", "key/"}, {"iam", "role/"}} {
			if got, want := arnIs(&sh, r, k[0], k[1]), is(r, k[0], k[1]); got != want {
				t.Fatalf("arnIs(%q, %s, %s) = %v, want %v", r, k[0], k[1], got, want)
			}
		}
	}
}

// EV-19: the remembered service-linked answer follows its argument, one
// role ARN after another, whatever the order.
func TestSLRMemoFollowsTheRoleARN(t *testing.T) {
	t.Parallel()
	var m slrMemo
	for _, arn := range []string{
		"arn:aws:iam::111122223333:role/app", "arn:aws:iam::111122223333:role/aws-service-role/x.amazonaws.com/R",
		"arn:aws:iam::111122223333:role/aws-service-role/x.amazonaws.com/R", "arn:aws:iam::111122223333:role/app", "",
		"arn:aws:iam::111122223333:role/aws-service-role/y/R", "arn:aws:iam::111122223333:role/aws-service-rolex/R",
	} {
		if got, want := m.serviceLinked(arn), isServiceLinkedRoleARN(arn); got != want {
			t.Errorf("serviceLinked(%q) = %v, want %v", arn, got, want)
		}
	}
}
