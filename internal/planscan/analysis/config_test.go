package analysis

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

func TestParseConfig(t *testing.T) {
	t.Parallel()
	src := `
trusted_accounts = ["444455556666"]
fail_on_unknown  = true
assert "web reads" {
  principals = [aws_iam_role.web, "arn:aws:iam::111122223333:user/alice", module.app.aws_iam_user.u["bob"]]
  actions    = ["s3:GetObject"]
  resources  = ["${aws_s3_bucket.assets.arn}/*", aws_s3_bucket.logs.arn, "$${literal}"]
  context    = { "aws:SourceIp" = "10.0.0.1", "aws:TagKeys" = ["a", "b"] }
  expect     = "allowed"
}
only "pass" {
  principals = [aws_iam_role.deployer]
  actions    = ["iam:PassRole"]
  resources  = ["*"]
}
deny_new "pm" { access_levels = ["permissions management"] }
severity "unknown-account" { level = "error" }
suppress {
  finding = "public-access"
  address = "aws_s3_bucket_policy.site"
  reason  = "static website"
}
`
	c, err := ParseConfig("planscan.hcl", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	testkit.Equal(t, "trusted", strings.Join(c.TrustedAccounts, ","), "444455556666")
	testkit.Equal(t, "fail_on_unknown", c.FailOnUnknown, true)
	a := c.Asserts[0]
	testkit.Equal(t, "principals", strings.Join(a.Principals, " "), `aws_iam_role.web arn:aws:iam::111122223333:user/alice module.app.aws_iam_user.u["bob"]`)
	testkit.Equal(t, "resources", strings.Join(a.Resources, " "), "${aws_s3_bucket.assets.arn}/* ${aws_s3_bucket.logs.arn} ${literal}")
	testkit.Equal(t, "context", strings.Join(a.ContextPairs(), " "), "aws:SourceIp=10.0.0.1 aws:TagKeys=a aws:TagKeys=b")
	testkit.Equal(t, "pos", a.Pos, "planscan.hcl:4:1")
	testkit.Equal(t, "only", c.Only[0].Principals[0], "aws_iam_role.deployer")
	testkit.Equal(t, "deny_new level", c.DenyNew[0].AccessLevels[0], "Permissions management")
	testkit.Equal(t, "severity", c.Severities["unknown-account"], LevelError)
	testkit.Equal(t, "suppress", c.Suppressions[0].Reason, "static website")
}

func TestParseConfigErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, src, want string
	}{
		{"syntax", "assert \"x\" {\n  principals = [\n", "planscan.hcl:3:1"},
		{"unknown block", "nope {}\n", "planscan.hcl:1:1"},
		{"missing expect", "assert \"x\" {\n  principals = [\"a\"]\n  actions = [\"s3:GetObject\"]\n  resources = [\"*\"]\n}\n", "planscan.hcl:1:12: Missing required argument"},
		{"bad expect", "assert \"x\" {\n  principals = [\"a\"]\n  actions = [\"s3:GetObject\"]\n  resources = [\"*\"]\n  expect = \"maybe\"\n}\n", `planscan.hcl:5:12: expect = "maybe": want one of allowed, denied, explicitDeny, implicitDeny`},
		{"bad account", "trusted_accounts = [\"12\"]\n", `planscan.hcl:1:20: trusted_accounts: "12" is not a 12-digit account id`},
		{"suppress without reason", "suppress {\n  finding = \"x\"\n  reason = \" \"\n}\n", "planscan.hcl:3:12: a suppression needs a reason"},
		{"deny_new empty", "deny_new \"d\" {}\n", `planscan.hcl:1:1: deny_new "d" needs access_levels or actions`},
		{"bad level", "deny_new \"d\" { access_levels = [\"Admin\"] }\n", "planscan.hcl:1:32: access_levels: unknown access level"},
		{"duplicate", "only \"a\" {\n principals=[\"x\"]\n actions=[\"a:b\"]\n resources=[\"*\"]\n}\nonly \"a\" {\n principals=[\"x\"]\n actions=[\"a:b\"]\n resources=[\"*\"]\n}\n", `planscan.hcl:6:6: duplicate only block "a" (first at planscan.hcl:1:1)`},
		{"function call", "trusted_accounts = [upper(\"x\")]\n", "planscan.hcl:1:21: want a string"},
		// issue 13: the forms of principals outside the plan, checked where they are written
		{"bad account principal", "only \"a\" {\n principals = [aws_iam_role.x, \"account:12\"]\n actions=[\"a:b\"]\n resources=[\"*\"]\n}\n",
			`planscan.hcl:2:32: principal "account:12": want account:<12-digit account id>`},
		{"bad organization id", "only \"a\" {\n principals = [\"organization:o-12\"]\n actions=[\"a:b\"]\n resources=[\"*\"]\n}\n",
			`planscan.hcl:2:16: principal "organization:o-12": want organization:o-<10 to 32 lower-case letters or digits>`},
		{"upper-case organization id", "assert \"a\" {\n principals = [\"organization:o-A1B2C3D4E5\"]\n actions=[\"a:b\"]\n resources=[\"*\"]\n expect=\"denied\"\n}\n",
			`planscan.hcl:2:16: principal "organization:o-A1B2C3D4E5"`},
		{"bad ou id", "deny_new \"d\" {\n actions = [\"s3:*\"]\n principals = [\"ou:ou-1\"]\n}\n",
			`planscan.hcl:3:16: principal "ou:ou-1": want ou:ou-<root part>-<8 to 32 letters or digits> (an OU id) or ou:o-.../r-.../ou-...`},
		{"ou path without its root", "deny_new \"d\" {\n actions = [\"s3:*\"]\n principals = [\"ou:o-a1b2c3d4e5/ou-ab12-11111111\"]\n}\n",
			`planscan.hcl:3:16: principal "ou:o-a1b2c3d4e5/ou-ab12-11111111"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseConfig("planscan.hcl", []byte(tc.src))
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want a ConfigError", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not contain %q", err.Error(), tc.want)
			}
		})
	}
}

func FuzzParseConfig(f *testing.F) {
	f.Add([]byte("trusted_accounts = [\"111122223333\"]\nassert \"a\" {\n principals = [aws_iam_role.x]\n actions = [\"s3:*\"]\n resources = [\"${aws_s3_bucket.b.arn}/*\"]\n expect = \"denied\"\n context = { k = \"v\" }\n}\n"))
	f.Add([]byte("suppress {\n finding = \"a\"\n reason = \"b\"\n}\nseverity \"x\" { level = \"note\" }\n"))
	f.Add([]byte("deny_new \"d\" { access_levels = [\"Write\"]\n actions = [\"iam:*\"] }\n"))
	f.Add([]byte("only \"o\" {\n principals = [\"organization\", \"organization:o-a1b2c3d4e5\", \"ou:o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/\"]\n actions = [\"s3:GetObject\"]\n resources = [\"*\"]\n}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := ParseConfig("fuzz.hcl", src)
		if (c == nil) == (err == nil) {
			t.Fatalf("config %v and error %v", c, err)
		}
		if err != nil && err.Error() == "" {
			t.Fatal("empty error message")
		}
	})
}
