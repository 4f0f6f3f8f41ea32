package main

import (
	"flag"

	"github.com/iamsim/terraform-provider-iamsim/internal/datacli"
	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

// catalogFlags are the reference-data override flags of every command that
// consults the AWS reference data.
type catalogFlags struct {
	o datacli.Overrides
}

func (c *catalogFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.o.Actions, "actions-override", "", "JSON `file` adding to or correcting the AWS actions reference data")
	fs.StringVar(&c.o.ManagedPolicies, "managed-policies-override", "", "JSON `file` adding or replacing AWS managed policies")
}

// catalog returns the embedded reference data with the overrides applied;
// errors name the file.
func (c *catalogFlags) catalog() (*iamdata.Catalog, error) { return c.o.Catalog() }

// engineOptions are the engine options every subcommand uses: the AWS
// reference data as the engine's Catalog (AC-4, AC-5, RS-9, RS-10, CO-15).
func engineOptions(cat *iamdata.Catalog) evaluator.Options {
	return evaluator.Options{Catalog: cat.Engine()}
}
