package iammodel

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// summary condenses a model into lines that the corpus table checks:
// principals with their policy counts, resource policies, org policies and
// policy documents.
func summary(m *Model) []string {
	var out []string
	for _, id := range m.Principals() {
		set := m.PolicySetFor(id)
		unk := 0
		for _, d := range set.Identity {
			if d.Unknown != nil {
				unk++
			}
		}
		pb := "-"
		if len(set.Boundaries) > 0 {
			pb = docState(&set.Boundaries[0])
		}
		out = append(out, fmt.Sprintf("%s %s id=%d unk=%d pb=%s scp=%d rcp=%d", id.Kind, id.Address, len(set.Identity), unk, pb, len(set.SCPs), len(set.RCPs)))
	}
	for _, rp := range m.ResourcePolicies {
		if rp.Type == evaluator.PolicyTrust {
			continue
		}
		out = append(out, fmt.Sprintf("res %s %s %s", rp.Service, rp.Address, docState(rp.Doc)))
	}
	for _, p := range m.Org.Policies {
		out = append(out, fmt.Sprintf("org %s %s targets=%d %s", p.Type, p.Address, len(p.Targets), docState(&p.Doc)))
	}
	for _, d := range m.PolicyDocuments {
		out = append(out, fmt.Sprintf("doc %s known=%t", d.Address, d.JSON.Known()))
	}
	return out
}

func docState(d *evaluator.PolicyDoc) string {
	switch {
	case d == nil:
		return "none"
	case d.Unknown != nil:
		return "unknown"
	}
	return "known"
}

func loadModel(t *testing.T, path string, opts ModelOptions) (*Model, *Model, []Diagnostic) {
	t.Helper()
	plan, err := tfplan.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	b, a, diags, err := BuildModel(plan, opts)
	if err != nil {
		t.Fatal(err)
	}
	return b, a, diags
}

func dumpAll(before, after *Model, diags []Diagnostic) string {
	var b strings.Builder
	b.WriteString("--- before\n")
	b.WriteString(before.Dump())
	b.WriteString("--- after\n")
	b.WriteString(after.Dump())
	b.WriteString("--- diagnostics\n")
	for _, d := range diags {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// TestCorpusGolden: every corpus plan loads and models; the whole model
// (both sides) matches its reviewed golden dump.
func TestCorpusGolden(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob(testkit.Path("corpus", "*.json"))
	if err != nil || len(files) < 40 {
		t.Fatalf("corpus: %d files, %v", len(files), err)
	}
	sort.Strings(files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			b, a, d := loadModel(t, f, ModelOptions{})
			testkit.Golden(t, testkit.Path("corpus", "golden", strings.TrimSuffix(filepath.Base(f), ".json")+".model.txt"), dumpAll(b, a, d))
		})
	}
}
