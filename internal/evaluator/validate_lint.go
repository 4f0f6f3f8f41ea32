package evaluator

import "strings"

// validate_lint.go holds the statement-level lints: things AWS accepts that
// are almost always mistakes (GR-13, RS-8, CTX-12, CO-11), and the RCP
// element rules of GR-9.

func (b *policyBuilder) lintStatement(st *Statement, sn stmtNodes) {
	allow := st.Effect == EffectAllow
	if allow && st.HasResource && st.NotResource {
		b.addIn("NotResource", SeverityWarning, "RS-8", sn.notResource, "high severity: Allow with NotResource grants the actions on every resource not listed, in every service and account; list the resources in Resource instead")
	}
	if allow && st.NotAction && lintHasValue(st.Resources, "*") && !st.NotResource {
		b.addIn("NotAction", SeverityWarning, "GR-13", sn.notAction, `Allow with NotAction on "Resource": "*" grants every action of every service except those listed, including actions AWS adds later; list the actions in Action instead`)
	}
	if allow && b.typ == PolicyResource && len(st.Conditions) == 0 && st.Principal != nil && (st.Principal.Wildcard || lintAWSWildcard(st.Principal)) {
		b.addAt(SeverityWarning, "GR-13", st.Principal.Pos, "this statement allows everyone, including anonymous callers and every AWS account, with no condition; restrict it with a condition such as aws:PrincipalOrgID or aws:SourceAccount, or name the principals")
	}
	if allow && b.typ == PolicyTrust {
		b.lintOIDCTrust(st)
	}
	for i := range st.Conditions {
		c := &st.Conditions[i]
		if !c.Op.Valid {
			continue
		}
		if allow && c.Op.Set == SetForAllValues && c.Op.Base != OpNull {
			b.addAt(SeverityWarning, "GR-13", c.KeyPos, "%s in an Allow also matches when %s is absent or empty (ForAllValues of nothing is true); add a Null condition on the key or use ForAnyValue", c.Operator, c.Key)
		}
		if st.Effect == EffectDeny && c.Op.Base == OpBool && !c.Op.IfExists && c.Op.Set == SetNone &&
			strings.EqualFold(c.Key, "aws:MultiFactorAuthPresent") && lintHasValue(c.Values, "false") {
			b.addAt(SeverityWarning, "CTX-12", c.KeyPos, "this Deny never applies to long-term access keys: aws:MultiFactorAuthPresent is absent for them, so Bool false does not match; use BoolIfExists")
		}
		if st.Effect == EffectDeny && c.Op.Base == OpNotIPAddress && strings.EqualFold(c.Key, "aws:SourceIp") {
			b.addAt(SeverityWarning, "CO-11", c.KeyPos, "this Deny also blocks requests through VPC endpoints and AWS services calling on your behalf: aws:SourceIp is absent or a service address there; combine it with aws:SourceVpce or aws:ViaAWSService conditions")
		}
	}
	if b.typ == PolicyRCP {
		if st.NotAction {
			b.addIn("NotAction", SeverityError, "GR-9", sn.notAction, "NotAction is not allowed in resource control policies; use Action")
		}
		if allow && !lintRCPFullAccess(st) {
			b.addIn("Effect", SeverityError, "GR-9", sn.effect, `RCPs support "Effect": "Allow" only in the RCPFullAWSAccess statement (Principal, Action and Resource "*", no condition); write Deny statements`)
		}
	}
}

func lintHasValue(vals []Value, text string) bool {
	for _, v := range vals {
		if v.Text == text {
			return true
		}
	}
	return false
}

func lintRCPFullAccess(st *Statement) bool {
	return st.Principal != nil && st.Principal.Wildcard && !st.NotAction && lintHasValue(st.Actions, "*") &&
		!st.NotResource && lintHasValue(st.Resources, "*") && len(st.Conditions) == 0
}

// lintOIDCTrust warns when an OIDC trust statement does not pin the token's
// subject ([AA] "Missing condition key for oidc principal"): without a :sub
// condition any repository, cluster or workload of that provider can assume
// the role.
func (b *policyBuilder) lintOIDCTrust(st *Statement) {
	if st.Principal == nil {
		return
	}
	for _, v := range st.Principal.Federated {
		_, host, ok := strings.Cut(v.Text, ":oidc-provider/")
		if !ok || host == "" {
			continue
		}
		subKey := host + ":sub"
		found := false
		for _, c := range st.Conditions {
			if strings.EqualFold(c.Key, subKey) {
				found = true
				break
			}
		}
		if found {
			continue
		}
		extra := ""
		if strings.EqualFold(host, "token.actions.githubusercontent.com") {
			extra = ` such as "repo:ORG/REPO:ref:refs/heads/main"`
		}
		b.addAt(SeverityWarning, "GR-13", v.Pos, "trust in OIDC provider %s has no %s condition: any identity the provider issues tokens for can assume this role; add a StringEquals or StringLike condition on %s%s", host, subKey, subKey, extra)
	}
}
