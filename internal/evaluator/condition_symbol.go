package evaluator

import "strings"

// Symbols in Condition values (issue 8; symbol.go): a String or ARN
// operator's value may name a value known only after apply,
// "arn:aws:s3:::data-" then the token of aws_s3_bucket.data (a bucket
// created with bucket_prefix), as in an SQS queue policy that lets S3
// deliver only from the plan's bucket (ArnEquals aws:SourceArn). The
// value is its known text before the token (pre), a part generated at
// apply and the known text after it (post). Against a request value it
// compares three ways (PT-3, PT-4):
//   - definitely, when the request value is the same symbol (same
//     identity) after the same prefix and with the same suffix, e.g. the
//     analysis's aws:SourceArn being the resource's own ARN symbol, or a
//     representative of Quantify (quantify_symbol.go);
//   - definitely not, when a known request value or the known prefix of
//     an unknown one contradicts the value's known text, or when both are
//     Fresh symbols of different objects after the same prefix;
//   - unknown otherwise, naming the symbol: a literal that fits the
//     value's form could be the object's.
// In Numeric, Date, IP, Bool, Binary and Null conditions a symbol makes
// the condition unknown, naming it (compileCond).

// condSymbol is a condition value that names a symbol.
type condSymbol struct {
	text      string // the whole value, token included
	pre, post string
	id        string
	fresh     bool
	// several: the value names more than one symbol; it is then only ever
	// compared as "unknown" or, through wild, "definitely not".
	several bool
	// wild is the value read with every token as `*` (SymbolsAsWildcards),
	// for the Like and ARN operators.
	wild string
	arn  *arnValue // wild compiled as an ARN pattern (ARN operators)
}

// compileCondSymbol returns the symbol of a String or ARN value (nil when
// the value names none).
func compileCondSymbol(text string, family OperatorFamily) *condSymbol {
	pre, id, fresh, post, ok := cutSymbol(text)
	if !ok {
		return nil
	}
	s := &condSymbol{text: text, pre: pre, post: post, id: id, fresh: fresh, several: HasSymbol(post), wild: SymbolsAsWildcards(text)}
	if family == FamilyARN {
		a := compileArnValue(Value{Text: s.wild}, false, nil)
		s.arn = &a
	}
	return s
}

// note records the symbol as what an unknown answer depends on.
func (s *condSymbol) note(notes *triNotes) Tri {
	notes.add(ValueReason(s.id))
	return TriUnknown
}

// matchKnown compares a known request value with the symbol value under
// the positive form of op.
func (s *condSymbol) matchKnown(op BaseOperator, v string, notes *triNotes) Tri {
	switch op {
	case OpStringEquals, OpStringNotEquals:
		if s.several || s.fits(v, false) {
			return s.note(notes)
		}
		return TriFalse
	case OpStringEqualsIgnoreCase, OpStringNotEqualsIgnoreCase:
		if s.several || !isASCII(v) || !isASCII(s.pre+s.post) || s.fits(v, true) {
			return s.note(notes)
		}
		return TriFalse
	case OpStringLike, OpStringNotLike:
		if globMatch(s.wild, v) {
			return s.note(notes)
		}
		return TriFalse
	}
	// ARN operators (CO-12): without wildcards the value names one string;
	// else the generated part holds no colon, so `*` in its place matches
	// every completion's component.
	if s.literalText(OpArnLike) {
		if s.fits(v, false) {
			return s.note(notes)
		}
		return TriFalse
	}
	var local triNotes
	if s.arn.match(v, nil, &local) == TriFalse {
		return TriFalse
	}
	return s.note(notes)
}

// fits reports whether v may be a completion of an Equals value: the known
// texts around a non-empty generated part, which holds no "/" or ":" when
// Fresh (symbol.go).
func (s *condSymbol) fits(v string, fold bool) bool {
	if len(v) <= len(s.pre)+len(s.post) {
		return false
	}
	head, tail := v[:len(s.pre)], v[len(v)-len(s.post):]
	if fold {
		if !equalFoldASCII(head, s.pre) || !equalFoldASCII(tail, s.post) {
			return false
		}
	} else if head != s.pre || tail != s.post {
		return false
	}
	return !s.fresh || !strings.ContainsAny(v[len(s.pre):len(v)-len(s.post)], "/:")
}

// literalText: the value's text around the token holds no wildcard, so
// under every operator of the String and ARN families it names exactly
// one string (ARN components without `*` or `?` compare as text).
func (s *condSymbol) literalText(op BaseOperator) bool {
	if s.several || strings.Contains(s.text, "${") {
		return false
	}
	switch op {
	case OpStringEquals, OpStringNotEquals:
		return true
	case OpStringLike, OpStringNotLike:
		return !hasGlobMeta(s.pre) && !hasGlobMeta(s.post)
	case OpArnEquals, OpArnLike, OpArnNotEquals, OpArnNotLike:
		// a 6-part ARN (the known text holds the five colons): a value
		// with fewer parts is CO-12's AMB-1, not a string comparison
		return !hasGlobMeta(s.pre) && !hasGlobMeta(s.post) && strings.Count(s.pre, ":") >= 5
	}
	return false
}

// matchSymbolRequest compares a request value that is a symbol (u.Symbol
// set) with the condition's String or ARN values: the OR over the values
// of the positive operator.
func (c *compiledCond) matchSymbolRequest(u *Unknown, notes *triNotes) Tri {
	out := TriFalse
	n := 0
	if c.family == FamilyString {
		n = len(c.strs)
	} else {
		n = len(c.arns)
	}
	for i := 0; i < n; i++ {
		var t Tri
		if c.family == FamilyString {
			t = matchValueSymbol(c.op.Base, c.strs[i].sym, c.strs[i].text, c.strs[i].pieces != nil, u, notes)
		} else {
			a := &c.arns[i]
			t = matchValueSymbol(c.op.Base, a.sym, a.text, a.whole != nil || !a.short && a.hasPieces(), u, notes)
		}
		if t == TriTrue {
			return TriTrue
		}
		out = out.Or(t)
	}
	return out
}

// matchValueSymbol compares one policy value (sym, or the literal text;
// vars: it holds policy variables) with the request's symbol u.
func matchValueSymbol(op BaseOperator, sym *condSymbol, text string, vars bool, u *Unknown, notes *triNotes) Tri {
	fold := op == OpStringEqualsIgnoreCase || op == OpStringNotEqualsIgnoreCase
	switch {
	case vars:
		return TriUnknown
	case sym == nil:
		// a literal or a pattern: definitely not when its text before the
		// first wildcard contradicts the known prefix (PT-4)
		lit := text
		if op != OpStringEquals && op != OpStringNotEquals && !fold {
			if i := strings.IndexAny(text, "*?"); i >= 0 {
				lit = text[:i]
			}
		}
		if prefixesDiffer(lit, u.Prefix, fold) {
			return TriFalse
		}
		if lit != text && lit+"*" == text && strings.HasPrefix(u.Prefix, lit) &&
			(op == OpStringLike || op == OpStringNotLike || nthColon(lit, 5) >= 0) {
			// PT-4: "p*" matches every string that starts with p (past the
			// fifth colon an ARN pattern's `*` spans the rest, CO-12)
			return TriTrue
		}
		return TriUnknown
	case sym.several:
		return sym.note(notes)
	case sym.id == u.Symbol && sym.pre == u.Prefix && sym.literalText(op):
		// the same object's value: equal exactly when the texts after it
		// are (the same generated part, PT-3)
		return TriOf(sym.post == u.Suffix)
	case sym.id == u.Symbol && sym.pre == u.Prefix && fold && equalFoldASCII(sym.post, u.Suffix):
		return TriTrue
	case sym.id == u.Symbol && sym.pre == u.Prefix && !fold && op != OpStringEquals && op != OpStringNotEquals &&
		!hasGlobMeta(sym.pre) && !strings.Contains(sym.text, "${") &&
		(op == OpStringLike || op == OpStringNotLike || strings.Count(sym.pre, ":") >= 5):
		// the same generated part: the text after it is matched as a
		// glob (in an ARN's sixth component `*` crosses colons, CO-12)
		return TriOf(globMatch(sym.post, u.Suffix))
	case sym.id != u.Symbol && sym.fresh && u.Fresh && u.Prefix != "" && sym.pre == u.Prefix &&
		!hasGlobMeta(sym.pre) && opensWithSeparator(sym.post) && opensWithSeparator(u.Suffix) && !hasGlobMeta(sym.post):
		return TriFalse // two objects the plan creates (symbol.go)
	case !hasGlobMeta(sym.pre) && prefixesDiffer(sym.pre, u.Prefix, fold):
		return TriFalse
	}
	return sym.note(notes)
}

// prefixesDiffer: two known heads of which neither starts the other
// (under ASCII folding for the IgnoreCase operators; non-ASCII text may
// fold otherwise, CO-6, so it never differs definitely then).
func prefixesDiffer(a, b string, fold bool) bool {
	n := min(len(a), len(b))
	if fold {
		if !isASCII(a[:n]) || !isASCII(b[:n]) {
			return false
		}
		return !equalFoldASCII(a[:n], b[:n])
	}
	return a[:n] != b[:n]
}

// hasPieces reports whether a component holds policy variables.
func (p *arnValue) hasPieces() bool {
	for i := range p.comps {
		if p.comps[i].pieces != nil {
			return true
		}
	}
	return false
}

// symbolOfValues returns the first symbol the values name ("" when none).
func symbolOfValues(vals []Value) string {
	for _, v := range vals {
		if ids := SymbolsIn(v.Text); len(ids) > 0 {
			return ids[0]
		}
	}
	return ""
}
