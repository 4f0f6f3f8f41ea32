package iammodel

import (
	"fmt"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// Diagnostic is a problem or assumption found while building a model. Address
// is the Terraform address it concerns; Side is "before", "after" or "" for
// both. Severity is the engine's scale: evaluator.SeverityError when the
// input is invalid (e.g. a policy that is not JSON), evaluator.SeverityWarning when
// the model is incomplete here (out of view, unresolved), evaluator.SeverityInfo for
// an assumption the model made.
type Diagnostic struct {
	Severity evaluator.Severity
	Side     tfplan.Side
	Address  string
	Summary  string
}

func (d Diagnostic) String() string {
	side := ""
	if d.Side != "" {
		side = " (" + string(d.Side) + ")"
	}
	if d.Address == "" {
		return fmt.Sprintf("%s%s: %s", d.Severity, side, d.Summary)
	}
	return fmt.Sprintf("%s%s: %s: %s", d.Severity, side, d.Address, d.Summary)
}
