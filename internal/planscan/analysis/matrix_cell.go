package analysis

import "github.com/iamsim/terraform-provider-iamsim/internal/evaluator"

// cellResult is one decided cell, in 16 bytes: a plan of 20,000 roles
// holds millions of them (issue 14). code is the decision
// (decisionCodes); more holds the rarer parts, nil when the decision has
// no reasons and was not quantified.
type cellResult struct {
	set  bool // decided (a group with no member for this class is not)
	code uint8
	more *cellMore
}

type cellMore struct {
	dec     evaluator.Decision // a decision decisionCodes does not hold
	reasons []string
	// ctx: the answer over every context, when the decision read a key
	// the request left absent (matrix_context.go); nil when it is exact
	ctx *cellContext
}

// decisionCodes are the decisions a cellResult holds by code.
var decisionCodes = [...]evaluator.Decision{"", evaluator.Allowed, evaluator.ExplicitDeny, evaluator.ImplicitDeny,
	evaluator.DecisionUnknown, evaluator.DecisionError}

func newCellResult(dec evaluator.Decision, reasons []string, ctx *cellContext) cellResult {
	cr := cellResult{set: true}
	code := -1
	for i, d := range decisionCodes {
		if d == dec {
			code = i
			break
		}
	}
	if code < 0 || reasons != nil || ctx != nil {
		cr.more = &cellMore{reasons: reasons, ctx: ctx}
		if code < 0 {
			cr.more.dec, code = dec, 0
		}
	}
	cr.code = uint8(code)
	return cr
}

// dec is the cell's decision.
func (c *cellResult) dec() evaluator.Decision {
	if c.more != nil && c.more.dec != "" {
		return c.more.dec
	}
	return decisionCodes[c.code]
}

// reasons are the reasons of an unknown or error decision.
func (c *cellResult) reasons() []string {
	if c.more == nil {
		return nil
	}
	return c.more.reasons
}

// ctx is the answer over every context, or nil.
func (c *cellResult) ctx() *cellContext {
	if c.more == nil {
		return nil
	}
	return c.more.ctx
}
