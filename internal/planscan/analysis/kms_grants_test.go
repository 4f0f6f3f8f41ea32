package analysis

import (
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// KMS grants on a real plan (issue 8). KMS Developer Guide, "Grants in AWS
// KMS": "the grant allows the grantee principal to call the specified
// grant operations on the KMS key provided that all conditions specified
// in the grant are met". The key keeps the default key policy (EV-9: the
// account delegates to IAM) and no role has a KMS policy: what is allowed
// is allowed by a grant.
func TestKMSGrantsDecide(t *testing.T) {
	t.Parallel()
	a := fixtureAnalysis(t, "kms_grants_tags")
	key := "${aws_kms_key.data.arn}"
	for _, tc := range []struct {
		name, side, principal, action string
		ctx                           []string
		want                          evaluator.Decision
		note                          string // a statement or reason the answer names
	}{
		{"grant without constraint", "after", "aws_iam_role.batch", "kms:GenerateDataKey", nil, evaluator.Allowed, "Grant"},
		{"operation not in the grant", "after", "aws_iam_role.batch", "kms:Decrypt", nil, evaluator.ImplicitDeny, ""},
		{"before the plan: no key, no grant", "before", "aws_iam_role.batch", "kms:Encrypt", nil, evaluator.ImplicitDeny, ""},
		// CreateGrant, GrantConstraints: EncryptionContextEquals "A list of
		// key-value pairs that must match the encryption context in the
		// cryptographic operation request."
		{"equals constraint met", "after", "aws_iam_role.app", "kms:Decrypt", []string{"kms:EncryptionContext:app=billing", "kms:EncryptionContextKeys=app"}, evaluator.Allowed, "Grant"},
		{"equals constraint, no context", "after", "aws_iam_role.app", "kms:Decrypt", nil, evaluator.ImplicitDeny, ""},
		{"equals constraint, an extra pair", "after", "aws_iam_role.app", "kms:Decrypt",
			[]string{"kms:EncryptionContext:app=billing", "kms:EncryptionContext:env=prod", "kms:EncryptionContextKeys=app", "kms:EncryptionContextKeys=env"}, evaluator.ImplicitDeny, ""},
		// "The retiring principal ... can retire the grant"
		{"retiring principal", "after", "aws_iam_role.auditor", "kms:RetireGrant", nil, evaluator.Allowed, "Retiring"},
		// The guide does not say what a grantee in another account needs on
		// its side (AMB-1): unknown, not a deny.
		{"grantee in another account", "after", "arn:aws:iam::444455556666:role/partner-reader", "kms:Decrypt", nil, evaluator.DecisionUnknown, "a grantee in another account"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := a.After
			if tc.side == "before" {
				s = a.Before
			}
			sub, err := s.Subject(tc.principal)
			if err != nil {
				t.Fatal(err)
			}
			tg, err := s.Target(key)
			if err != nil {
				t.Fatal(err)
			}
			ctx, err := ParseContext(tc.ctx)
			if err != nil {
				t.Fatal(err)
			}
			ans := s.Decide(sub, tc.action, tg, ctx)
			testkit.Equal(t, "decision", ans.Result.Decision, tc.want)
			var text []string
			for _, m := range ans.Result.MatchedStatements {
				text = append(text, m.Sid)
			}
			text = append(text, evaluator.ReasonStrings(ans.Result.Unknowns)...)
			if got := strings.Join(text, "; "); !strings.Contains(got, tc.note) {
				t.Errorf("answer names %q, want %q in it", got, tc.note)
			}
		})
	}
}

// A grant with a constraint is conditional over every context; a grant
// shows in the diff as a gain (issue 8: "a role that gains kms:Decrypt
// through a grant appears in diff").
func TestKMSGrantsQuantifiedAndDiff(t *testing.T) {
	t.Parallel()
	a := fixtureAnalysis(t, "kms_grants_tags")
	s := a.After
	sub, err := s.Subject("aws_iam_role.app")
	if err != nil {
		t.Fatal(err)
	}
	tg, err := s.Target("${aws_kms_key.data.arn}")
	if err != nil {
		t.Fatal(err)
	}
	qa := s.DecideAnyContext(sub, "kms:Decrypt", tg, evaluator.Context{})
	testkit.Equal(t, "outcome", qa.Q.Outcome, evaluator.OutcomeConditional)
	if c := qa.Q.Condition(); !strings.Contains(c, "kms:EncryptionContext:app = billing") {
		t.Errorf("condition %q lacks the grant's constraint", c)
	}
	gained := map[string]string{}
	for _, pd := range a.Diff().Principals {
		for _, ch := range pd.Changes {
			if ch.Kind == Gained && ch.Service == "kms" {
				gained[pd.Principal] = strings.Join(ch.Actions, ",")
			}
		}
	}
	testkit.Equal(t, "batch gains", gained["aws_iam_role.batch"], "kms:Encrypt,kms:GenerateDataKey")
	testkit.Equal(t, "auditor gains", gained["aws_iam_role.auditor"], "kms:RetireGrant")
}

// The guide is silent on grants and permissions boundaries (AMB-1): a
// grantee with a boundary that denies what its grant allows is unknown,
// never denied; without a gate the policies' answer stands; an explicit
// deny stays ("provided explicitly and never denied").
func TestKMSGrantsSilentGates(t *testing.T) {
	t.Parallel()
	a := fixtureAnalysis(t, "kms_grants_tags")
	s := a.After
	batch := s.Model.Identity("aws_iam_role.batch")
	bounded := *batch
	bounded.Boundary = &iammodel.PolicyRef{Address: "aws_iam_role.batch", ARN: tfplan.KnownStr("arn:aws:iam::111122223333:policy/boundary")}
	tg, err := s.Target("${aws_kms_key.data.arn}")
	if err != nil {
		t.Fatal(err)
	}
	p := s.Model.PrincipalOf(batch)
	for _, tc := range []struct {
		name string
		id   *iammodel.Identity
		in   evaluator.Decision
		want evaluator.Decision
	}{
		{"boundary denies: unknown", &bounded, evaluator.ImplicitDeny, evaluator.DecisionUnknown},
		{"no gate: the policies' answer", batch, evaluator.ImplicitDeny, evaluator.ImplicitDeny},
		{"explicit deny stays", &bounded, evaluator.ExplicitDeny, evaluator.ExplicitDeny},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			req := &evaluator.Request{Principal: p, Action: "kms:Encrypt", Resource: tg.ARN, ResourceUnknown: tg.Unknown, ResourceAccount: "111122223333"}
			res := evaluator.Result{Decision: tc.in}
			s.settleGrant(tc.id, tg.Policy, req, &res)
			testkit.Equal(t, "decision", res.Decision, tc.want)
			if tc.want == evaluator.DecisionUnknown {
				if got := strings.Join(evaluator.ReasonStrings(res.Unknowns), ", "); !strings.Contains(got, "a permissions boundary") {
					t.Errorf("reason %q does not name the boundary", got)
				}
			}
		})
	}
}
