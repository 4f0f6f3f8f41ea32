package tfplan

import (
	"encoding/json"
	"fmt"

	tfjson "github.com/hashicorp/terraform-json"
)

// planscan reads the resource changes (not their sensitivity trees), the
// prior state and the configuration; never planned_values, which is close to half of a plan
// (3.2 MB of plan-4600's 7 MB, every attribute value of every resource
// again). decodePlan checks planned_values with these types instead of
// decoding it into tfjson's: they accept exactly the documents tfjson's
// types accept (the same fields and tags; an attribute or identity map
// must be a JSON object or null), without building the values (issue 8).
// The returned plan's PlannedValues is then empty, and nil as before when
// the section is absent or null.

// rawPlan is tfjson.Plan without its UnmarshalJSON method.
type rawPlan tfjson.Plan

// planDecoding is tfjson.Plan with planned_values checked, not decoded: the
// outer field dominates the embedded one of the same JSON name.
type planDecoding struct {
	rawPlan
	PlannedValues   *plannedValuesCheck     `json:"planned_values,omitempty"`
	ResourceChanges []*resourceChangeDecode `json:"resource_changes,omitempty"`
}

// resourceChangeDecode is tfjson.ResourceChange whose change leaves the
// sensitivity trees (any JSON value for tfjson too) undecoded: planscan
// never reads them (after_sensitive is 350 KB of plan-4600's resource
// changes).
type resourceChangeDecode struct {
	tfjson.ResourceChange
	Change *changeDecode `json:"change,omitempty"`
}

type changeDecode struct {
	tfjson.Change
	BeforeSensitive anyJSON `json:"before_sensitive,omitempty"`
	AfterSensitive  anyJSON `json:"after_sensitive,omitempty"`
}

type plannedValuesCheck struct {
	tfjson.StateValues
	RootModule *plannedModuleCheck `json:"root_module,omitempty"`
}

type plannedModuleCheck struct {
	tfjson.StateModule
	Resources    []*plannedResourceCheck `json:"resources,omitempty"`
	ChildModules []*plannedModuleCheck   `json:"child_modules,omitempty"`
}

type plannedResourceCheck struct {
	tfjson.StateResource
	AttributeValues objectOrNull `json:"values,omitempty"`
	SensitiveValues anyJSON      `json:"sensitive_values,omitempty"`
	IdentityValues  objectOrNull `json:"identity,omitempty"`
}

// objectOrNull accepts what a map[string]interface{} field accepts.
type objectOrNull struct{}

func (*objectOrNull) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && (b[0] == '{' || b[0] == 'n') {
		return nil
	}
	return fmt.Errorf("a JSON object or null expected")
}

// anyJSON accepts what a json.RawMessage field accepts: any value.
type anyJSON struct{}

func (*anyJSON) UnmarshalJSON([]byte) error { return nil }

// decodePlan decodes a plan in one pass over data: json.Unmarshal into
// tfjson's types without tfjson's own UnmarshalJSON, which decodes again
// with a Decoder that copies the document into its growing buffer and
// stops after the first value (issue 8), and with planned_values checked
// only. It accepts what tfjson's decoding accepts, and refuses anything
// after the object as json.Unmarshal does, so that checkShape can read the
// document as valid JSON; tfjson's version check runs after it.
func decodePlan(data []byte) (*tfjson.Plan, error) {
	var d planDecoding
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, err
	}
	plan := tfjson.Plan(d.rawPlan)
	if d.PlannedValues != nil {
		plan.PlannedValues = &tfjson.StateValues{}
	}
	if d.ResourceChanges != nil {
		plan.ResourceChanges = make([]*tfjson.ResourceChange, len(d.ResourceChanges))
		for i, rc := range d.ResourceChanges {
			if rc == nil {
				continue
			}
			if rc.Change != nil {
				rc.ResourceChange.Change = &rc.Change.Change
			}
			plan.ResourceChanges[i] = &rc.ResourceChange
		}
	}
	if err := plan.Validate(); err != nil {
		return nil, err
	}
	return &plan, nil
}
