package analysis

import (
	"fmt"
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
		// EV-8 lets a statement naming an IAM user skip its boundary; the
		// guide does not say a grant does (AMB-1): an allow that only the
		// grant gives is unknown for a grantee with a boundary.
		{"allowed by the grant alone, boundary: unknown", &bounded, evaluator.Allowed, evaluator.DecisionUnknown},
		{"allowed, no gate: allowed", batch, evaluator.Allowed, evaluator.Allowed},
		{"no gate: the policies' answer", batch, evaluator.ImplicitDeny, evaluator.ImplicitDeny},
		{"explicit deny stays", &bounded, evaluator.ExplicitDeny, evaluator.ExplicitDeny},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			req := &evaluator.Request{Principal: p, Action: "kms:Encrypt", Resource: tg.ARN, ResourceUnknown: tg.Unknown, ResourceAccount: "111122223333"}
			res := evaluator.Result{Decision: tc.in}
			s.settleGrant(tc.id, tg.Policy, s.compiled(batch), req, &res)
			testkit.Equal(t, "decision", res.Decision, tc.want)
			if tc.want == evaluator.DecisionUnknown {
				if got := strings.Join(evaluator.ReasonStrings(res.Unknowns), ", "); !strings.Contains(got, "a permissions boundary") {
					t.Errorf("reason %q does not name the boundary", got)
				}
			}
		})
	}
}

// A user named by a grant while having a permissions boundary (issue 8
// follow-up). IAM User Guide, "Permissions boundaries": within an account
// an implicit deny in a boundary does not limit what a resource-based
// policy grants to a user the policy names (EV-8). The KMS Developer
// Guide ("Grants in AWS KMS") says only that "grants are considered along
// with key policies and IAM policies" and calls grants "an alternative to
// the key policy" ("Examining grants"); it says nothing of boundaries
// (AMB-1). An allow only the grant gives is then unknown; an allow the
// principal's own policies and the key policy give without the grant
// stays allowed. The same holds over every context (the diff's quantified
// cells): a grant with an encryption-context constraint to a grantee with
// a boundary is unknown, never "never allowed".
func TestKMSGrantsBoundaryAllow(t *testing.T) {
	t.Parallel()
	a := fixtureAnalysis(t, "kms_grants_tags")
	s := a.After
	bounded := func(addr string) (*iammodel.Identity, evaluator.Principal) {
		id := *s.Model.Identity(addr)
		id.Boundary = &iammodel.PolicyRef{Address: addr, ARN: tfplan.KnownStr("arn:aws:iam::111122223333:policy/boundary")}
		return &id, s.Model.PrincipalOf(&id)
	}
	batch, batchP := bounded("aws_iam_role.batch") // grant: Encrypt, GenerateDataKey
	app, appP := bounded("aws_iam_role.app")       // grant: Decrypt when the context is {app = billing}
	tg, err := s.Target("${aws_kms_key.data.arn}")
	if err != nil {
		t.Fatal(err)
	}
	allowKMS := evaluator.PolicyDoc{Name: "kms-use", JSON: []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}`)}
	none := evaluator.Compile(evaluator.PolicySet{}, s.opts)
	own := evaluator.Compile(evaluator.PolicySet{Identity: []evaluator.PolicyDoc{allowKMS}, Boundaries: []evaluator.PolicyDoc{allowKMS}}, s.opts)
	req := func(p evaluator.Principal, action string, ctx evaluator.Context) *evaluator.Request {
		return &evaluator.Request{Principal: p, Action: action, Resource: tg.ARN, ResourceUnknown: tg.Unknown, ResourceAccount: "111122223333", Context: ctx}
	}
	t.Run("one request", func(t *testing.T) {
		t.Parallel()
		for _, tc := range []struct {
			name string
			base *evaluator.CompiledSet
			want evaluator.Decision
		}{
			{"only the grant allows: unknown (AMB-1)", none, evaluator.DecisionUnknown},
			{"its own policies allow too: allowed", own, evaluator.Allowed},
		} {
			res := evaluator.Result{Decision: evaluator.Allowed}
			s.settleGrant(batch, tg.Policy, tc.base, req(batchP, "kms:Encrypt", evaluator.Context{}), &res)
			testkit.Equal(t, tc.name, res.Decision, tc.want)
			if tc.want == evaluator.DecisionUnknown {
				testkit.Equal(t, tc.name+": possible", fmt.Sprint(res.Possible), fmt.Sprint([]evaluator.Decision{evaluator.Allowed, evaluator.ImplicitDeny}))
				if got := strings.Join(evaluator.ReasonStrings(res.Unknowns), ", "); !strings.Contains(got, "a permissions boundary") {
					t.Errorf("%s: reason %q does not name the boundary", tc.name, got)
				}
			}
		}
	})
	t.Run("every context", func(t *testing.T) {
		t.Parallel()
		for _, tc := range []struct {
			name string
			in   evaluator.Quantified
			base *evaluator.CompiledSet
			want evaluator.ContextOutcome
		}{
			// app's grant allows kms:Decrypt when kms:EncryptionContext:app = billing
			{"constraint, boundary denies: unknown", evaluator.Quantified{Outcome: evaluator.OutcomeNever, DeniedDecision: evaluator.ImplicitDeny}, none, evaluator.OutcomeUnknown},
			{"always allowed by the grant alone: unknown", evaluator.Quantified{Outcome: evaluator.OutcomeAlways}, none, evaluator.OutcomeUnknown},
			{"always allowed by its own policies: always", evaluator.Quantified{Outcome: evaluator.OutcomeAlways}, own, evaluator.OutcomeAlways},
		} {
			q := tc.in
			s.settleGrantQuantified(app, tg.Policy, tc.base, req(appP, "kms:Decrypt", evaluator.Context{}), evaluator.QuantifyOptions{}, &q)
			testkit.Equal(t, tc.name, q.Outcome, tc.want)
		}
	})
}

// The engine notes kms-grants-not-modelled on every KMS answer (EV-15). On
// a key of the plan the model holds the plan's aws_kms_grant resources:
// the note says that grants made outside Terraform are not seen. A key
// outside the plan keeps the engine's note.
func TestKMSGrantsNote(t *testing.T) {
	t.Parallel()
	a := fixtureAnalysis(t, "kms_grants_tags")
	s := a.After
	sub, err := s.Subject("aws_iam_role.batch")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, target, want, not string
	}{
		{"key of the plan", "${aws_kms_key.data.arn}", "EV-15: KMS grants made outside Terraform are not seen", kmsGrantsNotModelled},
		{"key outside the plan", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", kmsGrantsNotModelled, "outside Terraform"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tg, err := s.Target(tc.target)
			if err != nil {
				t.Fatal(err)
			}
			one := strings.Join(evaluator.ReasonStrings(s.Decide(sub, "kms:Encrypt", tg, evaluator.Context{}).Result.Notes), "; ")
			anyCtx := strings.Join(evaluator.ReasonStrings(s.DecideAnyContext(sub, "kms:Encrypt", tg, evaluator.Context{}).Q.First.Notes), "; ")
			for _, got := range []string{one, anyCtx} {
				if !strings.Contains(got, tc.want) || strings.Contains(got, tc.not) {
					t.Errorf("notes %q, want %q and not %q", got, tc.want, tc.not)
				}
			}
		})
	}
}
