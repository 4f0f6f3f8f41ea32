package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// ignoredCheck is escalation_two_hop's plan checked with its source
// rewritten with planscan:ignore comments (testdata/source_variants).
func ignoredCheck(t *testing.T) (*analysis.CheckReport, []tfconfig.Diagnostic, ReportOptions) {
	t.Helper()
	plan, err := tfplan.Load(testkit.FixturePlan("escalation_two_hop"))
	if err != nil {
		t.Fatal(err)
	}
	dir := testkit.Path("source_variants", "escalation_ignored")
	src, diags := tfconfig.Load(dir)
	if ok, why := src.Match(plan); !ok {
		t.Fatal(why)
	}
	a, err := analysis.Analyze(plan, analysis.AnalyzeOptions{AccountID: "111122223333", Source: src})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := a.Check(analysis.CheckOptions{Plan: "plan.json", Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return rep, diags, ReportOptions{Plan: "plan.json", Version: "test", Source: SourceLocator(src, dir)}
}

// TestInlineSuppressionsGolden: a planscan:ignore comment above or inside
// a block suppresses that block's results of its rule (listed as
// suppressed with the reason and the comment's line; SARIF kind inSource),
// an expired one is reported and silences nothing, one without a reason is
// a warning naming file:line and is not applied.
func TestInlineSuppressionsGolden(t *testing.T) {
	t.Parallel()
	rep, diags, o := ignoredCheck(t)
	if len(diags) != 1 || diags[0].Line != 24 || !strings.Contains(diags[0].Summary, "reason is required") {
		t.Errorf("diagnostics %v, want one at line 24: a reason is required", diags)
	}
	byName := map[string]analysis.CheckResult{}
	for _, r := range rep.Results {
		byName[r.Rule+" "+r.Principal] = r
	}
	for _, c := range []struct {
		key    string
		status analysis.Status
		at     string
	}{
		{"admin-equivalent aws_iam_role.lambda_admin", analysis.StatusSuppressed, "main.tf:87:1"},
		{"escalation-path aws_iam_role.deployer", analysis.StatusSuppressed, "main.tf:62:21"},
		{"escalation-path aws_iam_user.dev", analysis.StatusFail, ""},     // expired
		{"escalation-path aws_iam_user.auditor", analysis.StatusFail, ""}, // no reason
	} {
		r := byName[c.key]
		testkit.Equal(t, c.key+" status", r.Status, c.status)
		if !strings.HasSuffix(r.SuppressedAt, c.at) || (c.at == "") != (r.SuppressedAt == "") {
			t.Errorf("%s suppressed at %q, want …%s", c.key, r.SuppressedAt, c.at)
		}
	}
	testkit.Equal(t, "summary", rep.Summary.Suppressed, 2)
	for format, ext := range map[string]string{"text": "txt", "sarif": "sarif", "github": "github.txt"} {
		out := render(t, func(b *bytes.Buffer) error { return WriteCheck(b, rep, format, o) })
		testkit.Golden(t, testkit.Path("golden", "source_escalation_ignored.check."+ext), string(out))
		if format == "sarif" {
			validateWrittenSARIF(t, out)
			var log struct {
				Runs []struct {
					Results []struct {
						Suppressions []struct{ Kind string }
					}
				}
			}
			if err := json.Unmarshal(out, &log); err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, r := range log.Runs[0].Results {
				for _, s := range r.Suppressions {
					testkit.Equal(t, "suppression kind", s.Kind, "inSource")
					n++
				}
			}
			testkit.Equal(t, "inSource suppressions", n, 2)
		}
	}
}
