package report

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfconfig"
)

// Location is where a result points in the repository: a file and a line
// (0: the file as a whole); Column, EndLine and EndColumn (0: not known)
// bound the block header of a .tf location.
type Location struct {
	Path                       string
	Line                       int
	Column, EndLine, EndColumn int
}

// String is path:line (the path alone for the file as a whole).
func (l Location) String() string {
	if l.Line <= 0 {
		return l.Path
	}
	return l.Path + ":" + strconv.Itoa(l.Line)
}

// Locator finds where a Terraform address is declared in the
// configuration source.
type Locator interface {
	Locate(address string) (Location, bool)
}

// SourceLocator locates addresses in a configuration source, with paths
// relative to root (the repository root, where code scanning resolves them) when
// the file lies under it, else as the source names them. A nil source
// locates nothing.
func SourceLocator(src *tfconfig.Config, root string) Locator {
	if src == nil {
		return nil
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		abs = root
	}
	return sourceLocator{src: src, root: abs}
}

type sourceLocator struct {
	src  *tfconfig.Config
	root string
}

func (s sourceLocator) Locate(address string) (Location, bool) {
	r, ok := s.src.Locate(address)
	if !ok {
		return Location{}, false
	}
	return Location{Path: s.rel(r.Filename), Line: r.Start.Line, Column: r.Start.Column, EndLine: r.End.Line, EndColumn: r.End.Column}, true
}

// LocateStatement finds a statement of the policy an address holds, by
// Sid or 1-based index (tfconfig.Config.Statement).
func (s sourceLocator) LocateStatement(address, sid string) (Location, bool) {
	r, ok := s.src.Statement(address, sid)
	if !ok {
		return Location{}, false
	}
	return Location{Path: s.rel(r.Filename), Line: r.Start.Line, Column: r.Start.Column, EndLine: r.End.Line, EndColumn: r.End.Column}, true
}

// StatementLocator is a Locator that also finds the statements of the
// policies it locates (when the source writes them as blocks or objects).
type StatementLocator interface {
	LocateStatement(address, sid string) (Location, bool)
}

// rel is a source path relative to the root when it lies under it.
func (s sourceLocator) rel(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		if rel, err := filepath.Rel(s.root, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			path = rel
		}
	}
	return filepath.ToSlash(path)
}

// sourcePos is a file:line:col position of the source (a planscan:ignore
// comment) as a location, its path relative as the locator's.
func sourcePos(pos string, o ReportOptions) (Location, bool) {
	path, line, ok := splitPos(pos)
	if !ok {
		return Location{}, false
	}
	if s, ok := o.Source.(sourceLocator); ok {
		path = s.rel(path)
	}
	col, _ := strconv.Atoi(pos[strings.LastIndexByte(pos, ':')+1:])
	return Location{Path: path, Line: line, Column: col}, true
}

// locate is the one place that decides a result's file and line for the
// formats that want one (SARIF, GitLab, GitHub): the .tf block of the
// result's Terraform address when the source is known (sourceOf), else the
// planscan.hcl line of a config block, else the plan file.
func locate(r *analysis.CheckResult, o ReportOptions) Location {
	if l, ok := sourceOf(r, o); ok {
		return l
	}
	if r.Rule == "expired-suppression" {
		if l, ok := sourcePos(r.ConfigPos, o); ok {
			return Location{Path: l.Path, Line: l.Line} // a planscan:ignore comment
		}
	}
	if path, line, ok := splitPos(r.ConfigPos); ok {
		return Location{Path: path, Line: line}
	}
	return Location{Path: o.Plan}
}

// sourceOf is the .tf location of what a result is about: the one
// statement that causes it (CheckResult.Statement) when the source writes
// it as an aws_iam_policy_document block or a jsonencode object (issue 8
// item C), else the principal's or the policy's resource block, when the
// source declares it.
func sourceOf(r *analysis.CheckResult, o ReportOptions) (Location, bool) {
	if r.Statement != "" && o.Source != nil {
		if sl, ok := o.Source.(StatementLocator); ok {
			addr, sid, _ := strings.Cut(r.Statement, "#")
			if l, ok := sl.LocateStatement(addr, sid); ok {
				return l, true
			}
		}
	}
	return addressLocation(r.Address, o)
}

func addressLocation(address string, o ReportOptions) (Location, bool) {
	if o.Source == nil || address == "" {
		return Location{}, false
	}
	return o.Source.Locate(address)
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

// principalLocation is the .tf location of a principal of the diff.
func principalLocation(p analysis.PrincipalDiff, o ReportOptions) (Location, bool) {
	return addressLocation(p.Principal, o)
}
