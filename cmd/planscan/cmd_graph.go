package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/report"
)

func runGraph(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("planscan graph", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "mermaid", "output format: "+strings.Join(report.GraphFormats, ", "))
	side := fs.String("side", "after", "which state's graph: before or after")
	to := fs.String("to", "", "keep only the paths into this principal (Terraform address, ARN, or a name outside the plan such as anonymous)")
	from := fs.String("from", "", "keep only the paths out of this principal (Terraform address, ARN, or a name outside the plan)")
	var pf planFlags
	pf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: planscan graph PLAN [--format mermaid|dot|json] [--to ADDR|ARN] [--from ADDR|ARN] [--side before|after]")
		fmt.Fprintln(stderr, "Draws the principal graph of one side of the plan: users, roles, groups (through membership)")
		fmt.Fprintln(stderr, "and the principals outside the plan that trust policies let in, with an edge A -> B when A")
		fmt.Fprintln(stderr, "can obtain B's permissions, labelled with the technique and its conditions.")
		fmt.Fprintln(stderr, "Exit status: 0, or 2 on a usage or input error.")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return usageError(err)
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "planscan graph: "+format+"\n", a...)
		return exitUsage
	}
	switch {
	case len(pos) != 1:
		return fail("want exactly one plan file")
	case !oneOf(*format, report.GraphFormats...):
		return fail("unknown format %q (want %s)", *format, strings.Join(report.GraphFormats, ", "))
	case !oneOf(*side, "before", "after"):
		return fail("unknown side %q (want before or after)", *side)
	}
	a, err := pf.load(pos[0])
	if err != nil {
		return fail("%v", err)
	}
	warnErrored(stderr, "graph", a)
	g, err := a.PrincipalGraph(*side)
	if err != nil {
		return fail("%v", err)
	}
	var ends [2]string
	for i, ref := range []string{*from, *to} {
		if ref == "" {
			continue
		}
		if ends[i], err = g.Resolve(ref); err != nil {
			return fail("--%s: %v", []string{"from", "to"}[i], err)
		}
	}
	pf.writeNotice(stdout, stderr, *format)
	if err := report.WriteGraph(stdout, g.Filter(ends[0], ends[1]), *format); err != nil {
		return fail("%v", err)
	}
	return exitOK
}

func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}
