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
		{"kms_grants_tags", 1}, // app's grant: kms:Decrypt when kms:EncryptionContext:app = billing (issue 8)
		{"boundaries", 1},      // ReadOnlyAccess: s3express:CreateSession when s3express:SessionMode = ReadOnly
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
			cells, quantified, conditional := 0, 0, 0
			eachMatrixCell(t, a, true, func(mc matrixCell) {
				got := viewOf(mc.cell)
				q := mc.side.DecideAnyContext(mc.pa.sub, mc.act, mc.target, evaluator.Context{}).Q
				want := cellView{cat: outcomeCategory(q.Outcome)}
				if q.Outcome == evaluator.OutcomeConditional {
					want.when = q.Condition()
				}
				cells++
				if mc.cell.ctx() != nil {
					quantified++
					if got.cat == 3 {
						conditional++
					}
				}
				if got.cat != want.cat || got.when != want.when {
					t.Errorf("%s [%d] %s on %s: diff reads %d %q (one request: %s), query --any-context %s %q",
						mc.addr, mc.si, mc.act, mc.tg.Label, got.cat, got.when, mc.cell.dec(), q.Outcome, q.Condition())
				}
			})
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

// TestContextChange: how the diff names the change between two cells read
// over every context (categories: 0 unknown, 1 denied, 2 allowed for every
// context, 3 conditional), and the conditions it shows.
func TestContextChange(t *testing.T) {
	t.Parallel()
	mfa := "aws:MultiFactorAuthPresent = true"
	ip := "aws:SourceIp in 10.0.0.0/8"
	for _, tc := range []struct {
		name     string
		b, a     cellView
		kind     ChangeKind
		when     string
		reported bool
	}{
		{"denied to conditional: gained when", cellView{cat: 1}, cellView{cat: 3, when: mfa}, Gained, mfa, true},
		{"conditional to denied: lost when it held", cellView{cat: 3, when: mfa}, cellView{cat: 1}, Lost, mfa, true},
		{"conditional to every context: gained", cellView{cat: 3, when: mfa}, cellView{cat: 2}, Gained, "", true},
		{"every context to conditional: lost unless", cellView{cat: 2}, cellView{cat: 3, when: mfa}, Lost, "unless " + mfa, true},
		{"other conditions: gained with the old ones named", cellView{cat: 3, when: mfa}, cellView{cat: 3, when: ip}, Gained, ip + " (before: " + mfa + ")", true},
		{"same conditions: no change", cellView{cat: 3, when: mfa}, cellView{cat: 3, when: mfa}, "", "", false},
		{"conditional to unknown (PT-8)", cellView{cat: 3, when: mfa}, cellView{cat: 0}, BecameUnknown, "", true},
		{"unknown to conditional (PT-8)", cellView{cat: 0}, cellView{cat: 3, when: mfa}, Resolved, mfa, true},
		{"denied to allowed", cellView{cat: 1}, cellView{cat: 2}, Gained, "", true},
		{"denied to denied", cellView{cat: 1}, cellView{cat: 1}, "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			kind, when, ok := contextChange(tc.b, tc.a)
			if kind != tc.kind || when != tc.when || ok != tc.reported {
				t.Errorf("contextChange = %q, %q, %v; want %q, %q, %v", kind, when, ok, tc.kind, tc.when, tc.reported)
			}
			ch := AccessChange{When: when}
			if tc.when != "" && ch.WhenPhrase() == "" {
				t.Error("WhenPhrase is empty")
			}
		})
	}
}
