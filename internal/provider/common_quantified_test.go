package provider

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

func TestContextViolations(t *testing.T) {
	t.Parallel()
	outs := []contextOutcome{
		{Holds: evaluator.TriTrue},
		{Holds: evaluator.TriUnknown},                                  // depends on apply, or a bound
		{Holds: evaluator.TriFalse, Decision: evaluator.Allowed},       // a witnessed context
		{Holds: evaluator.TriFalse, Decision: evaluator.DecisionError}, // invalid request
	}
	for _, tc := range []struct {
		name         string
		definiteOnly bool
		want         int
	}{
		{"all violations fail closed", false, 3},
		{"definite only: an unknown may still change", true, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := len(contextViolations(outs, tc.definiteOnly)); got != tc.want {
				t.Errorf("contextViolations = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestContextExpectWord(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ expect, want string }{
		{"possible", "allowed for any context"},
		{"denied", "denied (explicit or implicit deny) for every context"},
		{"allowed", "allowed for every context"},
		{"explicitDeny", "explicitDeny for every context"},
	} {
		if got := contextExpectWord(tc.expect); got != tc.want {
			t.Errorf("contextExpectWord(%s) = %q, want %q", tc.expect, got, tc.want)
		}
	}
}
