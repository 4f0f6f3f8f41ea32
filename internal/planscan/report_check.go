package planscan

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteCheck renders a check report.
func WriteCheck(w io.Writer, rep *CheckReport, format string, o ReportOptions) error {
	switch format {
	case "text", "":
		return writeCheckText(w, rep, o, false)
	case "markdown":
		return writeCheckText(w, rep, o, true)
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	case "sarif":
		return writeSARIF(w, rep.Results, o)
	case "junit":
		return writeJUnit(w, rep.Results, "planscan check", o)
	}
	return unknownFormat(format)
}

var statusWords = map[Status]string{StatusFail: "FAIL", StatusUnknown: "UNKNOWN", StatusPass: "PASS", StatusSuppressed: "SUPPRESSED"}

func statusLabel(r *CheckResult) string {
	if r.Status == StatusFail && r.Level != LevelError {
		return strings.ToUpper(string(r.Level))
	}
	return statusWords[r.Status]
}

func statusColor(r *CheckResult) string {
	switch {
	case r.Status == StatusFail && r.Level == LevelError:
		return ansiRed
	case r.Status == StatusFail, r.Status == StatusUnknown:
		return ansiYellow
	case r.Status == StatusPass:
		return ansiGreen
	}
	return ansiCyan
}

func writeCheckText(w io.Writer, rep *CheckReport, o ReportOptions, md bool) error {
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
		if r.Status == StatusSuppressed {
			fmt.Fprintf(&b, "%s  suppressed: %s\n", indent(md), r.Suppressed)
		}
		if len(r.DependsOn) > 0 && r.Status != StatusPass {
			fmt.Fprintf(&b, "%s  depends on: %s\n", indent(md), Abbreviate(r.DependsOn, 3))
		}
	}
	s := rep.Summary
	verdict := map[string]string{"pass": "PASSED", "fail": "FAILED", "unknown": "UNDECIDED (unknown values block the verdict)"}[s.Verdict]
	line := fmt.Sprintf("%s: %d failed, %d unknown, %d warnings, %d passed, %d suppressed", verdict, s.Failed, s.Unknown, s.Warnings, s.Passed, s.Suppressed)
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
