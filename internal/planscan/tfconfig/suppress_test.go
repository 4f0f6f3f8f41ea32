package tfconfig

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseIgnore(t *testing.T) {
	t.Parallel()
	cases := []struct {
		comment, want string
	}{
		{`# planscan:ignore public-access reason="static site, SEC-1" expires=2027-03-31`, `public-access "static site, SEC-1" 2027-03-31`},
		{`// planscan:ignore admin-equivalent reason="break-glass role"`, `admin-equivalent "break-glass role" -`},
		{"/* planscan:ignore escalation-path reason=reviewed */", `escalation-path "reviewed" -`},
		{"#planscan:ignore a* reason=\"quote \\\" inside\"\n", `a* "quote \" inside" -`},
		{"# a comment", "-"},
		{"# planscan:ignored x reason=y", "-"},
		{"# see planscan:ignore x", "-"},
		{"# planscan:ignore public-access", "!public-access: a reason is required"},
		{`# planscan:ignore public-access reason=""`, "!public-access: a reason is required"},
		{"# planscan:ignore", "!needs a rule id"},
		{`# planscan:ignore reason="x"`, "!needs a rule id"},
		{`# planscan:ignore r reason="x" expires=31/03/2027`, `!expires "31/03/2027" is not a date`},
		{`# planscan:ignore r reason="x" until=2027-03-31`, `!unknown field "until"`},
		{`# planscan:ignore r reason="x" reason="y"`, "!reason given twice"},
		{`# planscan:ignore r reason="x`, "!reason: unterminated"},
		{`# planscan:ignore r because`, `!want key=value, not "because"`},
	}
	for _, c := range cases {
		t.Run(c.comment, func(t *testing.T) {
			t.Parallel()
			s, ok, err := ParseIgnore(c.comment)
			got := "-"
			switch {
			case err != nil:
				got = "!" + err.Error()
			case ok:
				exp := "-"
				if !s.Expires.IsZero() {
					exp = s.Expires.Format("2006-01-02")
				}
				got = fmt.Sprintf("%s %q %s", s.Rule, s.Reason, exp)
			}
			if !strings.Contains(got, strings.TrimPrefix(c.want, "!")) || strings.HasPrefix(got, "!") != strings.HasPrefix(c.want, "!") || c.want == "-" && got != "-" {
				t.Errorf("ParseIgnore(%q) = %s, want %s", c.comment, got, c.want)
			}
		})
	}
}

// TestInlineSuppressions: a directive belongs to the block it is inside
// or directly above (comment lines only in between); anything else is a
// warning naming file:line and is not applied.
func TestInlineSuppressions(t *testing.T) {
	t.Parallel()
	src := `# planscan:ignore admin-equivalent reason="break glass" expires=2027-03-31
// the admin role
resource "aws_iam_role" "admin" {
  name = "admin" # planscan:ignore escalation-path reason="inside"
}

# planscan:ignore public-access reason="detached by a blank line"

resource "aws_s3_bucket_policy" "site" {
  /* planscan:ignore public-access reason="static site" */
  bucket = "site"
}

locals {
  # planscan:ignore x reason="in locals"
  a = 1
}

# planscan:ignore public-access
data "aws_iam_policy_document" "d" {}

module "m" {
  source = "./nowhere"
}
`
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, diags := Load(dir)
	var got []string
	for _, s := range cfg.AllSuppressions() {
		got = append(got, fmt.Sprintf("%s:%d %s %s", filepath.Base(s.File), s.Line, s.Rule, s.Reason))
	}
	want := []string{"main.tf:1 admin-equivalent break glass", "main.tf:4 escalation-path inside", "main.tf:10 public-access static site"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("suppressions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var warned []string
	for _, d := range diags {
		if strings.Contains(d.Summary, ignoreDirective) {
			warned = append(warned, fmt.Sprintf("%s:%d", filepath.Base(d.File), d.Line))
		}
	}
	if strings.Join(warned, " ") != "main.tf:7 main.tf:15 main.tf:19" {
		t.Errorf("warnings at %v, want main.tf:7 main.tf:15 main.tf:19 (%v)", warned, diags)
	}
	if n := len(cfg.Suppressions("aws_iam_role.admin[0]")); n != 2 {
		t.Errorf("aws_iam_role.admin[0]: %d suppressions, want 2 (instances share their block's)", n)
	}
	if n := len(cfg.Suppressions("aws_iam_role.other")); n != 0 {
		t.Errorf("aws_iam_role.other: %d suppressions", n)
	}
}
