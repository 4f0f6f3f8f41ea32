package evaluator

import "strings"

// Web-identity and SAML callers (EV-0, EV-14, PR-9). They have no ARN of
// their own: a caller of sts:AssumeRoleWithWebIdentity or AssumeRoleWithSAML
// is named by its identity provider, the value a trust policy's
// {"Principal": {"Federated": ...}} names:
//
//   - an OIDC provider ARN, arn:P:iam::A:oidc-provider/HOST[/PATH], for
//     AssumeRoleWithWebIdentity;
//   - a SAML provider ARN, arn:P:iam::A:saml-provider/NAME, for
//     AssumeRoleWithSAML;
//   - one of the well-known web-identity providers cognito-identity.amazonaws.com,
//     accounts.google.com, graph.facebook.com and www.amazon.com.
//
// The provider's claims (token.actions.githubusercontent.com:sub, saml:aud,
// cognito-identity.amazonaws.com:amr, ...) are context keys the caller
// supplies (CTX-20).

// wellKnownWebIdentityProviders are the Federated principal names of PR-9
// that are no ARN.
var wellKnownWebIdentityProviders = []string{
	"cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com", "www.amazon.com",
}

// IsWebIdentityProviderName reports whether s is one of the well-known
// web-identity providers a Federated principal names without an ARN
// (cognito-identity.amazonaws.com, accounts.google.com, graph.facebook.com,
// www.amazon.com; PR-9).
func IsWebIdentityProviderName(s string) bool {
	for _, n := range wellKnownWebIdentityProviders {
		if s == n {
			return true
		}
	}
	return false
}

// isWebIdentityCallAction reports whether a caller named
// cognito-identity.amazonaws.com on action is the web-identity caller rather
// than the service principal of that name: on sts:AssumeRoleWithWebIdentity,
// and on sts:TagSession and sts:SetSourceIdentity, which a web-identity
// caller asks for in the same call (EV-14). An AWS service assumes a role
// with sts:AssumeRole, never with these.
func isWebIdentityCallAction(action string) bool {
	return strings.EqualFold(action, "sts:AssumeRoleWithWebIdentity") ||
		strings.EqualFold(action, "sts:TagSession") ||
		strings.EqualFold(action, "sts:SetSourceIdentity")
}

// ParseCaller reads a caller as ParsePrincipal does, knowing the action it
// calls: cognito-identity.amazonaws.com, which names both an AWS service
// principal and a web-identity provider, is the web-identity caller on
// sts:AssumeRoleWithWebIdentity (and on sts:TagSession and
// sts:SetSourceIdentity) and the service principal otherwise (PR-9).
func ParseCaller(s, action string) (Principal, error) {
	p, err := ParsePrincipal(s)
	if err != nil {
		return p, err
	}
	return CallerFor(p, action), nil
}

// CallerFor returns p as the caller of action: a service principal named
// cognito-identity.amazonaws.com becomes the web-identity caller of that
// provider on the web-identity actions (see ParseCaller); any other p is
// returned unchanged.
func CallerFor(p Principal, action string) Principal {
	if p.Kind == PrincipalService && IsWebIdentityProviderName(p.Name) && isWebIdentityCallAction(action) {
		return webIdentityCaller(p.Name)
	}
	return p
}

func webIdentityCaller(provider string) Principal {
	return Principal{Kind: PrincipalWebIdentity, ARN: provider, Name: provider, FederatedProvider: provider}
}

// parseProviderARN reads arn:P:iam::A:oidc-provider/HOST[/PATH] and
// arn:P:iam::A:saml-provider/NAME. The caller has no account of its own
// (EV-0: a web-identity or SAML caller has no PA); the provider's account
// is in the ARN.
func parseProviderARN(s string, p Principal, typ, rest string) (Principal, bool) {
	switch typ {
	case "oidc-provider":
		p.Kind = PrincipalWebIdentity
	case "saml-provider":
		p.Kind = PrincipalSAML
	default:
		return Principal{}, false
	}
	if rest == "" || strings.HasSuffix(rest, "/") {
		return Principal{}, false
	}
	p.Account, p.Path = "", ""
	p.Name, p.FederatedProvider = rest, s
	return p, true
}

// federatedActionMismatch says why a web-identity or SAML caller cannot call
// action, or "" when it can (EV-14, PR-9): a SAML caller calls
// sts:AssumeRoleWithSAML, a web-identity caller sts:AssumeRoleWithWebIdentity;
// either may ask for sts:TagSession and sts:SetSourceIdentity in that call.
func federatedActionMismatch(p *Principal, action string) string {
	switch {
	case !isTrustAction(action) || strings.EqualFold(action, "sts:AssumeRole"):
		return "can only call sts:AssumeRoleWith*, sts:TagSession or sts:SetSourceIdentity"
	case p.Kind == PrincipalWebIdentity && strings.EqualFold(action, "sts:AssumeRoleWithSAML"):
		return "calls sts:AssumeRoleWithWebIdentity, not sts:AssumeRoleWithSAML"
	case p.Kind == PrincipalSAML && strings.EqualFold(action, "sts:AssumeRoleWithWebIdentity"):
		return "calls sts:AssumeRoleWithSAML, not sts:AssumeRoleWithWebIdentity"
	}
	return ""
}
