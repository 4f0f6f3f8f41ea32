package tfconfig

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// ProviderSettings is what a provider block says of where its resources
// live: its region, the account ids it allows, and the role it assumes.
// Values the source does not fix (a variable without a value, a data
// source) are left empty.
type ProviderSettings struct {
	Region string
	// AllowedAccountIDs is allowed_account_ids when wholly known.
	AllowedAccountIDs []string
	// AssumeRoleARN is assume_role { role_arn } when known.
	AssumeRoleARN string
	Range         hcl.Range
}

var (
	providerSchema = &hcl.BodySchema{
		Attributes: []hcl.AttributeSchema{{Name: "region"}, {Name: "allowed_account_ids"}},
		Blocks:     []hcl.BlockHeaderSchema{{Type: "assume_role"}},
	}
	assumeRoleSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "role_arn"}}}
)

// Provider evaluates the provider block of a configuration key as the
// plan's provider_config_key names it ("aws", "aws.tools", or
// "module.m:aws" for a block declared in module m), in the module that
// declares it. ok is false when the source has no such block.
func (e *Evaluator) Provider(key string) (ProviderSettings, bool) {
	mod, name := "", key
	if i := strings.LastIndex(key, ":"); i >= 0 {
		mod, name = key[:i], key[i+1:]
	}
	mi := e.moduleInstance(mod)
	if mi == nil {
		return ProviderSettings{}, false
	}
	p := mi.mod.Providers[name]
	if p == nil {
		return ProviderSettings{}, false
	}
	out := ProviderSettings{Range: p.Range}
	c, _, _ := p.Body.PartialContent(providerSchema)
	if c == nil {
		return out, true
	}
	if a := c.Attributes["region"]; a != nil {
		out.Region = knownString(e.eval(mi, mi.ctx, a.Expr))
	}
	if a := c.Attributes["allowed_account_ids"]; a != nil {
		v := e.eval(mi, mi.ctx, a.Expr)
		if v.IsWhollyKnown() && !v.IsNull() && (v.Type().IsListType() || v.Type().IsSetType() || v.Type().IsTupleType()) {
			for it := v.ElementIterator(); it.Next(); {
				_, ev := it.Element()
				if s := knownString(ev); s != "" {
					out.AllowedAccountIDs = append(out.AllowedAccountIDs, s)
				}
			}
		}
	}
	for _, b := range c.Blocks {
		if b.Type != "assume_role" {
			continue
		}
		if bc, _, _ := b.Body.PartialContent(assumeRoleSchema); bc != nil && bc.Attributes["role_arn"] != nil {
			out.AssumeRoleARN = knownString(e.eval(mi, mi.ctx, bc.Attributes["role_arn"].Expr))
		}
	}
	return out, true
}

// knownString is v's text when v is a known, non-null string.
func knownString(v cty.Value) string {
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return ""
	}
	return v.AsString()
}
