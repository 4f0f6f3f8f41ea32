package evaluator

import "testing"

func TestConditionBoolAndNull(t *testing.T) {
	t.Parallel()
	st := func(v string) func() *evalEnv { return ctxEnv("aws:SecureTransport", v) }
	jsonTrue := Condition{Operator: "Bool", Op: ParseOperator("Bool"), Key: "aws:SecureTransport", Values: []Value{{Text: "true", Kind: KindBool}}}
	runCondCases(t, []condCase{
		{"CO-9 true", []Condition{mtCond("Bool", "aws:SecureTransport", "true")}, st("true"), false, TriTrue, ""},
		{"CO-9 false vs true", []Condition{mtCond("Bool", "aws:SecureTransport", "false")}, st("true"), false, TriFalse, ""},
		{"CO-9 JSON boolean", []Condition{jsonTrue}, st("true"), false, TriTrue, ""},
		{"CO-9 policy spelling True AMB-1", []Condition{mtCond("Bool", "aws:SecureTransport", "True")}, st("true"), false, TriUnknown, "ambiguous:CO-9"},
		{"CO-9 policy spelling True, readings agree", []Condition{mtCond("Bool", "aws:SecureTransport", "True")}, st("false"), false, TriFalse, ""},
		{"CO-9 request spelling TRUE AMB-1", []Condition{mtCond("Bool", "aws:SecureTransport", "true")}, st("TRUE"), false, TriUnknown, "ambiguous:CO-9"},
		{"CO-9 non-boolean policy value", []Condition{mtCond("Bool", "aws:SecureTransport", "yes")}, st("true"), false, TriUnknown, "ambiguous:CO-9"},
		{"CO-9 variable [conflict]", []Condition{mtCond("Bool", "aws:SecureTransport", "${aws:username}")}, st("true"), true, TriUnknown, "ambiguous:CO-9"},
		{"CO-9 BoolIfExists missing", []Condition{mtCond("BoolIfExists", "aws:MultiFactorAuthPresent", "true")}, ctxEnv(), false, TriTrue, ""},
		{"CO-5 Null true on absent key", []Condition{mtCond("Null", "aws:TokenIssueTime", "true")}, ctxEnv(), false, TriTrue, ""},
		{"CO-5 Null true on present key", []Condition{mtCond("Null", "aws:TokenIssueTime", "true")}, ctxEnv("aws:TokenIssueTime", "x"), false, TriFalse, ""},
		{"CO-5 Null false on present key", []Condition{mtCond("Null", "aws:TokenIssueTime", "false")}, ctxEnv("aws:TokenIssueTime", "x"), false, TriTrue, ""},
		{"CO-5 Null false on absent key", []Condition{mtCond("Null", "aws:TokenIssueTime", "false")}, ctxEnv(), false, TriFalse, ""},
		{"CO-5 Null on empty value AMB-1", []Condition{mtCond("Null", "aws:TokenIssueTime", "true")}, ctxEnv("aws:TokenIssueTime", ""), false, TriUnknown, "ambiguous:CO-5"},
		{"CO-5 Null on empty value, both values listed", []Condition{mtCond("Null", "aws:TokenIssueTime", "true", "false")}, ctxEnv("aws:TokenIssueTime", ""), false, TriTrue, ""},
		{"CO-5 Null on empty list AMB-1", []Condition{mtCond("Null", "aws:TagKeys", "false")}, listEnv("aws:TagKeys"), false, TriUnknown, "ambiguous:CO-5"},
		{"CO-5 ForAllValues:Null always true", []Condition{mtCond("ForAllValues:Null", "aws:TagKeys", "false")}, ctxEnv(), false, TriTrue, ""},
		{"CO-5 ForAnyValue:Null always false", []Condition{mtCond("ForAnyValue:Null", "aws:TagKeys", "true")}, ctxEnv(), false, TriFalse, ""},
		{"CO-5 Null spelling TRUE AMB-1", []Condition{mtCond("Null", "aws:TokenIssueTime", "TRUE")}, ctxEnv(), false, TriUnknown, "ambiguous:CO-5"},
		{"CO-5 Null spelling TRUE, readings agree", []Condition{mtCond("Null", "aws:TokenIssueTime", "TRUE")}, ctxEnv("aws:TokenIssueTime", "x"), false, TriFalse, ""},
		{"VA-2 no variables in Null", []Condition{mtCond("Null", "aws:TokenIssueTime", "${aws:x}")}, ctxEnv(), true, TriUnknown, "ambiguous:CO-5"},
	})
	// Null does not record the key as missing: absence is its answer.
	m := compileConditionMatcher([]Condition{mtCond("Null", "aws:TokenIssueTime", "true")}, false)
	e := mtEnv("*")
	m.eval(e)
	if len(e.res.MissingContextKeys) != 0 {
		t.Errorf("missing keys %q, want none", e.res.MissingContextKeys)
	}
}
