package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
)

// startCPUProfile writes a CPU profile of the whole command to path when
// the environment sets PLANSCAN_CPUPROFILE (for `go tool pprof`; see
// BENCHMARKS.md). It returns the function that stops and closes it; an
// empty path profiles nothing. A profile that cannot be written is a
// warning, never a failed command.
func startCPUProfile(path string, warn io.Writer) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(warn, "planscan: warning: PLANSCAN_CPUPROFILE: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(warn, "planscan: warning: PLANSCAN_CPUPROFILE: %v\n", err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(warn, "planscan: warning: PLANSCAN_CPUPROFILE: %v\n", err)
		}
	}
}
