package iammodel

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// The fixtures are real `terraform show -json` plans made offline with the
// hashicorp/aws 5.100.0 provider from testdata/fixtures/<case>/main.tf by
// scripts/make-fixtures.sh. They are modelled with the account id the HCL
// uses (the offline provider cannot look it up).
const fixtureAccount = "111122223333"

// fixtureExpect: the after-side summary of each fixture, checked by hand
// against its main.tf and plan.json.
var fixtureExpect = []struct {
	name string
	want []string
}{
	{"boundaries", []string{
		// the boundary's ARN is unknown at plan time: reached through the
		// reference aws_iam_policy.boundary.arn
		"role aws_iam_role.dev id=1 unk=0 pb=known scp=0 rcp=0",
		// boundary outside the plan: unknown, never "none"
		"user aws_iam_user.contractor id=1 unk=0 pb=unknown scp=0 rcp=0",
		// AWS managed boundary and attachment, no resolver given
		"user aws_iam_user.intern id=1 unk=1 pb=unknown scp=0 rcp=0",
	}},
	{"cross_account", []string{
		"role aws_iam_role.partner_access id=1 unk=1 pb=- scp=0 rcp=0",
		"res ecr aws_ecr_repository.images known",
		"res kms aws_kms_key.private known", // default key policy
		"res kms aws_kms_key.shared known",
		"res lambda aws_lambda_permission.partner_invoke known", // two permissions on a function outside the plan
		"res s3 aws_s3_bucket.shared known",
		"res secretsmanager aws_secretsmanager_secret.token known",
		"res sns aws_sns_topic.events known",
		"res sqs aws_sqs_queue.inbox known",
	}},
	{"deferred_documents", []string{
		"role aws_iam_role.writer id=2 unk=2 pb=- scp=0 rcp=0",
		"res s3 aws_s3_bucket.logs unknown",
		"doc data.aws_iam_policy_document.bucket known=false",
		"doc data.aws_iam_policy_document.write_logs known=false",
		"doc data.aws_iam_policy_document.trust known=true",
	}},
	{"module_for_each", []string{
		// managed_policy_arns: PowerUserAccess (no resolver) + a customer policy outside the plan
		`role module.team["blue"].aws_iam_role.ci id=2 unk=2 pb=- scp=0 rcp=0`,
		// group inline + group attachment (ReadOnlyAccess) + membership of legacy-admins (outside)
		`user module.team["blue"].aws_iam_user.member["cy"] id=3 unk=2 pb=- scp=0 rcp=0`,
		`role module.team["red"].aws_iam_role.ci id=2 unk=2 pb=- scp=0 rcp=0`,
		`user module.team["red"].aws_iam_user.member["ann"] id=3 unk=2 pb=- scp=0 rcp=0`,
		`user module.team["red"].aws_iam_user.member["bo"] id=3 unk=2 pb=- scp=0 rcp=0`,
	}},
	{"org_scp_rcp", []string{
		// SCP levels: root (deny_leave), the prod OU's (target unknown), the account's
		"role aws_iam_role.app id=1 unk=1 pb=- scp=3 rcp=2",
		"org SERVICE_CONTROL_POLICY aws_organizations_policy.deny_leave targets=1 known",
		"org SERVICE_CONTROL_POLICY aws_organizations_policy.no_s3_delete targets=1 known",
		"org RESOURCE_CONTROL_POLICY aws_organizations_policy.rcp_tls targets=1 known",
		"org SERVICE_CONTROL_POLICY aws_organizations_policy.regions targets=1 known",
	}},
	{"kms_grants_tags", []string{
		// the key's document holds its three grants (kms_grants.go); the
		// dump lists them and the tagged tables and bucket
		"role aws_iam_role.app id=1 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.auditor id=0 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.batch id=0 unk=0 pb=- scp=0 rcp=0",
		"res kms aws_kms_key.data known",
		"res s3 aws_s3_bucket.reports none",
	}},
	{"updates_deletes", []string{
		// app_ro (ReadOnlyAccess) is deleted: the role's stale computed
		// managed_policy_arns does not bring it back
		"role aws_iam_role.app id=1 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.new id=1 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.renamed id=0 unk=0 pb=- scp=0 rcp=0",
		"user aws_iam_user.alice id=1 unk=0 pb=- scp=0 rcp=0",
		"res sqs aws_sqs_queue_policy.ext known",
	}},
}

func TestFixtureModels(t *testing.T) {
	t.Parallel()
	for _, tc := range fixtureExpect {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b, a, d := loadModel(t, testkit.FixturePlan(tc.name), ModelOptions{AccountID: fixtureAccount})
			if got := summary(a); !slices.Equal(got, tc.want) {
				t.Errorf("after model:\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(tc.want, "\n      "))
			}
			testkit.Golden(t, testkit.Path("fixtures", tc.name, "model.txt"), dumpAll(b, a, d))
		})
	}
}

func TestFixtureUpdatesDeletesBefore(t *testing.T) {
	t.Parallel()
	before, after, _ := loadModel(t, testkit.FixturePlan("updates_deletes"), ModelOptions{})
	// the account comes from the prior state's ARNs
	if before.Account.Value != fixtureAccount || after.Account.Value != fixtureAccount {
		t.Errorf("account = %s / %s", before.Account, after.Account)
	}
	want := []string{
		"role aws_iam_role.app id=2 unk=1 pb=- scp=0 rcp=0", // policy app + ReadOnlyAccess
		"role aws_iam_role.old id=1 unk=0 pb=- scp=0 rcp=0", // deleted after
		"role aws_iam_role.renamed id=0 unk=0 pb=- scp=0 rcp=0",
		"user aws_iam_user.alice id=1 unk=0 pb=- scp=0 rcp=0",
		"user aws_iam_user.bob id=0 unk=0 pb=- scp=0 rcp=0", // deleted after
		"res sqs aws_sqs_queue_policy.ext known",
	}
	if got := summary(before); !slices.Equal(got, want) {
		t.Errorf("before model:\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(want, "\n      "))
	}
	// the replaced role changes name, so its ARN changes
	if b, a := before.Identity("aws_iam_role.renamed").ARN.Value, after.Identity("aws_iam_role.renamed").ARN.Value; b != "arn:aws:iam::111122223333:role/worker" || a != "arn:aws:iam::111122223333:role/worker-v2" {
		t.Errorf("renamed ARN %s -> %s", b, a)
	}
	// the updated managed policy has the new document after, the old before
	pb := before.PolicySetFor(before.Identity("aws_iam_role.app")).Identity[0]
	pa := after.PolicySetFor(after.Identity("aws_iam_role.app")).Identity[0]
	if strings.Contains(string(pb.JSON), "PutObject") || !strings.Contains(string(pa.JSON), "PutObject") {
		t.Errorf("policy app before %s after %s", pb.JSON, pa.JSON)
	}
	if rp := after.ResourcePolicyFor("arn:aws:sqs:us-east-1:111122223333:jobs"); rp == nil || rp.InPlan || !strings.Contains(string(rp.Doc.JSON), "ReceiveMessage") {
		t.Errorf("queue policy after = %+v", rp)
	}
}

func TestFixtureCrossAccountDocuments(t *testing.T) {
	t.Parallel()
	_, after, _ := loadModel(t, testkit.FixturePlan("cross_account"), ModelOptions{AccountID: fixtureAccount})
	// The lambda permissions' source_arn is aws_s3_bucket.shared.arn, unknown
	// at plan time and synthesised from the bucket name.
	rp := after.ResourcePolicyFor("arn:aws:lambda:us-east-1:111122223333:function:partner-hook")
	if rp == nil || rp.Doc == nil || rp.Doc.Unknown != nil {
		t.Fatalf("function policy = %+v", rp)
	}
	var doc struct{ Statement []map[string]any }
	if err := json.Unmarshal(rp.Doc.JSON, &doc); err != nil || len(doc.Statement) != 2 {
		t.Fatalf("%s: %v", rp.Doc.JSON, err)
	}
	if !strings.Contains(string(rp.Doc.JSON), `"AWS:SourceArn":"arn:aws:s3:::shared-data-111122223333"`) {
		t.Errorf("source ARN not resolved: %s", rp.Doc.JSON)
	}
	key := after.ResourceByAddress("aws_kms_key.private")
	if !key.DefaultKeyPolicy || !strings.Contains(string(key.Doc.JSON), "arn:aws:iam::111122223333:root") {
		t.Errorf("default key policy = %s", key.Doc.JSON)
	}
	trust := after.ResourcePolicyFor("arn:aws:iam::111122223333:role/partners/partner-access")
	if trust == nil || !strings.Contains(string(trust.Doc.JSON), "arn:aws:iam::444455556666:root") {
		t.Errorf("trust = %+v", trust)
	}
	// without the account id the default key policy cannot be written
	_, noacct, _ := loadModel(t, testkit.FixturePlan("cross_account"), ModelOptions{})
	if d := noacct.ResourceByAddress("aws_kms_key.private").Doc; d == nil || d.Unknown == nil {
		t.Errorf("default key policy without account = %+v", d)
	}
}

func TestFixtureManagedResolver(t *testing.T) {
	t.Parallel()
	resolve := func(arn string) ([]byte, bool) {
		if strings.HasPrefix(arn, "arn:aws:iam::aws:policy/") {
			return []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`), true
		}
		return nil, false
	}
	_, after, _ := loadModel(t, testkit.FixturePlan("boundaries"), ModelOptions{AccountID: fixtureAccount, ManagedPolicies: resolve})
	set := after.PolicySetFor(after.Identity("aws_iam_user.intern"))
	if len(set.Identity) != 1 || set.Identity[0].Unknown != nil || len(set.Boundaries) != 1 || set.Boundaries[0].Unknown != nil {
		t.Errorf("intern = %+v", set)
	}
}
