package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = (*validatePolicyFunction)(nil)

var stringType = types.StringType

func newValidatePolicyFunction() function.Function { return &validatePolicyFunction{} }

// validatePolicyFunction is provider::iamsim::validate_policy: the findings
// of iamsim_policy_validation as a function.
type validatePolicyFunction struct{}

func (f *validatePolicyFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "validate_policy"
}

func (f *validatePolicyFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Validates a policy document and returns its findings",
		MarkdownDescription: "Validates `policy_json` offline, like IAM Access Analyzer's `ValidatePolicy`, and returns " +
			"the findings as a list of objects with `severity` (" + quotedList(supportedSeverities()) + "), `code`, " +
			"`message`, `pointer`, `line` and `column`. An empty list means no findings; a document IAM would " +
			"reject has at least one `error` finding. The optional second argument is the policy type (" +
			quotedList(supportedPolicyTypes()) + "), `identity` by default.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "policy_json", MarkdownDescription: "The policy document (JSON)."},
		},
		VariadicParameter: function.StringParameter{Name: "policy_type",
			MarkdownDescription: "The policy type, at most one: " + quotedList(supportedPolicyTypes()) + "."},
		Return: function.ListReturn{ElementType: findingObjectType},
	}
}

func (f *validatePolicyFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var doc string
	var types []string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &doc, &types))
	if resp.Error != nil {
		return
	}
	if len(types) > 1 {
		resp.Error = function.NewArgumentFuncError(2, fmt.Sprintf("at most one policy type, got %d", len(types)))
		return
	}
	typName := ""
	if len(types) == 1 {
		typName = types[0]
	}
	typ, ok := parsePolicyType(typName)
	if !ok {
		resp.Error = function.NewArgumentFuncError(1, fmt.Sprintf("policy type %q is not one of %s", typName, strings.Join(supportedPolicyTypes(), ", ")))
		return
	}
	fs := validatePolicy(embeddedReferenceData(), doc, typ)
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, findingModels(fs)))
}
