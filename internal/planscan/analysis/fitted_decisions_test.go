package analysis

import (
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// Issue 11: diff (the access matrix, which check's principal findings and
// graph read too) decides with the reference data, as query does. The
// fixture kms_cross_account_rcp is a real plan: the partner account's key
// policy gives this account kms:ScheduleKeyDeletion and kms:Decrypt, and an
// RCP of this account denies S3 without TLS.
//
//   - EV-15: "if you give a principal in a different account ...
//     kms:ScheduleKeyDeletion permission on a KMS key in a key policy, the
//     user's attempts to call those operations on your resources still
//     fail" (KMS Developer Guide, "Allowing users in other accounts to use a
//     KMS key"); kms:Decrypt is a cross-account operation.
//   - EV-4 (AMB-1): how an RCP applies to an action without a resource type
//     (s3:ListAllMyBuckets) is not documented: unknown, never a guess.
//
// Before the fix the diff said aws_iam_role.ops gains kms:ScheduleKeyDeletion
// on the partner's key and did not show s3:ListAllMyBuckets, while query
// answered implicitDeny and unknown.
func TestFittedDecisionsMatchQuery(t *testing.T) {
	t.Parallel()
	const key = "arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	plan, err := tfplan.Load(testkit.FixturePlan("kms_cross_account_rcp"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Analyze(plan, AnalyzeOptions{AccountID: "111122223333"})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := a.After.Subject("aws_iam_role.ops")
	if err != nil {
		t.Fatal(err)
	}
	query := func(action, resource string) Answer {
		t.Helper()
		tg, err := a.After.Target(resource)
		if err != nil {
			t.Fatal(err)
		}
		return a.After.Decide(sub, action, tg, evaluator.Context{})
	}
	for _, tc := range []struct {
		name, action, resource string
		want                   evaluator.Decision
	}{
		{"EV-15 ScheduleKeyDeletion is not a cross-account operation", "kms:ScheduleKeyDeletion", key, evaluator.ImplicitDeny},
		{"EV-15 Decrypt is a cross-account operation", "kms:Decrypt", key, evaluator.Allowed},
		{"EV-4 AMB-1 an RCP on an action without a resource type", "s3:ListAllMyBuckets", "*", evaluator.DecisionUnknown},
	} {
		if got := query(tc.action, tc.resource).Result.Decision; got != tc.want {
			t.Errorf("%s: query %s, want %s", tc.name, got, tc.want)
		}
	}

	// Every action the diff names for a principal of the plan has, after the
	// plan, the decision query gives.
	changes := map[string]string{}
	for _, pd := range a.Diff().Principals {
		if pd.Principal != "aws_iam_role.ops" {
			continue
		}
		for _, c := range pd.Changes {
			after := c.Transitions[0][strings.Index(c.Transitions[0], "->")+2:]
			for _, act := range c.Actions {
				for _, r := range c.Resources {
					changes[act+" "+r] = after
					if c.When != "" { // a grant under context conditions: query --any-context
						tg, err := a.After.Target(r)
						if err != nil {
							t.Fatal(err)
						}
						if q := a.After.DecideAnyContext(sub, act, tg, evaluator.Context{}).Q; q.Outcome != evaluator.OutcomeConditional || q.Condition() != c.When {
							t.Errorf("diff says %s on %s when %s, query --any-context %s when %s", act, r, c.When, q.Outcome, q.Condition())
						}
						continue
					}
					if got := query(act, r).Result.Decision; string(got) != after {
						t.Errorf("diff says %s on %s becomes %s, query %s", act, r, after, got)
					}
				}
			}
		}
	}
	if changes["kms:ScheduleKeyDeletion "+key] != "" {
		t.Errorf("EV-15: the diff reports kms:ScheduleKeyDeletion on the partner's key: %v", changes)
	}
	if changes["kms:Decrypt "+key] != string(evaluator.Allowed) || changes["s3:ListAllMyBuckets *"] != string(evaluator.DecisionUnknown) {
		t.Errorf("diff changes %v: want kms:Decrypt allowed and s3:ListAllMyBuckets unknown", changes)
	}
}
