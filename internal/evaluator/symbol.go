package evaluator

import "strings"

// Symbols (PT-1, PT-3, PT-4): a value known only after apply as its known
// prefix followed by a part generated at apply, which has an identity
// (Unknown.Symbol, the Terraform address of the object it belongs to). On
// the request side a symbol is an Unknown with Symbol set. Inside a policy
// document (Resource or NotResource) it is written as its known prefix and
// a token, SymbolText, which no real ARN holds.
//
// A pattern and a request resource that is a symbol match:
//   - definitely, when every completion matches: the pattern is "*", or
//     it matches every string with the symbol's prefix (PT-4:
//     arn:aws:kms:*:*:key/*), or it is the same prefix and the same symbol
//     (followed by nothing or by `*` only);
//   - definitely not, when no completion can: the pattern's literal text
//     contradicts the prefix, or it is the same prefix and another Fresh
//     symbol (two KMS keys, two instances the plan creates, whose
//     generated parts AWS or Terraform make unique), or the same symbol
//     followed by more text;
//   - unknown otherwise, naming the symbol.
//
// A symbol in a pattern is read, against anything but those cases, as
// any string: the pattern with the token replaced by `*`. That reading
// matches every string some completion matches (a generated part holds
// no colon), so its "no match" is sound, and its "match" is only a
// possible match: a literal ARN that fits a symbol's form could be it.

// Tokens that open a symbol inside a policy text; "}" closes it. The
// address inside is escaped (symbolEscape) so that it holds no glob, colon,
// variable or brace character.
const (
	symbolOpenFresh = "{new-after-apply="
	symbolOpenValue = "{known-after-apply="
)

// SymbolText is the text that stands for u's value in a policy document's
// Resource or NotResource: the known prefix, then a token naming the
// symbol. It is "" when u has no Symbol.
func SymbolText(u *Unknown) string {
	if u == nil || u.Symbol == "" {
		return ""
	}
	open := symbolOpenValue
	if u.Fresh {
		open = symbolOpenFresh
	}
	return u.Prefix + open + symbolEscape(u.Symbol) + "}"
}

// HasSymbol reports whether a policy text holds a symbol token.
func HasSymbol(text string) bool {
	return strings.Contains(text, symbolOpenFresh) || strings.Contains(text, symbolOpenValue)
}

// SymbolsAsWildcards replaces every symbol token of a pattern by `*`
// (the known prefix before it stays). The result matches every string some completion of the
// pattern matches: a sound pre-filter for code that matches patterns as
// text (a filter may keep too much, never too little).
func SymbolsAsWildcards(text string) string {
	if !HasSymbol(text) {
		return text
	}
	var b strings.Builder
	for {
		pre, _, _, post, ok := cutSymbol(text)
		if !ok {
			b.WriteString(text)
			return b.String()
		}
		b.WriteString(pre)
		b.WriteByte('*')
		text = post
	}
}

// SymbolCount counts the symbol tokens of a text.
func SymbolCount(text string) int {
	return strings.Count(text, symbolOpenFresh) + strings.Count(text, symbolOpenValue)
}

// SymbolsIn returns the symbols (their identities) that text names, in
// order, once each.
func SymbolsIn(text string) []string {
	var out []string
	for {
		_, id, _, post, ok := cutSymbol(text)
		if !ok {
			return out
		}
		dup := false
		for _, o := range out {
			dup = dup || o == id
		}
		if !dup {
			out = append(out, id)
		}
		text = post
	}
}

// cutSymbol cuts text at its first symbol token: the text before it, the
// symbol's identity, whether it is Fresh, and the text after it.
func cutSymbol(text string) (pre, id string, fresh bool, post string, ok bool) {
	i, open := strings.Index(text, symbolOpenFresh), symbolOpenFresh
	if j := strings.Index(text, symbolOpenValue); j >= 0 && (i < 0 || j < i) {
		i, open = j, symbolOpenValue
	}
	if i < 0 {
		return "", "", false, "", false
	}
	rest := text[i+len(open):]
	k := strings.IndexByte(rest, '}')
	if k < 0 {
		return "", "", false, "", false
	}
	return text[:i], symbolUnescape(rest[:k]), open == symbolOpenFresh, rest[k+1:], true
}

// symbolEscape percent-encodes every byte of an address but letters,
// digits, '.', '_', '-', '[', ']' and '"'.
func symbolEscape(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			c == '.', c == '_', c == '-', c == '[', c == ']', c == '"':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

func symbolUnescape(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if h, l := unhex(s[i+1]), unhex(s[i+2]); h >= 0 && l >= 0 {
				b.WriteByte(byte(h<<4 | l))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	}
	return -1
}

// resSymbol is a Resource or NotResource pattern that names a symbol.
type resSymbol struct {
	pre   string // the pattern's text before the token
	id    string
	fresh bool
	post  string // the pattern's text after the token
	// preLit: pre holds no wildcard or variable, so it is compared as text
	preLit bool
	// postEmpty: post matches only the empty string's completions, i.e.
	// it is empty or all `*`; postNonEmpty: post has a literal character
	// or `?` and no variable, so it never matches the empty string.
	postEmpty, postNonEmpty bool
	// wild is the pattern with the token read as `*`.
	wild resPattern
}

// compileSymbolPattern compiles a pattern that holds a symbol token (ok
// false when it holds none).
func compileSymbolPattern(text string, varsEnabled bool, vs *varSlots) (resPattern, bool) {
	pre, id, fresh, post, ok := cutSymbol(text)
	if !ok {
		return resPattern{}, false
	}
	// a second token is read as any string too
	for {
		a, _, _, c, more := cutSymbol(post)
		if !more {
			break
		}
		post = a + "*" + c
	}
	s := &resSymbol{pre: pre, id: id, fresh: fresh, post: post}
	s.preLit = !hasGlobMeta(pre) && !strings.Contains(pre, "${")
	s.postEmpty = strings.Trim(post, "*") == ""
	s.postNonEmpty = !s.postEmpty && !strings.Contains(post, "${")
	s.wild = compileResourcePattern(pre+"*"+post, varsEnabled, vs)
	return resPattern{kind: resSymbolic, sym: s}, true
}

// evalSymbolPattern matches a pattern naming a symbol against the request
// resource (see the comment at the top of this file).
func evalSymbolPattern(p *resPattern, e *evalEnv, b *varBinds, notes *triNotes) (Tri, bool) {
	s := p.sym
	u := e.req.ResourceUnknown
	if u != nil && u.Symbol != "" && s.preLit && s.pre == u.Prefix {
		if t, ok := s.sameHead(u); ok {
			return t, false
		}
	}
	var t Tri
	var unset bool
	if u != nil {
		t, unset = evalPatternUnknown(&s.wild, e, b, u, notes)
	} else {
		var reason Reason
		t, reason, unset = matchKnownResource(&s.wild, b, e.req.Resource, e.resourceShape())
		if t == TriUnknown {
			notes.add(reason)
		}
	}
	if unset {
		return TriFalse, true
	}
	if t == TriFalse {
		return TriFalse, false
	}
	notes.add(ValueReason(s.id))
	return TriUnknown, false
}

// sameHead compares a pattern naming a symbol with a request resource
// that is a symbol after the same literal prefix (ok false: no definite
// answer). The request is P+G+u.Suffix, the pattern P+G'+post.
//   - The same symbol (G = G'): post is matched against the suffix as a
//     glob (RS-3: "*" and "?" also cross "/" and ":"), so
//     "${aws_s3_bucket.b.arn}/*" matches "${aws_s3_bucket.b.arn}/key"
//     and "${aws_s3_bucket.b.arn}" alone does not (RS-2: the whole ARN).
//   - Two Fresh symbols of different objects (G != G'): a Fresh generated
//     part holds no "/" and no ":" (an id, a UUID, Terraform's unique
//     suffix), so when the suffix and post each are empty or open with
//     "/" or ":", the generated parts are the texts up to the first
//     separator and differ: no completion matches (another bucket's
//     objects are never this bucket's).
func (s *resSymbol) sameHead(u *Unknown) (Tri, bool) {
	if u.Symbol == s.id {
		switch {
		case u.Suffix == "" && s.postEmpty:
			return TriTrue, true // the same value
		case u.Suffix == "" && s.postNonEmpty:
			return TriFalse, true // the same value followed by more text
		case u.Suffix != "" && !strings.Contains(s.post, "${") && (nthColon(u.Prefix, 5) >= 0 || !strings.ContainsRune(u.Suffix+s.post, ':')):
			// past the 5th colon `*` crosses colons too (RS-3.2)
			if globMatch(s.post, u.Suffix) {
				return TriTrue, true
			}
			return TriFalse, true
		}
		return TriUnknown, false
	}
	if u.Fresh && s.fresh && u.Prefix != "" && opensWithSeparator(u.Suffix) && opensWithSeparator(s.post) {
		return TriFalse, true // two objects the plan creates
	}
	return TriUnknown, false
}

// opensWithSeparator: text is empty or opens with "/" or ":", which no
// Fresh generated part holds.
func opensWithSeparator(text string) bool {
	return text == "" || text[0] == '/' || text[0] == ':'
}
