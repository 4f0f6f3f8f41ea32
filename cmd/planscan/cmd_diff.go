package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/report"
)

func runDiff(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("planscan diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: "+report.DiffFormatsHelp())
	color := fs.String("color", "auto", "colour in text output: auto (on a terminal), always or never")
	fullReport := fs.String("full-report", "", "where the full report is (URL or artifact name), named when Markdown is cut to GitHub's comment limit")
	full := fs.Bool("full", false, "JSON: list every change, action and resource (default: at most 12 changes per principal and 8 actions and resources per change, with totals)")
	pf := planFlags{needPlan: "diff"}
	pf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: planscan diff PLAN [--format "+strings.Join(report.SupportedFormats(), "|")+"]")
		fmt.Fprintln(stderr, "Shows who gains and who loses which access, principal by principal, grouped by service")
		fmt.Fprintln(stderr, "and access level, with the resources concerned. A change between unknown and a definite")
		fmt.Fprintln(stderr, "decision is its own kind. PLAN must be a plan: a state has nothing to compare (use query or")
		fmt.Fprintln(stderr, "check on it). Exit status: 0, or 2 on a usage or input error.")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return usageError(err)
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "planscan diff: want exactly one plan file")
		return exitUsage
	}
	useColor, err := colorFlag(*color, stdout)
	if err != nil {
		fmt.Fprintf(stderr, "planscan diff: %v\n", err)
		return exitUsage
	}
	a, err := pf.load(pos[0])
	if err != nil {
		fmt.Fprintf(stderr, "planscan diff: %v\n", err)
		return exitUsage
	}
	warnErrored(stderr, "diff", a)
	pf.prog.step("analysing %d principals", pf.principals())
	d := a.Diff()
	pf.prog.done()
	pf.writeNotice(stdout, stderr, *format)
	if err := report.WriteDiff(stdout, d, *format, report.ReportOptions{Color: useColor, Plan: pos[0], FullReport: *fullReport, Source: pf.locator(), Full: *full}); err != nil {
		fmt.Fprintf(stderr, "planscan diff: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// colorFlag decides whether text output is coloured: "auto" colours a
// terminal only (and never when NO_COLOR is set).
func colorFlag(v string, out io.Writer) (bool, error) {
	switch v {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		if os.Getenv("NO_COLOR") != "" {
			return false, nil
		}
		f, ok := out.(*os.File)
		if !ok {
			return false, nil
		}
		st, err := f.Stat()
		return err == nil && st.Mode()&os.ModeCharDevice != 0, nil
	}
	return false, fmt.Errorf("unknown --color %q (want auto, always or never)", v)
}

// warnErrored says on stderr that an errored plan (accepted with
// --allow-errored-plan) gives incomplete answers; check reports it as a
// result instead.
func warnErrored(stderr io.Writer, cmd string, a *analysis.Analysis) {
	if a.Errored {
		fmt.Fprintf(stderr, "planscan %s: warning: the plan is errored (terraform plan failed); what it did not reach is missing from the answers\n", cmd)
	}
}
