package evaluator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

// policyDocsIn collects every policy document a JSON value holds: objects
// with a Statement member, and strings that parse as such objects (a plan's
// policy attributes, a batch document's policies).
func policyDocsIn(v any, out *[][]byte) {
	switch x := v.(type) {
	case map[string]any:
		if _, ok := x["Statement"]; ok {
			b, _ := json.Marshal(x)
			*out = append(*out, b)
			return
		}
		for _, e := range x {
			policyDocsIn(e, out)
		}
	case []any:
		for _, e := range x {
			policyDocsIn(e, out)
		}
	case string:
		if strings.Contains(x, "Statement") && strings.HasPrefix(strings.TrimSpace(x), "{") {
			var inner any
			if json.Unmarshal([]byte(x), &inner) == nil {
				policyDocsIn(inner, out)
			}
		}
	}
}

// TestRS11Corpus: the RS-11 warning (a statement whose actions and
// resources share no resource type) on every policy of the realistic set,
// the planscan fixtures (real plans of the AWS provider), the examples and
// every AWS managed policy. None of them holds such a statement, so any
// RS-11 here is a false warning.
func TestRS11Corpus(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("validates every AWS managed policy")
	}
	var docs [][]byte
	var names []string
	add := func(name string, raw []byte) {
		var v any
		if json.Unmarshal(raw, &v) != nil {
			return
		}
		before := len(docs)
		policyDocsIn(v, &docs)
		for i := before; i < len(docs); i++ {
			names = append(names, name)
		}
	}
	add("realistic-10k", readGzip(t, "testdata/realistic-10k.json.gz"))
	for _, glob := range []string{"../planscan/testdata/fixtures/*/plan.json", "../../examples/*/*.json", "../../examples/*/*/*.json", "testdata/*.json"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			add(f, raw)
		}
	}
	cat := iamdata.Default()
	for _, n := range cat.ManagedPolicyNames() {
		mp, _ := cat.ManagedPolicy(n)
		docs = append(docs, mp.Document)
		names = append(names, "managed:"+n)
	}
	opts := Options{Catalog: cat.Engine()}
	hits := 0
	for i, d := range docs {
		for _, typ := range []PolicyType{PolicyIdentity, PolicyResource} {
			for _, f := range Validate(d, typ, opts) {
				if f.Code == "RS-11" {
					hits++
					t.Errorf("%s (%s): %s", names[i], typ, f.Message)
				}
			}
		}
	}
	t.Logf("%d documents validated, %d RS-11 warnings", len(docs), hits)
}
