package evaluator

// ExpectPossible: allowed for some request context (planscan.hcl asserts,
// evaluated over every context; issue 9).
const ExpectPossible Expectation = "possible"

// SupportedContextExpectations lists the expectations of assertions that
// are evaluated over every request context (planscan.hcl `assert`).
func SupportedContextExpectations() []string {
	return append(SupportedExpectations(), string(ExpectPossible))
}

// HoldsOver reports whether the expectation holds over every context of a
// quantified answer (QUANTIFICATION.md):
//   - allowed: allowed for every context;
//   - denied, explicitDeny, implicitDeny: denied (of that kind) for every context;
//   - possible: allowed for some context.
//
// TriFalse comes with the context that breaks it and its decision; TriUnknown
// means the answer depends on a value known only after apply, an ambiguity
// or a bound (q.Unknowns). A witnessed context that breaks the expectation
// is a violation even when other contexts are unknown.
func (e Expectation) HoldsOver(q *Quantified) (Tri, ContextSample, Decision) {
	if q.Outcome == OutcomeError {
		return TriFalse, nil, DecisionError
	}
	switch e {
	case ExpectAllowed:
		switch {
		case q.HasDenied:
			return TriFalse, q.Denied, q.DeniedDecision
		case q.Outcome == OutcomeAlways:
			return TriTrue, nil, ""
		}
	case ExpectDenied, ExpectExplicitDeny, ExpectImplicitDeny:
		switch {
		case q.HasAllowed:
			return TriFalse, q.Allowed, Allowed
		case e == ExpectExplicitDeny && q.ImplicitDenies > 0:
			return TriFalse, sampleIf(q, ImplicitDeny), ImplicitDeny
		case e == ExpectImplicitDeny && q.ExplicitDenies > 0:
			return TriFalse, sampleIf(q, ExplicitDeny), ExplicitDeny
		case q.Outcome == OutcomeNever:
			return TriTrue, nil, ""
		}
	case ExpectPossible:
		switch {
		case q.HasAllowed:
			return TriTrue, nil, ""
		case q.Outcome == OutcomeNever:
			return TriFalse, q.Denied, q.DeniedDecision
		}
	default:
		return TriFalse, nil, ""
	}
	return TriUnknown, nil, ""
}

// sampleIf is the denied sample when its decision is d (the enumeration
// keeps one denied context, the first).
func sampleIf(q *Quantified, d Decision) ContextSample {
	if q.HasDenied && q.DeniedDecision == d {
		return q.Denied
	}
	return nil
}
