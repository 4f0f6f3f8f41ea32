package analysis

import (
	"fmt"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Questions over every request context (issue 9, evaluator/QUANTIFICATION.md):
// the context keys a question does not pin range over every value AWS could
// send; the answer is always, conditional (with its conditions), never or
// unknown (depends on a value known only after apply).

// QuantifiedAnswer is one question answered over every context.
type QuantifiedAnswer struct {
	Subject *Subject
	Action  string
	Target  *Target
	State   string
	Request *evaluator.Request
	Q       evaluator.Quantified
	// Notes are planscan's remarks (ReasonNote: outside the plan, absent).
	Notes []evaluator.Reason
}

// DecideAnyContext answers a question for every value of the context keys
// ctx does not pin.
func (s *SideAnalysis) DecideAnyContext(sub *Subject, action string, t *Target, ctx evaluator.Context) QuantifiedAnswer {
	qa := QuantifiedAnswer{Subject: sub, Action: action, Target: t, State: string(s.side)}
	req := s.Request(sub, action, t, sub.scope.context(ctx))
	qa.Request = req
	if note, absent := s.absentNote(sub, t); absent {
		qa.Q = evaluator.Quantified{Outcome: evaluator.OutcomeNever}
		qa.Notes = append(qa.Notes, note)
		return qa
	}
	if e := s.hiddenTypeError(action, t); e != nil {
		qa.Q = evaluator.Quantified{Outcome: evaluator.OutcomeError, Error: e,
			First: evaluator.Result{Decision: evaluator.DecisionError, Error: e}}
		return qa
	}
	// a principal's own tags are not the request's to choose (principal_tags.go)
	tagged, opts := s.principalTagContext(sub, action, t, req.Context, sub.scope.options())
	// nor are the tags of a resource of the plan (resource_tags.go)
	req.Context, opts = s.resourceTagContext(sub, action, t, tagged, opts)
	qa.Q = s.questionSet(sub, action, t).Quantify(req, opts)
	s.settleGrantQuantified(sub.Identity, t.Policy, s.compiledFor(sub), req, opts, &qa.Q) // kms_grants.go
	grantsNote(t.Policy, qa.Q.First.Notes)
	for _, m := range t.Maybe {
		mreq := s.Request(sub, action, m, req.Context)
		mq := s.questionSet(sub, action, m).Quantify(mreq, opts)
		s.settleGrantQuantified(sub.Identity, m.Policy, s.compiledFor(sub), mreq, opts, &mq)
		grantsNote(m.Policy, mq.First.Notes)
		mergeMaybeQuantified(&qa.Q, mq, m)
	}
	if sub.Identity == nil {
		qa.Notes = append(qa.Notes, evaluator.NoteReason("", "principal outside the plan"))
	}
	if len(t.Maybe) > 0 {
		qa.Notes = append(qa.Notes, maybeNote(t))
	} else if t.Unknown == nil && t.ARN != "*" && t.Policy == nil && t.Identity == nil {
		qa.Notes = append(qa.Notes, evaluator.NoteReason("", "resource outside the plan: its resource policy, if any, is not modelled"))
	}
	return qa
}

// QuantifiedJSON is the JSON line of one answer (planscan query
// --any-context --format json).
type QuantifiedJSON struct {
	QuestionJSON
	Outcome     evaluator.ContextOutcome   `json:"outcome"`
	FreeKeys    []string                   `json:"freeKeys,omitempty"`
	When        [][]evaluator.KeyCondition `json:"when,omitempty"`
	AllowedWhen string                     `json:"allowedWhen,omitempty"`
	Allowed     evaluator.ContextSample    `json:"allowedContext,omitempty"`
	Denied      evaluator.ContextSample    `json:"deniedContext,omitempty"`
	DeniedAs    evaluator.Decision         `json:"deniedDecision,omitempty"`
	Contexts    int                        `json:"contexts"`
	DependsOn   []string                   `json:"dependsOn,omitempty"`
	Notes       []string                   `json:"notes,omitempty"`
	Error       string                     `json:"error,omitempty"`
}

// JSON converts the answer to its JSON line form.
func (qa *QuantifiedAnswer) JSON() QuantifiedJSON {
	q := &qa.Q
	out := QuantifiedJSON{QuestionJSON: questionJSON(qa.Subject, qa.Action, qa.Target, qa.State, qa.Request), Outcome: q.Outcome, FreeKeys: q.Keys, Contexts: q.Contexts,
		DependsOn: evaluator.ReasonStrings(q.Unknowns), Error: q.Error.Error(),
		Notes: evaluator.ReasonStrings(append(append([]evaluator.Reason(nil), q.First.Notes...), qa.Notes...))}
	if q.Outcome == evaluator.OutcomeConditional {
		out.When, out.AllowedWhen = q.When, q.Condition()
	}
	if q.HasAllowed {
		out.Allowed = nonNilSample(q.Allowed)
	}
	if q.HasDenied {
		out.Denied, out.DeniedAs = nonNilSample(q.Denied), q.DeniedDecision
	}
	return out
}

func nonNilSample(s evaluator.ContextSample) evaluator.ContextSample {
	if s == nil {
		return evaluator.ContextSample{}
	}
	return s
}

// Text renders the answer for a terminal.
func (qa *QuantifiedAnswer) Text() string {
	q := &qa.Q
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %s  %s  [%s]: %s\n", qa.Subject.Label(), qa.Action, qa.Target.Label(), qa.State, q.Outcome)
	for _, l := range QuantifiedLines(q) {
		b.WriteString("    " + l + "\n")
	}
	for _, n := range qa.Notes {
		b.WriteString("  note: " + n.String() + "\n")
	}
	return b.String()
}

// QuantifiedLines explains a quantified answer in a few lines.
func QuantifiedLines(q *evaluator.Quantified) []string {
	var out []string
	switch q.Outcome {
	case evaluator.OutcomeAlways:
		if len(q.Keys) > 0 {
			out = append(out, "allowed for every value of "+strings.Join(q.Keys, ", "))
		} else {
			out = append(out, "allowed (no condition key of the policies is free)")
		}
	case evaluator.OutcomeNever:
		if len(q.Keys) > 0 {
			out = append(out, fmt.Sprintf("denied for every value of %s (e.g. %s: %s)", strings.Join(q.Keys, ", "), q.Denied, q.DeniedDecision))
		} else {
			out = append(out, "denied: "+string(q.DeniedDecision))
		}
	case evaluator.OutcomeConditional:
		out = append(out, "allowed when "+q.Condition())
		out = append(out, fmt.Sprintf("denied e.g. when %s (%s)", q.Denied, q.DeniedDecision))
	case evaluator.OutcomeUnknown:
		if q.HasAllowed {
			out = append(out, "allowed e.g. when "+q.Allowed.String())
		}
		if q.HasDenied {
			out = append(out, fmt.Sprintf("denied e.g. when %s (%s)", q.Denied, q.DeniedDecision))
		}
		out = append(out, "depends on: "+evaluator.JoinReasons(q.Unknowns, ", "))
	case evaluator.OutcomeError:
		out = append(out, "error: "+q.Error.Error())
	}
	for _, n := range q.First.Notes {
		out = append(out, "note: "+n.String())
	}
	return out
}

// allowedWhen is " when <conditions>" for an answer allowed only under
// some contexts ("" when allowed for every one): how only and deny_new name
// a conditional grant.
func allowedWhen(q *evaluator.Quantified) string {
	switch {
	case q.Outcome == evaluator.OutcomeConditional:
		return " when " + q.Condition()
	case q.Outcome != evaluator.OutcomeAlways && q.HasAllowed:
		return " when e.g. " + q.Allowed.String()
	}
	return ""
}
