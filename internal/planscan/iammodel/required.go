package iammodel

import (
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// requiredAttrs are the attributes the model reads that the AWS provider
// requires (or always computes): a known null there is a corrupted plan,
// not an absent value, and would otherwise drop a policy or a link.
var requiredAttrs = map[string][]string{
	"aws_iam_policy": {"policy"},
	"aws_iam_role":   {"name", "assume_role_policy"},
	"aws_iam_user":   {"name"},
	"aws_iam_group":  {"name"},

	"aws_iam_user_policy":  {"policy", "user"},
	"aws_iam_role_policy":  {"policy", "role"},
	"aws_iam_group_policy": {"policy", "group"},

	"aws_iam_user_policy_attachment":  {"user", "policy_arn"},
	"aws_iam_role_policy_attachment":  {"role", "policy_arn"},
	"aws_iam_group_policy_attachment": {"group", "policy_arn"},
	"aws_iam_policy_attachment":       {"name", "policy_arn"},
	"aws_iam_group_membership":        {"name", "group"},
	"aws_iam_user_group_membership":   {"user"},

	"aws_s3_bucket":                    {"bucket"},
	"aws_s3_bucket_policy":             {"bucket", "policy"},
	"aws_kms_key_policy":               {"key_id", "policy"},
	"aws_kms_grant":                    {"key_id", "grantee_principal", "operations"},
	"aws_sqs_queue_policy":             {"queue_url", "policy"},
	"aws_sns_topic_policy":             {"arn", "policy"},
	"aws_lambda_permission":            {"action", "function_name", "principal"},
	"aws_ecr_repository":               {"name"},
	"aws_ecr_repository_policy":        {"repository", "policy"},
	"aws_secretsmanager_secret_policy": {"secret_arn", "policy"},

	"aws_organizations_policy":            {"content"},
	"aws_organizations_policy_attachment": {"policy_id", "target_id"},
}

// arnAttrs must hold an ARN when known and set (the provider validates
// them): anything else would be read as a policy outside the plan.
var arnAttrs = []string{"policy_arn", "permissions_boundary"}

// checkRequired records required attributes that are null although known,
// and ARN attributes that are not ARNs, of the managed resources of a side.
func (b *builder) checkRequired(in *tfplan.Instance) {
	if in.Key.Mode != tfjson.ManagedResourceMode {
		return
	}
	for _, attr := range requiredAttrs[in.Key.Type] {
		if tfplan.IsUnknown(tfplan.UnknownAtKey(in.AfterUnknown, attr)) {
			continue
		}
		if v, ok := in.Values[attr]; !ok || v == nil {
			b.r.Problems.Add(in.Address, attr, nil, "a value ("+in.Key.Type+" requires it)")
		}
	}
	for _, attr := range arnAttrs {
		if s, ok := in.Values[attr].(string); ok && s != "" && !strings.HasPrefix(s, "arn:") {
			b.r.Problems.Add(in.Address, attr, s, "an ARN")
		}
	}
}
