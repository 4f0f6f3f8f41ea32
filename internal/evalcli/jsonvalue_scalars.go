package evalcli

import (
	"encoding/binary"
	"math/bits"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// The scalar readers of jsonParser (jsonvalue.go): numbers, strings and
// their escapes.

// number reads a JSON number (validated, not converted).
func (p *jsonParser) number() error {
	if p.src[p.pos] == '-' {
		p.pos++
	}
	switch {
	case p.pos >= len(p.src):
		return p.eofError("in number")
	case p.src[p.pos] == '0':
		p.pos++
	case p.src[p.pos] >= '1' && p.src[p.pos] <= '9':
		p.digits()
	default:
		return p.errorf("invalid %s in number", p.describe())
	}
	if p.pos < len(p.src) && p.src[p.pos] == '.' {
		p.pos++
		if p.digits() == 0 {
			return p.errorf("invalid %s after decimal point in number", p.describe())
		}
	}
	if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.src) && (p.src[p.pos] == '+' || p.src[p.pos] == '-') {
			p.pos++
		}
		if p.digits() == 0 {
			return p.errorf("invalid %s in number exponent", p.describe())
		}
	}
	return nil
}

func (p *jsonParser) digits() int {
	n := 0
	for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
		p.pos++
		n++
	}
	return n
}

// str parses a string at p.pos (the opening quote) and returns its decoded
// text when build is set. Control characters and invalid UTF-8 are errors:
// IAM rejects them (GR-12), and echoing them would corrupt the output.
func (p *jsonParser) str(build bool) (string, error) {
	p.pos++ // opening quote
	start := p.pos
	// Fast path: no escapes, ASCII only.
	p.pos = plainASCIIEnd(p.src, p.pos)
	if p.pos < len(p.src) && p.src[p.pos] == '"' {
		s := ""
		if build && p.pos > start {
			s = aliasString(p.src[start:p.pos])
		}
		p.pos++
		return s, nil
	}
	var buf []byte
	if build {
		buf = append(make([]byte, 0, p.pos-start+16), p.src[start:p.pos]...)
	}
	for {
		if p.pos >= len(p.src) {
			return "", p.eofError("in string")
		}
		c := p.src[p.pos]
		switch {
		case c == '"':
			p.pos++
			return string(buf), nil
		case c < 0x20:
			return "", p.errorf("invalid control character %s in string (escape it)", strconv.QuoteRune(rune(c)))
		case c == '\\':
			r, err := p.escape()
			if err != nil {
				return "", err
			}
			if build {
				buf = utf8.AppendRune(buf, r)
			}
		case c < 0x80:
			if build {
				buf = append(buf, c)
			}
			p.pos++
		default:
			r, size := utf8.DecodeRune(p.src[p.pos:])
			if r == utf8.RuneError && size <= 1 {
				return "", p.errorf("invalid UTF-8 in string")
			}
			if build {
				buf = append(buf, p.src[p.pos:p.pos+size]...)
			}
			p.pos += size
		}
	}
}

// plainASCIIEnd returns the index of the first byte of src at or after i
// that ends the plain part of a string: a quote, a backslash, a control
// character or a non-ASCII byte (len(src) when there is none). It tests
// eight bytes at a time: strings are most of a request's bytes, and the
// batch document's requests are scanned twice (checked, then built).
func plainASCIIEnd(src []byte, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(src); i += 8 {
		x := binary.LittleEndian.Uint64(src[i:])
		q := x ^ (ones * '"')
		b := x ^ (ones * '\\')
		// A byte's high bit is set in m when the byte is below 0x20, a
		// quote, a backslash (zero after the xor) or not ASCII. A borrow
		// only runs from a flagged byte into the bytes after it, so the
		// lowest flagged byte is exact.
		m := ((x-ones*0x20)&^x | (q-ones)&^q | (b-ones)&^b | x) & highs
		if m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(src); i++ {
		if c := src[i]; c == '"' || c == '\\' || c < 0x20 || c >= 0x80 {
			return i
		}
	}
	return i
}

// escape decodes the escape sequence at p.pos (a backslash).
func (p *jsonParser) escape() (rune, error) {
	if p.pos+1 >= len(p.src) {
		return 0, p.eofError("in string escape")
	}
	c := p.src[p.pos+1]
	p.pos += 2
	switch c {
	case '"', '\\', '/':
		return rune(c), nil
	case 'b':
		return '\b', nil
	case 'f':
		return '\f', nil
	case 'n':
		return '\n', nil
	case 'r':
		return '\r', nil
	case 't':
		return '\t', nil
	case 'u':
		r, err := p.hex4()
		if err != nil {
			return 0, err
		}
		if utf16.IsSurrogate(r) {
			// A high surrogate must be followed by a low one; a lone
			// surrogate is not a character (replaced, as encoding/json does).
			if p.pos+1 < len(p.src) && p.src[p.pos] == '\\' && p.src[p.pos+1] == 'u' {
				save := p.pos
				p.pos += 2
				r2, err := p.hex4()
				if err != nil {
					return 0, err
				}
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					return dec, nil
				}
				p.pos = save
			}
			return utf8.RuneError, nil
		}
		return r, nil
	}
	p.pos--
	return 0, p.errorf("invalid escape sequence \\%c in string", c)
}

func (p *jsonParser) hex4() (rune, error) {
	if p.pos+4 > len(p.src) {
		return 0, p.eofError("in \\u escape")
	}
	var r rune
	for i := 0; i < 4; i++ {
		c := p.src[p.pos+i]
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			p.pos += i
			return 0, p.errorf("invalid %s in \\u escape", p.describe())
		}
		r = r<<4 | rune(d)
	}
	p.pos += 4
	return r, nil
}

// forEachElement builds and visits the elements of an array that was parsed
// without being built (see parseJSONSkipping), one at a time, so only one
// element's tree is alive at once.
