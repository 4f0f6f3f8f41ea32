package analysis

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// TestMatrixContextMatchesAnyContext (issue 9): the diff reads a principal
// of the plan over every context (matrix_context.go). On the fixtures whose
// grants carry conditions (iam:PassedToService, aws:MultiFactorAuthPresent,
// aws:PrincipalTag/ of tagged and untagged principals, aws:PrincipalOrgID,
// s3express:SessionMode in ReadOnlyAccess), every cell of the matrix, read as the
// diff reads it, must equal `query --any-context` (DecideAnyContext) for
// the class's representative member: allowed for every context (always),
// allowed when the same conditions hold (conditional), denied for every
// context (never), or unknown. CTX-1: a key the request does not give is
// absent, so the one-request answer is exact only when no condition of a
// statement that applies read an absent key; CO-3/CO-4 decide such a
// condition for the absent key alone, which is why the other values are
// asked.
func TestMatrixContextMatchesAnyContext(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		fixture string
		// conditional: at least this many quantified cells are conditional
		conditional int
	}{
		{"escalation_cfn_passrole", 1}, // PassRole when iam:PassedToService = cloudformation.amazonaws.com
		{"mfa_assume_chain", 1},        // AssumeRole when aws:MultiFactorAuthPresent = true
		{"principal_tags", 1},          // a session's tag is free: when aws:PrincipalTag/team = payments
		{"org_shared", 1},              // the account's organization is not in the plan: aws:PrincipalOrgID stays free
		{"escalation_passrole", 10},
		{"boundaries", 1}, // ReadOnlyAccess: s3express:CreateSession when s3express:SessionMode = ReadOnly
	} {
		t.Run(tc.fixture, func(t *testing.T) {
			t.Parallel()
			plan, err := tfplan.Load(testkit.FixturePlan(tc.fixture))
			if err != nil {
				t.Fatal(err)
			}
			a, err := Analyze(plan, AnalyzeOptions{AccountID: "111122223333"})
			if err != nil {
				t.Fatal(err)
			}
			m := a.matrix()
			u := m.u
			cells, quantified, conditional := 0, 0, 0
			for i := range m.addrs {
				for si, pa := range m.acc[i] {
					if pa.absent {
						continue
					}
					s := sides[si](a)
					for _, tg := range u.targets {
						if tg.Unknown != nil {
							continue
						}
						target, err := s.Target(tg.ARN)
						if err != nil {
							t.Fatal(err)
						}
						for _, c := range u.classes {
							fit := u.fitting(c, tg)
							if !pa.actsOn(int(pa.local[c.id]), tg) || len(fit) == 0 {
								continue
							}
							cell := m.decision(pa, c.id, tg)
							if !cell.set {
								continue
							}
							got := viewOf(cell)
							act := u.actions[fit[0]]
							q := s.DecideAnyContext(pa.sub, act, target, evaluator.Context{}).Q
							want := cellView{when: ""}
							switch q.Outcome {
							case evaluator.OutcomeAlways:
								want.cat = 2
							case evaluator.OutcomeNever:
								want.cat = 1
							case evaluator.OutcomeConditional:
								want.cat, want.when = 3, q.Condition()
							}
							cells++
							if cell.ctx != nil {
								quantified++
								if got.cat == 3 {
									conditional++
								}
							}
							if got.cat != want.cat || got.when != want.when {
								t.Errorf("%s [%d] %s on %s: diff reads %d %q (one request: %s), query --any-context %s %q",
									m.addrs[i], si, act, tg.Label, got.cat, got.when, cell.dec, q.Outcome, q.Condition())
							}
						}
					}
				}
			}
			t.Logf("%d cells, %d quantified, %d conditional", cells, quantified, conditional)
			if cells == 0 {
				t.Fatal("no cell compared")
			}
			if conditional < tc.conditional {
				t.Errorf("%d conditional cells, want at least %d", conditional, tc.conditional)
			}
		})
	}
}
