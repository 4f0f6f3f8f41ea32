package evaluator

import "strings"

// Which statements of a resource-side policy can apply to a caller by their
// Principal or NotPrincipal element alone, and index keys that find those
// policies without asking every one. Callers that decide many principals
// against many resource and trust policies (planscan's access matrix and
// escalation graph) ask these instead of restating §2.

// PrincipalApplies says whether some statement of the policy can apply to
// the caller by its Principal or NotPrincipal element (§2), whatever the
// action, resource and context of the request:
//
//   - TriFalse: no statement can (no entry names the caller, PR-2..PR-12;
//     every NotPrincipal lists it, PR-13), so the document takes no part in
//     the caller's decisions;
//   - TriTrue: some statement's element names the caller;
//   - TriUnknown: it depends on what the principal model lacks: an unknown
//     caller ARN (PT-6), a partial wildcard (PR-3), a unique id (PR-8), a
//     canonical id (PR-10), a service name that differs in case (PR-9,
//     AMB-1), or the document itself is unknown (PT-5) or invalid.
//
// withBoundary says the caller has a permissions boundary: a NotPrincipal
// Deny then applies whatever it lists (EV-20). A statement without either
// element (RCPs) applies to every caller.
func (p *CompiledPolicy) PrincipalApplies(caller *Principal, withBoundary bool) Tri {
	if p.unknown != nil || p.invalid {
		return TriUnknown
	}
	if p.appliesToEveryone() {
		return TriTrue
	}
	e := &evalEnv{req: &Request{Principal: *caller}, res: &Result{}}
	endpoint := p.typ == PolicyEndpoint
	r := TriFalse
	for cp := p; cp != nil && r != TriTrue; cp = cp.alt {
		for i := range cp.stmts {
			st := &cp.stmts[i]
			var who Tri
			switch {
			case st.principal != nil:
				k := st.principal.match(e, endpoint)
				who = k.any()
			case st.notPrincipal != nil:
				who = TriTrue
				if st.effect != EffectDeny || !withBoundary {
					who = st.notPrincipal.listed(e).Not()
				}
			default:
				who = TriTrue
			}
			if r = r.Or(who); r == TriTrue {
				break
			}
		}
	}
	return r
}

// appliesToEveryone reports a statement that applies to every caller
// whatever its identity: a bare "*" Principal (PR-11, PR-12) or neither
// Principal nor NotPrincipal. PrincipalApplies answers TriTrue for it
// without building a request: planscan asks it for every principal and
// every bucket of a plan whose bucket policies hold a Deny for "*" (one
// million questions on the 4,600-resource plan with its source).
func (p *CompiledPolicy) appliesToEveryone() bool {
	for i := range p.stmts {
		st := &p.stmts[i]
		if st.principal != nil && st.principal.wildcard || st.principal == nil && st.notPrincipal == nil {
			return true
		}
	}
	return false
}

// Policy returns the document compiled as a resource policy
// (PolicyResource) or as a trust policy (PolicyTrust: no Resource element,
// RS-1), as decisions use it; nil for other types. Ask PrincipalApplies and
// PrincipalKeys of the one the document stands for: a trust policy is
// invalid as a resource policy.
func (c *CompiledResource) Policy(typ PolicyType) *CompiledPolicy {
	switch typ {
	case PolicyResource:
		return c.resource
	case PolicyTrust:
		return c.trust
	}
	return nil
}

// PrincipalKeys returns lookup keys for the callers the policy's Principal
// elements may name, for indexes over many documents. any says some
// statement may apply to callers of every key: a "*" (PR-11), a partial
// wildcard (PR-3), a NotPrincipal (PR-13), a statement without either
// element, or an unknown or invalid document. The contract, with CallerKeys:
// when PrincipalApplies is not TriFalse, any is set or the two key lists
// share a key. The keys are opaque.
func (p *CompiledPolicy) PrincipalKeys() (keys []string, any bool) {
	if p.unknown != nil || p.invalid {
		return nil, true
	}
	seen := map[string]bool{}
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	for cp := p; cp != nil; cp = cp.alt {
		for i := range cp.stmts {
			if statementKeys(&cp.stmts[i], add) {
				return nil, true
			}
		}
	}
	return keys, false
}

// statementKeys adds the keys of one statement's Principal element; true
// when it may name callers of every key.
func statementKeys(st *compiledStatement, add func(string)) (all bool) {
	m := st.principal
	if m == nil || m.wildcard {
		return true // NotPrincipal, neither element, or "*"
	}
	for _, en := range m.aws {
		k, all := entryKey(&en)
		if all {
			return true
		}
		if k != "" {
			add(k)
			add(keyAWS)
		}
	}
	for _, s := range m.service {
		add("service:" + strings.ToLower(s)) // PR-9: case may not matter
	}
	if len(m.federated) > 0 {
		add("federated")
	}
	if m.canonical {
		add("canonical") // PR-10: any AWS principal may have the id
		add(keyAWS)
	}
	return false
}

// StatementKeys is PrincipalKeys statement by statement, in document order:
// the same contract for each statement alone (when the statement can apply
// to a caller by its Principal or NotPrincipal element, any is set or the
// caller's keys share one of its keys). ok is false for a document known
// only after apply, invalid, or with a first-wins reading (GR-2), whose
// statements do not stand alone.
func (p *CompiledPolicy) StatementKeys() (keys [][]string, any []bool, ok bool) {
	if p.unknown != nil || p.invalid || p.alt != nil {
		return nil, nil, false
	}
	keys, any = make([][]string, len(p.stmts)), make([]bool, len(p.stmts))
	for i := range p.stmts {
		var ks []string
		if any[i] = statementKeys(&p.stmts[i], func(k string) { ks = append(ks, k) }); !any[i] {
			keys[i] = ks
		}
	}
	return keys, any, true
}

// keyAWS is the key of every document that may name some AWS principal:
// the one key of a caller whose ARN or account is unknown (PT-6).
const keyAWS = "aws"

// entryKey is the key of an AWS entry; all when it may name any caller.
func entryKey(en *principalEntry) (key string, all bool) {
	switch en.form {
	case formStar, formPartialWildcard:
		return "", true
	case formAccount:
		return "account:" + en.account, false
	case formUser, formRole, formFederatedUser:
		return "arn:" + en.text, false
	case formAssumedRole:
		// a session of the role, whatever its session name (PR-7)
		return "role:" + en.account + ":" + en.roleName, false
	case formUserID:
		return "uid:user", false // PR-8: any user whose id the model lacks
	case formRoleID:
		return "uid:role", false
	}
	return "", false // names nobody
}

// CallerKeys returns the keys a caller is looked up by in an index built
// from PrincipalKeys.
func CallerKeys(p *Principal) []string {
	switch p.Kind {
	case PrincipalService:
		return []string{"service:" + strings.ToLower(p.Name)}
	case PrincipalWebIdentity, PrincipalSAML:
		return []string{"federated"}
	case PrincipalAnonymous:
		return nil
	}
	if p.Unknown != nil || p.ARN == "" || p.Account == "" {
		return []string{keyAWS}
	}
	keys := []string{"account:" + p.Account, "canonical"}
	switch p.Kind {
	case PrincipalUser:
		keys = append(keys, "arn:"+p.ARN, "uid:user")
	case PrincipalRoleSession:
		keys = append(keys, "arn:"+p.ARN, "role:"+p.Account+":"+p.Name, "uid:role")
		if p.RoleARN != "" {
			keys = append(keys, "arn:"+p.RoleARN)
		}
	case PrincipalFederatedUser:
		keys = append(keys, "arn:"+p.ARN)
		if p.ParentUserARN != "" {
			keys = append(keys, "arn:"+p.ParentUserARN)
		}
	}
	return keys
}
