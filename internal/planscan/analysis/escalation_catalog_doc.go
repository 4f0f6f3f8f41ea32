package analysis

// The catalog as a Markdown table (doc/planscan/escalation.md, kept in
// sync with EscalationCatalog by TestEscalationCatalogDocument).

import (
	"fmt"
	"strings"
)

var yieldWords = map[EscalationYield]string{
	YieldPassedRole:  "the permissions of a role it passes",
	YieldRunningRole: "the permissions of the role the resource runs as",
	YieldSelfPolicy:  "any permission (it rewrites its own policies)",
	YieldOtherUser:   "the permissions of another user",
	YieldGroup:       "the permissions of a group",
	YieldAssumedRole: "a session of the role",
}

// EscalationCatalogMarkdown renders the catalog: one row per technique.
func EscalationCatalogMarkdown() string {
	var b strings.Builder
	b.WriteString("| technique | the caller needs | it gains | references |\n|---|---|---|---|\n")
	for _, t := range EscalationCatalog {
		var groups []string
		for _, g := range t.AllOf {
			groups = append(groups, anyOf(g))
		}
		needs := strings.Join(groups, " and ")
		switch {
		case t.PassRole:
			needs = "`iam:PassRole` on a role that trusts `" + t.Service + "` (with `iam:PassedToService` = it), and " + needs
		case t.Yields == YieldRunningRole:
			needs += " on an existing " + strings.ReplaceAll(t.Resource, "-", " ") + " of the plan"
		}
		if t.Quota != nil {
			var more []string
			for _, g := range t.Quota.AtLimit {
				more = append(more, anyOf(g))
			}
			needs += fmt.Sprintf("; %s too when the target holds %d `%s`", strings.Join(more, " and "), t.Quota.Limit, t.Quota.Resource)
		}
		gains := yieldWords[t.Yields]
		if t.Notes != "" {
			gains += "; " + t.Notes
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", t.ID, needs, strings.ReplaceAll(gains, "|", "\\|"), strings.Join(t.Refs, ", "))
	}
	return b.String()
}

// anyOf: `a`, or (`a` or `b`).
func anyOf(g []string) string {
	if len(g) == 1 {
		return "`" + g[0] + "`"
	}
	return "(`" + strings.Join(g, "` or `") + "`)"
}
