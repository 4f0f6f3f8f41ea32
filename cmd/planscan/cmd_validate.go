package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evalcli"
	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/inputlimit"
)

// maxPolicyFile is the size limit of a file given to validate: the engine's
// limit of a policy document.
const maxPolicyFile = evalcli.MaxTree

func runValidate(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("planscan validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	typeNames := make([]string, 0, 8)
	for _, t := range evaluator.SupportedPolicyTypes() {
		typeNames = append(typeNames, string(t))
	}
	typ := fs.String("type", string(evaluator.PolicyIdentity), "policy type: "+strings.Join(typeNames, ", "))
	format := fs.String("format", evalcli.FormatText, "output format: "+strings.Join(evalcli.SupportedFormats(), ", "))
	strict := fs.Bool("strict", false, "warnings fail too (exit 1), for CI; suggestions never fail")
	var cf catalogFlags
	cf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: planscan validate [--type TYPE] [--format text|json] [--strict] [--actions-override FILE] FILE...")
		fmt.Fprintln(stderr, "Validates each policy document and prints its findings with positions. A .tf or .tf.json")
		fmt.Fprintln(stderr, "file: the policy documents written in it (jsonencode, heredocs, aws_iam_policy_document),")
		fmt.Fprintln(stderr, "each as the policy type of its attribute; those that need a plan are skipped with a note.")
		fmt.Fprintln(stderr, "Exit status: 0 when no file has an error finding (warnings allowed; with --strict,")
		fmt.Fprintln(stderr, "no error or warning), 1 when one has, 2 when a file cannot be read (or is over the")
		fmt.Fprintln(stderr, "16 MiB limit of a policy document), 4 internal error.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usageError(err)
	}
	policyType, err := evalcli.ParsePolicyType(*typ)
	if err != nil {
		fmt.Fprintf(stderr, "planscan validate: --type: %v\n", err)
		return exitUsage
	}
	if *format != evalcli.FormatText && *format != evalcli.FormatJSON {
		fmt.Fprintf(stderr, "planscan validate: --format: unknown format %q (want %s)\n", *format, strings.Join(evalcli.SupportedFormats(), " or "))
		return exitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	cat, err := cf.catalog()
	if err != nil {
		fmt.Fprintf(stderr, "planscan validate: %v\n", err)
		return exitUsage
	}
	opts := engineOptions(cat)
	status := exitOK
	files := make([]evalcli.FileFindings, 0, fs.NArg())
	srcs := tfSources{}
	for _, name := range fs.Args() {
		if isTerraformFile(name) {
			ff, ok := validateTerraformFile(name, srcs, opts, stderr)
			if !ok {
				status = exitUsage
				continue
			}
			files = append(files, ff...)
			continue
		}
		doc, err := inputlimit.ReadFile(name, "policy document", maxPolicyFile)
		if err != nil {
			fmt.Fprintf(stderr, "planscan validate: %v\n", err)
			status = exitUsage
			continue
		}
		files = append(files, evalcli.FileFindings{File: name, Findings: evaluator.Validate(doc, policyType, opts)})
	}
	if err := evalcli.WriteFindings(stdout, *format, files); err != nil {
		fmt.Fprintf(stderr, "planscan validate: %v\n", err)
		return exitUsage
	}
	if status == exitOK && (evalcli.AnyErrors(files) || *strict && anyWarnings(files)) {
		status = exitFindings
	}
	return status
}

// anyWarnings reports whether some file has a warning finding (--strict).
func anyWarnings(files []evalcli.FileFindings) bool {
	for _, f := range files {
		for _, fd := range f.Findings {
			if fd.Severity == evaluator.SeverityWarning {
				return true
			}
		}
	}
	return false
}
