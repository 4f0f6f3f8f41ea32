package evaluator

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// The word-at-a-time masks judge every byte on its own: each of the 256
// byte values, at each of the eight positions, among neighbours that are
// themselves matches or not (a carry or borrow from a neighbour would show
// as a wrong bit).
func TestSWARMasksAreExactPerByte(t *testing.T) {
	t.Parallel()
	for _, fill := range []byte{0x00, ':', 'A', 'Z', '*', 0x7F, 0x80, 0xFF, 'a'} {
		for pos := range 8 {
			for v := range 256 {
				b := []byte(strings.Repeat(string(rune(0)), 8))
				for i := range b {
					b[i] = fill
				}
				b[pos] = byte(v)
				w := load64(string(b), 0)
				var wantColon, wantUpper, wantStar uint64
				for i, c := range b {
					bit := uint64(0x80) << (8 * i)
					if c == ':' {
						wantColon |= bit
					}
					if 'A' <= c && c <= 'Z' {
						wantUpper |= bit
					}
					if c == '*' {
						wantStar |= bit
					}
				}
				if got := bytesEqual(w, ':'); got != wantColon {
					t.Fatalf("bytesEqual(%q, ':') = %#x, want %#x", b, got, wantColon)
				}
				if got := bytesEqual(w, '*'); got != wantStar {
					t.Fatalf("bytesEqual(%q, '*') = %#x, want %#x", b, got, wantStar)
				}
				if got := upperBytes(w); got != wantUpper {
					t.Fatalf("upperBytes(%q) = %#x, want %#x", b, got, wantUpper)
				}
			}
		}
	}
}

func TestHasGlobMeta(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"", false}, {"s3:GetObject", false}, {"s3:Get*", true}, {"s3:GetObjec?", true},
		{"*", true}, {"ec2:DescribeInstances", false}, {"ec2:DescribeInstance*", true},
		{"dynamodb:Query\xff\x80", false}, {"abcdefgh?", true}, {"abcdefghijklmnop", false},
	} {
		if got := hasGlobMeta(tc.s); got != tc.want {
			t.Errorf("hasGlobMeta(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

// scanAction agrees with strings.IndexByte and hasGlobMeta at every length
// (the overlapping last word included).
func TestScanAction(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(5, 8))
	for range 20000 {
		a := randomText(rng, "s3:*?Get\xffab", 30)
		colon, wildcard := scanAction(a)
		if colon != strings.IndexByte(a, ':') || wildcard != hasGlobMeta(a) {
			t.Fatalf("scanAction(%q) = %d, %v", a, colon, wildcard)
		}
	}
}

// randomText is a string of up to maxLen-1 bytes drawn from alphabet.
func randomText(rng *rand.Rand, alphabet string, maxLen int) string {
	b := make([]byte, rng.IntN(maxLen))
	for i := range b {
		b[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return string(b)
}
