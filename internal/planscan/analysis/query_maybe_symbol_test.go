package analysis

import (
	"slices"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// symbolFixture analyses a genuine fixture with its source.
func symbolFixture(t *testing.T, fixture string) *Analysis {
	t.Helper()
	plan, err := tfplan.Load(testkit.FixturePlan(fixture))
	if err != nil {
		t.Fatal(err)
	}
	src, _ := tfconfig.Load(testkit.Path("fixtures", fixture))
	a, err := Analyze(plan, AnalyzeOptions{AccountID: "111122223333", Source: src})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// subjectTarget resolves a question's principal and resource on a side.
func subjectTarget(t *testing.T, s *SideAnalysis, principal, resource string) (*Subject, *Target) {
	t.Helper()
	sub, err := s.Subject(principal)
	if err != nil {
		t.Fatal(err)
	}
	tg, err := s.Target(resource)
	if err != nil {
		t.Fatal(err)
	}
	return sub, tg
}

// Symbols on webapp_source (issue 8): the KMS key's ARN is
// arn:aws:kms:us-east-1:111122223333:key/ + an id KMS generates. The
// worker's policy names the key (Resource = aws_kms_key.app.arn), so a
// request on the key matches it definitely; a literal that fits the key's
// form could be the key (PT-3) and is unknown, naming it; a literal that
// cannot be the key (another region, an alias) is a resource outside the
// plan. The state after apply answers allowed on the key's real ARN
// (groundtruth_test.go).
func TestSymbolQueriesWebapp(t *testing.T) {
	t.Parallel()
	a := symbolFixture(t, "webapp_source")
	const keyLit = "arn:aws:kms:us-east-1:111122223333:key/879d652d-4849-4ec5-8ed0-2e9f8c0af0cd"
	cases := []struct {
		name, principal, action, resource string
		want                              evaluator.Decision
		possible                          []evaluator.Decision
		note                              string // a note the answer carries
		dependsOn                         string // an unknown the answer names
	}{
		{name: "the key's own reference matches the policy naming it (EV-7: the default key policy delegates)",
			principal: "aws_iam_role.worker", action: "kms:Decrypt", resource: "${aws_kms_key.app.arn}", want: evaluator.Allowed},
		{name: "PT-3 a literal of the key's form may be the key",
			principal: "aws_iam_role.worker", action: "kms:Decrypt", resource: keyLit, want: evaluator.DecisionUnknown,
			possible: []evaluator.Decision{evaluator.ImplicitDeny, evaluator.Allowed}, note: "may be that of aws_kms_key.app", dependsOn: "aws_kms_key.app"},
		{name: "PT-3 the account root through the default key policy, on a literal",
			principal: "arn:aws:iam::111122223333:root", action: "kms:CancelKeyDeletion", resource: keyLit, want: evaluator.DecisionUnknown,
			possible: []evaluator.Decision{evaluator.ImplicitDeny, evaluator.Allowed}, dependsOn: "aws_kms_key.app.arn (may be " + keyLit + ")"},
		{name: "a literal in another region cannot be the key",
			principal: "aws_iam_role.worker", action: "kms:Decrypt", resource: strings.Replace(keyLit, "us-east-1", "eu-west-1", 1),
			want: evaluator.ImplicitDeny, note: "resource outside the plan"},
		{name: "an alias cannot be the key",
			principal: "aws_iam_role.worker", action: "kms:DeleteAlias", resource: "arn:aws:kms:us-east-1:111122223333:alias/app",
			want: evaluator.ImplicitDeny, note: "resource outside the plan"},
		{name: "the same answer either way stays definite",
			principal: "aws_iam_role.web", action: "kms:Decrypt", resource: keyLit, want: evaluator.ImplicitDeny, note: "may be that of aws_kms_key.app"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			sub, tg := subjectTarget(t, a.After, c.principal, c.resource)
			ans := a.After.Decide(sub, c.action, tg, evaluator.Context{})
			r := ans.Result
			if r.Decision != c.want {
				t.Fatalf("decision %s (possible %v, depends on %v), want %s", r.Decision, r.Possible, evaluator.ReasonStrings(r.Unknowns), c.want)
			}
			for _, d := range c.possible {
				if !slices.Contains(r.Possible, d) {
					t.Errorf("possible %v lacks %s", r.Possible, d)
				}
			}
			if notes := strings.Join(evaluator.ReasonStrings(ans.Notes), "|"); c.note != "" && !strings.Contains(notes, c.note) {
				t.Errorf("notes %q lack %q", notes, c.note)
			}
			if deps := evaluator.ReasonStrings(r.Unknowns); c.dependsOn != "" && !slices.Contains(deps, c.dependsOn) {
				t.Errorf("depends on %q, want %q among them", deps, c.dependsOn)
			}
			// over every context: definite exactly when the decision is
			q := a.After.DecideAnyContext(sub, c.action, tg, evaluator.Context{}).Q
			if (q.Outcome == evaluator.OutcomeUnknown) != (c.want == evaluator.DecisionUnknown) {
				t.Errorf("over every context: %s, decision %s", q.Outcome, c.want)
			}
		})
	}
}

// Symbols on escalation_existing_compute (issue 8): aws_instance.web's ARN
// is arn:aws:ec2:us-east-1:111122223333:instance/ + the id EC2 picks. A
// grant on "*" (RS-4) matches every completion, and the account of the
// instance is the ARN head's (PT-4), so the users granted ssm:SendCommand,
// ssm:StartSession and the rest on "*" reach the instance definitely, where
// they were unknown.
func TestSymbolInstanceOnStar(t *testing.T) {
	t.Parallel()
	a := symbolFixture(t, "escalation_existing_compute")
	tg, err := a.After.Target("${aws_instance.web.arn}")
	if err != nil {
		t.Fatal(err)
	}
	if tg.Unknown == nil || tg.Unknown.Symbol != "aws_instance.web" || !tg.Unknown.Fresh ||
		tg.Unknown.Prefix != "arn:aws:ec2:us-east-1:111122223333:instance/" {
		t.Fatalf("target %+v: want the instance's symbol with its known head", tg.Unknown)
	}
	for _, c := range []struct {
		user, action string
		want         evaluator.Decision
	}{
		{`aws_iam_user.t["ssm_send_command_yes"]`, "ssm:SendCommand", evaluator.Allowed},
		{`aws_iam_user.t["ssm_start_session_yes"]`, "ssm:StartSession", evaluator.Allowed},
		{`aws_iam_user.t["ec2_instance_connect_yes"]`, "ec2-instance-connect:SendSSHPublicKey", evaluator.Allowed},
		{`aws_iam_user.t["ssm_send_command_yes"]`, "ssm:StartSession", evaluator.ImplicitDeny},
	} {
		sub, err := a.After.Subject(c.user)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.After.Decide(sub, c.action, tg, evaluator.Context{}).Result; got.Decision != c.want {
			t.Errorf("%s %s on the instance: %s (depends on %v), want %s", c.user, c.action, got.Decision, evaluator.ReasonStrings(got.Unknowns), c.want)
		}
	}
	// the escalation edges to the instance's role: definite (the check
	// golden: FAIL, no UNKNOWN)
	failed := 0
	for _, r := range a.escalationResults() {
		if !strings.Contains(r.Name, "run_admin_web") {
			continue
		}
		if r.Status != StatusFail {
			t.Errorf("%s: %s, want fail", r.Name, r.Status)
		}
		failed++
	}
	if failed != 4 {
		t.Errorf("%d escalation paths to aws_iam_role.run_admin_web, want 4", failed)
	}
}
