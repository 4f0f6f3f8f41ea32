package evaluator

import "encoding/base64"

// BinaryEquals (CO-10) compares bytes: the policy value is base64-decoded
// at compile time; the request value is base64 text too (as AWS's
// simulator takes it) and is decoded while comparing, without allocating.
// Invalid base64 in the policy is E2 (AMB-1 here); in the request it
// matches nothing.
type binValue struct {
	ok    bool
	bytes []byte
}

func compileBinValue(s string) binValue {
	if b, err := base64.StdEncoding.DecodeString(s); err == nil {
		return binValue{ok: true, bytes: b}
	}
	if b, err := base64.RawStdEncoding.DecodeString(s); err == nil {
		return binValue{ok: true, bytes: b}
	}
	return binValue{}
}

func (p *binValue) match(v string, notes *triNotes) Tri {
	if !p.ok {
		notes.add(reasonCO10)
		return TriUnknown
	}
	return TriOf(base64Equal(v, p.bytes))
}

// base64Equal decodes standard base64 s (padding optional, CR/LF ignored)
// and compares the bytes with want.
func base64Equal(s string, want []byte) bool {
	var acc uint32
	bits, n, pad, data := 0, 0, 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var v uint32
		switch {
		case c == '\r' || c == '\n':
			continue
		case c == '=':
			pad++
			continue
		case pad > 0:
			return false // data after padding
		case c >= 'A' && c <= 'Z':
			v = uint32(c - 'A')
		case c >= 'a' && c <= 'z':
			v = uint32(c-'a') + 26
		case c >= '0' && c <= '9':
			v = uint32(c-'0') + 52
		case c == '+':
			v = 62
		case c == '/':
			v = 63
		default:
			return false
		}
		data++
		acc = acc<<6 | v
		bits += 6
		if bits >= 8 {
			bits -= 8
			if n >= len(want) || byte(acc>>uint(bits)) != want[n] {
				return false
			}
			n++
		}
	}
	if pad > 0 && (data+pad)%4 != 0 || pad > 2 || bits >= 6 {
		return false
	}
	return n == len(want)
}
