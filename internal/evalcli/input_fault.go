package evalcli

import (
	"errors"
	"fmt"
	"runtime/debug"
)

// readMapped decides the lines of a file read whole or mapped into memory
// (readWhole). A mapped file cut short by another process while it is
// read faults (SIGBUS) where the lost pages are touched: with
// debug.SetPanicOnFault that fault is a panic of this goroutine, which
// becomes an unreadable-input error naming the file, never a crash (issue
// 14). A fault of any other kind, and any other panic, is left to the
// command boundary.
func readMapped(src []byte, name string, lim Limits, out *evalRunner) error {
	return guardMapped(name, func() error {
		return readLines(newBytesLineReader(src, name, lim.MaxLine), name, lim, out)
	})
}

// guardMapped runs fn, which reads the mapped file name, and makes a fault
// reading it an unreadable-input error (see readMapped). The chunks of a
// batch document decided on other goroutines raise their faults again on
// this one (handleBatchParallel).
func guardMapped(name string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			var fault interface{ Addr() uintptr }
			e, isErr := r.(error)
			if !isErr || !errors.As(e, &fault) {
				panic(r)
			}
			err = unreadable(fmt.Errorf("reading %s: the file changed while it was read (%w)", name, e))
		}
	}()
	return fn()
}
