package analysis

import "github.com/iamsim/terraform-provider-iamsim/internal/evaluator"

// The statements behind an assertion's violation (issue 8 item 4). An
// answer over every context (Quantify) carries no matched statements: the
// counterexample context it reports is decided once more as a concrete
// request, and that decision's statements name what allows (or explicitly
// denies) the violating request.

// Witness decides the question of qa once more in the sample context (a
// counterexample its Quantify reported) and returns that decision.
func (s *SideAnalysis) Witness(qa *QuantifiedAnswer, sample evaluator.ContextSample) evaluator.Result {
	if qa.Request == nil || qa.Subject == nil || qa.Target == nil || qa.Q.Outcome == evaluator.OutcomeError {
		return evaluator.Result{}
	}
	req := *qa.Request
	req.Context = sample.Context(&qa.Request.Context)
	return s.questionSet(qa.Subject, qa.Action, qa.Target).Decide(&req)
}

// witnessOf is a witness function for outcome.addQuantified.
func (s *SideAnalysis) witnessOf(qa *QuantifiedAnswer) func(evaluator.ContextSample) evaluator.Result {
	return func(sample evaluator.ContextSample) evaluator.Result { return s.Witness(qa, sample) }
}

// decisiveStatement is "POLICY#SID" of the statement that decided res: the
// first explicit Deny that applies for an explicit deny (EV-2), else for an
// allowed decision the first Allow that applies of an identity or resource
// policy (the grant, EV-7), else of any policy; "" when none (an implicit
// deny has no statement) or the statement may only apply (an unknown is
// never named as the cause).
func decisiveStatement(res *evaluator.Result) string {
	var want evaluator.Effect
	switch res.Decision {
	case evaluator.Allowed:
		want = evaluator.EffectAllow
	case evaluator.ExplicitDeny:
		want = evaluator.EffectDeny
	default:
		return ""
	}
	fallback := ""
	for _, m := range res.MatchedStatements {
		if m.Effect != want || m.Applies != evaluator.TriTrue || m.Delegates || m.Policy == "" {
			continue
		}
		ref := m.Policy + "#" + m.Sid
		if want == evaluator.EffectDeny || m.PolicyType == evaluator.PolicyIdentity || m.PolicyType == evaluator.PolicyResource {
			return ref
		}
		if fallback == "" {
			fallback = ref
		}
	}
	return fallback
}

// requestWitness decides req in a sample context with cs (an
// iamsim_assertion's request, check_plan_assertions.go).
func requestWitness(cs *evaluator.CompiledSet, req *evaluator.Request) func(evaluator.ContextSample) evaluator.Result {
	return func(sample evaluator.ContextSample) evaluator.Result {
		r := *req
		r.Context = sample.Context(&req.Context)
		return cs.Decide(&r)
	}
}

// grantStatements names, for each gained access of a principal of the
// plan, the statement that grants its first action on its first resource
// (grantStatement).
func (s *SideAnalysis) grantStatements(pd *PrincipalDiff) {
	if pd.Change == "deleted" {
		return
	}
	for i := range pd.Changes {
		ch := &pd.Changes[i]
		if ch.Kind == Gained && len(ch.Actions) > 0 && len(ch.Resources) > 0 {
			ch.Statement = s.grantStatement(pd.Principal, ch.Actions[0], ch.Resources[0])
		}
	}
}

// grantStatement is the statement that grants a principal of the plan an
// action on a resource (as the diff labels them): the question is decided
// over every context, and a context that allows it once more (Witness);
// "" when it is not allowed in any context or no one statement grants it.
func (s *SideAnalysis) grantStatement(principal, action, resource string) string {
	sub, err := s.Subject(principal)
	if err != nil || sub.Identity == nil {
		return ""
	}
	t, err := s.Target(resource)
	if err != nil {
		return ""
	}
	qa := s.DecideAnyContext(sub, action, t, evaluator.Context{})
	if !qa.Q.HasAllowed {
		return ""
	}
	if res := s.Witness(&qa, qa.Q.Allowed); res.Decision == evaluator.Allowed {
		return decisiveStatement(&res)
	}
	return ""
}
