package report

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/internal/testkit"
)

// corpusQueries are query questions on the real corpus plans, answered in
// the text format of `planscan query --state both` (no --account-id, as the
// check and diff goldens of the corpus). Each golden is
// testdata/golden/corpus_<plan>.query.txt; what was checked against the plan
// JSON is recorded in verifiedByHand.
type ask struct{ principal, action, resource string }

var corpusQueries = []struct {
	plan string // file name under testdata/corpus, without .json
	asks []ask
}{
	{"NYARAS__demo-terraform-devsecops__tfplan", []ask{
		{"aws_iam_role.main", "ecr:BatchGetImage", "*"},
		{"aws_iam_role.main", "ecr:PutImage", "*"},
	}},
	{"androzo__aws-validation__removingtfplan", []ask{
		{"aws_iam_role.deployment_role", "s3:ListBucket", "*"},
	}},
	{"androzo__aws-validation__tfplan", []ask{
		{"aws_iam_role.deployment_role", "s3:ListBucket", "*"},
		{"aws_iam_role.deployment_role", "iam:DeleteRole", "*"},
	}},
	{"awslabs__terraform-iam-policy-validator__iam_check_test_identity_policies_test_plan", []ask{
		{"aws_iam_role.example", "ec2:AcceptVpcPeeringConnection", "*"},
		{"aws_iam_role.example", "ec2:ApplySecurityGroupsToClientVpnTargetNetwork", "*"},
		{"aws_iam_role.test_role", "ec2:AssignPrivateIpAddresses", "*"},
		{"aws_iam_user.lb", "ec2:DescribeInstances", "*"},
		{"aws_iam_user.lb", "ec2:AllocateAddress", "*"},
	}},
	{"awslabs__terraform-iam-policy-validator__iam_check_test_multiple_policies_test_plan", []ask{
		{"aws_iam_user.lb", "ec2:DescribeInstances", "*"},
		{"aws_iam_user.lb", "s3:GetObject", "${aws_s3_bucket.example.arn}/x"},
	}},
	{"awslabs__terraform-iam-policy-validator__iam_check_test_no_access_granted_test_plan", []ask{
		{"aws_iam_user.lb", "s3:GetObject", "${aws_s3_bucket.example.arn}/x"},
		{"aws_iam_user.lb", "s3:GetObject", "arn:aws:s3:::example/x"},
	}},
	{"awslabs__terraform-iam-policy-validator__iam_check_test_role_inline_assume_policy_test_plan", []ask{
		{"aws_iam_role.test_role", "ec2:DescribeInstances", "*"},
		{"aws_iam_role.test_role", "ec2:RunInstances", "*"},
	}},
	{"bridgecrewio__checkov__tests_common_runner_registry_plan_with_hcl_for_enrichment_tfplan", []ask{
		{"arn:aws:iam::995112413069:role/admin", "s3:GetObject", "${aws_s3_bucket.test-bucket1.arn}/x"},
	}},
	{"bridgecrewio__checkov__tests_terraform_checks_data_aws_example_GithubActionsOIDCTrustPolicy_tfplan", []ask{
		{`module.poc.aws_iam_role.r1["p1"]`, "s3:ListBucket", "arn:aws:s3:::"},
		{`module.poc.aws_iam_role.r1["p1"]`, "s3:ListBucket", "arn:aws:s3:::data"},
	}},
	{"bridgecrewio__checkov__tests_terraform_image_referencer_resources_aws_codebuild_tfplan", []ask{
		{"aws_iam_role.example", "codebuild:StartBuild", "*"},
	}},
	{"bridgecrewio__checkov__tests_terraform_runner_resources_plan_with_iam_data_block_tfplan", []ask{
		{"arn:aws:iam::123456789012:role/x", "s3:GetObject", "${aws_s3_bucket.example.arn}/x"},
	}},
	{"bridgecrewio__checkov__tests_terraform_runner_resources_plan_with_iam_policies_tfplan", []ask{
		{"aws_iam_role.example", "iam:CreateUser", "*"},
		{"aws_iam_role.example", "s3:GetObject", "*"},
		{"aws_iam_user.fail_3", "iam:CreateUser", "*"},
		{"aws_iam_user.fail_3", "s3:GetObject", "*"},
	}},
	{"fugue__regula__rego_tests_lib_inputs_resource_view_01_infra", []ask{
		{"arn:aws:iam::123456789012:role/x", "s3:GetObject", "${aws_s3_bucket.example.arn}/x"},
	}},
	{"fugue__regula__rego_tests_lib_inputs_resource_view_02_infra", []ask{
		{"arn:aws:iam::123456789012:role/x", "s3:GetObject", "${aws_s3_bucket.example.arn}/x"},
	}},
	{"fugue__regula__rego_tests_rules_tf_aws_cloudtrail_inputs_issue355_infra", []ask{
		{"arn:aws:iam::123456789012:role/x", "s3:GetBucketAcl", "${aws_s3_bucket.cloudtrail.arn}"},
		{"arn:aws:iam::622401240280:user/jasper", "s3:GetBucketAcl", "${aws_s3_bucket.cloudtrail.arn}"},
	}},
	{"fugue__regula__rego_tests_rules_tf_aws_iam_inputs_admin_policy_infra", []ask{
		{"aws_iam_role.my_test_role", "s3:DeleteBucket", "*"},
		{"aws_iam_user.my_test_user", "s3:DeleteBucket", "*"},
	}},
	{"fugue__regula__rego_tests_rules_tf_aws_kms_inputs_key_rotation_infra", []ask{
		{"arn:aws:iam::123456789012:role/x", "kms:Decrypt", "${aws_kms_key.valid.arn}"},
	}},
	{"fugue__regula__rego_tests_rules_tf_aws_s3_inputs_bucketpolicy_allowlist_infra", []ask{
		{"arn:aws:iam::123456789012:role/x", "s3:ListBucket", "${aws_s3_bucket.allowlist-external-policy.arn}"},
		{"arn:aws:iam::123456789012:role/x", "s3:ListBucket", "${aws_s3_bucket.denylist-inline-policy.arn}"},
	}},
	{"fugue__regula__rego_tests_rules_tf_aws_vpc_inputs_flow_log_infra", []ask{
		{"aws_iam_role.example", "logs:PutLogEvents", "*"},
		{"aws_iam_role.example", "logs:DeleteLogGroup", "*"},
	}},
	{"gluehbirnenkopf__terraform-iam-policy-validator__iam_check_test_no_access_granted_test_plan", []ask{
		{"aws_iam_user.lb", "s3:PutObject", "arn:aws:s3:::other/x"},
	}},
	{"gluehbirnenkopf__terraform-iam-policy-validator__iam_check_test_public_access_test_plan", []ask{
		{"aws_iam_role.test_role", "s3:ListBucket", "${aws_s3_bucket.example.arn}"},
		{"aws_iam_role.test_role", "s3:ListBucket", "${aws_s3_bucket.private_bucket.arn}"},
		{"aws_iam_role.test_role", "sns:Publish", "arn:aws:sns:us-east-2:123456789012:my-topic-with-policy"},
		{"aws_iam_role.test_role", "sts:AssumeRole", "${aws_iam_role.test_role.arn}"},
	}},
	{"terraform-compliance__cli__tests_functional_actions_for_each_and_modules_plan.out", []ask{
		{"aws_iam_role.test_iam_role[\"repository_1\"]", "ec2:DescribeInstances", "*"},
	}},
	{"terraform-compliance__cli__tests_functional_actions_modules_plan.out", []ask{
		{"aws_iam_role.test_iam_role", "ec2:DescribeInstances", "*"},
	}},
	{"terraform-compliance__cli__tests_functional_test-it_must_be_in-affixes_plan.out", []ask{
		{"aws_iam_role.iam_for_lambda1", "lambda:InvokeFunction", "*"},
	}},
	{"terraform-compliance__cli__tests_functional_test-it_must_be_in-fail_plan.out", []ask{
		{"aws_iam_role.iam_for_lambda1", "lambda:InvokeFunction", "*"},
	}},
	{"terraform-compliance__cli__tests_functional_test-it_must_cover-fail_plan.out", []ask{
		{"aws_iam_role.iam_for_lambda1", "lambda:InvokeFunction", "*"},
	}},
	{"terraform-compliance__cli__tests_functional_test-it_must_not_be_in-pass_plan.out", []ask{
		{"aws_iam_role.iam_for_lambda1", "lambda:InvokeFunction", "*"},
	}},
	{"terraform-compliance__cli__tests_functional_test-it_must_not_cover-fail_plan.out", []ask{
		{"aws_iam_role.iam_for_lambda1", "lambda:InvokeFunction", "*"},
	}},
	{"terraform-compliance__cli__tests_functional_test_issue-174_plan.out", []ask{
		{"arn:aws:iam::123456789012:role/x", "s3:GetObject", "${aws_s3_bucket.b.arn}/x"},
		{"arn:aws:iam::123456789012:role/x", "s3:GetObject", "${aws_s3_bucket.c.arn}/x"},
	}},
	{"terraform-compliance__cli__tests_functional_test_issue-227_plan.out", []ask{
		{"module.test.aws_iam_role.task", "ecs:RunTask", "*"},
	}},
	{"terraform-compliance__cli__tests_functional_test_issue-338_plan.out", []ask{
		{"aws_iam_role.ssm_tag_collector_role", "ssm:GetParameter", "*"},
	}},
	{"terraform-compliance__cli__tests_functional_test_issue-424_plan.out", []ask{
		{"aws_iam_role.test_iam_role[\"repository_2\"]", "ec2:DescribeInstances", "*"},
	}},
	{"terraform-compliance__cli__tests_functional_test_issue-456_plan.out", []ask{
		{"aws_iam_role.test_iam_role[\"repository_1\"]", "s3:GetObject", "${aws_s3_bucket.nonmodulebucket.arn}/x"},
	}},
	{"terraform-compliance__cli__tests_functional_test_issue_796_plan.out", []ask{
		{"arn:aws:iam::123456789012:role/x", "lambda:InvokeFunction", "*"},
	}},
	{"terraform-compliance__cli__tests_functional_test_non_created_module_resource_parameter_plan.out", []ask{
		{"module.apigw_test_1.module.api_gw_log_role.aws_iam_role.default", "logs:PutLogEvents", "*"},
		{"module.apigw_test_1.module.api_gw_log_role.aws_iam_role.default", "s3:GetObject", "*"},
	}},
}

func TestQueryGoldenCorpus(t *testing.T) {
	for _, q := range corpusQueries {
		t.Run(q.plan, func(t *testing.T) {
			t.Parallel()
			a := analyzeFile(t, testkit.Path("corpus", q.plan+".json"), "")
			if !hasIAM(a) {
				t.Fatal("corpus query on a plan without IAM content")
			}
			sides, err := a.Sides("both")
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			for _, k := range q.asks {
				for _, s := range sides {
					sub, err := s.Subject(k.principal)
					if err != nil {
						t.Fatal(err)
					}
					tg, err := s.Target(k.resource)
					if err != nil {
						t.Fatal(err)
					}
					ans := s.Decide(sub, k.action, tg, ParseContextMust(t))
					b.WriteString(ans.Text())
				}
			}
			testkit.Golden(t, testkit.Path("golden", "corpus_"+q.plan+".query.txt"), b.String())
		})
	}
}

// TestCorpusGoldensComplete: every corpus plan with IAM content has a query
// golden, and every corpus golden is recorded as verified by hand.
func TestCorpusGoldensComplete(t *testing.T) {
	t.Parallel()
	asked := map[string]bool{}
	for _, q := range corpusQueries {
		asked[q.plan] = true
	}
	files, _ := filepath.Glob(testkit.Path("corpus", "*.json"))
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".json")
		if !hasIAM(analyzeFile(t, f, "")) {
			continue
		}
		if !asked[base] {
			t.Errorf("%s has IAM content but no query in corpusQueries", base)
		}
		for _, ext := range []string{".check.txt", ".diff.md", ".query.txt"} {
			if _, ok := verifiedByHand["corpus_"+base+ext]; !ok {
				t.Errorf("corpus_%s%s is not recorded in verifiedByHand", base, ext)
			}
		}
	}
}
