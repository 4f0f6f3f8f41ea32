package evaluator

import "testing"

func TestConditionBinary(t *testing.T) {
	t.Parallel()
	bin := func(v string) func() *evalEnv { return ctxEnv("k", v) }
	c := func(vals ...string) []Condition { return []Condition{mtCond("BinaryEquals", "k", vals...)} }
	runCondCases(t, []condCase{
		{"CO-10 same bytes", c("aGVsbG8="), bin("aGVsbG8="), false, TriTrue, ""},
		{"CO-10 same bytes, request unpadded", c("aGVsbG8="), bin("aGVsbG8"), false, TriTrue, ""},
		{"CO-10 policy unpadded", c("aGVsbG8"), bin("aGVsbG8="), false, TriTrue, ""},
		{"CO-10 different bytes", c("aGVsbG8="), bin("aGVsbG4="), false, TriFalse, ""},
		{"CO-10 longer request", c("aGVsbG8="), bin("aGVsbG8hIQ=="), false, TriFalse, ""},
		{"CO-10 shorter request", c("aGVsbG8hIQ=="), bin("aGVsbG8="), false, TriFalse, ""},
		{"CO-10 compares bytes, not text", c("aGVsbG8="), bin("hello"), false, TriFalse, ""},
		{"CO-10 invalid request base64 never matches", c("aGVsbG8="), bin("a*b"), false, TriFalse, ""},
		{"CO-10 invalid policy base64", c("%%%"), bin("aGVsbG8="), false, TriUnknown, "ambiguous:CO-10"},
		{"CO-10 empty", c(""), bin(""), false, TriTrue, ""},
	})
}
