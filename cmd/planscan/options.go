package main

import "github.com/iamsim/terraform-provider-iamsim/internal/evaluator"

// engineOptions are the engine options every subcommand uses. The AWS
// reference data (internal/iamdata) plugs in here as Options.Catalog.
func engineOptions() evaluator.Options {
	return evaluator.Options{}
}
