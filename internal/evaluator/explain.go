package evaluator

import (
	"fmt"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/textsafe"
)

// Explain renders a result as readable lines: the decision, the statements
// that allowed or denied, the guardrails that blocked, missing context keys,
// what an unknown answer depends on, and notes. Values from the input are
// escaped (textsafe.Escape), so every line break is the explanation's own.
func Explain(req *Request, res *Result) string {
	var b strings.Builder
	if req != nil {
		who := req.Principal.ARN
		if who == "" {
			who = req.Principal.Kind.String()
		}
		fmt.Fprintf(&b, "%s %s on %s: %s\n", esc(who), esc(req.Action), esc(req.Resource), res.Decision)
	} else {
		fmt.Fprintf(&b, "decision: %s\n", res.Decision)
	}
	explainBody(&b, res)
	return b.String()
}

// ExplainLines are the lines of Explain after its first (which repeats the
// request), without their two-space indent: the reasons alone, for callers
// that print their own header. Nested lines keep their extra indent.
func ExplainLines(res *Result) []string {
	var b strings.Builder
	explainBody(&b, res)
	text := strings.TrimRight(b.String(), "\n")
	if text == "" {
		return nil
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "  ")
	}
	return lines
}

// explainBody writes the reasons of a result, one indented line each.
func explainBody(b *strings.Builder, res *Result) {
	if res.Decision == DecisionError {
		fmt.Fprintf(b, "  error: %s\n", esc(res.Error.Error()))
		for _, f := range res.Findings {
			fmt.Fprintf(b, "    %s\n", esc(f.String()))
		}
		return
	}
	if len(res.Possible) > 0 {
		ps := make([]string, len(res.Possible))
		for i, p := range res.Possible {
			ps[i] = string(p)
		}
		fmt.Fprintf(b, "  possible: %s\n", strings.Join(ps, ", "))
	}
	explainStatements(b, res, EffectDeny, "denied by")
	explainStatements(b, res, EffectAllow, "allowed by")
	if len(res.MatchedStatements) == 0 && res.Decision == ImplicitDeny {
		b.WriteString("  no statement applies: implicitly denied\n")
	}
	if len(res.BlockedBy) > 0 {
		fmt.Fprintf(b, "  blocked by: %s\n", esc(strings.Join(res.BlockedBy, ", ")))
	}
	if len(res.MissingContextKeys) > 0 {
		fmt.Fprintf(b, "  missing context keys: %s\n", esc(strings.Join(res.MissingContextKeys, ", ")))
	}
	if len(res.Unknowns) > 0 {
		fmt.Fprintf(b, "  depends on: %s\n", esc(JoinReasons(res.Unknowns, ", ")))
	}
	for _, n := range res.Notes {
		fmt.Fprintf(b, "  note: %s\n", esc(n.String()))
	}
}

// esc escapes a value taken from the input (an ARN, a Sid, a policy name,
// a message quoting the policy) so that it stays on its line and cannot
// forge output or CI workflow commands.
func esc(s string) string { return textsafe.Escape(s) }

func explainStatements(b *strings.Builder, res *Result, eff Effect, verb string) {
	for _, m := range res.MatchedStatements {
		if m.Effect != eff {
			continue
		}
		maybe := ""
		if m.Applies != TriTrue {
			maybe = " (may apply)"
		}
		level := ""
		if m.Level >= 0 {
			level = fmt.Sprintf(" level %d", m.Level)
		}
		if m.Delegates {
			// EV-7, EV-9: a statement naming the account only delegates.
			fmt.Fprintf(b, "  %s#%s [%s]%s names the caller's account: it only lets IAM policies grant (delegation, EV-7/EV-9)\n",
				esc(m.Policy), esc(m.Sid), m.PolicyType, maybe)
			continue
		}
		fmt.Fprintf(b, "  %s %s#%s [%s%s]%s\n", verb, esc(m.Policy), esc(m.Sid), m.PolicyType, level, maybe)
	}
}
