package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/report"
)

// checkExitCode maps the gate's verdict to planscan check's exit status:
// 0 pass, 1 fail, 3 only unknowns blocked under --fail-on-unknown. A verdict
// it does not know is a bug in planscan, never a pass.
func checkExitCode(v analysis.Verdict) int {
	switch v {
	case analysis.VerdictPass:
		return exitOK
	case analysis.VerdictFail:
		return exitFindings
	case analysis.VerdictUnknown:
		return exitUnknown
	}
	return exitInternal
}

func runCheck(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("planscan check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	config := fs.String("config", "", "config file (HCL); default planscan.hcl when it exists")
	format := fs.String("format", "text", "output format: "+report.DiffFormatsHelp())
	failOnUnknown := fs.Bool("fail-on-unknown", false, "treat unknown decisions as failures (exit 3 when only unknowns block)")
	color := fs.String("color", "auto", "colour in text output: auto (on a terminal), always or never")
	baseline := fs.String("baseline", "", "baseline `file`: findings it records are reported as suppressed and do not fail the gate")
	writeBaseline := fs.String("write-baseline", "", "record the current findings in this baseline `file` (then report them as baselined)")
	var outputs outputFlag
	fs.Var(&outputs, "output", "also write the report in `format=file` (repeatable), e.g. --output sarif=planscan.sarif")
	fullReport := fs.String("full-report", "", "where the full report is (URL or artifact name), named when Markdown is cut to GitHub's comment limit")
	var pf planFlags
	pf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: planscan check PLAN [--config planscan.hcl] [--format "+strings.Join(report.SupportedFormats(), "|")+"] [--fail-on-unknown]")
		fmt.Fprintln(stderr, "                      [--baseline FILE] [--write-baseline FILE] [--output FORMAT=FILE]...")
		fmt.Fprintln(stderr, "Runs the config file's assertions, the plan's iamsim_assertion resources and the built-in")
		fmt.Fprintln(stderr, "findings (admin-equivalent principals, privilege escalation, public or unknown-account access,")
		fmt.Fprintln(stderr, "invalid policies). Exit status: 0 nothing fails, 1 a check failed, 2 usage or input error,")
		fmt.Fprintln(stderr, "3 only unknown decisions blocked a verdict under --fail-on-unknown.")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return usageError(err)
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "planscan check: "+format+"\n", a...)
		return exitUsage
	}
	if len(pos) != 1 {
		return fail("want exactly one plan file")
	}
	useColor, err := colorFlag(*color, stdout)
	if err != nil {
		return fail("%v", err)
	}
	var cfg *analysis.Config
	path := *config
	if path == "" {
		if _, err := os.Stat("planscan.hcl"); err == nil {
			path = "planscan.hcl"
		}
	}
	if path != "" {
		cfg, err = analysis.LoadConfig(path)
		if err != nil {
			var ce *analysis.ConfigError
			if errors.As(err, &ce) {
				fmt.Fprintln(stderr, ce.Error())
				return exitUsage
			}
			return fail("%v", err)
		}
	}
	a, err := pf.load(pos[0])
	if err != nil {
		return fail("%v", err)
	}
	pf.prog.step("analysing %d principals", pf.principals())
	rep, err := a.Check(analysis.CheckOptions{Config: cfg, FailOnUnknown: *failOnUnknown, Plan: pos[0]})
	pf.prog.done()
	if err != nil {
		return fail("%v", err)
	}
	if err := applyBaselines(rep, *baseline, *writeBaseline, stderr); err != nil {
		return fail("%v", err)
	}
	pf.writeNotice(stdout, stderr, *format)
	code := checkExitCode(rep.Summary.Verdict)
	o := report.ReportOptions{Color: useColor, Plan: pos[0], Version: version, FullReport: *fullReport, ExitCode: code, Source: pf.locator()}
	if err := report.WriteCheck(stdout, rep, *format, o); err != nil {
		return fail("%v", err)
	}
	for _, out := range outputs {
		if err := writeReportFile(out, func(w io.Writer, f string) error { return report.WriteCheck(w, rep, f, o) }); err != nil {
			return fail("%v", err)
		}
	}
	return code
}

// applyBaselines applies --baseline, then records --write-baseline (the
// findings already baselined stay recorded) and applies it too.
func applyBaselines(rep *analysis.CheckReport, in, out string, stderr io.Writer) error {
	if in != "" {
		b, err := analysis.LoadBaseline(in)
		if err != nil {
			return err
		}
		b.Apply(rep, in)
	}
	if out != "" {
		b := analysis.NewBaseline(rep)
		if err := b.Write(out); err != nil {
			return err
		}
		b.Apply(rep, out)
		fmt.Fprintf(stderr, "planscan check: recorded %d findings in %s\n", len(b.Findings), out)
	}
	return nil
}
