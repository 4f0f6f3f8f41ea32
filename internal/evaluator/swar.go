package evaluator

import "math/bits"

// Word-at-a-time byte tests for the hot scans of a decision (the resource
// head in shapeOf, the request action in scanAction): eight bytes per step, each mask exact (no
// carry crosses a byte, so every byte is judged on its own).

// load64 reads the eight bytes of s at i, little-endian (the compiler
// makes it one load).
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

const (
	bytesLow7 = 0x7F7F7F7F7F7F7F7F
	bytesHigh = 0x8080808080808080
	bytesOne  = 0x0101010101010101
)

// bytesEqual has the high bit of each byte of w equal to c, and no other bit.
func bytesEqual(w uint64, c byte) uint64 {
	x := w ^ uint64(c)*bytesOne
	return ^((x&bytesLow7 + bytesLow7) | x | bytesLow7)
}

// upperBytes has the high bit of each byte of w in 'A'..'Z', and no other
// bit; bytes from 0x80 up never count.
func upperBytes(w uint64) uint64 {
	low := w & bytesLow7
	atLeastA := low + (0x80-'A')*bytesOne
	aboveZ := low + (0x80-'Z'-1)*bytesOne
	return atLeastA &^ aboveZ &^ w & bytesHigh
}

// scanAction returns the index of the first ':' of a request action (-1
// when none) and whether it holds a wildcard, eight bytes at a time (the
// last word overlapping the one before it).
func scanAction(a string) (colon int, wildcard bool) {
	colon = -1
	if len(a) < 8 {
		for i := 0; i < len(a); i++ {
			switch a[i] {
			case ':':
				if colon < 0 {
					colon = i
				}
			case '*', '?':
				wildcard = true
			}
		}
		return colon, wildcard
	}
	for i := 0; ; i += 8 {
		if i+8 > len(a) {
			i = len(a) - 8 // bytes seen again hold no colon when colon < 0
		}
		w := load64(a, i)
		if m := bytesEqual(w, ':'); colon < 0 && m != 0 {
			colon = i + bits.TrailingZeros64(m)>>3
		}
		if bytesEqual(w, '*')|bytesEqual(w, '?') != 0 {
			wildcard = true
		}
		if i+8 == len(a) {
			return colon, wildcard
		}
	}
}
