package inputlimit

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReader(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		limit   int64
		wantErr bool
	}{
		{"empty", "", 0, false},
		{"under", "abc", 4, false},
		{"exactly", "abcd", 4, false},
		{"over by one", "abcde", 4, true},
		{"far over", strings.Repeat("x", 1<<20), 10, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := ReadAll(strings.NewReader(tt.in), "in.json", "file", tt.limit)
			if tt.wantErr {
				var le *LimitError
				if !errors.As(err, &le) || !errors.Is(err, ErrTooLarge) {
					t.Fatalf("err = %v, want a *LimitError", err)
				}
				if !strings.Contains(err.Error(), "in.json") {
					t.Errorf("error %q does not name the input", err)
				}
				return
			}
			if err != nil || string(b) != tt.in {
				t.Fatalf("ReadAll = %q, %v", b, err)
			}
		})
	}
}

func TestFormatSize(t *testing.T) {
	t.Parallel()
	for n, want := range map[int64]string{16 << 20: "16 MiB", 1 << 30: "1 GiB", 2048: "2 KiB", 1000: "1000 bytes", 3<<20 + 1: "3145729 bytes"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestLineReader(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		max     int
		want    []string
		errLine int // line of the *LimitError, 0 for none
	}{
		{"lines", "a\nbb\n\nccc", 3, []string{"a", "bb", "", "ccc"}, 0},
		{"trailing newline", "a\n", 3, []string{"a"}, 0},
		{"exactly max", "abc\nabc", 3, []string{"abc", "abc"}, 0},
		{"crlf counts the cr", "abc\r\n", 3, nil, 1},
		{"second line too long", "ab\nabcd\n", 3, []string{"ab"}, 2},
		{"last line too long", "ab\nabcd", 3, []string{"ab"}, 2},
		{"long line over buffer", strings.Repeat("x", 200<<10) + "\n", 100 << 10, nil, 1},
		{"long line fits", strings.Repeat("x", 200<<10) + "\ny", 300 << 10, []string{strings.Repeat("x", 200<<10), "y"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			lr := NewLineReader(strings.NewReader(tt.in), "stdin", tt.max)
			var got []string
			for {
				line, err := lr.ReadLine()
				if line != nil {
					got = append(got, string(line))
				}
				if err != nil {
					var le *LimitError
					if errors.As(err, &le) {
						if le.Line != tt.errLine {
							t.Errorf("limit error on line %d, want %d (%v)", le.Line, tt.errLine, err)
						}
						if !strings.Contains(err.Error(), "stdin: line") {
							t.Errorf("error %q does not name the input and line", err)
						}
					} else if !errors.Is(err, io.EOF) {
						t.Fatal(err)
					} else if tt.errLine != 0 {
						t.Errorf("no limit error, want one on line %d", tt.errLine)
					}
					break
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("lines = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	small := filepath.Join(dir, "small.json")
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(small, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(big, make([]byte, 100), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string // want: substring of the error, "" for none
	}{
		{"small", small, ""},
		{"big", big, big + ": larger than the 10 bytes limit of a policy"},
		{"missing", filepath.Join(dir, "nope"), "no such file"},
		{"directory", dir, "is a directory"},
		{"dev zero", "/dev/zero", "/dev/zero: larger than the 10 bytes limit"},
		{"dev null", "/dev/null", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ReadFile(tt.path, "policy", 10)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestFIFO(t *testing.T) {
	// Not parallel: it changes FIFOWait.
	dir := t.TempDir()
	p := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	old := FIFOWait
	FIFOWait = 200 * time.Millisecond
	defer func() { FIFOWait = old }()

	// A FIFO without a writer must not block: were it to, the test's
	// timeout would end it (no wall-clock assertion here).
	_, err := ReadFile(p, "file", 1<<20)
	if err == nil || !strings.Contains(err.Error(), "named pipe gave no data") || !strings.Contains(err.Error(), p) {
		t.Fatalf("no writer: err = %v", err)
	}

	// A writer that connects after the reader opened is waited for.
	done := make(chan error, 1)
	go func() {
		time.Sleep(50 * time.Millisecond)
		f, err := os.OpenFile(p, os.O_WRONLY, 0)
		if err != nil {
			done <- err
			return
		}
		_, err = f.Write(bytes.Repeat([]byte("x"), 100))
		f.Close()
		done <- err
	}()
	b, err := ReadFile(p, "file", 1<<20)
	if werr := <-done; werr != nil {
		t.Fatal(werr)
	}
	if err != nil || len(b) != 100 {
		t.Fatalf("late writer: %d bytes, %v", len(b), err)
	}
}
