package report

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
)

// locatedConfig makes webapp_source's check fail where the source can
// point: a deny_new on the worker's new SQS writes (its role block), an
// assert the web role fails (its role block, with the planscan.hcl block
// as SARIF's related location).
const locatedConfig = `
deny_new "no new queue writes" {
  actions = ["sqs:SendMessage"]
  principals = [aws_iam_role.worker]
}
assert "web cannot write assets" {
  principals = [aws_iam_role.web]
  actions    = ["s3:GetObject"]
  resources  = ["${aws_s3_bucket.assets.arn}/index.html"]
  expect     = "denied"
}
`

// locatedCheck is a fixture's check with its source, and the report
// options that locate its results in that source.
func locatedCheck(t *testing.T, fixture string) (*analysis.Analysis, *analysis.CheckReport, ReportOptions) {
	t.Helper()
	a := analyzeWithSource(t, fixture)
	var cfg *analysis.Config
	if fixture == "webapp_source" {
		var err error
		if cfg, err = analysis.ParseConfig("planscan.hcl", []byte(locatedConfig)); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := a.Check(analysis.CheckOptions{Config: cfg, Plan: "plan.json"})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(testkit.FixturePlan(fixture))
	src, _ := tfconfig.Load(dir)
	return a, rep, ReportOptions{Plan: "plan.json", Version: "test", Source: SourceLocator(src, dir)}
}

// TestSourceLocationsGolden: with the configuration source, every format
// points each result at the .tf block of its principal or policy
// (main.tf:LINE; SARIF with a region), on an assertion fixture and an
// escalation fixture. The plan-alone goldens of the same fixtures do not
// change (TestCheckGolden).
func TestSourceLocationsGolden(t *testing.T) {
	t.Parallel()
	exts := map[string]string{"text": "txt", "markdown": "md", "sarif": "sarif", "github": "github.txt", "gitlab": "gitlab.json", "junit": "junit.xml", "json": "json"}
	for _, fixture := range []string{"webapp_source", "escalation_two_hop"} {
		for _, format := range []string{"text", "markdown", "sarif", "github", "gitlab", "junit", "json"} {
			t.Run(fixture+"/"+format, func(t *testing.T) {
				t.Parallel()
				a, rep, o := locatedCheck(t, fixture)
				out := render(t, func(b *bytes.Buffer) error { return WriteCheck(b, rep, format, o) })
				testkit.Golden(t, testkit.Path("golden", "fixture_"+fixture+".located.check."+exts[format]), string(out))
				if format == "text" || format == "markdown" || format == "json" { // json: the statement objects' file and line (issue 8)
					d := render(t, func(b *bytes.Buffer) error { return WriteDiff(b, a.Diff(), format, o) })
					testkit.Golden(t, testkit.Path("golden", "fixture_"+fixture+".located.diff."+exts[format]), string(d))
				}
			})
		}
	}
}

// TestSourceLocationsSARIFValidates: the SARIF with .tf regions and related
// locations validates against the SARIF 2.1.0 schema, as built and as
// written.
func TestSourceLocationsSARIFValidates(t *testing.T) {
	t.Parallel()
	for _, fixture := range []string{"webapp_source", "escalation_two_hop"} {
		t.Run(fixture, func(t *testing.T) {
			t.Parallel()
			a, rep, o := locatedCheck(t, fixture)
			if err := buildSARIF(rep.Results, false, o).Validate(); err != nil {
				t.Error(err)
			}
			for _, doc := range [][]byte{
				render(t, func(b *bytes.Buffer) error { return WriteCheck(b, rep, "sarif", o) }),
				render(t, func(b *bytes.Buffer) error { return WriteDiff(b, a.Diff(), "sarif", o) }),
			} {
				validateWrittenSARIF(t, doc)
			}
		})
	}
}

// TestLocateFallsBack: an address the source does not declare (an ARN, a
// principal outside the plan) points where it did without source.
func TestLocateFallsBack(t *testing.T) {
	t.Parallel()
	_, _, o := locatedCheck(t, "escalation_two_hop")
	cases := []struct {
		r    analysis.CheckResult
		want string
	}{
		{analysis.CheckResult{Address: "aws_iam_role.deployer"}, "main.tf:53"},
		{analysis.CheckResult{Address: "aws_iam_role.deployer", ConfigPos: "planscan.hcl:3:1"}, "main.tf:53"},
		{analysis.CheckResult{Address: "arn:aws:iam::444455556666:role/x", ConfigPos: "planscan.hcl:3:1"}, "planscan.hcl:3"},
		{analysis.CheckResult{Address: "aws_iam_role.gone"}, "plan.json"},
		{analysis.CheckResult{}, "plan.json"},
	}
	for _, c := range cases {
		testkit.Equal(t, c.r.Address+" "+c.r.ConfigPos, locate(&c.r, o).String(), c.want)
	}
	testkit.Equal(t, "no source", locate(&cases[0].r, ReportOptions{Plan: "plan.json"}).String(), "plan.json")
}

// TestAnswerSources: a query answer's principal block, then each deciding
// statement at its statement block (address#sid) or its policy's block,
// each once; nothing for what the source does not declare.
func TestAnswerSources(t *testing.T) {
	t.Parallel()
	dir := filepath.Dir(testkit.FixturePlan("webapp_source"))
	src, _ := tfconfig.Load(dir)
	loc := SourceLocator(src, dir)
	stmts := []analysis.StatementJSON{
		{Policy: "aws_iam_role_policy.web", Sid: "ReadAssets"},
		{Policy: "aws_iam_role_policy.web", Sid: "ReadAssets"},
		{Policy: "aws_iam_role_policy.worker_kms", Sid: "9"}, // no such statement: the policy's block
		{Policy: "arn:aws:iam::aws:policy/ReadOnlyAccess", Sid: "1"},
	}
	var got []string
	for _, s := range AnswerSources("aws_iam_role.web", stmts, loc) {
		got = append(got, fmt.Sprintf("%s %s:%d", s.Address, s.File, s.Line))
	}
	testkit.Equal(t, "sources", strings.Join(got, ", "),
		"aws_iam_role.web main.tf:55, aws_iam_role_policy.web#ReadAssets main.tf:66, aws_iam_role_policy.worker_kms main.tf:150")
	if AnswerSources("aws_iam_role.web", stmts, nil) != nil {
		t.Error("sources without a source")
	}
}
