package analysis

import (
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// create-access-key against the two-keys quota (issue 10), on the
// escalation_access_keys fixture (a real plan): admin_full holds two
// aws_iam_access_key resources, admin_one one; helpdesk may only create
// keys (on admin-*), rotator may create and delete them.
func TestCreateAccessKeyQuota(t *testing.T) {
	t.Parallel()
	plan, err := tfplan.Load(testkit.FixturePlan("escalation_access_keys"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := Analyze(plan, AnalyzeOptions{AccountID: "111122223333"})
	if err != nil {
		t.Fatal(err)
	}
	g, err := a.PrincipalGraph("after")
	if err != nil {
		t.Fatal(err)
	}
	edges := map[string]EscalationStep{}
	for _, e := range g.Edges {
		if e.Technique == "create-access-key" {
			edges[e.From+" -> "+e.To] = e
		}
	}
	for _, tc := range []struct {
		edge   string
		want   bool
		grants int
		why    string
	}{
		{"aws_iam_user.helpdesk -> aws_iam_user.admin_one", true, 1, "one key: a second fits"},
		{"aws_iam_user.helpdesk -> aws_iam_user.admin_full", false, 0, "two keys and no iam:DeleteAccessKey"},
		{"aws_iam_user.rotator -> aws_iam_user.admin_one", true, 1, "one key: DeleteAccessKey not needed"},
		{"aws_iam_user.rotator -> aws_iam_user.admin_full", true, 2, "two keys: CreateAccessKey and DeleteAccessKey"},
		{"aws_iam_user.helpdesk -> aws_iam_user.rotator", false, 0, "helpdesk's policy names admin-* only"},
	} {
		t.Run(tc.edge, func(t *testing.T) {
			t.Parallel()
			e, ok := edges[tc.edge]
			if ok != tc.want || len(e.Grants) != tc.grants {
				t.Fatalf("%s: edge %v with grants %q; want %v with %d (%s)", tc.edge, ok, e.Grants, tc.want, tc.grants, tc.why)
			}
			if tc.grants == 2 && !strings.Contains(e.Grants[1], "iam:DeleteAccessKey") || tc.grants == 2 && !strings.Contains(e.Grants[1], "holds 2 aws_iam_access_key") {
				t.Errorf("%s: the second grant should be the DeleteAccessKey the quota needs: %q", tc.edge, e.Grants)
			}
		})
	}
	// before the plan there are no users, keys or edges
	b, err := a.PrincipalGraph("before")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Edges) != 0 {
		t.Errorf("before: %d edges", len(b.Edges))
	}
	tech, ok := EscalationTechniqueByID("create-access-key")
	if !ok || tech.Quota == nil || tech.Quota.Limit != 2 || tech.Quota.Resource != "aws_iam_access_key" {
		t.Errorf("catalog: create-access-key quota %+v", tech.Quota)
	}
}
