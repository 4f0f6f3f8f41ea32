package evaluator

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// gr12Allowed reports whether a character may appear in an IAM policy
// document (GR-12: U+0009, U+000A, U+000D and U+0020-U+00FF).
func gr12Allowed(r rune) bool {
	return (r >= 0x20 && r <= 0xff) || r == '\t' || r == '\n' || r == '\r'
}

func (p *jsonParser) noteBadChar(node int32, off int, r rune) {
	t := p.t
	if n := len(t.badChars); n > 0 && t.badChars[n-1].node == node {
		return // one finding per string is enough
	}
	t.badChars = append(t.badChars, jsonBadChar{node: node, off: int32(off), r: r})
}

// str parses a string; the decoded text aliases the source when the string
// has no escapes.
func (p *jsonParser) str() int32 {
	s, start := p.src, p.i
	idx := p.newNode(jsonString, start)
	i := start + 1
	spaces := 0
	for {
		if i >= len(s) {
			p.fail(start, jsonErrSyntax, "unterminated string")
			return -1
		}
		c := s[i]
		switch {
		case c == '"':
			p.t.nodes[idx].a, p.t.nodes[idx].b = int32(start+1), int32(i-start-1)
			p.t.spacesInside += spaces
			p.i = i + 1
			return idx
		case c == '\\':
			p.t.spacesInside += spaces
			return p.strSlow(idx, start, i)
		case c < 0x20:
			p.fail(i, jsonErrSyntax, fmt.Sprintf("control character %U inside a string; escape it (for example \\n or \\u%04x)", rune(c), c))
			return -1
		case c < 0x80:
			if c == ' ' {
				spaces++
			}
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size <= 1 {
				p.fail(i, jsonErrUTF8, fmt.Sprintf("invalid UTF-8 byte 0x%02x inside a string", c))
				return -1
			}
			if !gr12Allowed(r) {
				p.noteBadChar(idx, i, r)
			}
			p.t.contBytes += size - 1
			i += size
		}
	}
}

// strSlow decodes a string with escapes, from the first backslash at i.
func (p *jsonParser) strSlow(idx int32, start, i int) int32 {
	s := p.src
	b := append(p.buf[:0], s[start+1:i]...)
	for {
		if i >= len(s) {
			p.fail(start, jsonErrSyntax, "unterminated string")
			return -1
		}
		c := s[i]
		switch {
		case c == '"':
			n := &p.t.nodes[idx]
			n.a, n.b = int32(len(p.esc)), int32(len(b))
			n.flags |= jsonFlagEscaped
			p.esc = append(p.esc, b...)
			p.buf = b
			p.i = i + 1
			return idx
		case c == '\\':
			if i+1 >= len(s) {
				p.fail(start, jsonErrSyntax, "unterminated string")
				return -1
			}
			esc := i
			var r rune
			switch s[i+1] {
			case '"', '\\', '/':
				r = rune(s[i+1])
			case 'b':
				r = '\b'
			case 'f':
				r = '\f'
			case 'n':
				r = '\n'
			case 'r':
				r = '\r'
			case 't':
				r = '\t'
			case 'u':
				u, ok := jsonHex4(s, i+2)
				if !ok {
					p.fail(i, jsonErrSyntax, `invalid \u escape: expected four hexadecimal digits`)
					return -1
				}
				i += 4
				r = rune(u)
				switch {
				case u >= 0xd800 && u < 0xdc00:
					lo, ok := -1, false
					if i+3 < len(s) && s[i+2] == '\\' && s[i+3] == 'u' {
						lo, ok = jsonHex4(s, i+4)
					}
					if !ok || lo < 0xdc00 || lo >= 0xe000 {
						p.fail(esc, jsonErrSurrogate, fmt.Sprintf(`\u%04x is a high surrogate not followed by a low surrogate escape`, u))
						return -1
					}
					r = 0x10000 + rune(u-0xd800)<<10 + rune(lo-0xdc00)
					i += 6
				case u >= 0xdc00 && u < 0xe000:
					p.fail(esc, jsonErrSurrogate, fmt.Sprintf(`\u%04x is a lone low surrogate`, u))
					return -1
				}
			default:
				p.fail(i, jsonErrSyntax, "invalid escape "+strconv.Quote(s[i:i+2])+`; JSON allows \" \\ \/ \b \f \n \r \t and \uXXXX`)
				return -1
			}
			if !gr12Allowed(r) {
				p.noteBadChar(idx, esc, r)
			}
			if r == ' ' {
				p.t.spacesInside++
			}
			b = utf8.AppendRune(b, r)
			i += 2
		case c < 0x20:
			p.fail(i, jsonErrSyntax, fmt.Sprintf("control character %U inside a string; escape it (for example \\n or \\u%04x)", rune(c), c))
			return -1
		case c < 0x80:
			if c == ' ' {
				p.t.spacesInside++
			}
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size <= 1 {
				p.fail(i, jsonErrUTF8, fmt.Sprintf("invalid UTF-8 byte 0x%02x inside a string", c))
				return -1
			}
			if !gr12Allowed(r) {
				p.noteBadChar(idx, i, r)
			}
			p.t.contBytes += size - 1
			b = append(b, s[i:i+size]...)
			i += size
		}
	}
}

func jsonHex4(s string, i int) (int, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	v := 0
	for _, c := range []byte(s[i : i+4]) {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | int(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | int(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | int(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, true
}
