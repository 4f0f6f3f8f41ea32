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

// TestLookupFoldAgrees checks the hashed context lookup against Lookup,
// with keys whose case folding is not ASCII's (CO-2).
func TestLookupFoldAgrees(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(5))
	parts := []string{"a", "A", "k", "K", "\u212a", "s", "S", "\u017f", ":", "/", "é", "É"}
	word := func() string {
		s := ""
		for i := 0; i < 1+rng.Intn(4); i++ {
			s += parts[rng.Intn(len(parts))]
		}
		return s
	}
	for round := 0; round < 2000; round++ {
		var c Context
		// Up to 24 keys: past ctxFolds the lookup scans the entries.
		for i := 0; i < rng.Intn(25); i++ {
			c.Set(word(), "v")
		}
		cl := c.Clone()
		cl.Set(word(), "w")
		for j := 0; j < 20; j++ {
			k := word()
			if got, want := c.lookupFold(k, foldHash(k)), c.Lookup(k); got != want {
				t.Fatalf("lookup %q in %v: hashed %v, plain %v", k, c.Entries(), got, want)
			}
			if got, want := cl.lookupFold(k, foldHash(k)), cl.Lookup(k); got != want {
				t.Fatalf("lookup %q in clone %v: hashed %v, plain %v", k, cl.Entries(), got, want)
			}
		}
	}
}

// globRef is a plain recursive glob (`*` any run of characters, `?` one
// character), the reference for globMatchFold's prefilters.
func globRef(p, s string, fold bool) bool {
	if p == "" {
		return s == ""
	}
	switch p[0] {
	case '*':
		for i := 0; ; i += globRuneLen(s, i) {
			if globRef(p[1:], s[i:], fold) {
				return true
			}
			if i >= len(s) {
				return false
			}
		}
	case '?':
		return s != "" && globRef(p[1:], s[globRuneLen(s, 0):], fold)
	}
	if s == "" {
		return false
	}
	c := s[0]
	if fold {
		c = asciiLower(c)
	}
	return c == p[0] && globRef(p[1:], s[1:], fold)
}

func TestGlobMatchAgreesWithReference(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewSource(9))
	gen := func(alpha []string, n int) string {
		s := ""
		for i := 0; i < rng.Intn(n+1); i++ {
			s += alpha[rng.Intn(len(alpha))]
		}
		return s
	}
	pats := []string{"a", "b", "*", "?", ":", "é", "\xff"}
	subj := []string{"a", "b", "A", ":", "é", "\xff", "ab"}
	for i := 0; i < 50000; i++ {
		p, s := gen(pats, 6), gen(subj, 6)
		fold := rng.Intn(2) == 0
		if got, want := globMatchFold(p, s, fold), globRef(p, s, fold); got != want {
			t.Fatalf("globMatchFold(%q, %q, %v) = %v, reference %v", p, s, fold, got, want)
		}
	}
}
