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
// then the block of each policy whose statements decided it, each once.
// Nil without source or when the source declares none of them.
func AnswerSources(principal string, statements []analysis.StatementJSON, src Locator) []Sourced {
	if src == nil {
		return nil
	}
	var out []Sourced
	seen := map[string]bool{}
	add := func(addr string) {
		if seen[addr] {
			return
		}
		seen[addr] = true
		if l, ok := src.Locate(addr); ok {
			out = append(out, Sourced{Address: addr, File: l.Path, Line: l.Line})
		}
	}
	add(principal)
	for _, s := range statements {
		add(s.Policy)
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
