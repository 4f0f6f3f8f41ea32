package iammodel

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// BuildModel builds the IAM model of the state before the plan and of the
// state after it. Diagnostics report invalid policies, links out of view
// and assumptions; err is set when the plan cannot be read: a value the
// model reads has the wrong JSON type (a *tfplan.MalformedError naming
// every address and attribute, wrapping tfplan.ErrMalformed).
func BuildModel(plan *tfjson.Plan, opts ModelOptions) (before, after *Model, diags []Diagnostic, err error) {
	if plan == nil {
		return nil, nil, nil, errors.New("build model: plan is nil")
	}
	probs := &tfplan.Problems{}
	opts.Plan = plan
	cfg := tfplan.NewConfigIndex(plan.Config)
	bi := tfplan.CollectInstances(plan, tfplan.Before, cfg, probs)
	ai := tfplan.CollectInstances(plan, tfplan.After, cfg, probs)

	// One account for both sides: the before side's ARNs are the most
	// reliable source, then the after side's.
	all := append(append([]*tfplan.Instance{}, bi...), ai...)
	acct, seen, src := detectAccount(opts, all, cfg, probs)
	region := detectRegion(opts, cfg, probs)
	// each provider configuration's account and region (issue 8)
	pl := detectPlacements(opts, all, cfg, acct, src, region, probs, sourceSettings(opts, tfplan.NewResolver(tfplan.After, ai)))
	if !pl.single {
		seen = pl.accounts(seen)
	} else if acct == "" && pl.def.account != "" {
		// the one configuration's account, from the source
		acct, src = pl.def.account, pl.def.source
		if !slices.Contains(seen, acct) {
			seen = append(seen, acct)
			sort.Strings(seen)
		}
	}
	if pl.single {
		region = pl.def.region
	}

	bb := newBuilder(tfplan.Before, bi, cfg, acct, seen, region, opts)
	bb.setPlacements(pl)
	bb.r.Problems = probs
	before = bb.build(nil)
	ab := newBuilder(tfplan.After, ai, cfg, acct, seen, region, opts)
	ab.setPlacements(pl)
	ab.r.Problems = probs
	after = ab.build(bb)
	if err := probs.Err(); err != nil {
		return nil, nil, nil, err
	}

	if !pl.single {
		diags = append(diags, pl.diagnostics()...)
	} else if acct != "" && src != "option" && src != "ARNs in the plan" {
		diags = append(diags, Diagnostic{Severity: evaluator.SeverityInfo, Summary: fmt.Sprintf("account id %s taken from %s", acct, src)})
	}
	if pl.single && len(seen) > 1 && opts.AccountID == "" {
		diags = append(diags, Diagnostic{Severity: evaluator.SeverityWarning, Summary: fmt.Sprintf("the plan shows several accounts %v; ARNs are synthesised only with --account-id", seen)})
	}
	diags = append(diags, bb.diags...)
	diags = append(diags, ab.diags...)
	return before, after, diags, nil
}

// builder builds the model of one side.
type builder struct {
	r     *tfplan.Resolver
	m     *Model
	diags []Diagnostic

	users, roles map[*tfplan.Instance]*Identity
	groupOf      map[*tfplan.Instance]*Group
	policyOf     map[*tfplan.Instance]*ManagedPolicy
	policyByARN  map[string]*ManagedPolicy
	// standalone records owners given a policy by a separate resource
	// (aws_s3_bucket_policy, ...), keyed by owner address.
	standalone map[string]bool
	// mayDefaultTag: some aws provider configuration sets default_tags, or
	// the plan has no configuration to tell (principalTags).
	mayDefaultTag bool
	// src rebuilds documents known only after apply from source (nil
	// without source).
	src *tfconfig.Evaluator
	// place gives each instance's account and region (nil: the model's
	// account for all, a plan with one aws provider configuration)
	place *placements
	// names indexes users, roles and groups by kind and known name
	// (byName); indexed counts how many of each are in it.
	names   map[string][]target
	indexed [3]int
}

func newBuilder(side tfplan.Side, insts []*tfplan.Instance, cfg *tfplan.ConfigIndex, acct string, seen []string, region string, opts ModelOptions) *builder {
	r := NewAWSResolver(side, insts, cfg, acct, region)
	m := &Model{
		Side:     side,
		Accounts: seen,
		Region:   region,
		Ignored:  map[string]int{},
		managed:  opts.ManagedPolicies,
		byAddr:   map[string]*Identity{},
		resByARN: map[string]*ResourcePolicy{},
		resByAdr: map[string]*ResourcePolicy{},
		Org:      Org{Parents: map[string]string{}},
	}
	if acct != "" {
		m.Account = tfplan.KnownStr(acct)
	} else {
		m.Account = tfplan.UnknownStr("account id (not in the plan; pass --account-id)", "")
	}
	b := &builder{
		r: r, m: m,
		users: map[*tfplan.Instance]*Identity{}, roles: map[*tfplan.Instance]*Identity{},
		groupOf: map[*tfplan.Instance]*Group{}, policyOf: map[*tfplan.Instance]*ManagedPolicy{}, policyByARN: map[string]*ManagedPolicy{},
		standalone: map[string]bool{},
	}
	b.mayDefaultTag = mayDefaultTag(cfg)
	b.newSourceEvaluator(opts)
	return b
}

func (b *builder) diag(sev evaluator.Severity, addr, format string, args ...any) {
	b.diags = append(b.diags, Diagnostic{Severity: sev, Side: b.m.Side, Address: addr, Summary: fmt.Sprintf(format, args...)})
}

// build runs the extractors in dependency order: entities first, then the
// links between them. prev is the before side's builder when building after.
func (b *builder) build(prev *builder) *Model {
	byType := map[string][]*tfplan.Instance{}
	for _, in := range b.r.Instances {
		t := in.Key.Type
		if in.Key.Mode == tfjson.DataResourceMode {
			t = "data." + t
		}
		if handledTypes[t] {
			b.checkRequired(in)
			byType[t] = append(byType[t], in)
		} else {
			b.m.Ignored[t]++
		}
	}
	each := func(t string, f func(*tfplan.Instance)) {
		for _, in := range byType[t] {
			f(in)
		}
	}
	each("data.aws_iam_policy_document", b.policyDocument)
	each("aws_iam_policy", b.managedPolicy)
	each("data.aws_iam_policy", b.managedPolicy)
	each("aws_iam_user", b.user)
	each("aws_iam_role", b.role)
	each("aws_iam_group", b.group)
	each("aws_iam_user_policy", func(in *tfplan.Instance) { b.inlinePolicy(in, "user") })
	each("aws_iam_role_policy", func(in *tfplan.Instance) { b.inlinePolicy(in, "role") })
	each("aws_iam_group_policy", func(in *tfplan.Instance) { b.inlinePolicy(in, "group") })
	each("aws_iam_user_policy_attachment", func(in *tfplan.Instance) { b.attachment(in, "user") })
	each("aws_iam_role_policy_attachment", func(in *tfplan.Instance) { b.attachment(in, "role") })
	each("aws_iam_group_policy_attachment", func(in *tfplan.Instance) { b.attachment(in, "group") })
	each("aws_iam_policy_attachment", b.exclusiveAttachment)
	each("aws_iam_group_membership", b.groupMembership)
	each("aws_iam_user_group_membership", b.userGroupMembership)
	each("aws_iam_instance_profile", b.instanceProfile)
	b.resourcePolicies(byType, prev)
	b.kmsGrants(byType)
	b.resourceTags()
	b.org(byType)
	b.finish()
	b.dropStaleComputed(prev)
	b.sourceDiagnostics()
	return b.m
}

// handledTypes are the resource types the model reads ("data." prefix for
// data sources); every other type is counted in Model.Ignored.
var handledTypes = map[string]bool{
	"data.aws_iam_policy_document": true, "data.aws_iam_policy": true,
	"aws_iam_policy": true, "aws_iam_user": true, "aws_iam_role": true, "aws_iam_group": true,
	"aws_iam_user_policy": true, "aws_iam_role_policy": true, "aws_iam_group_policy": true,
	"aws_iam_user_policy_attachment": true, "aws_iam_role_policy_attachment": true, "aws_iam_group_policy_attachment": true,
	"aws_iam_policy_attachment": true, "aws_iam_group_membership": true, "aws_iam_user_group_membership": true,
	"aws_iam_instance_profile": true,
	"aws_s3_bucket":            true, "aws_s3_bucket_policy": true,
	"aws_kms_key": true, "aws_kms_key_policy": true, "aws_kms_grant": true,
	"aws_sqs_queue": true, "aws_sqs_queue_policy": true,
	"aws_sns_topic": true, "aws_sns_topic_policy": true,
	"aws_lambda_function": true, "aws_lambda_permission": true,
	"aws_ecr_repository": true, "aws_ecr_repository_policy": true,
	"aws_secretsmanager_secret": true, "aws_secretsmanager_secret_policy": true,
	"aws_organizations_policy": true, "aws_organizations_policy_attachment": true,
	"aws_organizations_organization": true, "aws_organizations_organizational_unit": true, "aws_organizations_account": true,
	"data.aws_caller_identity": true,
}

// doc reads a policy document attribute. ok is false when the attribute is
// known and empty (no policy). A known value that is not JSON is kept as
// written (the engine reports it as invalid input, PT-11) with an error
// diagnostic. An unknown value becomes an Unknown document whose reason is
// "<address>.<attr>" (PT-5), never an empty document.
func (b *builder) doc(in *tfplan.Instance, attr string, name string) (evaluator.PolicyDoc, bool) {
	s, src := b.r.StrVia(in, attr, "json")
	if src != nil && !strings.Contains(src.Key.Type, "policy") {
		// The expression references one resource that does not carry a
		// policy (jsonencode({... aws_s3_bucket.b.arn ...})): the document is
		// computed from it, not the value of it. (Added by helper G.)
		s = tfplan.UnknownStr(in.Address+"."+attr, "")
	}
	if name == "" {
		name = in.Address + "." + attr
	}
	if !s.Known() {
		text, reason, ok := b.fromSourceWhy(in, attr)
		if !ok {
			return b.unknownDoc(name, reason), true
		}
		b.m.Source.Rebuilt++
		s = tfplan.KnownStr(text)
	}
	if s.Value == "" {
		return evaluator.PolicyDoc{}, false
	}
	b.checkJSON(in.Address, attr, s.Value)
	return evaluator.PolicyDoc{Name: name, JSON: []byte(s.Value)}, true
}

func (b *builder) checkJSON(addr, attr, text string) {
	if json.Valid([]byte(text)) && strings.HasPrefix(strings.TrimLeft(text, " \t\r\n"), "{") {
		return // a JSON object: checked without building it (issue 8: thousands of documents)
	}
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		b.diag(evaluator.SeverityError, addr, "%s is not valid JSON (%v); the apply would fail", attr, err)
		return
	}
	if _, ok := v.(map[string]any); !ok {
		b.diag(evaluator.SeverityError, addr, "%s is not a JSON object; the apply would fail", attr)
	}
}

// finish sorts the lists and builds the indexes.
func (b *builder) finish() {
	m := b.m
	sortBy := func(ids []*Identity) {
		sort.Slice(ids, func(i, j int) bool { return ids[i].Address < ids[j].Address })
	}
	sortBy(m.Users)
	sortBy(m.Roles)
	sort.Slice(m.Groups, func(i, j int) bool { return m.Groups[i].Address < m.Groups[j].Address })
	sort.Slice(m.Policies, func(i, j int) bool { return m.Policies[i].Address < m.Policies[j].Address })
	sort.Slice(m.ResourcePolicies, func(i, j int) bool {
		if m.ResourcePolicies[i].Address != m.ResourcePolicies[j].Address {
			return m.ResourcePolicies[i].Address < m.ResourcePolicies[j].Address
		}
		return m.ResourcePolicies[i].ARN.Value < m.ResourcePolicies[j].ARN.Value
	})
	for _, id := range m.Users {
		m.byAddr[id.Address] = id
	}
	for _, id := range m.Roles {
		m.byAddr[id.Address] = id
	}
	for _, rp := range m.ResourcePolicies {
		if rp.ARN.Known() && rp.ARN.Value != "" {
			if old := m.resByARN[rp.ARN.Value]; old == nil || old.Type != evaluator.PolicyResource {
				m.resByARN[rp.ARN.Value] = rp
			}
		}
		if rp.Type != evaluator.PolicyTrust {
			m.resByAdr[rp.Address] = rp
		}
	}
	sort.Slice(m.External, func(i, j int) bool { return m.External[i].Address < m.External[j].Address })
}
