package evaluator

import (
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

// AC-4: "did you mean" for unknown actions and services, from the reference data.
func TestValidateSuggestions(t *testing.T) {
	t.Parallel()
	opts := Options{Catalog: iamdata.Default().Engine()}
	stmt := func(action, resource string) []byte {
		return []byte(pol(`{"Effect":"Allow","Action":` + action + `,"Resource":` + resource + `}`))
	}
	tests := []struct {
		name   string
		doc    []byte
		code   string // finding code that must (or must not) be present
		want   bool
		substr string
	}{
		// AC-4: [AA] "Invalid action" with the nearest names from the data.
		{"did you mean an action", stmt(`"s3:GetObjekt"`, `"*"`), "AC-4", true, "did you mean s3:GetObject"},
		{"did you mean a service", stmt(`"s33:GetObject"`, `"*"`), "AC-4", true, "did you mean s3:GetObject"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got *Finding
			fs := Validate(tt.doc, PolicyIdentity, opts)
			for i := range fs {
				if fs[i].Code == tt.code {
					got = &fs[i]
				}
			}
			if (got != nil) != tt.want {
				t.Fatalf("finding %s present = %v, want %v: %v", tt.code, got != nil, tt.want, fs)
			}
			if got != nil && !strings.Contains(got.Message, tt.substr) {
				t.Errorf("message %q lacks %q", got.Message, tt.substr)
			}
		})
	}
}
