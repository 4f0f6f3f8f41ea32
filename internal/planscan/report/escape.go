package report

import (
	"github.com/iamsim/terraform-provider-iamsim/internal/textsafe"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
)

// Plans are pull-request input: an address, Sid or name may hold a
// newline, an ANSI escape or a CI workflow command ("::error title=x::...")
// that would forge log lines and annotations. Every text that comes from
// the plan or the config is escaped before text, Markdown, SARIF and JUnit
// rendering (JSON escapes by itself); normal input is unchanged.

// safeText escapes one value for text, Markdown, SARIF and JUnit output
// (textsafe.Line: control characters, line separators and bidirectional
// formatting characters escaped, a leading CI workflow-command prefix
// neutralized).
func safeText(s string) string { return textsafe.Line(s) }

func safeList(l []string) []string {
	i := 0
	for i < len(l) && safeText(l[i]) == l[i] {
		i++
	}
	if i == len(l) {
		return l // nothing to escape: the list is shared, never written
	}
	out := make([]string, len(l))
	copy(out, l[:i])
	for j := i; j < len(l); j++ {
		out[j] = safeText(l[j])
	}
	return out
}

// safeResults returns a copy of results with every text escaped.
func safeResults(rs []analysis.CheckResult) []analysis.CheckResult {
	out := make([]analysis.CheckResult, len(rs))
	for i, r := range rs {
		r.Rule, r.Name, r.Principal, r.Action = safeText(r.Rule), safeText(r.Name), safeText(r.Principal), safeText(r.Action)
		r.Resource, r.Address, r.ConfigPos = safeText(r.Resource), safeText(r.Address), safeText(r.ConfigPos)
		r.Message, r.Decision, r.Suppressed = safeText(r.Message), safeText(r.Decision), safeText(r.Suppressed)
		r.SuppressedAt = safeText(r.SuppressedAt)
		r.DependsOn = safeList(r.DependsOn)
		out[i] = r
	}
	return out
}

func safeReport(rep *analysis.CheckReport) *analysis.CheckReport {
	c := *rep
	c.Plan = safeText(rep.Plan)
	c.Results = safeResults(rep.Results)
	return &c
}

func safeDiff(d *analysis.Diff) *analysis.Diff {
	c := &analysis.Diff{Unchanged: d.Unchanged, Principals: make([]analysis.PrincipalDiff, len(d.Principals))}
	for i, p := range d.Principals {
		p.Principal, p.Kind, p.ARN, p.Change = safeText(p.Principal), safeText(p.Kind), safeText(p.ARN), safeText(p.Change)
		cs := make([]analysis.AccessChange, len(p.Changes))
		for j, ch := range p.Changes {
			ch.Service, ch.AccessLevel, ch.When = safeText(ch.Service), safeText(ch.AccessLevel), safeText(ch.When)
			ch.Actions, ch.Resources = safeList(ch.Actions), safeList(ch.Resources)
			ch.Transitions, ch.DependsOn = safeList(ch.Transitions), safeList(ch.DependsOn)
			cs[j] = ch
		}
		p.Changes = cs
		c.Principals[i] = p
	}
	return c
}
