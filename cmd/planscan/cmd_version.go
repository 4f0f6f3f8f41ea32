package main

import (
	"fmt"
	"io"
	"runtime"
)

func runVersion(_ []string, _ io.Reader, stdout, _ io.Writer) int {
	fmt.Fprintf(stdout, "planscan %s (%s)\n", version, runtime.Version())
	return exitOK
}
