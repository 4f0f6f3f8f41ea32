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
	var line []byte
	for {
		frag, err := lr.r.ReadSlice('\n')
		if len(line)+len(frag) > lr.maxLine+1 || (len(line)+len(frag) == lr.maxLine+1 && (len(frag) == 0 || frag[len(frag)-1] != '\n')) {
			lr.line++
			return nil, &LimitError{Name: lr.name, Line: lr.line, What: "line", Limit: int64(lr.maxLine)}
		}
		line = append(line, frag...)
		switch {
		case err == nil:
			lr.line++
			return line[:len(line)-1], nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case len(line) > 0 && errors.Is(err, io.EOF):
			lr.line++
			return line, io.EOF
		default:
			return nil, err
		}
	}
}
