package analysis

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// The real 4,600-resource plan: load, model and fully check (no config),
// and the diff over every principal and every action of the reference data.
func BenchmarkCheckPlan4600(b *testing.B) {
	data := testkit.ReadGz(b, testkit.Path("plan-4600.json.gz"))
	b.ReportAllocs()
	for b.Loop() {
		a := analyzePlan4600(b, data, false)
		rep, err := a.Check(CheckOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Summary.Verdict != VerdictPass {
			b.Fatalf("verdict %+v", rep.Summary)
		}
	}
}

// BenchmarkCheckPlan4600WithSource is the same with the plan's configuration
// source (testdata/plan-4600-source is shared/bench/plan-4600.tf): the 500
// deferred bucket policy documents are rebuilt from it, so nothing is
// unknown and the gate passes with no result.
func BenchmarkCheckPlan4600WithSource(b *testing.B) {
	data := testkit.ReadGz(b, testkit.Path("plan-4600.json.gz"))
	b.ReportAllocs()
	for b.Loop() {
		a := analyzePlan4600(b, data, true)
		rep, err := a.Check(CheckOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Summary.Verdict != VerdictPass || len(rep.Results) != 0 {
			b.Fatalf("verdict %+v, %d results", rep.Summary, len(rep.Results))
		}
	}
}

func BenchmarkDiffPlan4600(b *testing.B) {
	data := testkit.ReadGz(b, testkit.Path("plan-4600.json.gz"))
	b.ReportAllocs()
	for b.Loop() {
		a := analyzePlan4600(b, data, false)
		if d := a.Diff(); len(d.Principals) != 1000 {
			b.Fatalf("%d principals change", len(d.Principals))
		}
	}
}

// TestPlan4600Check pins what the check finds on the large plan: no failure.
// The eleven "Oops" policies grant iam:PassRole + lambda:CreateFunction on
// "*", but the same policy's NoIam statement denies iam:* (EV-3), so no
// escalation path exists. The 500 bucket policies are deferred documents:
// each may open its bucket to anyone, so each is an unknown public-access
// result (PT-5), never a silent pass.
func TestPlan4600Check(t *testing.T) {
	t.Parallel()
	data := testkit.ReadGz(t, testkit.Path("plan-4600.json.gz"))
	plan, err := tfplan.LoadBytes("plan-4600.json", data)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Analyze(plan, AnalyzeOptions{AccountID: "111122223333"})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := a.Check(CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	testkit.Equal(t, "results", len(rep.Results), 500)
	for _, r := range rep.Results {
		if r.Rule != "public-access" || r.Status != StatusUnknown || len(r.DependsOn) != 1 {
			t.Fatalf("result %+v, want an unknown public-access result with what it depends on", r)
		}
	}
	// the Oops role: PassRole is explicitly denied by NoIam (EV-3)
	s := a.After
	sub, _ := s.Subject(`aws_iam_role.app["0097"]`)
	tg, _ := s.Target("*")
	ans := s.Decide(sub, "iam:PassRole", tg, ParseContextMust(t))
	testkit.Equal(t, "PassRole", ans.Result.Decision, "explicitDeny")
	ans = s.Decide(sub, "lambda:CreateFunction", tg, ParseContextMust(t))
	testkit.Equal(t, "CreateFunction", ans.Result.Decision, "allowed")
	// data-0097 has a deferred bucket policy: unknown (PT-5)
	tg, _ = s.Target("arn:aws:s3:::data-0097/k")
	ans = s.Decide(sub, "s3:GetObject", tg, ParseContextMust(t))
	testkit.Equal(t, "GetObject", ans.Result.Decision, "unknown")
}

// BenchmarkQueryPlan4600WithSource is `planscan query` on the large plan
// with its source: load, model (the 500 bucket documents rebuilt from the
// source) and one decision.
func BenchmarkQueryPlan4600WithSource(b *testing.B) {
	data := testkit.ReadGz(b, testkit.Path("plan-4600.json.gz"))
	b.ReportAllocs()
	for b.Loop() {
		a := analyzePlan4600(b, data, true)
		sub, err := a.After.Subject(`aws_iam_role.app["0097"]`)
		if err != nil {
			b.Fatal(err)
		}
		tg, err := a.After.Target("arn:aws:s3:::data-0097/k")
		if err != nil {
			b.Fatal(err)
		}
		if ans := a.After.Decide(sub, "s3:GetObject", tg, evaluator.Context{}); ans.Result.Decision != evaluator.Allowed {
			b.Fatalf("decision %s", ans.Result.Decision)
		}
	}
}

// analyzePlan4600 loads and models the 4,600-resource plan (data: its
// JSON), with its configuration source when source is set.
func analyzePlan4600(tb testing.TB, data []byte, source bool) *Analysis {
	tb.Helper()
	plan, err := tfplan.LoadBytes("plan-4600.json", data)
	if err != nil {
		tb.Fatal(err)
	}
	o := AnalyzeOptions{AccountID: "111122223333"}
	if source {
		src, diags := tfconfig.Load(testkit.Path("plan-4600-source"))
		if src == nil || len(diags) > 0 {
			tb.Fatalf("source: %v", diags)
		}
		o.Source = src
	}
	a, err := Analyze(plan, o)
	if err != nil {
		tb.Fatal(err)
	}
	return a
}
