package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// planAssertion runs ModifyPlan on a plan whose attributes are null except
// those given.
func planAssertion(t *testing.T, attrs map[string]tftypes.Value) *resource.ModifyPlanResponse {
	t.Helper()
	ctx := context.Background()
	r := &assertionResource{}
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	typ := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
		if v, ok := attrs[name]; ok {
			vals[name] = v
		}
	}
	plan := tfsdk.Plan{Schema: sr.Schema, Raw: tftypes.NewValue(typ, vals)}
	resp := &resource.ModifyPlanResponse{Plan: plan}
	r.ModifyPlan(ctx, resource.ModifyPlanRequest{Plan: plan, Config: tfsdk.Config{Schema: sr.Schema, Raw: plan.Raw}}, resp)
	return resp
}

func strs(vs ...any) tftypes.Value {
	var out []tftypes.Value
	for _, v := range vs {
		out = append(out, tftypes.NewValue(tftypes.String, v))
	}
	return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, out)
}

// TestAssertionDeferredWarning: an assertion that cannot be decided at plan
// time says so with a warning naming the unknown input; one decided at plan
// time gives none.
func TestAssertionDeferredWarning(t *testing.T) {
	t.Parallel()
	allow := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	unknown := tftypes.UnknownValue
	for _, tc := range []struct {
		name  string
		attrs map[string]tftypes.Value
		want  string // "" : no warning
	}{
		{"all known", map[string]tftypes.Value{}, ""},
		{"unknown resource", map[string]tftypes.Value{"resource_arns": strs(unknown)}, "resource_arns[0] is known only after apply"},
		{"unknown principal", map[string]tftypes.Value{"principal_arn": tftypes.NewValue(tftypes.String, unknown)}, "principal_arn is known only after apply"},
		{"unknown policy", map[string]tftypes.Value{"identity_policies_json": strs(allow, unknown)}, "identity_policies_json[1] is known only after apply"},
		{"unknown action list", map[string]tftypes.Value{"action_names": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, unknown)}, "action_names is known only after apply"},
		{"unknown expect", map[string]tftypes.Value{"expect": tftypes.NewValue(tftypes.String, unknown)}, "expect is known only after apply"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			attrs := map[string]tftypes.Value{
				"principal_arn":          tftypes.NewValue(tftypes.String, "arn:aws:iam::111122223333:role/app"),
				"action_names":           strs("s3:GetObject"),
				"resource_arns":          strs("arn:aws:s3:::b/k"),
				"identity_policies_json": strs(allow),
				"expect":                 tftypes.NewValue(tftypes.String, "allowed"),
				"description":            tftypes.NewValue(tftypes.String, "app reads b"),
			}
			for k, v := range tc.attrs {
				attrs[k] = v
			}
			resp := planAssertion(t, attrs)
			if resp.Diagnostics.HasError() {
				t.Fatalf("errors: %v", resp.Diagnostics)
			}
			var warnings []string
			for _, d := range resp.Diagnostics.Warnings() {
				if d.Summary() == "Assertion Deferred to Apply" {
					warnings = append(warnings, d.Detail())
				}
			}
			switch {
			case tc.want == "" && len(warnings) > 0:
				t.Errorf("unexpected warning: %v", warnings)
			case tc.want != "" && (len(warnings) != 1 || !strings.Contains(warnings[0], tc.want)):
				t.Errorf("warnings %q, want one containing %q", warnings, tc.want)
			}
		})
	}
}
