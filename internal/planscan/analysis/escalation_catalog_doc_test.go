package analysis

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// TestEscalationCatalogDocument: the table of doc/planscan/escalation.md is
// the catalog (regenerate with go test -update).
func TestEscalationCatalogDocument(t *testing.T) {
	t.Parallel()
	path := filepath.Join("..", "..", "..", "doc", "planscan", "escalation.md")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- catalog:begin (generated from EscalationCatalog: go test ./internal/planscan/analysis -run CatalogDocument -update) -->\n", "<!-- catalog:end -->"
	doc := string(raw)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s: no catalog markers", path)
	}
	want := EscalationCatalogMarkdown()
	if got := doc[i+len(begin) : j]; got != want {
		if *testkit.Update {
			if err := os.WriteFile(path, []byte(doc[:i+len(begin)]+want+doc[j:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("%s is out of date with the catalog (go test -run CatalogDocument -update):\n%s", path, testkit.FirstDiff(got, want))
	}
	if n := strings.Count(want, "\n| `"); n != len(EscalationCatalog) {
		t.Errorf("%d rows for %d techniques", n, len(EscalationCatalog))
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("a catalog of %d escalation techniques", len(EscalationCatalog)); !strings.Contains(strings.Join(strings.Fields(string(readme)), " "), want) {
		t.Errorf("README.md does not say %q", want)
	}
	// the document and the README say all 21 Rhino Security Labs methods
	// are covered
	refs := map[string]bool{}
	for _, tech := range EscalationCatalog {
		for _, r := range tech.Refs {
			refs[r] = true
		}
	}
	for n := 1; n <= 21; n++ {
		if !refs[fmt.Sprintf("rhino:%d", n)] {
			t.Errorf("Rhino Security Labs method %d is cited by no technique", n)
		}
	}
}
