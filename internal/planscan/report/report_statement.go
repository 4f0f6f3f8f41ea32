package report

import (
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
)

// StatementRef is the JSON form of the one statement that causes a result
// (issue 8 item 4): the policy's address and the statement's Sid (else its
// 1-based index), with the .tf file and line of the statement when the
// source writes it as a statement block or a jsonencode object, else of the
// policy's resource block (none without source).
type StatementRef struct {
	Address string `json:"address"`
	Sid     string `json:"sid"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
}

// statementRef reads "ADDRESS#SID" (CheckResult.Statement); nil for "".
func statementRef(ref string, src Locator) *StatementRef {
	if ref == "" {
		return nil
	}
	addr, sid, _ := strings.Cut(ref, "#")
	out := &StatementRef{Address: addr, Sid: sid}
	if l, ok := statementLocation(addr, sid, src); ok {
		out.File, out.Line = l.Path, l.Line
	}
	return out
}

// statementLocation is the statement's .tf location, else its policy's
// resource block.
func statementLocation(addr, sid string, src Locator) (Location, bool) {
	if src == nil {
		return Location{}, false
	}
	if sl, ok := src.(StatementLocator); ok {
		if l, ok := sl.LocateStatement(addr, sid); ok {
			return l, true
		}
	}
	return src.Locate(addr)
}

// checkResultJSON is a check result with its statement reference.
type checkResultJSON struct {
	analysis.CheckResult
	Statement *StatementRef `json:"statement,omitempty"`
}

func checkResultsJSON(rs []analysis.CheckResult, src Locator) []checkResultJSON {
	out := make([]checkResultJSON, len(rs))
	for i := range rs {
		out[i] = checkResultJSON{CheckResult: rs[i], Statement: statementRef(rs[i].Statement, src)}
	}
	return out
}
