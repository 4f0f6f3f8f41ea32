// Package inputlimit reads untrusted input with bounds: a size limit per
// file or stream, a length limit per line, and nesting-depth checks on raw
// JSON and HCL bytes that run before any recursive parser does. Every error
// names the input (and the line) and the limit that was hit.
//
// Named inputs never block at open: regular files are read with the
// limits; named pipes and character devices (process substitution
// <(...), /dev/stdin, /dev/zero) are opened without blocking and read with
// the same limits; directories, sockets and block devices are refused. A
// named pipe that has no writer gets FIFOWait for one to connect and write,
// then is an error rather than an empty input.
package inputlimit

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ErrTooLarge is wrapped by every *LimitError.
var ErrTooLarge = errors.New("input over its limit")

// LimitError says which input went over which limit.
type LimitError struct {
	Name  string // the input: a file name or "stdin"
	Line  int    // 1-based line for a line limit, else 0
	What  string // what is limited: "file", "line", "JSON value", ...
	Limit int64  // the limit in bytes
}

func (e *LimitError) Error() string {
	article := "a "
	if e.What != "" && strings.ContainsRune("aeiou", rune(e.What[0])) {
		article = "an "
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s: line %d is longer than the %s limit of %s%s", e.Name, e.Line, FormatSize(e.Limit), article, e.What)
	}
	return fmt.Sprintf("%s: larger than the %s limit of %s%s", e.Name, FormatSize(e.Limit), article, e.What)
}

func (e *LimitError) Is(target error) bool { return target == ErrTooLarge }

// FormatSize writes n bytes the way limits are documented: "16 MiB",
// "1 GiB", "512 bytes".
func FormatSize(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return strconv.FormatInt(n>>30, 10) + " GiB"
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// FIFOWait is how long a named pipe may stay without data before reading it
// fails (a writer that has not connected yet gets this long to connect).
var FIFOWait = 5 * time.Second

// Open opens a named input for reading without ever blocking in open(2).
// Regular files and character devices are opened as usual; a named pipe is
// opened non-blocking and returned wrapped so that "no writer" is an error
// after FIFOWait, not an empty input; anything else (a directory, a socket,
// a block device) is refused with an error naming it.
func Open(name string) (io.ReadCloser, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	switch mode := st.Mode(); {
	case mode.IsRegular(), mode&os.ModeCharDevice != 0:
		return os.Open(name)
	case mode&os.ModeNamedPipe != 0:
		f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		if err != nil {
			return nil, err
		}
		return &fifo{File: f, name: name}, nil
	case mode.IsDir():
		return nil, fmt.Errorf("%s: is a directory, not a file", name)
	default:
		return nil, fmt.Errorf("%s: not a regular file, pipe or character device (%s); give a file or use stdin", name, mode.Type())
	}
}

// fifo is a named pipe opened non-blocking: reads go through the runtime
// poller (they wait for data while a writer is connected), and end of input
// before any byte is retried for FIFOWait, since it means no writer has
// connected yet.
type fifo struct {
	*os.File
	name string
	got  bool
}

func (f *fifo) Read(p []byte) (int, error) {
	if f.got || len(p) == 0 {
		return f.File.Read(p)
	}
	deadline := time.Now().Add(FIFOWait)
	for {
		n, err := f.File.Read(p)
		if n > 0 {
			f.got = true
			return n, err
		}
		if !errors.Is(err, io.EOF) {
			return n, err
		}
		if time.Now().After(deadline) {
			return 0, fmt.Errorf("named pipe gave no data within %s (no writer connected, or the writer wrote nothing)", FIFOWait)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Reader reads at most Limit bytes of R; reading more fails with a
// *LimitError instead of truncating silently.
type Reader struct {
	R     io.Reader
	Name  string
	What  string
	Limit int64
	n     int64
}

// NewReader limits r to limit bytes; name and what go into the error
// ("stdin: larger than the 1 GiB limit of a file").
func NewReader(r io.Reader, name, what string, limit int64) *Reader {
	return &Reader{R: r, Name: name, What: what, Limit: limit}
}

func (r *Reader) Read(p []byte) (int, error) {
	if r.n > r.Limit {
		return 0, r.err()
	}
	// Allow one byte past the limit to tell "exactly Limit" from "more".
	if max := r.Limit + 1 - r.n; int64(len(p)) > max {
		p = p[:max]
	}
	n, err := r.R.Read(p)
	r.n += int64(n)
	if r.n > r.Limit {
		return n - int(r.n-r.Limit), r.err()
	}
	return n, err
}

func (r *Reader) err() error {
	return &LimitError{Name: r.Name, What: r.What, Limit: r.Limit}
}

// ReadAll reads r to its end, failing with a *LimitError past limit bytes
// without holding more than limit+1 bytes. name names r in errors.
func ReadAll(r io.Reader, name, what string, limit int64) ([]byte, error) {
	b, err := io.ReadAll(NewReader(r, name, what, limit))
	if err != nil {
		var le *LimitError
		if errors.As(err, &le) {
			return nil, err
		}
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return b, nil
}

// ReadFile reads a named input (see Open) of at most limit bytes; a regular
// file is checked by its size first, so an oversized file fails before
// being read.
func ReadFile(name, what string, limit int64) ([]byte, error) {
	f, err := Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if of, ok := f.(*os.File); ok {
		if st, err := of.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > limit {
			return nil, &LimitError{Name: name, What: what, Limit: limit}
		}
	}
	return ReadAll(f, name, what, limit)
}
