package evalcli

import "github.com/iamsim/terraform-provider-iamsim/internal/evaluator"

// Config controls Eval.
type Config struct {
	// Explain writes evaluator.Explain's text per request instead of JSON.
	Explain bool
	// Options are the engine options (reference data, quotas).
	Options evaluator.Options
}
