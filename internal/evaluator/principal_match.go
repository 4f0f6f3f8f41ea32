package evaluator

import "strings"

// matchKind is how a Principal element names the caller (EV-8): the kind
// decides which implicit denies a same-account resource-policy grant skips.
type matchKind uint8

const (
	kindUser       matchKind = iota // the caller's IAM user ARN
	kindSession                     // the caller's assumed-role or federated-user session ARN
	kindRole                        // the role ARN of the caller's session
	kindParentUser                  // the IAM user behind a federated-user session
	kindStar                        // "*" or {"AWS":"*"}
	kindAccount                     // the caller's account (id or root ARN)
	kindService                     // the calling service principal
	kindFederated                   // the IdP of a web-identity or SAML caller
	numKinds
)

var matchKindNames = [numKinds]string{"USER", "SESSION", "ROLE", "PARENT-USER", "STAR", "ACCOUNT", "SERVICE", "FEDERATED"}

func (k matchKind) String() string {
	if k < numKinds {
		return matchKindNames[k]
	}
	return "none"
}

// kindTris holds, for each match kind, whether the element names the caller
// that way: TriTrue, TriFalse or TriUnknown (PT-6).
type kindTris [numKinds]Tri

// any is the disjunction over all kinds.
func (k *kindTris) any() Tri {
	r := TriFalse
	for _, t := range k {
		r = r.Or(t)
	}
	return r
}

// principalForm is the shape of one entry of a Principal element (PR-2..PR-10).
type principalForm uint8

const (
	formOther           principalForm = iota // matches nobody (the validator reports it)
	formStar                                 // "*" (PR-11)
	formPartialWildcard                      // a * or ? inside a value (PR-3)
	formAccount                              // 12 digits or arn:P:iam::A:root (PR-4)
	formUser                                 // arn:P:iam::A:user/PATH/NAME (PR-5)
	formRole                                 // arn:P:iam::A:role/PATH/NAME (PR-6)
	formAssumedRole                          // arn:P:sts::A:assumed-role/ROLE/SESSION (PR-7)
	formFederatedUser                        // arn:P:sts::A:federated-user/NAME (PR-7)
	formUserID                               // AIDA... (PR-8)
	formRoleID                               // AROA... (PR-8)
)

type principalEntry struct {
	form      principalForm
	text      string
	partition string // "" for a bare account id
	account   string
	roleName  string // formAssumedRole
	// sym is set when the entry names a symbol (principal_symbol.go)
	sym *principalSymbol
}

// principalMatcher is a compiled Principal or NotPrincipal element.
type principalMatcher struct {
	wildcard  bool // the bare string "*"
	aws       []principalEntry
	service   []string
	federated []string
	canonical bool // some CanonicalUser entry (PR-10)
}

func compilePrincipalMatcher(p *Principals) *principalMatcher {
	if p == nil {
		return nil
	}
	m := &principalMatcher{wildcard: p.Wildcard, canonical: len(p.CanonicalUser) > 0}
	for _, v := range p.AWS {
		if HasSymbol(v.Text) {
			if en, ok := classifySymbolEntry(v.Text); ok {
				m.aws = append(m.aws, en)
				continue
			}
		}
		m.aws = append(m.aws, classifyPrincipalEntry(v.Text))
	}
	for _, v := range p.Service {
		m.service = append(m.service, v.Text)
	}
	for _, v := range p.Federated {
		m.federated = append(m.federated, v.Text)
	}
	return m
}

func classifyPrincipalEntry(s string) principalEntry {
	e := principalEntry{text: s}
	switch {
	case s == "*":
		e.form = formStar
		return e
	case strings.ContainsAny(s, "*?"):
		e.form = formPartialWildcard
		return e
	case IsAccountID(s):
		e.form, e.account = formAccount, s
		return e
	case len(s) > 4 && (strings.HasPrefix(s, "AIDA") || strings.HasPrefix(s, "AROA")) && !strings.Contains(s, ":"):
		if s[1] == 'I' {
			e.form = formUserID
		} else {
			e.form = formRoleID
		}
		return e
	}
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[3] != "" || !IsAccountID(parts[4]) {
		return e
	}
	e.partition, e.account = parts[1], parts[4]
	res := parts[5]
	switch parts[2] {
	case "iam":
		switch {
		case res == "root":
			e.form = formAccount
		case strings.HasPrefix(res, "user/"):
			e.form = formUser
		case strings.HasPrefix(res, "role/"):
			e.form = formRole
		}
	case "sts":
		switch {
		case strings.HasPrefix(res, "assumed-role/"):
			role, session, ok := strings.Cut(res[len("assumed-role/"):], "/")
			if ok && role != "" && session != "" {
				e.form, e.roleName = formAssumedRole, role
			}
		case strings.HasPrefix(res, "federated-user/"):
			e.form = formFederatedUser
		}
	}
	return e
}

// directKind is the kind through which an entry naming exactly this caller
// would match; used where the entry's meaning is unknown (PR-3).
func directKind(p *Principal) matchKind {
	switch p.Kind {
	case PrincipalUser:
		return kindUser
	case PrincipalRoleSession, PrincipalFederatedUser:
		return kindSession
	case PrincipalService:
		return kindService
	case PrincipalWebIdentity, PrincipalSAML:
		return kindFederated
	case PrincipalAnonymous:
		return kindStar
	}
	return kindAccount
}

// isAWSPrincipal: callers that {"AWS": ...} entries can name.
func isAWSPrincipal(p *Principal) bool {
	switch p.Kind {
	case PrincipalUser, PrincipalRoleSession, PrincipalFederatedUser, PrincipalRoot:
		return true
	}
	return false
}

// match says, for each kind, whether the element names the caller.
// endpoint applies the endpoint-policy reading of account entries (PR-14).
func (m *principalMatcher) match(e *evalEnv, endpoint bool) (k kindTris) {
	p := &e.req.Principal
	if m.wildcard {
		// PR-11, PR-12: a bare "*" matches every caller, service principals too.
		k[kindStar] = TriTrue
	}
	for i := range m.aws {
		kind, t := matchAWSEntry(e, p, &m.aws[i], endpoint)
		k[kind] = k[kind].Or(t)
	}
	if len(m.service) > 0 && p.Kind == PrincipalService {
		for _, s := range m.service {
			switch {
			case s == p.Name:
				k[kindService] = TriTrue
			case strings.EqualFold(s, p.Name):
				// PR-9: whether case matters is not documented (AMB-1).
				k[kindService] = k[kindService].Or(TriUnknown)
				e.noteUnknown(AmbiguousReason("PR-9"))
			}
		}
	}
	if len(m.federated) > 0 && (p.Kind == PrincipalWebIdentity || p.Kind == PrincipalSAML) {
		for _, f := range m.federated {
			switch {
			case p.FederatedProvider == "":
				k[kindFederated] = k[kindFederated].Or(TriUnknown)
				e.noteUnknown(Reason{Kind: ReasonPrincipal, Ref: "federated-provider"})
			case f == p.FederatedProvider:
				k[kindFederated] = TriTrue
			}
		}
	}
	if m.canonical && isAWSPrincipal(p) {
		// PR-10: the model does not map callers to canonical ids.
		k[kindAccount] = k[kindAccount].Or(TriUnknown)
		e.noteUnknown(Reason{Kind: ReasonPrincipal, Rule: "PR-10"})
	}
	return k
}

func matchAWSEntry(e *evalEnv, p *Principal, en *principalEntry, endpoint bool) (matchKind, Tri) {
	if en.sym != nil {
		return matchSymbolEntry(e, p, en)
	}
	unknownARN := p.Unknown != nil
	switch en.form {
	case formStar:
		switch p.Kind {
		case PrincipalService, PrincipalWebIdentity, PrincipalSAML:
			// PR-12: {"AWS":"*"} against a caller that is no AWS principal (AMB-1).
			e.noteUnknown(AmbiguousReason("PR-12"))
			return kindStar, TriUnknown
		}
		return kindStar, TriTrue
	case formPartialWildcard:
		// PR-3: IAM rejects partial wildcards; what they would match is unknown.
		if !isAWSPrincipal(p) {
			return kindAccount, TriFalse
		}
		e.noteUnknown(AmbiguousReason("PR-3"))
		return directKind(p), TriUnknown
	case formAccount:
		if !isAWSPrincipal(p) {
			return kindAccount, TriFalse
		}
		if endpoint && p.Kind != PrincipalRoot {
			// PR-14: in an endpoint policy an account names its root user only.
			return kindAccount, TriFalse
		}
		if en.partition != "" && p.Partition != "" && en.partition != p.Partition {
			return kindAccount, TriFalse
		}
		if p.Account == "" {
			noteUnknownPrincipal(e, p)
			return kindAccount, TriUnknown
		}
		return kindAccount, TriOf(en.account == p.Account)
	case formUser:
		switch p.Kind {
		case PrincipalUser:
			return kindUser, matchCallerARN(e, p, en, unknownARN)
		case PrincipalFederatedUser:
			// PR-5: only a recorded parent user; never inferred from a name.
			if p.ParentUserARN != "" {
				return kindParentUser, TriOf(p.ParentUserARN == en.text)
			}
			if unknownARN {
				noteUnknownPrincipal(e, p)
				return kindParentUser, TriUnknown
			}
		}
		return kindUser, TriFalse
	case formRole:
		if p.Kind != PrincipalRoleSession {
			return kindRole, TriFalse
		}
		if p.RoleARN == "" {
			if unknownARN && accountMayBe(p, en.account) {
				noteUnknownPrincipal(e, p)
				return kindRole, TriUnknown
			}
			return kindRole, TriFalse
		}
		return kindRole, TriOf(p.RoleARN == en.text)
	case formAssumedRole:
		if p.Kind != PrincipalRoleSession {
			return kindSession, TriFalse
		}
		if unknownARN {
			return kindSession, matchCallerARN(e, p, en, true)
		}
		if p.SessionName == "" {
			// A role ARN caller is a session whose name is unspecified.
			if en.account == p.Account && en.partition == p.Partition && en.roleName == p.Name {
				e.noteUnknown(Reason{Kind: ReasonPrincipal, Ref: "session-name"})
				return kindSession, TriUnknown
			}
			return kindSession, TriFalse
		}
		return kindSession, TriOf(p.ARN == en.text)
	case formFederatedUser:
		if p.Kind != PrincipalFederatedUser {
			return kindSession, TriFalse
		}
		return kindSession, matchCallerARN(e, p, en, unknownARN)
	case formUserID, formRoleID:
		want, kind := PrincipalUser, kindUser
		if en.form == formRoleID {
			want, kind = PrincipalRoleSession, kindRole
		}
		if p.Kind != want {
			return kind, TriFalse
		}
		if p.UniqueID == "" {
			// PR-8: an id matches only when the model has that id.
			e.noteUnknown(Reason{Kind: ReasonPrincipal, Rule: "PR-8"})
			return kind, TriUnknown
		}
		return kind, TriOf(p.UniqueID == en.text)
	}
	return kindAccount, TriFalse
}

// matchCallerARN compares an entry with the caller's own ARN; an unknown ARN
// gives TriUnknown unless its known prefix rules the entry out (PT-4, PT-6).
func matchCallerARN(e *evalEnv, p *Principal, en *principalEntry, unknownARN bool) Tri {
	if !unknownARN {
		return TriOf(p.ARN == en.text)
	}
	if p.Unknown.Prefix != "" && !strings.HasPrefix(en.text, p.Unknown.Prefix) {
		return TriFalse
	}
	if !accountMayBe(p, en.account) {
		return TriFalse
	}
	noteUnknownPrincipal(e, p)
	return TriUnknown
}

func accountMayBe(p *Principal, account string) bool {
	return p.Account == "" || p.Account == account
}

func noteUnknownPrincipal(e *evalEnv, p *Principal) {
	if p.Unknown != nil {
		e.noteUnknown(p.Unknown.reasonOr(reasonPrincipal))
		return
	}
	e.noteUnknown(reasonPrincipal)
}

// reasonPrincipal: the principal is unknown and the caller did not say why.
var reasonPrincipal = Reason{Kind: ReasonPrincipal}

// listed decides PR-13 for a NotPrincipal element: is the caller named in
// every way AWS might check (session, role and account; user and account)?
// All named: TriTrue. The caller itself (session or user ARN) not named:
// TriFalse, whatever else is named; the [NP] examples deny "all principals
// except the assumed-role user named cross-account-audit-app" while listing its
// role and account too, so another session of that role is denied. The
// caller named but its role or account missing: AMB-1, because AWS "might
// validate the account first" [NP].
func (m *principalMatcher) listed(e *evalEnv) Tri {
	k := m.match(e, false)
	if k[kindStar] == TriTrue {
		return TriTrue
	}
	p := &e.req.Principal
	var parts [3]Tri
	n := 0
	switch p.Kind {
	case PrincipalUser:
		parts[0], parts[1], n = k[kindUser], k[kindAccount], 2
	case PrincipalRoleSession:
		parts[0], parts[1], parts[2], n = k[kindSession], k[kindRole], k[kindAccount], 3
	case PrincipalFederatedUser:
		parts[0], parts[1], n = k[kindSession], k[kindAccount], 2
	case PrincipalRoot:
		parts[0], n = k[kindAccount], 1
	case PrincipalService:
		parts[0], n = k[kindService], 1
	case PrincipalWebIdentity, PrincipalSAML:
		parts[0], n = k[kindFederated], 1
	default:
		parts[0], n = TriFalse, 1
	}
	if parts[0] == TriFalse {
		return k[kindStar] // the caller itself is not named
	}
	var sawT, sawF, sawU bool
	for _, t := range parts[:n] {
		switch t {
		case TriTrue:
			sawT = true
		case TriFalse:
			sawF = true
		default:
			sawU = true
		}
	}
	var r Tri
	switch {
	case sawT && sawF:
		e.noteUnknown(AmbiguousReason("PR-13"))
		r = TriUnknown
	case sawU:
		r = TriUnknown
	case sawT:
		r = TriTrue
	default:
		r = TriFalse
	}
	return r.Or(k[kindStar])
}
