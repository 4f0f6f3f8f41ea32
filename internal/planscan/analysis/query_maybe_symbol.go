package analysis

import (
	"slices"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
)

// A literal ARN that no resource of the plan has by a known ARN may still
// be one whose ARN the plan knows only up to a part generated at apply (a
// symbol: the KMS key's ARN read back from the state, an instance's ARN).
// PT-3: the answer must hold for every completion, so such a question is
// answered for the resource outside the plan and for each resource the
// literal could be, and is definite only when they all agree; else it is
// unknown and names the resources. A literal that cannot be the resource
// (another known prefix or name, another type) stays outside the plan.

// maybeSymbols returns the resources of the side that the literal ARN
// could name: their ARN is a symbol whose known prefix the literal starts
// with, followed by a generated part (no ':' or '/') and, for an object
// inside the resource, '/' and more.
func (s *SideAnalysis) maybeSymbols(arn string) []*Target {
	if strings.Contains(arn, representativeFill) {
		return nil // a representative stands for a resource outside the plan
	}
	var out []*Target
	for _, r := range s.planResources() {
		u := r.arn.Unknown
		if u == nil || u.Symbol == "" || u.Prefix == "" || !strings.HasPrefix(arn, u.Prefix) {
			continue
		}
		gen := arn[len(u.Prefix):]
		if end := strings.IndexAny(gen, ":/"); end >= 0 {
			if gen[end] == ':' {
				continue
			}
			gen = gen[:end]
		}
		if gen == "" {
			continue
		}
		t := &Target{Ref: arn, ARN: arn, Policy: s.Model.ResourceByAddress(r.address), MaybeOf: r.address}
		if id := s.Model.Identity(r.address); id != nil && id.Kind == iammodel.KindRole {
			t.Identity = id
		}
		out = append(out, t)
	}
	return out
}

// maybeNote names the resources an answer on a literal could be about.
func maybeNote(t *Target) evaluator.Reason {
	addrs := make([]string, len(t.Maybe))
	for i, m := range t.Maybe {
		addrs[i] = m.MaybeOf
	}
	return evaluator.NoteReason("PT-3", "the ARN may be that of "+strings.Join(addrs, ", ")+", known only after apply: answered for it too")
}

// maybeReason is the unknown value an answer on a literal depends on.
func maybeReason(m *Target) evaluator.Reason {
	return evaluator.ValueReason(m.MaybeOf + ".arn (may be " + m.Ref + ")")
}

// mergeMaybeResult merges the answer for a resource the literal could be
// into the answer so far (PT-2: the set of possible decisions).
func mergeMaybeResult(out *evaluator.Result, alt evaluator.Result, m *Target) {
	possible := func(r *evaluator.Result) []evaluator.Decision {
		if len(r.Possible) > 0 {
			return r.Possible
		}
		return []evaluator.Decision{r.Decision}
	}
	if out.Decision == evaluator.DecisionError {
		return
	}
	if alt.Decision == evaluator.DecisionError {
		*out = alt
		return
	}
	set := slices.Clone(possible(out))
	for _, d := range possible(&alt) {
		if !slices.Contains(set, d) {
			set = append(set, d)
		}
	}
	if out.Decision == alt.Decision && len(set) == len(possible(out)) {
		return // the same answer either way
	}
	for _, ms := range alt.MatchedStatements {
		if !slices.Contains(out.MatchedStatements, ms) {
			out.MatchedStatements = append(out.MatchedStatements, ms)
		}
	}
	out.Unknowns = append(append(out.Unknowns, alt.Unknowns...), maybeReason(m))
	out.Possible = set
	switch {
	case !slices.Contains(set, evaluator.Allowed) && len(set) == 2:
		out.Decision = evaluator.ImplicitDeny // PT-2's exception: denied either way
	case len(set) == 1:
		out.Decision = set[0]
	default:
		out.Decision = evaluator.DecisionUnknown
	}
}

// mergeMaybeQuantified merges a quantified answer for a resource the
// literal could be: the same outcome (and conditions) either way, else
// unknown.
func mergeMaybeQuantified(out *evaluator.Quantified, alt evaluator.Quantified, m *Target) {
	if out.Outcome == evaluator.OutcomeError {
		return
	}
	if alt.Outcome == evaluator.OutcomeError {
		*out = alt
		return
	}
	if out.Outcome == alt.Outcome && (out.Outcome != evaluator.OutcomeConditional || out.Condition() == alt.Condition()) {
		return
	}
	out.Outcome = evaluator.OutcomeUnknown
	out.Unknowns = append(append(out.Unknowns, alt.Unknowns...), maybeReason(m))
	if alt.HasAllowed && !out.HasAllowed {
		out.HasAllowed, out.Allowed = true, alt.Allowed
	}
	if alt.HasDenied && !out.HasDenied {
		out.HasDenied, out.Denied, out.DeniedDecision = true, alt.Denied, alt.DeniedDecision
	}
}
