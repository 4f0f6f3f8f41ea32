package evaluator

import (
	"sort"
	"strconv"
)

// lineCol turns a byte offset into a 1-based line and a 1-based column
// counted in bytes (as Go's own tools do).
func (t *jsonTree) lineCol(off int) (int, int) {
	lines := t.lines
	// Lines recorded so far are enough during parsing: offsets before the
	// scan position are all covered.
	n := sort.Search(len(lines), func(i int) bool { return int(lines[i]) > off })
	if n == 0 {
		return 1, off + 1
	}
	return n, off - int(lines[n-1]) + 1
}

// pos is the Position of a node; the pointer is given by the caller.
func (t *jsonTree) pos(node int32, pointer string) Position {
	off := int(t.nodes[node].off)
	line, col := t.lineCol(off)
	return Position{Pointer: pointer, Offset: off, Line: line, Column: col}
}

// posAt is the Position of an offset inside a node.
func (t *jsonTree) posAt(off int, pointer string) Position {
	line, col := t.lineCol(off)
	return Position{Pointer: pointer, Offset: off, Line: line, Column: col}
}

func (t *jsonTree) kidsOf(node int32) []int32 {
	n := &t.nodes[node]
	return t.kids[n.a : n.a+n.b]
}

// pointerOf builds the RFC 6901 pointer of a node lazily, by descending from
// the root: children are in offset order, so the child holding the target
// is the last one starting at or before it. A key node gets its member's
// pointer.
func (t *jsonTree) pointerOf(target int32) string {
	off := t.nodes[target].off
	var b []byte
	cur := int32(0)
	for cur != target {
		n := t.nodes[cur]
		kids := t.kidsOf(cur)
		switch n.kind {
		case jsonArray:
			j := sort.Search(len(kids), func(i int) bool { return t.nodes[kids[i]].off > off }) - 1
			if j < 0 {
				return string(b)
			}
			b = append(b, '/')
			b = strconv.AppendInt(b, int64(j), 10)
			cur = kids[j]
		case jsonObject:
			m := len(kids) / 2
			j := sort.Search(m, func(i int) bool { return t.nodes[kids[2*i]].off > off }) - 1
			if j < 0 {
				return string(b)
			}
			b = appendPointerToken(b, t.text(kids[2*j]))
			if kids[2*j] == target {
				return string(b)
			}
			cur = kids[2*j+1]
		default:
			return string(b)
		}
	}
	return string(b)
}

// appendPointerToken appends "/" and one RFC 6901 reference token
// (~ becomes ~0, / becomes ~1).
func appendPointerToken(b []byte, tok string) []byte {
	b = append(b, '/')
	for i := 0; i < len(tok); i++ {
		switch tok[i] {
		case '~':
			b = append(b, '~', '0')
		case '/':
			b = append(b, '~', '1')
		default:
			b = append(b, tok[i])
		}
	}
	return b
}

func appendPointerIndex(b []byte, i int) []byte {
	b = append(b, '/')
	return strconv.AppendInt(b, int64(i), 10)
}

// countJSONValues counts the values and keys of a document (an upper bound
// for invalid input) without validating it.
func countJSONValues(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			n++
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
		case '{', '[', 't', 'f', 'n':
			n++
		case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			n++
			for i+1 < len(s) && (jsonIsDigit(s[i+1]) || s[i+1] == '.' || s[i+1] == 'e' || s[i+1] == 'E' || s[i+1] == '+' || s[i+1] == '-') {
				i++
			}
		}
	}
	return n
}

// text is a scalar's decoded string, number text, or "true"/"false"/"null".
func (t *jsonTree) text(i int32) string {
	n := &t.nodes[i]
	if n.kind == jsonArray || n.kind == jsonObject {
		return ""
	}
	if n.flags&jsonFlagEscaped != 0 {
		return t.esc[n.a : n.a+n.b]
	}
	return t.src[n.a : n.a+n.b]
}

// keyText is text during parsing, before esc is final.
func (p *jsonParser) keyText(i int32) string {
	n := &p.t.nodes[i]
	if n.flags&jsonFlagEscaped != 0 {
		return string(p.esc[n.a : n.a+n.b])
	}
	return p.src[n.a : n.a+n.b]
}
