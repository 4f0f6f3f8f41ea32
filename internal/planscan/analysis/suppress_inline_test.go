package analysis

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
)

// TestInlineSuppressionScope: a planscan:ignore comment suppresses the
// findings of its block's addresses (every instance), of its rule only,
// until it expires; never the results of planscan.hcl's own blocks.
func TestInlineSuppressionScope(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := `# planscan:ignore admin-equivalent reason="break glass"
resource "aws_iam_role" "admin" {
  count = 2
}

# planscan:ignore * reason="everything" expires=2026-06-30
resource "aws_iam_role" "old" {}

# planscan:ignore * reason="not an assertion waiver"
resource "aws_iam_role" "asserted" {}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, diags := tfconfig.Load(dir)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	a := &Analysis{source: cfg}
	now := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		r    CheckResult
		want Status
	}{
		{CheckResult{Rule: "admin-equivalent", Address: "aws_iam_role.admin[1]", Status: StatusFail}, StatusSuppressed},
		{CheckResult{Rule: "admin-equivalent", Address: "aws_iam_role.admin[0]", Status: StatusUnknown}, StatusSuppressed},
		{CheckResult{Rule: "escalation-path", Address: "aws_iam_role.admin[0]", Status: StatusFail}, StatusFail},
		{CheckResult{Rule: "admin-equivalent", Address: "aws_iam_role.other", Status: StatusFail}, StatusFail},
		{CheckResult{Rule: "admin-equivalent", Address: "aws_iam_role.old", Status: StatusFail}, StatusFail}, // expired
		{CheckResult{Rule: "public-access", Address: "aws_iam_role.asserted", Status: StatusFail}, StatusSuppressed},
		{CheckResult{Rule: "assert", Address: "aws_iam_role.asserted", Status: StatusFail}, StatusFail},
		{CheckResult{Rule: "deny_new", Address: "aws_iam_role.asserted", Status: StatusFail}, StatusFail},
		{CheckResult{Rule: "admin-equivalent", Address: "aws_iam_role.admin[0]", Status: StatusPass}, StatusPass},
	}
	results := make([]CheckResult, len(cases))
	for i, c := range cases {
		results[i] = c.r
	}
	a.applyInlineSuppressions(results, now)
	for i, c := range cases {
		if results[i].Status != c.want {
			t.Errorf("%s on %s: %s, want %s", c.r.Rule, c.r.Address, results[i].Status, c.want)
		}
		if c.want == StatusSuppressed && results[i].SuppressedAt == "" {
			t.Errorf("%s on %s: suppressed without the comment's position", c.r.Rule, c.r.Address)
		}
	}
	expired := a.expiredInlineSuppressions(now)
	if len(expired) != 1 || expired[0].Rule != "expired-suppression" || expired[0].ConfigPos != filepath.Join(dir, "main.tf")+":6:1" {
		t.Errorf("expired: %+v", expired)
	}
}
