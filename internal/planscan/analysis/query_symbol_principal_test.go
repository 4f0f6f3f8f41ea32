package analysis

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Symbols in Principal and objects inside a symbol bucket, on the genuine
// fixture symbol_principals (issue 8): aws_iam_role.reader and
// aws_iam_role.other are created with name_prefix "reader-", the buckets
// data and logs with bucket_prefix "data-". The bucket policy of data,
// rebuilt from the source, grants s3:GetObject on
// "${aws_s3_bucket.data.arn}/*" to {"AWS": aws_iam_role.reader.arn}. PR-6:
// a role ARN in Principal names every session of that role, "matched
// exactly"; EV-7: a same-account resource policy naming the role grants
// alone; RS-3: "/*" names every object of the bucket.
func TestSymbolPrincipalFixture(t *testing.T) {
	t.Parallel()
	a := symbolFixture(t, "symbol_principals")
	if rp := a.After.Model.ResourceByAddress("aws_s3_bucket.data"); rp == nil || rp.Doc == nil || rp.Doc.Unknown != nil {
		t.Fatalf("the bucket policy of aws_s3_bucket.data is not rebuilt: %+v", rp)
	}
	cases := []struct {
		name, principal, resource string
		want                      evaluator.Decision
	}{
		{"PR-6 the role named by its symbol reads an object of the bucket", "aws_iam_role.reader", "${aws_s3_bucket.data.arn}/reports/a.csv", evaluator.Allowed},
		{"PR-6 another role created with the same name_prefix does not", "aws_iam_role.other", "${aws_s3_bucket.data.arn}/reports/a.csv", evaluator.ImplicitDeny},
		{"RS-3 the objects of another created bucket are not granted", "aws_iam_role.reader", "${aws_s3_bucket.logs.arn}/reports/a.csv", evaluator.ImplicitDeny},
		{"RS-10 s3:GetObject does not act on the bucket itself", "aws_iam_role.reader", "${aws_s3_bucket.data.arn}", evaluator.DecisionError},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			sub, tg := subjectTarget(t, a.After, c.principal, c.resource)
			r := a.After.Decide(sub, "s3:GetObject", tg, evaluator.Context{}).Result
			if r.Decision != c.want {
				t.Fatalf("%s s3:GetObject on %s: %s (depends on %v), want %s", c.principal, c.resource, r.Decision, evaluator.ReasonStrings(r.Unknowns), c.want)
			}
			q := a.After.DecideAnyContext(sub, "s3:GetObject", tg, evaluator.Context{}).Q
			if q.Outcome == evaluator.OutcomeUnknown {
				t.Errorf("over every context: unknown (%v)", evaluator.ReasonStrings(q.Unknowns))
			}
		})
	}
}
