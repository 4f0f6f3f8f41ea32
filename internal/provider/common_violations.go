package provider

import (
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

func principalLabel(p *evaluator.Principal) string {
	if p.ARN != "" {
		return p.ARN
	}
	return p.Kind.String()
}

// explainLines are the engine's explanation without its first line (the
// request, already shown), left-trimmed.
func explainLines(o *outcome) []string {
	var out []string
	for _, l := range evaluator.ExplainLines(&o.Result) {
		out = append(out, strings.TrimSpace(l))
	}
	if len(out) == 0 && o.Result.Decision == evaluator.ImplicitDeny {
		out = append(out, "no statement allows it")
	}
	return out
}
