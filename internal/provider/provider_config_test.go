package provider

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

func TestAccProvider_overrides(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	actions := filepath.Join(dir, "actions.json")
	managed := filepath.Join(dir, "managed.json")
	writeFile(t, actions, `{"actions": [{"name": "s3:PutObjectVault", "accessLevel": "Write", "resourceTypes": ["object"]}]}`)
	writeFile(t, managed, `{"policies": [{"arn": "arn:aws:iam::aws:policy/ExampleNewPolicy", "version": "v2",
	  "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObjectVault", "Resource": "*"}]}}]}`)
	unitTest(t, resource.TestStep{
		Config: config(`
provider "iamsim" {
  account_id                = "111122223333"
  actions_override          = "` + filepath.ToSlash(actions) + `"
  managed_policies_override = "` + filepath.ToSlash(managed) + `"
}
data "iamsim_decision" "test" {
  principal_arn       = "role/archiver"
  action_names        = ["s3:PutObjectVault"]
  resource_arns       = ["arn:aws:s3:::vault/a"]
  managed_policy_arns = ["ExampleNewPolicy"]
}
data "iamsim_aws_managed_policy" "test" {
  name = "ExampleNewPolicy"
}
`),
		Check: resource.ComposeAggregateTestCheckFunc(
			resource.TestCheckResourceAttr("data.iamsim_decision.test", "results.0.decision", "allowed"),
			resource.TestCheckResourceAttr("data.iamsim_aws_managed_policy.test", "version", "v2"),
		),
	})
}

func TestAccProvider_badConfiguration(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		provider string
		want     string
	}{
		"missing override file": {`actions_override = "/nonexistent/actions.json"`, `Cannot Read Override File`},
		"bad account id":        {`account_id = "12345"`, `12-digit`},
		"bad partition":         {`partition = "aws-mars"`, `value must be one of`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			unitTest(t, resource.TestStep{
				Config: config(`
provider "iamsim" {
  ` + tc.provider + `
}
data "iamsim_aws_managed_policy" "test" {
  name = "ReadOnlyAccess"
}
`),
				ExpectError: regexp.MustCompile(tc.want),
			})
		})
	}
}

func TestAccProvider_badOverrideContent(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "managed.json")
	writeFile(t, file, `{"policies": [{"arn": "not-an-arn"}]}`)
	unitTest(t, resource.TestStep{
		Config: config(`
provider "iamsim" {
  managed_policies_override = "` + filepath.ToSlash(file) + `"
}
data "iamsim_aws_managed_policy" "test" {
  name = "ReadOnlyAccess"
}
`),
		ExpectError: regexp.MustCompile(`Invalid Override File`),
	})
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(strings.TrimSpace(content)), 0o600); err != nil {
		t.Fatal(err)
	}
}
