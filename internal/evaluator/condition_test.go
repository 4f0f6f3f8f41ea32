package evaluator

import (
	"slices"
	"testing"
)

// Tiny helpers for the matcher tests (prefix mt).

func mtVals(ss ...string) []Value {
	out := make([]Value, len(ss))
	for i, s := range ss {
		out[i] = Value{Text: s}
	}
	return out
}

func mtCond(op, key string, vals ...string) Condition {
	return Condition{Operator: op, Op: ParseOperator(op), Key: key, Values: mtVals(vals...), EmptyArray: vals == nil}
}

// mtEnv builds an evalEnv; ctx pairs are key, value (single-valued).
func mtEnv(resource string, ctx ...string) *evalEnv {
	req := &Request{Resource: resource}
	for i := 0; i+1 < len(ctx); i += 2 {
		req.Context.Set(ctx[i], ctx[i+1])
	}
	return &evalEnv{req: req, res: &Result{}}
}

func mtWant[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// mtReason checks the unknown reasons: want "" means none recorded.
func mtReason(t *testing.T, e *evalEnv, want string) {
	t.Helper()
	if want == "" {
		if len(e.res.Unknowns) > 0 {
			t.Errorf("unknown reasons %q, want none", e.res.Unknowns)
		}
		return
	}
	if !slices.Contains(ReasonStrings(e.res.Unknowns), want) {
		t.Errorf("unknown reasons %q, want %q", e.res.Unknowns, want)
	}
}

type condCase struct {
	name   string
	conds  []Condition
	env    func() *evalEnv
	vars   bool
	want   Tri
	reason string // expected unknown reason when want is TriUnknown
}

func ctxEnv(ctx ...string) func() *evalEnv {
	return func() *evalEnv { return mtEnv("*", ctx...) }
}

func listEnv(key string, vals ...string) func() *evalEnv {
	return func() *evalEnv {
		e := mtEnv("*")
		e.req.Context.SetList(key, vals)
		return e
	}
}

func unknownEnv(key, reason string) func() *evalEnv {
	return func() *evalEnv {
		e := mtEnv("*")
		e.req.Context.SetUnknown(key, Unknown{Reason: reason})
		return e
	}
}

func runCondCases(t *testing.T, cases []condCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			m := compileConditionMatcher(c.conds, c.vars)
			e := c.env()
			got := m.eval(e)
			mtWant(t, "eval", got, c.want)
			if c.want == TriUnknown {
				if c.reason == "" {
					t.Fatal("test case needs a reason")
				}
				mtReason(t, e, c.reason)
			} else {
				mtReason(t, e, "")
			}
		})
	}
}

func TestConditionCombination(t *testing.T) {
	t.Parallel()
	runCondCases(t, []condCase{
		{"CO-1 operators AND: both true", []Condition{
			mtCond("StringEquals", "aws:username", "alice"), mtCond("Bool", "aws:SecureTransport", "true"),
		}, ctxEnv("aws:username", "alice", "aws:SecureTransport", "true"), false, TriTrue, ""},
		{"CO-1 operators AND: one false", []Condition{
			mtCond("StringEquals", "aws:username", "alice"), mtCond("Bool", "aws:SecureTransport", "true"),
		}, ctxEnv("aws:username", "alice", "aws:SecureTransport", "false"), false, TriFalse, ""},
		{"CO-1 keys AND", []Condition{
			mtCond("StringEquals", "aws:username", "alice"), mtCond("StringEquals", "aws:PrincipalTag/team", "ops"),
		}, ctxEnv("aws:username", "alice", "aws:PrincipalTag/team", "dev"), false, TriFalse, ""},
		{"CO-1 values OR", []Condition{mtCond("StringEquals", "aws:username", "bob", "alice")},
			ctxEnv("aws:username", "alice"), false, TriTrue, ""},
		{"CO-1 negated values NOR: one listed", []Condition{mtCond("StringNotEquals", "aws:username", "bob", "alice")},
			ctxEnv("aws:username", "alice"), false, TriFalse, ""},
		{"CO-1 negated values NOR: none listed", []Condition{mtCond("StringNotEquals", "aws:username", "bob", "alice")},
			ctxEnv("aws:username", "carol"), false, TriTrue, ""},
		{"CO-2 key names case-insensitive", []Condition{mtCond("StringEquals", "AWS:UserName", "alice")},
			ctxEnv("aws:username", "alice"), false, TriTrue, ""},
		{"CO-2 tag-key part case-insensitive", []Condition{mtCond("StringEquals", "aws:PrincipalTag/Team", "ops")},
			ctxEnv("aws:principaltag/team", "ops"), false, TriTrue, ""},
		{"CO-2 values case-sensitive", []Condition{mtCond("StringEquals", "aws:username", "Alice")},
			ctxEnv("aws:username", "alice"), false, TriFalse, ""},
		{"unknown and false is false", []Condition{
			mtCond("StringEquals", "aws:username", "alice"), mtCond("Bool", "aws:SecureTransport", "true"),
		}, func() *evalEnv {
			e := mtEnv("*", "aws:SecureTransport", "false")
			e.req.Context.SetUnknown("aws:username", Unknown{Reason: "aws_iam_user.u.name"})
			return e
		}, false, TriFalse, ""},
		{"CO-17 invalid operator", []Condition{mtCond("StringEqualz", "aws:username", "alice")},
			ctxEnv("aws:username", "alice"), false, TriUnknown, "invalid:CO-17"},
		{"CO-17 NullIfExists is invalid", []Condition{mtCond("NullIfExists", "aws:username", "true")},
			ctxEnv(), false, TriUnknown, "invalid:CO-17"},
		{"CO-17 case-mismatched operator AMB-1", []Condition{mtCond("stringequals", "aws:username", "alice")},
			ctxEnv("aws:username", "alice"), false, TriUnknown, "ambiguous:CO-17"},
		{"CO-17 invalid operator but another condition false", []Condition{
			mtCond("StringEqualz", "aws:username", "alice"), mtCond("Bool", "aws:SecureTransport", "true"),
		}, ctxEnv("aws:SecureTransport", "false"), false, TriFalse, ""},
	})
}

func TestConditionMissingKeys(t *testing.T) {
	t.Parallel()
	runCondCases(t, []condCase{
		{"CO-3 positive missing is false", []Condition{mtCond("StringEquals", "aws:username", "alice")}, ctxEnv(), false, TriFalse, ""},
		{"CO-3 negated missing is true", []Condition{mtCond("StringNotEquals", "aws:username", "alice")}, ctxEnv(), false, TriTrue, ""},
		{"CO-3 NotIpAddress missing is true", []Condition{mtCond("NotIpAddress", "aws:SourceIp", "10.0.0.0/8")}, ctxEnv(), false, TriTrue, ""},
		{"CO-3 IpAddress missing is false", []Condition{mtCond("IpAddress", "aws:SourceIp", "10.0.0.0/8")}, ctxEnv(), false, TriFalse, ""},
		{"CO-3 ArnNotLike missing is true", []Condition{mtCond("ArnNotLike", "aws:SourceArn", "arn:aws:s3:::b")}, ctxEnv(), false, TriTrue, ""},
		{"CO-3 NumericLessThan missing is false", []Condition{mtCond("NumericLessThan", "s3:max-keys", "10")}, ctxEnv(), false, TriFalse, ""},
		{"CO-3 DateNotEquals missing is true", []Condition{mtCond("DateNotEquals", "aws:CurrentTime", "2024-01-01")}, ctxEnv(), false, TriTrue, ""},
		{"CO-4 IfExists missing is true", []Condition{mtCond("StringEqualsIfExists", "aws:username", "alice")}, ctxEnv(), false, TriTrue, ""},
		{"CO-4 negated IfExists missing is true", []Condition{mtCond("StringNotEqualsIfExists", "aws:username", "alice")}, ctxEnv(), false, TriTrue, ""},
		{"CO-4 IfExists present uses base", []Condition{mtCond("StringEqualsIfExists", "aws:username", "alice")}, ctxEnv("aws:username", "bob"), false, TriFalse, ""},
		{"CO-4 BoolIfExists present", []Condition{mtCond("BoolIfExists", "aws:MultiFactorAuthPresent", "false")}, ctxEnv("aws:MultiFactorAuthPresent", "false"), false, TriTrue, ""},
	})
	// noteMissing records the key (CTX-1).
	m := compileConditionMatcher([]Condition{mtCond("StringEquals", "aws:username", "alice")}, false)
	e := mtEnv("*")
	m.eval(e)
	if !slices.Equal(e.res.MissingContextKeys, []string{"aws:username"}) {
		t.Errorf("missing keys %q, want [aws:username]", e.res.MissingContextKeys)
	}
}

func TestConditionSetOperators(t *testing.T) {
	t.Parallel()
	tags := func(vals ...string) func() *evalEnv { return listEnv("aws:TagKeys", vals...) }
	runCondCases(t, []condCase{
		// CO-13 ForAllValues.
		{"CO-13 ForAllValues all in", []Condition{mtCond("ForAllValues:StringEquals", "aws:TagKeys", "a", "b")}, tags("a", "b"), false, TriTrue, ""},
		{"CO-13 ForAllValues one out", []Condition{mtCond("ForAllValues:StringEquals", "aws:TagKeys", "a", "b")}, tags("a", "c"), false, TriFalse, ""},
		{"CO-13 ForAllValues missing key true", []Condition{mtCond("ForAllValues:StringEquals", "aws:TagKeys", "a")}, ctxEnv(), false, TriTrue, ""},
		{"CO-13 ForAllValues empty list true", []Condition{mtCond("ForAllValues:StringEquals", "aws:TagKeys", "a")}, tags(), false, TriTrue, ""},
		{"CO-13 ForAllValues null data set true", []Condition{mtCond("ForAllValues:StringEquals", "aws:TagKeys", "a")}, ctxEnv("aws:TagKeys", ""), false, TriTrue, ""},
		{"CO-13 ForAllValues negated: none listed", []Condition{mtCond("ForAllValues:StringNotEquals", "aws:TagKeys", "a")}, tags("b", "c"), false, TriTrue, ""},
		{"CO-13 ForAllValues negated: one listed", []Condition{mtCond("ForAllValues:StringNotEquals", "aws:TagKeys", "a")}, tags("a", "c"), false, TriFalse, ""},
		{"CO-13 ForAllValues Like", []Condition{mtCond("ForAllValues:StringLike", "aws:TagKeys", "team-*")}, tags("team-a", "team-b"), false, TriTrue, ""},
		// CO-13 ForAnyValue.
		{"CO-13 ForAnyValue one in", []Condition{mtCond("ForAnyValue:StringEquals", "aws:TagKeys", "a")}, tags("x", "a"), false, TriTrue, ""},
		{"CO-13 ForAnyValue none in", []Condition{mtCond("ForAnyValue:StringEquals", "aws:TagKeys", "a")}, tags("x", "y"), false, TriFalse, ""},
		{"CO-13 ForAnyValue missing key false", []Condition{mtCond("ForAnyValue:StringEquals", "aws:TagKeys", "a")}, ctxEnv(), false, TriFalse, ""},
		{"CO-13 ForAnyValue empty list false", []Condition{mtCond("ForAnyValue:StringEquals", "aws:TagKeys", "a")}, tags(), false, TriFalse, ""},
		{"CO-13 ForAnyValue null data set false", []Condition{mtCond("ForAnyValue:StringNotEquals", "aws:TagKeys", "a")}, ctxEnv("aws:TagKeys", ""), false, TriFalse, ""},
		{"CO-13 ForAnyValue negated: some not listed", []Condition{mtCond("ForAnyValue:StringNotEquals", "aws:TagKeys", "a")}, tags("a", "b"), false, TriTrue, ""},
		{"CO-13 ForAnyValue negated: all listed", []Condition{mtCond("ForAnyValue:StringNotEquals", "aws:TagKeys", "a", "b")}, tags("a", "b"), false, TriFalse, ""},
		// CO-13 IfExists with a set qualifier.
		{"CO-13 ForAnyValue IfExists missing true", []Condition{mtCond("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", "a")}, ctxEnv(), false, TriTrue, ""},
		{"CO-13 ForAllValues IfExists missing true", []Condition{mtCond("ForAllValues:StringEqualsIfExists", "aws:TagKeys", "a")}, ctxEnv(), false, TriTrue, ""},
		{"CO-13 ForAnyValue IfExists present", []Condition{mtCond("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", "a")}, tags("b"), false, TriFalse, ""},
		{"CO-13 ForAnyValue IfExists empty list false", []Condition{mtCond("ForAnyValue:StringEqualsIfExists", "aws:TagKeys", "a")}, tags(), false, TriFalse, ""},
		// CO-16 set qualifier on a single-valued key.
		{"CO-16 ForAnyValue single value", []Condition{mtCond("ForAnyValue:StringEquals", "aws:username", "alice")}, ctxEnv("aws:username", "alice"), false, TriTrue, ""},
		{"CO-16 ForAllValues single value out", []Condition{mtCond("ForAllValues:StringEquals", "aws:username", "alice")}, ctxEnv("aws:username", "bob"), false, TriFalse, ""},
		// CO-14 empty value arrays.
		{"CO-14 plain positive []", []Condition{mtCond("StringEquals", "aws:username")}, ctxEnv("aws:username", "a"), false, TriFalse, ""},
		{"CO-14 plain negated [] present", []Condition{mtCond("StringNotEquals", "aws:username")}, ctxEnv("aws:username", "a"), false, TriUnknown, "ambiguous:CO-14"},
		{"CO-14 plain negated [] missing", []Condition{mtCond("StringNotEquals", "aws:username")}, ctxEnv(), false, TriTrue, ""},
		{"CO-14 ForAllValues [] empty set", []Condition{mtCond("ForAllValues:StringEquals", "aws:TagKeys")}, tags(), false, TriTrue, ""},
		{"CO-14 ForAllValues [] non-empty set", []Condition{mtCond("ForAllValues:StringEquals", "aws:TagKeys")}, tags("a"), false, TriFalse, ""},
		{"CO-14 ForAllValues negated [] non-empty set", []Condition{mtCond("ForAllValues:StringNotEquals", "aws:TagKeys")}, tags("a"), false, TriUnknown, "ambiguous:CO-14"},
		{"CO-14 ForAnyValue [] never matches", []Condition{mtCond("ForAnyValue:StringEquals", "aws:TagKeys")}, tags("a"), false, TriFalse, ""},
		{"CO-14 ForAnyValue negated [] non-empty set", []Condition{mtCond("ForAnyValue:StringNotEquals", "aws:TagKeys")}, tags("a"), false, TriUnknown, "ambiguous:CO-14"},
		{"CO-14 IfExists [] missing", []Condition{mtCond("StringEqualsIfExists", "aws:username")}, ctxEnv(), false, TriTrue, ""},
		{"CO-14 IfExists [] present", []Condition{mtCond("StringEqualsIfExists", "aws:username")}, ctxEnv("aws:username", "a"), false, TriFalse, ""},
		// CO-15 single-valued operator on a list.
		{"CO-15 one-element list", []Condition{mtCond("StringEquals", "aws:TagKeys", "a")}, tags("a"), false, TriTrue, ""},
		{"CO-15 empty list as missing (positive)", []Condition{mtCond("StringEquals", "aws:TagKeys", "a")}, tags(), false, TriFalse, ""},
		{"CO-15 empty list as missing (negated)", []Condition{mtCond("StringNotEquals", "aws:TagKeys", "a")}, tags(), false, TriTrue, ""},
		{"CO-15 empty list as missing (IfExists)", []Condition{mtCond("StringEqualsIfExists", "aws:TagKeys", "a")}, tags(), false, TriTrue, ""},
		{"CO-15 readings agree: all match", []Condition{mtCond("StringEquals", "aws:TagKeys", "a", "b")}, tags("a", "b"), false, TriTrue, ""},
		{"CO-15 readings agree: none match", []Condition{mtCond("StringEquals", "aws:TagKeys", "a")}, tags("x", "y"), false, TriFalse, ""},
		{"CO-15 readings differ", []Condition{mtCond("StringEquals", "aws:TagKeys", "a")}, tags("a", "y"), false, TriUnknown, "ambiguous:CO-15"},
		{"CO-15 negated readings differ", []Condition{mtCond("StringNotEquals", "aws:TagKeys", "a")}, tags("a", "y"), false, TriUnknown, "ambiguous:CO-15"},
	})
}

func TestConditionUnknownValues(t *testing.T) {
	t.Parallel()
	const r = "aws_iam_role.r.tags"
	u := func(key string) func() *evalEnv { return unknownEnv(key, r) }
	runCondCases(t, []condCase{
		{"PT-1 unknown string value", []Condition{mtCond("StringEquals", "aws:PrincipalTag/t", "a")}, u("aws:PrincipalTag/t"), false, TriUnknown, r},
		{"PT-1 unknown negated", []Condition{mtCond("StringNotEquals", "aws:PrincipalTag/t", "a")}, u("aws:PrincipalTag/t"), false, TriUnknown, r},
		{"PT-1 IfExists does not help", []Condition{mtCond("StringEqualsIfExists", "aws:PrincipalTag/t", "a")}, u("aws:PrincipalTag/t"), false, TriUnknown, r},
		{"PT-1 unknown numeric", []Condition{mtCond("NumericLessThan", "s3:max-keys", "10")}, u("s3:max-keys"), false, TriUnknown, r},
		{"PT-1 unknown ForAllValues", []Condition{mtCond("ForAllValues:StringEquals", "aws:TagKeys", "a")}, u("aws:TagKeys"), false, TriUnknown, r},
		{"PT-1 unknown ForAnyValue", []Condition{mtCond("ForAnyValue:StringEquals", "aws:TagKeys", "a")}, u("aws:TagKeys"), false, TriUnknown, r},
		{"CO-5 Null false on unknown is true (present)", []Condition{mtCond("Null", "aws:PrincipalTag/t", "false")}, u("aws:PrincipalTag/t"), false, TriTrue, ""},
		{"CO-5 Null true on unknown is false", []Condition{mtCond("Null", "aws:PrincipalTag/t", "true")}, u("aws:PrincipalTag/t"), false, TriFalse, ""},
		{"CO-14 positive [] fixed false", []Condition{mtCond("StringEquals", "aws:PrincipalTag/t")}, u("aws:PrincipalTag/t"), false, TriFalse, ""},
		{"VA-5 unset variable: positive false whatever the value", []Condition{mtCond("StringEquals", "aws:PrincipalTag/t", "${aws:username}")}, u("aws:PrincipalTag/t"), true, TriFalse, ""},
		{"VA-5 unset variable: negated true whatever the value", []Condition{mtCond("StringNotEquals", "aws:PrincipalTag/t", "${aws:username}")}, u("aws:PrincipalTag/t"), true, TriTrue, ""},
	})
}

func allocCondBlock() ([]Condition, *evalEnv) {
	conds := []Condition{
		mtCond("StringEquals", "aws:PrincipalTag/team", "ops", "dev"),
		mtCond("StringLike", "s3:prefix", "home/${aws:username}/*"),
		mtCond("ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:user/${aws:username}"),
		mtCond("Bool", "aws:SecureTransport", "true"),
		mtCond("NumericLessThanEquals", "s3:max-keys", "100"),
		mtCond("DateLessThan", "aws:CurrentTime", "2030-01-01T00:00:00Z"),
		mtCond("IpAddress", "aws:SourceIp", "10.0.0.0/8", "2001:db8::/32"),
		mtCond("ForAllValues:StringEquals", "aws:TagKeys", "team", "env"),
		mtCond("StringEqualsIgnoreCase", "aws:RequestedRegion", "US-EAST-1"),
		mtCond("Null", "aws:TokenIssueTime", "false"),
		mtCond("StringNotEqualsIfExists", "aws:CalledViaFirst", "cloudformation.amazonaws.com"),
		mtCond("BinaryEquals", "k:bin", "aGVsbG8="),
	}
	e := mtEnv("*",
		"aws:PrincipalTag/team", "ops", "aws:username", "alice", "s3:prefix", "home/alice/docs",
		"aws:PrincipalArn", "arn:aws:iam::123456789012:user/alice", "aws:SecureTransport", "true",
		"s3:max-keys", "50", "aws:CurrentTime", "2026-03-01T12:00:00Z", "aws:SourceIp", "10.1.2.3",
		"aws:RequestedRegion", "us-east-1", "aws:TokenIssueTime", "2026-03-01T11:00:00Z", "k:bin", "aGVsbG8=")
	e.req.Context.SetList("aws:TagKeys", []string{"team", "env"})
	return conds, e
}

func TestConditionAllocs(t *testing.T) {
	conds, e := allocCondBlock()
	m := compileConditionMatcher(conds, true)
	e.res.MissingContextKeys = make([]string, 0, 4)
	if n := testing.AllocsPerRun(100, func() {
		if got := m.eval(e); got != TriTrue {
			t.Fatalf("eval = %v, want true (unknowns %q)", got, e.res.Unknowns)
		}
	}); n != 0 {
		t.Errorf("condition block allocates %v times, want 0", n)
	}
}

func BenchmarkConditionBlock(b *testing.B) {
	conds, e := allocCondBlock()
	m := compileConditionMatcher(conds, true)
	e.res.MissingContextKeys = make([]string, 0, 4)
	for b.Loop() {
		m.eval(e)
	}
}

func BenchmarkConditionTypical(b *testing.B) {
	m := compileConditionMatcher([]Condition{
		mtCond("StringEquals", "aws:PrincipalTag/team", "ops"),
		mtCond("Bool", "aws:SecureTransport", "true"),
	}, true)
	e := mtEnv("*", "aws:PrincipalTag/team", "ops", "aws:SecureTransport", "true", "aws:username", "alice")
	for b.Loop() {
		m.eval(e)
	}
}
