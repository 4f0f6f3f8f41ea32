package report

import (
	"fmt"
	"io"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
)

// Sourced is a Terraform address with the .tf location of its block
// (planscan query's "sources").
type Sourced struct {
	Address string `json:"address"`
	File    string `json:"file"`
	Line    int    `json:"line"`
}

// AnswerSources are the .tf locations of an answer: the principal's block,
// then each statement that decided it (address#sid: its statement block or
// jsonencode object when the source writes it so, else its policy's
// block), each once. Nil without source or when the source declares none
// of them.
func AnswerSources(principal string, statements []analysis.StatementJSON, src Locator) []Sourced {
	if src == nil {
		return nil
	}
	var out []Sourced
	seen := map[string]bool{}
	add := func(addr string, l Location, ok bool) {
		if ok && !seen[addr] {
			seen[addr] = true
			out = append(out, Sourced{Address: addr, File: l.Path, Line: l.Line})
		}
	}
	l, ok := src.Locate(principal)
	add(principal, l, ok)
	sl, _ := src.(StatementLocator)
	for _, s := range statements {
		if sl != nil {
			if l, ok := sl.LocateStatement(s.Policy, s.Sid); ok {
				add(s.Policy+"#"+s.Sid, l, true)
				continue
			}
		}
		l, ok := src.Locate(s.Policy)
		add(s.Policy, l, ok)
	}
	return out
}

// WriteAnswerSources writes the sources under a text answer, one
// "at file:line (address)" line each.
func WriteAnswerSources(w io.Writer, sources []Sourced) error {
	for _, s := range sources {
		if _, err := fmt.Fprintf(w, "    at %s (%s)\n", Location{Path: s.File, Line: s.Line}, s.Address); err != nil {
			return err
		}
	}
	return nil
}
