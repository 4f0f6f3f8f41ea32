package evaluator

// actionMatcher matches a request action against the Action or NotAction
// patterns of one statement (the caller handles NotAction, AC-3). Patterns
// are lower-cased at compile time; the request action is folded byte by
// byte while comparing (AC-1), so matching never allocates. The common
// shapes get precomputed fast paths; anything else uses the general glob
// (AC-2).
type actionMatcher struct {
	any  bool // some pattern is "*"
	pats []actionPattern
}

type actionKind uint8

const (
	actionExact  actionKind = iota // no wildcard: "s3:GetObject"
	actionPrefix                   // one trailing `*`: "s3:*", "s3:Get*"
	actionGlob                     // anything else
)

type actionPattern struct {
	kind actionKind
	lit  string // lower-cased pattern; for actionPrefix without the `*`
}

func compileActionMatcher(patterns []Value) actionMatcher {
	var m actionMatcher
	for _, v := range patterns {
		p := asciiLowerString(v.Text)
		switch {
		case p == "*":
			m.any = true
		case !hasGlobMeta(p):
			m.pats = append(m.pats, actionPattern{kind: actionExact, lit: p})
		case p[len(p)-1] == '*' && !hasGlobMeta(p[:len(p)-1]):
			m.pats = append(m.pats, actionPattern{kind: actionPrefix, lit: p[:len(p)-1]})
		default:
			m.pats = append(m.pats, actionPattern{kind: actionGlob, lit: p})
		}
	}
	return m
}

// match reports whether some pattern matches action (AC-1, AC-2).
func (m *actionMatcher) match(action string) bool {
	if m.any {
		return true
	}
	for i := range m.pats {
		p := &m.pats[i]
		switch p.kind {
		case actionExact:
			if len(p.lit) == len(action) && hasPrefixLower(action, p.lit) {
				return true
			}
		case actionPrefix:
			if hasPrefixLower(action, p.lit) {
				return true
			}
		default:
			if globMatchLower(p.lit, action) {
				return true
			}
		}
	}
	return false
}
