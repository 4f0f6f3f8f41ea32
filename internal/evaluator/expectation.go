package evaluator

// Expectation is what an assertion expects of a decision: the iamsim_assertion
// resource's `expect` and planscan.hcl's `assert { expect = ... }`.
type Expectation string

const (
	ExpectAllowed      Expectation = "allowed"
	ExpectDenied       Expectation = "denied" // any deny: explicit or implicit
	ExpectExplicitDeny Expectation = "explicitDeny"
	ExpectImplicitDeny Expectation = "implicitDeny"
)

// SupportedExpectations lists the expectations, for validators and docs.
func SupportedExpectations() []string {
	return []string{string(ExpectAllowed), string(ExpectDenied), string(ExpectExplicitDeny), string(ExpectImplicitDeny)}
}

// SatisfiedBy reports whether decision d meets the expectation. Unknown and
// error never do (fail closed), nor does an expectation that is none of the
// above.
func (e Expectation) SatisfiedBy(d Decision) bool {
	switch e {
	case ExpectAllowed:
		return d == Allowed
	case ExpectDenied:
		return d == ExplicitDeny || d == ImplicitDeny
	case ExpectExplicitDeny:
		return d == ExplicitDeny
	case ExpectImplicitDeny:
		return d == ImplicitDeny
	}
	return false
}
