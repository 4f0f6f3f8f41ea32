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
	for _, fixture := range []string{"group_terminators", "escalation_cfn_passrole", "escalation_two_hop", "boundaries", "cross_account", "org_shared", "kms_cross_account_rcp", "org_scp_rcp"} {
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
			cells, reps := 0, 0
			eachMatrixCell(t, a, false, func(mc matrixCell) {
				want := mc.side.Decide(mc.pa.sub, mc.act, mc.target, evaluator.Context{})
				cells++
				if mc.tg.pattern != "" {
					reps++
				}
				if mc.cell.dec() != want.Result.Decision {
					t.Errorf("%s [%d] %s on %s: matrix %s, engine %s", mc.addr, mc.si, mc.act, mc.tg.Label, mc.cell.dec(), want.Result.Decision)
				}
			})
			t.Logf("%d cells, %d on representatives", cells, reps)
			if cells == 0 {
				t.Fatal("no cell compared")
			}
		})
	}
}

// matrixCell is one decided cell of the matrix with the question it stands
// for: the class's first member the target fits (RS-10) on the target as
// the side's Target gives it (with its resource or trust document).
type matrixCell struct {
	addr   string
	si     int
	side   *SideAnalysis
	pa     *principalAccess
	tg     *matrixTarget
	target *Target
	act    string
	cell   *cellResult
}

// eachMatrixCell calls f for every decided cell of every principal on each
// side, on every target with a known ARN (withStar: "*" too).
func eachMatrixCell(t *testing.T, a *Analysis, withStar bool, f func(matrixCell)) {
	t.Helper()
	m := a.matrix()
	u := m.u
	for i := range m.addrs {
		for si, pa := range m.acc[i] {
			if pa.absent {
				continue
			}
			s := sides[si](a)
			for _, tg := range u.targets {
				if tg.Unknown != nil || tg.Kind == "*" && !withStar {
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
					if cell := m.decision(pa, c.id, tg); cell.set {
						f(matrixCell{addr: m.addrs[i], si: si, side: s, pa: pa, tg: tg, target: target, act: u.actions[fit[0]], cell: cell})
					}
				}
			}
		}
	}
}
