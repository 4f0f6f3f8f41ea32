package evaluator

import (
	"unicode/utf8"
)

// Globs of the IAM policy language: `*` matches any run of characters
// (none included) and `?` exactly one character; there are no other
// meta-characters (AC-2, CO-6). globMatch and globMatchLower are the
// allocation-free fast paths for plain strings; globPieces (below) matches
// a pattern made of pieces (pattern text, literal text, policy variables)
// without building the substituted string (VA-*), and also knows the
// colon rules of Resource matching (RS-3).
//
// A pattern is valid UTF-8: patterns come from policy documents, and the
// policy parser rejects a string with invalid UTF-8 (jsontree_string.go).
// For such a pattern, comparing literal text byte for byte (the fast
// paths) and character by character agree for every subject, valid UTF-8
// or not: a valid literal starts with a leading byte, which no earlier
// byte of the subject can claim as a continuation.

// globMatch reports whether s matches the glob p, case-sensitively.
// Every `*` may cross every character (StringLike, ARN components).
func globMatch(p, s string) bool { return globMatchFold(p, s, false) }

// globMatchLower is globMatch with ASCII case folding (AC-1): p must be
// lower-case already; s is folded byte by byte, without allocating.
func globMatchLower(p, s string) bool { return globMatchFold(p, s, true) }

// globMatchFold is the one glob loop behind globMatch and globMatchLower.
func globMatchFold(p, s string, fold bool) bool {
	return globMatchSpan(p, globSpanOf(p), s, fold)
}

// globSpan is where a glob's wildcards are: first is the index of its
// first `*` or `?` (len(p) when it has none), last that of its last one.
// Patterns compiled once keep it (strValue, resPattern) so that a match
// does not scan the pattern for them again.
type globSpan struct{ first, last int32 }

// globSpanOf finds the wildcards of p.
func globSpanOf(p string) globSpan {
	first := 0
	for first < len(p) && p[first] != '*' && p[first] != '?' {
		first++
	}
	last := len(p) - 1
	for last > first && p[last] != '*' && p[last] != '?' {
		last--
	}
	return globSpan{first: int32(first), last: int32(last)}
}

// globMatchSpan is globMatchFold with p's wildcards found already (sp =
// globSpanOf(p)).
func globMatchSpan(p string, sp globSpan, s string, fold bool) bool {
	// Necessary conditions first, which reject most candidates cheaply:
	// the literal text before the first wildcard starts s, and the literal
	// text after the last `*` (when no `?` follows it) ends s, byte for byte.
	first := int(sp.first)
	if first > len(s) || !bytesEqualFold(p[:first], s[:first], fold) {
		return false
	}
	if first == len(p) {
		return len(s) == len(p)
	}
	last := int(sp.last)
	if p[last] == '*' {
		tail := p[last+1:]
		if len(tail) > len(s)-first || !bytesEqualFold(tail, s[len(s)-len(tail):], fold) {
			return false
		}
		if last == first {
			// One `*` and no `?`: the head starts s, the tail ends it and
			// they do not overlap, so the `*` takes what lies between.
			return true
		}
	}
	// The head is literal and matched: the loop starts after it.
	pi, si := first, first
	starP, starS := -1, 0
	for si < len(s) {
		if pi < len(p) {
			switch c := p[pi]; c {
			case '*':
				starP, starS = pi, si
				pi++
				continue
			case '?':
				si += globRuneLen(s, si)
				pi++
				continue
			default:
				b := s[si]
				if fold {
					b = asciiLower(b)
				}
				if c == b {
					pi++
					si++
					continue
				}
			}
		}
		if starP < 0 {
			return false
		}
		// Classic single-star backtracking: only the latest `*` needs to
		// grow, because it can absorb anything an earlier one could.
		starS += globRuneLen(s, starS)
		pi, si = starP+1, starS
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// bytesEqualFold compares p with s byte by byte, folding s's ASCII
// letters when fold is set (p is then lower-case already).
func bytesEqualFold(p, s string, fold bool) bool {
	if !fold {
		return p == s
	}
	for i := 0; i < len(p); i++ {
		if p[i] != asciiLower(s[i]) {
			return false
		}
	}
	return true
}

// globRuneLen is the byte length of the character at s[i] (`?` matches one
// character, not one byte). Invalid UTF-8 counts one byte per byte.
func globRuneLen(s string, i int) int {
	if s[i] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return n
}

func asciiLower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// asciiLowerString lower-cases ASCII letters (compile time only).
func asciiLowerString(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				b[j] = asciiLower(b[j])
			}
			return string(b)
		}
	}
	return s
}

// hasGlobMeta reports whether s contains `*` or `?`.
func hasGlobMeta(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '*' || s[i] == '?' {
			return true
		}
	}
	return false
}

func hasASCIIUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// equalFoldASCII compares with ASCII case folding only (CO-6).
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] && asciiLower(a[i]) != asciiLower(b[i]) {
			return false
		}
	}
	return true
}

// hasPrefixLower reports whether s starts with the lower-case prefix p,
// folding s's ASCII letters.
func hasPrefixLower(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if asciiLower(s[i]) != p[i] {
			return false
		}
	}
	return true
}

// nthColon returns the index of the n-th colon of s (1-based), or -1.
func nthColon(s string, n int) int {
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			n--
			if n == 0 {
				return i
			}
		}
	}
	return -1
}
