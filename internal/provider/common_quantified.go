package provider

import (
	"fmt"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// An iamsim_assertion holds over every value of the context keys it does not
// pin (issue 9, evaluator/QUANTIFICATION.md): `denied` only when denied for
// every such context, `allowed` only when allowed for every one, `possible`
// when allowed for some. A violation names the context that breaks it.

// contextOutcome is one request of an assertion answered over every context.
type contextOutcome struct {
	Request evaluator.Request
	Q       evaluator.Quantified
	// Holds is whether the expectation holds; when it does not, Counter is
	// the context that breaks it (nil when no single context does, or when
	// no key is free) and Decision its decision.
	Holds    evaluator.Tri
	Counter  evaluator.ContextSample
	Decision evaluator.Decision
}

// quantify answers every request of the query over every context and
// checks the expectation.
func (q *query) quantify(expect string) []contextOutcome {
	out := make([]contextOutcome, len(q.requests))
	opts := evaluator.QuantifyOptions{FixedKeys: q.fixedKeys}
	for i := range q.requests {
		o := &out[i]
		o.Request = q.requests[i]
		o.Q = q.set.Quantify(&o.Request, opts)
		o.Holds, o.Counter, o.Decision = evaluator.Expectation(expect).HoldsOver(&o.Q)
	}
	return out
}

// contextViolations are the outcomes that break the expectation. With
// definiteOnly (inputs known only after apply), only violations that a
// decided context witnesses, which no unknown value can change (PT-3).
func contextViolations(outs []contextOutcome, definiteOnly bool) []contextOutcome {
	var v []contextOutcome
	for i := range outs {
		switch outs[i].Holds {
		case evaluator.TriTrue:
		case evaluator.TriUnknown:
			if !definiteOnly {
				v = append(v, outs[i])
			}
		default:
			v = append(v, outs[i])
		}
	}
	return v
}

// contextViolationMessage explains a failed assertion: what was expected,
// then each violating request with the context that breaks it and the
// statements behind its decision there, then how to pin the context.
func (q *query) contextViolationMessage(description, expect string, v []contextOutcome, total int) string {
	var b strings.Builder
	name := "The assertion"
	if description != "" {
		name = fmt.Sprintf("Assertion %q", description)
	}
	who := ""
	if len(v) > 0 {
		who = " by " + principalLabel(&v[0].Request.Principal)
	}
	fmt.Fprintf(&b, "%s failed: %d of %d requests%s are not %s:\n", name, len(v), total, who, contextExpectWord(expect))
	contextual := false
	for i := range v {
		o := &v[i]
		head, lines := q.violationLines(o)
		fmt.Fprintf(&b, "\n  %s on %s: %s\n", o.Request.Action, resourceLabel(&o.Request), head)
		for _, line := range lines {
			b.WriteString("    " + line + "\n")
		}
		contextual = contextual || len(o.Counter) > 0
	}
	if contextual && expect != string(evaluator.ExpectPossible) {
		b.WriteString("\nContext keys that the assertion does not pin range over every value AWS could send. " +
			"Pin the context the access is meant for with context blocks (e.g. aws:MultiFactorAuthPresent = true), " +
			"or use expect = \"possible\" where allowed under some context is what you mean.\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// violationLines are the heading of one violation (the decision and the
// context that breaks the expectation) and the explanation of that decision.
func (q *query) violationLines(o *contextOutcome) (string, []string) {
	qq := &o.Q
	switch {
	case qq.Outcome == evaluator.OutcomeError:
		first := outcome{Request: o.Request, Result: qq.First}
		return string(evaluator.DecisionError), explainLines(&first)
	case o.Holds == evaluator.TriUnknown:
		return "not decided over every context", []string{"depends on: " + evaluator.JoinReasons(qq.Unknowns, ", ")}
	}
	head := string(o.Decision)
	req := o.Request
	if len(o.Counter) > 0 {
		head += " when " + o.Counter.String()
		req.Context = o.Counter.Context(&o.Request.Context)
	}
	var lines []string
	if qq.Outcome == evaluator.OutcomeConditional && o.Decision != evaluator.Allowed {
		lines = append(lines, "allowed when "+qq.Condition())
	}
	if o.Counter == nil && len(qq.Keys) > 0 && o.Decision != evaluator.Allowed {
		// explicitDeny / implicitDeny expected, the other kind of deny found.
		lines = append(lines, fmt.Sprintf("%d contexts explicitly denied, %d implicitly", qq.ExplicitDenies, qq.ImplicitDenies))
		return head + " for some context", lines
	}
	sample := outcome{Request: req}
	q.set.DecideInto(&sample.Request, &sample.Result)
	return head, append(lines, explainLines(&sample)...)
}

func contextExpectWord(expect string) string {
	switch evaluator.Expectation(expect) {
	case evaluator.ExpectPossible:
		return "allowed for any context"
	case evaluator.ExpectDenied:
		return "denied (explicit or implicit deny) for every context"
	}
	return expect + " for every context"
}
