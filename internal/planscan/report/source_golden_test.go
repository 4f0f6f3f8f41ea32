package report

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// analyzeWithSource analyses a fixture with its configuration source.
func analyzeWithSource(t *testing.T, fixture string) *analysis.Analysis {
	t.Helper()
	p := testkit.FixturePlan(fixture)
	plan, err := tfplan.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	src, diags := tfconfig.Load(filepath.Dir(p))
	if src == nil || len(diags) > 0 {
		t.Fatalf("source: %v", diags)
	}
	a, err := analysis.Analyze(plan, analysis.AnalyzeOptions{AccountID: "111122223333", Source: src})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestSourceGolden: check and diff of the fixtures whose policies are
// known only after apply, with their source (the plan-alone goldens are
// fixture_<case>.check.txt). With source, webapp_source's narrow roles are
// no longer possibly admin-equivalent and its bucket and queue policies
// are no longer possibly public; the worker's KMS policy names the key by
// its placeholder ARN, so key questions stay unknown until symbols land.
func TestSourceGolden(t *testing.T) {
	for _, fixture := range []string{"webapp_source", "deferred_documents"} {
		t.Run(fixture, func(t *testing.T) {
			t.Parallel()
			a := analyzeWithSource(t, fixture)
			if n := a.After.Model.Source.Unknown; n != 0 {
				t.Errorf("%d documents stay unknown with source", n)
			}
			rep, err := a.Check(analysis.CheckOptions{Plan: "plan.json"})
			if err != nil {
				t.Fatal(err)
			}
			o := ReportOptions{Plan: "plan.json", Version: "test"}
			var c, d bytes.Buffer
			if err := WriteCheck(&c, rep, "text", o); err != nil {
				t.Fatal(err)
			}
			if err := WriteDiff(&d, a.Diff(), "markdown", o); err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, testkit.Path("golden", "fixture_"+fixture+".source.check.txt"), c.String())
			testkit.Golden(t, testkit.Path("golden", "fixture_"+fixture+".source.diff.md"), d.String())
		})
	}
}

// TestSourceQueriesDefinite: the questions of issue 8 on the web-app
// fixture, unknown from the plan alone, definite with the source.
func TestSourceQueriesDefinite(t *testing.T) {
	t.Parallel()
	with := analyzeWithSource(t, "webapp_source")
	alone := analyzeFile(t, testkit.FixturePlan("webapp_source"), "111122223333")
	cases := []struct {
		principal, action, resource, want string
	}{
		{"aws_iam_role.web", "s3:GetObject", "${aws_s3_bucket.assets.arn}/index.html", "allowed"},
		{"aws_iam_role.web", "s3:ListBucket", "${aws_s3_bucket.assets.arn}", "allowed"},
		{"aws_iam_role.web", "s3:PutObject", "${aws_s3_bucket.assets.arn}/index.html", "implicitDeny"},
		{"aws_iam_role.web", "dynamodb:Query", "${aws_dynamodb_table.orders.arn}", "allowed"},
		{"aws_iam_role.worker", "dynamodb:GetItem", "${aws_dynamodb_table.orders.arn}", "allowed"},
		{"aws_iam_role.worker", "dynamodb:PutItem", "${aws_dynamodb_table.orders.arn}", "implicitDeny"},
		{"aws_iam_role.worker", "s3:GetObject", "${aws_s3_bucket.assets.arn}/index.html", "implicitDeny"},
		{"aws_iam_role.worker", "sqs:SendMessage", "${aws_sqs_queue.jobs.arn}", "allowed"},
	}
	var b bytes.Buffer
	for _, c := range cases {
		for _, side := range []struct {
			a    *analysis.Analysis
			want string
		}{{with, c.want}, {alone, "unknown"}} {
			s := side.a.After
			sub, err := s.Subject(c.principal)
			if err != nil {
				t.Fatal(err)
			}
			tg, err := s.Target(c.resource)
			if err != nil {
				t.Fatal(err)
			}
			ans := s.Decide(sub, c.action, tg, ParseContextMust(t))
			js := ans.JSON()
			if got := string(js.Decision); got != side.want {
				t.Errorf("%s %s %s (source %t): %s, want %s", c.principal, c.action, c.resource, side.a == with, got, side.want)
			}
			if side.a == with {
				line, _ := jsonLine(js)
				b.WriteString(line)
			}
		}
	}
	testkit.Golden(t, testkit.Path("golden", "fixture_webapp_source.source.query.json"), b.String())
}
