package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

func demoReport(t *testing.T) (*analysis.Analysis, *analysis.CheckReport) {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "examples", "plans", "pr-gate")
	a := analyzeFile(t, filepath.Join(dir, "plan.json"), "111122223333")
	cfg, err := analysis.LoadConfig(filepath.Join(dir, "planscan.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := a.Check(analysis.CheckOptions{Config: cfg, Plan: "plan.json"})
	if err != nil {
		t.Fatal(err)
	}
	return a, rep
}

// TestSARIFRequiredFields checks the SARIF 2.1.0 properties the schema
// requires: sarifLog.version and runs; run.tool.driver.name;
// result.message.text; reportingDescriptor.id; and that ruleIndex points at
// the rule of ruleId; logical locations carry Terraform addresses.
func TestSARIFRequiredFields(t *testing.T) {
	t.Parallel()
	a, rep := demoReport(t)
	for _, doc := range []func(*bytes.Buffer) error{
		func(b *bytes.Buffer) error { return WriteCheck(b, rep, "sarif", ReportOptions{Plan: "plan.json"}) },
		func(b *bytes.Buffer) error { return WriteDiff(b, a.Diff(), "sarif", ReportOptions{Plan: "plan.json"}) },
	} {
		var b bytes.Buffer
		if err := doc(&b); err != nil {
			t.Fatal(err)
		}
		var log map[string]any
		if err := json.Unmarshal(b.Bytes(), &log); err != nil {
			t.Fatal(err)
		}
		testkit.Equal(t, "version", log["version"], any("2.1.0"))
		runs, _ := log["runs"].([]any)
		if len(runs) != 1 {
			t.Fatalf("runs = %v", log["runs"])
		}
		run := runs[0].(map[string]any)
		driver := run["tool"].(map[string]any)["driver"].(map[string]any)
		testkit.Equal(t, "driver.name", driver["name"], any("planscan"))
		rules := driver["rules"].([]any)
		results, ok := run["results"].([]any)
		if !ok || len(results) == 0 {
			t.Fatal("no results")
		}
		levels := map[string]bool{"none": true, "note": true, "warning": true, "error": true}
		kinds := map[string]bool{"pass": true, "fail": true, "review": true, "open": true, "notApplicable": true, "informational": true}
		for _, r := range results {
			res := r.(map[string]any)
			msg, _ := res["message"].(map[string]any)
			if text, _ := msg["text"].(string); text == "" {
				t.Errorf("result without message.text: %v", res)
			}
			idx := int(res["ruleIndex"].(float64))
			if rid := rules[idx].(map[string]any)["id"]; rid != res["ruleId"] {
				t.Errorf("ruleIndex %d names %v, ruleId %v", idx, rid, res["ruleId"])
			}
			if !levels[res["level"].(string)] || !kinds[res["kind"].(string)] {
				t.Errorf("level %v kind %v", res["level"], res["kind"])
			}
			locs, _ := res["locations"].([]any)
			for _, l := range locs {
				lls, _ := l.(map[string]any)["logicalLocations"].([]any)
				for _, ll := range lls {
					name := ll.(map[string]any)["fullyQualifiedName"].(string)
					if !strings.HasPrefix(name, "aws_") {
						t.Errorf("logical location %q is not a Terraform address", name)
					}
				}
			}
		}
		for _, r := range rules {
			if id, _ := r.(map[string]any)["id"].(string); id == "" {
				t.Error("rule without id")
			}
		}
	}
}

func TestJUnitParses(t *testing.T) {
	t.Parallel()
	_, rep := demoReport(t)
	var b bytes.Buffer
	if err := WriteCheck(&b, rep, "junit", ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	var suites junitSuites
	if err := xml.Unmarshal(b.Bytes(), &suites); err != nil {
		t.Fatal(err)
	}
	testkit.Equal(t, "tests", suites.Tests, len(rep.Results))
	testkit.Equal(t, "failures", suites.Failures, rep.Summary.Failed)
}

func TestCheckDemo(t *testing.T) {
	t.Parallel()
	_, rep := demoReport(t)
	got := map[string]analysis.Status{}
	for _, r := range rep.Results {
		got[r.Rule+" "+r.Name] = r.Status
	}
	for _, tc := range []struct {
		key  string
		want analysis.Status
	}{
		{"privilege-escalation privilege-escalation passrole-compute", analysis.StatusFail},
		{"public-access public-access aws_s3_bucket_policy.assets#PublicRead", analysis.StatusFail},
		{"assert web reads assets", analysis.StatusPass},
		{"assert deployer cannot write assets", analysis.StatusPass},
		{"only role passing", analysis.StatusPass},
		{"deny_new no new permissions management", analysis.StatusPass},
	} {
		testkit.Equal(t, tc.key, got[tc.key], tc.want)
	}
	testkit.Equal(t, "verdict", rep.Summary.Verdict, analysis.VerdictFail)
}

func TestSuppressionAndSeverity(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("..", "..", "..", "examples", "plans", "pr-gate")
	a := analyzeFile(t, filepath.Join(dir, "plan.json"), "111122223333")
	cfg, err := analysis.ParseConfig("x.hcl", []byte(`
suppress {
  finding = "public-access"
  address = "aws_s3_bucket_policy.*"
  reason  = "a public website bucket"
}
severity "privilege-escalation" { level = "warning" }
`))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := a.Check(analysis.CheckOptions{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	testkit.Equal(t, "verdict", rep.Summary.Verdict, analysis.VerdictPass)
	testkit.Equal(t, "suppressed", rep.Summary.Suppressed, 1)
	testkit.Equal(t, "warnings", rep.Summary.Warnings, 1)
}

func TestCollapse(t *testing.T) {
	t.Parallel()
	var cs []analysis.AccessChange
	for i := 0; i < collapseAbove+1; i++ {
		cs = append(cs, analysis.AccessChange{Kind: analysis.Gained, Service: string(rune('a' + i)), AccessLevel: "Read", Actions: []string{string(rune('a'+i)) + ":Get"}, Resources: []string{"*"}})
	}
	cs = append(cs, analysis.AccessChange{Kind: analysis.Lost, Service: "s3", AccessLevel: "Write", Actions: []string{"s3:PutObject"}, Resources: []string{"b"}})
	out := collapse(cs)
	testkit.Equal(t, "lines", len(out), 2)
	testkit.Equal(t, "service", out[0].Service, "13 services")
	testkit.Equal(t, "actions", len(out[0].Actions), 13)
	testkit.Equal(t, "kept", out[1].Service, "s3")
	testkit.Equal(t, "merge", strings.Join(mergeSorted([]string{"*", "a", "c"}, []string{"b", "c"}), ","), "*,a,b,c")
}
