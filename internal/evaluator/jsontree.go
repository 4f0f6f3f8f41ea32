package evaluator

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// jsontree.go is a strict RFC 8259 reader that keeps what encoding/json
// throws away and the validator needs: byte offsets (hence line:column),
// object members in document order with repeated keys preserved (GR-2), and
// the character counts of GR-11 and GR-12. It rejects what RFC 8259 rejects
// (trailing commas, comments, NaN, leading zeros, raw control characters)
// and, unlike encoding/json, also invalid UTF-8 and lone surrogate escapes.
//
// The tree is flat: nodes live in one slice in document (pre-)order and a
// container's children are a contiguous run of kids, so memory stays a small
// multiple of the input and there is no pointer per node.

type jsonKind uint8

const (
	jsonNull jsonKind = iota + 1
	jsonFalse
	jsonTrue
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

func (k jsonKind) String() string {
	switch k {
	case jsonNull:
		return "null"
	case jsonFalse, jsonTrue:
		return "boolean"
	case jsonNumber:
		return "number"
	case jsonString:
		return "string"
	case jsonArray:
		return "array"
	case jsonObject:
		return "object"
	}
	return "nothing"
}

// Flags on key nodes (GR-2): the same key occurs earlier / later in the
// same object.
const (
	jsonFlagDupEarlier uint8 = 1 << iota
	jsonFlagDupLater
	jsonFlagEscaped // the decoded text lives in jsonTree.esc
)

// jsonNode is one value (or one object key), 16 bytes. For a scalar, a and
// b locate its text: src[a:a+b], or esc[a:a+b] for a string with escapes
// (jsonFlagEscaped). For a container they are its first kid and kid count;
// an object's kids are key, value, key, value, ...
type jsonNode struct {
	a, b  int32
	off   int32 // byte offset of the node's first byte
	kind  jsonKind
	flags uint8
}

type jsonDup struct{ first, later int32 } // key node indices

// jsonBadChar is a string holding a character GR-12 does not allow.
type jsonBadChar struct {
	node int32
	off  int32 // offset of the character (or of its escape)
	r    rune
}

type jsonTree struct {
	src      string
	esc      string     // decoded text of strings with escapes, concatenated
	nodes    []jsonNode // nodes[0] is the root
	kids     []int32
	lines    []int32 // offsets of line starts; lines[0] == 0
	dups     []jsonDup
	badChars []jsonBadChar
	// GR-11 counts: whitespace bytes between tokens, space characters
	// inside strings, UTF-8 continuation bytes (so characters = bytes - cont).
	wsOutside, spacesInside, contBytes int
}

// jsonLimits bound the reader: it never recurses deeper than maxDepth and
// refuses documents longer than maxBytes.
type jsonLimits struct {
	maxDepth int
	maxBytes int
}

const (
	defaultJSONMaxDepth = 64
	defaultJSONMaxBytes = 16 << 20
)

var defaultJSONLimits = jsonLimits{maxDepth: defaultJSONMaxDepth, maxBytes: defaultJSONMaxBytes}

// jsonErrKind classifies syntax errors; the fuzz test uses it to tell the
// checks stricter than encoding/json from plain syntax errors.
type jsonErrKind uint8

const (
	jsonErrSyntax jsonErrKind = iota
	jsonErrUTF8
	jsonErrSurrogate
	jsonErrDepth
	jsonErrSize
	jsonErrBOM
)

// jsonSyntaxError says where and why the document is not JSON.
type jsonSyntaxError struct {
	Offset, Line, Column int
	Msg                  string
	kind                 jsonErrKind
}

func (e *jsonSyntaxError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

type jsonParser struct {
	src   string
	i     int
	t     *jsonTree
	stack []int32
	buf   []byte
	esc   []byte // becomes jsonTree.esc
	depth int
	lim   jsonLimits
	err   *jsonSyntaxError
}

// parseJSON reads one JSON document. Zero fields in lim take the defaults.
func parseJSON(doc []byte, lim jsonLimits) (*jsonTree, *jsonSyntaxError) {
	if lim.maxDepth <= 0 {
		lim.maxDepth = defaultJSONMaxDepth
	}
	if lim.maxBytes <= 0 {
		lim.maxBytes = defaultJSONMaxBytes
	}
	if len(doc) > lim.maxBytes {
		return nil, &jsonSyntaxError{Line: 1, Column: 1, kind: jsonErrSize,
			Msg: fmt.Sprintf("document is %d bytes, more than the %d bytes this reader accepts", len(doc), lim.maxBytes)}
	}
	t := &jsonTree{src: string(doc), lines: make([]int32, 1, 8)}
	// Sizing the node slice exactly (one cheap counting pass) keeps memory
	// at a small, predictable multiple of the input: no growth garbage.
	est := countJSONValues(t.src) + 1
	t.nodes = make([]jsonNode, 0, est)
	t.kids = make([]int32, 0, est)
	p := &jsonParser{src: t.src, t: t, lim: lim, stack: make([]int32, 0, 32)}
	if len(p.src) >= 3 && p.src[:3] == "\xef\xbb\xbf" {
		p.fail(0, jsonErrBOM, "the document starts with a byte order mark (U+FEFF); JSON text must not")
		return nil, p.err
	}
	p.skipWS()
	if p.i >= len(p.src) {
		p.fail(p.i, jsonErrSyntax, "the document is empty; expected a JSON object")
		return nil, p.err
	}
	if p.value() < 0 {
		return nil, p.err
	}
	p.skipWS()
	if p.i < len(p.src) {
		p.fail(p.i, jsonErrSyntax, "unexpected "+jsonDescribeByte(p.src, p.i)+" after the end of the top-level value")
		return nil, p.err
	}
	t.esc = string(p.esc)
	return t, nil
}

func (p *jsonParser) fail(off int, kind jsonErrKind, msg string) {
	if p.err != nil {
		return
	}
	line, col := p.t.lineCol(off)
	p.err = &jsonSyntaxError{Offset: off, Line: line, Column: col, Msg: msg, kind: kind}
}

func jsonDescribeByte(s string, i int) string {
	if i >= len(s) {
		return "end of document"
	}
	c := s[i]
	if c >= 0x20 && c < 0x7f {
		return strconv.QuoteRune(rune(c))
	}
	if c >= 0x80 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError {
			return fmt.Sprintf("byte 0x%02x", c)
		}
		return fmt.Sprintf("character %U", r)
	}
	return fmt.Sprintf("control character %U", rune(c))
}

func (p *jsonParser) skipWS() {
	s, i := p.src, p.i
	for i < len(s) {
		switch s[i] {
		case ' ', '\t', '\r':
		case '\n':
			p.t.lines = append(p.t.lines, int32(i+1))
		default:
			p.t.wsOutside += i - p.i
			p.i = i
			return
		}
		i++
	}
	p.t.wsOutside += i - p.i
	p.i = i
}

func (p *jsonParser) newNode(kind jsonKind, off int) int32 {
	p.t.nodes = append(p.t.nodes, jsonNode{kind: kind, off: int32(off)})
	return int32(len(p.t.nodes) - 1)
}

// value parses the value at p.i (whitespace already skipped) and returns its
// node index, or -1 after recording an error.
func (p *jsonParser) value() int32 {
	s := p.src
	if p.i >= len(s) {
		p.fail(p.i, jsonErrSyntax, "unexpected end of document; expected a value")
		return -1
	}
	switch c := s[p.i]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		return p.str()
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 't':
		return p.literal("true", jsonTrue)
	case c == 'f':
		return p.literal("false", jsonFalse)
	case c == 'n':
		return p.literal("null", jsonNull)
	case c == '/':
		p.fail(p.i, jsonErrSyntax, "comments are not allowed in JSON")
	case c == '\'':
		p.fail(p.i, jsonErrSyntax, "strings must use double quotes, not single quotes")
	case c == 'N' || c == 'I' || c == '+':
		p.fail(p.i, jsonErrSyntax, "invalid value starting with "+jsonDescribeByte(s, p.i)+" (NaN, Infinity and a leading + are not JSON)")
	case c == ']' || c == '}':
		p.fail(p.i, jsonErrSyntax, "unexpected "+jsonDescribeByte(s, p.i)+"; expected a value")
	default:
		p.fail(p.i, jsonErrSyntax, "invalid character "+jsonDescribeByte(s, p.i)+" looking for the beginning of a value")
	}
	return -1
}

func (p *jsonParser) literal(word string, kind jsonKind) int32 {
	if len(p.src)-p.i >= len(word) && p.src[p.i:p.i+len(word)] == word {
		idx := p.newNode(kind, p.i)
		p.t.nodes[idx].a, p.t.nodes[idx].b = int32(p.i), int32(len(word))
		p.i += len(word)
		return idx
	}
	p.fail(p.i, jsonErrSyntax, "invalid literal; expected "+strconv.Quote(word)+" (true, false and null are lower-case)")
	return -1
}

func jsonIsDigit(c byte) bool { return c >= '0' && c <= '9' }

func (p *jsonParser) number() int32 {
	s, start := p.src, p.i
	i := start
	if s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
		if i < len(s) && jsonIsDigit(s[i]) {
			p.fail(start, jsonErrSyntax, "numbers must not have leading zeros; write an account ID or code as a string")
			return -1
		}
	case i < len(s) && jsonIsDigit(s[i]):
		for i < len(s) && jsonIsDigit(s[i]) {
			i++
		}
	default:
		p.fail(i, jsonErrSyntax, "invalid number: expected a digit after '-'")
		return -1
	}
	if i < len(s) && s[i] == '.' {
		i++
		if i >= len(s) || !jsonIsDigit(s[i]) {
			p.fail(i, jsonErrSyntax, "invalid number: expected a digit after the decimal point")
			return -1
		}
		for i < len(s) && jsonIsDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if i >= len(s) || !jsonIsDigit(s[i]) {
			p.fail(i, jsonErrSyntax, "invalid number: expected a digit in the exponent")
			return -1
		}
		for i < len(s) && jsonIsDigit(s[i]) {
			i++
		}
	}
	idx := p.newNode(jsonNumber, start)
	p.t.nodes[idx].a, p.t.nodes[idx].b = int32(start), int32(i-start)
	p.i = i
	return idx
}

func (p *jsonParser) enter(off int) bool {
	p.depth++
	if p.depth > p.lim.maxDepth {
		p.fail(off, jsonErrDepth, fmt.Sprintf("nesting deeper than %d levels", p.lim.maxDepth))
		return false
	}
	return true
}

// closeContainer moves the children collected on the stack since mark into
// kids, contiguously.
func (p *jsonParser) closeContainer(idx int32, mark int) {
	t := p.t
	t.nodes[idx].a = int32(len(t.kids))
	t.nodes[idx].b = int32(len(p.stack) - mark)
	t.kids = append(t.kids, p.stack[mark:]...)
	p.stack = p.stack[:mark]
	p.depth--
}

func (p *jsonParser) array() int32 {
	start := p.i
	if !p.enter(start) {
		return -1
	}
	idx := p.newNode(jsonArray, start)
	mark := len(p.stack)
	p.i++
	p.skipWS()
	if p.i < len(p.src) && p.src[p.i] == ']' {
		p.i++
		p.closeContainer(idx, mark)
		return idx
	}
	for {
		v := p.value()
		if v < 0 {
			return -1
		}
		p.stack = append(p.stack, v)
		p.skipWS()
		if p.i >= len(p.src) {
			p.fail(start, jsonErrSyntax, "unterminated array: missing ']'")
			return -1
		}
		switch p.src[p.i] {
		case ',':
			p.i++
			p.skipWS()
			if p.i < len(p.src) && p.src[p.i] == ']' {
				p.fail(p.i, jsonErrSyntax, "trailing comma before ']'")
				return -1
			}
		case ']':
			p.i++
			p.closeContainer(idx, mark)
			return idx
		default:
			p.fail(p.i, jsonErrSyntax, "unexpected "+jsonDescribeByte(p.src, p.i)+" in array; expected ',' or ']'")
			return -1
		}
	}
}

func (p *jsonParser) object() int32 {
	start := p.i
	if !p.enter(start) {
		return -1
	}
	idx := p.newNode(jsonObject, start)
	mark := len(p.stack)
	p.i++
	p.skipWS()
	if p.i < len(p.src) && p.src[p.i] == '}' {
		p.i++
		p.closeContainer(idx, mark)
		return idx
	}
	for {
		if p.i >= len(p.src) {
			p.fail(start, jsonErrSyntax, "unterminated object: missing '}'")
			return -1
		}
		if p.src[p.i] != '"' {
			msg := "unexpected " + jsonDescribeByte(p.src, p.i) + "; expected a double-quoted member name"
			if p.src[p.i] == '\'' {
				msg = "member names must use double quotes, not single quotes"
			} else if p.src[p.i] == '/' {
				msg = "comments are not allowed in JSON"
			}
			p.fail(p.i, jsonErrSyntax, msg)
			return -1
		}
		k := p.str()
		if k < 0 {
			return -1
		}
		p.skipWS()
		if p.i >= len(p.src) || p.src[p.i] != ':' {
			p.fail(p.i, jsonErrSyntax, "unexpected "+jsonDescribeByte(p.src, p.i)+" after member name; expected ':'")
			return -1
		}
		p.i++
		p.skipWS()
		v := p.value()
		if v < 0 {
			return -1
		}
		p.stack = append(p.stack, k, v)
		p.skipWS()
		if p.i >= len(p.src) {
			p.fail(start, jsonErrSyntax, "unterminated object: missing '}'")
			return -1
		}
		switch p.src[p.i] {
		case ',':
			p.i++
			p.skipWS()
			if p.i < len(p.src) && p.src[p.i] == '}' {
				p.fail(p.i, jsonErrSyntax, "trailing comma before '}'")
				return -1
			}
		case '}':
			p.i++
			p.markDuplicates(mark)
			p.closeContainer(idx, mark)
			return idx
		default:
			p.fail(p.i, jsonErrSyntax, "unexpected "+jsonDescribeByte(p.src, p.i)+" in object; expected ',' or '}'")
			return -1
		}
	}
}

// markDuplicates flags repeated member names of the object whose members
// are on the stack from mark (GR-2).
func (p *jsonParser) markDuplicates(mark int) {
	members := p.stack[mark:]
	m := len(members) / 2
	if m < 2 {
		return
	}
	nodes := p.t.nodes
	mark2 := func(a, b int32) { // a earlier than b
		if nodes[b].flags&jsonFlagDupEarlier == 0 {
			p.t.dups = append(p.t.dups, jsonDup{first: a, later: b})
		}
		nodes[a].flags |= jsonFlagDupLater
		nodes[b].flags |= jsonFlagDupEarlier
	}
	if m <= 8 {
		for i := 0; i < m; i++ {
			for j := i + 1; j < m; j++ {
				a, b := members[2*i], members[2*j]
				if p.keyText(a) == p.keyText(b) {
					mark2(a, b)
				}
			}
		}
		return
	}
	seen := make(map[string]int32, m)
	for i := 0; i < m; i++ {
		k := members[2*i]
		if prev, ok := seen[p.keyText(k)]; ok {
			mark2(prev, k)
		}
		seen[p.keyText(k)] = k
	}
}
