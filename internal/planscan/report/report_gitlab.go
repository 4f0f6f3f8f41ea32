package report

import (
	"encoding/json"
	"io"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
)

// GitLab Code Quality report (the subset of the Code Climate format GitLab
// reads): one issue per failed or unknown result. Passed and suppressed
// results are left out: Code Quality has no way to show them as such.

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

// gitlabSeverities maps effective levels to GitLab's severities (info,
// minor, major, critical, blocker): a result that fails the gate is
// critical.
var gitlabSeverities = map[string]string{"error": "critical", "warning": "minor", "note": "info"}

// GitLabSeverities lists the severities planscan writes, for tests.
func GitLabSeverities() []string { return []string{"info", "minor", "major", "critical", "blocker"} }

func writeGitLab(w io.Writer, results []analysis.CheckResult, failOnUnknown bool, o ReportOptions) error {
	issues := []gitlabIssue{}
	for i := range results {
		r := &results[i]
		if r.Status != analysis.StatusFail && r.Status != analysis.StatusUnknown {
			continue
		}
		loc := locate(r, o)
		line := loc.Line
		if line <= 0 {
			line = 1 // GitLab wants a line; the file as a whole starts at 1
		}
		desc := r.Message
		if r.Status == analysis.StatusUnknown {
			desc = "unknown (depends on values known only after apply): " + desc
		}
		issues = append(issues, gitlabIssue{
			Description: desc,
			CheckName:   "planscan/" + r.Rule,
			Fingerprint: fingerprint(r),
			Severity:    gitlabSeverities[effectiveLevel(r, failOnUnknown)],
			Location:    gitlabLocation{Path: loc.Path, Lines: gitlabLines{Begin: line}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(issues)
}
