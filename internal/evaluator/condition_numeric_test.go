package evaluator

import "testing"

func TestConditionNumeric(t *testing.T) {
	t.Parallel()
	n := func(v string) func() *evalEnv { return ctxEnv("s3:max-keys", v) }
	c := func(op string, vals ...string) []Condition { return []Condition{mtCond(op, "s3:max-keys", vals...)} }
	runCondCases(t, []condCase{
		{"CO-7 Equals", c("NumericEquals", "10"), n("10"), false, TriTrue, ""},
		{"CO-7 Equals decimal forms", c("NumericEquals", "10.50"), n("010.5"), false, TriTrue, ""},
		{"CO-7 Equals negative zero", c("NumericEquals", "-0"), n("0.000"), false, TriTrue, ""},
		{"CO-7 NotEquals", c("NumericNotEquals", "10", "11"), n("12"), false, TriTrue, ""},
		{"CO-7 NotEquals listed", c("NumericNotEquals", "10", "11"), n("11"), false, TriFalse, ""},
		{"CO-7 LessThan", c("NumericLessThan", "10"), n("9.999999999999999999999"), false, TriTrue, ""},
		{"CO-7 LessThan exact beyond float64", c("NumericLessThan", "9007199254740993"), n("9007199254740992"), false, TriTrue, ""},
		{"CO-7 LessThan equal", c("NumericLessThan", "10"), n("10"), false, TriFalse, ""},
		{"CO-7 LessThanEquals", c("NumericLessThanEquals", "10"), n("10.0"), false, TriTrue, ""},
		{"CO-7 GreaterThan negatives", c("NumericGreaterThan", "-5"), n("-4.5"), false, TriTrue, ""},
		{"CO-7 GreaterThan negatives false", c("NumericGreaterThan", "-4"), n("-4.5"), false, TriFalse, ""},
		{"CO-7 GreaterThanEquals", c("NumericGreaterThanEquals", "0.1"), n("0.10"), false, TriTrue, ""},
		{"CO-7 JSON number value", []Condition{{Operator: "NumericLessThan", Op: ParseOperator("NumericLessThan"), Key: "s3:max-keys", Values: []Value{{Text: "100", Kind: KindNumber}}}}, n("99"), false, TriTrue, ""},
		{"CO-7 policy value 10abc", c("NumericEquals", "10abc"), n("10"), false, TriUnknown, "ambiguous:CO-7"},
		{"CO-7 request value 10abc", c("NumericEquals", "10"), n("10abc"), false, TriUnknown, "ambiguous:CO-7"},
		{"CO-7 request value empty", c("NumericLessThan", "10"), n(""), false, TriUnknown, "ambiguous:CO-7"},
		{"CO-7 exponent form does not parse", c("NumericEquals", "1e3"), n("1000"), false, TriUnknown, "ambiguous:CO-7"},
		{"CO-7 bad value but another matches", c("NumericEquals", "abc", "10"), n("10"), false, TriTrue, ""},
		{"VA-2 no variables in Numeric", c("NumericEquals", "${aws:username}"), n("1"), true, TriUnknown, "ambiguous:CO-7"},
	})
}

func TestParseDecimal(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"1", "2", -1}, {"2", "1", 1}, {"1.5", "1.49", 1}, {"-1", "1", -1}, {"-2", "-1", -1}, {"100", "99.99", 1},
		{"0.001", "0.0010", 0}, {"+3", "3", 0}, {"123456789012345678901234567890", "123456789012345678901234567891", -1},
	} {
		a, ok1 := parseDecimal(c.a)
		b, ok2 := parseDecimal(c.b)
		if !ok1 || !ok2 {
			t.Fatalf("parse %q %q failed", c.a, c.b)
		}
		if got := cmpDecimal(a, b); got != c.want {
			t.Errorf("cmp(%s, %s) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
	for _, bad := range []string{"", "-", ".5", "5.", "1e3", "10abc", "1.2.3", " 1", "0x10"} {
		if _, ok := parseDecimal(bad); ok {
			t.Errorf("parseDecimal(%q) ok, want failure (CO-7)", bad)
		}
	}
}
