package evaluator

import "testing"

func TestConditionString(t *testing.T) {
	t.Parallel()
	u := ctxEnv("aws:username", "alice", "aws:PrincipalTag/team", "ops")
	runCondCases(t, []condCase{
		{"CO-6 Equals exact", []Condition{mtCond("StringEquals", "aws:username", "alice")}, u, false, TriTrue, ""},
		{"CO-6 Equals: * is literal", []Condition{mtCond("StringEquals", "aws:username", "a*")}, u, false, TriFalse, ""},
		{"CO-6 Equals: * literal matches *", []Condition{mtCond("StringEquals", "aws:username", "a*")}, ctxEnv("aws:username", "a*"), false, TriTrue, ""},
		{"CO-6 IgnoreCase ASCII", []Condition{mtCond("StringEqualsIgnoreCase", "aws:username", "ALICE")}, u, false, TriTrue, ""},
		{"CO-6 NotEqualsIgnoreCase", []Condition{mtCond("StringNotEqualsIgnoreCase", "aws:username", "ALICE")}, u, false, TriFalse, ""},
		{"CO-6 IgnoreCase non-ASCII, foldings agree", []Condition{mtCond("StringEqualsIgnoreCase", "aws:username", "ÉMILE")}, ctxEnv("aws:username", "ÉMILE"), false, TriTrue, ""},
		{"CO-6 IgnoreCase non-ASCII, foldings disagree", []Condition{mtCond("StringEqualsIgnoreCase", "aws:username", "ÉMILE")}, ctxEnv("aws:username", "émile"), false, TriUnknown, "ambiguous:CO-6"},
		{"CO-6 IgnoreCase Kelvin sign", []Condition{mtCond("StringEqualsIgnoreCase", "aws:username", "\u212a")}, ctxEnv("aws:username", "k"), false, TriUnknown, "ambiguous:CO-6"},
		{"CO-6 Like star", []Condition{mtCond("StringLike", "aws:username", "al*")}, u, false, TriTrue, ""},
		{"CO-6 Like question", []Condition{mtCond("StringLike", "aws:username", "al?ce")}, u, false, TriTrue, ""},
		{"CO-6 Like case-sensitive", []Condition{mtCond("StringLike", "aws:username", "AL*")}, u, false, TriFalse, ""},
		{"CO-6 NotLike", []Condition{mtCond("StringNotLike", "aws:username", "b*", "c*")}, u, false, TriTrue, ""},
		{"CO-18 number compares as JSON text", []Condition{{Operator: "StringEquals", Op: ParseOperator("StringEquals"), Key: "aws:PrincipalAccount", Values: []Value{{Text: "123456789012", Kind: KindNumber}}}}, ctxEnv("aws:PrincipalAccount", "123456789012"), false, TriTrue, ""},
		{"CO-18 bool compares as JSON text", []Condition{{Operator: "StringEquals", Op: ParseOperator("StringEquals"), Key: "k", Values: []Value{{Text: "true", Kind: KindBool}}}}, ctxEnv("k", "true"), false, TriTrue, ""},
	})
}

func TestConditionStringVariables(t *testing.T) {
	t.Parallel()
	env := ctxEnv("aws:username", "alice", "aws:PrincipalTag/owner", "alice", "aws:PrincipalTag/empty", "", "aws:PrincipalTag/star", "a*")
	runCondCases(t, []condCase{
		{"VA-2 variable in Equals", []Condition{mtCond("StringEquals", "aws:PrincipalTag/owner", "${aws:username}")}, env, true, TriTrue, ""},
		{"VA-3 variable key case-insensitive", []Condition{mtCond("StringEquals", "aws:PrincipalTag/owner", "${AWS:UserName}")}, env, true, TriTrue, ""},
		{"VA-1 Version gate: variable literal", []Condition{mtCond("StringEquals", "aws:PrincipalTag/owner", "${aws:username}")}, env, false, TriFalse, ""},
		{"VA-1 Version gate: literal text matches", []Condition{mtCond("StringEquals", "k", "${aws:username}")}, ctxEnv("k", "${aws:username}"), false, TriTrue, ""},
		{"VA-2 variable inside text", []Condition{mtCond("StringLike", "s3:prefix", "home/${aws:username}/*")}, ctxEnv("aws:username", "alice", "s3:prefix", "home/alice/docs"), true, TriTrue, ""},
		{"VA-2 variable inside text, other user", []Condition{mtCond("StringLike", "s3:prefix", "home/${aws:username}/*")}, ctxEnv("aws:username", "bob", "s3:prefix", "home/alice/docs"), true, TriFalse, ""},
		{"VA-5 unset: positive does not match", []Condition{mtCond("StringEquals", "aws:PrincipalTag/owner", "${aws:PrincipalTag/none}")}, env, true, TriFalse, ""},
		{"VA-5 unset: negated matches", []Condition{mtCond("StringNotEquals", "aws:PrincipalTag/owner", "${aws:PrincipalTag/none}")}, env, true, TriTrue, ""},
		{"VA-5 unset: NOR with another value", []Condition{mtCond("StringNotEquals", "aws:PrincipalTag/owner", "${aws:PrincipalTag/none}", "alice")}, env, true, TriFalse, ""},
		{"VA-5 default used", []Condition{mtCond("StringEquals", "k", "${aws:PrincipalTag/none, 'dflt'}")}, ctxEnv("k", "dflt"), true, TriTrue, ""},
		{"VA-5 present empty with default: readings differ", []Condition{mtCond("StringEquals", "k", "${aws:PrincipalTag/empty, 'x'}")}, ctxEnv("aws:PrincipalTag/empty", "", "k", "x"), true, TriUnknown, "ambiguous:VA-5"},
		{"VA-5 present empty with default: readings agree", []Condition{mtCond("StringEquals", "k", "${aws:PrincipalTag/empty, 'x'}")}, ctxEnv("aws:PrincipalTag/empty", "", "k", "y"), true, TriFalse, ""},
		{"VA-4 multivalued key resolves as unset", []Condition{mtCond("StringEquals", "k", "${aws:TagKeys}")}, func() *evalEnv {
			e := mtEnv("*", "k", "a")
			e.req.Context.SetList("aws:TagKeys", []string{"a"})
			return e
		}, true, TriFalse, ""},
		{"VA-3 ${*} literal in Like", []Condition{mtCond("StringLike", "k", "a${*}")}, ctxEnv("k", "ab"), true, TriFalse, ""},
		{"VA-3 ${*} literal matches *", []Condition{mtCond("StringLike", "k", "a${*}")}, ctxEnv("k", "a*"), true, TriTrue, ""},
		{"VA-3 ${?} and ${$}", []Condition{mtCond("StringLike", "k", "${?}${$}*")}, ctxEnv("k", "?$x"), true, TriTrue, ""},
		{"VA-1 ${*} under 2008 is a wildcard", []Condition{mtCond("StringLike", "k", "a${*}")}, ctxEnv("k", "a${anything}"), false, TriTrue, ""},
		{"VA-6 wildcard in substituted value: readings differ", []Condition{mtCond("StringLike", "k", "${aws:PrincipalTag/star}")}, ctxEnv("aws:PrincipalTag/star", "a*", "k", "abc"), true, TriUnknown, "ambiguous:VA-6"},
		{"VA-6 wildcard in substituted value: readings agree", []Condition{mtCond("StringLike", "k", "${aws:PrincipalTag/star}")}, ctxEnv("aws:PrincipalTag/star", "a*", "k", "a*"), true, TriTrue, ""},
		{"VA-6 Equals never reads wildcards", []Condition{mtCond("StringEquals", "k", "${aws:PrincipalTag/star}")}, ctxEnv("aws:PrincipalTag/star", "a*", "k", "abc"), true, TriFalse, ""},
		{"VA-3 malformed variable matters", []Condition{mtCond("StringLike", "k", "a${aws:username")}, ctxEnv("k", "ab"), true, TriUnknown, "ambiguous:VA-3"},
		{"VA-3 malformed variable does not matter", []Condition{mtCond("StringLike", "k", "a${aws:username")}, ctxEnv("k", "zz"), true, TriFalse, ""},
		{"PT-1 unknown variable value", []Condition{mtCond("StringEquals", "k", "${aws:PrincipalTag/u}")}, func() *evalEnv {
			e := mtEnv("*", "k", "x")
			e.req.Context.SetUnknown("aws:PrincipalTag/u", Unknown{Reason: "tag-u"})
			return e
		}, true, TriUnknown, "tag-u"},
		{"PT-1 unknown variable value, literal part fails", []Condition{mtCond("StringLike", "k", "pre-${aws:PrincipalTag/u}")}, func() *evalEnv {
			e := mtEnv("*", "k", "other")
			e.req.Context.SetUnknown("aws:PrincipalTag/u", Unknown{Reason: "tag-u"})
			return e
		}, true, TriFalse, ""},
		{"CO-6 IgnoreCase with variable, non-ASCII: foldings disagree", []Condition{mtCond("StringEqualsIgnoreCase", "k", "${aws:username}")}, ctxEnv("aws:username", "ÉMILE", "k", "émile"), true, TriUnknown, "ambiguous:CO-6"},
		{"CO-6 IgnoreCase with variable, non-ASCII: foldings agree", []Condition{mtCond("StringEqualsIgnoreCase", "k", "x-${aws:username}")}, ctxEnv("aws:username", "Émile", "k", "X-Émile"), true, TriTrue, ""},
		{"CO-6 IgnoreCase with variable", []Condition{mtCond("StringEqualsIgnoreCase", "k", "${aws:username}")}, ctxEnv("aws:username", "Alice", "k", "ALICE"), true, TriTrue, ""},
	})
}
