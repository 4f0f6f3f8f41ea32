package inputlimit

import (
	"bytes"
	"fmt"
)

// DepthError is raw input nested deeper than a limit, found before parsing.
type DepthError struct {
	Offset       int // byte offset of the token that went over
	Line, Column int // 1-based; Column counts bytes
	Max          int
}

func (e *DepthError) Error() string {
	return fmt.Sprintf("line %d, column %d: nested deeper than %d levels", e.Line, e.Column, e.Max)
}

func depthError(src []byte, off, max int) *DepthError {
	line := 1 + bytes.Count(src[:off], []byte{'\n'})
	col := off - (bytes.LastIndexByte(src[:off], '\n') + 1) + 1
	return &DepthError{Offset: off, Line: line, Column: col, Max: max}
}

// JSONDepth checks that the raw JSON in src nests '[' and '{' at most max
// levels deep, skipping strings. It does not validate: malformed input is
// left to the parser, which can then recurse at most max levels.
func JSONDepth(src []byte, max int) error {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '"':
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			depth++
			if depth > max {
				return depthError(src, i, max)
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return nil
}

// hclFrame is one open construct of HCL source.
type hclFrame struct {
	kind   byte   // '{', '[', '(' brackets; 'i' a template interpolation; '"' a quoted string; 'h' a heredoc
	marker []byte // heredoc end marker
	cond   int    // conditional operators ('?') seen at this level since the last ',' or newline
}

// HCLDepth checks that native HCL syntax in src nests at most max levels
// deep, counting what makes a recursive-descent parser recurse: brackets
// '{' '[' '(', template interpolations and directives ("${", "%{") inside
// quoted strings and heredocs, chained conditionals (a ? b : c ? d : ...)
// and runs of unary operators (! and -). Comments, strings and heredoc
// text are skipped. It over-counts rather than under-counts and does not
// validate: the parser reports syntax errors afterwards.
func HCLDepth(src []byte, max int) error {
	stack := []hclFrame{{kind: '{'}} // the file body
	level := 0                       // frames that count as nesting
	unary := 0                       // unary operators in a row
	check := func(off, extra int) error {
		cond := 0
		for i := range stack {
			cond += stack[i].cond
		}
		if level+cond+extra > max {
			return depthError(src, off, max)
		}
		return nil
	}
	push := func(f hclFrame, counts bool) {
		stack = append(stack, f)
		if counts {
			level++
		}
	}
	pop := func() {
		if len(stack) > 1 {
			if k := stack[len(stack)-1].kind; k != '"' && k != 'h' {
				level--
			}
			stack = stack[:len(stack)-1]
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		top := &stack[len(stack)-1]
		switch top.kind {
		case '"':
			switch {
			case c == '\\':
				i++
			case c == '"':
				pop()
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == c && i+2 < len(src) && src[i+2] == '{':
				i += 2 // $${ and %%{ are literal
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == '{':
				push(hclFrame{kind: 'i'}, true)
				i++
				if err := check(i, 0); err != nil {
					return err
				}
			}
			continue
		case 'h':
			if c == '\n' || i == 0 {
				start := i + 1
				if c != '\n' {
					start = i
				}
				end := bytes.IndexByte(src[start:], '\n')
				if end < 0 {
					end = len(src) - start
				}
				if bytes.Equal(bytes.TrimSpace(src[start:start+end]), top.marker) {
					pop()
					i = start + end - 1
				}
				continue
			}
			switch {
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == c && i+2 < len(src) && src[i+2] == '{':
				i += 2
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == '{':
				push(hclFrame{kind: 'i'}, true)
				i++
				if err := check(i, 0); err != nil {
					return err
				}
			}
			continue
		}
		// Code: the file body, a bracket or an interpolation.
		if c != '!' && c != '-' && c != ' ' && c != '\t' && c != '\r' {
			unary = 0
		}
		switch c {
		case '#':
			i = skipLine(src, i)
		case '/':
			if i+1 < len(src) && src[i+1] == '/' {
				i = skipLine(src, i)
			} else if i+1 < len(src) && src[i+1] == '*' {
				end := bytes.Index(src[i+2:], []byte("*/"))
				if end < 0 {
					return nil
				}
				i += 2 + end + 1
			}
		case '"':
			push(hclFrame{kind: '"'}, false)
		case '<':
			if m, next, ok := heredocStart(src, i); ok {
				push(hclFrame{kind: 'h', marker: m}, false)
				i = next - 1 // at the '\n' ending the introducer line
			}
		case '{', '[', '(':
			push(hclFrame{kind: c}, true)
			if err := check(i, 0); err != nil {
				return err
			}
		case '}', ']', ')':
			pop()
		case ',':
			top.cond = 0
		case '\n':
			if top.kind == '{' {
				top.cond = 0
			}
		case '?':
			top.cond++
			if err := check(i, 0); err != nil {
				return err
			}
		case '!', '-':
			if c == '!' && i+1 < len(src) && src[i+1] == '=' {
				unary = 0
				i++
				continue
			}
			unary++
			if err := check(i, unary); err != nil {
				return err
			}
		}
	}
	return nil
}

// skipLine returns the offset of the '\n' ending the line at i (or the
// last offset).
func skipLine(src []byte, i int) int {
	if n := bytes.IndexByte(src[i:], '\n'); n >= 0 {
		return i + n
	}
	return len(src) - 1
}

// heredocStart recognises "<<MARKER\n" or "<<-MARKER\n" at i and returns
// the marker and the offset of the '\n'.
func heredocStart(src []byte, i int) ([]byte, int, bool) {
	j := i + 2
	if j > len(src) || src[i+1] != '<' {
		return nil, 0, false
	}
	if j < len(src) && src[j] == '-' {
		j++
	}
	k := j
	for k < len(src) && (src[k] == '_' || src[k] == '-' || (src[k] >= '0' && src[k] <= '9') || (src[k]|0x20 >= 'a' && src[k]|0x20 <= 'z')) {
		k++
	}
	if k == j {
		return nil, 0, false
	}
	e := k
	if e < len(src) && src[e] == '\r' {
		e++
	}
	if e >= len(src) || src[e] != '\n' {
		return nil, 0, false
	}
	return src[j:k], e, true
}
