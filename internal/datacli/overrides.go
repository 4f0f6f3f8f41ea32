package datacli

import (
	"fmt"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

// Overrides names the user override files; empty names are skipped.
type Overrides struct {
	Actions         string // --actions-override: see iamdata.Catalog.WithActions
	ManagedPolicies string // --managed-policies-override: see iamdata.Catalog.WithManagedPolicies
}

// Catalog returns the embedded catalog with the overrides applied. Errors
// name the file: "actions override x.json: invalid override: ...".
func (o Overrides) Catalog() (*iamdata.Catalog, error) {
	cat := iamdata.Default()
	if o.Actions != "" {
		data, err := iamdata.ReadOverrideFile(o.Actions)
		if err != nil {
			return nil, fmt.Errorf("actions override: %w", err)
		}
		if cat, err = cat.WithActions(data); err != nil {
			return nil, fmt.Errorf("actions override %s: %w", o.Actions, err)
		}
	}
	if o.ManagedPolicies != "" {
		data, err := iamdata.ReadOverrideFile(o.ManagedPolicies)
		if err != nil {
			return nil, fmt.Errorf("managed policies override: %w", err)
		}
		if cat, err = cat.WithManagedPolicies(data); err != nil {
			return nil, fmt.Errorf("managed policies override %s: %w", o.ManagedPolicies, err)
		}
	}
	return cat, nil
}
