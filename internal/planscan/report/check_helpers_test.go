package report

import (
	"encoding/json"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

func ParseContextMust(t testing.TB, pairs ...string) evaluator.Context {
	t.Helper()
	ctx, err := analysis.ParseContext(pairs)
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}

func jsonLine(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b) + "\n", err
}

// exitCodeOf is the exit status cmd/planscan's checkExitCode gives a verdict
// (its TestCheckExitCode pins the same table), for the JSON goldens'
// summary.exitCode.
func exitCodeOf(v analysis.Verdict) int {
	return map[analysis.Verdict]int{analysis.VerdictPass: 0, analysis.VerdictFail: 1, analysis.VerdictUnknown: 3}[v]
}
