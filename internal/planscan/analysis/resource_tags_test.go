package analysis

import (
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// Resource tags on a real plan (issue 8, CTX-19): app's policy allows
// DynamoDB and S3 reads where aws:ResourceTag/team is "payments". IAM User
// Guide, aws:ResourceTag/tag-key: "This key is included in the request
// context when the requested resource already has attached tags".
func TestResourceTagsFilled(t *testing.T) {
	t.Parallel()
	a := fixtureAnalysis(t, "kms_grants_tags")
	for _, tc := range []struct {
		name, action, resource string
		ctx                    []string
		one                    evaluator.Decision
		any                    evaluator.ContextOutcome
		depends                string
	}{
		{"tagged team=payments", "dynamodb:GetItem", "${aws_dynamodb_table.orders.arn}", nil, evaluator.Allowed, evaluator.OutcomeAlways, ""},
		{"tagged team=security", "dynamodb:GetItem", "${aws_dynamodb_table.audit.arn}", nil, evaluator.ImplicitDeny, evaluator.OutcomeNever, ""},
		// CTX-1: "Values the caller supplies always win"
		{"the question's value wins", "dynamodb:GetItem", "${aws_dynamodb_table.orders.arn}", []string{"aws:ResourceTag/team=security"}, evaluator.ImplicitDeny, evaluator.OutcomeNever, ""},
		// S3 User Guide: "By default, ABAC is disabled for all Amazon S3
		// general purpose buckets. To use ABAC for general purpose buckets,
		// you must enable it." The plan does not say: unknown, never absent.
		{"S3 ABAC status not in the plan", "s3:GetObject", "arn:aws:s3:::payments-reports-111122223333/q1.csv", nil, evaluator.DecisionUnknown, evaluator.OutcomeUnknown,
			"aws_s3_bucket.reports ABAC status (S3 reads bucket tags only with ABAC enabled; not in the plan)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := a.After
			sub, err := s.Subject("aws_iam_role.app")
			if err != nil {
				t.Fatal(err)
			}
			tg, err := s.Target(tc.resource)
			if err != nil {
				t.Fatal(err)
			}
			ctx, err := ParseContext(tc.ctx)
			if err != nil {
				t.Fatal(err)
			}
			ans := s.Decide(sub, tc.action, tg, ctx)
			testkit.Equal(t, "decision", ans.Result.Decision, tc.one)
			qa := s.DecideAnyContext(sub, tc.action, tg, ctx)
			testkit.Equal(t, "outcome", qa.Q.Outcome, tc.any)
			if tc.any == evaluator.OutcomeAlways || tc.any == evaluator.OutcomeNever {
				// fixed, not free: the table's tags are not the request's to choose
				testkit.Equal(t, "free keys", strings.Join(qa.Q.Keys, ","), "")
			}
			testkit.Equal(t, "depends on", strings.Join(evaluator.ReasonStrings(qa.Q.Unknowns), ", "), tc.depends)
		})
	}
}

// resourceTagsOf follows the service reference (CTX-2): a key it does not
// list for the action and resource type is not sent; tags known only after
// apply stay unknown, never absent (PT-1).
func TestResourceTagsOf(t *testing.T) {
	t.Parallel()
	cat := iamdata.Default()
	table := "arn:aws:dynamodb:us-east-1:111122223333:table/orders"
	known := &iammodel.TaggedResource{Address: "aws_dynamodb_table.orders", Type: "aws_dynamodb_table", ARN: tfplan.KnownStr(table), Tags: map[string]string{"team": "payments"}}
	later := &iammodel.TaggedResource{Address: "aws_dynamodb_table.orders", Type: "aws_dynamodb_table", ARN: tfplan.KnownStr(table),
		TagsUnknown: &evaluator.Unknown{Reason: "aws_dynamodb_table.orders.tags_all"}}
	keys := func() []string { return []string{"aws:ResourceTag/team"} }
	for _, tc := range []struct {
		name, action, arn string
		tr                *iammodel.TaggedResource
		want              string // the context as text
		fix               bool
	}{
		{"outside the plan", "dynamodb:GetItem", table, nil, "", false},
		{"known tags", "dynamodb:GetItem", table, known, "aws:ResourceTag/team=payments", true},
		{"tags known after apply", "dynamodb:GetItem", table, later, "aws:ResourceTag/team=?(aws_dynamodb_table.orders.tags_all)", false},
		{"not listed for backups", "dynamodb:DescribeBackup", table + "/backup/01234567890123-abcdefgh", known, "", true},
		{"unknown action", "dynamodb:NoSuchAction", table, known, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx, fix := resourceTagsOf(cat, tc.action, tc.arn, true, tc.tr).apply(evaluator.Context{}, keys)
			var got []string
			for _, e := range ctx.Entries() {
				v := strings.Join(e.Values, ",")
				if e.Unknown != nil {
					v = "?(" + e.Unknown.Reason + ")"
				}
				got = append(got, e.Key+"="+v)
			}
			testkit.Equal(t, "context", strings.Join(got, " "), tc.want)
			testkit.Equal(t, "prefix fixed", fix, tc.fix)
		})
	}
}
