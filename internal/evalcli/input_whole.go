package evalcli

import (
	"fmt"
	"io"
	"os"

	"github.com/iamsim/terraform-provider-iamsim/internal/inputlimit"
)

// readWhole reads r whole when it is a regular file of at most
// lim.MaxDocument (and lim.MaxInput) bytes (ok true): one allocation of the file's size and
// one read, where a stream costs a copy of every line and of a batch
// document (the batch being usually a single line of megabytes). Anything
// else (a pipe, a terminal, a larger file) is left unread (ok false) for
// the streaming reader. A file that grows while it is read is read on to
// its end, up to lim.MaxInput (the limits of lines and documents still
// apply to what was read).
//
// With mapped set, such a file is mapped into memory instead of read when
// the system allows it (mapWhole).
func readWhole(r io.Reader, name string, lim Limits, mapped bool) (src []byte, ok bool, err error) {
	f, isFile := r.(*os.File)
	if !isFile {
		return nil, false, nil
	}
	off, size, whole := unreadSize(f, min(lim.MaxDocument, lim.MaxInput))
	if !whole {
		return nil, false, nil
	}
	if mapped {
		if src, ok := mapWhole(f, off, size); ok {
			return src, true, nil
		}
	}
	src = make([]byte, 0, size+1) // +1 to see the end in one read
	for {
		n, rerr := f.Read(src[len(src):cap(src)])
		src = src[:len(src)+n]
		if rerr == io.EOF {
			return src, true, nil
		}
		if rerr != nil {
			return nil, false, unreadable(fmt.Errorf("reading %s: %w", name, rerr))
		}
		if int64(len(src)) > lim.MaxInput {
			return nil, false, unreadable(&inputlimit.LimitError{Name: name, What: "input", Limit: lim.MaxInput})
		}
		if len(src) == cap(src) {
			src = append(src, 0)[:len(src)] // the file grew: room for more
		}
	}
}

// unreadSize is the current offset of f and the number of bytes left to
// read from there (a file handed over part-read is read from there), when f is a
// regular file and that is at most max; whole is false otherwise, or when
// f cannot be examined (it is then streamed, and any error shows there).
func unreadSize(f *os.File, max int64) (off, size int64, whole bool) {
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return 0, 0, false
	}
	off, err = f.Seek(0, io.SeekCurrent)
	if err != nil || off > st.Size() || st.Size()-off > max {
		return 0, 0, false
	}
	return off, st.Size() - off, true
}
