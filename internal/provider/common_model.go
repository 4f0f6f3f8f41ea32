package provider

import (
	"errors"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// decisionInputModel holds the inputs shared by iamsim_decision and
// iamsim_assertion. Lists stay framework values so that unknown elements
// can be told apart from known ones.
type decisionInputModel struct {
	PrincipalARN            types.String `tfsdk:"principal_arn"`
	ActionNames             types.List   `tfsdk:"action_names"`
	ResourceARNs            types.List   `tfsdk:"resource_arns"`
	ResourceOwnerAccountID  types.String `tfsdk:"resource_owner_account_id"`
	IdentityPoliciesJSON    types.List   `tfsdk:"identity_policies_json"`
	ManagedPolicyARNs       types.List   `tfsdk:"managed_policy_arns"`
	PermissionsBoundaryJSON types.String `tfsdk:"permissions_boundary_json"`
	SessionPolicyJSON       types.String `tfsdk:"session_policy_json"`
	ResourcePolicyJSON      types.String `tfsdk:"resource_policy_json"`
	ServiceControlPolicies  types.List   `tfsdk:"service_control_policies"`
	ResourceControlPolicies types.List   `tfsdk:"resource_control_policies"`
	VPCEndpointPolicyJSON   types.String `tfsdk:"vpc_endpoint_policy_json"`
	Context                 types.List   `tfsdk:"context"`
	PrincipalTags           types.Map    `tfsdk:"principal_tags"`
}

// decisionOutputModel holds the computed attributes shared by
// iamsim_decision and iamsim_assertion.
type decisionOutputModel struct {
	AllAllowed types.Bool `tfsdk:"all_allowed"`
	Results    types.List `tfsdk:"results"`
}

// queryInput converts the model. Unknown values become unknown inputs, or
// set Deferred when they hide the requests themselves.
func (m *decisionInputModel) queryInput() (*queryInput, error) {
	in := &queryInput{}
	deferOn := func(p path.Path) {
		if in.Deferred == "" {
			in.Deferred = p.String()
		}
	}

	var err error
	in.Principal = scalarInput(path.Root("principal_arn"), m.PrincipalARN)
	if in.Principal.Unknown {
		deferOn(in.Principal.Path)
	}
	if in.Actions, err = listInputs(path.Root("action_names"), m.ActionNames, deferOn, false); err != nil {
		return nil, err
	}
	for _, a := range in.Actions {
		if a.Unknown {
			deferOn(a.Path)
		}
	}
	if in.Resources, err = listInputs(path.Root("resource_arns"), m.ResourceARNs, deferOn, false); err != nil {
		return nil, err
	}
	in.ResourceOwner = optionalInput(path.Root("resource_owner_account_id"), m.ResourceOwnerAccountID)
	if in.Identity, err = listInputs(path.Root("identity_policies_json"), m.IdentityPoliciesJSON, deferOn, true); err != nil {
		return nil, err
	}
	if in.Managed, err = listInputs(path.Root("managed_policy_arns"), m.ManagedPolicyARNs, deferOn, true); err != nil {
		return nil, err
	}
	in.Boundary = optionalInput(path.Root("permissions_boundary_json"), m.PermissionsBoundaryJSON)
	in.Session = optionalInput(path.Root("session_policy_json"), m.SessionPolicyJSON)
	in.ResourcePolicy = optionalInput(path.Root("resource_policy_json"), m.ResourcePolicyJSON)
	in.Endpoint = optionalInput(path.Root("vpc_endpoint_policy_json"), m.VPCEndpointPolicyJSON)
	if in.SCPs, err = levelInputs(path.Root("service_control_policies"), m.ServiceControlPolicies, deferOn); err != nil {
		return nil, err
	}
	if in.RCPs, err = levelInputs(path.Root("resource_control_policies"), m.ResourceControlPolicies, deferOn); err != nil {
		return nil, err
	}

	tags := path.Root("principal_tags")
	switch {
	case m.PrincipalTags.IsUnknown():
		deferOn(tags)
	case !m.PrincipalTags.IsNull():
		in.TagsGiven = true
		elems := m.PrincipalTags.Elements()
		keys := make([]string, 0, len(elems))
		for k := range elems {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			v, ok := elems[k].(types.String)
			if !ok || v.IsNull() {
				return nil, fmt.Errorf("%s: the value of tag %q is null", tags, k)
			}
			in.Context = append(in.Context, contextInput{
				Path: tags.AtMapKey(k), Key: "aws:PrincipalTag/" + k, Type: contextString,
				Values: []string{v.ValueString()}, Unknown: v.IsUnknown(),
			})
		}
	}

	ctxPath := path.Root("context")
	switch {
	case m.Context.IsUnknown():
		deferOn(ctxPath)
	case !m.Context.IsNull():
		for i, e := range m.Context.Elements() {
			p := ctxPath.AtListIndex(i)
			obj, ok := e.(types.Object)
			if !ok || obj.IsUnknown() {
				deferOn(p)
				continue
			}
			attrs := obj.Attributes()
			key, _ := attrs["key"].(types.String)
			typ, _ := attrs["type"].(types.String)
			values, _ := attrs["values"].(types.List)
			if key.IsUnknown() || typ.IsUnknown() {
				deferOn(p)
				continue
			}
			c := contextInput{Path: p, Key: key.ValueString(), Type: typ.ValueString()}
			if values.IsUnknown() {
				c.Unknown = true
			} else {
				for j, v := range values.Elements() {
					s, _ := v.(types.String)
					switch {
					case s.IsUnknown():
						c.Unknown = true
					case s.IsNull():
						return nil, fmt.Errorf("%s: null value", p.AtName("values").AtListIndex(j))
					default:
						c.Values = append(c.Values, s.ValueString())
					}
				}
			}
			in.Context = append(in.Context, c)
		}
	}
	return in, nil
}

func scalarInput(p path.Path, v types.String) textInput {
	return textInput{Path: p, Value: v.ValueString(), Unknown: v.IsUnknown()}
}

// optionalInput is nil for a null value.
func optionalInput(p path.Path, v types.String) *textInput {
	if v.IsNull() {
		return nil
	}
	t := scalarInput(p, v)
	return &t
}

// listInputs converts a list of strings. An unknown list defers the
// question, or, for policy lists (unknownAsOne), stands for one unknown
// policy: any number of unknown documents can grant or deny no more than
// one unknown document can.
func listInputs(p path.Path, l types.List, deferOn func(path.Path), unknownAsOne bool) ([]textInput, error) {
	if l.IsNull() {
		return nil, nil
	}
	if l.IsUnknown() {
		if unknownAsOne {
			return []textInput{{Path: p, Unknown: true}}, nil
		}
		deferOn(p)
		return nil, nil
	}
	var out []textInput
	for i, e := range l.Elements() {
		s, ok := e.(types.String)
		if !ok {
			return nil, fmt.Errorf("%s: not a string", p.AtListIndex(i))
		}
		if s.IsNull() {
			return nil, fmt.Errorf("%s: null value", p.AtListIndex(i))
		}
		out = append(out, scalarInput(p.AtListIndex(i), s))
	}
	return out, nil
}

// levelInputs converts service_control_policies or resource_control_policies blocks.
func levelInputs(p path.Path, l types.List, deferOn func(path.Path)) ([][]textInput, error) {
	if l.IsNull() {
		return nil, nil
	}
	if l.IsUnknown() {
		// An unknown number of levels with unknown documents: one unknown
		// level denies or allows as much as any number of them.
		return [][]textInput{{{Path: p, Unknown: true}}}, nil
	}
	var out [][]textInput
	for i, e := range l.Elements() {
		lp := p.AtListIndex(i)
		obj, ok := e.(types.Object)
		if !ok || obj.IsUnknown() {
			out = append(out, []textInput{{Path: lp, Unknown: true}})
			continue
		}
		docs, _ := obj.Attributes()["policies_json"].(types.List)
		level, err := listInputs(lp.AtName("policies_json"), docs, deferOn, true)
		if err != nil {
			return nil, err
		}
		if level == nil {
			level = []textInput{}
		}
		out = append(out, level)
	}
	return out, nil
}

// addQueryError reports an error of buildQuery as a diagnostic.
func addQueryError(diags *diag.Diagnostics, err error) {
	var ie *inputError
	if errors.As(err, &ie) {
		diags.AddAttributeError(ie.Path, ie.Summary, ie.Err.Error())
		return
	}
	diags.AddError("Invalid Configuration", err.Error())
}

// addPolicyWarnings reports validation warnings of inline policies.
func addPolicyWarnings(diags *diag.Diagnostics, q *query) {
	for _, w := range q.warnings {
		diags.AddAttributeWarning(w.Path, "Policy Warning", formatFindings(w.Findings, evaluator.SeverityWarning))
	}
}

// outputModel builds the computed attributes from the outcomes.
func outputModel(outs []outcome) decisionOutputModel {
	all := len(outs) > 0
	for i := range outs {
		if outs[i].Result.Decision != evaluator.Allowed {
			all = false
		}
	}
	return decisionOutputModel{AllAllowed: types.BoolValue(all), Results: resultsValue(outs)}
}

// unknownOutputModel is the plan of the computed attributes when the
// answer is known only at apply.
func unknownOutputModel() decisionOutputModel {
	return decisionOutputModel{AllAllowed: types.BoolUnknown(), Results: types.ListUnknown(resultObjectType)}
}
