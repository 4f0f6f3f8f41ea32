package evaluator

// Symbols among a free key's policy values (issue 8, QUANTIFICATION.md):
// an atom whose value names a symbol S (condition_symbol.go) is no regular
// language, so the witness search leaves it out and S contributes two
// kinds of representatives:
//   - S itself, a request value that is the symbol (same identity): it
//     stands for the request value equal to S's completion, whatever that
//     is, and the engine compares it with every atom three-valued (equal
//     to S; with another atom unknown when the completion may satisfy it);
//   - the values of the other atoms' classes, which the engine compares
//     with S as known strings: definitely not when they do not fit S's
//     form, else unknown.
// This is exact when S's atom names one string, the completion (Equals,
// or Like and ARN operators with no wildcard around the token): then a
// value other than the completion fails S's atom, so it has the atoms of
// its class's representative, or that representative's comparison with S
// is unknown and so is the answer that depends on it. Any other atom with
// a symbol (IgnoreCase: the completion's case variants satisfy it too, a
// wildcard around the token, several tokens), a multivalued key (a set of
// values cannot hold a symbol) or a key range make the key inexact: a
// bound, never a guess.

// symbolAtom is the atom of a value naming a symbol: it matches its own
// text only (for descriptions; the engine decides the contexts).
func symbolAtom(op BaseOperator, s *condSymbol) atom {
	text := s.text
	return atom{op: op, text: text, match: func(v string) bool { return v == text }, sym: s}
}

// symbolValues returns the representatives "the symbol itself" of the
// domain's symbol atoms, once per symbol, and why the domain is inexact
// ("" when exact).
func (d *keyDomain) symbolValues(kr *KeyRange) ([]keyValue, string) {
	var out []keyValue
	why := ""
	seen := map[string]bool{}
	for _, a := range d.atoms {
		s := a.sym
		if s == nil {
			continue
		}
		switch {
		case d.multi:
			why = "symbol " + s.id + " on multivalued key " + d.key
		case kr != nil:
			why = "symbol " + s.id + " on ranged key " + d.key
		case !s.literalText(a.op):
			why = "symbol " + s.id + " under " + string(a.op) + " on " + d.key
		}
		if s.several || seen[s.text] {
			continue
		}
		seen[s.text] = true
		out = append(out, keyValue{values: []string{s.text}, sym: &Unknown{Reason: s.id, Prefix: s.pre, Symbol: s.id, Fresh: s.fresh, Suffix: s.post}})
	}
	return out, why
}
