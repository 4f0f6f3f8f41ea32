package evaluator

import "strings"

// strValue is a compiled String-operator policy value (CO-6). Without
// policy variables the text is compared directly; with them the pieces
// are matched against the request value without substituting (VA-*).
type strValue struct {
	text     string
	pieces   []globPiece // nil when the value holds no variable syntax
	nonASCII bool
	glob     globSpan    // globSpanOf(text), for StringLike without pieces
	sym      *condSymbol // the value names a symbol (condition_symbol.go)
}

func compileStrValue(v Value, base BaseOperator, varsEnabled bool, vs *varSlots) strValue {
	p := strValue{text: v.Text, nonASCII: !isASCII(v.Text)}
	if p.sym = compileCondSymbol(v.Text, FamilyString); p.sym != nil {
		return p
	}
	if varsEnabled && strings.Contains(v.Text, "${") {
		like := base == OpStringLike || base == OpStringNotLike
		ps := compilePieces(v.Text, true, 0, -1, like, vs)
		if len(ps) != 1 || ps[0].kind == pieceVar || ps[0].kind == pieceBad {
			p.pieces = ps
		} else {
			p.text = ps[0].text
		}
	}
	p.glob = globSpanOf(p.text)
	return p
}

// unset reports a variable without value or default (VA-5): the value
// matches nothing.
func (p *strValue) unset(b *varBinds) bool {
	return piecesUnset(p.pieces, b)
}

func piecesUnset(ps []globPiece, b *varBinds) bool {
	for i := range ps {
		if pc := &ps[i]; pc.kind == pieceVar && !pc.def && b[pc.slot].state == bindUnset {
			return true
		}
	}
	return false
}

// match reports whether the request value v matches this policy value
// under the (non-negated form of the) operator.
func (p *strValue) match(op BaseOperator, v string, b *varBinds, notes *triNotes) Tri {
	if p.sym != nil {
		return p.sym.matchKnown(op, v, notes)
	}
	switch op {
	case OpStringEquals, OpStringNotEquals:
		if p.pieces == nil {
			return TriOf(v == p.text)
		}
		return notes.reading(pieceReadings(p.pieces, b, v, globReading{}, 0, false))
	case OpStringEqualsIgnoreCase, OpStringNotEqualsIgnoreCase:
		if p.pieces == nil {
			a := equalFoldASCII(v, p.text)
			if (p.nonASCII || !isASCII(v)) && strings.EqualFold(v, p.text) != a {
				// CO-6: ASCII folding and Unicode simple folding disagree.
				notes.add(reasonCO6)
				return TriUnknown
			}
			return TriOf(a)
		}
		dims := 0
		if p.nonASCII || !isASCII(v) || !bindsASCII(p.pieces, b) {
			dims = dimUni
		}
		return notes.reading(pieceReadings(p.pieces, b, v, globReading{fold: foldASCII}, dims, false))
	}
	// StringLike, StringNotLike: `*` and `?` anywhere, case-sensitive.
	if p.pieces == nil {
		return TriOf(globMatch(p.text, v))
	}
	return notes.reading(pieceReadings(p.pieces, b, v, globReading{}, 0, true))
}

// reading turns a pieceReadings answer into a Tri: an unset variable
// matches nothing (VA-5), an unknown answer records its reason.
func (n *triNotes) reading(t Tri, reason Reason, unset bool) Tri {
	if unset {
		return TriFalse
	}
	if t == TriUnknown {
		n.add(reason)
	}
	return t
}

func bindsASCII(ps []globPiece, b *varBinds) bool {
	for i := range ps {
		pc := &ps[i]
		if pc.kind != pieceVar {
			continue
		}
		if !isASCII(pc.text) || b[pc.slot].state == bindText && !isASCII(b[pc.slot].text) {
			return false
		}
	}
	return true
}
