package evaluator

// PrincipalKind is the kind of caller (EV-0).
type PrincipalKind uint8

const (
	PrincipalInvalid       PrincipalKind = iota
	PrincipalUser                        // IAM user
	PrincipalRoleSession                 // assumed-role session (also given as a role ARN)
	PrincipalFederatedUser               // GetFederationToken session
	PrincipalRoot                        // account root user
	PrincipalService                     // AWS service principal, e.g. s3.amazonaws.com
	PrincipalAnonymous                   // unsigned request
	PrincipalWebIdentity                 // caller of AssumeRoleWithWebIdentity (external IdP user)
	PrincipalSAML                        // caller of AssumeRoleWithSAML
)

func (k PrincipalKind) String() string {
	switch k {
	case PrincipalUser:
		return "user"
	case PrincipalRoleSession:
		return "role-session"
	case PrincipalFederatedUser:
		return "federated-user"
	case PrincipalRoot:
		return "root"
	case PrincipalService:
		return "service"
	case PrincipalAnonymous:
		return "anonymous"
	case PrincipalWebIdentity:
		return "web-identity"
	case PrincipalSAML:
		return "saml"
	}
	return "invalid"
}

// Principal is the caller model of EV-0. Build it with ParsePrincipal and
// add what the ARN cannot tell (role path, parent user, SLR flag, org facts).
type Principal struct {
	Kind PrincipalKind
	// ARN is the caller as given: user ARN, session ARN, federated-user ARN,
	// root ARN, the service principal name, or "anonymous".
	ARN       string
	Partition string
	Account   string // PA; for a service principal, empty
	// Name is the user name (user), role name (role session), federated user
	// name, or service principal name.
	Name string
	Path string // user or role path, "/" when unknown
	// RoleARN is the full role ARN of a role session (with path when known).
	RoleARN string
	// SessionName is the role session name; "" when the principal was given
	// as a role ARN (the session name is then unspecified).
	SessionName string
	// ParentUserARN is the IAM user behind a federated-user session (PR-5),
	// only when the caller states it; never inferred from a name.
	ParentUserARN string
	// UniqueID is the user or role unique id (AIDA..., AROA...), if known.
	UniqueID string
	// ServiceLinked marks a service-linked role (EV-19); inferred from a
	// role path starting /aws-service-role/ when not set.
	ServiceLinked bool
	// ManagementAccount says PA is the organization's management account (EV-5).
	ManagementAccount bool
	// FederatedProvider is the IdP of a web-identity or SAML caller
	// (OIDC/SAML provider ARN, or accounts.google.com, ...) (PR-9).
	FederatedProvider string
	// Unknown is set when the principal's ARN is known only after apply.
	Unknown *Unknown
}
