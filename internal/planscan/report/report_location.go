package report

import (
	"strconv"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
)

// Location is where a result points in the repository: a file and a line
// (0: the file as a whole).
type Location struct {
	Path string
	Line int
}

// locate is the one place that decides a result's file and line for the
// formats that want one (SARIF, GitLab, GitHub). Today: the planscan.hcl
// line of a config block, else the plan file. The .tf source locations
// (file and line of the resource block) belong here when the plan carries
// them.
func locate(r *analysis.CheckResult, o ReportOptions) Location {
	if path, line, ok := splitPos(r.ConfigPos); ok {
		return Location{Path: path, Line: line}
	}
	return Location{Path: o.Plan}
}

// splitPos splits file:line:col (the file may hold colons).
func splitPos(pos string) (string, int, bool) {
	i := strings.LastIndexByte(pos, ':')
	if i < 0 {
		return "", 0, false
	}
	j := strings.LastIndexByte(pos[:i], ':')
	if j <= 0 {
		return "", 0, false
	}
	line, err := strconv.Atoi(pos[j+1 : i])
	if err != nil || line <= 0 {
		return "", 0, false
	}
	if _, err := strconv.Atoi(pos[i+1:]); err != nil {
		return "", 0, false
	}
	return pos[:j], line, true
}

// effectiveLevel is the level a result has in SARIF, GitLab and GitHub,
// consistent with the exit code: pass is none; unknown is a warning
// unless fail-on-unknown makes an error-level unknown block the gate.
func effectiveLevel(r *analysis.CheckResult, failOnUnknown bool) string {
	switch r.Status {
	case analysis.StatusPass:
		return "none"
	case analysis.StatusUnknown:
		if r.Level == analysis.LevelError && !failOnUnknown {
			return string(analysis.LevelWarning)
		}
	}
	return string(r.Level)
}

// fingerprint is the result's stable id: the one analysis computed (before
// any escaping), else computed here (diff results).
func fingerprint(r *analysis.CheckResult) string {
	if r.Fingerprint != "" {
		return r.Fingerprint
	}
	return analysis.FingerprintOf(r)
}
