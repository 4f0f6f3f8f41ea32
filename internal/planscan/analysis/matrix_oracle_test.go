package analysis

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// The matrix against the engine, one request at a time, on real plans:
// every principal, every action class that acts on a target (its
// representative action) and every target with a known ARN, the
// representatives of inner-wildcard patterns included (issue 13). The
// matrix decides fewer cells (classes, principal groups, the statements'
// patterns telling targets apart): each must equal a direct decision.
func TestMatrixMatchesDirectDecisions(t *testing.T) {
	t.Parallel()
	for _, fixture := range []string{"group_terminators", "escalation_cfn_passrole", "escalation_two_hop", "boundaries", "cross_account", "org_shared"} {
		t.Run(fixture, func(t *testing.T) {
			t.Parallel()
			plan, err := tfplan.Load(testkit.FixturePlan(fixture))
			if err != nil {
				t.Fatal(err)
			}
			a, err := Analyze(plan, AnalyzeOptions{AccountID: "111122223333"})
			if err != nil {
				t.Fatal(err)
			}
			m := a.matrix()
			u := m.u
			cells, reps := 0, 0
			for i := range m.addrs {
				for si, pa := range m.acc[i] {
					if pa.absent {
						continue
					}
					s := sides[si](a)
					for _, tg := range u.targets {
						if tg.Unknown != nil || tg.Kind == "*" {
							continue
						}
						target, err := s.Target(tg.ARN) // with its resource or trust document
						if err != nil {
							t.Fatal(err)
						}
						for _, c := range u.classes {
							fit := u.fitting(c, tg)
							if !pa.actsOn(int(pa.local[c.id]), tg) || len(fit) == 0 {
								continue
							}
							got := m.decision(pa, c.id, tg)
							if !got.set {
								continue
							}
							act := u.actions[fit[0]] // a member the target fits (RS-10)
							want := s.Decide(pa.sub, act, target, evaluator.Context{})
							cells++
							if tg.pattern != "" {
								reps++
							}
							if got.dec != want.Result.Decision {
								t.Errorf("%s [%d] %s on %s: matrix %s, engine %s", m.addrs[i], si, act, tg.Label, got.dec, want.Result.Decision)
							}
						}
					}
				}
			}
			t.Logf("%d cells, %d on representatives", cells, reps)
			if cells == 0 {
				t.Fatal("no cell compared")
			}
		})
	}
}
