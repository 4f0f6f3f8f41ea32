package analysis

import (
	"fmt"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// QuestionJSON opens a JSON answer line: the question it answers.
type QuestionJSON struct {
	Principal    string `json:"principal"`
	PrincipalARN string `json:"principalArn,omitempty"`
	Action       string `json:"action"`
	Resource     string `json:"resource"`
	State        string `json:"state"`
}

// questionJSON names the question: the resource as written when its ARN is
// known only after apply.
func questionJSON(sub *Subject, action string, t *Target, state string, req *evaluator.Request) QuestionJSON {
	q := QuestionJSON{Principal: sub.Label(), PrincipalARN: req.Principal.ARN, Action: action, Resource: t.Label(), State: state}
	if t.Unknown != nil && t.Ref != "" {
		q.Resource = t.Ref
	}
	return q
}

// AnswerJSON is the JSON line of one answer (planscan query --format json).
type AnswerJSON struct {
	QuestionJSON
	Decision           evaluator.Decision `json:"decision"`
	MatchedStatements  []StatementJSON    `json:"matchedStatements"`
	BlockedBy          []string           `json:"blockedBy,omitempty"`
	MissingContextKeys []string           `json:"missingContextKeys,omitempty"`
	DependsOn          []string           `json:"dependsOn,omitempty"`
	Possible           []string           `json:"possible,omitempty"`
	Notes              []string           `json:"notes,omitempty"`
	Error              string             `json:"error,omitempty"`
}

// StatementJSON is a matched statement.
type StatementJSON struct {
	Policy  string `json:"policy"`
	Type    string `json:"policyType"`
	Sid     string `json:"sid"`
	Effect  string `json:"effect"`
	Applies string `json:"applies"` // "true" or "unknown"
}

// JSON converts an answer to its JSON line form.
func (a *Answer) JSON() AnswerJSON {
	r := &a.Result
	out := AnswerJSON{
		QuestionJSON: questionJSON(a.Subject, a.Action, a.Target, a.State, a.Request), Decision: r.Decision,
		MatchedStatements: []StatementJSON{},
		BlockedBy:         r.BlockedBy, MissingContextKeys: r.MissingContextKeys, DependsOn: evaluator.ReasonStrings(r.Unknowns),
		Error: r.Error.Error(),
	}
	for _, m := range r.MatchedStatements {
		// The engine records a statement that applies (TriTrue) or may
		// apply (TriUnknown): Tri.String says "true" or "unknown".
		out.MatchedStatements = append(out.MatchedStatements, StatementJSON{Policy: m.Policy, Type: string(m.PolicyType), Sid: m.Sid,
			Effect: m.Effect.String(), Applies: m.Applies.String()})
	}
	for _, p := range r.Possible {
		out.Possible = append(out.Possible, string(p))
	}
	out.Notes = evaluator.ReasonStrings(append(append([]evaluator.Reason(nil), r.Notes...), a.Notes...))
	return out
}

// Text renders an answer for a terminal: a header line and the engine's
// explanation.
func (a *Answer) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %s  %s  [%s]: %s\n", a.Subject.Label(), a.Action, a.Target.Label(), a.State, a.Result.Decision)
	for _, l := range evaluator.ExplainLines(&a.Result) {
		if l != "" {
			b.WriteString("    " + l + "\n")
		}
	}
	for _, n := range a.Notes {
		b.WriteString("  note: " + n.String() + "\n")
	}
	return b.String()
}
