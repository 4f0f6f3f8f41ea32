package provider

import (
	"fmt"
	"sync"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

// referenceData is the single place where the provider obtains AWS reference
// data: the evaluator.Catalog it hands to the engine (actions, resource
// types, condition keys) and the resolver of AWS managed policies. Data
// sources and resources get it from the provider configuration (which may
// apply override files); functions, which see no provider configuration,
// use the embedded data.
type referenceData struct {
	cat *iamdata.Catalog
}

// embeddedReferenceData is the reference data embedded in the binary.
var embeddedReferenceData = sync.OnceValue(func() *referenceData {
	return &referenceData{cat: iamdata.Default()}
})

// loadReferenceData applies the override documents (nil: none) to the
// embedded data.
func loadReferenceData(actionsOverride, managedPoliciesOverride []byte) (*referenceData, error) {
	cat := iamdata.Default()
	var err error
	if actionsOverride != nil {
		if cat, err = cat.WithActions(actionsOverride); err != nil {
			return nil, fmt.Errorf("actions override: %w", err)
		}
	}
	if managedPoliciesOverride != nil {
		if cat, err = cat.WithManagedPolicies(managedPoliciesOverride); err != nil {
			return nil, fmt.Errorf("managed policies override: %w", err)
		}
	}
	return &referenceData{cat: cat}, nil
}

// options are the engine options every compilation and validation uses.
func (r *referenceData) options() evaluator.Options {
	return evaluator.Options{Catalog: r.cat.Engine()}
}

// managedPolicy is an AWS managed policy as the provider shows it.
type managedPolicy struct {
	ARN      string
	Name     string
	Path     string
	Version  string
	Document string
}

// managedPolicy resolves an AWS managed policy by ARN (any partition), by
// path and name, or by name. Bare names and paths get an ARN in partition.
func (r *referenceData) managedPolicy(ref, partition string) (managedPolicy, bool) {
	if partition != "" && partition != "aws" && !isARN(ref) {
		p, ok := r.cat.ManagedPolicy(ref)
		if !ok {
			return managedPolicy{}, false
		}
		ref = "arn:" + partition + ":iam::aws:policy" + p.Path + p.Name
	}
	p, ok := r.cat.ManagedPolicy(ref)
	if !ok {
		return managedPolicy{}, false
	}
	return managedPolicy{ARN: p.ARN, Name: p.Name, Path: p.Path, Version: p.Version, Document: string(p.Document)}, true
}

// dataVersion describes the embedded data for messages.
func dataVersion() string {
	info := iamdata.DataVersion()
	return fmt.Sprintf("service reference %s, managed policies %s", info.IAMDataVersion, info.ManagedPoliciesVersion)
}
