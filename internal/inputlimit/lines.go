package inputlimit

import (
	"bufio"
	"errors"
	"io"
)

// LineReader reads lines of at most MaxLine bytes (the "\n" not counted),
// numbering them from 1. A longer line is a *LimitError naming the line;
// it is found after reading at most MaxLine+1 bytes of it.
type LineReader struct {
	r       *bufio.Reader
	name    string
	maxLine int
	line    int
}

// NewLineReader reads lines of r; name names r in errors.
func NewLineReader(r io.Reader, name string, maxLine int) *LineReader {
	return &LineReader{r: bufio.NewReaderSize(r, 64<<10), name: name, maxLine: maxLine}
}

// Line is the number of the last line returned.
func (lr *LineReader) Line() int { return lr.line }

// SetLine sets the number of the last line returned.
func (lr *LineReader) SetLine(n int) { lr.line = n }

// Rest is the unread input (buffered bytes first).
func (lr *LineReader) Rest() io.Reader { return lr.r }

// ReadLine returns the next line in a fresh slice, without its "\n" (a
// "\r" before it stays). At the end of input it returns io.EOF, with the
// last line when that has no "\n".
func (lr *LineReader) ReadLine() ([]byte, error) {
	// Fragments of a long line are kept apart and joined once: growing one
	// slice would allocate several times the line before the limit hits.
	var frags [][]byte
	n := 0
	for {
		frag, err := lr.r.ReadSlice('\n')
		if n+len(frag) > lr.maxLine+1 || (n+len(frag) == lr.maxLine+1 && (len(frag) == 0 || frag[len(frag)-1] != '\n')) {
			lr.line++
			return nil, &LimitError{Name: lr.name, Line: lr.line, What: "line", Limit: int64(lr.maxLine)}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			frags = append(frags, append([]byte(nil), frag...))
			n += len(frag)
			continue
		case err == nil:
			lr.line++
			return join(frags, n, frag[:len(frag)-1]), nil
		case n+len(frag) > 0 && errors.Is(err, io.EOF):
			lr.line++
			return join(frags, n, frag), io.EOF
		default:
			return nil, err
		}
	}
}

// join returns the fragments and last in one fresh slice.
func join(frags [][]byte, n int, last []byte) []byte {
	line := make([]byte, 0, n+len(last))
	for _, f := range frags {
		line = append(line, f...)
	}
	return append(line, last...)
}
