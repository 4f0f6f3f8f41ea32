package iammodel

import (
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// newAWSResolver returns the resolver of one side with the AWS knowledge
// the model needs: ARNs and ids synthesised from known names, paths, region
// and account id (PT-1, PT-4).
func NewAWSResolver(side tfplan.Side, insts []*tfplan.Instance, cfg *tfplan.ConfigIndex, account, region string) *tfplan.Resolver {
	r := tfplan.NewResolver(side, insts)
	r.Config = cfg
	r.Account = account
	r.Region = region
	r.Partition = partitionOf(region)
	r.Synthesize = synthesizeAWS
	return r
}

// synthesize builds ARNs and ids of well-known types from known parts.
func synthesizeAWS(r *tfplan.Resolver, in *tfplan.Instance, attr string) (tfplan.Str, bool) {
	if s, ok := synthSymbol(r, in, attr); ok {
		return s, true
	}
	t := in.Key.Type
	switch attr {
	case "arn":
		switch t {
		case "aws_iam_role", "aws_iam_user", "aws_iam_group", "aws_iam_policy", "aws_iam_instance_profile":
			kind := strings.TrimPrefix(t, "aws_iam_")
			if kind == "instance_profile" {
				kind = "instance-profile"
			}
			name := r.Str(in, "name")
			path := r.Str(in, "path")
			if !name.Set() || !path.Known() {
				return tfplan.Str{}, false
			}
			p := path.Value
			if p == "" {
				p = "/"
			}
			return synthARN(r, in, "iam", "", kind+p+name.Value), true
		case "aws_iam_openid_connect_provider":
			// AWS names the provider by its URL without the scheme
			u := r.Str(in, "url")
			if u.Set() {
				return synthARN(r, in, "iam", "", "oidc-provider/"+strings.TrimPrefix(u.Value, "https://")), true
			}
		case "aws_iam_saml_provider":
			n := r.Str(in, "name")
			if n.Set() {
				return synthARN(r, in, "iam", "", "saml-provider/"+n.Value), true
			}
		case "aws_s3_bucket":
			b := r.Str(in, "bucket")
			if b.Set() {
				return tfplan.KnownStr("arn:" + r.Partition + ":s3:::" + b.Value), true
			}
		case "aws_sqs_queue":
			return synthRegional(r, in, "sqs", "name", "")
		case "aws_sns_topic":
			return synthRegional(r, in, "sns", "name", "")
		case "aws_ecr_repository":
			return synthRegional(r, in, "ecr", "name", "repository/")
		case "aws_lambda_function":
			return synthRegional(r, in, "lambda", "function_name", "function:")
		case "aws_dynamodb_table":
			return synthRegional(r, in, "dynamodb", "name", "table/")
		case "aws_instance":
			// arn:PARTITION:ec2:REGION:ACCOUNT:instance/ID, the id chosen by
			// EC2 at launch: a known prefix (PT-4), so a pattern such as
			// arn:aws:ec2:*:*:instance/* matches it definitely (issue 10:
			// the instance is a target of ssm-send-command and its kin)
			if r.RegionOf(in) == "" || r.AccountOf(in) == "" {
				return tfplan.Str{}, false
			}
			return tfplan.UnknownStr(in.Address+".arn", "arn:"+r.Partition+":ec2:"+r.RegionOf(in)+":"+r.AccountOf(in)+":instance/"), true
		case "aws_kms_key", "aws_kms_replica_key":
			// arn:PARTITION:kms:REGION:ACCOUNT:key/ID, the id chosen by KMS
			// at creation: the known prefix (PT-4) with the parts the
			// provider configuration does not tell named, so a new key is a
			// target of the diff (issue 8: never dropped)
			return synthGenerated(r, in, "kms", "key/"), true
		case "aws_glue_dev_endpoint":
			// arn:PARTITION:glue:REGION:ACCOUNT:devEndpoint/NAME (issue 10:
			// the endpoint is a target of glue-update-dev-endpoint)
			return synthRegional(r, in, "glue", "name", "devEndpoint/")
		}
	case "id":
		switch t {
		case "aws_s3_bucket":
			b := r.Str(in, "bucket")
			return b, b.Set()
		case "aws_iam_role", "aws_iam_user", "aws_iam_group", "aws_iam_instance_profile":
			n := r.Str(in, "name")
			return n, n.Set()
		case "aws_iam_policy":
			a := r.Str(in, "arn")
			return a, a.Known()
		}
	case "name":
		switch t {
		case "aws_iam_role", "aws_iam_user", "aws_iam_group", "aws_iam_policy", "aws_iam_instance_profile":
			// name unknown because name_prefix is used: a known prefix (PT-4).
			p := r.Str(in, "name_prefix")
			if p.Set() {
				return tfplan.UnknownStr(in.Address+".name", p.Value), true
			}
		}
	}
	return tfplan.Str{}, false
}

// arn builds arn:partition:service:region:account:resource, unknown (with
// the known prefix) when the account id is not known.
func synthARN(r *tfplan.Resolver, in *tfplan.Instance, service, region, resource string) tfplan.Str {
	head := "arn:" + r.Partition + ":" + service + ":" + region + ":"
	acct := r.AccountOf(in)
	if acct == "" {
		return tfplan.UnknownStr(in.Address+".arn (account id unknown"+accountUnknownWhy(r, in)+")", head)
	}
	return tfplan.KnownStr(head + acct + ":" + resource)
}

// synthGenerated is the ARN of a resource whose last part AWS generates:
// unknown, with every part known before it as the prefix, and the parts
// the plan does not tell named in the reason.
func synthGenerated(r *tfplan.Resolver, in *tfplan.Instance, service, kind string) tfplan.Str {
	region, acct := r.RegionOf(in), r.AccountOf(in)
	head := "arn:" + r.Partition + ":" + service + ":"
	switch {
	case region == "":
		return tfplan.UnknownStr(in.Address+".arn (region unknown)", head)
	case acct == "":
		return tfplan.UnknownStr(in.Address+".arn (account id unknown"+accountUnknownWhy(r, in)+")", head+region+":")
	}
	return tfplan.UnknownStr(in.Address+".arn", head+region+":"+acct+":"+kind)
}

// accountUnknownWhy says why an instance's account is unknown: the
// provider configuration that names none, when the plan has several.
func accountUnknownWhy(r *tfplan.Resolver, in *tfplan.Instance) string {
	if r.Place == nil {
		return "; pass --account-id"
	}
	return ": provider " + providerKeyOf(in) + " names none; pass --account-id"
}

func synthRegional(r *tfplan.Resolver, in *tfplan.Instance, service, nameAttr, kind string) (tfplan.Str, bool) {
	n := r.Str(in, nameAttr)
	if !n.Set() {
		return tfplan.Str{}, false
	}
	if r.RegionOf(in) == "" {
		return tfplan.UnknownStr(in.Address+".arn (region unknown)", "arn:"+r.Partition+":"+service+":"), true
	}
	return synthARN(r, in, service, r.RegionOf(in), kind+n.Value), true
}

// detectAccount finds the account id for ARN synthesis: the option, a known
// data.aws_caller_identity, a single allowed_account_ids in the provider
// configuration, or the account field of IAM ARNs known in the plan. It
// returns every account seen, sorted, and the one to use ("" when none or
// ambiguous).
func detectAccount(opts ModelOptions, insts []*tfplan.Instance, cfg *tfplan.ConfigIndex, probs *tfplan.Problems) (use string, seen []string, source string) {
	set := map[string]bool{}
	add := func(a string) {
		if evaluator.IsAccountID(a) {
			set[a] = true
		}
	}
	var caller, allowed string
	for _, in := range insts {
		if in.Key.Mode == tfjson.DataResourceMode && in.Key.Type == "aws_caller_identity" && !tfplan.IsUnknown(tfplan.UnknownAtKey(in.AfterUnknown, "account_id")) {
			if s := stringValue(probs, in, "account_id"); evaluator.IsAccountID(s) {
				caller = s
				add(s)
			}
		}
		for _, a := range []string{"arn", "owner_id"} {
			if tfplan.IsUnknown(tfplan.UnknownAtKey(in.AfterUnknown, a)) {
				continue
			}
			if s := stringValue(probs, in, a); s != "" {
				if acct := evaluator.ARNField(s, 4); acct != "" && strings.HasPrefix(s, "arn:") {
					add(acct)
				}
			}
		}
	}
	if cfg != nil {
		for _, pc := range cfg.Providers {
			if pc == nil || pc.Name != "aws" {
				continue
			}
			if e := pc.Expressions["allowed_account_ids"]; e != nil && e.ExpressionData != nil {
				l, ok := e.ConstantValue.([]any)
				if !ok && e.ConstantValue != nil && e.ConstantValue != tfjson.UnknownConstantValue {
					probs.Add("provider."+pc.Name, "allowed_account_ids", e.ConstantValue, "a list of strings")
				}
				if ok && len(l) == 1 {
					s, isStr := l[0].(string)
					if !isStr {
						probs.Add("provider."+pc.Name, "allowed_account_ids[0]", l[0], "a string")
					}
					if evaluator.IsAccountID(s) {
						allowed = s
						add(s)
					}
				}
			}
		}
	}
	for a := range set {
		seen = append(seen, a)
	}
	sort.Strings(seen)
	switch {
	case evaluator.IsAccountID(opts.AccountID):
		return opts.AccountID, seen, "option"
	case caller != "":
		return caller, seen, "data.aws_caller_identity"
	case allowed != "":
		return allowed, seen, "provider allowed_account_ids"
	case len(seen) == 1:
		return seen[0], seen, "ARNs in the plan"
	}
	return "", seen, ""
}

// detectRegion reads the default aws provider's region when it is a constant.
func detectRegion(opts ModelOptions, cfg *tfplan.ConfigIndex, probs *tfplan.Problems) string {
	if opts.Region != "" {
		return opts.Region
	}
	if cfg == nil {
		return ""
	}
	if pc := cfg.Providers["aws"]; pc != nil {
		if e := pc.Expressions["region"]; e != nil && e.ExpressionData != nil {
			if s, ok := e.ConstantValue.(string); ok {
				return s
			}
			if e.ConstantValue != nil && e.ConstantValue != tfjson.UnknownConstantValue {
				probs.Add("provider.aws", "region", e.ConstantValue, "a string")
			}
		}
	}
	return ""
}

func partitionOf(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

// stringValue reads a string attribute outside a resolver (detection runs
// before the resolvers exist): "" for null, a problem for another type.
func stringValue(probs *tfplan.Problems, in *tfplan.Instance, attr string) string {
	switch v := in.Values[attr].(type) {
	case nil:
	case string:
		return v
	default:
		probs.Add(in.Address, attr, v, "a string")
	}
	return ""
}
