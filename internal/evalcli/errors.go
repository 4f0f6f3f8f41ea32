package evalcli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// ErrUnreadable marks input that cannot be read at all (planscan exits 2):
// a batch document that is not JSON, or an I/O error.
var ErrUnreadable = errors.New("unreadable input")

// InputError is a problem with one case or request of the input. It names
// where the problem is: the input line and column, and the JSON pointer of
// the offending value inside the case.
type InputError struct {
	Line    int    // 1-based input line
	Column  int    // 1-based byte column; 0 when unknown
	Pointer string // JSON pointer (RFC 6901) inside the case, "" for the whole case
	Msg     string
}

func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString("line ")
	b.WriteString(strconv.Itoa(e.Line))
	if e.Column > 0 {
		b.WriteString(", column ")
		b.WriteString(strconv.Itoa(e.Column))
	}
	b.WriteString(": ")
	if e.Pointer != "" {
		b.WriteString(e.Pointer)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// fieldError is a decoding problem at byte offset off of the decoded buffer;
// the caller turns it into an InputError once it knows the line numbers.
type fieldError struct {
	off     int
	pointer string
	msg     string
}

func (e *fieldError) Error() string { return e.pointer + ": " + e.msg }

func newFieldError(v *jsonValue, ptr string, format string, args ...any) *fieldError {
	return &fieldError{off: v.start, pointer: ptr, msg: fmt.Sprintf(format, args...)}
}

// lineMap converts byte offsets of one buffer into input lines and columns.
// firstLine is the input line of src[0].
type lineMap struct {
	src       []byte
	firstLine int
}

func (m lineMap) position(off int) (line, col int) {
	line, col = evaluator.LineColumn(m.src, off)
	return m.firstLine + line - 1, col
}

// inputError turns a syntaxError or fieldError found in m.src into an
// InputError with line and column.
func (m lineMap) inputError(err error) *InputError {
	var se *syntaxError
	var fe *fieldError
	switch {
	case errors.As(err, &se):
		line, col := m.position(se.off)
		return &InputError{Line: line, Column: col, Msg: "invalid JSON: " + se.msg}
	case errors.As(err, &fe):
		line, col := m.position(fe.off)
		return &InputError{Line: line, Column: col, Pointer: fe.pointer, Msg: fe.msg}
	}
	return &InputError{Line: m.firstLine, Msg: err.Error()}
}

// pointerAppend extends a JSON pointer by one reference token (RFC 6901
// escaping of '~' and '/').
func pointerAppend(ptr, token string) string {
	if !strings.ContainsAny(token, "~/") {
		return ptr + "/" + token
	}
	b := make([]byte, 0, len(ptr)+len(token)+4)
	b = append(append(b, ptr...), '/')
	for i := 0; i < len(token); i++ {
		switch token[i] {
		case '~':
			b = append(b, '~', '0')
		case '/':
			b = append(b, '~', '1')
		default:
			b = append(b, token[i])
		}
	}
	return string(b)
}

func pointerIndex(ptr string, i int) string {
	return ptr + "/" + strconv.Itoa(i)
}

// unreadableError wraps an error so that errors.Is(err, ErrUnreadable).
type unreadableError struct{ err error }

func (e *unreadableError) Error() string { return e.err.Error() }
func (e *unreadableError) Unwrap() []error {
	return []error{ErrUnreadable, e.err}
}

func unreadable(err error) error { return &unreadableError{err: err} }
