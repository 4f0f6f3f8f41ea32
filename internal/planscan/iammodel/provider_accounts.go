package iammodel

import (
	"maps"
	"slices"
	"sort"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// place is where the resources of one provider configuration live.
type place struct {
	account, region string
	// source says where the account came from ("allowed_account_ids of
	// aws.tools", ...); "" when the account is unknown.
	source string
}

// placements maps each aws provider configuration key of the plan
// ("aws", "aws.prod", "module.m:aws") to its account and region (issue 8).
type placements struct {
	byKey map[string]place
	// single: the plan has at most one aws provider configuration; then
	// the whole-plan detection (detectAccount) applies to it.
	single bool
	def    place
}

// providerKeyOf is the provider configuration key of an instance: its
// configuration's provider_config_key, "aws" when the plan has no
// configuration for it.
func providerKeyOf(in *tfplan.Instance) string {
	if in != nil && in.Config != nil && in.Config.ProviderConfigKey != "" {
		return in.Config.ProviderConfigKey
	}
	return "aws"
}

// awsProviderKeys are the configuration keys of the aws provider
// configurations the plan declares and its instances use, sorted.
func awsProviderKeys(cfg *tfplan.ConfigIndex, insts []*tfplan.Instance) []string {
	set := map[string]bool{}
	if cfg != nil {
		for k, pc := range cfg.Providers {
			if pc != nil && pc.Name == "aws" {
				set[k] = true
			}
		}
	}
	for _, in := range insts {
		if strings.HasPrefix(in.Key.Type, "aws_") {
			set[providerKeyOf(in)] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// detectPlacements finds the account and region of each aws provider
// configuration. With one configuration, the whole-plan account (acct,
// from detectAccount) and region are its. With several, each has its own:
// a known data.aws_caller_identity read through it, a single
// allowed_account_ids, or the account field of assume_role { role_arn },
// from the plan's configuration or, when the plan holds an expression
// there, from the source; else, for the default configuration only,
// --account-id; else unknown (never another configuration's account by
// guess). Regions likewise: an alias's own region (plan, else source); the
// default configuration's falls back to detectRegion (--region).
func detectPlacements(opts ModelOptions, insts []*tfplan.Instance, cfg *tfplan.ConfigIndex, acct, acctSrc, region string, probs *tfplan.Problems, src sourceProviders) placements {
	keys := awsProviderKeys(cfg, insts)
	pl := placements{byKey: map[string]place{}, def: place{account: acct, region: region, source: acctSrc}, single: true}
	if len(keys) <= 1 {
		// One configuration: what the plan does not tell may be in the
		// source (allowed_account_ids or assume_role as expressions).
		if src != nil && len(keys) == 1 && (acct == "" || region == "") {
			s := src(keys[0])
			if acct == "" && s.account != "" && !evaluator.IsAccountID(opts.AccountID) {
				pl.def.account, pl.def.source = s.account, s.source
			}
			if region == "" && opts.Region == "" {
				pl.def.region = s.region
			}
		}
		return pl
	}
	callers := map[string]string{}
	for _, in := range insts {
		if in.Key.Mode == tfjson.DataResourceMode && in.Key.Type == "aws_caller_identity" && !tfplan.IsUnknown(tfplan.UnknownAtKey(in.AfterUnknown, "account_id")) {
			if s := stringValue(probs, in, "account_id"); evaluator.IsAccountID(s) {
				callers[providerKeyOf(in)] = s
			}
		}
	}
	own := 0
	for _, k := range keys {
		// the default configuration's region (detectRegion: its constant,
		// else --region); an alias has only its own
		var p place
		if k == "aws" {
			p.region = region
		}
		var pc *tfjson.ProviderConfig
		if cfg != nil {
			pc = cfg.Providers[k]
		}
		if inherits(k, pc) {
			continue // a module's inherited configuration: the default's place
		}
		var ps providerSettings
		if pc != nil {
			ps = constantSettings(k, pc, probs)
		}
		if src != nil && (ps.region == "" || ps.account == "") {
			s := src(k)
			if ps.region == "" {
				ps.region = s.region
			}
			if ps.account == "" {
				ps.account, ps.source = s.account, s.source
			}
		}
		if ps.region != "" {
			p.region = ps.region
		}
		switch {
		case callers[k] != "":
			p.account, p.source = callers[k], "data.aws_caller_identity read with "+k
			own++
		case ps.account != "":
			p.account, p.source = ps.account, ps.source
			own++
		case k == "aws" && evaluator.IsAccountID(opts.AccountID):
			// --account-id is the default configuration's account; an
			// alias that names none stays unknown
			p.account, p.source = opts.AccountID, "option"
		}
		pl.byKey[k] = p
	}
	// Configurations that name no account of their own leave the plan to
	// the whole-plan detection (plans before issue 8 are read as before).
	if own > 0 {
		pl.single = false
	}
	return pl
}

// inherits reports a configuration key that stands for a module's view of
// its parent's configuration ("mod:aws" of older plans, with no block of
// its own): it is placed as the default configuration.
func inherits(key string, pc *tfjson.ProviderConfig) bool {
	return strings.Contains(key, ":") && (pc == nil || len(pc.Expressions) == 0)
}

// of is the place of an instance.
func (pl placements) of(in *tfplan.Instance) place {
	if pl.single {
		return pl.def
	}
	k := providerKeyOf(in)
	if p, ok := pl.byKey[k]; ok {
		return p
	}
	if strings.Contains(k, ":") {
		if p, ok := pl.byKey["aws"]; ok {
			return p
		}
	}
	return place{}
}

// providerSettings is what one provider configuration tells of its place.
type providerSettings struct {
	account, region, source string
}

// sourceProviders reads a provider configuration's settings from the
// configuration source (nil without source).
type sourceProviders func(key string) providerSettings

// constantSettings reads the constants of a provider configuration in the
// plan: region, a single allowed_account_ids, assume_role's role_arn.
func constantSettings(key string, pc *tfjson.ProviderConfig, probs *tfplan.Problems) providerSettings {
	var ps providerSettings
	if e := pc.Expressions["region"]; e != nil && e.ExpressionData != nil {
		if s, ok := e.ConstantValue.(string); ok {
			ps.region = s
		}
	}
	if e := pc.Expressions["allowed_account_ids"]; e != nil && e.ExpressionData != nil {
		if l, ok := e.ConstantValue.([]any); ok && len(l) == 1 {
			if s, ok := l[0].(string); ok && evaluator.IsAccountID(s) {
				ps.account, ps.source = s, "allowed_account_ids of provider "+key
			}
		}
	}
	if ps.account != "" {
		return ps
	}
	if e := pc.Expressions["assume_role"]; e != nil && e.ExpressionData != nil {
		for _, blk := range e.NestedBlocks {
			if r := blk["role_arn"]; r != nil && r.ExpressionData != nil {
				if s, ok := r.ConstantValue.(string); ok {
					if a := roleAccount(s); a != "" {
						ps.account, ps.source = a, "assume_role of provider "+key
					}
				}
			}
		}
	}
	return ps
}

// roleAccount is the account field of a role ARN ("" when it is not one).
func roleAccount(arn string) string {
	if !strings.HasPrefix(arn, "arn:") {
		return ""
	}
	if a := evaluator.ARNField(arn, 4); evaluator.IsAccountID(a) {
		return a
	}
	return ""
}

// sourceSettings reads provider configurations from the source, evaluated
// with the after side's values (nil without source).
func sourceSettings(opts ModelOptions, r *tfplan.Resolver) sourceProviders {
	if opts.Source == nil {
		return nil
	}
	ev := opts.Source.Evaluator(opts.Plan, r, tfconfig.Options{})
	return func(key string) providerSettings {
		s, ok := ev.Provider(key)
		if !ok {
			return providerSettings{}
		}
		ps := providerSettings{region: s.Region}
		if len(s.AllowedAccountIDs) == 1 && evaluator.IsAccountID(s.AllowedAccountIDs[0]) {
			ps.account, ps.source = s.AllowedAccountIDs[0], "allowed_account_ids of provider "+key+" (source)"
		} else if a := roleAccount(s.AssumeRoleARN); a != "" {
			ps.account, ps.source = a, "assume_role of provider "+key+" (source)"
		}
		return ps
	}
}

// accountFor is the account of an instance's provider configuration,
// unknown (naming the configuration) when the plan does not tell it.
func (b *builder) accountFor(in *tfplan.Instance) tfplan.Str {
	if b.place == nil || in == nil {
		return b.m.Account
	}
	if a := b.place.of(in).account; a != "" {
		return tfplan.KnownStr(a)
	}
	return tfplan.UnknownStr("account id of provider "+providerKeyOf(in)+" (not in the plan; pass --account-id)", "")
}

// accounts adds the accounts of the provider configurations to seen.
func (pl placements) accounts(seen []string) []string {
	set := map[string]bool{}
	for _, a := range seen {
		set[a] = true
	}
	for _, p := range pl.byKey {
		if p.account != "" && !set[p.account] {
			set[p.account] = true
			seen = append(seen, p.account)
		}
	}
	sort.Strings(seen)
	return seen
}

// diagnostics say where each provider configuration's account came from,
// or that it is unknown.
func (pl placements) diagnostics() []Diagnostic {
	var out []Diagnostic
	for _, k := range slices.Sorted(maps.Keys(pl.byKey)) {
		p := pl.byKey[k]
		if p.account == "" {
			out = append(out, Diagnostic{Severity: evaluator.SeverityInfo, Summary: "provider " + k + ": account id unknown (no allowed_account_ids, assume_role or data.aws_caller_identity tells it; pass --account-id); its resources' account stays unknown"})
			continue
		}
		if p.source != "option" {
			out = append(out, Diagnostic{Severity: evaluator.SeverityInfo, Summary: "provider " + k + ": account id " + p.account + " taken from " + p.source})
		}
	}
	return out
}

// setPlacements gives the builder and its resolver each instance's place
// when the plan has several aws provider configurations.
func (b *builder) setPlacements(pl placements) {
	if pl.single {
		return
	}
	b.place = &pl
	b.r.Place = func(in *tfplan.Instance) (string, string) {
		p := pl.of(in)
		return p.account, p.region
	}
	b.m.Place = b.r.Place
}
