package analysis

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/hashicorp/hcl/v2"
)

// Limits of planscan.hcl, checked before hcl's parser runs: the parser
// recurses once per nesting level without a bound (100,000 nested brackets
// overflow the stack), and check loads ./planscan.hcl by itself, so a pull
// request controls this file.
//
// The depth check is local until internal/inputlimit (HCLDepth, bounded
// reads) lands on main; configDepth has its signature, so swapping is one
// call.
const (
	MaxConfigSize  = 1 << 20 // bytes
	MaxConfigDepth = 64      // nested brackets, braces, parentheses and template interpolations
)

// readConfigFile reads a config file of at most MaxConfigSize bytes; it
// refuses what is not a regular file (a FIFO would block, a device never
// end).
func readConfigFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("config: %s is not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, MaxConfigSize+1))
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	if len(src) > MaxConfigSize {
		return nil, fmt.Errorf("config: %s is larger than %d bytes", path, MaxConfigSize)
	}
	return src, nil
}

// checkConfigLimits refuses a config larger than MaxConfigSize or nested
// deeper than MaxConfigDepth, with the position of the offending byte.
func checkConfigLimits(filename string, src []byte) error {
	if len(src) > MaxConfigSize {
		return fmt.Errorf("config: %s is larger than %d bytes", filename, MaxConfigSize)
	}
	if off, ok := configDepth(src, MaxConfigDepth); !ok {
		line := 1 + bytes.Count(src[:off], []byte{'\n'})
		col := off - (bytes.LastIndexByte(src[:off], '\n') + 1) + 1
		pos := hcl.Pos{Line: line, Column: col, Byte: off}
		return &ConfigError{hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  fmt.Sprintf("nested deeper than %d levels", MaxConfigDepth),
			Detail:   "planscan.hcl nests brackets, braces, parentheses or template interpolations too deeply (or chains too many unary operators)",
			Subject:  &hcl.Range{Filename: filename, Start: pos, End: pos},
		}}}
	}
	return nil
}

// configDepth scans native HCL syntax for nesting deeper than max, skipping
// comments, quoted strings and heredoc text (but counting the template
// interpolations "${" and "%{" inside them, which the parser recurses
// into), and runs of unary operators. It over-counts rather than
// under-counts and does not validate. ok is false with the byte offset of
// the first token over the limit.
func configDepth(src []byte, max int) (off int, ok bool) {
	type frame struct {
		kind   byte // '{' '[' '(' brackets, 'i' interpolation, '"' string, 'h' heredoc
		marker []byte
	}
	stack := []frame{}
	unary := 0
	push := func(f frame) bool {
		stack = append(stack, f)
		return len(stack) <= max
	}
	top := func() byte {
		if len(stack) == 0 {
			return 0
		}
		return stack[len(stack)-1].kind
	}
	lineStart := true
	for i := 0; i < len(src); i++ {
		c := src[i]
		atLineStart := lineStart
		lineStart = c == '\n'
		switch top() {
		case '"':
			switch {
			case c == '\\':
				i++
			case c == '"':
				stack = stack[:len(stack)-1]
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == '{':
				if !push(frame{kind: 'i'}) {
					return i, false
				}
				i++
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == c:
				i++ // $${ and %%{ are escapes
			}
			continue
		case 'h':
			f := stack[len(stack)-1]
			if atLineStart {
				end := bytes.IndexByte(src[i:], '\n')
				if end < 0 {
					end = len(src) - i
				}
				if bytes.Equal(bytes.TrimSpace(src[i:i+end]), f.marker) {
					stack = stack[:len(stack)-1]
					i += end - 1
					continue
				}
			}
			switch {
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == c:
				i++
			case (c == '$' || c == '%') && i+1 < len(src) && src[i+1] == '{':
				if !push(frame{kind: 'i'}) {
					return i, false
				}
				i++
			}
			continue
		}
		// expression context: the body, brackets, interpolations
		switch {
		case c == '#' || (c == '/' && i+1 < len(src) && src[i+1] == '/'):
			for i < len(src) && src[i] != '\n' {
				i++
			}
			lineStart = true
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				return 0, true
			}
			i += 2 + end + 1
			continue
		case c == '!' || c == '-':
			unary++
			if unary > max {
				return i, false
			}
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			continue
		}
		unary = 0
		switch c {
		case '"':
			if !push(frame{kind: '"'}) {
				return i, false
			}
		case '{', '[', '(':
			if !push(frame{kind: c}) {
				return i, false
			}
		case '}', ']', ')':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case '<':
			if i+1 < len(src) && src[i+1] == '<' {
				j := i + 2
				if j < len(src) && src[j] == '-' {
					j++
				}
				k := j
				for k < len(src) && (src[k] == '_' || src[k] == '-' || src[k] >= '0' && src[k] <= '9' || src[k]|0x20 >= 'a' && src[k]|0x20 <= 'z') {
					k++
				}
				nl := bytes.IndexByte(src[k:], '\n')
				if k > j && nl >= 0 && len(bytes.TrimSpace(src[k:k+nl])) == 0 {
					if !push(frame{kind: 'h', marker: src[j:k]}) {
						return i, false
					}
					i = k + nl
					lineStart = true
				}
			}
		}
	}
	return 0, true
}
