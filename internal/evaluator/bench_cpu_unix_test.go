//go:build unix

package evaluator

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user+sys) the test process has used so far:
// on a machine shared with other jobs a benchmark's wall time mostly
// measures the queue, its CPU time the work.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
