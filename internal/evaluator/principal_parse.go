package evaluator

import (
	"fmt"
	"strings"
)

// ParsePrincipal reads a caller as planscan and the provider write it (EV-0):
//
//   - an IAM user ARN, arn:P:iam::A:user/PATH/NAME;
//   - a role ARN, arn:P:iam::A:role/PATH/NAME, read as a session of that role
//     whose session name is unspecified (RoleARN keeps the path; the role is
//     service-linked when the path starts /aws-service-role/, EV-19);
//   - an assumed-role session, arn:P:sts::A:assumed-role/ROLE/SESSION. The
//     session ARN leaves out the role path (PR-6), so RoleARN is built as
//     arn:P:iam::A:role/ROLE, which is right only for roles at path "/":
//     callers that know the path must set RoleARN (and Path) themselves;
//   - a federated user, arn:P:sts::A:federated-user/NAME;
//   - the root user, arn:P:iam::A:root or a bare 12-digit account id (ARN is
//     then the root ARN in partition aws);
//   - a service principal such as s3.amazonaws.com (or .amazonaws.com.cn);
//   - "anonymous" or "*" for an unsigned request;
//   - a web-identity or SAML caller, named by its identity provider as a
//     trust policy's Federated principal names it (PR-9): an OIDC provider
//     ARN arn:P:iam::A:oidc-provider/HOST, a SAML provider ARN
//     arn:P:iam::A:saml-provider/NAME, accounts.google.com,
//     graph.facebook.com or www.amazon.com (cognito-identity.amazonaws.com
//     is a service principal here: see ParseCaller).
//
// Partitions: aws, aws-cn, aws-us-gov, aws-iso*, aws-eusc.
func ParsePrincipal(s string) (Principal, error) {
	if s == "" {
		return Principal{}, fmt.Errorf("principal %q: empty", s)
	}
	if s == "anonymous" || s == "*" {
		return Principal{Kind: PrincipalAnonymous, ARN: "anonymous"}, nil
	}
	if IsAccountID(s) {
		return Principal{Kind: PrincipalRoot, ARN: "arn:aws:iam::" + s + ":root", Partition: "aws", Account: s, Path: "/"}, nil
	}
	if !strings.HasPrefix(s, "arn:") {
		if IsWebIdentityProviderName(s) && s != "cognito-identity.amazonaws.com" {
			return webIdentityCaller(s), nil
		}
		if looksLikeServicePrincipal(s) {
			return Principal{Kind: PrincipalService, ARN: s, Name: s}, nil
		}
		return Principal{}, fmt.Errorf("principal %q: not an ARN, account id, service principal or \"anonymous\"", s)
	}
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 {
		return Principal{}, fmt.Errorf("principal %q: an ARN has six colon-separated parts", s)
	}
	partition, service, region, account, res := parts[1], parts[2], parts[3], parts[4], parts[5]
	if !principalPartitionKnown(partition) {
		return Principal{}, fmt.Errorf("principal %q: unknown partition %q", s, partition)
	}
	if region != "" {
		return Principal{}, fmt.Errorf("principal %q: IAM and STS principal ARNs have an empty region", s)
	}
	if !IsAccountID(account) {
		return Principal{}, fmt.Errorf("principal %q: account %q is not 12 digits", s, account)
	}
	if strings.ContainsAny(s, "*?") {
		return Principal{}, fmt.Errorf("principal %q: wildcards are not allowed in a principal (PR-3)", s)
	}
	p := Principal{ARN: s, Partition: partition, Account: account, Path: "/"}
	switch service {
	case "iam":
		return parseIAMPrincipal(s, p, res)
	case "sts":
		return parseSTSPrincipal(s, p, res)
	}
	return Principal{}, fmt.Errorf("principal %q: service %q is neither iam nor sts", s, service)
}

func parseIAMPrincipal(s string, p Principal, res string) (Principal, error) {
	if res == "root" {
		p.Kind = PrincipalRoot
		return p, nil
	}
	typ, rest, ok := strings.Cut(res, "/")
	if typ == "oidc-provider" || typ == "saml-provider" {
		if fp, ok := parseProviderARN(s, p, typ, rest); ok {
			return fp, nil
		}
		return Principal{}, fmt.Errorf("principal %q: an identity provider ARN is oidc-provider/HOST or saml-provider/NAME", s)
	}
	if !ok || (typ != "user" && typ != "role") {
		return Principal{}, fmt.Errorf("principal %q: an IAM principal is root, user/NAME, role/NAME, oidc-provider/HOST or saml-provider/NAME", s)
	}
	path, name, err := splitIAMPathName(rest)
	if err != nil {
		return Principal{}, fmt.Errorf("principal %q: %w", s, err)
	}
	p.Path, p.Name = path, name
	if typ == "user" {
		p.Kind = PrincipalUser
		return p, nil
	}
	p.Kind = PrincipalRoleSession
	p.RoleARN = s
	p.ServiceLinked = strings.HasPrefix(path, "/aws-service-role/")
	return p, nil
}

func parseSTSPrincipal(s string, p Principal, res string) (Principal, error) {
	typ, rest, ok := strings.Cut(res, "/")
	if !ok {
		return Principal{}, fmt.Errorf("principal %q: an STS principal is assumed-role/ROLE/SESSION or federated-user/NAME", s)
	}
	switch typ {
	case "assumed-role":
		role, session, ok := strings.Cut(rest, "/")
		if !ok || role == "" || session == "" || strings.Contains(session, "/") {
			return Principal{}, fmt.Errorf("principal %q: an assumed-role ARN is assumed-role/ROLE/SESSION", s)
		}
		p.Kind = PrincipalRoleSession
		p.Name, p.SessionName = role, session
		p.RoleARN = "arn:" + p.Partition + ":iam::" + p.Account + ":role/" + role
		return p, nil
	case "federated-user":
		if rest == "" || strings.Contains(rest, "/") {
			return Principal{}, fmt.Errorf("principal %q: a federated-user ARN is federated-user/NAME", s)
		}
		p.Kind = PrincipalFederatedUser
		p.Name = rest
		return p, nil
	}
	return Principal{}, fmt.Errorf("principal %q: an STS principal is assumed-role/ROLE/SESSION or federated-user/NAME", s)
}

// splitIAMPathName splits "path/to/name" into ("/path/to/", "name").
func splitIAMPathName(rest string) (path, name string, err error) {
	i := strings.LastIndexByte(rest, '/')
	name = rest[i+1:]
	if name == "" {
		return "", "", fmt.Errorf("empty name")
	}
	if i < 0 {
		return "/", name, nil
	}
	return "/" + rest[:i+1], name, nil
}

func principalPartitionKnown(p string) bool {
	switch p {
	case "aws", "aws-cn", "aws-us-gov", "aws-eusc":
		return true
	}
	return strings.HasPrefix(p, "aws-iso")
}

// servicePrincipalDNSSuffixes are the DNS suffixes of AWS service principals.
var servicePrincipalDNSSuffixes = []string{".amazonaws.com", ".amazonaws.com.cn", ".amazon.com", ".c2s.ic.gov", ".sc2s.sgov.gov"}

func looksLikeServicePrincipal(s string) bool {
	for _, suf := range servicePrincipalDNSSuffixes {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			name := s[:len(s)-len(suf)]
			for i := 0; i < len(name); i++ {
				c := name[i]
				if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
					return false
				}
			}
			return true
		}
	}
	return false
}
