package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

var _ datasource.DataSourceWithConfigure = (*decisionDataSource)(nil)

func newDecisionDataSource() datasource.DataSource { return &decisionDataSource{} }

// decisionDataSource is iamsim_decision: the offline counterpart of the
// AWS provider's aws_iam_principal_policy_simulation.
type decisionDataSource struct{ configured }

type decisionDataSourceModel struct {
	decisionInputModel
	decisionOutputModel
}

func (d *decisionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_decision"
}

func (d *decisionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = decisionDataSourceSchema("Decides whether a principal may perform actions on resources, given its " +
		"identity policies, permissions boundary, session policy, the resource policy, SCPs, RCPs and a VPC endpoint " +
		"policy, the way AWS evaluates them. It is the offline counterpart of the AWS provider's " +
		"`aws_iam_principal_policy_simulation`: no credentials, no network, and it works on policies that do not " +
		"exist in AWS yet. When an input is known only after apply, Terraform reads the data source during apply.")
}

func (d *decisionDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.configure(req.ProviderData, &resp.Diagnostics)
}

func (d *decisionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m decisionDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	data := d.providerData()
	in, err := m.queryInput()
	if err != nil {
		addQueryError(&resp.Diagnostics, err)
		return
	}
	q, err := buildQuery(in, data.defaults, data.ref)
	if err != nil {
		addQueryError(&resp.Diagnostics, err)
		return
	}
	addPolicyWarnings(&resp.Diagnostics, q)
	outs := q.decide()
	addErrorOutcomes(&resp.Diagnostics, outs)
	if resp.Diagnostics.HasError() {
		return
	}
	// The state is the configuration plus the computed attributes; setting
	// them alone is cheaper than reflecting the whole model back.
	out := outputModel(outs)
	resp.State.Raw = req.Config.Raw.Copy()
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("all_allowed"), out.AllAllowed)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("results"), out.Results)...)
}

// addErrorOutcomes reports requests the engine could not answer because the
// request or a policy is invalid (EV-21).
func addErrorOutcomes(diags interface{ AddError(string, string) }, outs []outcome) {
	for i := range outs {
		if outs[i].Result.Decision == evaluator.DecisionError {
			diags.AddError("Invalid Request", errorDetail(&outs[i]))
		}
	}
}

// errorDetail explains an error outcome.
func errorDetail(o *outcome) string {
	msg := fmt.Sprintf("%s on %s: %s", o.Request.Action, resourceLabel(&o.Request), o.Result.Error.Error())
	if fs := formatFindings(o.Result.Findings, evaluator.SeverityError); fs != "" && len(o.Result.Findings) > 1 {
		msg += "\n" + fs
	}
	return msg
}

func resourceLabel(r *evaluator.Request) string {
	if r.ResourceUnknown != nil {
		return "(" + r.ResourceUnknown.Reason + ", known after apply)"
	}
	return r.Resource
}
