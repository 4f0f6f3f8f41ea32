package evaluator

import (
	"math/bits"
	"strings"
)

// resourceMatcher matches the request resource against the Resource or
// NotResource patterns of one statement (RS-0..RS-8), with policy
// variables (VA-*), unknown resources (PT-4) and the AMB-1 readings of
// RS-3.4, RS-6, VA-5 and VA-6. Patterns are compiled once; matching does
// not allocate.
type resourceMatcher struct {
	pats []resPattern
	vars varSlots
}

type resKind uint8

const (
	resAny      resKind = iota // "*" (RS-4)
	resExact                   // no wildcard, no variable
	resPrefix                  // literal text then one final `*` (it crosses colons, RS-3.2)
	resPieces                  // anything else: the piecewise matcher
	resSymbolic                // names a symbol (symbol.go)
)

type resPattern struct {
	kind   resKind
	lit    string // resExact: the pattern; resPrefix: the text before the `*`
	pieces []globPiece
	// simple: the pieces hold no wildcard except an optional final `*`
	// (trailingStar), so a known, wildcard-free binding compares piece by
	// piece without backtracking.
	simple       bool
	trailingStar bool
	hasVars      bool
	headUpper    bool // upper-case letters before the 5th colon (RS-6 reading)
	looseDiffers bool // a mid-segment `*` or a `?` in the resource part (RS-3.4)
	// segs are the six colon-separated fields of a pattern with exactly
	// five colons and no variable syntax (segmented is set).
	segs      [6]string
	segmented bool
	// segKind says how each field compares (segGlob, segLiteral, segAny),
	// decided at compile time.
	segKind [6]segKind
	segGlob [6]globSpan // globSpanOf of each segGlob field
	// headLit is the pattern up to its 5th colon (included) when its first
	// five fields are all literal: they then compare as one string.
	headLit string
	sym     *resSymbol // resSymbolic
}

// segKind is how one field of a segmented pattern matches.
type segKind uint8

const (
	segGlob    segKind = iota // wildcards: globMatch
	segLiteral                // no wildcard: equal strings
	segAny                    // "*": any field
)

// AMB-1 reasons of resource matching.
var (
	reasonRS3 = AmbiguousReason("RS-3")
	reasonRS6 = AmbiguousReason("RS-6")
	reasonVA3 = AmbiguousReason("VA-3")
	reasonVA5 = AmbiguousReason("VA-5")
	reasonVA6 = AmbiguousReason("VA-6")
)

func compileResourceMatcher(patterns []Value, varsEnabled bool) resourceMatcher {
	var m resourceMatcher
	for _, v := range patterns {
		m.pats = append(m.pats, compileResourcePattern(v.Text, varsEnabled, &m.vars))
	}
	return m
}

// matchesEverything reports whether match answers TriTrue for every
// request without a side effect: its first pattern is "*" (RS-4, also for
// a resource known only after apply), which match tries first, and no
// pattern holds a variable, so that there is nothing to bind.
func (m *resourceMatcher) matchesEverything() bool {
	return len(m.pats) > 0 && m.pats[0].kind == resAny && len(m.vars.keys) == 0
}

func compileResourcePattern(text string, varsEnabled bool, vs *varSlots) resPattern {
	if HasSymbol(text) {
		if p, ok := compileSymbolPattern(text, varsEnabled, vs); ok {
			return p
		}
	}
	var p resPattern
	fifth := nthColon(text, 5)
	resFrom := -1
	head := text
	if fifth >= 0 {
		resFrom = fifth + 1
		head = text[:fifth]
	}
	// VA-2: variables only after the 5th colon; earlier `${` is literal.
	p.pieces = compilePieces(text, varsEnabled, resFrom, resFrom, true, vs)
	p.headUpper = hasASCIIUpper(head)
	p.hasVars = piecesHaveVars(p.pieces)
	for i := range p.pieces {
		pc := &p.pieces[i]
		if pc.kind != pieceGlob || !pc.res {
			continue
		}
		for j := 0; j < len(pc.text); j++ {
			switch pc.text[j] {
			case '?':
				p.looseDiffers = true
			case '*':
				k := j + 1
				for k < len(pc.text) && pc.text[k] == '*' {
					k++
				}
				final := k < len(pc.text) && pc.text[k] == ':' || k == len(pc.text) && i == len(p.pieces)-1
				if !final {
					p.looseDiffers = true
				}
			}
		}
	}
	onlyGlob := len(p.pieces) == 1 && p.pieces[0].kind == pieceGlob
	switch {
	case text == "*":
		p.kind = resAny
	case len(p.pieces) == 0:
		p.kind, p.lit = resExact, ""
	case onlyGlob && !hasGlobMeta(text):
		p.kind, p.lit = resExact, text
	case onlyGlob && text[len(text)-1] == '*' && !hasGlobMeta(text[:len(text)-1]):
		p.kind, p.lit = resPrefix, text[:len(text)-1]
	default:
		p.kind = resPieces
	}
	if p.kind == resPieces && !strings.Contains(text, "${") && strings.Count(text, ":") == 5 {
		rest := text
		for i := 0; i < 5; i++ {
			j := strings.IndexByte(rest, ':')
			p.segs[i], rest = rest[:j], rest[j+1:]
		}
		p.segs[5], p.segmented = rest, true
		for i, s := range p.segs {
			switch {
			case s == "*":
				p.segKind[i] = segAny
			case !hasGlobMeta(s):
				p.segKind[i] = segLiteral
			default:
				p.segGlob[i] = globSpanOf(s)
			}
		}
		if p.segKind[0] == segLiteral && p.segKind[1] == segLiteral && p.segKind[2] == segLiteral &&
			p.segKind[3] == segLiteral && p.segKind[4] == segLiteral {
			p.headLit = text[:len(text)-len(p.segs[5])]
		}
	}
	p.simple = true
	for i := range p.pieces {
		pc := &p.pieces[i]
		switch pc.kind {
		case pieceBad:
			p.simple = false
		case pieceGlob:
			t := pc.text
			if i == len(p.pieces)-1 && strings.HasSuffix(t, "*") {
				t = t[:len(t)-1]
				p.trailingStar = true
			}
			if hasGlobMeta(t) {
				p.simple = false
			}
		}
	}
	return p
}

// match reports whether some Resource pattern matches the request resource.
func (m *resourceMatcher) match(e *evalEnv) Tri {
	b := m.vars.bindings(e)
	notes, _ := e.notes.take(1)
	out := TriFalse
	for i := range m.pats {
		t, unset := m.evalPattern(&m.pats[i], e, b, notes)
		if unset {
			continue // VA-5: the entry "will not match any resource"
		}
		if t == TriTrue {
			return TriTrue
		}
		if t == TriUnknown {
			out = TriUnknown
		}
	}
	if out == TriUnknown {
		notes.flush(e)
	}
	return out
}

// matchNot is NotResource (RS-8): the statement applies when no pattern
// matches. An entry with an unset variable and no default is [conflict]
// (VA-5): it matches nothing, or it makes the statement invalid, so that
// the statement does not apply; AMB-1 unless another entry matches.
func (m *resourceMatcher) matchNot(e *evalEnv) Tri {
	b := m.vars.bindings(e)
	notes, _ := e.notes.take(1)
	any := TriFalse
	unsetSeen := false
	for i := range m.pats {
		t, unset := m.evalPattern(&m.pats[i], e, b, notes)
		if unset {
			unsetSeen = true
			continue
		}
		if t == TriTrue {
			return TriFalse
		}
		if t == TriUnknown {
			any = TriUnknown
		}
	}
	if unsetSeen {
		notes.add(reasonVA5)
		notes.flush(e)
		return TriUnknown
	}
	if any == TriUnknown {
		notes.flush(e)
	}
	return any.Not()
}

// evalPattern matches one pattern. unset reports a variable with no value
// and no default (VA-5), which the caller resolves.
func (m *resourceMatcher) evalPattern(p *resPattern, e *evalEnv, b *varBinds, notes *triNotes) (Tri, bool) {
	if p.kind == resAny {
		return TriTrue, false // RS-4, also for an unknown resource
	}
	if p.kind == resSymbolic {
		return evalSymbolPattern(p, e, b, notes)
	}
	if u := e.req.ResourceUnknown; u != nil {
		return evalPatternUnknown(p, e, b, u, notes)
	}
	t, reason, unset := matchKnownResource(p, b, e.req.Resource, e.resourceShape())
	if unset {
		return TriFalse, true
	}
	if t == TriUnknown {
		notes.add(reason)
	}
	return t, false
}

// matchKnownResource matches a pattern other than "*" against a resource
// known in full.
func matchKnownResource(p *resPattern, b *varBinds, r string, sh *arnShape) (t Tri, reason Reason, unset bool) {
	switch p.kind {
	case resExact:
		if r == p.lit {
			return TriTrue, Reason{}, false
		}
		if !p.headUpper && !sh.headUpper {
			return TriFalse, Reason{}, false
		}
	case resPrefix:
		if strings.HasPrefix(r, p.lit) {
			return TriTrue, Reason{}, false
		}
		if !p.headUpper && !sh.headUpper {
			return TriFalse, Reason{}, false
		}
	}
	return resReadingsKnown(p, b, r, sh)
}

// MatchResourcePattern matches one Resource or NotResource pattern against a
// resource ARN known in full, as a decision does (RS-3..RS-6): TriTrue,
// TriFalse, or TriUnknown when the AMB-1 readings of RS-3.4 or RS-6
// disagree. ok is false when the pattern holds policy variable syntax
// (`${`): its match depends on the request (VA-*), not on the two strings.
func MatchResourcePattern(pattern, resource string) (t Tri, ok bool) {
	if strings.Contains(pattern, "${") {
		return TriUnknown, false
	}
	if pattern == "*" {
		return TriTrue, true // RS-4
	}
	var vs varSlots
	p := compileResourcePattern(pattern, false, &vs)
	if p.kind == resSymbolic {
		// the token read as any string: a possible match at most
		if t, ok := MatchResourcePattern(p.sym.pre+"*"+p.sym.post, resource); !ok || t == TriFalse {
			return t, ok
		}
		return TriUnknown, true
	}
	sh := shapeOf(resource)
	t, _, unset := matchKnownResource(&p, &noBinds, resource, &sh)
	if unset {
		return TriUnknown, false
	}
	return t, true
}

// evalPatternUnknown applies PT-4: the resource is unknown with a known
// prefix. TriTrue when the pattern matches every string with that prefix,
// TriFalse when it matches none, else unknown.
func evalPatternUnknown(p *resPattern, e *evalEnv, b *varBinds, u *Unknown, notes *triNotes) (Tri, bool) {
	all, reasonAll, unset := resReadings(p, b, u.Prefix, matchPrefixAll)
	if unset {
		return TriFalse, true
	}
	if all == TriTrue {
		return TriTrue, false
	}
	some, reasonSome, _ := resReadings(p, b, u.Prefix, matchPrefixAny)
	if some == TriFalse {
		return TriFalse, false
	}
	notes.add(ValueReason(u.Reason))
	if all == TriUnknown {
		notes.add(reasonAll)
	}
	if some == TriUnknown {
		notes.add(reasonSome)
	}
	return TriUnknown, false
}

// headHasUpper reports upper-case letters before the 5th colon (RS-6).
func headHasUpper(r string) bool {
	colons := 0
	for i := 0; i < len(r); i++ {
		switch c := r[i]; {
		case c == ':':
			if colons++; colons == 5 {
				return false
			}
		case c >= 'A' && c <= 'Z':
			return true
		}
	}
	return false
}

// resReadings evaluates the pattern under every reading that applies
// (RS-3.4, RS-6, VA-5, VA-6) and returns TriUnknown with the reason of a
// disagreeing dimension when the readings differ.
func resReadings(p *resPattern, b *varBinds, r string, mode uint8) (t Tri, reason Reason, unset bool) {
	if mode == matchFull {
		sh := shapeOf(r)
		return resReadingsKnown(p, b, r, &sh)
	}
	// A prefix of the resource: the loose reading (RS-3.4) may differ
	// whenever the pattern has a wildcard that can meet a colon.
	dims := 0
	if p.looseDiffers {
		dims |= dimLoose
	}
	foldEnd := nthColon(r, 5)
	if foldEnd < 0 {
		foldEnd = len(r)
	}
	if p.headUpper || hasASCIIUpper(r[:foldEnd]) {
		dims |= dimFold
	}
	base := globReading{colons: true, mode: mode, foldEnd: foldEnd}
	return pieceReadings(p.pieces, b, r, base, dims, true)
}

// arnShape is the request resource (known in full) split once per
// decision, for every pattern of every statement to use.
type arnShape struct {
	done       bool
	fifth      int  // index of the 5th colon, or -1
	headUpper  bool // upper case before the 5th colon (RS-6), headHasUpper
	colonAfter bool // a colon after the 5th (RS-3.4)
	six        bool // exactly five colons: fields holds the six fields
	fields     [6]string
}

// resourceShape splits the request resource on first use.
func (e *evalEnv) resourceShape() *arnShape {
	sh := &e.shape
	if sh.done {
		return sh
	}
	*sh = shapeOf(e.req.Resource)
	return sh
}

// shapeOf splits a resource known in full. One pass over the head, eight
// bytes at a time: the five colons and upper case before the fifth (RS-6);
// then a colon after it (RS-3.4).
func shapeOf(r string) arnShape {
	sh := arnShape{done: true, fifth: -1}
	n, start, i := 0, 0, 0
	for ; i+8 <= len(r); i += 8 {
		w := load64(r, i)
		colons, upper := bytesEqual(w, ':'), upperBytes(w)
		for ; colons != 0; colons &= colons - 1 {
			j := i + bits.TrailingZeros64(colons)>>3
			sh.fields[n] = r[start:j]
			n++
			start = j + 1
			if n == 5 {
				// only the bytes before the fifth colon count for RS-6
				upper &= 1<<(8*(j-i)) - 1
				break
			}
		}
		if upper != 0 {
			sh.headUpper = true
		}
		if n == 5 {
			break
		}
	}
	for ; i < len(r) && n < 5; i++ {
		switch c := r[i]; {
		case c == ':':
			sh.fields[n] = r[start:i]
			n++
			start = i + 1
		case 'A' <= c && c <= 'Z':
			sh.headUpper = true
		}
	}
	if n == 5 {
		sh.fifth = start - 1
		rest := r[start:]
		sh.colonAfter = strings.IndexByte(rest, ':') >= 0
		if !sh.colonAfter {
			sh.six = true
			sh.fields[5] = rest
		}
	}
	return sh
}

// resReadingsKnown is resReadings(p, b, r, matchFull) with r's shape
// computed once. RS-3.4: the loose reading differs only when a wildcard of
// the resource part can meet a colon. The pattern's first five colons are
// literal and meet five colons of r in order, so when r has no colon after
// its 5th, or fewer than five, both readings agree. A pattern with exactly
// five colons then matches field by field (fieldsMatch): no wildcard can
// take a colon (RS-3.1, RS-3.2) and each field is a plain glob of its own.
func resReadingsKnown(p *resPattern, b *varBinds, r string, sh *arnShape) (t Tri, reason Reason, unset bool) {
	dims := 0
	if p.looseDiffers && sh.colonAfter {
		dims |= dimLoose
	}
	if p.headUpper || sh.headUpper {
		dims |= dimFold
	}
	if dims == 0 && p.simple && varsPlain(p.pieces, b) {
		return TriOf(simplePiecesMatch(p, b, r)), Reason{}, false
	}
	if dims == 0 && p.segmented && sh.six {
		return TriOf(fieldsMatch(p, r, sh)), Reason{}, false
	}
	foldEnd := sh.fifth
	if foldEnd < 0 {
		foldEnd = len(r)
	}
	base := globReading{colons: true, mode: matchFull, foldEnd: foldEnd}
	return pieceReadings(p.pieces, b, r, base, dims, true)
}

// fieldsMatch matches a segmented pattern against the six fields of r
// (sh.six): a literal head as one string, else field by field, the service
// and resource fields first, which tell most patterns apart.
func fieldsMatch(p *resPattern, r string, sh *arnShape) bool {
	fields := &sh.fields
	if p.headLit != "" {
		// fields 0-4 literal, none holds a colon: equal fields and equal
		// heads (r up to its 5th colon) are the same test
		if r[:sh.fifth+1] != p.headLit {
			return false
		}
		switch p.segKind[5] {
		case segAny:
			return true
		case segLiteral:
			return p.segs[5] == fields[5]
		}
		return globMatchSpan(p.segs[5], p.segGlob[5], fields[5], false)
	}
	for _, i := range [6]int{2, 5, 4, 3, 0, 1} {
		switch p.segKind[i] {
		case segAny:
			// `*` matches any field (globMatch).
		case segLiteral:
			if p.segs[i] != fields[i] {
				return false
			}
		default:
			if !globMatchSpan(p.segs[i], p.segGlob[i], fields[i], false) {
				return false
			}
		}
	}
	return true
}

// simplePiecesMatch compares a wildcard-free pattern piece by piece.
func simplePiecesMatch(p *resPattern, b *varBinds, r string) bool {
	si := 0
	last := len(p.pieces) - 1
	for i := range p.pieces {
		pc := &p.pieces[i]
		t := pc.text
		if pc.kind == pieceVar {
			if vb := &b[pc.slot]; vb.state == bindText {
				t = vb.text
			}
		} else if i == last && p.trailingStar {
			t = t[:len(t)-1]
		}
		if !strings.HasPrefix(r[si:], t) {
			return false
		}
		si += len(t)
	}
	return p.trailingStar || si == len(r)
}
