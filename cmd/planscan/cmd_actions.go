package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/iamsim/terraform-provider-iamsim/internal/datacli"
)

func runActions(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("planscan actions", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", datacli.FormatText, "output format: text or json")
	var cf catalogFlags
	cf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: planscan actions [--format text|json] PATTERN...")
		fmt.Fprintln(stderr, "Lists the actions the patterns match (case-insensitive; * any run of characters, ? one),")
		fmt.Fprintln(stderr, "with access level, resource types (* = required) and condition keys. A pattern that matches")
		fmt.Fprintln(stderr, "nothing is noted on stderr. Exit status: 0, or 2 on a usage or input error.")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return usageError(err)
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "planscan actions: "+format+"\n", a...)
		return exitUsage
	}
	if len(pos) == 0 {
		fs.Usage()
		return exitUsage
	}
	if err := datacli.CheckFormat(*format); err != nil {
		return fail("--format: %v", err)
	}
	cat, err := cf.catalog()
	if err != nil {
		return fail("%v", err)
	}
	infos, unmatched := datacli.DescribeActions(cat, pos)
	for _, p := range unmatched {
		fmt.Fprintf(stderr, "planscan actions: no action matches %q\n", p)
	}
	if err := datacli.WriteActions(stdout, *format, infos); err != nil {
		return fail("%v", err)
	}
	return exitOK
}
