package iammodel

import (
	"os"
	"path/filepath"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// The provider_accounts fixture (a real plan, made against Moto's STS:
// scripts/make-fixtures.sh) places each resource in its provider
// configuration's account (issue 8): aws.tools names 111122223333 with a
// constant allowed_account_ids; aws.prod assumes a role of 444455556666
// whose role_arn is an expression (only the source tells it); the default
// configuration names no account.
func TestProviderAccountsFixture(t *testing.T) {
	t.Parallel()
	src, _ := tfconfig.Load(testkit.Path("fixtures", "provider_accounts"))
	if src == nil {
		t.Fatal("no source")
	}
	unknown := "?"
	for _, tc := range []struct {
		name   string
		source *tfconfig.Config
		option string
		want   map[string]string // address -> account ("?" unknown)
	}{
		{"plan alone", nil, "", map[string]string{
			"aws_iam_role.deployer": "111122223333", "aws_iam_role.reader": unknown,
			"aws_iam_role.unplaced": unknown, "aws_kms_key.prod": unknown,
			"module.data.aws_s3_bucket.this": unknown,
		}},
		{"with source", src, "", map[string]string{
			"aws_iam_role.deployer": "111122223333", "aws_iam_role.reader": "444455556666",
			"aws_iam_role.unplaced": unknown, "aws_kms_key.prod": "444455556666",
			"module.data.aws_s3_bucket.this": "444455556666",
		}},
		// --account-id is the default configuration's account only: the
		// alias aws.prod that names none (plan alone) stays unknown
		{"option", nil, "999988887777", map[string]string{
			"aws_iam_role.deployer": "111122223333", "aws_iam_role.reader": unknown,
			"aws_iam_role.unplaced": "999988887777",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, after, _ := loadModel(t, testkit.FixturePlan("provider_accounts"), ModelOptions{Source: tc.source, AccountID: tc.option})
			got := map[string]string{}
			for _, id := range after.Principals() {
				got[id.Address] = accountText(id.Account)
			}
			for _, rp := range after.ResourcePolicies {
				got[rp.Address] = accountText(rp.Account)
			}
			for addr, want := range tc.want {
				testkit.Equal(t, addr, got[addr], want)
			}
		})
	}
}

func accountText(s tfplan.Str) string {
	if !s.Known() {
		return "?"
	}
	return s.Value
}

// A new KMS key's ARN keeps the known prefix of its provider's region and
// account, the key id chosen by KMS unknown (PT-4); the reader role's ARN
// is synthesised in the prod account.
func TestProviderAccountsARNs(t *testing.T) {
	t.Parallel()
	src, _ := tfconfig.Load(testkit.Path("fixtures", "provider_accounts"))
	_, after, _ := loadModel(t, testkit.FixturePlan("provider_accounts"), ModelOptions{Source: src})
	key := after.ResourceByAddress("aws_kms_key.prod")
	if key == nil || key.ARN.Known() {
		t.Fatalf("key = %+v, want an unknown ARN", key)
	}
	testkit.Equal(t, "key ARN prefix", key.ARN.Unknown.Prefix, "arn:aws:kms:us-east-1:444455556666:key/")
	testkit.Equal(t, "reader ARN", after.Identity("aws_iam_role.reader").ARN.Value, "arn:aws:iam::444455556666:role/reader")
	testkit.Equal(t, "deployer ARN", after.Identity("aws_iam_role.deployer").ARN.Value, "arn:aws:iam::111122223333:role/deployer")
	testkit.Equal(t, "unplaced ARN known", after.Identity("aws_iam_role.unplaced").ARN.Known(), false)
}

// assume_role { role_arn } and allowed_account_ids as constants of the
// plan's configuration: each configuration's own account, read without
// source.
func TestProviderAccountsConstants(t *testing.T) {
	t.Parallel()
	plan, err := tfplan.Load(testkit.FixturePlan("provider_accounts"))
	if err != nil {
		t.Fatal(err)
	}
	prod := plan.Config.ProviderConfigs["aws.prod"]
	prod.Expressions["assume_role"] = &tfjson.Expression{ExpressionData: &tfjson.ExpressionData{NestedBlocks: []map[string]*tfjson.Expression{
		{"role_arn": {ExpressionData: &tfjson.ExpressionData{ConstantValue: "arn:aws:iam::444455556666:role/terraform"}}},
	}}}
	_, after, diags, err := BuildModel(plan, ModelOptions{})
	if err != nil {
		t.Fatal(err)
	}
	testkit.Equal(t, "reader", accountText(after.Identity("aws_iam_role.reader").Account), "444455556666")
	found := false
	for _, d := range diags {
		if d.Summary == "provider aws.prod: account id 444455556666 taken from assume_role of provider aws.prod" {
			found = true
		}
	}
	testkit.Equal(t, "diagnostic names the source", found, true)
}

// A plan that creates the organization manages it from the account of the
// organization's provider configuration: its management account, whose
// principals no SCP or RCP restricts (EV-5: "SCPs don't affect users or
// roles in the management account"). The model says so as an assumption;
// with the account unknown nothing is assumed (PT-6).
func TestOrgCreatedManagementAccount(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, option string
		mgmt         bool
	}{
		{"account known", "111122223333", true},
		{"account unknown", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, after, _ := loadModel(t, testkit.FixturePlan("org_created"), ModelOptions{AccountID: tc.option})
			admin := after.Identity("aws_iam_role.admin")
			testkit.Equal(t, "principal in the management account", after.PrincipalOf(admin).ManagementAccount, tc.mgmt)
			testkit.Equal(t, "assumption stated", after.Org.Assumption != "", tc.mgmt)
		})
	}
}

// One provider configuration whose account is an expression: the plan's
// configuration holds no constant, the source tells it (issue 8).
func TestSingleProviderAccountFromSource(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	main := `locals { acct = "444455556666" }
provider "aws" {
  region              = "eu-west-1"
  allowed_account_ids = [local.acct]
}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = "{}"
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(main), 0o600); err != nil {
		t.Fatal(err)
	}
	src, _ := tfconfig.Load(dir)
	plan := &tfjson.Plan{
		FormatVersion: "1.2",
		ResourceChanges: []*tfjson.ResourceChange{{
			Address: "aws_iam_role.r", Mode: tfjson.ManagedResourceMode, Type: "aws_iam_role", Name: "r",
			Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionCreate}, After: map[string]any{"name": "r", "path": "/", "assume_role_policy": "{}"},
				AfterUnknown: map[string]any{"arn": true, "id": true, "unique_id": true}},
		}},
		Config: &tfjson.Config{
			ProviderConfigs: map[string]*tfjson.ProviderConfig{"aws": {Name: "aws", Expressions: map[string]*tfjson.Expression{
				"allowed_account_ids": {ExpressionData: &tfjson.ExpressionData{References: []string{"local.acct"}}},
			}}},
			RootModule: &tfjson.ConfigModule{Resources: []*tfjson.ConfigResource{{Address: "aws_iam_role.r", Mode: tfjson.ManagedResourceMode, Type: "aws_iam_role", Name: "r", ProviderConfigKey: "aws"}}},
		},
	}
	for _, tc := range []struct {
		name   string
		source *tfconfig.Config
		want   string
	}{
		{"plan alone", nil, "?"},
		{"with source", src, "arn:aws:iam::444455556666:role/r"},
	} {
		_, after, _, err := BuildModel(plan, ModelOptions{Source: tc.source})
		if err != nil {
			t.Fatal(err)
		}
		got := after.Identity("aws_iam_role.r").ARN
		text := "?"
		if got.Known() {
			text = got.Value
		}
		testkit.Equal(t, tc.name, text, tc.want)
	}
}
