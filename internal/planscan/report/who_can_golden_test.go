package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// goldenWhoCan are planscan query --who-can answers checked by hand
// against the fixtures' HCL (issue 10):
//
//   - escalation_two_hop, iam:CreateUser on *: lambda_admin directly
//     (AdministratorAccess); deployer through lambda-create-invoke; dev
//     and auditor through assume-role then the same (auditor when MFA is
//     present); intern (ReadOnlyAccess) and the principals outside the
//     plan ("*" has no account) not listed.
//   - escalation_two_hop, lambda:InvokeFunction on a function: deployer
//     directly, dev and auditor through deployer (one step), before the
//     plan nobody.
//   - escalation_self_policy: both users may rewrite their own policy
//     (put-user-policy, (any permission)); selfwriter's boundary allows
//     s3:* only (EV-12): both may read an object, only selfadmin may create
//     a user.
//   - github_oidc: the GitHub OIDC provider assumes gh_repo under aud and
//     sub conditions (EV-14), nobody else.
//   - org_shared: the organization (aws:PrincipalOrgID) and org_reader
//     under the same condition read the shared bucket.
//   - cross_account: account:444455556666 reads the shared bucket through
//     its policy (PartnerRead), partner_access through ReadOnlyAccess.
var goldenWhoCan = []struct {
	name, fixture, action, resource, state string
}{
	{"escalation_two_hop.create_user", "escalation_two_hop", "iam:CreateUser", "*", "after"},
	{"escalation_two_hop.invoke", "escalation_two_hop", "lambda:InvokeFunction", "arn:aws:lambda:us-east-1:111122223333:function:any", "both"},
	{"escalation_self_policy.create_user", "escalation_self_policy", "iam:CreateUser", "*", "after"},
	{"escalation_self_policy.get_object", "escalation_self_policy", "s3:GetObject", "arn:aws:s3:::data-111122223333/x", "after"},
	{"github_oidc", "github_oidc", "sts:AssumeRoleWithWebIdentity", "${aws_iam_role.gh_repo.arn}", "after"},
	{"org_shared", "org_shared", "s3:GetObject", "arn:aws:s3:::org-shared-111122223333/x", "after"},
	{"cross_account", "cross_account", "s3:GetObject", "${aws_s3_bucket.shared.arn}/x", "after"},
}

func TestWhoCanGolden(t *testing.T) {
	t.Parallel()
	for _, c := range goldenWhoCan {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			a := analyzeFile(t, testkit.FixturePlan(c.fixture), "111122223333")
			sides, err := a.Sides(c.state)
			if err != nil {
				t.Fatal(err)
			}
			var text, js bytes.Buffer
			for _, s := range sides {
				tg, err := s.Target(c.resource)
				if err != nil {
					t.Fatal(err)
				}
				rows, err := a.WhoCan(s, c.action, tg)
				if err != nil {
					t.Fatal(err)
				}
				if err := WriteWhoCan(&text, c.action, tg.Label(), s.SideName(), rows, "text"); err != nil {
					t.Fatal(err)
				}
				if err := WriteWhoCan(&js, c.action, tg.Label(), s.SideName(), rows, "json"); err != nil {
					t.Fatal(err)
				}
			}
			testkit.Golden(t, testkit.Path("golden", "fixture_"+c.name+".whocan.txt"), text.String())
			testkit.Golden(t, testkit.Path("golden", "fixture_"+c.name+".whocan.json"), js.String())
		})
	}
}

func TestWhoCanInvalidQuestion(t *testing.T) {
	t.Parallel()
	a := analyzeFile(t, testkit.FixturePlan("escalation_two_hop"), "111122223333")
	tg, err := a.After.Target("arn:aws:s3:::b/x")
	if err != nil {
		t.Fatal(err)
	}
	// RS-10: an S3 object is not a resource of iam:CreateUser
	if _, err := a.WhoCan(a.After, "iam:CreateUser", tg); err == nil || !strings.Contains(err.Error(), "RS-10") {
		t.Errorf("want an invalid question citing RS-10, got %v", err)
	}
	if err := WriteWhoCan(&bytes.Buffer{}, "a", "r", "after", nil, "sarif"); err == nil {
		t.Error("unknown format accepted")
	}
}
