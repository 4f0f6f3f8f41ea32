package evalcli

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/iamsim/terraform-provider-iamsim/internal/inputlimit"
)

// lineReader reads bounded lines (without their "\n" or "\r\n"),
// counting them, from a stream or from an input held whole in memory.
// Lines are never written to and never reused: decoded policies keep
// pointing into them. From a stream each line is a fresh slice; from
// memory it is a sub-slice of the input, capped at its end so that an
// append cannot reach the bytes after it.
type lineReader struct {
	r    *inputlimit.LineReader // nil when reading src
	name string

	src        []byte // the whole input, when held in memory
	off        int    // of the next line in src
	line       int    // number of the last line returned from src
	maxLine    int
	start, end int // of the last line read from src (end before its "\n")
}

func newLineReader(r io.Reader, name string, maxLine int) *lineReader {
	return &lineReader{r: inputlimit.NewLineReader(r, name, maxLine), name: name}
}

// newBytesLineReader reads the lines of src, which the caller never
// modifies afterwards.
func newBytesLineReader(src []byte, name string, maxLine int) *lineReader {
	return &lineReader{src: src, name: name, maxLine: maxLine}
}

// lineNo is the number of the last line returned.
func (lr *lineReader) lineNo() int {
	if lr.r != nil {
		return lr.r.Line()
	}
	return lr.line
}

// setLineNo sets the number of the last line returned.
func (lr *lineReader) setLineNo(n int) {
	if lr.r != nil {
		lr.r.SetLine(n)
		return
	}
	lr.line = n
}

// readLine is inputlimit.LineReader.ReadLine over either source: the next
// line without its "\n", io.EOF with the last line when it has no "\n", a
// *inputlimit.LimitError for a line over maxLine.
func (lr *lineReader) readLine() ([]byte, error) {
	if lr.r != nil {
		return lr.r.ReadLine()
	}
	if lr.off >= len(lr.src) {
		return nil, io.EOF
	}
	start := lr.off
	end, next, err := len(lr.src), len(lr.src), io.EOF
	if i := bytes.IndexByte(lr.src[start:], '\n'); i >= 0 {
		end, next, err = start+i, start+i+1, nil
	}
	lr.line++
	if end-start > lr.maxLine {
		lr.off = len(lr.src)
		return nil, &inputlimit.LimitError{Name: lr.name, Line: lr.line, What: "line", Limit: int64(lr.maxLine)}
	}
	lr.off, lr.start, lr.end = next, start, end
	return lr.src[start:end:end], err
}

// rest reads the rest of the input as the continuation of a document whose
// first line had n bytes; the whole document may have at most max bytes.
func (lr *lineReader) rest(n int, max int64) ([]byte, error) {
	limit := max - int64(n) - 1
	var b []byte
	var err error
	if lr.r != nil {
		b, err = inputlimit.ReadAll(lr.r.Rest(), lr.name, "document", limit)
	} else {
		b = lr.src[lr.off:len(lr.src):len(lr.src)]
		lr.off = len(lr.src)
		if int64(len(b)) > limit {
			err = &inputlimit.LimitError{Name: lr.name, What: "document", Limit: limit}
		}
	}
	var le *inputlimit.LimitError
	if errors.As(err, &le) {
		return nil, fmt.Errorf("%s: the document starting on line %d is larger than the %s limit of a document", lr.name, lr.lineNo(), inputlimit.FormatSize(max))
	}
	return b, err
}

// joinRest is joinLines(first, rest) for the last line returned and the
// rest of the input: from memory, when the two lie next to each other in
// src with a plain "\n" between them, the document is src itself from the
// line on, with no copy.
func (lr *lineReader) joinRest(first, rest []byte) []byte {
	if lr.r == nil && len(first) == lr.end-lr.start && lr.end < len(lr.src) && lr.src[lr.end] == '\n' &&
		len(rest) == len(lr.src)-lr.end-1 {
		return lr.src[lr.start:len(lr.src):len(lr.src)]
	}
	return joinLines(first, rest)
}

// nextNonBlank returns the next line holding more than whitespace and its
// 1-based number, or io.EOF. A line over the limit is a *inputlimit.LimitError.
func (lr *lineReader) nextNonBlank() ([]byte, int, error) {
	for {
		line, err := lr.readLine()
		if line == nil && err != nil {
			var le *inputlimit.LimitError
			if errors.Is(err, io.EOF) || errors.As(err, &le) {
				return nil, lr.lineNo(), err
			}
			return nil, lr.lineNo(), fmt.Errorf("reading line %d: %w", lr.lineNo()+1, err)
		}
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if len(bytes.TrimSpace(line)) > 0 {
			return line, lr.lineNo(), nil
		}
		if err != nil {
			return nil, lr.lineNo(), err
		}
	}
}
