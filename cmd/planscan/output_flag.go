package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/report"
)

// outputFlag is a repeatable --output format=file: one analysis, several
// reports (the GitHub Action writes JSON, SARIF and Markdown at once).
type outputFlag []reportOutput

type reportOutput struct{ format, file string }

func (o *outputFlag) String() string {
	var parts []string
	for _, x := range *o {
		parts = append(parts, x.format+"="+x.file)
	}
	return strings.Join(parts, ",")
}

func (o *outputFlag) Set(v string) error {
	format, file, ok := strings.Cut(v, "=")
	if !ok || file == "" {
		return fmt.Errorf("want format=file, not %q", v)
	}
	if !slices.Contains(report.SupportedFormats(), format) {
		return fmt.Errorf("unknown format %q (want one of %s)", format, report.DiffFormatsHelp())
	}
	*o = append(*o, reportOutput{format, file})
	return nil
}

// writeReportFile writes one --output file.
func writeReportFile(out reportOutput, write func(io.Writer, string) error) error {
	f, err := os.Create(out.file)
	if err != nil {
		return err
	}
	if err := write(f, out.format); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", out.file, err)
	}
	return f.Close()
}
