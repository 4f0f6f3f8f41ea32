package inputlimit

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"testing"
)

// FuzzLineReader: the lines read back are the input split at "\n", or a
// *LimitError on the first line longer than the limit; ReadAll returns the
// input or a *LimitError exactly when it is over the limit.
func FuzzLineReader(f *testing.F) {
	f.Add([]byte("a\nbb\n\nccc"), 2)
	f.Add([]byte("\n\n\n"), 0)
	f.Add(bytes.Repeat([]byte("x"), 70000), 65536)
	f.Fuzz(func(t *testing.T, in []byte, max int) {
		if max < 0 || max > 1<<20 {
			return
		}
		want := bytes.Split(in, []byte{'\n'})
		if len(want) > 0 && len(want[len(want)-1]) == 0 {
			want = want[:len(want)-1]
		}
		lr := NewLineReader(bytes.NewReader(in), "in", max)
		for i := 0; ; i++ {
			line, err := lr.ReadLine()
			var le *LimitError
			if errors.As(err, &le) {
				if i >= len(want) || len(want[i]) <= max || le.Line != i+1 {
					t.Fatalf("limit error %v at line %d, lines %d", err, i+1, len(want))
				}
				break
			}
			if line != nil {
				if i >= len(want) || !bytes.Equal(line, want[i]) {
					t.Fatalf("line %d = %q", i+1, line)
				}
				if len(line) > max {
					t.Fatalf("line %d of %d bytes over the limit %d", i+1, len(line), max)
				}
			}
			if errors.Is(err, io.EOF) {
				if n := i + boolInt(line != nil); n != len(want) {
					t.Fatalf("%d lines, want %d", n, len(want))
				}
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		b, err := ReadAll(bytes.NewReader(in), "in", "file", int64(max))
		if over := len(in) > max; over != errors.Is(err, ErrTooLarge) || (!over && !bytes.Equal(b, in)) {
			t.Fatalf("ReadAll(%d bytes, %d) = %d bytes, %v", len(in), max, len(b), err)
		}
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// FuzzJSONDepth: JSONDepth never under-counts the nesting of valid JSON.
func FuzzJSONDepth(f *testing.F) {
	f.Add([]byte(`{"a": [1, {"b": "[[["}]}`), 2)
	f.Add([]byte(`["\\\"", [[]]]`), 2)
	f.Fuzz(func(t *testing.T, src []byte, max int) {
		if max < 0 || max > 100 {
			return
		}
		err := JSONDepth(src, max)
		if !json.Valid(src) {
			return
		}
		if depth := jsonDepth(t, src); (depth > max) != (err != nil) {
			t.Fatalf("JSONDepth(%q, %d) = %v, real depth %d", src, max, err, depth)
		}
	})
}

// jsonDepth measures valid JSON with encoding/json's tokenizer.
func jsonDepth(t *testing.T, src []byte) int {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber() // 1E1000 is valid JSON, not a float64
	depth, max := 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return max
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok {
		case json.Delim('['), json.Delim('{'):
			depth++
			max = maxInt(max, depth)
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
	}
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// FuzzHCLDepth: HCLDepth never panics, and never lets through text whose
// brackets, outside strings and comments, nest deeper than the limit
// (checked on inputs without strings, comments or heredocs).
func FuzzHCLDepth(f *testing.F) {
	f.Add([]byte("a = [[1]]\nb { c = \"${[x]}\" }\n"), 3)
	f.Add([]byte("a = <<EOT\n${[[[1]]]}\nEOT\n"), 2)
	f.Add([]byte("a = x ? y : z ? w : v\n"), 1)
	f.Fuzz(func(t *testing.T, src []byte, max int) {
		if max < 0 || max > 100 {
			return
		}
		err := HCLDepth(src, max)
		if bytes.ContainsAny(src, "\"#/<$%") {
			return
		}
		depth, d := 0, 0
		for _, c := range src {
			switch c {
			case '[', '{', '(':
				d++
				depth = maxInt(depth, d)
			case ']', '}', ')':
				if d > 0 {
					d--
				}
			}
		}
		if depth > max && err == nil {
			t.Fatalf("HCLDepth(%q, %d) let depth %d through", src, max, depth)
		}
	})
}
