package evaluator

import "strings"

// KeyRange narrows the values that a free key ranges over to those a kind
// of caller can send: planscan's gate asks "a caller from some account of
// organization o-a1b2c3d4e5" with aws:PrincipalOrgID fixed and
// aws:PrincipalOrgPaths ranging over the paths of that organization only
// (CTX-9). Present values match one of Like (when given) and none of
// NotLike, as StringLike matches (CO-6; each value of a multivalued key);
// Present says the key is never absent. The patterns are added to the
// key's atoms, so the classes split along them and dropping the classes
// outside the range is exact. Only keys of the string family can be
// narrowed; a range on another key makes the answer unknown (bound:).
type KeyRange struct {
	Key     string
	Like    []string
	NotLike []string
	Present bool
}

// rangeFor finds the range of a key (case-insensitive, CO-2).
func rangeFor(ranges []KeyRange, key string) *KeyRange {
	for i := range ranges {
		if strings.EqualFold(ranges[i].Key, key) {
			return &ranges[i]
		}
	}
	return nil
}

// atoms are the range's patterns as atoms of the witness search.
func (kr *KeyRange) atoms() []atom {
	if kr == nil {
		return nil
	}
	var out []atom
	for _, p := range append(append([]string{}, kr.Like...), kr.NotLike...) {
		re := regularAtom(OpStringLike, p)
		out = append(out, atom{op: OpStringLike, text: p, match: re.matches, re: re})
	}
	return out
}

// holds: v is inside the range.
func (kr *KeyRange) holds(v string) bool {
	in := len(kr.Like) == 0
	for _, p := range kr.Like {
		in = in || globMatch(p, v)
	}
	for _, p := range kr.NotLike {
		in = in && !globMatch(p, v)
	}
	return in
}

// narrow keeps the representative values inside the range and says
// whether the key may still be absent.
func (kr *KeyRange) narrow(d *keyDomain, present []string, mayAbsent bool) ([]string, bool) {
	if !d.regular {
		d.inexact = "range on non-string key " + d.key
		return present, mayAbsent
	}
	var out []string
	for _, v := range present {
		if kr.holds(v) {
			out = append(out, v)
		}
	}
	if len(out) == 0 && kr.Present {
		d.inexact = "empty range on " + d.key
	}
	return out, mayAbsent && !kr.Present
}
