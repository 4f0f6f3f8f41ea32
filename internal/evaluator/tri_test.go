package evaluator

import "testing"

// TestTriString: Tri.String is the one text of a truth value (PT-2); the
// JSON of planscan query and planscan eval prints "applies" with it.
func TestTriString(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		t    Tri
		want string
	}{
		{TriTrue, "true"},
		{TriFalse, "false"},
		{TriUnknown, "unknown"},
		{TriTrue.And(TriUnknown), "unknown"},
	} {
		if got := tc.t.String(); got != tc.want {
			t.Errorf("Tri(%d).String() = %q, want %q", tc.t, got, tc.want)
		}
	}
}

// PT-2: And, Or and Not (tables since issue 11) are strong Kleene logic,
// written out: false dominates And, true dominates Or, unknown otherwise.
func TestTriKleeneTables(t *testing.T) {
	t.Parallel()
	vals := []Tri{TriFalse, TriTrue, TriUnknown}
	for _, a := range vals {
		if want := map[Tri]Tri{TriFalse: TriTrue, TriTrue: TriFalse, TriUnknown: TriUnknown}[a]; a.Not() != want {
			t.Errorf("Not(%s) = %s, want %s", a, a.Not(), want)
		}
		for _, b := range vals {
			and, or := TriUnknown, TriUnknown
			switch {
			case a == TriFalse || b == TriFalse:
				and = TriFalse
			case a == TriTrue && b == TriTrue:
				and = TriTrue
			}
			switch {
			case a == TriTrue || b == TriTrue:
				or = TriTrue
			case a == TriFalse && b == TriFalse:
				or = TriFalse
			}
			if a.And(b) != and || a.Or(b) != or {
				t.Errorf("%s and/or %s = %s/%s, want %s/%s", a, b, a.And(b), a.Or(b), and, or)
			}
		}
	}
}
