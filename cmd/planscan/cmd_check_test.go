package main

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
)

// TestCheckExitCode pins the verdict → exit status mapping of planscan check
// (doc/planscan: 0 pass, 1 fail, 3 only unknowns blocked). A verdict it
// does not know is planscan's bug: never a pass, never an input error.
func TestCheckExitCode(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		verdict analysis.Verdict
		want    int
	}{
		{analysis.VerdictPass, 0},
		{analysis.VerdictFail, 1},
		{analysis.VerdictUnknown, 3},
		{"", 4},
		{"maybe", 4},
	} {
		t.Run(string(tc.verdict), func(t *testing.T) {
			t.Parallel()
			if got := checkExitCode(tc.verdict); got != tc.want {
				t.Errorf("checkExitCode(%q) = %d, want %d", tc.verdict, got, tc.want)
			}
		})
	}
}
