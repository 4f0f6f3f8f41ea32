package evalcli

import (
	"os"
	"syscall"
)

// mapWhole maps the size bytes of regular file f from offset off into
// memory, read-only, and returns them (ok false when it cannot, or when
// the file has grown past off+size: readWhole then reads it). Mapping
// skips the copy of every byte and the page faults of a buffer as large
// as the file. The mapping is never released: strings decoded from the
// input alias it and may outlive Eval (see Config.MapFile). A file cut
// short while it is mapped faults when the lost part is read: readMapped
// turns that fault into an input error.
func mapWhole(f *os.File, off, size int64) (src []byte, ok bool) {
	end := off + size
	if size <= 0 || end > int64(^uint(0)>>1) {
		return nil, false
	}
	rc, err := f.SyscallConn()
	if err != nil {
		return nil, false
	}
	var m []byte
	var merr error
	if err := rc.Control(func(fd uintptr) {
		m, merr = syscall.Mmap(int(fd), 0, int(end), syscall.PROT_READ, syscall.MAP_PRIVATE|syscall.MAP_POPULATE)
	}); err != nil || merr != nil {
		return nil, false
	}
	var one [1]byte
	if n, _ := f.ReadAt(one[:], end); n > 0 {
		_ = syscall.Munmap(m)
		return nil, false
	}
	return m[off:end:end], true
}
