package evaluator

import "strings"

// Symbols in Principal (issue 8; symbol.go): an AWS principal entry that
// names a symbol, "arn:aws:iam::111122223333:role/reader-" then the token
// of aws_iam_role.reader (a role created with name_prefix), compares with
// the caller's own ARN (a role session's role ARN, a user's ARN) three
// ways (PT-3, PT-4, PT-6):
//   - definitely equal when the caller's ARN is the same symbol after the
//     same known prefix;
//   - definitely not equal when the caller is of another kind (PR-2: a
//     role entry names the role's sessions only), when a known ARN or
//     prefix contradicts the entry's known text, or when both are Fresh
//     symbols of different objects after the same prefix;
//   - unknown otherwise, naming the symbol: a literal ARN that fits the
//     entry's form may be the object's.

// principalSymbol is the symbol of an entry: its known text before and
// after the token.
type principalSymbol struct {
	pre, id, post string
	fresh         bool
}

// classifySymbolEntry classifies an entry that holds a symbol token: its
// form is that of the entry with the token read as a name.
func classifySymbolEntry(s string) (principalEntry, bool) {
	pre, id, fresh, post, ok := cutSymbol(s)
	if !ok || HasSymbol(post) {
		return principalEntry{}, false
	}
	e := classifyPrincipalEntry(pre + "x" + post)
	e.text = s
	if e.form != formUser && e.form != formRole {
		// only a user or a role is named by a symbol; anything else is
		// matched as unknown
		e.form = formPartialWildcard
	}
	e.sym = &principalSymbol{pre: pre, id: id, post: post, fresh: fresh}
	return e, true
}

// matchSymbolEntry matches a user or role entry naming a symbol.
func matchSymbolEntry(e *evalEnv, p *Principal, en *principalEntry) (matchKind, Tri) {
	kind, want := kindRole, PrincipalRoleSession
	if en.form == formUser {
		kind, want = kindUser, PrincipalUser
	}
	if en.form == formPartialWildcard {
		if !isAWSPrincipal(p) {
			return kindAccount, TriFalse
		}
		e.noteUnknown(ValueReason(en.sym.id))
		return directKind(p), TriUnknown
	}
	if p.Kind != want || !accountMayBe(p, en.account) {
		return kind, TriFalse
	}
	s := en.sym
	caller := p.ARN
	if want == PrincipalRoleSession {
		caller = p.RoleARN
	}
	if u := p.Unknown; u != nil && caller == "" {
		if u.Symbol != "" && u.Prefix == s.pre && u.Suffix == "" && s.post == "" {
			if u.Symbol == s.id {
				return kind, TriTrue // the same object
			}
			if u.Fresh && s.fresh && u.Prefix != "" {
				return kind, TriFalse // two objects the plan creates
			}
		}
		if !strings.HasPrefix(u.Prefix, s.pre) && !strings.HasPrefix(s.pre, u.Prefix) {
			return kind, TriFalse // PT-4: the known prefixes differ
		}
		e.noteUnknown(u.reasonOr(reasonPrincipal))
		e.noteUnknown(ValueReason(s.id))
		return kind, TriUnknown
	}
	if caller == "" {
		noteUnknownPrincipal(e, p)
		return kind, TriUnknown
	}
	// a known ARN: it may be the object's when it fits the entry's form (a
	// generated part, not empty, holding no "/" or ":")
	if len(caller) <= len(s.pre)+len(s.post) || !strings.HasPrefix(caller, s.pre) || !strings.HasSuffix(caller, s.post) {
		return kind, TriFalse
	}
	if gen := caller[len(s.pre) : len(caller)-len(s.post)]; s.fresh && strings.ContainsAny(gen, "/:") {
		return kind, TriFalse
	}
	e.noteUnknown(ValueReason(s.id))
	return kind, TriUnknown
}
