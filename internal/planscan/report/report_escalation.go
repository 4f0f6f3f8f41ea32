package report

// Escalation paths (issue 10): the steps of a path under its finding, and a
// Mermaid graph of every escalation-path finding in Markdown reports
// (GitHub renders it in PR comments).

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/analysis"
)

// pathLines are the steps of an escalation-path finding, one a line; with
// the configuration source, each allowing statement (ADDRESS#SID after
// "by") is followed by its file:line.
func pathLines(r *analysis.CheckResult, o ReportOptions) []string {
	var out []string
	for i, st := range r.Path {
		grants := make([]string, len(st.Grants))
		for j, g := range st.Grants {
			grants[j] = locateGrant(g, o)
		}
		l := fmt.Sprintf("step %d: %s --%s--> %s: %s", i+1, st.From, st.Technique, st.To, strings.Join(grants, "; "))
		if st.Conditions != "" {
			l += "; when " + st.Conditions
		}
		out = append(out, l)
	}
	return out
}

// locateGrant appends the source location of each statement a grant text
// names after " by " ("ACTION on TARGET by ADDR#SID, ADDR#SID"); unchanged
// without the source or when a statement cannot be located.
func locateGrant(g string, o ReportOptions) string {
	if o.Source == nil {
		return g
	}
	head, list, ok := strings.Cut(g, " by ")
	if !ok {
		return g
	}
	sl, _ := o.Source.(StatementLocator)
	parts := strings.Split(list, ", ")
	for k, ref := range parts {
		addr, sid, hasSid := strings.Cut(ref, "#")
		var loc Location
		found := false
		if hasSid && sl != nil {
			loc, found = sl.LocateStatement(addr, sid)
		}
		if !found {
			loc, found = o.Source.Locate(addr)
		}
		if found {
			parts[k] = ref + " (" + loc.String() + ")"
		}
	}
	return head + " by " + strings.Join(parts, ", ")
}

// escalationMermaid draws the failing, not suppressed escalation paths as
// one Mermaid flowchart ("" when there are none). Pre-existing paths are
// drawn dashed.
func escalationMermaid(rep *analysis.CheckReport) string {
	ids := map[string]string{}
	node := func(label string) string {
		if id, ok := ids[label]; ok {
			return id
		}
		id := fmt.Sprintf("n%d", len(ids))
		ids[label] = id
		return id
	}
	edges := map[string]bool{}
	for i := range rep.Results {
		r := &rep.Results[i]
		if r.Rule != "escalation-path" || len(r.Path) == 0 || (r.Status != analysis.StatusFail && r.Status != analysis.StatusUnknown) {
			continue
		}
		arrow := "-->"
		if r.PreExisting || r.Status == analysis.StatusUnknown {
			arrow = "-.->"
		}
		for _, st := range r.Path {
			label := st.Technique
			if st.Conditions != "" {
				label += " when " + st.Conditions
			}
			edges[fmt.Sprintf("  %s %s|%s| %s", node(st.From), arrow, mermaidText(label), node(st.To))] = true
		}
	}
	if len(edges) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("```mermaid\nflowchart LR\n")
	labels := make([]string, 0, len(ids))
	for l := range ids {
		labels = append(labels, l)
	}
	sort.Slice(labels, func(i, j int) bool { return ids[labels[i]] < ids[labels[j]] })
	for _, l := range labels {
		fmt.Fprintf(&b, "  %s[\"%s\"]\n", ids[l], mermaidText(l))
	}
	lines := make([]string, 0, len(edges))
	for e := range edges {
		lines = append(lines, e)
	}
	sort.Strings(lines)
	b.WriteString(strings.Join(lines, "\n"))
	b.WriteString("\n```\n")
	return b.String()
}

// mermaidText escapes a label: quotes, pipes and brackets become entity
// codes Mermaid understands; control characters and backticks go.
func mermaidText(s string) string {
	r := strings.NewReplacer("\"", "#quot;", "|", "#124;", "[", "#91;", "]", "#93;", "<", "#lt;", ">", "#gt;", "`", "'", "\n", " ", "\r", " ")
	return r.Replace(s)
}
