package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

var _ datasource.DataSourceWithConfigure = (*policyValidationDataSource)(nil)

func newPolicyValidationDataSource() datasource.DataSource { return &policyValidationDataSource{} }

// policyValidationDataSource is iamsim_policy_validation: an offline
// counterpart of IAM Access Analyzer's ValidatePolicy.
type policyValidationDataSource struct{ configured }

type policyValidationModel struct {
	PolicyJSON types.String `tfsdk:"policy_json"`
	PolicyType types.String `tfsdk:"policy_type"`
	Valid      types.Bool   `tfsdk:"valid"`
	Findings   types.List   `tfsdk:"findings"`
}

func (d *policyValidationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_policy_validation"
}

func (d *policyValidationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Validates a policy document offline, like IAM Access Analyzer's `ValidatePolicy`: " +
			"grammar errors IAM rejects, unknown actions and services, misused condition operators, size limits and " +
			"other likely mistakes, each with its position in the document. An invalid document is not an error of " +
			"the data source: `valid` is false and `findings` say why, so it fits preconditions and `terraform test` " +
			"assertions.",
		Attributes: map[string]schema.Attribute{
			"policy_json": schema.StringAttribute{Required: true, MarkdownDescription: "The policy document (JSON)."},
			"policy_type": schema.StringAttribute{Optional: true, Computed: true,
				MarkdownDescription: enumDescription("Which kind of policy the document is; it decides which elements are allowed and the size limit. Defaults to `identity`.", supportedPolicyTypes()),
				Validators:          []validator.String{stringvalidator.OneOf(supportedPolicyTypes()...)}},
			"valid": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the document has no `error` finding, so IAM would accept it."},
			"findings": schema.ListNestedAttribute{Computed: true,
				MarkdownDescription: "The findings, in document order.",
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"severity": schema.StringAttribute{Computed: true, MarkdownDescription: descFindingSeverity},
					"code":     schema.StringAttribute{Computed: true, MarkdownDescription: descFindingCode},
					"message":  schema.StringAttribute{Computed: true, MarkdownDescription: descFindingMessage},
					"pointer":  schema.StringAttribute{Computed: true, MarkdownDescription: descFindingPointer},
					"line":     schema.Int64Attribute{Computed: true, MarkdownDescription: descFindingLine},
					"column":   schema.Int64Attribute{Computed: true, MarkdownDescription: descFindingColumn},
				}}},
		},
	}
}

func (d *policyValidationDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.configure(req.ProviderData, &resp.Diagnostics)
}

func (d *policyValidationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m policyValidationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	typ, ok := parsePolicyType(m.PolicyType.ValueString())
	if !ok {
		resp.Diagnostics.AddAttributeError(path.Root("policy_type"), "Invalid Policy Type",
			fmt.Sprintf("%q is not one of %v", m.PolicyType.ValueString(), supportedPolicyTypes()))
		return
	}
	data := d.providerData()
	fs := validatePolicy(data.ref, m.PolicyJSON.ValueString(), typ)
	list, diags := types.ListValueFrom(ctx, findingObjectType, findingModels(fs))
	resp.Diagnostics.Append(diags...)
	m.PolicyType = types.StringValue(string(typ))
	m.Valid = types.BoolValue(!evaluator.HasErrors(fs))
	m.Findings = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
