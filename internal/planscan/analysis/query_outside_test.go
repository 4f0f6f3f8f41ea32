package analysis

import (
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// outsidePlan has a role allowed DynamoDB and IAM reads, a DynamoDB table,
// an IAM user and a bucket without a policy, all created by the plan.
const outsidePlan = `{
 "format_version": "1.2",
 "terraform_version": "1.9.0",
 "planned_values": {"root_module": {}},
 "resource_changes": [
  {"address": "aws_iam_role.app", "mode": "managed", "type": "aws_iam_role", "name": "app",
   "change": {"actions": ["create"], "before": null, "after": {"name": "app", "path": "/",
     "arn": "arn:aws:iam::111122223333:role/app",
     "assume_role_policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}",
     "inline_policy": [{"name": "p", "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:GetItem\",\"iam:GetUser\",\"s3:GetObject\"],\"Resource\":\"*\"}]}"}]},
     "after_unknown": {}}},
  {"address": "aws_dynamodb_table.orders", "mode": "managed", "type": "aws_dynamodb_table", "name": "orders",
   "change": {"actions": ["create"], "before": null, "after": {"name": "orders", "arn": "arn:aws:dynamodb:us-east-1:111122223333:table/orders"}, "after_unknown": {}}},
  {"address": "aws_iam_user.alice", "mode": "managed", "type": "aws_iam_user", "name": "alice",
   "change": {"actions": ["create"], "before": null, "after": {"name": "alice", "path": "/", "arn": "arn:aws:iam::111122223333:user/alice"}, "after_unknown": {}}},
  {"address": "aws_s3_bucket.data", "mode": "managed", "type": "aws_s3_bucket", "name": "data",
   "change": {"actions": ["create"], "before": null, "after": {"bucket": "example-data", "arn": "arn:aws:s3:::example-data"}, "after_unknown": {}}}
 ]
}`

// The "resource outside the plan" note is for resources the plan does not
// hold: not for a table, a user or an object of a bucket the plan creates.
func TestResourceOutsideThePlanNote(t *testing.T) {
	t.Parallel()
	plan, err := tfplan.LoadBytes("outside.json", []byte(outsidePlan))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Analyze(plan, AnalyzeOptions{AccountID: "111122223333", Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	s := a.After
	sub, err := s.Subject("aws_iam_role.app")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		action, resource string
		outside          bool
	}{
		{"dynamodb:GetItem", "${aws_dynamodb_table.orders.arn}", false},
		{"dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/orders", false},
		{"iam:GetUser", "${aws_iam_user.alice.arn}", false},
		{"s3:GetObject", "${aws_s3_bucket.data.arn}/reports/q1.csv", false},
		{"dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111122223333:table/other", true},
		{"iam:GetUser", "arn:aws:iam::111122223333:user/bob", true},
		{"s3:GetObject", "arn:aws:s3:::example-data-old/x", true}, // a name prefix is not a parent
	} {
		tg, err := s.Target(c.resource)
		if err != nil {
			t.Fatal(err)
		}
		ans := s.Decide(sub, c.action, tg, evaluator.Context{})
		got := strings.Contains(evaluator.JoinReasons(ans.Notes, "\n"), "resource outside the plan")
		if got != c.outside {
			t.Errorf("%s on %s: outside-the-plan note %v, want %v (notes %q, decision %s %s)", c.action, c.resource, got, c.outside, ans.Notes, ans.Result.Decision, ans.Result.Error)
		}
	}
}
