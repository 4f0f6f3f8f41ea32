package evaluator

import "bytes"

// LineColumn converts byte offset off of src into a 1-based line and a
// 1-based column (in bytes), the positions that findings and input errors
// report. An offset past the end counts as the end.
func LineColumn(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	if off < 0 {
		off = 0
	}
	before := src[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = off - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}
