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

func TestExitCodes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name          string
		results       []CheckResult
		failOnUnknown bool
		want          int
	}{
		{"nothing", nil, false, ExitPass},
		{"error fails", []CheckResult{{Status: StatusFail, Level: LevelError}}, false, ExitFail},
		{"warning passes", []CheckResult{{Status: StatusFail, Level: LevelWarning}}, false, ExitPass},
		{"unknown passes", []CheckResult{{Status: StatusUnknown, Level: LevelError}}, false, ExitPass},
		{"unknown blocks", []CheckResult{{Status: StatusUnknown, Level: LevelError}}, true, ExitUnknown},
		{"fail beats unknown", []CheckResult{{Status: StatusUnknown, Level: LevelError}, {Status: StatusFail, Level: LevelError}}, true, ExitFail},
		{"suppressed", []CheckResult{{Status: StatusSuppressed, Level: LevelError}}, true, ExitPass},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rep := &CheckReport{Results: tc.results}
			rep.finish(tc.failOnUnknown)
			testkit.Equal(t, "exit", rep.Summary.ExitCode, tc.want)
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
