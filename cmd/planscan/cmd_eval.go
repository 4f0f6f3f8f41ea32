package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evalcli"
	"github.com/iamsim/terraform-provider-iamsim/internal/inputlimit"
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
		fmt.Fprintln(stderr, "Input limits: 1 GiB in all, 64 MiB a line or a multi-line document, 16 MiB a case (or a")
		fmt.Fprintln(stderr, "request, or a batch document without its requests); a named pipe must get data within 5s.")
		fmt.Fprintln(stderr, "Exit status: 0, 2 when the input cannot be read (or is over a limit), 4 internal error.")
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
	// Decode the service reference's tables on the other core while the
	// input is read: every request needs them (AC-5, RS-10); each service
	// is decoded when a policy or request first names it.
	// A panic there recurs on this goroutine, behind the command's recover.
	go func() {
		defer func() { _ = recover() }()
		cat.Engine().ServiceKnown("sts")
	}()
	in := stdin
	name := "stdin"
	if fs.NArg() == 1 && fs.Arg(0) != "-" {
		name = fs.Arg(0)
		f, err := inputlimit.Open(name)
		if err != nil {
			fmt.Fprintf(stderr, "planscan eval: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		in = f
	}
	if err := evalcli.Eval(in, stdout, evalcli.Config{Explain: *explain, Options: engineOptions(cat), Name: name, MapFile: true}); err != nil {
		// Unreadable input (evalcli.ErrUnreadable) and failed writes alike;
		// limit errors name the input themselves.
		if errors.Is(err, inputlimit.ErrTooLarge) || strings.HasPrefix(err.Error(), name+": ") {
			fmt.Fprintf(stderr, "planscan eval: %v\n", err)
		} else {
			fmt.Fprintf(stderr, "planscan eval: %s: %v\n", name, err)
		}
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
