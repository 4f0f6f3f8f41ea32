package tfconfig

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// TestStatement: a matched statement (policy address and Sid, or 1-based
// index) found in the source: a statement block of the document the
// policy names, a jsonencode statement object; nothing when the source
// does not write it so.
func TestStatement(t *testing.T) {
	t.Parallel()
	web, _ := Load(filepath.Dir(testkit.FixturePlan("webapp_source")))
	esc, _ := Load(filepath.Dir(testkit.FixturePlan("escalation_two_hop")))
	tf, _ := Load(filepath.Join("..", "..", "..", "cmd", "planscan", "testdata", "validate_tf"))
	cases := []struct {
		cfg          *Config
		address, sid string
		want         string
	}{
		{web, "aws_iam_role_policy.web", "ReadAssets", "main.tf:66:3"},
		{web, "data.aws_iam_policy_document.web", "Orders", "main.tf:71:3"},
		{web, "aws_s3_bucket_policy.assets", "DenyInsecureTransport", "main.tf:95:3"},
		{web, "aws_iam_role_policy.web", "2", "main.tf:66:3"}, // by index
		{web, "aws_iam_role_policy.web", "Nope", ""},
		{web, "aws_iam_role_policy.worker", "2", "main.tf:141:7"}, // jsonencode, by index
		{web, "aws_iam_role_policy.worker", "3", ""},
		{esc, "aws_iam_role_policy.deployer", "2", "main.tf:73:7"},
		{esc, "aws_iam_user_policy.dev", "1", "main.tf:30:18"},
		{tf, "aws_iam_role_policy.heredoc", "1", ""}, // a heredoc
		{web, "aws_iam_role.nobody", "1", ""},
		{web, "arn:aws:iam::aws:policy/ReadOnlyAccess", "1", ""},
	}
	for _, c := range cases {
		t.Run(c.address+"#"+c.sid, func(t *testing.T) {
			t.Parallel()
			r, ok := c.cfg.Statement(c.address, c.sid)
			got := ""
			if ok {
				got = fmt.Sprintf("%s:%d:%d", filepath.Base(r.Filename), r.Start.Line, r.Start.Column)
			}
			if got != c.want {
				t.Errorf("Statement(%s, %s) = %q, want %q", c.address, c.sid, got, c.want)
			}
		})
	}
}
