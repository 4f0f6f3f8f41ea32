package evaluator

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// refGlob is the obviously correct (exponential) reference matcher: `*`
// any run, `?` one character; with colons, RS-3 rules: `*` and `?` do
// not cross colons except a `*` that ends a segment.
func refGlob(p, s string, colons bool) bool {
	if p == "" {
		return s == ""
	}
	switch p[0] {
	case '*':
		rest := strings.TrimLeft(p[1:], "*") // a run of stars is one star
		cross := !colons || rest == "" || rest[0] == ':'
		for k := 0; ; {
			if refGlob(rest, s[k:], colons) {
				return true
			}
			if k >= len(s) || s[k] == ':' && !cross {
				return false
			}
			k += globRuneLen(s, k)
		}
	case '?':
		if s == "" || colons && s[0] == ':' {
			return false
		}
		return refGlob(p[1:], s[globRuneLen(s, 0):], colons)
	}
	return s != "" && s[0] == p[0] && refGlob(p[1:], s[1:], colons)
}

func piecesMatch(p, s string, colons bool) (bool, bool) {
	m := globPieces{ps: []globPiece{{kind: pieceGlob, text: p}}, b: &varBinds{}, s: s, r: globReading{colons: colons, foldEnd: -1}}
	return m.match()
}

func TestGlobMatch(t *testing.T) {
	t.Parallel()
	cases := []struct {
		p, s        string
		plain, cols bool
	}{
		{"", "", true, true},
		{"*", "", true, true},
		{"*", "a:b", true, true},
		{"a*", "a", true, true},
		{"a?c", "abc", true, true},
		{"a?c", "a:c", true, false}, // RS-3.1: ? does not cross a colon
		{"a?c", "aéc", true, true},  // ? is one character, not one byte
		{"a*c", "a:b:c", true, false},
		{"a*:c", "a:b:c", true, true}, // RS-3.2: a segment-final * crosses colons
		{"*:*b", "x:y:zb", true, true},
		{"x*:*b", "xA:B:Cb", true, true},
		{"s3:Get*", "s3:GetObject", true, true},
		{"s3:Get*", "s3:PutObject", false, false},
		{"*a*a*a*a*a*a*a*a*b", strings.Repeat("a", 60), false, false},
		{"arn:aws:sqs:*", "arn:aws:sqs:us-east-1:1:q", true, true},
		{"ab*ba", "aba", false, false}, // one `*`: head and tail may not overlap
		{"ab*ba", "abba", true, true},
		{"data-*/x", "data-a/b/x", true, true},
	}
	for _, c := range cases {
		t.Run(c.p+"|"+c.s, func(t *testing.T) {
			t.Parallel()
			if got := globMatch(c.p, c.s); got != c.plain {
				t.Errorf("globMatch = %v, want %v", got, c.plain)
			}
			if got, _ := piecesMatch(c.p, c.s, false); got != c.plain {
				t.Errorf("pieces (plain) = %v, want %v", got, c.plain)
			}
			if got, over := piecesMatch(c.p, c.s, true); got != c.cols || over {
				t.Errorf("pieces (colons) = %v (over %v), want %v", got, over, c.cols)
			}
		})
	}
}

// TestGlobMatchSmallStrings compares globMatch and globMatchLower with the
// reference on every pattern of up to 5 characters over {a, B, *, ?} and
// every string of up to 4 characters over {a, b, B, é}: among them the
// patterns with a single `*` (answered from their head and tail alone)
// and the heads and tails that would overlap ("ab*ba" against "aba").
func TestGlobMatchSmallStrings(t *testing.T) {
	t.Parallel()
	all := func(alphabet []string, n int) []string {
		out := []string{""}
		for prev := []string{""}; n > 0; n-- {
			var next []string
			for _, p := range prev {
				for _, c := range alphabet {
					next = append(next, p+c)
				}
			}
			out = append(out, next...)
			prev = next
		}
		return out
	}
	subjects := all([]string{"a", "b", "B", "é"}, 4)
	for _, p := range all([]string{"a", "B", "*", "?"}, 5) {
		lp := asciiLowerString(p)
		for _, s := range subjects {
			if got, want := globMatch(p, s), refGlob(p, s, false); got != want {
				t.Fatalf("globMatch(%q, %q) = %v, want %v", p, s, got, want)
			}
			if got, want := globMatchLower(lp, s), refGlob(lp, asciiLowerString(s), false); got != want {
				t.Fatalf("globMatchLower(%q, %q) = %v, want %v", lp, s, got, want)
			}
		}
	}
}

// FuzzGlob compares the fast paths with the reference glob.
func FuzzGlob(f *testing.F) {
	for _, seed := range [][2]string{
		{"a*b?c", "aXbYc"}, {"*:*", "a:b:c"}, {"x*:*b", "xA:B:Cb"}, {"?*?", "é:"}, {"S3:get*", "s3:GetObject"},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/k:1"}, {"**a*", "ba"}, {"a*?:", "ab::"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, p, s string) {
		// Patterns are valid UTF-8 (the policy parser rejects others); the
		// subject may be anything.
		if len(p) > 24 || len(s) > 24 || !utf8.ValidString(p) {
			return
		}
		want := refGlob(p, s, false)
		if got := globMatch(p, s); got != want {
			t.Fatalf("globMatch(%q, %q) = %v, want %v", p, s, got, want)
		}
		if got, _ := piecesMatch(p, s, false); got != want {
			t.Fatalf("pieces(%q, %q) = %v, want %v", p, s, got, want)
		}
		lp := asciiLowerString(p)
		if got, want := globMatchLower(lp, s), refGlob(lp, asciiLowerString(s), false); got != want {
			t.Fatalf("globMatchLower(%q, %q) = %v, want %v", lp, s, got, want)
		}
		wantC := refGlob(p, s, true)
		if got, over := piecesMatch(p, s, true); !over && got != wantC {
			t.Fatalf("pieces colons (%q, %q) = %v, want %v", p, s, got, wantC)
		}
		// PT-4 modes: a full match implies both prefix modes of s's prefixes.
		if half := len(s) / 2; wantC && utf8.ValidString(s[:half]) {
			m := globPieces{ps: []globPiece{{kind: pieceGlob, text: p}}, b: &varBinds{}, s: s[:half], r: globReading{colons: true, foldEnd: -1, mode: matchPrefixAny}}
			if ok, over := m.match(); !ok && !over {
				t.Fatalf("prefixAny(%q, %q) = false after a full match", p, m.s)
			}
		}
		m := globPieces{ps: []globPiece{{kind: pieceGlob, text: p}}, b: &varBinds{}, s: s, r: globReading{colons: true, foldEnd: -1, mode: matchPrefixAll}}
		if ok, over := m.match(); ok && !over {
			for _, ext := range []string{"", "x", ":", "a:b/c", "é"} {
				if !refGlob(p, s+ext, true) {
					t.Fatalf("prefixAll(%q, %q) but %q does not match", p, s, s+ext)
				}
			}
		}
	})
}
