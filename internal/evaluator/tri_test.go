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
