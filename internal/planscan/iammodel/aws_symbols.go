package iammodel

import (
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	tfjson "github.com/hashicorp/terraform-json"
)

// Symbols (issue 8): the values of an object the plan creates that hold a
// part AWS or the provider generates at apply (a KMS key id, an instance
// id, the unique suffix of a bucket_prefix or name_prefix, a secret's
// random suffix). Each is its known prefix followed by that generated
// part, named by the object's address (evaluator.Unknown.Symbol): the ARN
// and the name of one bucket share it, so a policy naming
// "arn:aws:s3:::${aws_s3_bucket.b.bucket}" names the bucket's ARN. The
// engine matches a symbol as itself (evaluator/symbol.go); tfconfig writes
// it into rebuilt policies as evaluator.SymbolText (placeholder).

// symbolSpec describes the generated part of one resource type: the
// attribute that holds it alone (idAttr, "" when none) and how the ARN and
// the name read around it.
type symbolSpec struct {
	// arnHead returns the ARN's known text before the generated part; ok
	// false when a part of it is unknown (region, account, a name).
	arnHead func(r *tfplan.Resolver, in *tfplan.Instance) (string, bool)
	// plain lists attributes whose value is the generated part alone (a
	// key id, an instance id), or a known attribute's value then it
	// (nameAttr for names made from a prefix).
	plain    []string
	nameAttr []string // attributes that read name_prefix + generated part
	prefix   string   // the attribute holding the known prefix of the name
	// fresh: the generated part is unique to the object, so two objects'
	// symbols never have the same text (not so for a secret's six random
	// characters, which follow a name of its own).
	fresh bool
}

// aws_kms_replica_key is not here: a replica has its primary's key id (the
// generated part is not its own) and lives in another region than the
// provider's default, which the resolver's single region would get wrong.
var symbolSpecs = map[string]symbolSpec{
	"aws_kms_key":  {arnHead: regionalHead("kms", "key/"), plain: []string{"id", "key_id"}, fresh: true},
	"aws_instance": {arnHead: regionalHead("ec2", "instance/"), plain: []string{"id"}, fresh: true},
	"aws_s3_bucket": {arnHead: func(r *tfplan.Resolver, in *tfplan.Instance) (string, bool) {
		p := r.Str(in, "bucket_prefix")
		return "arn:" + r.Partition + ":s3:::" + p.Value, p.Set()
	}, nameAttr: []string{"id", "bucket"}, prefix: "bucket_prefix", fresh: true},
	"aws_iam_role":             iamNamePrefix("role"),
	"aws_iam_user":             iamNamePrefix("user"),
	"aws_iam_group":            iamNamePrefix("group"),
	"aws_iam_policy":           iamNamePrefix("policy"),
	"aws_iam_instance_profile": iamNamePrefix("instance-profile"),
	"aws_secretsmanager_secret": {arnHead: func(r *tfplan.Resolver, in *tfplan.Instance) (string, bool) {
		// arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME-XXXXXX
		n := r.Str(in, "name")
		region, acct, ok := placeOf(r, in)
		if !n.Set() || !ok {
			return "", false
		}
		return "arn:" + r.Partition + ":secretsmanager:" + region + ":" + acct + ":secret:" + n.Value + "-", true
	}},
}

// regionalHead is the head arn:PARTITION:SERVICE:REGION:ACCOUNT:KIND.
func regionalHead(service, kind string) func(r *tfplan.Resolver, in *tfplan.Instance) (string, bool) {
	return func(r *tfplan.Resolver, in *tfplan.Instance) (string, bool) {
		region, acct, ok := placeOf(r, in)
		if !ok {
			return "", false
		}
		return "arn:" + r.Partition + ":" + service + ":" + region + ":" + acct + ":" + kind, true
	}
}

// placeOf is the region and account of the instance's provider
// configuration (Resolver.RegionOf/AccountOf); ok is false when either is
// unknown. Without per-configuration places (no configuration names its
// own account) the resolver knows only the default configuration's, so an
// alias (provider = aws.west), which may be in another region, has none.
func placeOf(r *tfplan.Resolver, in *tfplan.Instance) (region, acct string, ok bool) {
	if r.Place == nil && !defaultProvider(in) {
		return "", "", false
	}
	region, acct = r.RegionOf(in), r.AccountOf(in)
	return region, acct, region != "" && acct != ""
}

// defaultProvider reports whether the instance uses the default aws
// provider configuration (of its module), whose region the resolver knows;
// an alias (provider = aws.west) may be in another region.
func defaultProvider(in *tfplan.Instance) bool {
	if in.Config == nil {
		return true
	}
	k := in.Config.ProviderConfigKey
	return k == "" || k == "aws" || strings.HasSuffix(k, ":aws")
}

// iamNamePrefix: an IAM entity named by name_prefix,
// arn:PARTITION:iam::ACCOUNT:KIND/PATH/NAME_PREFIX + generated part.
func iamNamePrefix(kind string) symbolSpec {
	return symbolSpec{arnHead: func(r *tfplan.Resolver, in *tfplan.Instance) (string, bool) {
		p, path := r.Str(in, "name_prefix"), r.Str(in, "path")
		acct := r.AccountOf(in)
		if !p.Set() || !path.Known() || acct == "" {
			return "", false
		}
		pv := path.Value
		if pv == "" {
			pv = "/"
		}
		return "arn:" + r.Partition + ":iam::" + acct + ":" + kind + pv + p.Value, true
	}, nameAttr: []string{"name", "id"}, prefix: "name_prefix", fresh: true}
}

// synthSymbol returns the symbol an attribute of an object the plan
// creates (or replaces) holds, when its type has a generated part.
func synthSymbol(r *tfplan.Resolver, in *tfplan.Instance, attr string) (tfplan.Str, bool) {
	spec, ok := symbolSpecs[in.Key.Type]
	if !ok || in.Key.Mode != tfjson.ManagedResourceMode || (in.Action != tfplan.ActionCreate && in.Action != tfplan.ActionReplace) {
		return tfplan.Str{}, false
	}
	var prefix string
	switch {
	case attr == "arn":
		head, ok := spec.arnHead(r, in)
		if !ok {
			return tfplan.Str{}, false
		}
		prefix = head
	case contains(spec.plain, attr):
	case contains(spec.nameAttr, attr):
		p := r.Str(in, spec.prefix)
		if !p.Set() {
			return tfplan.Str{}, false
		}
		prefix = p.Value
	default:
		return tfplan.Str{}, false
	}
	return tfplan.Str{Unknown: &evaluator.Unknown{Reason: in.Address + "." + attr, Prefix: prefix, Symbol: in.Address, Fresh: spec.fresh}}, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
