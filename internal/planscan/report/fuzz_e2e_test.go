package report

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// FuzzEndToEnd (issue 14): load -> model -> analyse -> check with a config
// -> diff -> every report format never panics, whatever the plan and the
// config. Input errors are fine; a malformed plan must be an error that
// wraps a sentinel of tfplan, never a panic or a silent pass.
//
//	go test ./internal/planscan/report -run '^$' -fuzz FuzzEndToEnd -fuzztime 5m
func FuzzEndToEnd(f *testing.F) {
	demo := filepath.Join("..", "..", "..", "examples", "plans", "pr-gate")
	cfg, _ := os.ReadFile(filepath.Join(demo, "planscan.hcl"))
	// Small seeds only: go's fuzzer reports an input that takes more than
	// about 10 s (instrumented, on a busy machine) as a hung worker.
	seeds := []string{testkit.Path("fixtures", "boundaries", "plan.json"), filepath.Join(demo, "plan.json"),
		testkit.Path("fixtures", "mfa_assume_chain", "state.json"), // a state (issue 8)
		testkit.Path("corpus", "bridgecrewio__checkov__tests_terraform_checks_data_aws_example_GithubActionsOIDCTrustPolicy_tfplan.json")}
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data, cfg)
		}
	}
	f.Add([]byte(`{"format_version":"1.2","resource_changes":[]}`), []byte(`trusted_accounts = [[[["1"]]]]`))
	f.Fuzz(func(t *testing.T, plan, config []byte) {
		if len(plan) > 1<<16 || len(config) > 1<<14 {
			return
		}
		p, info, err := tfplan.LoadBytesWith("plan.json", plan, tfplan.LoadOptions{AllowErrored: true})
		if err != nil {
			var le *tfplan.LoadError
			if !errors.As(err, &le) {
				t.Fatalf("load error without a location: %v", err)
			}
			return
		}
		a, err := analysis.Analyze(p, analysis.AnalyzeOptions{AccountID: "111122223333", Errored: info.Errored})
		if err != nil {
			if !errors.Is(err, tfplan.ErrMalformed) {
				t.Fatalf("model error that is not ErrMalformed: %v", err)
			}
			return
		}
		c, err := analysis.ParseConfig("planscan.hcl", config)
		if err != nil {
			c = nil // config errors are reported by the loader; check without one
		}
		rep, err := a.Check(analysis.CheckOptions{Config: c, Plan: "plan.json"})
		if err != nil {
			return // e.g. an assert naming a principal the plan lacks
		}
		d := a.Diff()
		for _, format := range SupportedFormats() {
			var b bytes.Buffer
			if err := WriteCheck(&b, rep, format, ReportOptions{Plan: "plan.json"}); err != nil {
				t.Fatalf("check %s: %v", format, err)
			}
			if err := WriteDiff(&b, d, format, ReportOptions{Plan: "plan.json"}); err != nil {
				t.Fatalf("diff %s: %v", format, err)
			}
		}
	})
}
