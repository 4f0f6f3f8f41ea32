package analysis

import (
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// Principal tags over every context (issue 9, CTX-1) on a real plan: a
// principal's known tags fix aws:PrincipalTag/*, session tags free them,
// tags known only after apply make the answer unknown (PT-1).
func TestPrincipalTagsFixed(t *testing.T) {
	t.Parallel()
	a := fixtureAnalysis(t, "principal_tags")
	for _, tc := range []struct {
		principal string
		want      evaluator.ContextOutcome
		note      string // When or Unknowns, as text
	}{
		{"aws_iam_role.payments_reader", evaluator.OutcomeAlways, ""},
		{"aws_iam_role.payments_session", evaluator.OutcomeConditional, "aws:PrincipalTag/team = payments"}, // sts:TagSession in the trust
		{"aws_iam_user.alice", evaluator.OutcomeNever, ""},
		{"aws_iam_role.build_reader", evaluator.OutcomeUnknown, "aws_iam_role.build_reader.tags_all"},
	} {
		t.Run(tc.principal, func(t *testing.T) {
			t.Parallel()
			s := a.After
			sub, err := s.Subject(tc.principal)
			if err != nil {
				t.Fatal(err)
			}
			tg, err := s.Target("arn:aws:s3:::team-reports-111122223333/report.csv")
			if err != nil {
				t.Fatal(err)
			}
			qa := s.DecideAnyContext(sub, "s3:GetObject", tg, evaluator.Context{})
			testkit.Equal(t, "outcome", qa.Q.Outcome, tc.want)
			got := qa.Q.Condition()
			if tc.want == evaluator.OutcomeUnknown {
				got = strings.Join(evaluator.ReasonStrings(qa.Q.Unknowns), ", ")
			}
			testkit.Equal(t, "conditions", got, tc.note)
		})
	}
}
