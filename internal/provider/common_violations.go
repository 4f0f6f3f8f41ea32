package provider

import (
	"fmt"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// violations are the outcomes that do not meet the expectation.
func violations(expect string, outs []outcome) []outcome {
	var v []outcome
	for i := range outs {
		if !satisfies(expect, outs[i].Result.Decision) {
			v = append(v, outs[i])
		}
	}
	return v
}

// definiteViolations are the violations that stay violations whatever the
// values known only after apply turn out to be: known decisions (PT-3).
func definiteViolations(expect string, outs []outcome) []outcome {
	var v []outcome
	for _, o := range violations(expect, outs) {
		if o.Result.Decision != evaluator.DecisionUnknown {
			v = append(v, o)
		}
	}
	return v
}

// violationMessage explains a failed assertion for a terminal: what was
// expected, then each violating request with its decision and the
// statements, guardrails, missing keys or unknown values behind it.
func violationMessage(description, expect string, v []outcome, total int) string {
	var b strings.Builder
	name := "The assertion"
	if description != "" {
		name = fmt.Sprintf("Assertion %q", description)
	}
	who := ""
	if len(v) > 0 {
		who = " by " + principalLabel(&v[0].Request.Principal)
	}
	fmt.Fprintf(&b, "%s failed: %d of %d requests%s are not %s:\n", name, len(v), total, who, expectWord(expect))
	for i := range v {
		o := &v[i]
		fmt.Fprintf(&b, "\n  %s on %s: %s\n", o.Request.Action, resourceLabel(&o.Request), o.Result.Decision)
		for _, line := range explainLines(o) {
			b.WriteString("    " + line + "\n")
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func expectWord(expect string) string {
	if expect == string(evaluator.ExpectDenied) {
		return "denied (explicit or implicit deny)"
	}
	return expect
}

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
