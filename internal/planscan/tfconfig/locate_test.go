package tfconfig

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

func TestParseAddress(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in, want string
	}{
		{"aws_iam_role.web", "[] managed.aws_iam_role.web"},
		{"aws_iam_role.web[0]", "[] managed.aws_iam_role.web"},
		{`aws_iam_role.web["a b"]`, "[] managed.aws_iam_role.web"},
		{"data.aws_iam_policy_document.d", "[] data.aws_iam_policy_document.d"},
		{`module.team["dev"].aws_iam_user.member["ann"]`, "[team] managed.aws_iam_user.member"},
		{"module.a.module.b[1].data.t.n", "[a b] data.t.n"},
		{"aws_iam_role", "!"},
		{"aws_iam_role.web.arn", "!"},
		{"module.a", "!"},
		{"arn:aws:iam::111122223333:role/x", "!"},
		{"aws_iam_role[0].web", "!"},
		{"", "!"},
		{`aws_iam_role.web[true]`, "!"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			t.Parallel()
			calls, key, ok := parseAddress(c.in)
			got := "!"
			if ok {
				got = fmt.Sprintf("%v %s", calls, key)
			}
			if got != c.want {
				t.Errorf("parseAddress(%q) = %s, want %s", c.in, got, c.want)
			}
		})
	}
}

// TestLocate: addresses of the root module, of a local module with
// for_each (instances share their block's line), and of a module installed
// under .terraform (located at its module call).
func TestLocate(t *testing.T) {
	t.Parallel()
	web, _ := Load(filepath.Dir(testkit.FixturePlan("webapp_source")))
	team, _ := Load(filepath.Dir(testkit.FixturePlan("module_for_each")))
	dir := t.TempDir()
	write := func(p, s string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("main.tf", "\n\nmodule \"reg\" {\n  source = \"example/x/aws\"\n}\n")
	write(".terraform/modules/modules.json", `{"Modules":[{"Key":"reg","Dir":".terraform/modules/reg"}]}`)
	write(".terraform/modules/reg/main.tf", "resource \"aws_iam_role\" \"r\" {}\n")
	reg, diags := Load(dir)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	cases := []struct {
		cfg     *Config
		address string
		want    string
	}{
		{web, "aws_iam_role.web", "main.tf:55:1-30"},
		{web, "data.aws_iam_policy_document.assets", "main.tf:85:1-40"},
		{web, "aws_iam_role.nobody", ""},
		{team, `module.team["dev"].aws_iam_user.member["ann"]`, "team/main.tf:4:1-33"},
		{team, `module.team["ops"].aws_iam_role.ci`, "team/main.tf:45:1-29"},
		{team, `module.nope.aws_iam_role.ci`, ""},
		{reg, "module.reg.aws_iam_role.r", "main.tf:3:1-13"},
		{nil, "aws_iam_role.web", ""},
	}
	for _, c := range cases {
		t.Run(c.address, func(t *testing.T) {
			t.Parallel()
			r, ok := c.cfg.Locate(c.address)
			got := ""
			if ok {
				got = fmt.Sprintf("%s:%d:%d-%d", filepath.Base(r.Filename), r.Start.Line, r.Start.Column, r.End.Column)
				if d := filepath.Base(filepath.Dir(r.Filename)); d == "team" {
					got = d + "/" + got
				}
			}
			if got != c.want {
				t.Errorf("Locate(%q) = %q, want %q", c.address, got, c.want)
			}
		})
	}
}
