package provider

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ resource.ResourceWithConfigure  = (*assertionResource)(nil)
	_ resource.ResourceWithModifyPlan = (*assertionResource)(nil)
)

func newAssertionResource() resource.Resource { return &assertionResource{} }

// assertionResource is iamsim_assertion: a decision that must come out as
// expected. It is checked during plan when every input is known, else
// during apply, before the resources that depend on it.
type assertionResource struct{ configured }

type assertionResourceModel struct {
	ID          types.String `tfsdk:"id"`
	Expect      types.String `tfsdk:"expect"`
	Description types.String `tfsdk:"description"`
	decisionInputModel
	decisionOutputModel
}

func (r *assertionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_assertion"
}

func (r *assertionResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs, blocks := decisionResourceAttributes()
	attrs["id"] = schema.StringAttribute{
		Computed:            true,
		MarkdownDescription: "A random identifier of the assertion, set when it is first created.",
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
	attrs["expect"] = schema.StringAttribute{
		Required: true,
		MarkdownDescription: enumDescription("What every (action, resource) pair must be, over every value of the "+
			"context keys that `context` and `principal_tags` do not pin: `allowed` for every such context; `denied` "+
			"(an explicit or implicit deny) for every such context; `explicitDeny` or `implicitDeny` for every such "+
			"context; or `possible`, allowed for some context. A violation names the context that breaks it. An "+
			"`unknown` decision, a request that is invalid, or an answer that a bound of the enumeration leaves "+
			"open never satisfies an expectation.", supportedExpectations()),
		Validators: []validator.String{stringvalidator.OneOf(supportedExpectations()...)},
	}
	attrs["description"] = schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: "What the assertion protects, in words. Error messages name the assertion by it.",
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Asserts that a principal is allowed, or denied, some actions on some resources, with the " +
			"same inputs as the `iamsim_decision` data source. When every input is known at plan time, a violation " +
			"fails `terraform plan`, so nothing is applied. When an input is known only after apply (an ARN or a " +
			"policy of a resource being created), the assertion is checked when it is created or updated during " +
			"apply; resources that list it in `depends_on` are then applied only if it holds. A change of any " +
			"input checks the assertion again. The state keeps the results, so `terraform show` displays them.",
		Attributes: attrs,
		Blocks:     blocks,
	}
}

func (r *assertionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.configure(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan checks the assertion at plan time. With every input known it
// either fails the plan or plans the results; with unknown inputs it fails
// the plan only on violations that no unknown value can change, and leaves
// the results to apply.
func (r *assertionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return // destroy: nothing to check
	}
	var m assertionResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	planUnknown := func() {
		resp.Diagnostics.Append(setPlannedOutput(ctx, &resp.Plan, unknownOutputModel())...)
	}
	if m.Expect.IsUnknown() || m.Description.IsUnknown() {
		name := "expect"
		if !m.Expect.IsUnknown() {
			name = "description"
		}
		addDeferredWarning(&resp.Diagnostics, "", []string{name})
		planUnknown()
		return
	}
	in, err := m.queryInput()
	if err != nil {
		addQueryError(&resp.Diagnostics, err)
		return
	}
	if in.Deferred != "" {
		addDeferredWarning(&resp.Diagnostics, m.Description.ValueString(), unknownInputs(in))
		planUnknown()
		return
	}
	data := r.providerData()
	q, err := buildQuery(in, data.defaults, data.ref)
	if err != nil {
		addQueryError(&resp.Diagnostics, err)
		return
	}
	addPolicyWarnings(&resp.Diagnostics, q)
	expect := m.Expect.ValueString()
	qouts := q.quantify(expect)
	if in.hasUnknown() {
		// Known decisions stay the same whatever the unknown values turn out
		// to be (PT-3), so a context that breaks the expectation with a
		// known decision fails the plan already.
		if v := contextViolations(qouts, true); len(v) > 0 {
			resp.Diagnostics.AddError("Assertion Failed", q.contextViolationMessage(m.Description.ValueString(), expect, v, len(qouts)))
			return
		}
		addDeferredWarning(&resp.Diagnostics, m.Description.ValueString(), unknownInputs(in))
		planUnknown()
		return
	}
	if v := contextViolations(qouts, false); len(v) > 0 {
		resp.Diagnostics.AddError("Assertion Failed", q.contextViolationMessage(m.Description.ValueString(), expect, v, len(qouts)))
		return
	}
	resp.Diagnostics.Append(setPlannedOutput(ctx, &resp.Plan, outputModel(q.decide()))...)
}

func setPlannedOutput(ctx context.Context, plan interface {
	SetAttribute(context.Context, path.Path, interface{}) diag.Diagnostics
}, out decisionOutputModel) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.Append(plan.SetAttribute(ctx, path.Root("all_allowed"), out.AllAllowed)...)
	diags.Append(plan.SetAttribute(ctx, path.Root("results"), out.Results)...)
	return diags
}

func (r *assertionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m assertionResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		resp.Diagnostics.AddError("Cannot Create Identifier", err.Error())
		return
	}
	m.ID = types.StringValue(hex.EncodeToString(b[:]))
	if !r.check(ctx, &m, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Read keeps the state: the assertion has no remote object, and it is
// checked again on every plan.
func (r *assertionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
}

func (r *assertionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m assertionResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// On a violation the prior state stays, so the next plan checks again.
	if !r.check(ctx, &m, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

func (r *assertionResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

// check decides the assertion with every input known (during apply) and
// fills the results; it reports whether the assertion holds.
func (r *assertionResource) check(ctx context.Context, m *assertionResourceModel, diags *diag.Diagnostics) bool {
	in, err := m.queryInput()
	if err != nil {
		addQueryError(diags, err)
		return false
	}
	if in.hasUnknown() {
		diags.AddError("Unknown Assertion Input", fmt.Sprintf("%s is still unknown during apply.", firstUnknown(in)))
		return false
	}
	data := r.providerData()
	q, err := buildQuery(in, data.defaults, data.ref)
	if err != nil {
		addQueryError(diags, err)
		return false
	}
	expect := m.Expect.ValueString()
	qouts := q.quantify(expect)
	if v := contextViolations(qouts, false); len(v) > 0 {
		diags.AddError("Assertion Failed", q.contextViolationMessage(m.Description.ValueString(), expect, v, len(qouts)))
		return false
	}
	m.decisionOutputModel = outputModel(q.decide())
	return true
}

// firstUnknown names an unknown input for messages.
func firstUnknown(in *queryInput) string {
	if names := unknownInputs(in); len(names) > 0 {
		return names[0]
	}
	return "an input"
}
