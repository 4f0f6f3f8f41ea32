package analysis

import (
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// Issue 14: a policy's Resource "arn:aws:s3:::" (bucket name empty, in a
// public Checkov plan) crashed buildTargets; the corpus golden of that plan
// covers the whole path.
func TestResourceTypeWord(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ res, want string }{
		{"role/app", "role"},
		{"key:abc", "key"},
		{"bucket", "bucket"},
		{"", ""},
		{"/", ""},
		{":/:", ""},
	} {
		testkit.Equal(t, tc.res, resourceTypeWord(tc.res), tc.want)
	}
}
