package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/iamsim/terraform-provider-iamsim/internal/evalcli"
)

func runEval(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("planscan eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	explain := fs.Bool("explain", false, "print a readable explanation per request instead of JSON lines")
	var cf catalogFlags
	cf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: planscan eval [--explain] [--actions-override FILE] [--managed-policies-override FILE] [FILE]")
		fmt.Fprintln(stderr, "Decides each request of FILE (or stdin): JSON lines, one case per line, or a batch")
		fmt.Fprintln(stderr, "document with a \"requests\" array. Writes one JSON line per request, in input order.")
		fmt.Fprintln(stderr, "Exit status: 0, or 2 when the input cannot be read.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usageError(err)
	}
	if fs.NArg() > 1 {
		fmt.Fprintln(stderr, "planscan eval: at most one input file")
		return exitUsage
	}
	cat, err := cf.catalog()
	if err != nil {
		fmt.Fprintf(stderr, "planscan eval: %v\n", err)
		return exitUsage
	}
	// eval's live heap is small (the input, the compiled policies, one
	// request at a time), so collect less often: the default GOGC spends a
	// sixth of a large batch in the collector. GOGC from the environment wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(800)
	}
	// Decode the service reference on the other core while the input is
	// read: every request needs it (AC-5, RS-10).
	go cat.LookupAction("sts:GetCallerIdentity")
	in := stdin
	name := "stdin"
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		name = fs.Arg(0)
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(stderr, "planscan eval: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		in = f
	}
	if err := evalcli.Eval(in, stdout, evalcli.Config{Explain: *explain, Options: engineOptions(cat)}); err != nil {
		// Unreadable input (evalcli.ErrUnreadable) and failed writes alike.
		fmt.Fprintf(stderr, "planscan eval: %s: %v\n", name, err)
		return exitUsage
	}
	return exitOK
}

// usageError maps a flag parsing error to an exit status (-h is not an error).
func usageError(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}
