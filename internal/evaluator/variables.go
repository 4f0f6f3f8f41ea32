package evaluator

import (
	"unicode"
	"unicode/utf8"
)

// Policy variables (VA-1..VA-6) are never substituted into a new string:
// a pattern is compiled into pieces (pattern text, literal text, variable
// references) and globPieces matches the pieces against the request string
// directly, so evaluation does not allocate.

type pieceKind uint8

const (
	pieceGlob pieceKind = iota // pattern text: `*` and `?` are wildcards (in Like/ARN/Resource patterns)
	pieceLit                   // literal text: ${*} ${?} ${$}, and all text of the Equals operators
	pieceVar                   // ${key} or ${key, 'default'}
	pieceBad                   // a malformed variable (VA-3): could stand for anything
)

type globPiece struct {
	kind pieceKind
	text string // glob/literal text, or the default of a variable
	slot uint8  // pieceVar: index of the variable's binding
	def  bool   // pieceVar: a default was given
	res  bool   // the piece lies after the pattern's 5th colon (RS-3.4)
}

// maxVarSlots bounds the distinct variables of one matcher; bindings live in
// a fixed array on the stack. Further variables bind as unknown (fail closed).
const maxVarSlots = 16

type bindState uint8

const (
	bindUnset bindState = iota // key absent, multivalued, or not exactly one value (VA-4)
	bindText                   // a known single value
	bindAny                    // an unknown value (PT-1): the variable could be anything
)

type varBind struct {
	state bindState
	text  string
	u     *Unknown // bindAny
}

type varBinds [maxVarSlots]varBind

// noBinds serves matchers without variables (never written).
var noBinds varBinds

// varSlots maps the distinct variable keys of one matcher to binding slots.
type varSlots struct {
	keys []string
}

func (vs *varSlots) slot(key string) (uint8, bool) {
	for i, k := range vs.keys {
		if equalFoldASCII(k, key) { // VA-3: key names are case-insensitive
			return uint8(i), true
		}
	}
	if len(vs.keys) >= maxVarSlots {
		return 0, false
	}
	vs.keys = append(vs.keys, key)
	return uint8(len(vs.keys) - 1), true
}

// bind resolves every slot against the request context.
func (vs *varSlots) bind(e *evalEnv, b *varBinds) {
	for i, k := range vs.keys {
		b[i] = bindVariable(e, k)
	}
}

func bindVariable(e *evalEnv, key string) varBind {
	cv := e.lookup(key)
	switch {
	case cv == nil:
		return varBind{}
	case cv.Unknown != nil:
		return varBind{state: bindAny, u: cv.Unknown}
	case cv.Multi || len(cv.Values) != 1:
		// VA-4: "You can't use a multivalued condition key as a variable".
		return varBind{}
	}
	return varBind{state: bindText, text: cv.Values[0]}
}

// compilePieces splits s into pieces. Variables are recognised only when
// varsEnabled (VA-1) and only from byte index varsFrom on (after the 5th
// colon in Resource, VA-2); earlier `${` is literal pattern text. When
// wildcards is false, all pattern text is literal (Equals operators).
// resFrom is the index where the resource part starts (RS-3.4), or -1.
func compilePieces(s string, varsEnabled bool, varsFrom, resFrom int, wildcards bool, vs *varSlots) []globPiece {
	textKind := pieceGlob
	if !wildcards {
		textKind = pieceLit
	}
	var out []globPiece
	add := func(kind pieceKind, text string, start int) {
		res := resFrom >= 0 && start >= resFrom
		if kind != pieceVar && kind != pieceBad && text == "" {
			return
		}
		// Split text pieces at resFrom so each piece is wholly on one side.
		if (kind == pieceGlob || kind == pieceLit) && resFrom >= 0 && start < resFrom && start+len(text) > resFrom {
			cut := resFrom - start
			out = append(out, globPiece{kind: kind, text: text[:cut]})
			out = append(out, globPiece{kind: kind, text: text[cut:], res: true})
			return
		}
		out = append(out, globPiece{kind: kind, text: text, res: res})
	}
	start := 0
	i := 0
	if varsEnabled && varsFrom >= 0 {
		i = varsFrom
	} else {
		i = len(s)
	}
	for i < len(s) {
		if s[i] != '$' || i+1 >= len(s) || s[i+1] != '{' {
			i++
			continue
		}
		add(textKind, s[start:i], start)
		v := parseVariableRef(s, i)
		switch {
		case v.bad:
			add(pieceBad, "", i)
		case v.name == "*" || v.name == "?" || v.name == "$":
			// VA-3: literal characters that never act as wildcards.
			add(pieceLit, v.name, i)
		default:
			slot, ok := vs.slot(v.name)
			if !ok {
				add(pieceBad, "", i)
			} else {
				out = append(out, globPiece{kind: pieceVar, text: v.def, def: v.hasDef, slot: slot, res: true})
			}
		}
		i = v.end
		start = i
	}
	add(textKind, s[start:], start)
	return out
}

type variableRef struct {
	name   string
	def    string
	hasDef bool
	end    int
	bad    bool
}

// parseVariableRef reads `${key}` or `${key, 'default'}` at s[start:]
// (VA-3), with the same grammar as the validator: a key is letters,
// digits and `:/_.-+=@`, or one of `*` `?` `$`; anything else is
// malformed (the validator reports E2; matching treats it as unknown).
func parseVariableRef(s string, start int) variableRef {
	v := variableRef{}
	k := start + 2
	if k+1 < len(s) && s[k+1] == '}' && (s[k] == '*' || s[k] == '?' || s[k] == '$') {
		// ${*} ${?} ${$}: checked first, as `$` would end the name below.
		v.name, v.end = s[k:k+1], k+2
		return v
	}
	for k < len(s) && s[k] != '}' && s[k] != ',' && s[k] != '$' {
		k++
	}
	v.name = s[start+2 : k]
	switch {
	case k >= len(s) || s[k] == '$':
		v.end, v.bad = k, true
		return v
	case s[k] == '}':
		v.end = k + 1
	default:
		rest := s[k:]
		if len(rest) < 3 || rest[:3] != ", '" {
			v.end, v.bad = k+1, true
			return v
		}
		q := -1
		for j := k + 3; j < len(s); j++ {
			if s[j] == '\'' {
				q = j
				break
			}
		}
		if q < 0 {
			v.end, v.bad = len(s), true
			return v
		}
		if q+1 >= len(s) || s[q+1] != '}' {
			v.end, v.bad = q+1, true
			return v
		}
		v.def, v.hasDef, v.end = s[k+3:q], true, q+2
	}
	switch v.name {
	case "":
		v.bad = true
	case "*", "?", "$":
		v.bad = v.hasDef
	default:
		for i := 0; i < len(v.name); i++ {
			c := v.name[i]
			ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
			for j := 0; !ok && j < len(varKeyPunct); j++ {
				ok = c == varKeyPunct[j]
			}
			if !ok {
				v.bad = true
				break
			}
		}
	}
	return v
}

const varKeyPunct = ":/_.-+=@"

// piecesHaveVars reports whether any piece depends on the request.
func piecesHaveVars(ps []globPiece) bool {
	for i := range ps {
		if ps[i].kind == pieceVar || ps[i].kind == pieceBad {
			return true
		}
	}
	return false
}

// ---- the piecewise matcher ----

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

const limitGlob = "limit:glob"

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

var dimReasons = [dimCount]string{reasonRS3, reasonRS6, reasonVA6, reasonVA5, reasonCO6}

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
func pieceReadings(ps []globPiece, b *varBinds, s string, base globReading, dims int, allowWild bool) (t Tri, reason string, unset bool) {
	anyReason := ""
	for i := range ps {
		pc := &ps[i]
		switch pc.kind {
		case pieceBad:
			if anyReason == "" {
				anyReason = reasonVA3
			}
		case pieceVar:
			vb := &b[pc.slot]
			switch vb.state {
			case bindUnset:
				if !pc.def {
					return TriFalse, "", true
				}
				if allowWild && hasGlobMeta(pc.text) {
					dims |= dimWild
				}
			case bindAny:
				if anyReason == "" {
					anyReason = vb.u.Reason
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
	if t == TriTrue && anyReason != "" {
		return TriUnknown, anyReason, false
	}
	return t, reason, false
}

// readings evaluates the monotone dimensions: each of them (RS-3.4 loose,
// RS-6 fold, VA-6 wildcards, CO-6 Unicode folding) only adds matches, so
// the base reading true means all are true, and the widest reading false
// means all are false. Otherwise the readings differ: name a dimension
// whose flip alone changes the answer.
func (m *globPieces) readings(base globReading, dims, fixed int) (Tri, string) {
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
		return TriOf(lo), ""
	}
	hi, over := run(fixed | dims)
	if over {
		return TriUnknown, limitGlob
	}
	if !hi {
		return TriFalse, ""
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
