package planscan

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"
)

func demoReport(t *testing.T) (*Analysis, *CheckReport) {
	t.Helper()
	dir := filepath.Join("..", "..", "examples", "plans", "pr-gate")
	a := analyzeFile(t, filepath.Join(dir, "plan.json"), "111122223333")
	cfg, err := LoadConfig(filepath.Join(dir, "planscan.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := a.Check(CheckOptions{Config: cfg, Plan: "plan.json"})
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
		equal(t, "version", log["version"], any("2.1.0"))
		runs, _ := log["runs"].([]any)
		if len(runs) != 1 {
			t.Fatalf("runs = %v", log["runs"])
		}
		run := runs[0].(map[string]any)
		driver := run["tool"].(map[string]any)["driver"].(map[string]any)
		equal(t, "driver.name", driver["name"], any("planscan"))
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
	equal(t, "tests", suites.Tests, len(rep.Results))
	equal(t, "failures", suites.Failures, rep.Summary.Failed)
}

func TestCheckDemo(t *testing.T) {
	t.Parallel()
	_, rep := demoReport(t)
	got := map[string]Status{}
	for _, r := range rep.Results {
		got[r.Rule+" "+r.Name] = r.Status
	}
	for _, tc := range []struct {
		key  string
		want Status
	}{
		{"privilege-escalation privilege-escalation passrole-compute", StatusFail},
		{"public-access public-access aws_s3_bucket_policy.assets#PublicRead", StatusFail},
		{"assert web reads assets", StatusPass},
		{"assert deployer cannot write assets", StatusPass},
		{"only role passing", StatusPass},
		{"deny_new no new permissions management", StatusPass},
	} {
		equal(t, tc.key, got[tc.key], tc.want)
	}
	equal(t, "exit", rep.Summary.ExitCode, ExitFail)
}

func TestSuppressionAndSeverity(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("..", "..", "examples", "plans", "pr-gate")
	a := analyzeFile(t, filepath.Join(dir, "plan.json"), "111122223333")
	cfg, err := ParseConfig("x.hcl", []byte(`
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
	rep, err := a.Check(CheckOptions{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "exit", rep.Summary.ExitCode, ExitPass)
	equal(t, "suppressed", rep.Summary.Suppressed, 1)
	equal(t, "warnings", rep.Summary.Warnings, 1)
}

// PT-8: a change between unknown and a definite decision is its own kind.
func TestChangeKinds(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		b, a string
		want ChangeKind
		ok   bool
	}{
		{"implicitDeny", "allowed", Gained, true},
		{"explicitDeny", "allowed", Gained, true},
		{"allowed", "implicitDeny", Lost, true},
		{"implicitDeny", "unknown", BecameUnknown, true},
		{"allowed", "unknown", BecameUnknown, true},
		{"unknown", "allowed", Resolved, true},
		{"unknown", "explicitDeny", Resolved, true},
		{"implicitDeny", "explicitDeny", "", false},
		{"unknown", "error", "", false},
	} {
		k, ok := changeKind(decision(tc.b), decision(tc.a))
		equal(t, tc.b+"->"+tc.a, k, tc.want)
		equal(t, tc.b+"->"+tc.a+" changed", ok, tc.ok)
	}
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name          string
		results       []CheckResult
		failOnUnknown bool
		want          int
	}{
		{"nothing", nil, false, ExitPass},
		{"error fails", []CheckResult{{Status: StatusFail, Level: LevelError}}, false, ExitFail},
		{"warning passes", []CheckResult{{Status: StatusFail, Level: LevelWarning}}, false, ExitPass},
		{"unknown passes", []CheckResult{{Status: StatusUnknown, Level: LevelError}}, false, ExitPass},
		{"unknown blocks", []CheckResult{{Status: StatusUnknown, Level: LevelError}}, true, ExitUnknown},
		{"fail beats unknown", []CheckResult{{Status: StatusUnknown, Level: LevelError}, {Status: StatusFail, Level: LevelError}}, true, ExitFail},
		{"suppressed", []CheckResult{{Status: StatusSuppressed, Level: LevelError}}, true, ExitPass},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rep := &CheckReport{Results: tc.results}
			rep.finish(tc.failOnUnknown)
			equal(t, "exit", rep.Summary.ExitCode, tc.want)
		})
	}
}

func TestCollapse(t *testing.T) {
	t.Parallel()
	var cs []AccessChange
	for i := 0; i < collapseAbove+1; i++ {
		cs = append(cs, AccessChange{Kind: Gained, Service: string(rune('a' + i)), AccessLevel: "Read", Actions: []string{string(rune('a'+i)) + ":Get"}, Resources: []string{"*"}})
	}
	cs = append(cs, AccessChange{Kind: Lost, Service: "s3", AccessLevel: "Write", Actions: []string{"s3:PutObject"}, Resources: []string{"b"}})
	out := collapse(cs)
	equal(t, "lines", len(out), 2)
	equal(t, "service", out[0].Service, "13 services")
	equal(t, "actions", len(out[0].Actions), 13)
	equal(t, "kept", out[1].Service, "s3")
	equal(t, "merge", strings.Join(mergeSorted([]string{"*", "a", "c"}, []string{"b", "c"}), ","), "*,a,b,c")
}
