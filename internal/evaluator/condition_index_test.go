package evaluator

import (
	"math/rand"
	"testing"
)

// TestStrIndexAgreesWithLinear checks that a String condition with an index
// (strIndexMin values or more) answers every request value exactly as the
// value-by-value loop: same Tri, same notes (CO-6, VA-*).
func TestStrIndexAgreesWithLinear(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(1))
	alphabet := []string{"a", "B", "b", "-", "/", "*", "?", "k", "K", "\u212a", "é", "É", "${aws:username}", "${aws:PrincipalTag/x}"}
	word := func(n int) string {
		s := ""
		for i := 0; i < n; i++ {
			s += alphabet[rng.Intn(len(alphabet))]
		}
		return s
	}
	ops := []string{"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"}
	var ctx Context
	ctx.Set("aws:username", "ab")
	ctx.Set("aws:PrincipalTag/x", "K*")
	req := &Request{Context: ctx}
	for round := 0; round < 300; round++ {
		op := ops[rng.Intn(len(ops))]
		cond := Condition{Operator: op, Op: ParseOperator(op), Key: "k"}
		for i := 0; i < strIndexMin+rng.Intn(40); i++ {
			cond.Values = append(cond.Values, Value{Text: word(rng.Intn(5))})
		}
		var vs varSlots
		cc := compileCond(&cond, true, &vs)
		if cc.sidx == nil {
			t.Fatalf("%s with %d values has no index", op, len(cond.Values))
		}
		linear := cc
		linear.sidx = nil
		e := &evalEnv{req: req, res: &Result{}}
		var b varBinds
		vs.bind(e, &b)
		for j := 0; j < 200; j++ {
			v := word(rng.Intn(6))
			if j < len(cond.Values) && rng.Intn(3) == 0 {
				v = cond.Values[j].Text // hits, including as written with wildcards
			}
			var n1, n2 triNotes
			got := cc.matchAny(v, &b, &n1)
			want := linear.matchAny(v, &b, &n2)
			if got != want || n1 != n2 {
				t.Fatalf("%s %q against %q: index %v %v, linear %v %v", op, cond.Values, v, got, n1, want, n2)
			}
		}
	}
}
