package analysis

import (
	"path/filepath"
	"sort"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// gtCheckCounts are the check results of one fixture that the ground truth
// compares: definite (pass or fail) on the plan, and on the state.
type gtCheckCounts struct {
	planDefinite, stateDefinite int
}

// gtCheck runs `check` on the plan (with source) and on the state, with no
// config and with each config file of the fixture (planscan.hcl,
// *.planscan.hcl). Every result the plan gives as pass or fail must be a
// result of the state with the same status, matched by rule, name,
// principal and address (resources by address: their ARNs differ where the
// plan had unknowns). deny_new is left out: on a state nothing is new.
func gtCheck(t *testing.T, fixture string, plan, state *Analysis) gtCheckCounts {
	t.Helper()
	configs := []string{""}
	for _, pat := range []string{"planscan.hcl", "*.planscan.hcl"} {
		m, _ := filepath.Glob(testkit.Path("fixtures", fixture, pat))
		configs = append(configs, m...)
	}
	var c gtCheckCounts
	for _, cf := range configs {
		var cfg *Config
		if cf != "" {
			var err error
			if cfg, err = LoadConfig(cf); err != nil {
				t.Fatal(err)
			}
		}
		name := filepath.Base(cf)
		if cf == "" {
			name = "built-in findings"
		}
		pr, err := plan.Check(CheckOptions{Config: cfg, Plan: "plan.json"})
		if err != nil {
			t.Fatalf("%s: check on the plan: %v", name, err)
		}
		sr, err := state.Check(CheckOptions{Config: cfg, Plan: "state.json"})
		if err != nil {
			t.Fatalf("%s: check on the state: %v", name, err)
		}
		have := map[string]map[Status]bool{}
		for _, r := range sr.Results {
			if r.Rule == "deny_new" {
				continue
			}
			k := gtResultKey(r)
			if have[k] == nil {
				have[k] = map[Status]bool{}
			}
			have[k][r.Status] = true
			if r.Status == StatusPass || r.Status == StatusFail {
				c.stateDefinite++
			}
		}
		var missing []string
		for _, r := range pr.Results {
			if r.Rule == "deny_new" || r.Status != StatusPass && r.Status != StatusFail {
				continue
			}
			c.planDefinite++
			if k := gtResultKey(r); !have[k][r.Status] {
				missing = append(missing, string(r.Status)+" "+k+": "+r.Message)
			}
		}
		sort.Strings(missing)
		for _, m := range missing {
			t.Errorf("%s: the plan says %s; the state after apply has no such result", name, m)
		}
	}
	return c
}

func gtResultKey(r CheckResult) string {
	return r.Rule + " | " + r.Name + " | " + r.Principal + " | " + r.Address
}
