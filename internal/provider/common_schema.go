package provider

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rsschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The attributes of iamsim_decision and iamsim_assertion are the same; the
// framework has separate schema types for data sources and resources, so
// the descriptions live here once and two builders use them.

var accountIDPattern = regexp.MustCompile(`^[0-9]{12}$`)

const (
	descPrincipalARN = "The caller whose access is decided: an IAM user ARN; a role ARN (decided as a session of the role); " +
		"an assumed-role session ARN (`arn:aws:sts::111122223333:assumed-role/ROLE/SESSION`); a federated user ARN; " +
		"the account root (`arn:aws:iam::111122223333:root` or a bare account id); a service principal such as " +
		"`lambda.amazonaws.com`; or `anonymous`. With the provider's `account_id` set, the short forms `user/NAME`, " +
		"`role/NAME`, `assumed-role/ROLE/SESSION`, `federated-user/NAME` and `root` are accepted too."
	descActionNames = "The actions to decide, as `service:Action` (case-insensitive, no wildcards). Each action is decided " +
		"for each resource of `resource_arns`, one request per pair. An action that is not in the embedded AWS service " +
		"reference is an error."
	descResourceARNs = "The resources to decide each action on. Defaults to `[\"*\"]`. As in AWS's policy simulator, `*` is " +
		"matched literally: a statement applies to it through `\"Resource\": \"*\"` (or a pattern matching the string `*`), " +
		"not through ARN patterns. Use `*` for actions without resource-level permissions. An ARN that is not one of the " +
		"action's resource types is an error."
	descResourceOwner = "The account that owns the resources. Defaults to the account in the resource ARN; for ARNs " +
		"without an account (S3 buckets and objects) to the provider's `account_id` when it is set, else to the " +
		"principal's account. When the owner differs from the principal's account, the request is cross-account and " +
		"needs the resource policy to allow it as well."
	descIdentityPolicies = "Identity-based policies of the principal, each a JSON document: inline policies, customer " +
		"managed policies, and for an IAM user the policies of its groups. `aws_iam_policy_document`'s `json` fits here."
	descManagedPolicies = "AWS managed policies attached to the principal, by ARN (`arn:aws:iam::aws:policy/ReadOnlyAccess`), " +
		"by path and name (`service-role/AWSLambdaBasicExecutionRole`) or by name. They are resolved from the AWS managed " +
		"policies embedded in the provider (see the `iamsim_aws_managed_policy` data source); customer managed policies " +
		"go to `identity_policies_json`."
	descBoundary = "The permissions boundary of the principal (a user or role), as JSON. Unset means no boundary."
	descSession  = "The session policy passed when the role session or federated user session was created, as JSON. " +
		"Unset means no session policy."
	descResourcePolicy = "The resource-based policy of the resources, as JSON: a bucket, queue, topic, key or other " +
		"resource policy, or the role's trust policy when the action is `sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity` " +
		"or `sts:AssumeRoleWithSAML` and the resource is the role."
	descVPCEndpoint = "The policy of the VPC endpoint the request goes through, as JSON. Setting it says that the request " +
		"uses a VPC endpoint; unset means no endpoint."
	descSCPBlock = "Service control policies that apply to the principal's account, one block per level of the " +
		"organization, root first: the root, each organizational unit down to the account, then the account itself. " +
		"Every level must allow the action. Without blocks the account is not in an organization (no SCPs)."
	descRCPBlock = "Resource control policies that apply to the resource owner's account, one block per level of the " +
		"organization, root first, like `service_control_policies`."
	descLevelPolicies = "The policies attached at this level, each a JSON document."
	descContextBlock  = "A request context key, as in the `context` block of the AWS provider's " +
		"`aws_iam_principal_policy_simulation`. Keys the engine can derive from the principal (`aws:PrincipalArn`, " +
		"`aws:PrincipalAccount`, `aws:PrincipalType`, `aws:userid`, `aws:username`, ...) are filled in; others a " +
		"condition needs but the context lacks are reported in `missing_context_keys`."
	descContextKey    = "The context key, e.g. `aws:SourceIp` or `s3:prefix` (case-insensitive)."
	descContextValues = "The values of the key. Types that do not end in `List` take exactly one value."
	descPrincipalTags = "Tags of the principal: a shortcut for `context` blocks with keys `aws:PrincipalTag/KEY` of type " +
		"`string`. A `context` block with the same key wins."
	descAllAllowed = "Whether every (action, resource) pair is allowed."
	descResults    = "One result per (action, resource) pair: every resource of `resource_arns` for the first action, " +
		"then for the next action, and so on."
	descResultAction   = "The action."
	descResultResource = "The resource (`*` when `resource_arns` is unset)."
	descMatched        = "The statements that applied to the request, Allow and Deny, in every policy that takes part."
	descMatchedPolicy  = "The policy the statement is in: the configuration attribute that holds it (e.g. " +
		"`identity_policies_json[0]`), or the name of an AWS managed policy."
	descMatchedSid       = "The statement's `Sid`, or its 1-based index in the `Statement` array when it has none."
	descMatchedEffect    = "The statement's effect: `Allow` or `Deny`."
	descBlockedBy        = "The guardrails that stopped a request some policy allowed: `scp`, `rcp`, `boundary`, `session`, `vpce`, `resource`, `identity`."
	descMissingKeys      = "Context keys that a condition of a matched statement needed but the request did not have. A decision that depends on them may change when they are given."
	descAllowedShortcut  = "Whether the decision is `allowed`."
	descResourceOwnerVal = "must be a 12-digit AWS account id"
)

func descDecision() string {
	return "The decision, in AWS policy simulator words: " + quotedList(supportedDecisions()) + ". `unknown` means the " +
		"answer depends on a point AWS's documentation leaves open (both readings are evaluated and disagree), " +
		"never a guess. Invalid input (for example an unknown action or an invalid policy) is reported as an error " +
		"instead of an `error` result."
}

func descMatchedType() string {
	return "The policy type: " + quotedList(supportedPolicyTypes()) + "."
}

func descContextType() string {
	return "The value type: " + quotedList(supportedContextTypes()) + "."
}

func policyJSONValidators() []validator.String {
	return []validator.String{stringvalidator.LengthAtLeast(1)}
}

// decisionDataSourceSchema is iamsim_decision's schema.
func decisionDataSourceSchema(description string) dsschema.Schema {
	return dsschema.Schema{
		MarkdownDescription: description,
		Attributes: map[string]dsschema.Attribute{
			"principal_arn": dsschema.StringAttribute{Required: true, MarkdownDescription: descPrincipalARN,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"action_names": dsschema.ListAttribute{Required: true, ElementType: types.StringType, MarkdownDescription: descActionNames,
				Validators: []validator.List{listvalidator.SizeAtLeast(1)}},
			"resource_arns": dsschema.ListAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: descResourceARNs,
				Validators: []validator.List{listvalidator.SizeAtLeast(1)}},
			"resource_owner_account_id": dsschema.StringAttribute{Optional: true, MarkdownDescription: descResourceOwner,
				Validators: []validator.String{stringvalidator.RegexMatches(accountIDPattern, descResourceOwnerVal)}},
			"identity_policies_json": dsschema.ListAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: descIdentityPolicies},
			"managed_policy_arns":    dsschema.ListAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: descManagedPolicies},
			"permissions_boundary_json": dsschema.StringAttribute{Optional: true, MarkdownDescription: descBoundary,
				Validators: policyJSONValidators()},
			"session_policy_json": dsschema.StringAttribute{Optional: true, MarkdownDescription: descSession,
				Validators: policyJSONValidators()},
			"resource_policy_json": dsschema.StringAttribute{Optional: true, MarkdownDescription: descResourcePolicy,
				Validators: policyJSONValidators()},
			"vpc_endpoint_policy_json": dsschema.StringAttribute{Optional: true, MarkdownDescription: descVPCEndpoint,
				Validators: policyJSONValidators()},
			"principal_tags": dsschema.MapAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: descPrincipalTags},
			"all_allowed":    dsschema.BoolAttribute{Computed: true, MarkdownDescription: descAllAllowed},
			"results":        dsResultsAttribute(),
		},
		Blocks: map[string]dsschema.Block{
			"service_control_policies":  dsLevelBlock(descSCPBlock),
			"resource_control_policies": dsLevelBlock(descRCPBlock),
			"context": dsschema.ListNestedBlock{MarkdownDescription: descContextBlock,
				NestedObject: dsschema.NestedBlockObject{Attributes: map[string]dsschema.Attribute{
					"key": dsschema.StringAttribute{Required: true, MarkdownDescription: descContextKey,
						Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
					"type": dsschema.StringAttribute{Required: true, MarkdownDescription: descContextType(),
						Validators: []validator.String{stringvalidator.OneOf(supportedContextTypes()...)}},
					"values": dsschema.ListAttribute{Required: true, ElementType: types.StringType, MarkdownDescription: descContextValues},
				}}},
		},
	}
}

func dsLevelBlock(desc string) dsschema.ListNestedBlock {
	return dsschema.ListNestedBlock{MarkdownDescription: desc,
		NestedObject: dsschema.NestedBlockObject{Attributes: map[string]dsschema.Attribute{
			"policies_json": dsschema.ListAttribute{Required: true, ElementType: types.StringType, MarkdownDescription: descLevelPolicies},
		}}}
}

// decisionResourceAttributes are iamsim_assertion's inputs and results.
func decisionResourceAttributes() (map[string]rsschema.Attribute, map[string]rsschema.Block) {
	attrs := map[string]rsschema.Attribute{
		"principal_arn": rsschema.StringAttribute{Required: true, MarkdownDescription: descPrincipalARN,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
		"action_names": rsschema.ListAttribute{Required: true, ElementType: types.StringType, MarkdownDescription: descActionNames,
			Validators: []validator.List{listvalidator.SizeAtLeast(1)}},
		"resource_arns": rsschema.ListAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: descResourceARNs,
			Validators: []validator.List{listvalidator.SizeAtLeast(1)}},
		"resource_owner_account_id": rsschema.StringAttribute{Optional: true, MarkdownDescription: descResourceOwner,
			Validators: []validator.String{stringvalidator.RegexMatches(accountIDPattern, descResourceOwnerVal)}},
		"identity_policies_json": rsschema.ListAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: descIdentityPolicies},
		"managed_policy_arns":    rsschema.ListAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: descManagedPolicies},
		"permissions_boundary_json": rsschema.StringAttribute{Optional: true, MarkdownDescription: descBoundary,
			Validators: policyJSONValidators()},
		"session_policy_json": rsschema.StringAttribute{Optional: true, MarkdownDescription: descSession,
			Validators: policyJSONValidators()},
		"resource_policy_json": rsschema.StringAttribute{Optional: true, MarkdownDescription: descResourcePolicy,
			Validators: policyJSONValidators()},
		"vpc_endpoint_policy_json": rsschema.StringAttribute{Optional: true, MarkdownDescription: descVPCEndpoint,
			Validators: policyJSONValidators()},
		"principal_tags": rsschema.MapAttribute{Optional: true, ElementType: types.StringType, MarkdownDescription: descPrincipalTags},
		"all_allowed":    rsschema.BoolAttribute{Computed: true, MarkdownDescription: descAllAllowed},
		"results":        rsResultsAttribute(),
	}
	blocks := map[string]rsschema.Block{
		"service_control_policies":  rsLevelBlock(descSCPBlock),
		"resource_control_policies": rsLevelBlock(descRCPBlock),
		"context": rsschema.ListNestedBlock{MarkdownDescription: descContextBlock,
			NestedObject: rsschema.NestedBlockObject{Attributes: map[string]rsschema.Attribute{
				"key": rsschema.StringAttribute{Required: true, MarkdownDescription: descContextKey,
					Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
				"type": rsschema.StringAttribute{Required: true, MarkdownDescription: descContextType(),
					Validators: []validator.String{stringvalidator.OneOf(supportedContextTypes()...)}},
				"values": rsschema.ListAttribute{Required: true, ElementType: types.StringType, MarkdownDescription: descContextValues},
			}}},
	}
	return attrs, blocks
}

func rsLevelBlock(desc string) rsschema.ListNestedBlock {
	return rsschema.ListNestedBlock{MarkdownDescription: desc,
		NestedObject: rsschema.NestedBlockObject{Attributes: map[string]rsschema.Attribute{
			"policies_json": rsschema.ListAttribute{Required: true, ElementType: types.StringType, MarkdownDescription: descLevelPolicies},
		}}}
}

// enumDescription appends the allowed values to a description.
func enumDescription(desc string, values []string) string {
	return fmt.Sprintf("%s One of %s.", desc, quotedList(values))
}
