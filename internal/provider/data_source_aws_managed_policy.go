package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSourceWithConfigure        = (*awsManagedPolicyDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*awsManagedPolicyDataSource)(nil)
)

func newAWSManagedPolicyDataSource() datasource.DataSource { return &awsManagedPolicyDataSource{} }

// awsManagedPolicyDataSource is iamsim_aws_managed_policy: an AWS managed
// policy from the data embedded in the provider.
type awsManagedPolicyDataSource struct{ configured }

type awsManagedPolicyModel struct {
	Name       types.String `tfsdk:"name"`
	ARN        types.String `tfsdk:"arn"`
	Path       types.String `tfsdk:"path"`
	PolicyJSON types.String `tfsdk:"policy_json"`
	Version    types.String `tfsdk:"version"`
}

func (d *awsManagedPolicyDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_aws_managed_policy"
}

func (d *awsManagedPolicyDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up an AWS managed policy in the data embedded in the provider (the default version " +
			"of each policy when the provider was built; the provider's `managed_policies_override` can add newer " +
			"ones). Unlike the AWS provider's `aws_iam_policy`, it needs no credentials.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "The policy name, e.g. `ReadOnlyAccess`, or path and name, e.g. `service-role/AWSLambdaBasicExecutionRole`. Exactly one of `name` and `arn` must be set."},
			"arn": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: "The policy ARN, e.g. `arn:aws:iam::aws:policy/ReadOnlyAccess`, in any partition. When looked up by name, the ARN is in the provider's `partition`."},
			"path":        schema.StringAttribute{Computed: true, MarkdownDescription: "The policy path, e.g. `/service-role/`."},
			"policy_json": schema.StringAttribute{Computed: true, MarkdownDescription: "The policy document of the default version (minified JSON)."},
			"version":     schema.StringAttribute{Computed: true, MarkdownDescription: "The default version id, e.g. `v12`."},
		},
	}
}

func (d *awsManagedPolicyDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("name"), path.MatchRoot("arn")),
	}
}

func (d *awsManagedPolicyDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.configure(req.ProviderData, &resp.Diagnostics)
}

func (d *awsManagedPolicyDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m awsManagedPolicyModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	data := d.providerData()
	ref, attr := m.Name.ValueString(), path.Root("name")
	if !m.ARN.IsNull() {
		ref, attr = m.ARN.ValueString(), path.Root("arn")
	}
	p, ok := data.ref.managedPolicy(ref, data.defaults.Partition)
	if !ok {
		resp.Diagnostics.AddAttributeError(attr, "Unknown AWS Managed Policy",
			fmt.Sprintf("%q is not an AWS managed policy in the embedded data (%s).", ref, dataVersion()))
		return
	}
	// A configured name or ARN stays as written (Terraform requires it).
	if m.Name.IsNull() {
		m.Name = types.StringValue(p.Name)
	}
	if m.ARN.IsNull() {
		m.ARN = types.StringValue(p.ARN)
	}
	m.Path = types.StringValue(p.Path)
	m.PolicyJSON = types.StringValue(p.Document)
	m.Version = types.StringValue(p.Version)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
