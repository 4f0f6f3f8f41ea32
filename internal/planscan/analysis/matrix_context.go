package analysis

import (
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
)

// The access matrix over every context (issue 9): a cell is decided by one
// request whose context keys are absent (matrix_access.go). That answer is
// exact unless a condition of a statement that applies to the request (its
// action and resource match) read a key the request does not give: the
// engine names those keys (Result.MissingContextKeys, CTX-1). Only such
// cells are asked again over every context (evaluator Quantify,
// QUANTIFICATION.md), as `query --any-context` asks them: the principal's
// own tags are fixed (principal_tags.go), every other key the request does
// not pin ranges over every value AWS could send. The cell then says
// allowed for every context, allowed when (conditions), denied for every
// context, or unknown (a value known only after apply, or a bound).
//
// The matrix decides one representative per principal group and local
// class, so a quantified answer stands for its group as the one-request
// answer does: the targets of a group have the same documents and match
// the same patterns, and no condition key is read from the target.

// cellContext is a cell's answer over every context.
type cellContext struct {
	outcome evaluator.ContextOutcome
	// dec names the outcome as a decision in transitions: allowed
	// (always), the deny (never), "conditional", unknown or error.
	dec     evaluator.Decision
	when    string   // conditional: the conditions (Quantified.Condition)
	reasons []string // unknown: what it depends on
}

// conditionalDecision labels a conditional cell in transitions
// ("implicitDeny->conditional").
const conditionalDecision evaluator.Decision = "conditional"

// quantify asks the cell's request over every context when its one-request
// decision read an absent key (res.MissingContextKeys).
func (d *cellDecider) quantify(cs *evaluator.CompiledSet, t *matrixTarget, trust bool) *cellContext {
	req := d.req // a copy: Quantify sets its own contexts
	keys := func() []string {
		var doc *evaluator.PolicyDoc
		if t.docApplies(d.si, trust, d.sc.prin, d.sc.withBoundary) {
			doc = t.resDoc[d.si]
			if trust {
				doc = t.trustDoc[d.si]
			}
		}
		return d.side.principalTagKeys(d.id, doc)
	}
	var opts evaluator.QuantifyOptions
	req.Context, opts = d.side.tagContext(d.id, keys, req.Context, opts)
	if tr := t.tagged[d.si]; tr != nil {
		// the target's resource tags are fixed too (matrix_tags.go)
		if _, fix := resourceTagsOf(d.u.cat, req.Action, t.ARN, t.Unknown == nil, tr).apply(req.Context, d.u.resourceTagKeys); fix {
			opts.FixedKeys = append(opts.FixedKeys, resourceTagPrefix)
		}
	}
	q := cs.Quantify(&req, opts)
	if rp := t.policy[d.si]; rp != nil && rp.GrantsDoc != nil {
		// what the KMS guide is silent on stays unknown here too (kms_grants.go, AMB-1)
		d.side.settleGrantQuantified(d.id, rp, d.base, &req, opts, &q)
	}
	cc := &cellContext{outcome: q.Outcome}
	switch q.Outcome {
	case evaluator.OutcomeAlways:
		cc.dec = evaluator.Allowed
	case evaluator.OutcomeNever:
		cc.dec = q.DeniedDecision
	case evaluator.OutcomeConditional:
		cc.dec, cc.when = conditionalDecision, q.Condition()
	case evaluator.OutcomeError:
		cc.dec = evaluator.DecisionError
		if q.Error != nil {
			cc.reasons = []string{q.Error.Message}
		}
	default:
		cc.dec = evaluator.DecisionUnknown
		cc.reasons = evaluator.ReasonStrings(q.Unknowns)
	}
	return cc
}

// cellView is how the diff reads a cell: over every context when it was
// quantified, else its one-request decision.
type cellView struct {
	cat     int // 0 unknown or error, 1 denied, 2 allowed always, 3 conditional
	dec     evaluator.Decision
	when    string
	reasons []string
}

func viewOf(c *cellResult) cellView {
	if cc := c.ctx(); cc != nil {
		return cellView{cat: outcomeCategory(cc.outcome), dec: cc.dec, when: cc.when, reasons: cc.reasons}
	}
	return cellView{cat: category(c.dec()), dec: c.dec(), reasons: c.reasons()}
}

// outcomeCategory is cellView.cat of an answer over every context.
func outcomeCategory(o evaluator.ContextOutcome) int {
	switch o {
	case evaluator.OutcomeAlways:
		return 2
	case evaluator.OutcomeNever:
		return 1
	case evaluator.OutcomeConditional:
		return 3
	}
	return 0 // unknown, error
}

// contextChange is the change between two cells read over every context:
// its kind and the conditions shown with it (AccessChange.When). A grant
// that needs conditions after and none before is gained when they hold; a
// grant lost that needed conditions is lost when they held. A grant that
// needed conditions and needs none after is gained (for every context);
// one that needed none and needs some after is lost unless they hold. A
// grant whose conditions change is gained when the new ones hold (the
// transition reads conditional->conditional and the old ones are named).
func contextChange(b, a cellView) (ChangeKind, string, bool) {
	switch {
	case b.cat == a.cat && (b.cat != 3 || b.when == a.when):
		return "", "", false
	case b.cat == 3 && a.cat == 3:
		return Gained, a.when + " (before: " + b.when + ")", true
	case b.cat == 3 && a.cat == 2:
		return Gained, "", true
	case b.cat == 2 && a.cat == 3:
		return Lost, unlessPrefix + a.when, true
	case b.cat == 3 && a.cat == 1:
		return Lost, b.when, true
	case b.cat == 1 && a.cat == 3:
		return Gained, a.when, true
	case b.cat == 3 && a.cat == 0:
		return BecameUnknown, "", true
	case b.cat == 0 && a.cat == 3:
		return Resolved, a.when, true
	}
	k, ok := changeKind2(b.cat, a.cat)
	return k, "", ok
}

// unlessPrefix starts the When of a grant that needed no condition before
// and needs some after: lost unless they hold.
const unlessPrefix = "unless "

// WhenPhrase is the change's conditions as the reports print them: "when
// ..." (the grant needs them), "unless ..." (lost but for them) or "".
func (c *AccessChange) WhenPhrase() string {
	switch {
	case c.When == "":
		return ""
	case strings.HasPrefix(c.When, unlessPrefix):
		return c.When
	}
	return "when " + c.When
}

// changeKind2 is changeKind on categories (0 unknown, 1 denied, 2 allowed).
func changeKind2(cb, ca int) (ChangeKind, bool) {
	switch {
	case cb == ca:
		return "", false
	case cb == 0:
		return Resolved, true
	case ca == 0:
		return BecameUnknown, true
	case ca == 2:
		return Gained, true
	}
	return Lost, true
}

// cellSide is what a cellDecider needs to ask a cell over every context.
type cellSide struct {
	side *SideAnalysis
	id   *iammodel.Identity
}
