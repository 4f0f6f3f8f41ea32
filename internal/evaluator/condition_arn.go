package evaluator

import "strings"

// arnValue is a compiled ARN-operator policy value (CO-12): ArnEquals and
// ArnLike behave identically. The pattern is split at its first five
// colons into six components, each matched separately with `*` and `?`,
// case-sensitively; the 6th component is one unit.
type arnValue struct {
	short bool // fewer than six components (including a bare "*"): AMB-1
	text  string
	whole []globPiece // short with variables
	comps [6]arnComponent
	sym   *condSymbol // the value names a symbol (condition_symbol.go)
}

type arnComponent struct {
	text   string
	pieces []globPiece // nil without variables
}

func compileArnValue(v Value, varsEnabled bool, vs *varSlots) arnValue {
	p := arnValue{text: v.Text}
	if p.sym = compileCondSymbol(v.Text, FamilyARN); p.sym != nil {
		return p
	}
	if !varsEnabled || !strings.Contains(v.Text, "${") {
		rest := v.Text
		for i := 0; i < 5; i++ {
			j := strings.IndexByte(rest, ':')
			if j < 0 {
				p.short = true
				return p
			}
			p.comps[i].text = rest[:j]
			rest = rest[j+1:]
		}
		p.comps[5].text = rest
		return p
	}
	ps := compilePieces(v.Text, true, 0, -1, true, vs)
	// Split the pieces at the first five colons of their text; a variable
	// stays inside its component.
	ci := 0
	for _, pc := range ps {
		if pc.kind != pieceGlob && pc.kind != pieceLit || ci == 5 {
			p.comps[ci].pieces = append(p.comps[ci].pieces, pc)
			continue
		}
		t := pc.text
		for ci < 5 {
			j := strings.IndexByte(t, ':')
			if j < 0 {
				break
			}
			if j > 0 {
				p.comps[ci].pieces = append(p.comps[ci].pieces, globPiece{kind: pc.kind, text: t[:j]})
			}
			ci++
			t = t[j+1:]
		}
		if t != "" {
			p.comps[ci].pieces = append(p.comps[ci].pieces, globPiece{kind: pc.kind, text: t})
		}
	}
	if ci < 5 {
		p.short = true
		p.whole = ps
		return p
	}
	for i := range p.comps {
		c := &p.comps[i]
		if !piecesHaveVars(c.pieces) && len(c.pieces) <= 1 && (len(c.pieces) == 0 || c.pieces[0].kind == pieceGlob) {
			if len(c.pieces) == 1 {
				c.text = c.pieces[0].text
			}
			c.pieces = nil
		} else if c.pieces == nil {
			c.pieces = []globPiece{}
		}
	}
	return p
}

func (p *arnValue) unset(b *varBinds) bool {
	if p.short {
		return piecesUnset(p.whole, b)
	}
	for i := range p.comps {
		if piecesUnset(p.comps[i].pieces, b) {
			return true
		}
	}
	return false
}

// match reports whether the request value v matches this ARN pattern.
func (p *arnValue) match(v string, b *varBinds, notes *triNotes) Tri {
	if p.sym != nil {
		return p.sym.matchKnown(OpArnLike, v, notes)
	}
	if p.short {
		// [silent]: read as StringLike over the whole string, or as a
		// pattern that matches nothing; AMB-1 when StringLike matches.
		var t Tri
		if p.whole == nil {
			t = TriOf(globMatch(p.text, v))
		} else {
			t = notes.reading(pieceReadings(p.whole, b, v, globReading{}, 0, true))
		}
		if t != TriFalse {
			notes.add(reasonCO12)
			return TriUnknown
		}
		return TriFalse
	}
	out := TriTrue
	rest := v
	for i := range p.comps {
		part := rest
		if i < 5 {
			j := strings.IndexByte(rest, ':')
			if j < 0 {
				return TriFalse // not a 6-part ARN [inferred]
			}
			part, rest = rest[:j], rest[j+1:]
		}
		c := &p.comps[i]
		var t Tri
		if c.pieces == nil {
			t = TriOf(globMatch(c.text, part))
		} else {
			t = notes.reading(pieceReadings(c.pieces, b, part, globReading{}, 0, true))
		}
		if t == TriFalse {
			return TriFalse
		}
		out = out.And(t)
	}
	return out
}
