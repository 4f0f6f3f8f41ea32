package analysis

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Symbols in Condition values on the genuine fixture condition_symbols
// (issue 8): aws_iam_role.deployer trusts the account under ArnLike
// aws:PrincipalArn = aws_iam_role.ci.arn (a role made with name_prefix
// "ci-", as is aws_iam_role.other); the queue lets s3.amazonaws.com send
// under ArnEquals aws:SourceArn = aws_s3_bucket.uploads.arn (bucket_prefix).
// CTX-5: a role session's aws:PrincipalArn is the role's ARN; EV-9: a trust
// policy naming the account root lets IAM policies grant; CO-3: a missing
// key fails ArnEquals; the state after apply agrees (groundtruth_test.go).
func TestConditionSymbolFixture(t *testing.T) {
	t.Parallel()
	a := symbolFixture(t, "condition_symbols")
	const deployer = "arn:aws:iam::111122223333:role/deployer"
	cases := []struct {
		name, principal, action, resource string
		want                              evaluator.Decision
		every                             evaluator.ContextOutcome
	}{
		{"CTX-5 the role named by its symbol assumes the deployer", "aws_iam_role.ci", "sts:AssumeRole", deployer, evaluator.Allowed, evaluator.OutcomeAlways},
		{"CTX-5 another role made with the same name_prefix does not", "aws_iam_role.other", "sts:AssumeRole", deployer, evaluator.ImplicitDeny, evaluator.OutcomeNever},
		{"CO-3 S3 without aws:SourceArn may not send", "s3.amazonaws.com", "sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:uploads", evaluator.ImplicitDeny, evaluator.OutcomeConditional},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			sub, tg := subjectTarget(t, a.After, c.principal, c.resource)
			r := a.After.Decide(sub, c.action, tg, evaluator.Context{}).Result
			if r.Decision != c.want {
				t.Fatalf("%s %s on %s: %s (depends on %v), want %s", c.principal, c.action, c.resource, r.Decision, evaluator.ReasonStrings(r.Unknowns), c.want)
			}
			q := a.After.DecideAnyContext(sub, c.action, tg, evaluator.Context{}).Q
			if q.Outcome != c.every {
				t.Errorf("over every context: %s when %q (%v), want %s", q.Outcome, q.Condition(), evaluator.ReasonStrings(q.Unknowns), c.every)
			}
		})
	}
}
