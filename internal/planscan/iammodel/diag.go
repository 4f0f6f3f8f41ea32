package iammodel

import (
	"fmt"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/tfplan"
)

// Severity of a Diagnostic.
type Severity string

const (
	SeverityError   Severity = "error"   // the input is invalid (e.g. a policy that is not JSON)
	SeverityWarning Severity = "warning" // the model is incomplete here (out of view, unresolved)
	SeverityInfo    Severity = "info"    // an assumption the model made
)

// Diagnostic is a problem or assumption found while building a model. Address
// is the Terraform address it concerns; Side is "before", "after" or "" for
// both.
type Diagnostic struct {
	Severity Severity
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
