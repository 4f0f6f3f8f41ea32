package analysis

import (
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// gateResult runs one block named "t" of a config on a real fixture.
func gateResult(t *testing.T, fixture, config string) *CheckResult {
	t.Helper()
	r, err := runGate(t, gateAnalysis(t, fixture), config)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// runGate runs a config and returns the result of its block named "t".
func runGate(t *testing.T, a *Analysis, config string) (*CheckResult, error) {
	t.Helper()
	cfg, err := ParseConfig("planscan.hcl", []byte(config))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := a.Check(CheckOptions{Config: cfg})
	if err != nil {
		return nil, err
	}
	for i := range rep.Results {
		if r := &rep.Results[i]; r.Name == "t" {
			return r, nil
		}
	}
	t.Fatal("no result for the block")
	return nil, nil
}

// checkGate checks a block's status and that its message names each of
// named and none of absent.
func checkGate(t *testing.T, got *CheckResult, status Status, named, absent []string) {
	t.Helper()
	testkit.Equal(t, "status ("+got.Message+" depends "+strings.Join(got.DependsOn, "|")+")", got.Status, status)
	for _, n := range named {
		if !strings.Contains(got.Message, n) {
			t.Errorf("message does not name %q: %s", n, got.Message)
		}
	}
	for _, n := range absent {
		if strings.Contains(got.Message, n) {
			t.Errorf("message names %q: %s", n, got.Message)
		}
	}
}

// Issue 13: organization principals on real plans. "organization:o-..."
// and "ou:..." are a caller from an account of that organization (or OU)
// that no policy names; aws:PrincipalOrgID and aws:PrincipalOrgPaths are
// decided as AWS decides them for such a caller (CTX-9).
func TestGateOrganization(t *testing.T) {
	t.Parallel()
	const (
		shared = `["${aws_s3_bucket.shared.arn}/*"]`
		org    = "o-a1b2c3d4e5"
	)
	for _, tc := range []struct {
		name, fixture, config string
		status                Status
		named, absent         []string
	}{
		// org_shared: the bucket and the role allow "*" when
		// aws:PrincipalOrgID = o-a1b2c3d4e5; the any_org bucket when it is
		// like o-*.
		{"CTX-9 the organization's callers read the shared bucket", "org_shared", `assert "t" {
			principals = ["organization:` + org + `"]
			actions = ["s3:GetObject"]
			resources = ` + shared + `
			expect = "allowed"
		}`, StatusPass, []string{"all 1 allowed"}, nil},
		{"CTX-9 another organization's callers are denied", "org_shared", `assert "t" {
			principals = ["organization:o-zzzzzzzzzz"]
			actions = ["s3:GetObject"]
			resources = ["${aws_s3_bucket.shared.arn}/*"]
			expect = "denied"
		}`, StatusPass, nil, nil},
		{"CTX-9 an OU path names its organization", "org_shared", `assert "t" {
			principals = ["ou:o-a1b2c3d4e5/r-ab12/ou-ab12-11111111"]
			actions = ["sts:AssumeRole"]
			resources = [aws_iam_role.org_reader.arn]
			expect = "allowed"
		}`, StatusPass, nil, nil},
		{"only another organization: the organization's callers violate", "org_shared", `only "t" {
			principals = ["organization:o-zzzzzzzzzz", aws_iam_role.org_reader]
			actions = ["s3:GetObject"]
			resources = ` + shared + `
		}`, StatusFail, []string{"organization (s3:GetObject on arn:aws:s3:::org-shared-111122223333/planscan-any (outside the plan) when aws:PrincipalOrgID = o-a1b2c3d4e5)"},
			[]string{"aws_iam_role.org_reader ("}},
		{"only the organization and the role", "org_shared", `only "t" {
			principals = ["organization:` + org + `", aws_iam_role.org_reader]
			actions = ["s3:GetObject", "s3:ListBucket", "sts:AssumeRole"]
			resources = ["*"]
		}`, StatusFail, []string{"any AWS account (s3:GetObject on arn:aws:s3:::any-org-111122223333/planscan-any (outside the plan) when"}, []string{"org-shared"}},
		{"only the organization's OU: the rest of the organization violates", "org_shared", `only "t" {
			principals = ["ou:o-a1b2c3d4e5/r-ab12/ou-ab12-11111111", aws_iam_role.org_reader]
			actions = ["sts:AssumeRole"]
			resources = ["*"]
		}`, StatusFail, []string{"organization (sts:AssumeRole on arn:aws:iam::111122223333:role/org-reader when aws:PrincipalOrgID = o-a1b2c3d4e5)"}, nil},
		{"deny_new: the organization gains read access", "org_shared", `deny_new "t" {
			principals = ["organization:` + org + `"]
			access_levels = ["Read"]
		}`, StatusFail, []string{"organization:o-a1b2c3d4e5 gained s3:GetObject on arn:aws:s3:::any-org-111122223333/planscan-any"}, nil},
		{"deny_new: another organization gains only through like o-*", "org_shared", `deny_new "t" {
			principals = ["organization:o-zzzzzzzzzz"]
			actions = ["s3:GetObject", "sts:AssumeRole"]
		}`, StatusFail, []string{"organization:o-zzzzzzzzzz gained s3:GetObject on arn:aws:s3:::any-org-111122223333/planscan-any"}, []string{"org-shared", "org-reader"}},
		// cross_account: the partner account is named; the organization's
		// other callers get nothing (EV-10 needs the resource policy).
		{"the organization is not the named partner", "cross_account", `assert "t" {
			principals = ["organization:` + org + `"]
			actions = ["s3:GetObject"]
			resources = ["${aws_s3_bucket.shared.arn}/*"]
			expect = "denied"
		}`, StatusPass, nil, nil},
		{"the organization cannot send to the partner's queue", "cross_account", `assert "t" {
			principals = ["organization:` + org + `"]
			actions = ["sqs:SendMessage"]
			resources = [aws_sqs_queue.inbox.arn]
			expect = "denied"
		}`, StatusPass, nil, nil},
		{"deny_new: the partner's grants are not the organization's", "cross_account", `deny_new "t" {
			principals = ["organization:` + org + `"]
			access_levels = ["Read", "Write"]
		}`, StatusPass, nil, nil},
		// org_scp_rcp: the app role trusts only ECS tasks
		{"EV-14 the organization cannot assume a service role", "org_scp_rcp", `assert "t" {
			principals = ["organization:` + org + `"]
			actions = ["sts:AssumeRole"]
			resources = [aws_iam_role.app.arn]
			expect = "denied"
		}`, StatusPass, nil, nil},
		// group_terminators: the partner account reads the reports bucket;
		// allowing the organization does not allow a named account
		{"only the organization: the named partner still violates", "group_terminators", `only "t" {
			principals = [aws_iam_group.ops, "organization:` + org + `"]
			actions = ["s3:GetObject"]
			resources = ["arn:aws:s3:::reports-111122223333/*"]
		}`, StatusFail, []string{"account:444455556666 (s3:GetObject"}, []string{"any AWS account", "dave"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			checkGate(t, gateResult(t, tc.fixture, tc.config), tc.status, tc.named, tc.absent)
		})
	}
}

// The organization principal forms (the Organizations API's id formats).
func TestParseOrgPrincipal(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		ref, id, path, ou string
		plan, ok, bad     bool
	}{
		{ref: "organization", plan: true, ok: true},
		{ref: "organization:o-a1b2c3d4e5", id: "o-a1b2c3d4e5", ok: true},
		{ref: "organization:o-a1b2", ok: true, bad: true},
		{ref: "organization:", ok: true, bad: true},
		{ref: "ou:ou-ab12-11111111", ou: "ou-ab12-11111111", ok: true},
		{ref: "ou:o-a1b2c3d4e5/r-ab12/ou-ab12-11111111", id: "o-a1b2c3d4e5", path: "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/", ok: true},
		{ref: "ou:o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/", id: "o-a1b2c3d4e5", path: "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/", ok: true},
		{ref: "ou:o-a1b2c3d4e5/r-ab12", ok: true, bad: true},
		{ref: "ou:r-ab12", ok: true, bad: true},
		{ref: "account:111122223333"},
		{ref: "aws_iam_role.web"},
	} {
		o, ok, err := parseOrgPrincipal(tc.ref)
		testkit.Equal(t, tc.ref+" ok", ok, tc.ok)
		testkit.Equal(t, tc.ref+" error", err != nil, tc.bad)
		if ok && !tc.bad {
			testkit.Equal(t, tc.ref+" id", o.id, tc.id)
			testkit.Equal(t, tc.ref+" path", o.path, tc.path)
			testkit.Equal(t, tc.ref+" ou", o.ou, tc.ou)
			testkit.Equal(t, tc.ref+" plan", o.planOrg, tc.plan)
		}
	}
}

// "organization" and "ou:ou-..." are the plan's organization: with its id
// known the answers are decided (CTX-9), with it known only after apply
// they are unknown and name it (PT-1), and without an organization in the
// plan the block is an error that says how to name it.
func TestGateOrganizationOfThePlan(t *testing.T) {
	t.Parallel()
	const (
		assertOrg = `assert "t" {
			principals = ["organization"]
			actions = ["s3:GetObject"]
			resources = ["${aws_s3_bucket.shared.arn}/*"]
			expect = "allowed"
		}`
		assertOU = `assert "t" {
			principals = ["ou:ou-ab12-11111111"]
			actions = ["sts:AssumeRole"]
			resources = [aws_iam_role.org_reader.arn]
			expect = "allowed"
		}`
		onlyOrg = `only "t" {
			principals = ["organization", aws_iam_role.org_reader]
			actions = ["s3:GetObject"]
			resources = ["${aws_s3_bucket.shared.arn}/*"]
		}`
	)
	withOrg := func(t *testing.T, id tfplan.Str) *Analysis {
		t.Helper()
		plan, err := tfplan.Load(testkit.FixturePlan("org_shared"))
		if err != nil {
			t.Fatal(err)
		}
		a, err := Analyze(plan, AnalyzeOptions{AccountID: "111122223333"})
		if err != nil {
			t.Fatal(err)
		}
		a.Before.Model.Org.ID, a.After.Model.Org.ID = id, id
		return a
	}
	known := tfplan.KnownStr("o-a1b2c3d4e5")
	later := tfplan.UnknownStr("aws_organizations_organization.org.id", "o-")
	for _, tc := range []struct {
		name, config string
		id           *tfplan.Str
		status       Status
		named        string
	}{
		{"the plan's organization, id known", assertOrg, &known, StatusPass, "all 1 allowed"},
		{"an OU of the plan's organization, id known", assertOU, &known, StatusPass, "all 1 allowed"},
		{"only the plan's organization, id known", onlyOrg, &known, StatusPass, ""},
		{"PT-1 the organization the plan creates", assertOrg, &later, StatusUnknown, "1 of 1 unknown"},
		{"PT-1 only the organization the plan creates", onlyOrg, &later, StatusUnknown, "unknown for: any AWS account (s3:GetObject on arn:aws:s3:::org-shared-111122223333/"},
		{"no organization in the plan: an error", assertOrg, nil, "", `planscan.hcl:1:1: principal "organization": the plan has no aws_organizations_organization`},
		{"no organization in the plan: ou id", assertOU, nil, "", `principal "ou:ou-ab12-11111111": the plan has no aws_organizations_organization`},
		{"no organization in the plan: only", onlyOrg, nil, "", `planscan.hcl:1:1: principal "organization"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := gateAnalysis(t, "org_shared")
			if tc.id != nil {
				a = withOrg(t, *tc.id)
			}
			got, err := runGate(t, a, tc.config)
			if tc.id == nil {
				if err == nil || !strings.Contains(err.Error(), tc.named) {
					t.Fatalf("error %v, want %q", err, tc.named)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkGate(t, got, tc.status, []string{tc.named}, nil)
			if tc.id == &later && !strings.Contains(strings.Join(got.DependsOn, " "), "aws_organizations_organization.org.id") {
				t.Errorf("depends on %v, want the organization's id", got.DependsOn)
			}
		})
	}
}
