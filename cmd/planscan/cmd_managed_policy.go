package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/datacli"
)

func runManagedPolicy(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("planscan managed-policy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", datacli.FormatText, "output format: text (the document) or json ({arn, name, path, version, document})")
	var cf catalogFlags
	cf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: planscan managed-policy [--format text|json] NAME|ARN")
		fmt.Fprintln(stderr, "Prints the default version of an AWS managed policy, found by name (PowerUserAccess),")
		fmt.Fprintln(stderr, "path and name (service-role/AWSLambdaBasicExecutionRole) or ARN in any partition.")
		fmt.Fprintln(stderr, "Exit status: 0, or 2 when it is not found or on a usage or input error.")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return usageError(err)
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "planscan managed-policy: "+format+"\n", a...)
		return exitUsage
	}
	if len(pos) != 1 {
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
	p, ok := cat.ManagedPolicy(pos[0])
	if !ok {
		msg := fmt.Sprintf("no AWS managed policy %q", pos[0])
		if s := datacli.SuggestManagedPolicies(cat, pos[0]); len(s) > 0 {
			msg += "; did you mean " + strings.Join(s, ", ") + "?"
		}
		return fail("%s", msg)
	}
	if err := datacli.WriteManagedPolicy(stdout, *format, p); err != nil {
		return fail("%v", err)
	}
	return exitOK
}
