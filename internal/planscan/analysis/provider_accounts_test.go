package analysis

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// Cross-account decisions follow each resource's provider configuration
// (issue 8 item 3), on the provider_accounts fixture with its source: the
// deployer (tools, 111122223333) reaches the prod (444455556666) bucket
// and role because both sides allow it (EV-10, [XA]: "The request is
// allowed only if both evaluations return a decision of Allow"); the prod
// reader administers the new prod key through the key policy alone (same
// account: EV-7, EV-9, EV-15).
func TestProviderAccountsDecisions(t *testing.T) {
	t.Parallel()
	a := analyzeProviderAccounts(t)
	for _, tc := range []struct {
		principal, action, resource string
		want                        evaluator.Decision
	}{
		{"aws_iam_role.deployer", "s3:GetObject", "arn:aws:s3:::prod-data-4444/report.csv", evaluator.Allowed},
		{"aws_iam_role.deployer", "sts:AssumeRole", "${aws_iam_role.reader.arn}", evaluator.Allowed},
		// cross account: the key policy's Tools statement and the
		// deployer's kms:Decrypt on "*" both allow
		{"aws_iam_role.deployer", "kms:Decrypt", "${aws_kms_key.prod.arn}", evaluator.Allowed},
		// same account: the reader's own identity policy
		{"aws_iam_role.reader", "s3:GetObject", "arn:aws:s3:::prod-data-4444/report.csv", evaluator.Allowed},
		// same account: the key policy's Admin statement alone (EV-7)
		{"aws_iam_role.reader", "kms:ScheduleKeyDeletion", "${aws_kms_key.prod.arn}", evaluator.Allowed},
		// the deployer's identity policy does not grant s3:PutObject: the
		// bucket policy alone cannot, across accounts
		{"aws_iam_role.deployer", "s3:PutObject", "arn:aws:s3:::prod-data-4444/report.csv", evaluator.ImplicitDeny},
	} {
		sub, err := a.After.Subject(tc.principal)
		if err != nil {
			t.Fatal(err)
		}
		tg, err := a.After.Target(tc.resource)
		if err != nil {
			t.Fatal(err)
		}
		got := a.After.Decide(sub, tc.action, tg, evaluator.Context{}).Result.Decision
		if got != tc.want {
			t.Errorf("%s %s %s: %s, want %s", tc.principal, tc.action, tc.resource, got, tc.want)
		}
	}
}

// No target is dropped from diff (issue 8): with its source, the prod
// reader gains administration of the new prod key, whose ARN is known
// only after apply (arn:aws:kms:us-east-1:444455556666:key/ + ?), and is
// reported, never counted unchanged.
func TestDiffKeepsNewKeyTargets(t *testing.T) {
	t.Parallel()
	a := analyzeProviderAccounts(t)
	found := false
	for _, pd := range a.Diff().Principals {
		if pd.Principal != "aws_iam_role.reader" {
			continue
		}
		for _, c := range pd.Changes {
			for _, r := range c.Resources {
				if r == "${aws_kms_key.prod.arn}" && c.Kind == Gained {
					for _, act := range c.Actions {
						if act == "kms:ScheduleKeyDeletion" {
							found = true
						}
					}
				}
			}
		}
	}
	if !found {
		t.Errorf("diff does not report that aws_iam_role.reader gains kms:ScheduleKeyDeletion on ${aws_kms_key.prod.arn}")
	}
}

// analyzeProviderAccounts analyses the provider_accounts fixture with its
// source.
func analyzeProviderAccounts(t *testing.T) *Analysis {
	t.Helper()
	plan, err := tfplan.Load(testkit.FixturePlan("provider_accounts"))
	if err != nil {
		t.Fatal(err)
	}
	src, _ := tfconfig.Load(testkit.Path("fixtures", "provider_accounts"))
	a, err := Analyze(plan, AnalyzeOptions{Source: src})
	if err != nil {
		t.Fatal(err)
	}
	return a
}
