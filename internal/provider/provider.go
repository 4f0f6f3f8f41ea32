// Package provider is the Terraform glue of iamsim: the provider, its data
// sources, resources and functions. The decisions themselves are made by
// internal/evaluator; this package converts Terraform values to engine
// requests and results back, and turns errors into diagnostics.
package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

var (
	_ provider.Provider              = (*iamsimProvider)(nil)
	_ provider.ProviderWithFunctions = (*iamsimProvider)(nil)
)

// New returns a provider factory for providerserver.Serve and tests.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &iamsimProvider{version: version} }
}

type iamsimProvider struct {
	version string
}

type iamsimProviderModel struct {
	AccountID               types.String `tfsdk:"account_id"`
	Partition               types.String `tfsdk:"partition"`
	ManagedPoliciesOverride types.String `tfsdk:"managed_policies_override"`
	ActionsOverride         types.String `tfsdk:"actions_override"`
}

// providerData is what Configure hands to data sources and resources.
type providerData struct {
	ref      *referenceData
	defaults queryDefaults
}

// defaultProviderData is used when Configure has not run (e.g. during
// validation) so that every component always has reference data.
func defaultProviderData() *providerData {
	return &providerData{ref: embeddedReferenceData(), defaults: queryDefaults{Partition: "aws"}}
}

func (p *iamsimProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "iamsim"
	resp.Version = p.version
}

func (p *iamsimProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Offline, exact AWS IAM access decisions for Terraform plans and tests. " +
			"No AWS credentials or network access are needed.",
		Attributes: map[string]schema.Attribute{
			"account_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "The default AWS account: it completes principals given without an account " +
					"(`role/NAME`, `user/NAME`, `root`, `arn:aws:iam:::role/NAME`) and owns resources whose ARN has no " +
					"account (S3) unless `resource_owner_account_id` says otherwise.",
				Validators: []validator.String{stringvalidator.RegexMatches(accountIDPattern, descResourceOwnerVal)},
			},
			"partition": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: enumDescription("The partition of completed principals and of AWS managed policies given by name. Defaults to `aws`.", supportedPartitions()),
				Validators:          []validator.String{stringvalidator.OneOf(supportedPartitions()...)},
			},
			"managed_policies_override": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Path of a JSON file that adds or replaces AWS managed policies of the embedded data: " +
					"`{\"policies\": [{\"arn\": \"arn:aws:iam::aws:policy/NAME\", \"version\": \"v3\", \"document\": {...}}]}`. " +
					"Use it when AWS has changed a policy since this provider was built.",
			},
			"actions_override": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Path of a JSON file that adds or replaces actions, resource types and condition keys " +
					"of the embedded AWS service reference (`{\"conditionKeys\": [...], \"resourceTypes\": [...], \"actions\": [...]}`). " +
					"Use it for actions AWS added after this provider was built.",
			},
		},
	}
}

func (p *iamsimProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg iamsimProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, a := range []struct {
		v    types.String
		name string
	}{{cfg.AccountID, "account_id"}, {cfg.Partition, "partition"}, {cfg.ManagedPoliciesOverride, "managed_policies_override"}, {cfg.ActionsOverride, "actions_override"}} {
		if a.v.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(a.name), "Unknown Provider Configuration",
				"The provider's "+a.name+" must be known at plan time: use a literal, a variable or a local value.")
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}

	data := defaultProviderData()
	data.defaults.AccountID = cfg.AccountID.ValueString()
	if v := cfg.Partition.ValueString(); v != "" {
		data.defaults.Partition = v
	}
	actions := readOverride(cfg.ActionsOverride, "actions_override", &resp.Diagnostics)
	managed := readOverride(cfg.ManagedPoliciesOverride, "managed_policies_override", &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if actions != nil || managed != nil {
		ref, err := loadReferenceData(actions, managed)
		if err != nil {
			resp.Diagnostics.AddError("Invalid Override File", err.Error())
			return
		}
		data.ref = ref
	}
	resp.DataSourceData = data
	resp.ResourceData = data
}

// readOverride reads an override file; nil when the attribute is unset.
func readOverride(v types.String, attr string, diags interface {
	AddAttributeError(path.Path, string, string)
}) []byte {
	if v.IsNull() || v.ValueString() == "" {
		return nil
	}
	b, err := iamdata.ReadOverrideFile(v.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root(attr), "Cannot Read Override File", err.Error())
		return nil
	}
	return b
}

func (p *iamsimProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		newDecisionDataSource,
		newPolicyValidationDataSource,
		newAWSManagedPolicyDataSource,
	}
}

func (p *iamsimProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		newAssertionResource,
	}
}

func (p *iamsimProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{
		newDecisionFunction,
		newValidatePolicyFunction,
	}
}

// configuredData extracts the provider data handed to a data source or
// resource; nil data (before Configure) gives the defaults.
func configuredData(v any) (*providerData, bool) {
	if v == nil {
		return defaultProviderData(), true
	}
	d, ok := v.(*providerData)
	return d, ok
}

// configured is the provider data a data source or resource was given by
// Configure; each of them embeds it.
type configured struct{ data *providerData }

// configure keeps the provider data Configure hands over (the defaults
// before the provider is configured); any other value is an error.
func (c *configured) configure(v any, diags *diag.Diagnostics) {
	data, ok := configuredData(v)
	if !ok {
		diags.AddError("Unexpected Provider Data", fmt.Sprintf("expected *providerData, got %T", v))
		return
	}
	c.data = data
}

// providerData is the data Configure gave, or the defaults before it ran.
func (c *configured) providerData() *providerData {
	if c.data == nil {
		return defaultProviderData()
	}
	return c.data
}
