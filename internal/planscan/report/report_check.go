package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
)

// WriteCheck renders a check report.
func WriteCheck(w io.Writer, rep *analysis.CheckReport, format string, o ReportOptions) error {
	if format != "json" {
		rep = safeReport(rep) // escape.go
	}
	switch format {
	case "text", "":
		return writeCheckText(w, rep, o, false)
	case "markdown":
		return writeCapped(w, o, func(w io.Writer) error { return writeCheckText(w, rep, o, true) })
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(checkJSON{Plan: rep.Plan, Results: checkResultsJSON(rep.Results, o.Source),
			Summary: summaryJSON{CheckSummary: rep.Summary, ExitCode: o.ExitCode}})
	case "sarif":
		return writeSARIF(w, rep.Results, rep.FailOnUnknown, o)
	case "junit":
		return writeJUnit(w, rep.Results, "planscan check", o)
	case "gitlab":
		return writeGitLab(w, rep.Results, rep.FailOnUnknown, o)
	case "github":
		return writeGitHub(w, rep.Results, rep.FailOnUnknown, o)
	}
	return unknownFormat(format)
}

// checkJSON is the JSON check report (doc/planscan/schemas/check.schema.json):
// the analysis report plus the process exit status cmd/planscan chose.
type checkJSON struct {
	Plan    string            `json:"plan"`
	Results []checkResultJSON `json:"results"`
	Summary summaryJSON       `json:"summary"`
}

type summaryJSON struct {
	analysis.CheckSummary
	ExitCode int `json:"exitCode"`
}

var statusWords = map[analysis.Status]string{analysis.StatusFail: "FAIL", analysis.StatusUnknown: "UNKNOWN", analysis.StatusPass: "PASS", analysis.StatusSuppressed: "SUPPRESSED"}

func statusLabel(r *analysis.CheckResult) string {
	if r.Status == analysis.StatusFail && r.Level != analysis.LevelError {
		return strings.ToUpper(string(r.Level))
	}
	return statusWords[r.Status]
}

func statusColor(r *analysis.CheckResult) string {
	switch {
	case r.Status == analysis.StatusFail && r.Level == analysis.LevelError:
		return ansiRed
	case r.Status == analysis.StatusFail, r.Status == analysis.StatusUnknown:
		return ansiYellow
	case r.Status == analysis.StatusPass:
		return ansiGreen
	}
	return ansiCyan
}

func writeCheckText(w io.Writer, rep *analysis.CheckReport, o ReportOptions, md bool) error {
	var b strings.Builder
	if md {
		b.WriteString("## planscan check\n\n")
	}
	// Group notes-level and pass results compactly: one line each.
	for i := range rep.Results {
		r := &rep.Results[i]
		label := statusLabel(r)
		if md {
			fmt.Fprintf(&b, "- **%s** `%s`: %s\n", label, r.Rule, mdEscape(r.Message))
		} else {
			fmt.Fprintf(&b, "%s %s: %s\n", paint(o.Color, statusColor(r), fmt.Sprintf("%-10s", label)), r.Rule, r.Message)
		}
		if l, ok := sourceOf(r, o); ok {
			if md {
				fmt.Fprintf(&b, "%s  at `%s`\n", indent(md), strings.ReplaceAll(l.String(), "`", "'"))
			} else {
				fmt.Fprintf(&b, "%s  at %s\n", indent(md), l)
			}
		}
		if r.Status == analysis.StatusSuppressed {
			why := r.Suppressed
			if l, ok := sourcePos(r.SuppressedAt, o); ok {
				why += " (planscan:ignore at " + l.String() + ")"
			}
			fmt.Fprintf(&b, "%s  suppressed: %s\n", indent(md), why)
		}
		if len(r.DependsOn) > 0 && r.Status != analysis.StatusPass {
			fmt.Fprintf(&b, "%s  depends on: %s\n", indent(md), analysis.Abbreviate(r.DependsOn, 3))
		}
		for _, l := range pathLines(r, o) {
			if md {
				l = mdEscape(l)
			}
			fmt.Fprintf(&b, "%s  %s\n", indent(md), l)
		}
	}
	if md {
		if g := escalationMermaid(rep); g != "" {
			b.WriteString("\n### Escalation paths\n\n" + g)
		}
	}
	s := rep.Summary
	verdict := map[analysis.Verdict]string{analysis.VerdictPass: "PASSED", analysis.VerdictFail: "FAILED",
		analysis.VerdictUnknown: "UNDECIDED (unknown values block the verdict)"}[s.Verdict]
	line := fmt.Sprintf("%s: %d failed, %d unknown, %d warnings, %d passed, %d suppressed", verdict, s.Failed, s.Unknown, s.Warnings, s.Passed, s.Suppressed)
	if s.Notes > 0 {
		line += fmt.Sprintf(", %d notes", s.Notes)
	}
	if md {
		fmt.Fprintf(&b, "\n**%s**\n", line)
	} else {
		fmt.Fprintf(&b, "\n%s\n", paint(o.Color, ansiBold, line))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func indent(md bool) string {
	if md {
		return "   "
	}
	return "          "
}
