package evalcli

import (
	"fmt"
	"slices"
	"strconv"
	"unsafe"

	"github.com/iamsim/terraform-provider-iamsim/internal/inputlimit"
)

// maxDepth bounds JSON nesting: policies and cases are a handful of levels
// deep, and the bound keeps hostile input from exhausting the stack.
const maxDepth = 512

// jsonKind is the JSON type of a jsonValue.
type jsonKind uint8

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonObject
	jsonArray
)

func (k jsonKind) String() string {
	switch k {
	case jsonNull:
		return "null"
	case jsonBool:
		return "a boolean"
	case jsonNumber:
		return "a number"
	case jsonString:
		return "a string"
	case jsonObject:
		return "an object"
	case jsonArray:
		return "an array"
	}
	return "invalid"
}

// jsonValue is a parsed JSON value that remembers where it was written:
// src[start:end] is its exact text, which is what policy documents keep so
// that findings point into the bytes the user wrote.
type jsonValue struct {
	kind       jsonKind
	start, end int
	text       string // decoded string, or the literal text of a number or boolean
	members    []jsonMember
	elems      []jsonValue
}

type jsonMember struct {
	key    string
	keyOff int
	val    jsonValue
}

// get returns the member named key (the last one when repeated, as
// encoding/json and JSON.parse do), or nil.
func (v *jsonValue) get(key string) *jsonValue {
	for i := len(v.members) - 1; i >= 0; i-- {
		if v.members[i].key == key {
			return &v.members[i].val
		}
	}
	return nil
}

// syntaxError is malformed JSON at byte offset off of the parsed buffer.
type syntaxError struct {
	off int
	msg string
	// eof says the input ended inside a value (it may continue on a later line).
	eof bool
}

func (e *syntaxError) Error() string { return e.msg }

// aliasString returns b as a string without copying it. The parsers only
// alias input buffers that are never written after they are read (each
// input line, or the batch document, is a fresh slice kept for as long as
// its cases live: decoded policies point into it too), so the strings stay
// immutable. Escaped strings are decoded into new memory instead.
func aliasString(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// jsonParser is a small strict JSON parser (RFC 8259: no trailing commas,
// no comments, valid UTF-8 only). With build unset it validates and skips
// without allocating, which is how large batch documents are scanned.
type jsonParser struct {
	src   []byte
	pos   int
	depth int
	// skipKey names a member of the outermost object whose value is only
	// validated, not built (a batch document's "requests").
	skipKey string
	// Stacks of the members and elements of the containers being built:
	// each container gets one exactly sized copy when it ends, instead of
	// a slice grown by append.
	members []jsonMember
	elems   []jsonValue
	// skipped is the size of the skipKey values (measured by checkTree).
	skipped int
	// arena, when set (forEachElement), holds the copies of member and
	// element lists instead of one allocation per container: the tree of
	// one element is dropped before the next one is parsed, so the arena is
	// reused from its start.
	arena *jsonArena
	// marks, when marking, receives where the chunks of the skipKey array
	// begin, found while it is validated (see elementMarks).
	marking bool
	marks   elementMarks
}

// elementMarks are the offsets of elements 0, chunkElements,
// 2*chunkElements, ... of an array that was validated without being built
// (a batch document's requests), and the offset of the array itself: eval
// decides the chunks they delimit in parallel (see handleBatchParallel). One
// offset per chunkElements elements keeps them small beside the input.
type elementMarks struct {
	of int   // offset of the array's '['
	at []int // offset of the first element of each chunk
}

// chunkElements is how many requests of a batch document a chunk holds.
const chunkElements = 256

// jsonArena hands out exactly sized member and element lists from chunks.
// A chunk is never grown in place, so lists handed out stay valid until
// reset.
type jsonArena struct {
	members []jsonMember
	elems   []jsonValue
}

const jsonArenaChunk = 512

func (a *jsonArena) reset() {
	a.members, a.elems = a.members[:0], a.elems[:0]
}

func (a *jsonArena) copyMembers(src []jsonMember) []jsonMember {
	n := len(src)
	if cap(a.members)-len(a.members) < n {
		a.members = make([]jsonMember, 0, max(n, jsonArenaChunk))
	}
	start := len(a.members)
	a.members = append(a.members, src...)
	return a.members[start : start+n : start+n]
}

func (a *jsonArena) copyElems(src []jsonValue) []jsonValue {
	n := len(src)
	if cap(a.elems)-len(a.elems) < n {
		a.elems = make([]jsonValue, 0, max(n, jsonArenaChunk))
	}
	start := len(a.elems)
	a.elems = append(a.elems, src...)
	return a.elems[start : start+n : start+n]
}

// parseJSON parses src as exactly one JSON value surrounded by whitespace.
func parseJSON(src []byte) (jsonValue, error) {
	return parseJSONSkipping(src, "")
}

// parseJSONSkipping is parseJSON, except that the value of the outermost
// object's member skipKey is validated without being built: its start and
// end offsets are kept, its members and elements are not.
//
// A JSON tree takes several times the bytes of its text, so a text whose
// built part is over MaxTree bytes is refused (a *fieldError) after a scan
// that builds nothing.
func parseJSONSkipping(src []byte, skipKey string) (jsonValue, error) {
	v, _, err := parseJSONMarking(src, skipKey)
	return v, err
}

// parseJSONMarking is parseJSONSkipping that also returns the chunk marks of
// the skipKey array (see elementMarks).
func parseJSONMarking(src []byte, skipKey string) (jsonValue, elementMarks, error) {
	if len(src) > MaxTree {
		if err := checkTree(src, skipKey); err != nil {
			return jsonValue{}, elementMarks{}, err
		}
	}
	p := jsonParser{src: src, skipKey: skipKey, marking: skipKey != "", marks: elementMarks{of: -1}}
	p.skipSpace()
	v, err := p.value(true)
	if err != nil {
		return v, elementMarks{}, err
	}
	if err := p.expectEnd(); err != nil {
		return v, elementMarks{}, err
	}
	return v, p.marks, nil
}

// checkTree scans src without building it and fails when the part that
// parseJSONSkipping would build (all but the skipKey values) is over
// MaxTree bytes. Syntax errors are returned as they are found.
func checkTree(src []byte, skipKey string) error {
	p := jsonParser{src: src, skipKey: skipKey}
	p.skipSpace()
	v, err := p.value(false)
	if err != nil {
		return err
	}
	if err := p.expectEnd(); err != nil {
		return err
	}
	if built := len(src) - p.skipped; built > MaxTree {
		what := "the value"
		if p.skipped > 0 {
			what = "the value without its \"" + skipKey + "\""
		}
		err := &fieldError{off: v.start, msg: fmt.Sprintf("%s is %d bytes, more than the %s limit (the size limit of a policy document)", what, built, inputlimit.FormatSize(MaxTree))}
		if p.skipped > 0 {
			return &skippedTooBig{err}
		}
		return err
	}
	return nil
}

// skippedTooBig is a checkTree error about a value that has skipKey
// members (a batch document): the whole input is unreadable then.
type skippedTooBig struct{ *fieldError }

func (e *skippedTooBig) Unwrap() error { return e.fieldError }

func (p *jsonParser) expectEnd() error {
	p.skipSpace()
	if p.pos < len(p.src) {
		return p.errorf("unexpected %s after the JSON value", p.describe())
	}
	return nil
}

func (p *jsonParser) errorf(format string, args ...any) error {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return &syntaxError{off: p.pos, msg: msg}
}

func (p *jsonParser) eofError(what string) error {
	return &syntaxError{off: p.pos, msg: "unexpected end of input " + what, eof: true}
}

// describe names the byte at the current position for error messages.
func (p *jsonParser) describe() string {
	if p.pos >= len(p.src) {
		return "end of input"
	}
	c := p.src[p.pos]
	if c >= 0x20 && c < 0x7f {
		return "character " + strconv.QuoteRune(rune(c))
	}
	return "byte " + strconv.Quote(string(c))
}

func (p *jsonParser) skipSpace() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// value parses one value at p.pos (whitespace already skipped). Values are
// returned, not filled in through a pointer: the parser is recursive, and a
// pointer argument would make every value escape to the heap.
func (p *jsonParser) value(build bool) (v jsonValue, err error) {
	if p.pos >= len(p.src) {
		return v, p.eofError("looking for a value")
	}
	v.start = p.pos
	switch c := p.src[p.pos]; {
	case c == '{':
		v.kind = jsonObject
		v.members, err = p.object(build)
	case c == '[':
		v.kind = jsonArray
		v.elems, err = p.array(build)
	case c == '"':
		v.kind = jsonString
		v.text, err = p.str(build)
	case c == '-' || (c >= '0' && c <= '9'):
		v.kind = jsonNumber
		if err = p.number(); err == nil && build {
			v.text = aliasString(p.src[v.start:p.pos])
		}
	case c == 't':
		v.kind, v.text = jsonBool, "true"
		err = p.literal("true")
	case c == 'f':
		v.kind, v.text = jsonBool, "false"
		err = p.literal("false")
	case c == 'n':
		v.kind = jsonNull
		err = p.literal("null")
	default:
		return v, p.errorf("invalid %s looking for a value", p.describe())
	}
	v.end = p.pos
	return v, err
}

func (p *jsonParser) literal(word string) error {
	for i := 0; i < len(word); i++ {
		if p.pos >= len(p.src) {
			return p.eofError("in literal " + word)
		}
		if p.src[p.pos] != word[i] {
			return p.errorf("invalid %s in literal %s", p.describe(), word)
		}
		p.pos++
	}
	return nil
}

func (p *jsonParser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return p.errorf("JSON nested deeper than %d levels", maxDepth)
	}
	return nil
}

// object parses an object at p.pos and returns its members (nil when not
// building, or empty).
func (p *jsonParser) object(build bool) ([]jsonMember, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	p.pos++ // {
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		p.depth--
		return nil, nil
	}
	base := len(p.members)
	defer func() { p.members = p.members[:base] }()
	for {
		if p.pos >= len(p.src) {
			return nil, p.eofError("in object")
		}
		if p.src[p.pos] != '"' {
			return nil, p.errorf("invalid %s looking for an object key", p.describe())
		}
		keyOff := p.pos
		key, err := p.str(build)
		if err != nil {
			return nil, err
		}
		skipping := p.depth == 1 && p.skipKey != "" && !build && string(p.src[keyOff+1:p.pos-1]) == p.skipKey
		p.skipSpace()
		if p.pos >= len(p.src) {
			return nil, p.eofError("after object key")
		}
		if p.src[p.pos] != ':' {
			return nil, p.errorf("invalid %s after object key %q (expected ':')", p.describe(), key)
		}
		p.pos++
		p.skipSpace()
		buildValue := build && (p.depth != 1 || p.skipKey == "" || key != p.skipKey)
		val, err := p.value(buildValue)
		if err != nil {
			return nil, err
		}
		if skipping {
			p.skipped += val.end - val.start
		}
		if build {
			p.members = append(p.members, jsonMember{key: key, keyOff: keyOff, val: val})
		}
		p.skipSpace()
		if p.pos >= len(p.src) {
			return nil, p.eofError("in object")
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
			p.skipSpace()
		case '}':
			p.pos++
			p.depth--
			if !build {
				return nil, nil
			}
			if p.arena != nil {
				return p.arena.copyMembers(p.members[base:]), nil
			}
			return append([]jsonMember(nil), p.members[base:]...), nil
		default:
			return nil, p.errorf("invalid %s after object member (expected ',' or '}')", p.describe())
		}
	}
}

// array parses an array at p.pos and returns its elements (nil when not
// building, or empty).
func (p *jsonParser) array(build bool) ([]jsonValue, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	// Only the skipKey array is validated unbuilt at depth 2 of a built
	// document: its chunks are marked.
	marking := p.marking && !build && p.depth == 2
	if marking {
		p.marks = elementMarks{of: p.pos, at: p.marks.at[:0]}
	}
	p.pos++ // [
	p.skipSpace()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		p.depth--
		return nil, nil
	}
	base := len(p.elems)
	defer func() { p.elems = p.elems[:base] }()
	for i := 0; ; i++ {
		if marking && i%chunkElements == 0 {
			p.marks.at = append(p.marks.at, p.pos)
		}
		e, err := p.value(build)
		if err != nil {
			return nil, err
		}
		if build {
			if len(p.elems) == cap(p.elems) {
				// Double: append grows large slices by 1.25x, which copies
				// a 100,000-element array about five times.
				p.elems = slices.Grow(p.elems, len(p.elems)+8)
			}
			p.elems = append(p.elems, e)
		}
		p.skipSpace()
		if p.pos >= len(p.src) {
			return nil, p.eofError("in array")
		}
		switch p.src[p.pos] {
		case ',':
			p.pos++
			p.skipSpace()
		case ']':
			p.pos++
			p.depth--
			if !build {
				return nil, nil
			}
			if p.arena != nil {
				return p.arena.copyElems(p.elems[base:]), nil
			}
			return append([]jsonValue(nil), p.elems[base:]...), nil
		default:
			return nil, p.errorf("invalid %s after array element (expected ',' or ']')", p.describe())
		}
	}
}

func forEachElement(src []byte, arr *jsonValue, fn func(i int, v *jsonValue) error) error {
	return forEachElementFrom(src, arr, arr.start+1, 0, -1, fn)
}

// forEachElementFrom is forEachElement from the element at offset pos
// (index first; arr.start+1 for the whole array), for at most n elements
// (all when n < 0).
func forEachElementFrom(src []byte, arr *jsonValue, pos, first, n int, fn func(i int, v *jsonValue) error) error {
	if arr.kind != jsonArray {
		return &syntaxError{off: arr.start, msg: "not an array"}
	}
	// fn must not keep the element's tree (its lists live in the arena);
	// strings alias src or are allocated apart, and may be kept.
	p := jsonParser{src: src[:arr.end], pos: pos, depth: 1, arena: &jsonArena{}}
	var v jsonValue // one for all elements: fn must not keep it either
	for i := first; n < 0 || i < first+n; i++ {
		p.arena.reset()
		p.skipSpace()
		if p.pos >= len(p.src) {
			return p.eofError("in array")
		}
		switch p.src[p.pos] {
		case ']':
			return nil
		case ',':
			p.pos++
			p.skipSpace()
		}
		if arr.end-arr.start > MaxTree {
			// Measure the element before building it.
			start := p.pos
			if _, err := p.value(false); err != nil {
				return err
			}
			if p.pos-start > MaxTree {
				return &fieldError{off: start, pointer: "/requests/" + strconv.Itoa(i), msg: fmt.Sprintf("a request is %d bytes, more than the %s limit", p.pos-start, inputlimit.FormatSize(MaxTree))}
			}
			p.pos = start
		}
		var err error
		if v, err = p.value(true); err != nil {
			return err
		}
		if err := fn(i, &v); err != nil {
			return err
		}
	}
	return nil
}
