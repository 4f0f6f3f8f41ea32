package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// TestAccExamples applies every example of the documentation, so that the
// examples stay correct.
func TestAccExamples(t *testing.T) {
	t.Parallel()
	// Only the tfplugindocs folders: examples/webapp and examples/plans are
	// modules of their own that need the AWS provider (scripts/webapp-test.sh,
	// make demo).
	var files []string
	for _, pattern := range []string{
		"../../examples/provider/*.tf",
		"../../examples/data-sources/*/*.tf",
		"../../examples/resources/*/*.tf",
		"../../examples/functions/*/*.tf",
	} {
		matches, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, matches...)
	}
	if len(files) < 7 {
		t.Fatalf("found %d example files, want at least 7", len(files))
	}
	for _, file := range files {
		rel, _ := filepath.Rel("../../examples", file)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			t.Parallel()
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			cfg := string(b)
			if !strings.Contains(cfg, "required_providers") {
				cfg = config(cfg)
			}
			unitTest(t, resource.TestStep{Config: cfg})
		})
	}
}
