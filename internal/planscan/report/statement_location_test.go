package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// checkWithSource checks a fixture's plan with its own directory as the
// source; the locations are relative to that directory.
func checkWithSource(t *testing.T, fixture string) (*analysis.CheckReport, ReportOptions) {
	t.Helper()
	plan, err := tfplan.Load(testkit.FixturePlan(fixture))
	if err != nil {
		t.Fatal(err)
	}
	dir := testkit.Path("fixtures", fixture)
	src, _ := tfconfig.Load(dir)
	a, err := analysis.Analyze(plan, analysis.AnalyzeOptions{AccountID: "111122223333", Source: src})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := a.Check(analysis.CheckOptions{Plan: "plan.json"})
	if err != nil {
		t.Fatal(err)
	}
	return rep, ReportOptions{Plan: "plan.json", Version: "test", Source: SourceLocator(src, dir)}
}

// TestFindingsAtTheirStatement: a check finding that one statement causes
// points at that statement's line when the source writes the policy as a
// jsonencode object or an aws_iam_policy_document block (issue 8 item C),
// in every format that carries a location; a finding no single statement
// causes keeps its resource block's line.
func TestFindingsAtTheirStatement(t *testing.T) {
	t.Parallel()
	cases := []struct {
		fixture, rule, address, message string
		at                              string // text "at" line, file:line
	}{
		// PR-11: Principal "*"; the statement is the second of the object
		{"source_ip_open", "public-access", "aws_s3_bucket_policy.open", "ReadFromAnywhere", "main.tf:13"},
		// one statement shares the bucket with a network
		{"source_ip_open", "shared-access", "aws_s3_bucket_policy.office", "", "main.tf:32"},
		// two statements of one trust policy, each its own line (not the role block at line 10)
		{"cross_account", "unknown-account", "aws_iam_role.partner_access", "statement 1 ", "main.tf:16"},
		{"cross_account", "unknown-account", "aws_iam_role.partner_access", "statement 2 ", "main.tf:22"},
		{"cross_account", "unknown-account", "aws_s3_bucket_policy.shared", "PartnerRead", "main.tf:44"},
	}
	reports := map[string]*analysis.CheckReport{}
	opts := map[string]ReportOptions{}
	for _, c := range cases {
		if reports[c.fixture] == nil {
			reports[c.fixture], opts[c.fixture] = checkWithSource(t, c.fixture)
		}
	}
	for _, c := range cases {
		rep, o := reports[c.fixture], opts[c.fixture]
		var r *analysis.CheckResult
		for i := range rep.Results {
			x := &rep.Results[i]
			if x.Rule == c.rule && x.Address == c.address && strings.Contains(x.Message, c.message) {
				r = x
			}
		}
		if r == nil {
			t.Errorf("%s: no %s result for %s (%q)", c.fixture, c.rule, c.address, c.message)
			continue
		}
		l, ok := sourceOf(r, o)
		if !ok || l.String() != c.at {
			t.Errorf("%s %s %s: at %v (%v), want %s", c.fixture, c.rule, c.message, l, ok, c.at)
		}
		if got := locate(r, o); got.String() != c.at {
			t.Errorf("%s %s %s: SARIF/GitHub/GitLab location %v, want %s", c.fixture, c.rule, c.message, got, c.at)
		}
	}
	// the text and SARIF outputs carry it
	var text, sarifOut bytes.Buffer
	if err := WriteCheck(&text, reports["cross_account"], "text", opts["cross_account"]); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "statement 2 allows sts:AssumeRole to account 444455556666, which is neither in the plan nor in trusted_accounts\n            at main.tf:22\n") {
		t.Errorf("text output:\n%s", text.String())
	}
	if err := WriteCheck(&sarifOut, reports["cross_account"], "sarif", opts["cross_account"]); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sarifOut.String(), `"startLine": 22`) {
		t.Errorf("SARIF has no region at line 22")
	}
}
