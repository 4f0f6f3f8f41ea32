package analysis

import (
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
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

// TestTrustCandidatesAccountKey pins what trustCandidates relies on: a
// trust that names only an account (its root or its id) is indexed under
// "account:" keys alone (and "aws"), one that names the caller's ARN under another key
// too (EV-8: only the account form delegates to identity policies).
func TestTrustCandidatesAccountKey(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, principal string
		onlyAccount     bool
	}{
		{"root", `"arn:aws:iam::111122223333:root"`, true},
		{"account id", `"111122223333"`, true},
		{"user ARN", `"arn:aws:iam::111122223333:user/dev"`, false},
		{"root and a role", `["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/ci"]`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			doc := evaluator.PolicyDoc{Name: "trust", JSON: []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"AWS":` + tc.principal + `}}]}`)}
			keys, any := evaluator.CompileResource(&doc, evaluator.Options{}).Policy(evaluator.PolicyTrust).PrincipalKeys()
			only := !any
			for _, k := range keys {
				// "aws" is the key of callers whose ARN is unknown (PT-6):
				// trustCandidates keeps it
				only = only && (strings.HasPrefix(k, "account:") || k == "aws")
			}
			if only != tc.onlyAccount {
				t.Errorf("keys %q (any %v): only account keys = %v, want %v", keys, any, only, tc.onlyAccount)
			}
		})
	}
}
