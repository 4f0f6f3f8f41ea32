package iammodel

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// corpusExpect is the after-side model of every corpus plan, checked by
// hand against the plan JSON (resource_changes and configuration): the
// principals with their identity policy count, how many of those are
// unknown, the boundary; resource policies; org policies; policy documents.
// Notes on the less obvious lines:
//   - NYARAS: the attachment names the AWS managed AmazonEC2ContainerRegistryReadOnly,
//     unknown without a ManagedPolicyResolver.
//   - androzo tfplan: the boundary comes from a module output
//     (module.iam_permission_boundary.policy_arn -> aws_iam_policy.boundary.arn).
//   - identity_policies: aws_iam_role.example has two inline_policy blocks;
//     aws_iam_role_policy.test_policy's role is unknown in change.after and found
//     through its reference aws_iam_role.test_role.id; the group has no members.
//   - kms key_rotation: keys without a policy get the default key policy, unknown
//     here because the plan does not tell the account.
//   - public_access: aws_sns_topic_policy.default names a us-east-2 topic as a
//     constant, not the plan's topic: a resource outside the plan.
//   - GithubActionsOIDCTrustPolicy: four roles with one inline policy each (their
//     Resource "arn:aws:s3:::" once crashed the access matrix); the trust documents
//     are read during apply (after_unknown json), so unknown.
//   - plan_with_iam_data_block / resource_view_01: the bucket policy comes from a
//     deferred aws_iam_policy_document, so it is unknown.
var corpusExpect = []struct {
	file string
	want []string
}{
	{"NYARAS__demo-terraform-devsecops__tfplan.json", []string{
		"role aws_iam_role.main id=1 unk=1 pb=- scp=0 rcp=0",
	}},
	{"androzo__aws-validation__removingtfplan.json", []string{
		"role aws_iam_role.deployment_role id=1 unk=0 pb=known scp=0 rcp=0",
	}},
	{"androzo__aws-validation__tfplan.json", []string{
		"role aws_iam_role.deployment_role id=1 unk=0 pb=known scp=0 rcp=0",
	}},
	{"awslabs__terraform-iam-policy-validator__iam_check_test_iam_policy_test_plan.json", []string{
		"doc data.aws_iam_policy_document.demo_policy known=true",
	}},
	{"awslabs__terraform-iam-policy-validator__iam_check_test_identity_policies_test_plan.json", []string{
		"role aws_iam_role.example id=2 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.test_role id=1 unk=0 pb=- scp=0 rcp=0",
		"user aws_iam_user.lb id=1 unk=0 pb=- scp=0 rcp=0",
		"doc data.aws_iam_policy_document.inline_policy known=true",
		"doc data.aws_iam_policy_document.instance_assume_role_policy known=true",
	}},
	{"awslabs__terraform-iam-policy-validator__iam_check_test_multiple_policies_test_plan.json", []string{
		"user aws_iam_user.lb id=1 unk=0 pb=- scp=0 rcp=0",
		"res s3 aws_s3_bucket.example known",
		"doc data.aws_iam_policy_document.allow_access_from_another_account known=true",
	}},
	{"awslabs__terraform-iam-policy-validator__iam_check_test_no_access_granted_test_plan.json", []string{
		"user aws_iam_user.lb id=0 unk=0 pb=- scp=0 rcp=0",
		"res s3 aws_s3_bucket.example known",
		"res s3 aws_s3_bucket.other known",
		"doc data.aws_iam_policy_document.allow_access_from_another_account known=true",
		"doc data.aws_iam_policy_document.allow_put_access_from_other_account known=true",
	}},
	{"awslabs__terraform-iam-policy-validator__iam_check_test_role_inline_assume_policy_test_plan.json", []string{
		"role aws_iam_role.test_role id=1 unk=0 pb=- scp=0 rcp=0",
	}},
	{"bridgecrewio__checkov__tests_common_runner_registry_plan_with_hcl_for_enrichment_tfplan.json", []string{
		"res s3 aws_s3_bucket.test-bucket1 none",
	}},
	{"bridgecrewio__checkov__tests_terraform_checks_data_aws_example_GithubActionsOIDCTrustPolicy_tfplan.json", []string{
		"role module.poc.aws_iam_role.r1[\"p1\"] id=1 unk=0 pb=- scp=0 rcp=0",
		"role module.poc.aws_iam_role.r1[\"p2\"] id=1 unk=0 pb=- scp=0 rcp=0",
		"role module.poc.aws_iam_role.r6[\"p1\"] id=1 unk=0 pb=- scp=0 rcp=0",
		"role module.poc.aws_iam_role.r6[\"p2\"] id=1 unk=0 pb=- scp=0 rcp=0",
		"doc module.poc.data.aws_iam_policy_document.r4[\"p1\"] known=false",
		"doc module.poc.data.aws_iam_policy_document.r4[\"p2\"] known=false",
		"doc module.poc.data.aws_iam_policy_document.r3[\"p1\"] known=false",
		"doc module.poc.data.aws_iam_policy_document.r3[\"p2\"] known=false",
	}},
	{"bridgecrewio__checkov__tests_terraform_image_referencer_resources_aws_codebuild_tfplan.json", []string{
		"role aws_iam_role.example id=0 unk=0 pb=- scp=0 rcp=0",
	}},
	{"bridgecrewio__checkov__tests_terraform_runner_resources_plan_with_child_modules_tfplan.json", []string{}},
	{"bridgecrewio__checkov__tests_terraform_runner_resources_plan_with_iam_data_block_tfplan.json", []string{
		"res s3 aws_s3_bucket.example unknown",
		"doc data.aws_iam_policy_document.allow_access_from_another_account known=false",
	}},
	{"bridgecrewio__checkov__tests_terraform_runner_resources_plan_with_iam_policies_tfplan.json", []string{
		"role aws_iam_role.example id=1 unk=0 pb=- scp=0 rcp=0",
		"user aws_iam_user.fail_3 id=1 unk=0 pb=- scp=0 rcp=0",
		"doc data.aws_iam_policy_document.fail_1 known=true",
	}},
	{"fugue__regula__rego_tests_examples_aws_inputs_iam_password_length_infra.json", []string{}},
	{"fugue__regula__rego_tests_lib_inputs_resource_view_01_infra.json", []string{
		"res s3 aws_s3_bucket.example unknown",
		"doc data.aws_iam_policy_document.example known=false",
	}},
	{"fugue__regula__rego_tests_lib_inputs_resource_view_02_infra.json", []string{
		"res s3 aws_s3_bucket.example none",
		"doc data.aws_iam_policy_document.example known=false",
	}},
	{"fugue__regula__rego_tests_rules_tf_aws_cloudtrail_inputs_issue355_infra.json", []string{
		"res s3 aws_s3_bucket.cloudtrail known",
		"res s3 aws_s3_bucket.logging none",
	}},
	{"fugue__regula__rego_tests_rules_tf_aws_iam_inputs_admin_policy_infra.json", []string{
		"role aws_iam_role.my_test_role id=2 unk=0 pb=- scp=0 rcp=0",
		"user aws_iam_user.my_test_user id=2 unk=0 pb=- scp=0 rcp=0",
	}},
	{"fugue__regula__rego_tests_rules_tf_aws_kms_inputs_key_rotation_infra.json", []string{
		"res kms aws_kms_key.blank-invalid unknown",
		"res kms aws_kms_key.invalid unknown",
		"res kms aws_kms_key.valid unknown",
	}},
	{"fugue__regula__rego_tests_rules_tf_aws_s3_inputs_bucketpolicy_allowlist_infra.json", []string{
		"res s3 aws_s3_bucket.allowget-external-policy known",
		"res s3 aws_s3_bucket.allowget-inline-policy known",
		"res s3 aws_s3_bucket.allowlist-external-policy known",
		"res s3 aws_s3_bucket.allowlist-inline-policy known",
		"res s3 aws_s3_bucket.denylist-external-policy known",
		"res s3 aws_s3_bucket.denylist-inline-policy known",
		"res s3 aws_s3_bucket.nopolicy-bucket none",
	}},
	{"fugue__regula__rego_tests_rules_tf_aws_vpc_inputs_flow_log_infra.json", []string{
		"role aws_iam_role.example id=1 unk=0 pb=- scp=0 rcp=0",
	}},
	{"gluehbirnenkopf__terraform-iam-policy-validator__iam_check_test_no_access_granted_test_plan.json", []string{
		"user aws_iam_user.lb id=0 unk=0 pb=- scp=0 rcp=0",
		"res s3 aws_s3_bucket.example known",
		"res s3 aws_s3_bucket.other known",
		"doc data.aws_iam_policy_document.allow_access_from_another_account known=true",
		"doc data.aws_iam_policy_document.allow_put_access_from_other_account known=true",
	}},
	{"gluehbirnenkopf__terraform-iam-policy-validator__iam_check_test_public_access_test_plan.json", []string{
		"role aws_iam_role.test_role id=0 unk=0 pb=- scp=0 rcp=0",
		"res s3 aws_s3_bucket.example known",
		"res s3 aws_s3_bucket.private_bucket known",
		"res sns aws_sns_topic.test known", // SNS sets a default topic policy
		"res sns aws_sns_topic_policy.default known",
		"doc data.aws_iam_policy_document.allow_access_from_another_account known=true",
		"doc data.aws_iam_policy_document.no_public_access_bucket_policy known=true",
		"doc data.aws_iam_policy_document.opensearch known=true",
		"doc data.aws_iam_policy_document.sns_topic_policy known=true",
	}},
	{"gluehbirnenkopf__terraform-iam-policy-validator__iam_check_test_scp_without_module_policy_size_exceeded_5187_test_plan.json", []string{
		"org SERVICE_CONTROL_POLICY aws_organizations_policy.demo_scp_long targets=0 known",
		"doc data.aws_iam_policy_document.long_policy_document known=true",
	}},
	{"gluehbirnenkopf__terraform-iam-policy-validator__iam_check_test_scp_without_module_policy_size_not_exceeded_5094_test_plan.json", []string{
		"org SERVICE_CONTROL_POLICY aws_organizations_policy.demo_scp_long targets=0 known",
		"doc data.aws_iam_policy_document.long_policy_document known=true",
	}},
	{"gluehbirnenkopf__terraform-iam-policy-validator__iam_check_test_scp_without_module_test_plan.json", []string{
		"org SERVICE_CONTROL_POLICY aws_organizations_policy.demo_scp targets=0 known",
	}},
	{"terraform-compliance__cli__tests_functional_actions_for_each_and_modules_plan.out.json", []string{
		"role aws_iam_role.test_iam_role[\"repository_1\"] id=0 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.test_iam_role[\"repository_2\"] id=0 unk=0 pb=- scp=0 rcp=0",
		"res ecr module.ecr_repository[\"repository_1\"].aws_ecr_repository.ecr_repository none",
		"res ecr module.ecr_repository[\"repository_2\"].aws_ecr_repository.ecr_repository none",
	}},
	{"terraform-compliance__cli__tests_functional_actions_modules_plan.out.json", []string{
		"role aws_iam_role.test_iam_role id=0 unk=0 pb=- scp=0 rcp=0",
		"res ecr module.ecr_repository.aws_ecr_repository.ecr_repository none",
	}},
	{"terraform-compliance__cli__tests_functional_test-it_must_be_in-affixes_plan.out.json", []string{
		"role aws_iam_role.iam_for_lambda1 id=0 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.iam_for_lambda2 id=0 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.iam_for_lambda3 id=0 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.iam_for_lambda4 id=0 unk=0 pb=- scp=0 rcp=0",
		"res lambda aws_lambda_function.test_lambda1 none",
		"res lambda aws_lambda_function.test_lambda2 none",
		"res lambda aws_lambda_function.test_lambda3 none",
		"res lambda aws_lambda_function.test_lambda4 none",
	}},
	{"terraform-compliance__cli__tests_functional_test-it_must_be_in-fail_plan.out.json", []string{
		"role aws_iam_role.iam_for_lambda1 id=0 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.iam_for_lambda2 id=0 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.iam_for_lambda3 id=0 unk=0 pb=- scp=0 rcp=0",
		"res lambda aws_lambda_function.test_lambda1 none",
		"res lambda aws_lambda_function.test_lambda2 none",
		"res lambda aws_lambda_function.test_lambda3 none",
		"res lambda aws_lambda_function.test_lambda4 none",
	}},
	{"terraform-compliance__cli__tests_functional_test-it_must_cover-fail_plan.out.json", []string{
		"role aws_iam_role.iam_for_lambda1 id=0 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.iam_for_lambda2 id=0 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.iam_for_lambda3 id=0 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.iam_for_lambda4 id=0 unk=0 pb=- scp=0 rcp=0",
		"res lambda aws_lambda_function.test_lambda1 none",
		"res lambda aws_lambda_function.test_lambda2 none",
		"res lambda aws_lambda_function.test_lambda3 none",
	}},
	{"terraform-compliance__cli__tests_functional_test-it_must_not_be_in-pass_plan.out.json", []string{
		"role aws_iam_role.iam_for_lambda1 id=0 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.iam_for_lambda2 id=0 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.iam_for_lambda3 id=0 unk=0 pb=- scp=0 rcp=0",
		"res lambda aws_lambda_function.test_lambda1 none",
		"res lambda aws_lambda_function.test_lambda2 none",
		"res lambda aws_lambda_function.test_lambda3 none",
		"res lambda aws_lambda_function.test_lambda4 none",
	}},
	{"terraform-compliance__cli__tests_functional_test-it_must_not_cover-fail_plan.out.json", []string{
		"role aws_iam_role.iam_for_lambda1 id=0 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.iam_for_lambda2 id=0 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.iam_for_lambda3 id=0 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.iam_for_lambda4 id=0 unk=0 pb=- scp=0 rcp=0",
		"res lambda aws_lambda_function.test_lambda1 none",
		"res lambda aws_lambda_function.test_lambda2 none",
		"res lambda aws_lambda_function.test_lambda3 none",
		"res lambda aws_lambda_function.test_lambda4 none",
	}},
	{"terraform-compliance__cli__tests_functional_test_issue-174_plan.out.json", []string{
		"res s3 aws_s3_bucket.b known",
		"res s3 aws_s3_bucket.c known",
	}},
	{"terraform-compliance__cli__tests_functional_test_issue-227_plan.out.json", []string{
		"role module.test.aws_iam_role.task id=0 unk=0 pb=- scp=0 rcp=0",
		"doc data.aws_iam_policy_document.ecs_assume_role known=true",
	}},
	{"terraform-compliance__cli__tests_functional_test_issue-338_plan.out.json", []string{
		"role aws_iam_role.ssm_tag_collector_role id=0 unk=0 pb=- scp=0 rcp=0",
		"res lambda aws_lambda_function.ssm_tag_collector_lambda none",
	}},
	{"terraform-compliance__cli__tests_functional_test_issue-424_plan.out.json", []string{
		"role aws_iam_role.test_iam_role[\"repository_1\"] id=0 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.test_iam_role[\"repository_2\"] id=0 unk=0 pb=- scp=0 rcp=0",
		"res ecr module.ecr_repository[\"repository_1\"].aws_ecr_repository.ecr_repository none",
		"res ecr module.ecr_repository[\"repository_2\"].aws_ecr_repository.ecr_repository none",
	}},
	{"terraform-compliance__cli__tests_functional_test_issue-456_plan.out.json", []string{
		"role aws_iam_role.test_iam_role[\"repository_1\"] id=0 unk=0 pb=- scp=0 rcp=0",
		"role aws_iam_role.test_iam_role[\"repository_2\"] id=0 unk=0 pb=- scp=0 rcp=0",
		"res ecr aws_ecr_repository.nonmodulerepository none",
		"res s3 aws_s3_bucket.nonmodulebucket none",
		"res ecr module.ecr_repository_with_count[0].aws_ecr_repository.ecr_repository none",
		"res ecr module.ecr_repository_with_count[1].aws_ecr_repository.ecr_repository none",
		"res ecr module.ecr_repository_with_count[2].aws_ecr_repository.ecr_repository none",
		"res ecr module.ecr_repository_with_for[\"repository_1\"].aws_ecr_repository.ecr_repository none",
		"res ecr module.ecr_repository_with_for[\"repository_2\"].aws_ecr_repository.ecr_repository none",
		"res ecr module.other_ecr_repository.aws_ecr_repository.ecr_repository none",
		"res ecr module.other_ecr_repository_with_count[0].aws_ecr_repository.ecr_repository none",
		"res ecr module.other_ecr_repository_with_count[1].aws_ecr_repository.ecr_repository none",
		"res ecr module.other_ecr_repository_with_count[2].aws_ecr_repository.ecr_repository none",
		"res ecr module.other_ecr_repository_with_count[3].aws_ecr_repository.ecr_repository none",
		"res ecr module.other_ecr_repository_with_count[4].aws_ecr_repository.ecr_repository none",
		"res ecr module.other_ecr_repository_with_count[5].aws_ecr_repository.ecr_repository none",
		"res ecr module.other_ecr_repository_with_count[6].aws_ecr_repository.ecr_repository none",
	}},
	{"terraform-compliance__cli__tests_functional_test_issue_796_plan.out.json", []string{
		"res lambda module.outer[0].aws_lambda_permission.example unknown",
	}},
	{"terraform-compliance__cli__tests_functional_test_non_created_module_resource_parameter_plan.out.json", []string{
		"role module.apigw_test_1.module.api_gw_log_role.aws_iam_role.default id=1 unk=0 pb=unknown scp=0 rcp=0",
		"doc module.apigw_test_1.data.aws_iam_policy_document.api_gw_logs known=true",
		"doc module.apigw_test_1.module.api_gw_log_role.data.aws_iam_policy_document.assume_role_policy known=true",
	}},
}

func TestCorpusModels(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob(testkit.Path("corpus", "*.json"))
	if len(files) != len(corpusExpect) {
		t.Errorf("%d corpus files, %d expectations", len(files), len(corpusExpect))
	}
	for _, tc := range corpusExpect {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			_, after, _ := loadModel(t, testkit.Path("corpus", tc.file), ModelOptions{})
			got := summary(after)
			if !slices.Equal(got, tc.want) {
				t.Errorf("after model:\n got: %s\nwant: %s", strings.Join(got, "\n      "), strings.Join(tc.want, "\n      "))
			}
		})
	}
}
