package tfplan

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

// TestDecodePlanAcceptsAsTfjson: checking planned_values instead of
// decoding it accepts and refuses the documents tfjson's decoding does.
func TestDecodePlanAcceptsAsTfjson(t *testing.T) {
	t.Parallel()
	res := func(r string) string {
		return `{"format_version":"1.2","resource_changes":[],"planned_values":{"root_module":{"resources":[` + r + `]}}}`
	}
	for name, doc := range map[string]string{
		"absent":              `{"format_version":"1.2","resource_changes":[]}`,
		"null":                `{"format_version":"1.2","planned_values":null}`,
		"empty":               `{"format_version":"1.2","planned_values":{}}`,
		"values":              res(`{"address":"a.b","mode":"managed","type":"a","name":"b","index":"k","values":{"x":[1,{"y":null}]},"sensitive_values":true}`),
		"values-null":         res(`{"values":null,"identity":null}`),
		"values-string":       res(`{"values":"x"}`),
		"values-list":         res(`{"values":[]}`),
		"identity-number":     res(`{"identity":1}`),
		"sensitive-any":       res(`{"sensitive_values":"x"}`),
		"schema-version-neg":  res(`{"schema_version":-1}`),
		"schema-version-str":  res(`{"schema_version":"1"}`),
		"tainted-string":      res(`{"tainted":"yes"}`),
		"depends-on-object":   res(`{"depends_on":{}}`),
		"resource-not-object": res(`1`),
		"resources-object":    `{"format_version":"1.2","planned_values":{"root_module":{"resources":{}}}}`,
		"child-modules":       `{"format_version":"1.2","planned_values":{"root_module":{"child_modules":[{"address":"module.m","resources":[{"values":{}}],"child_modules":[{"resources":[{"values":7}]}]}]}}}`,
		"outputs":             `{"format_version":"1.2","planned_values":{"outputs":{"o":{"sensitive":false,"value":[1],"type":["list","number"]}}}}`,
		"outputs-bad-type":    `{"format_version":"1.2","planned_values":{"outputs":{"o":{"type":"nonsense"}}}}`,
		"root-module-list":    `{"format_version":"1.2","planned_values":{"root_module":[]}}`,
		"case-folded-key":     `{"format_version":"1.2","Planned_Values":{"root_module":{"resources":[{"Values":"x"}]}}}`,
		"planned-values-list": `{"format_version":"1.2","planned_values":[]}`,
		"bad-version":         `{"format_version":"9.0","planned_values":{}}`,
		"change-sensitive":    `{"format_version":"1.2","resource_changes":[null,{"address":"a.b","change":null},{"address":"a.c","change":{"actions":["create"],"after":{"x":1},"after_unknown":{},"before_sensitive":false,"after_sensitive":{"x":[true]}}}]}`,
		"change-bad-actions":  `{"format_version":"1.2","resource_changes":[{"change":{"actions":"create","after_sensitive":"x"}}]}`,
		"change-list":         `{"format_version":"1.2","resource_changes":[{"change":[]}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var want tfjson.Plan
			wantErr := json.Unmarshal([]byte(doc), &want)
			got, err := decodePlan([]byte(doc))
			if (err == nil) != (wantErr == nil) {
				t.Fatalf("decodePlan(%s) error %v, tfjson's %v", doc, err, wantErr)
			}
			if err == nil && (got.PlannedValues == nil) != (want.PlannedValues == nil) {
				t.Errorf("decodePlan(%s).PlannedValues = %v, tfjson's %v", doc, got.PlannedValues, want.PlannedValues)
			}
			if err == nil && strings.Contains(doc, "resource_changes") && got.ResourceChanges == nil {
				t.Errorf("decodePlan(%s) lost the resource changes", doc)
			}
			if err == nil && len(got.ResourceChanges) == len(want.ResourceChanges) {
				for i, rc := range want.ResourceChanges {
					g := got.ResourceChanges[i]
					if (rc == nil) != (g == nil) || rc != nil && ((rc.Change == nil) != (g.Change == nil) || rc.Address != g.Address ||
						rc.Change != nil && !reflect.DeepEqual(rc.Change.After, g.Change.After)) {
						t.Errorf("decodePlan(%s).ResourceChanges[%d] = %+v, tfjson's %+v", doc, i, g, rc)
					}
				}
			} else if err == nil {
				t.Errorf("decodePlan(%s) has %d resource changes, tfjson %d", doc, len(got.ResourceChanges), len(want.ResourceChanges))
			}
		})
	}
}
