package evalcli

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/iamsim/terraform-provider-iamsim/internal/inputlimit"
)

// caseHandler receives what readInput finds, in input order.
type caseHandler interface {
	// handleCase gets a decoded case, or a nil case and the *InputError that
	// rejected it (id is the case id when it could be read).
	handleCase(c *Case, id []byte, inputErr error) error
	// handleBatch gets a batch document; sharedErr is an *InputError in its
	// policy fields, which every request then reports.
	handleBatch(b *Batch, sharedErr error) error
}

// readInput detects the input form and feeds h:
//
//   - JSON lines: one case per line (blank lines are skipped). A bad line is
//     reported and reading goes on.
//   - A batch document: one JSON object with a "requests" array, on one line
//     or spread over many.
//   - A single case spread over many lines (a pretty-printed case).
//
// The first non-blank line decides: a complete JSON value is a case line
// (or a one-line batch when it has a top-level "requests" key); a value that
// continues on later lines is a document. When such a document does not
// parse but it is a single line, or its second line is a complete JSON
// value, the input is taken as JSON lines with a broken first line.
// Otherwise the input cannot be read and the error wraps ErrUnreadable.
//
// name names r in errors; lim bounds lines and documents.
func readInput(r io.Reader, name string, lim Limits, h caseHandler) error {
	lr := newLineReader(r, name, lim.MaxLine)
	first, n, err := lr.nextNonBlank()
	if errors.Is(err, io.EOF) {
		return nil
	}
	if err != nil {
		return unreadable(err)
	}
	top, perr := parseJSONSkipping(first, "requests")
	var se *syntaxError
	var big *skippedTooBig
	switch {
	case errors.As(perr, &big):
		return unreadable(lineMap{src: first, firstLine: n}.inputError(perr))
	case perr == nil && isBatch(&top):
		rest, err := lr.rest(len(first), lim.MaxDocument)
		if err != nil {
			return unreadable(err)
		}
		if len(bytes.TrimSpace(rest)) > 0 {
			doc := joinLines(first, rest)
			top, perr = parseJSONSkipping(doc, "requests")
			if perr != nil {
				return unreadable(lineMap{src: doc, firstLine: n}.inputError(perr))
			}
			return feedBatch(doc, n, top, h)
		}
		return feedBatch(first, n, top, h)
	case errors.As(perr, &se) && se.eof:
		rest, err := lr.rest(len(first), lim.MaxDocument)
		if err != nil {
			return unreadable(err)
		}
		doc := joinLines(first, rest)
		if top, derr := parseJSONSkipping(doc, "requests"); derr == nil {
			if isBatch(&top) {
				return feedBatch(doc, n, top, h)
			}
			return feedCase(doc, n, &top, nil, h)
		} else if !looksLikeLines(doc) {
			return unreadable(lineMap{src: doc, firstLine: n}.inputError(derr))
		}
		lr = newLineReader(bytes.NewReader(doc), name, lim.MaxLine)
		lr.r.SetLine(n - 1)
		first, n, _ = lr.nextNonBlank()
		top, perr = parseJSON(first)
	}
	// JSON lines.
	for {
		if err := feedCase(first, n, &top, perr, h); err != nil {
			return err
		}
		first, n, err = lr.nextNonBlank()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return unreadable(err)
		}
		top, perr = parseJSON(first)
	}
}

func isBatch(top *jsonValue) bool {
	return top.kind == jsonObject && top.get("requests") != nil
}

// feedCase decodes one case from src (parsed into top, or perr) and hands
// it to h.
func feedCase(src []byte, line int, top *jsonValue, perr error, h caseHandler) error {
	m := lineMap{src: src, firstLine: line}
	if perr != nil {
		return h.handleCase(nil, nil, m.inputError(perr))
	}
	c, err := decodeCaseValue(src, top)
	if err != nil {
		return h.handleCase(nil, c.ID, m.inputError(err))
	}
	return h.handleCase(&c, c.ID, nil)
}

func feedBatch(src []byte, line int, top jsonValue, h caseHandler) error {
	b, err := newBatch(src, line, top)
	if b == nil {
		return err
	}
	return h.handleBatch(b, err)
}

// joinLines rebuilds the input from a first line (newline stripped) and
// the rest, keeping line numbers.
func joinLines(first, rest []byte) []byte {
	doc := make([]byte, 0, len(first)+1+len(rest))
	doc = append(doc, first...)
	doc = append(doc, '\n')
	return append(doc, rest...)
}

// looksLikeLines reports whether doc, which does not parse as one JSON
// document, is rather JSON lines whose first line is broken: it has a
// single non-blank line, or its second non-blank line is a complete value.
func looksLikeLines(doc []byte) bool {
	lr := newLineReader(bytes.NewReader(doc), "", len(doc))
	if _, _, err := lr.nextNonBlank(); err != nil {
		return true
	}
	second, _, err := lr.nextNonBlank()
	if err != nil {
		return true
	}
	_, perr := parseJSON(second)
	return perr == nil
}

// lineReader reads bounded lines (without their "\n" or "\r\n"),
// counting them. Each line is a fresh slice: decoded policies keep pointing
// into it.
type lineReader struct {
	r    *inputlimit.LineReader
	name string
}

func newLineReader(r io.Reader, name string, maxLine int) *lineReader {
	return &lineReader{r: inputlimit.NewLineReader(r, name, maxLine), name: name}
}

// rest reads the rest of the input as the continuation of a document whose
// first line had n bytes; the whole document may have at most max bytes.
func (lr *lineReader) rest(n int, max int64) ([]byte, error) {
	b, err := inputlimit.ReadAll(lr.r.Rest(), lr.name, "document", max-int64(n)-1)
	var le *inputlimit.LimitError
	if errors.As(err, &le) {
		return nil, fmt.Errorf("%s: the document starting on line %d is larger than the %s limit of a document", lr.name, lr.r.Line(), inputlimit.FormatSize(max))
	}
	return b, err
}

// nextNonBlank returns the next line holding more than whitespace and its
// 1-based number, or io.EOF. A line over the limit is a *inputlimit.LimitError.
func (lr *lineReader) nextNonBlank() ([]byte, int, error) {
	for {
		line, err := lr.r.ReadLine()
		if line == nil && err != nil {
			var le *inputlimit.LimitError
			if errors.Is(err, io.EOF) || errors.As(err, &le) {
				return nil, lr.r.Line(), err
			}
			return nil, lr.r.Line(), fmt.Errorf("reading line %d: %w", lr.r.Line()+1, err)
		}
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if len(bytes.TrimSpace(line)) > 0 {
			return line, lr.r.Line(), nil
		}
		if err != nil {
			return nil, lr.r.Line(), err
		}
	}
}
