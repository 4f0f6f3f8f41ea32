package tfconfig

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestInlinePolicies: the policy documents of cmd/planscan's validate_tf
// files, each with the type its attribute holds, where it sits, and
// whether the source alone gives its value.
func TestInlinePolicies(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("..", "..", "..", "cmd", "planscan", "testdata", "validate_tf")
	cfg, diags := Load(dir)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	cases := []struct {
		file string
		want []string
	}{
		{"main.tf", []string{
			"aws_iam_policy.broken.policy identity main.tf:15 known",
			"aws_iam_role_policy.heredoc.policy identity main.tf:29 known",
			"aws_iam_role.app.assume_role_policy trust main.tf:41 known", // at the document it names
			"aws_s3_bucket_policy.site.policy resource main.tf:71 skipped",
		}},
		{"good.tf", []string{
			"aws_iam_policy.read.policy identity good.tf:3 known",
			"aws_organizations_policy.deny_leave.content scp good.tf:18 known",
		}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, p := range cfg.InlinePolicies(filepath.Join(dir, c.file)) {
				state := "known"
				if p.JSON == "" {
					state = "skipped"
				}
				got = append(got, fmt.Sprintf("%s.%s %s %s:%d %s", p.Address, p.Attr, p.Type, filepath.Base(p.File), p.Line, state))
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestInlinePosition: a finding's JSON pointer leads into the jsonencode
// object, the heredoc line or the statement block that wrote it.
func TestInlinePosition(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("..", "..", "..", "cmd", "planscan", "testdata", "validate_tf")
	cfg, _ := Load(dir)
	byAddr := map[string]InlinePolicy{}
	for _, p := range cfg.InlinePolicies(filepath.Join(dir, "main.tf")) {
		byAddr[p.Address] = p
	}
	cases := []struct {
		address, pointer string
		jsonLine, want   int
	}{
		{"aws_iam_policy.broken", "/Statement/0/Effect", 1, 18},
		{"aws_iam_policy.broken", "/Statement/0/Condition", 1, 17}, // not written: the statement
		{"aws_iam_policy.broken", "/Statement/7", 1, 17},           // out of range: the list
		{"aws_iam_policy.broken", "", 1, 15},
		{"aws_iam_role_policy.heredoc", "/Statement/0", 4, 33},
		{"aws_iam_role.app", "/Statement/1/Resource", 1, 51},
		{"aws_iam_role.app", "/Statement/0/Principal", 1, 44},
		{"aws_iam_role.app", "/Version", 1, 41},
	}
	for _, c := range cases {
		p, ok := byAddr[c.address]
		if !ok {
			t.Fatalf("no %s", c.address)
		}
		if got, _ := p.Position(c.pointer, c.jsonLine, 1); got != c.want {
			t.Errorf("%s %q: line %d, want %d", c.address, c.pointer, got, c.want)
		}
	}
}
