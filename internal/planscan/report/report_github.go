package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
)

// GitHub Actions annotations: one workflow command per failed or unknown
// result (error, warning or notice, as the exit code sees it), with the
// file and line of locate. Passed and suppressed results are left out.

var githubCommands = map[string]string{"error": "error", "warning": "warning", "note": "notice"}

func writeGitHub(w io.Writer, results []analysis.CheckResult, failOnUnknown bool, o ReportOptions) error {
	var b strings.Builder
	for i := range results {
		r := &results[i]
		if r.Status != analysis.StatusFail && r.Status != analysis.StatusUnknown {
			continue
		}
		cmd := githubCommands[effectiveLevel(r, failOnUnknown)]
		var props []string
		loc := locate(r, o)
		if loc.Path != "" {
			props = append(props, "file="+githubEscapeProperty(loc.Path))
			if loc.Line > 0 {
				props = append(props, "line="+strconv.Itoa(loc.Line))
			}
		}
		title := "planscan " + r.Rule
		if r.Status == analysis.StatusUnknown {
			title += " (unknown until apply)"
		}
		props = append(props, "title="+githubEscapeProperty(title))
		fmt.Fprintf(&b, "::%s %s::%s\n", cmd, strings.Join(props, ","), githubEscapeData(r.Message))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
