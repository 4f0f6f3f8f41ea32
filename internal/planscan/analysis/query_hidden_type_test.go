package analysis

import (
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

func TestResourceTypeOf(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]string{
		"aws_kms_key.app":                        "aws_kms_key",
		"aws_kms_key.app[0]":                     "aws_kms_key",
		`module.m["a.b"].aws_kms_key.app["x"]`:   "aws_kms_key",
		"module.a.module.b[2].aws_sqs_queue.q":   "aws_sqs_queue",
		"data.aws_iam_policy_document.d":         "",
		"module.m.data.aws_caller_identity.this": "",
		"module.broken":                          "",
	} {
		if got := resourceTypeOf(addr); got != want {
			t.Errorf("resourceTypeOf(%q) = %q, want %q", addr, got, want)
		}
	}
}

// RS-10 behind an unknown ARN (issue 8, found by the ground truth after
// apply): "${aws_kms_key.app.arn}" is a KMS key on every completion, so an
// action that does not act on keys is an invalid question, as it is once
// the ARN is known; an action on keys is still decided.
func TestHiddenTypeIsAnInvalidQuestion(t *testing.T) {
	t.Parallel()
	plan, err := tfplan.Load(testkit.FixturePlan("webapp_source"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Analyze(plan, AnalyzeOptions{AccountID: "111122223333"})
	if err != nil {
		t.Fatal(err)
	}
	root, err := a.After.Subject("arn:aws:iam::111122223333:root")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		action, resource string
		want             evaluator.Decision
		outcome          evaluator.ContextOutcome
	}{
		{"s3:GetObject", "${aws_kms_key.app.arn}", evaluator.DecisionError, evaluator.OutcomeError},
		{"iam:PassRole", "${aws_kms_key.app.arn}", evaluator.DecisionError, evaluator.OutcomeError},
		{"kms:Decrypt", "${aws_kms_key.app.arn}", evaluator.Allowed, evaluator.OutcomeAlways},
		// a suffix after the reference keeps the key's symbol (issue 8):
		// still a KMS ARN, which s3:GetObject does not act on
		{"s3:GetObject", "${aws_kms_key.app.arn}/x", evaluator.DecisionError, evaluator.OutcomeError},
		// a known ARN: the engine's own RS-10 check
		{"kms:Decrypt", "${aws_sqs_queue.jobs.arn}", evaluator.DecisionError, evaluator.OutcomeError},
	} {
		t.Run(tc.action+" on "+tc.resource, func(t *testing.T) {
			t.Parallel()
			tg, err := a.After.Target(tc.resource)
			if err != nil {
				t.Fatal(err)
			}
			ans := a.After.Decide(root, tc.action, tg, evaluator.Context{})
			if ans.Result.Decision != tc.want {
				t.Errorf("decision %s, want %s (%v)", ans.Result.Decision, tc.want, ans.Result.Error)
			}
			if tc.want == evaluator.DecisionError && (ans.Result.Error == nil || !ans.Result.Error.InRequest() || !strings.Contains(ans.Result.Error.Message, "(RS-10)")) {
				t.Errorf("error %v, want a request error citing RS-10", ans.Result.Error)
			}
			if q := a.After.DecideAnyContext(root, tc.action, tg, evaluator.Context{}).Q; q.Outcome != tc.outcome {
				t.Errorf("over every context: %s, want %s", q.Outcome, tc.outcome)
			}
		})
	}
}
