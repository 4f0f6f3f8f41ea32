package tfconfig

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// policyAttrs are the policy-bearing attributes the self-check compares.
var policyAttrs = map[string][]string{
	"aws_iam_policy": {"policy"}, "aws_iam_role": {"assume_role_policy"}, "aws_iam_role_policy": {"policy"},
	"aws_iam_user_policy": {"policy"}, "aws_iam_group_policy": {"policy"}, "aws_s3_bucket_policy": {"policy"},
	"aws_kms_key": {"policy"}, "aws_sqs_queue_policy": {"policy"}, "aws_sns_topic_policy": {"policy"},
	"aws_organizations_policy": {"content"}, "aws_ecr_repository_policy": {"policy"},
	"aws_secretsmanager_secret_policy": {"policy"},
}

// TestRendererMatchesProvider: for every policy document of the real
// fixtures whose value the plan knows, the document rebuilt from the source
// equals the provider's, statements and lists compared as sets (AWS reads
// them so).
func TestRendererMatchesProvider(t *testing.T) {
	t.Parallel()
	plans, _ := filepath.Glob(testkit.Path("fixtures", "*", "plan.json"))
	if len(plans) == 0 {
		t.Fatal("no fixtures")
	}
	total := 0
	for _, p := range plans {
		dir := filepath.Dir(p)
		plan, err := tfplan.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		cfg, diags := Load(dir)
		if cfg == nil || len(diags) > 0 {
			t.Fatalf("%s: %v", dir, diags)
		}
		if ok, why := cfg.Match(plan); !ok {
			t.Fatalf("%s: source does not match: %s", dir, why)
		}
		insts := tfplan.CollectInstances(plan, tfplan.After, tfplan.NewConfigIndex(plan.Config), &tfplan.Problems{})
		e := cfg.Evaluator(plan, tfplan.NewResolver(tfplan.After, insts), Options{})
		for _, in := range insts {
			attrs := policyAttrs[in.Key.Type]
			if in.Key.Mode == tfjson.DataResourceMode {
				attrs = nil
				if in.Key.Type == "aws_iam_policy_document" {
					attrs = []string{"json", "minified_json"}
				}
			}
			for _, a := range attrs {
				want, ok := in.Values[a].(string)
				if !ok || want == "" || tfplan.IsUnknown(tfplan.UnknownAtKey(in.AfterUnknown, a)) {
					continue
				}
				total++
				got, ok := e.Policy(in, a)
				if !ok {
					t.Errorf("%s: %s.%s: not rebuilt (%v)", filepath.Base(dir), in.Address, a, e.Diagnostics())
					continue
				}
				if !reflect.DeepEqual(canonical(t, got.JSON), canonical(t, want)) {
					t.Errorf("%s: %s.%s:\nrebuilt  %s\nprovider %s", filepath.Base(dir), in.Address, a, got.JSON, want)
				}
				if in.Key.Type == "aws_iam_policy_document" && got.JSON != want {
					t.Errorf("%s: %s.%s: same document, different text:\nrebuilt  %q\nprovider %q", filepath.Base(dir), in.Address, a, got.JSON, want)
				}
			}
		}
	}
	if total < 10 {
		t.Errorf("only %d known documents compared", total)
	}
	t.Logf("%d known documents rebuilt and compared", total)
}

// canonical decodes a policy and sorts what AWS reads as sets: statements,
// and string lists (Action, Resource, principals, condition values); a
// one-element list equals its string.
func canonical(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%v: %s", err, s)
	}
	return canon(v)
}

func canon(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = canon(e)
		}
		return out
	case []any:
		if len(x) == 1 {
			if s, ok := x[0].(string); ok {
				return s
			}
		}
		out := make([]any, len(x))
		keys := make([]string, len(x))
		for i, e := range x {
			out[i] = canon(e)
			b, _ := json.Marshal(out[i])
			keys[i] = string(b)
		}
		sort.Sort(byKey{out, keys})
		return out
	}
	return v
}

type byKey struct {
	v []any
	k []string
}

func (b byKey) Len() int           { return len(b.v) }
func (b byKey) Less(i, j int) bool { return b.k[i] < b.k[j] }
func (b byKey) Swap(i, j int) {
	b.v[i], b.v[j] = b.v[j], b.v[i]
	b.k[i], b.k[j] = b.k[j], b.k[i]
}
