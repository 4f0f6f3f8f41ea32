package analysis

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 14: a planscan.hcl nested 100,000 levels deep overflowed hcl's
// parser; it is refused before parsing, with its position.
func TestConfigDepthLimit(t *testing.T) {
	t.Parallel()
	deep := func(open, close string, n int) string {
		return "trusted_accounts = " + strings.Repeat(open, n) + strings.Repeat(close, n) + "\n"
	}
	for _, tc := range []struct {
		name, src string
		refused   bool
	}{
		{"brackets 100000", deep("[", "]", 100000), true},
		{"parens 100000", deep("(", ")", 100000), true},
		{"braces 65", deep("{", "}", 65), true},
		{"brackets 60", deep("[", "]", 60), false},
		{"interpolations", `x = "` + strings.Repeat("${\"", 100) + strings.Repeat("\"}", 100) + `"` + "\n", true},
		{"unary run", "fail_on_unknown = " + strings.Repeat("!", 100000) + "true\n", true},
		{"brackets in a string", `x = "` + strings.Repeat("[", 1000) + `"` + "\n", false},
		{"brackets in a comment", "# " + strings.Repeat("[", 1000) + "\n// " + strings.Repeat("(", 1000) + "\n/* " + strings.Repeat("{", 1000) + " */\n", false},
		{"brackets in a heredoc", "x = <<EOT\n" + strings.Repeat("[", 1000) + "\nEOT\ny = 1\n", false},
		{"dashes in a heredoc", "x = <<-EOT\n" + strings.Repeat("-", 1000) + "\n  EOT\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseConfig("planscan.hcl", []byte(tc.src))
			var ce *ConfigError
			isDepth := errors.As(err, &ce) && strings.Contains(err.Error(), "nested deeper than")
			if isDepth != tc.refused {
				t.Fatalf("refused = %v, want %v (err: %v)", isDepth, tc.refused, err)
			}
			if isDepth && !strings.HasPrefix(err.Error(), "planscan.hcl:1:") {
				t.Errorf("error without position: %v", err)
			}
		})
	}
}

func TestConfigSizeLimit(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "planscan.hcl")
	if err := os.WriteFile(p, []byte("# "+strings.Repeat("x", MaxConfigSize)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadConfig(p); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("got %v, want a size error", err)
	}
	if _, err := LoadConfig(t.TempDir()); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Fatalf("directory: got %v", err)
	}
}
