package report

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// Goldens of planscan check with the gate configurations that a fixture
// carries beside its main.tf (<form>.planscan.hcl): issue 13's three forms
// of the same only block on the group_terminators plan (`*`, an instance
// pattern, a concrete instance ARN). Checked by hand: in every form the web
// role (ec2:TerminateInstances on arn:aws:ec2:*:*:instance/*) is the one
// violator, and alice, bob, carol and dave (the developers group) are not;
// with literal("*") the web role is not seen (RS-0).
func TestGateConfigGolden(t *testing.T) {
	t.Parallel()
	configs, _ := filepath.Glob(testkit.Path("fixtures", "*", "*.planscan.hcl"))
	if len(configs) == 0 {
		t.Fatal("no gate configurations under testdata/fixtures")
	}
	for _, cfgPath := range configs {
		fixture := filepath.Base(filepath.Dir(cfgPath))
		form := strings.TrimSuffix(filepath.Base(cfgPath), ".planscan.hcl")
		t.Run(fixture+"/"+form, func(t *testing.T) {
			t.Parallel()
			a := analyzeFile(t, filepath.Join(filepath.Dir(cfgPath), "plan.json"), "111122223333")
			cfg, err := analysis.LoadConfig(cfgPath)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := a.Check(analysis.CheckOptions{Config: cfg, Plan: "plan.json"})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := WriteCheck(&b, rep, "text", ReportOptions{Plan: "plan.json", Version: "test"}); err != nil {
				t.Fatal(err)
			}
			out := strings.ReplaceAll(b.String(), filepath.ToSlash(filepath.Dir(cfgPath))+"/", "")
			testkit.Golden(t, testkit.Path("golden", "fixture_"+fixture+"."+form+".check.txt"), out)
		})
	}
}
