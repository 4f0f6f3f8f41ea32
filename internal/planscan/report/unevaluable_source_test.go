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

// TestUnevaluableSourceNamed: deferred_documents' plan with a source whose
// policies use a provider-defined function and a function planscan does
// not know (testdata/source_variants/unevaluable). The documents stay
// unknown (PT-5: never guessed, never empty) and `depends on` names the
// expression and its line (issue 8), in the results and in the text.
func TestUnevaluableSourceNamed(t *testing.T) {
	t.Parallel()
	plan, err := tfplan.Load(testkit.FixturePlan("deferred_documents"))
	if err != nil {
		t.Fatal(err)
	}
	dir := testkit.Path("source_variants", "unevaluable")
	src, _ := tfconfig.Load(dir)
	if ok, why := src.Match(plan); !ok {
		t.Fatal(why)
	}
	a, err := analysis.Analyze(plan, analysis.AnalyzeOptions{AccountID: "111122223333", Source: src})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := a.Check(analysis.CheckOptions{Plan: "plan.json"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rep.Results {
		if r.Status != analysis.StatusUnknown {
			t.Errorf("%s %s: %s, want unknown", r.Rule, r.Address, r.Status)
		}
		got[r.Rule] = strings.Join(r.DependsOn, "; ")
	}
	want := map[string]string{
		"admin-equivalent": `aws_iam_policy.write_logs.policy: function "provider::aws::arn_build" is not supported (main.tf:35); ` +
			`aws_iam_role_policy.read_logs.policy: function "provider::aws::arn_build" is not supported (main.tf:35)`,
		"public-access": `aws_s3_bucket_policy.logs.policy: function "sha256policy" is not supported (main.tf:63)`,
	}
	for rule, w := range want {
		testkit.Equal(t, rule+" depends on", got[rule], w)
	}
	var b bytes.Buffer
	if err := WriteCheck(&b, rep, "text", ReportOptions{Plan: "plan.json", Source: SourceLocator(src, dir)}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `depends on: aws_s3_bucket_policy.logs.policy: function "sha256policy" is not supported (main.tf:63)`) {
		t.Errorf("text output does not name the expression:\n%s", b.String())
	}
}
