package evaluator

import (
	"strings"
	"testing"
)

type resCase struct {
	name     string
	patterns []string
	vars     bool
	env      func() *evalEnv
	want     Tri // Resource (match)
	wantNot  Tri // NotResource (matchNot)
	reason   string
}

func resEnv(resource string, ctx ...string) func() *evalEnv {
	return func() *evalEnv { return mtEnv(resource, ctx...) }
}

func resUnknownEnv(prefix string) func() *evalEnv {
	return func() *evalEnv {
		e := mtEnv("")
		e.req.ResourceUnknown = &Unknown{Reason: "aws_s3_bucket.b.arn", Prefix: prefix}
		return e
	}
}

func runResCases(t *testing.T, cases []resCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			m := compileResourceMatcher(mtVals(c.patterns...), c.vars)
			e := c.env()
			mtWant(t, "match", m.match(e), c.want)
			if c.want == TriUnknown {
				mtReason(t, e, c.reason)
			} else {
				mtReason(t, e, "")
			}
			e = c.env()
			mtWant(t, "matchNot", m.matchNot(e), c.wantNot)
			if c.wantNot == TriUnknown {
				mtReason(t, e, c.reason)
			} else {
				mtReason(t, e, "")
			}
		})
	}
}

func TestResourceMatch(t *testing.T) {
	t.Parallel()
	const fn = "arn:aws:lambda:us-east-1:123456789012:function:"
	runResCases(t, []resCase{
		{"RS-0 request * matches Resource *", []string{"*"}, false, resEnv("*"), TriTrue, TriFalse, ""},
		{"RS-0 request * vs an ARN pattern", []string{"arn:aws:s3:::*"}, false, resEnv("*"), TriFalse, TriTrue, ""},
		{"RS-0 request * matched literally by ?", []string{"?"}, false, resEnv("*"), TriTrue, TriFalse, ""},
		{"RS-4 bare * matches every ARN", []string{"*"}, false, resEnv("arn:aws:s3:::b/k"), TriTrue, TriFalse, ""},
		{"exact ARN", []string{"arn:aws:s3:::bucket"}, false, resEnv("arn:aws:s3:::bucket"), TriTrue, TriFalse, ""},
		{"exact ARN mismatch", []string{"arn:aws:s3:::bucket"}, false, resEnv("arn:aws:s3:::bucket2"), TriFalse, TriTrue, ""},
		{"prefix star", []string{"arn:aws:s3:::bucket/*"}, false, resEnv("arn:aws:s3:::bucket/a/b:c"), TriTrue, TriFalse, ""},
		{"RS-3.2 trailing * crosses colons", []string{"arn:aws:sqs:*"}, false, resEnv("arn:aws:sqs:us-east-1:123456789012:q"), TriTrue, TriFalse, ""},
		{"RS-3.2 segment-final * crosses colons", []string{"arn:aws:ec2:*:123456789012:instance/*"}, false, resEnv("arn:aws:ec2:us-east-1:123456789012:instance/i-1"), TriTrue, TriFalse, ""},
		{"RS-3.1 mid-segment * stays in its segment (head)", []string{"arn:aws:ec2:us-*1:123456789012:instance/i-1"}, false, resEnv("arn:aws:ec2:us-east-1:123456789012:instance/i-1"), TriTrue, TriFalse, ""},
		{"RS-3.1 mid-segment * does not cross a colon (head)", []string{"arn:aws:ec2:us*1:instance/i-1"}, false, resEnv("arn:aws:ec2:us-east:1:instance/i-1"), TriFalse, TriTrue, ""},
		{"RS-3.1 ? matches one character", []string{"arn:aws:s3:::b?"}, false, resEnv("arn:aws:s3:::bx"), TriTrue, TriFalse, ""},
		{"RS-3.3 whole string", []string{"arn:aws:s3:::b"}, false, resEnv("arn:aws:s3:::bb"), TriFalse, TriTrue, ""},
		{"RS-3.4 mid-segment * and a colon: AMB-1", []string{fn + "*-prod"}, false, resEnv(fn + "a:b-prod"), TriUnknown, TriUnknown, "ambiguous:RS-3"},
		{"RS-3.4 readings agree: match", []string{fn + "*-prod"}, false, resEnv(fn + "a-prod"), TriTrue, TriFalse, ""},
		{"RS-3.4 readings agree: no match", []string{fn + "*-prod"}, false, resEnv(fn + "a:b-dev"), TriFalse, TriTrue, ""},
		{"RS-3.4 ? over a colon: AMB-1", []string{"arn:aws:s3:::a?b"}, false, resEnv("arn:aws:s3:::a:b"), TriUnknown, TriUnknown, "ambiguous:RS-3"},
		{"RS-5 short pattern without star", []string{"arn:aws:s3"}, false, resEnv("arn:aws:s3:::b"), TriFalse, TriTrue, ""},
		{"RS-5 short pattern with trailing star", []string{"arn:aws:s3:*"}, false, resEnv("arn:aws:s3:::b"), TriTrue, TriFalse, ""},
		{"RS-6 resource part case-sensitive", []string{"arn:aws:s3:::Bucket"}, false, resEnv("arn:aws:s3:::bucket"), TriFalse, TriTrue, ""},
		{"RS-6 head case differs: AMB-1", []string{"arn:AWS:s3:::bucket"}, false, resEnv("arn:aws:s3:::bucket"), TriUnknown, TriUnknown, "ambiguous:RS-6"},
		{"RS-6 request head upper-case: AMB-1", []string{"arn:aws:s3:::bucket/*"}, false, resEnv("arn:aws:S3:::bucket/x"), TriUnknown, TriUnknown, "ambiguous:RS-6"},
		{"RS-6 head case differs but no match anyway", []string{"arn:AWS:s3:::x"}, false, resEnv("arn:aws:s3:::y"), TriFalse, TriTrue, ""},
		{"RS-6 general pattern head case", []string{"arn:aws:EC2:*:1:instance/*-x"}, false, resEnv("arn:aws:ec2:r:1:instance/a-x"), TriUnknown, TriUnknown, "ambiguous:RS-6"},
		{"RS-8 any of several", []string{"arn:aws:s3:::a", "arn:aws:s3:::b"}, false, resEnv("arn:aws:s3:::b"), TriTrue, TriFalse, ""},
		{"RS-8 complement covers other services", []string{"arn:aws:s3:::a"}, false, resEnv("arn:aws:sqs:us-east-1:1:q"), TriFalse, TriTrue, ""},
		{"true wins over unknown", []string{fn + "*-prod", fn + "*"}, false, resEnv(fn + "a:b-prod"), TriTrue, TriFalse, ""},
	})
}

func TestResourceVariables(t *testing.T) {
	t.Parallel()
	const home = "arn:aws:s3:::bucket/home/${aws:username}/*"
	runResCases(t, []resCase{
		{"VA-2 variable resolves", []string{home}, true, resEnv("arn:aws:s3:::bucket/home/alice/x", "aws:username", "alice"), TriTrue, TriFalse, ""},
		{"VA-2 variable other user", []string{home}, true, resEnv("arn:aws:s3:::bucket/home/bob/x", "aws:username", "alice"), TriFalse, TriTrue, ""},
		{"VA-3 key case-insensitive", []string{"arn:aws:s3:::b/${AWS:USERNAME}"}, true, resEnv("arn:aws:s3:::b/alice", "aws:username", "alice"), TriTrue, TriFalse, ""},
		{"VA-1 Version gate: literal", []string{home}, false, resEnv("arn:aws:s3:::bucket/home/alice/x", "aws:username", "alice"), TriFalse, TriTrue, ""},
		{"VA-1 Version gate: literal text matches", []string{home}, false, resEnv("arn:aws:s3:::bucket/home/${aws:username}/x"), TriTrue, TriFalse, ""},
		{"VA-2 variable before the 5th colon is literal", []string{"arn:aws:s3:${aws:region}::b"}, true, resEnv("arn:aws:s3:${aws:region}::b", "aws:region", "x"), TriTrue, TriFalse, ""},
		{"VA-5 default", []string{"arn:aws:s3:::b/${aws:username, 'anon'}"}, true, resEnv("arn:aws:s3:::b/anon"), TriTrue, TriFalse, ""},
		{"VA-5 value wins over default", []string{"arn:aws:s3:::b/${aws:username, 'anon'}"}, true, resEnv("arn:aws:s3:::b/anon", "aws:username", "alice"), TriFalse, TriTrue, ""},
		{"VA-5 unset: Resource matches nothing, NotResource AMB-1", []string{home}, true, resEnv("arn:aws:s3:::bucket/home/x/y"), TriFalse, TriUnknown, "ambiguous:VA-5"},
		{"VA-5 unset in NotResource, another entry matches", []string{home, "arn:aws:s3:::bucket/*"}, true, resEnv("arn:aws:s3:::bucket/home/x/y"), TriTrue, TriFalse, ""},
		{"VA-4 multivalued key is unset", []string{"arn:aws:s3:::b/${aws:TagKeys}"}, true, func() *evalEnv {
			e := mtEnv("arn:aws:s3:::b/a")
			e.req.Context.SetList("aws:TagKeys", []string{"a"})
			return e
		}, TriFalse, TriUnknown, "ambiguous:VA-5"},
		{"VA-5 present empty with default: readings differ", []string{"arn:aws:s3:::b/${aws:PrincipalTag/t, 'x'}"}, true, resEnv("arn:aws:s3:::b/x", "aws:PrincipalTag/t", ""), TriUnknown, TriUnknown, "ambiguous:VA-5"},
		{"VA-5 present empty with default: readings agree", []string{"arn:aws:s3:::b/${aws:PrincipalTag/t, 'x'}"}, true, resEnv("arn:aws:s3:::b/y", "aws:PrincipalTag/t", ""), TriFalse, TriTrue, ""},
		{"VA-3 ${*} is a literal star", []string{"arn:aws:s3:::b/${*}"}, true, resEnv("arn:aws:s3:::b/x"), TriFalse, TriTrue, ""},
		{"VA-3 ${*} matches a star", []string{"arn:aws:s3:::b/${*}"}, true, resEnv("arn:aws:s3:::b/*"), TriTrue, TriFalse, ""},
		{"VA-3 ${?} and ${$}", []string{"arn:aws:s3:::b/${?}${$}"}, true, resEnv("arn:aws:s3:::b/?$"), TriTrue, TriFalse, ""},
		{"VA-1 ${*} under 2008 is a wildcard", []string{"arn:aws:s3:::b/${*}"}, false, resEnv("arn:aws:s3:::b/${x}"), TriTrue, TriFalse, ""},
		{"VA-6 wildcard in value: readings differ", []string{"arn:aws:s3:::b/${aws:username}"}, true, resEnv("arn:aws:s3:::b/abc", "aws:username", "a*"), TriUnknown, TriUnknown, "ambiguous:VA-6"},
		{"VA-6 wildcard in value: readings agree", []string{"arn:aws:s3:::b/${aws:username}"}, true, resEnv("arn:aws:s3:::b/a*", "aws:username", "a*"), TriTrue, TriFalse, ""},
		{"VA-3 malformed variable matters", []string{"arn:aws:s3:::b/${aws:username"}, true, resEnv("arn:aws:s3:::b/x"), TriUnknown, TriUnknown, "ambiguous:VA-3"},
		{"VA-3 malformed variable does not matter", []string{"arn:aws:s3:::b/${aws:username"}, true, resEnv("arn:aws:s3:::c/x"), TriFalse, TriTrue, ""},
		{"PT-1 unknown variable value", []string{home}, true, func() *evalEnv {
			e := mtEnv("arn:aws:s3:::bucket/home/x/y")
			e.req.Context.SetUnknown("aws:username", Unknown{Reason: "aws_iam_user.u.name"})
			return e
		}, TriUnknown, TriUnknown, "aws_iam_user.u.name"},
		{"PT-1 unknown variable value, prefix fails", []string{home}, true, func() *evalEnv {
			e := mtEnv("arn:aws:s3:::other/home/x/y")
			e.req.Context.SetUnknown("aws:username", Unknown{Reason: "aws_iam_user.u.name"})
			return e
		}, TriFalse, TriTrue, ""},
		{"variable with wildcards around it", []string{"arn:aws:s3:::*/${aws:username}/*"}, true, resEnv("arn:aws:s3:::b/alice/x", "aws:username", "alice"), TriTrue, TriFalse, ""},
	})
}

func TestResourceUnknown(t *testing.T) {
	t.Parallel()
	const r = "aws_s3_bucket.b.arn"
	runResCases(t, []resCase{
		{"PT-4 * always matches", []string{"*"}, false, resUnknownEnv(""), TriTrue, TriFalse, ""},
		{"PT-4 prefix* covers the prefix", []string{"arn:aws:s3:::bucket/*"}, false, resUnknownEnv("arn:aws:s3:::bucket/"), TriTrue, TriFalse, ""},
		{"PT-4 shorter prefix* covers it", []string{"arn:aws:s3:::*"}, false, resUnknownEnv("arn:aws:s3:::bucket"), TriTrue, TriFalse, ""},
		{"PT-4 literal prefix contradicts", []string{"arn:aws:s3:::other/*"}, false, resUnknownEnv("arn:aws:s3:::bucket/"), TriFalse, TriTrue, ""},
		{"PT-4 exact pattern may match", []string{"arn:aws:s3:::bucket/key"}, false, resUnknownEnv("arn:aws:s3:::bucket/"), TriUnknown, TriUnknown, r},
		{"PT-4 pattern longer than the prefix", []string{"arn:aws:s3:::bucket/a*"}, false, resUnknownEnv("arn:aws:s3:::bucket/"), TriUnknown, TriUnknown, r},
		{"PT-4 no prefix", []string{"arn:aws:s3:::b"}, false, resUnknownEnv(""), TriUnknown, TriUnknown, r},
		{"PT-4 other service", []string{"arn:aws:sqs:*"}, false, resUnknownEnv("arn:aws:s3:::"), TriFalse, TriTrue, ""},
		{"PT-4 mid-segment * cannot guarantee", []string{"arn:aws:s3:::*/x"}, false, resUnknownEnv("arn:aws:s3:::b"), TriUnknown, TriUnknown, r},
		{"PT-4 variable in the pattern", []string{"arn:aws:s3:::bucket/${aws:username}/*"}, true, func() *evalEnv {
			e := resUnknownEnv("arn:aws:s3:::bucket/alice/")()
			e.req.Context.Set("aws:username", "alice")
			return e
		}, TriTrue, TriFalse, ""},
		{"PT-4 variable contradicts", []string{"arn:aws:s3:::bucket/${aws:username}/*"}, true, func() *evalEnv {
			e := resUnknownEnv("arn:aws:s3:::bucket/bob/")()
			e.req.Context.Set("aws:username", "alice")
			return e
		}, TriFalse, TriTrue, ""},
	})
}

func TestResourceMatchAllocs(t *testing.T) {
	m := compileResourceMatcher(mtVals("arn:aws:s3:::other/*", "arn:aws:s3:::bucket/home/${aws:username}/*", "arn:aws:s3:::*/x/*-y"), true)
	e := mtEnv("arn:aws:s3:::bucket/home/alice/docs/a.txt", "aws:PrincipalArn", "arn:aws:iam::1:user/alice", "aws:username", "alice")
	if n := testing.AllocsPerRun(100, func() {
		if m.match(e) != TriTrue || m.matchNot(e) != TriFalse {
			t.Fatal("wrong answer")
		}
	}); n != 0 {
		t.Errorf("resource match allocates %v times, want 0", n)
	}
	e2 := mtEnv("arn:aws:s3:::bucket/zz/x/a-y", "aws:username", "alice")
	if n := testing.AllocsPerRun(100, func() {
		if m.match(e2) != TriTrue {
			t.Fatal("wrong answer")
		}
	}); n != 0 {
		t.Errorf("general resource match allocates %v times, want 0", n)
	}
}

func BenchmarkResourceMatch(b *testing.B) {
	exact := compileResourceMatcher(mtVals("arn:aws:s3:::logs", "arn:aws:s3:::bucket/*"), true)
	vars := compileResourceMatcher(mtVals("arn:aws:s3:::bucket/home/${aws:username}/*"), true)
	general := compileResourceMatcher(mtVals("arn:aws:lambda:*:123456789012:function:*-prod"), true)
	e := mtEnv("arn:aws:s3:::bucket/home/alice/docs/a.txt", "aws:username", "alice")
	l := mtEnv("arn:aws:lambda:us-east-1:123456789012:function:api-prod")
	b.Run("prefix", func(b *testing.B) {
		for b.Loop() {
			exact.match(e)
		}
	})
	b.Run("variable", func(b *testing.B) {
		for b.Loop() {
			vars.match(e)
		}
	})
	b.Run("general", func(b *testing.B) {
		for b.Loop() {
			general.match(l)
		}
	})
}

// TestMatchResourcePattern: the exported one-pattern match (planscan's
// access matrix compares resource documents by it) is the statement
// matcher's answer on a known resource, for every pattern without variable
// syntax; a pattern with `${` is not answered (VA-*: the request decides).
func TestMatchResourcePattern(t *testing.T) {
	t.Parallel()
	patterns := []string{"*", "arn:aws:s3:::data-0001", "arn:aws:s3:::data-0001/*", "arn:aws:s3:::data-*",
		"arn:aws:s3:::DATA-0001", "arn:aws:S3:::data-0001", "arn:aws:s3:::data-000?", "arn:aws:s3:::*/*",
		"arn:aws:logs:*:111122223333:log-group:/app/0001:*", "arn:aws:iam::111122223333:role/*",
		"arn:aws:kms:us-east-1:111122223333:key/*", "arn:*:s3:::data-0001"}
	resources := []string{"arn:aws:s3:::data-0001", "arn:aws:s3:::data-0001/*", "arn:aws:s3:::data-0002",
		"arn:aws:s3:::data-0001/a/b", "arn:aws:S3:::data-0001", "arn:aws:logs:us-east-1:111122223333:log-group:/app/0001:log-stream:x",
		"arn:aws:iam::111122223333:role/apps/red/app-0001", "arn:aws:kms:us-east-1:111122223333:key/k", "*"}
	for _, p := range patterns {
		for _, r := range resources {
			t.Run(p+" on "+r, func(t *testing.T) {
				t.Parallel()
				got, ok := MatchResourcePattern(p, r)
				if !ok {
					t.Fatalf("not answered")
				}
				m := compileResourceMatcher(mtVals(p), true)
				mtWant(t, "match", got, m.match(mtEnv(r)))
			})
		}
	}
	cases := []struct {
		pattern, resource string
		want              Tri
	}{
		{"arn:aws:s3:::data-0001", "arn:aws:s3:::data-0001", TriTrue},          // RS-3 exact
		{"arn:aws:s3:::data-0001/*", "arn:aws:s3:::data-0001", TriFalse},       // RS-5: no padding
		{"arn:aws:s3:::data-0001/*", "arn:aws:s3:::data-0001/*", TriTrue},      // `*` matches itself
		{"*", "arn:aws:s3:::anything", TriTrue},                                // RS-4
		{"arn:aws:s3:::DATA-0001", "arn:aws:s3:::data-0001", TriFalse},         // RS-6: the resource part is case-sensitive
		{"arn:aws:S3:::data-0001", "arn:aws:s3:::data-0001", TriUnknown},       // RS-6: the head's case is AMB-1
		{"arn:aws:s3:::data-*", "arn:aws:s3:::data-0002", TriTrue},             // RS-3
		{"arn:aws:s3:::${aws:username}", "arn:aws:s3:::data-0001", TriUnknown}, // VA-*: not answered
	}
	for _, c := range cases {
		t.Run("want "+c.pattern+" on "+c.resource, func(t *testing.T) {
			t.Parallel()
			got, ok := MatchResourcePattern(c.pattern, c.resource)
			if strings.Contains(c.pattern, "${") {
				if ok {
					t.Fatalf("answered %v for a pattern with a variable", got)
				}
				return
			}
			mtWant(t, "match", got, c.want)
		})
	}
}
