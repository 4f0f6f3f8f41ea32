package tfconfig

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// FuzzSource: any source text (native or JSON syntax) loads and evaluates
// without a panic; problems are diagnostics.
func FuzzSource(f *testing.F) {
	for _, p := range []string{"webapp_source", "deferred_documents", "module_for_each"} {
		if b, err := os.ReadFile(filepath.Join("..", "testdata", "fixtures", p, "main.tf")); err == nil {
			f.Add(b, false)
		}
	}
	f.Add([]byte(`{"resource":{"aws_iam_policy":{"p":{"policy":"${jsonencode({a=1})}"}}}}`), true)
	f.Add([]byte("locals { a = local.b\n b = local.a }\nresource \"aws_iam_policy\" \"p\" { policy = local.a }"), false)
	f.Add([]byte("data \"aws_iam_policy_document\" \"d\" {\n dynamic \"statement\" {\n for_each = [1]\n content { actions = [\"*\"] }\n }\n}"), false)
	f.Fuzz(func(t *testing.T, src []byte, isJSON bool) {
		dir := t.TempDir()
		name := "main.tf"
		if isJSON {
			name = "main.tf.json"
		}
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o600); err != nil {
			t.Fatal(err)
		}
		cfg, _ := Load(dir)
		if cfg == nil {
			return
		}
		cfg.Match(&tfjson.Plan{})
		for _, p := range cfg.InlinePolicies(filepath.Join(dir, name)) {
			for _, ptr := range []string{"", "/Statement/0/Effect", "/Statement/x/y", "/Version"} {
				if l, _ := p.Position(ptr, 1, 1); l <= 0 {
					t.Errorf("%s: position line %d for %q", p.Address, l, ptr)
				}
			}
		}
		var insts []*tfplan.Instance
		for _, r := range cfg.Root.Resources {
			insts = append(insts, &tfplan.Instance{Key: tfplan.InstanceKey{Mode: tfjson.ResourceMode(r.Mode), Type: r.Type, Name: r.Name},
				Address: r.Type + "." + r.Name, Values: map[string]any{}, AfterUnknown: map[string]any{"policy": true, "json": true}})
		}
		e := cfg.Evaluator(&tfjson.Plan{}, tfplan.NewResolver(tfplan.After, insts), Options{})
		for _, in := range insts {
			for _, a := range []string{"policy", "json"} {
				if rb, ok := e.Policy(in, a); ok && strings.TrimSpace(rb.JSON) == "" && rb.File == "" {
					t.Errorf("rebuilt a document without a location")
				}
			}
		}
	})
}

// FuzzIgnoreComments: any source text's comments, and any comment text,
// read as planscan:ignore directives without a panic; a directive that
// is applied has a rule, a reason and a position.
func FuzzIgnoreComments(f *testing.F) {
	f.Add([]byte("# planscan:ignore public-access reason=\"x\" expires=2027-03-31\nresource \"a\" \"b\" {}\n"))
	f.Add([]byte("resource \"a\" \"b\" {\n  // planscan:ignore r reason=\"\\\"\"\n}\n"))
	f.Add([]byte("/* planscan:ignore r reason=y */ resource \"a\" \"b\" {}"))
	f.Add([]byte("# planscan:ignore r reason=\"unterminated\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		_, _, _ = ParseIgnore(string(src))
		r := &Resource{}
		for _, d := range inlineSuppressions(src, "main.tf", []span{{res: r, head: 2, last: 3}}) {
			if d.File != "main.tf" || d.Line <= 0 {
				t.Errorf("a diagnostic without file and line: %v", d)
			}
		}
		for _, s := range r.Suppressions {
			if s.Rule == "" || s.Reason == "" || s.Line <= 0 {
				t.Errorf("applied an incomplete suppression: %+v", s)
			}
		}
	})
}
