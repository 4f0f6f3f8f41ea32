package evaluator

import "strings"

// validate_principal.go checks Principal and NotPrincipal: value forms
// (PR-2, PR-3), where the elements may appear (GR-7, GR-9, PR-1, PR-13),
// Federated principals and their actions (PR-9) and endpoint quirks (PR-14).

// checkPrincipalValues checks each principal value of one element.
func (b *policyBuilder) checkPrincipalValues(pr *Principals) {
	for i := range pr.AWS {
		v := &pr.AWS[i]
		if v.Kind == KindNumber {
			b.addAt(SeverityWarning, "GR-13", v.Pos, "AWS principal %s is a JSON number; write account IDs as strings (\"%s\"): as numbers they lose leading zeros", v.Text, v.Text)
			continue
		}
		b.checkText(v, "an AWS principal", false, "VA-2")
		if b.partialWildcard(v) {
			continue
		}
		s := v.Text
		switch {
		case s == "*" || IsAccountID(s):
			if b.typ == PolicyEndpoint && s != "*" {
				b.addAt(SeverityWarning, "PR-14", v.Pos, "in a VPC endpoint policy, AWS principal %q grants the account's root user only, not its users and roles; name the IAM principals or use \"*\" with an aws:PrincipalAccount condition", s)
			}
		case strings.HasPrefix(s, "arn:"):
			f := strings.SplitN(s, ":", 6)
			if len(f) < 6 || (f[2] != "iam" && f[2] != "sts") || f[5] == "" {
				b.addAt(SeverityError, "PR-2", v.Pos, "AWS principal %q is not an IAM or STS ARN; expected an account ID, arn:aws:iam::ACCOUNT:root, a user, role or session ARN, or \"*\"", s)
			}
		case lintIsUniqueID(s):
		default:
			b.addAt(SeverityError, "PR-2", v.Pos, "AWS principal %q is not valid; expected a 12-digit account ID, an IAM or STS ARN, or \"*\"", s)
		}
	}
	for i := range pr.Service {
		v := &pr.Service[i]
		b.checkText(v, "a Service principal", false, "VA-2")
		if b.partialWildcard(v) {
			continue
		}
		if v.Text != "*" && !strings.Contains(v.Text, ".") {
			b.addAt(SeverityError, "PR-2", v.Pos, "Service principal %q is not a service principal name such as \"s3.amazonaws.com\"", v.Text)
		}
	}
	for i := range pr.Federated {
		v := &pr.Federated[i]
		b.checkText(v, "a Federated principal", false, "VA-2")
		b.partialWildcard(v)
	}
	for i := range pr.CanonicalUser {
		v := &pr.CanonicalUser[i]
		b.checkText(v, "a CanonicalUser principal", false, "VA-2")
		b.partialWildcard(v)
	}
}

// partialWildcard reports PR-3: a * or ? anywhere but a whole "*".
func (b *policyBuilder) partialWildcard(v *Value) bool {
	if v.Text != "*" && strings.ContainsAny(v.Text, "*?") {
		b.addAt(SeverityError, "PR-3", v.Pos, "principal %q uses a wildcard inside a name or ARN; IAM allows a wildcard only as the whole value \"*\" (use \"*\" with an aws:PrincipalArn condition instead)", v.Text)
		return true
	}
	return false
}

// lintIsUniqueID recognises IAM unique IDs (AIDA..., AROA..., PR-8).
func lintIsUniqueID(s string) bool {
	if len(s) < 16 || len(s) > 128 || s[0] != 'A' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func lintAWSWildcard(pr *Principals) bool {
	if pr == nil {
		return false
	}
	for _, v := range pr.AWS {
		if v.Text == "*" {
			return true
		}
	}
	return false
}

// checkStatementPrincipal applies the GR-7/GR-9 table to one statement.
func (b *policyBuilder) checkStatementPrincipal(st *Statement, sn stmtNodes) {
	hasP, hasNP := st.Principal != nil, st.NotPrincipal != nil
	noun := lintPolicyTypeNoun(b.typ)
	switch b.typ {
	case PolicyIdentity, PolicyBoundary, PolicySession, PolicySCP:
		// PR-1: the principal is whoever the policy is attached to.
		if hasP {
			b.addAt(SeverityError, "GR-7", st.Principal.Pos, "Principal is not allowed in %s policies: the principal is the identity the policy is attached to", noun)
		}
		if hasNP {
			b.addAt(SeverityError, "GR-7", st.NotPrincipal.Pos, "NotPrincipal is not allowed in %s policies", noun)
		}
		return
	case PolicyTrust:
		if hasNP {
			b.addAt(SeverityError, "GR-7", st.NotPrincipal.Pos, "NotPrincipal is not allowed in a role trust policy; name the principals that may assume the role in Principal")
		} else if !hasP {
			b.add(SeverityError, "GR-7", sn.node, "the statement has no Principal; a role trust policy must name who can assume the role")
		}
		if hasP && st.Principal.Wildcard {
			b.addAt(SeverityError, "GR-7", st.Principal.Pos, `"Principal": "*" is not allowed in a role trust policy; name the accounts, roles, services or identity providers that may assume the role`)
		}
		if hasP && lintAWSWildcard(st.Principal) && st.Effect == EffectAllow {
			b.addAt(SeverityWarning, "GR-7", st.Principal.Pos, `{"AWS": "*"} lets any AWS principal in any account assume this role unless a condition restricts it`)
		}
		b.checkFederatedActions(st)
	case PolicyResource, PolicyEndpoint:
		if !hasP && !hasNP {
			b.add(SeverityError, "GR-7", sn.node, "the statement has no Principal; a %s policy must name who it applies to (use \"*\" for everyone)", noun)
		}
		if hasNP && st.Effect == EffectAllow {
			b.addAt(SeverityError, "GR-7", st.NotPrincipal.Pos, `NotPrincipal with "Effect": "Allow" is not supported; use Principal (PR-13)`)
		}
		b.checkFederatedActions(st)
	case PolicyRCP:
		if hasNP {
			b.addAt(SeverityError, "GR-9", st.NotPrincipal.Pos, "NotPrincipal is not allowed in resource control policies")
		}
		if !hasP {
			b.add(SeverityWarning, "PR-1", sn.node, `the RCP statement has no Principal; RCPs use "Principal": "*" and narrow callers with conditions`)
		} else if !st.Principal.Wildcard {
			b.addAt(SeverityWarning, "PR-1", st.Principal.Pos, `RCPs support only "Principal": "*"; narrow callers with conditions such as aws:PrincipalOrgID`)
		}
	}
	if hasNP {
		b.addAt(SeverityWarning, "GR-13", st.NotPrincipal.Pos, "NotPrincipal is easy to get wrong: a session is excluded only when its session ARN, role ARN and account are all listed, and with a permissions boundary it denies everyone (PR-13, EV-20); prefer Principal \"*\" with an aws:PrincipalArn condition")
	}
}

// lintFederatedKind classifies a Federated principal (PR-9).
func lintFederatedKind(s string) string {
	switch {
	case strings.Contains(s, ":saml-provider/"):
		return "saml"
	case strings.Contains(s, ":oidc-provider/"), s == "cognito-identity.amazonaws.com", s == "accounts.google.com", s == "graph.facebook.com", s == "www.amazon.com":
		return "oidc"
	}
	return ""
}

var lintAssumeRoleActions = []string{"sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"}

// checkFederatedActions reports PR-9: a SAML provider goes with
// sts:AssumeRoleWithSAML, an OIDC provider with AssumeRoleWithWebIdentity.
func (b *policyBuilder) checkFederatedActions(st *Statement) {
	if st.Principal == nil || len(st.Principal.Federated) == 0 || st.NotAction || len(st.Actions) == 0 {
		return
	}
	covers := func(action string) bool {
		for _, a := range st.Actions {
			if lintGlobFold(a.Text, action) {
				return true
			}
		}
		return false
	}
	anyAssume := covers(lintAssumeRoleActions[0]) || covers(lintAssumeRoleActions[1]) || covers(lintAssumeRoleActions[2])
	if !anyAssume {
		return
	}
	for _, v := range st.Principal.Federated {
		switch lintFederatedKind(v.Text) {
		case "saml":
			if !covers("sts:AssumeRoleWithSAML") {
				b.addAt(SeverityError, "PR-9", v.Pos, "SAML provider %q can be used only with sts:AssumeRoleWithSAML, which this statement's actions do not include", v.Text)
			}
		case "oidc":
			if !covers("sts:AssumeRoleWithWebIdentity") {
				b.addAt(SeverityError, "PR-9", v.Pos, "web identity provider %q can be used only with sts:AssumeRoleWithWebIdentity, which this statement's actions do not include", v.Text)
			}
		}
	}
}

// lintGlobFold matches s against a pattern with * and ? (AC-2), ASCII
// case-insensitively. Validation-only helper: iterative, no allocation.
func lintGlobFold(pattern, s string) bool {
	p, i := 0, 0
	starP, starI := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && pattern[p] == '*':
			starP, starI = p, i
			p++
		case p < len(pattern) && (pattern[p] == '?' || lintLowerASCII(pattern[p]) == lintLowerASCII(s[i])):
			p++
			i++
		case starP >= 0:
			starI++
			p, i = starP+1, starI
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

func lintLowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
