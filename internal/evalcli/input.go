package evalcli

import (
	"bytes"
	"errors"
	"io"
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
	return readLines(newLineReader(r, name, lim.MaxLine), name, lim, h)
}

// readLines is readInput from a line reader (a stream, or an input held in
// memory).
func readLines(lr *lineReader, name string, lim Limits, h caseHandler) error {
	first, n, err := lr.nextNonBlank()
	if errors.Is(err, io.EOF) {
		return nil
	}
	if err != nil {
		return unreadable(err)
	}
	top, marks, perr := parseJSONMarking(first, "requests")
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
			doc := lr.joinRest(first, rest)
			top, marks, perr = parseJSONMarking(doc, "requests")
			if perr != nil {
				return unreadable(lineMap{src: doc, firstLine: n}.inputError(perr))
			}
			return feedBatch(doc, n, top, marks, h)
		}
		return feedBatch(first, n, top, marks, h)
	case errors.As(perr, &se) && se.eof:
		rest, err := lr.rest(len(first), lim.MaxDocument)
		if err != nil {
			return unreadable(err)
		}
		doc := lr.joinRest(first, rest)
		if top, marks, derr := parseJSONMarking(doc, "requests"); derr == nil {
			if isBatch(&top) {
				return feedBatch(doc, n, top, marks, h)
			}
			return feedCase(doc, n, &top, nil, h)
		} else if !looksLikeLines(doc) {
			return unreadable(lineMap{src: doc, firstLine: n}.inputError(derr))
		}
		lr = newBytesLineReader(doc, name, lim.MaxLine)
		lr.setLineNo(n - 1)
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

func feedBatch(src []byte, line int, top jsonValue, marks elementMarks, h caseHandler) error {
	b, err := newBatch(src, line, top, marks)
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
	lr := newBytesLineReader(doc, "", len(doc))
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
