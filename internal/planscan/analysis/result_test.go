package analysis

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// PT-8: a change between unknown and a definite decision is its own kind.
func TestChangeKinds(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		b, a string
		want ChangeKind
		ok   bool
	}{
		{"implicitDeny", "allowed", Gained, true},
		{"explicitDeny", "allowed", Gained, true},
		{"allowed", "implicitDeny", Lost, true},
		{"implicitDeny", "unknown", BecameUnknown, true},
		{"allowed", "unknown", BecameUnknown, true},
		{"unknown", "allowed", Resolved, true},
		{"unknown", "explicitDeny", Resolved, true},
		{"implicitDeny", "explicitDeny", "", false},
		{"unknown", "error", "", false},
	} {
		k, ok := changeKind(evaluator.Decision(tc.b), evaluator.Decision(tc.a))
		testkit.Equal(t, tc.b+"->"+tc.a, k, tc.want)
		testkit.Equal(t, tc.b+"->"+tc.a+" changed", ok, tc.ok)
	}
}

// TestVerdicts: the gate's verdict (cmd/planscan maps it to the exit status).
func TestVerdicts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name          string
		results       []CheckResult
		failOnUnknown bool
		want          Verdict
	}{
		{"nothing", nil, false, VerdictPass},
		{"error fails", []CheckResult{{Status: StatusFail, Level: LevelError}}, false, VerdictFail},
		{"warning passes", []CheckResult{{Status: StatusFail, Level: LevelWarning}}, false, VerdictPass},
		{"unknown passes", []CheckResult{{Status: StatusUnknown, Level: LevelError}}, false, VerdictPass},
		{"unknown blocks", []CheckResult{{Status: StatusUnknown, Level: LevelError}}, true, VerdictUnknown},
		{"fail beats unknown", []CheckResult{{Status: StatusUnknown, Level: LevelError}, {Status: StatusFail, Level: LevelError}}, true, VerdictFail},
		{"suppressed", []CheckResult{{Status: StatusSuppressed, Level: LevelError}}, true, VerdictPass},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rep := &CheckReport{Results: tc.results}
			rep.finish(tc.failOnUnknown)
			testkit.Equal(t, "verdict", rep.Summary.Verdict, tc.want)
		})
	}
}

func ParseContextMust(t testing.TB, pairs ...string) evaluator.Context {
	t.Helper()
	ctx, err := ParseContext(pairs)
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}
