package evaluator

import (
	"unicode"
	"unicode/utf8"
)

// globReading selects one reading of the ambiguous points (AMB-1) and the
// matching mode.
type globReading struct {
	colons bool // Resource rules (RS-3): `*` and `?` do not cross colons, except a segment-final `*`
	loose  bool // RS-3.4 loose reading: wildcards in the resource part cross colons too
	// foldEnd: request bytes before this index compare ASCII case-insensitively
	// (RS-6 reading for partition/service/region/account).
	foldEnd int
	fold    uint8 // foldNone, foldASCII, foldUnicode (StringEqualsIgnoreCase, CO-6)
	wild    bool  // VA-6: `*` and `?` inside substituted values act as wildcards
	useDef  bool  // VA-5: a variable present with "" takes its default instead
	mode    uint8 // matchFull, matchPrefixAll, matchPrefixAny (PT-4)
}

const (
	foldNone uint8 = iota
	foldASCII
	foldUnicode
)

const (
	matchFull      uint8 = iota // the pattern matches s
	matchPrefixAll              // the pattern matches every string starting with s (PT-4)
	matchPrefixAny              // the pattern matches some string starting with s (PT-4)
)

const (
	gpNo uint8 = iota
	gpYes
	gpAbort
)

// globStepLimit bounds the backtracking work of one match. Exceeding it
// gives an unknown result (reason limitGlob), never a guess.
const globStepLimit = 1 << 16

var limitGlob = Reason{Kind: ReasonLimit, Ref: "glob"}

type globPieces struct {
	ps    []globPiece
	b     *varBinds
	s     string
	r     globReading
	steps int
	over  bool
}

// pieceText returns the text of piece i under the current bindings and
// whether its `*` and `?` are wildcards; any is true when the piece stands
// for an arbitrary string (unknown value or malformed variable).
func (m *globPieces) pieceText(i int) (text string, wild, any bool) {
	p := &m.ps[i]
	switch p.kind {
	case pieceGlob:
		return p.text, true, false
	case pieceLit:
		return p.text, false, false
	case pieceBad:
		return "", false, true
	}
	b := &m.b[p.slot]
	switch b.state {
	case bindAny:
		return "", false, true
	case bindUnset:
		// Callers never match a pattern whose variable is unset and has no
		// default (VA-5 is decided before matching).
		return p.text, m.r.wild, false
	}
	if b.text == "" && p.def && m.r.useDef {
		return p.text, m.r.wild, false
	}
	return b.text, m.r.wild, false
}

// match runs the reading over s. over reports that the step limit was hit.
func (m *globPieces) match() (ok, over bool) {
	m.steps, m.over = 0, false
	r := m.run(0, 0, 0)
	return r == gpYes, m.over
}

// next skips to the next piece with text left (or an "any" piece).
func (m *globPieces) norm(pi, off int) (int, int) {
	for pi < len(m.ps) {
		t, _, any := m.pieceText(pi)
		if any || off < len(t) {
			return pi, off
		}
		pi, off = pi+1, 0
	}
	return pi, 0
}

// segmentFinal reports whether the `*` before (pi, off) is the last
// character of a colon segment: followed only by more `*`, then `:` or the
// end (RS-3.2).
func (m *globPieces) segmentFinal(pi, off int) bool {
	for {
		pi, off = m.norm(pi, off)
		if pi >= len(m.ps) {
			return true
		}
		t, wild, any := m.pieceText(pi)
		if any {
			return false
		}
		c := t[off]
		if c == '*' && wild {
			off++
			continue
		}
		return c == ':'
	}
}

// restAllStars reports whether the pattern from (pi, off) is only stars
// and, with the star just passed (crossing), at least one crosses colons
// (PT-4 "matches every extension").
func (m *globPieces) restAllStars(pi, off int, crossing bool) bool {
	for {
		pi, off = m.norm(pi, off)
		if pi >= len(m.ps) {
			return crossing
		}
		t, wild, any := m.pieceText(pi)
		if any || t[off] != '*' || !wild {
			return false
		}
		res := m.ps[pi].res
		off++
		if !m.r.colons || (m.r.loose && res) || m.segmentFinal(pi, off) {
			crossing = true
		}
	}
}

func (m *globPieces) run(pi, off, si int) uint8 {
	m.steps++
	if m.steps > globStepLimit {
		m.over = true
		return gpAbort
	}
	s := m.s
	for {
		pi, off = m.norm(pi, off)
		if si >= len(s) {
			switch m.r.mode {
			case matchPrefixAny:
				return gpYes
			case matchPrefixAll:
				if m.restAllStars(pi, off, false) {
					return gpYes
				}
				return gpAbort
			}
		}
		if pi >= len(m.ps) {
			if si >= len(s) {
				return gpYes
			}
			return gpNo
		}
		t, wild, any := m.pieceText(pi)
		res := m.ps[pi].res
		if any {
			if m.r.mode == matchPrefixAll {
				return gpNo // an unknown part never guarantees a match
			}
			// An unknown value could be any string: a star crossing colons.
			return m.star(pi+1, 0, si, true)
		}
		// Fast run over plain characters of this piece.
		for off < len(t) && si < len(s) && t[off] == s[si] && !(wild && (t[off] == '*' || t[off] == '?')) {
			off++
			si++
		}
		if off >= len(t) || si >= len(s) && m.r.mode != matchFull {
			continue
		}
		c := t[off]
		if wild && c == '*' {
			cross := !m.r.colons || (m.r.loose && res) || m.segmentFinal(pi, off+1)
			return m.star(pi, off+1, si, cross)
		}
		if si >= len(s) {
			return gpAbort
		}
		if wild && c == '?' {
			if s[si] == ':' && m.r.colons && !(m.r.loose && res) {
				return gpNo
			}
			si += globRuneLen(s, si)
			off++
			continue
		}
		if c == s[si] {
			off++
			si++
			continue
		}
		switch {
		case m.r.fold == foldASCII || si < m.r.foldEnd:
			if asciiLower(c) == asciiLower(s[si]) {
				off++
				si++
				continue
			}
		case m.r.fold == foldUnicode:
			if pr, pn := utf8.DecodeRuneInString(t[off:]); pr >= utf8.RuneSelf || s[si] >= utf8.RuneSelf {
				sr, sn := utf8.DecodeRuneInString(s[si:])
				if runeEqualFold(pr, sr) {
					off += pn
					si += sn
					continue
				}
			} else if asciiLower(c) == asciiLower(s[si]) {
				off++
				si++
				continue
			}
		}
		return gpNo
	}
}

// star tries every extent of a `*` whose continuation starts at (pi, off).
// Like wildmat, reaching the end of s means no earlier star can help
// (gpAbort); a non-crossing star stopped by a colon returns gpNo so that an
// earlier star may still move past the colon.
func (m *globPieces) star(pi, off, si int, cross bool) uint8 {
	s := m.s
	for k := si; ; {
		if k >= len(s) && m.r.mode == matchPrefixAll && m.restAllStars(pi, off, cross) {
			return gpYes // this star absorbs every extension
		}
		if r := m.run(pi, off, k); r != gpNo {
			return r
		}
		if k >= len(s) {
			return gpAbort
		}
		if s[k] == ':' && !cross {
			return gpNo
		}
		k += globRuneLen(s, k)
	}
}

// runeEqualFold is the simple Unicode case folding of strings.EqualFold.
func runeEqualFold(a, b rune) bool {
	if a == b {
		return true
	}
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		return asciiLower(byte(a)) == asciiLower(byte(b))
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}

// Reading dimensions of one pattern (AMB-1): each bit selects the other
// reading of one [silent] point.
const (
	dimLoose = 1 << iota // RS-3.4: a mid-segment wildcard in the resource part crosses colons
	dimFold              // RS-6: partition/service/region/account compare case-insensitively
	dimWild              // VA-6: wildcards inside a substituted value act as wildcards
	dimDef               // VA-5: a variable present with "" takes its default
	dimUni               // CO-6: IgnoreCase uses Unicode simple folding, not ASCII folding
	dimCount = 5
)

var dimReasons = [dimCount]Reason{reasonRS3, reasonRS6, reasonVA6, reasonVA5, reasonCO6}

// varsPlain reports whether every variable of ps is bound to a known text
// (or takes its default) without wildcards, so the pattern has one reading.
func varsPlain(ps []globPiece, b *varBinds) bool {
	for i := range ps {
		pc := &ps[i]
		switch pc.kind {
		case pieceBad:
			return false
		case pieceVar:
			vb := &b[pc.slot]
			switch vb.state {
			case bindAny:
				return false
			case bindUnset:
				if !pc.def || hasGlobMeta(pc.text) {
					return false
				}
			case bindText:
				if hasGlobMeta(vb.text) || vb.text == "" && pc.def {
					return false
				}
			}
		}
	}
	return true
}

// pieceReadings matches s under every reading that applies. dims holds the
// caller's dimensions; the variables add VA-5 and VA-6 (the latter only
// when allowWild: Like, ARN and Resource patterns). Readings that disagree
// give TriUnknown and the reason of a dimension that matters; an unknown or
// malformed variable that could make the pattern match gives TriUnknown
// with its reason. unset reports a variable with no value and no default
// (VA-5): the pattern matches nothing, which the caller resolves.
func pieceReadings(ps []globPiece, b *varBinds, s string, base globReading, dims int, allowWild bool) (t Tri, reason Reason, unset bool) {
	var anyReason Reason
	for i := range ps {
		pc := &ps[i]
		switch pc.kind {
		case pieceBad:
			if anyReason.IsZero() {
				anyReason = reasonVA3
			}
		case pieceVar:
			vb := &b[pc.slot]
			switch vb.state {
			case bindUnset:
				if !pc.def {
					return TriFalse, Reason{}, true
				}
				if allowWild && hasGlobMeta(pc.text) {
					dims |= dimWild
				}
			case bindAny:
				if anyReason.IsZero() {
					anyReason = vb.u.reasonOr(Reason{})
				}
			case bindText:
				if allowWild && hasGlobMeta(vb.text) {
					dims |= dimWild
				}
				if vb.text == "" && pc.def {
					dims |= dimDef
					if allowWild && hasGlobMeta(pc.text) {
						dims |= dimWild
					}
				}
			}
		}
	}
	if dims&dimWild != 0 && base.colons {
		dims |= dimLoose // substituted wildcards may sit mid-segment
	}
	m := globPieces{ps: ps, b: b, s: s}
	t, reason = m.readings(base, dims&^dimDef, 0)
	if dims&dimDef != 0 && reason != limitGlob {
		// VA-5: the same with the default in place of "".
		t2, reason2 := m.readings(base, dims&^dimDef, dimDef)
		switch {
		case t2 == TriUnknown && t != TriUnknown:
			t, reason = t2, reason2
		case t != t2 && t != TriUnknown:
			t, reason = TriUnknown, reasonVA5
		}
	}
	if t == TriTrue && !anyReason.IsZero() {
		return TriUnknown, anyReason, false
	}
	return t, reason, false
}

// readings evaluates the monotone dimensions: each of them (RS-3.4 loose,
// RS-6 fold, VA-6 wildcards, CO-6 Unicode folding) only adds matches, so
// the base reading true means all are true, and the widest reading false
// means all are false. Otherwise the readings differ: name a dimension
// whose flip alone changes the answer.
func (m *globPieces) readings(base globReading, dims, fixed int) (Tri, Reason) {
	run := func(d int) (bool, bool) {
		m.r = base
		m.r.foldEnd = -1
		m.r.loose = d&dimLoose != 0
		m.r.wild = d&dimWild != 0
		m.r.useDef = d&dimDef != 0
		if d&dimFold != 0 {
			m.r.foldEnd = base.foldEnd
		}
		if d&dimUni != 0 {
			m.r.fold = foldUnicode
		}
		return m.match()
	}
	lo, over := run(fixed)
	if over {
		return TriUnknown, limitGlob
	}
	if lo || dims == 0 {
		return TriOf(lo), Reason{}
	}
	hi, over := run(fixed | dims)
	if over {
		return TriUnknown, limitGlob
	}
	if !hi {
		return TriFalse, Reason{}
	}
	first := -1
	for k := 0; k < dimCount; k++ {
		if dims&(1<<k) == 0 {
			continue
		}
		if first < 0 {
			first = k
		}
		if ok, _ := run(fixed | 1<<k); ok {
			return TriUnknown, dimReasons[k]
		}
	}
	return TriUnknown, dimReasons[first]
}
