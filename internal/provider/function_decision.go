package provider

import (
	"context"
	"errors"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

var _ function.Function = (*decisionFunction)(nil)

func newDecisionFunction() function.Function { return &decisionFunction{} }

// decisionFunction is provider::iamsim::decision: one decision from a
// principal's identity policies, for conditions and test assertions.
type decisionFunction struct{}

func (f *decisionFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "decision"
}

func (f *decisionFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Decides one action on one resource from identity policies",
		MarkdownDescription: "Returns the decision for `principal_arn` performing `action` on `resource` when its " +
			"identity-based policies are `identity_policies_json`: " + quotedList(supportedDecisions()[:4]) + ". " +
			"For boundaries, resource policies, SCPs, RCPs or context, use the `iamsim_decision` data source. " +
			"Functions see no provider configuration: principals need full ARNs, and the embedded AWS reference " +
			"data is used. Invalid input (a malformed principal, an invalid policy, an unknown action, a resource " +
			"of the wrong type) is an error.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "principal_arn", MarkdownDescription: descPrincipalARN},
			function.ListParameter{Name: "identity_policies_json", ElementType: stringType, MarkdownDescription: descIdentityPolicies},
			function.StringParameter{Name: "action", MarkdownDescription: "The action, as `service:Action`."},
			function.StringParameter{Name: "resource", MarkdownDescription: "The resource ARN, or `*` (matched literally, as AWS's policy simulator does)."},
		},
		Return: function.StringReturn{},
	}
}

func (f *decisionFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var principal, action, resource string
	var policies []string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &principal, &policies, &action, &resource))
	if resp.Error != nil {
		return
	}
	in := &queryInput{
		Principal: textInput{Path: path.Root("principal_arn"), Value: principal},
		Actions:   []textInput{{Path: path.Root("action"), Value: action}},
		Resources: []textInput{{Path: path.Root("resource"), Value: resource}},
	}
	for i, p := range policies {
		in.Identity = append(in.Identity, textInput{Path: path.Root("identity_policies_json").AtListIndex(i), Value: p})
	}
	ref := embeddedReferenceData()
	q, err := buildQuery(in, queryDefaults{Partition: "aws"}, ref)
	if err != nil {
		resp.Error = functionInputError(err)
		return
	}
	outs := q.decide()
	if res := outs[0].Result; res.Error != nil {
		resp.Error = function.NewFuncError(errorDetail(&outs[0]))
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, string(outs[0].Result.Decision)))
}

// functionInputError turns a buildQuery error into a function error on
// the argument it is about.
func functionInputError(err error) *function.FuncError {
	var ie *inputError
	if !errors.As(err, &ie) {
		return function.NewFuncError(err.Error())
	}
	arg := map[string]int64{"principal_arn": 0, "identity_policies_json": 1, "action": 2, "resource": 3, "policy_json": 0}
	root := ie.Path.String()
	if i := strings.IndexAny(root, "[."); i >= 0 {
		root = root[:i]
	}
	msg := ie.Summary + ": " + ie.Error()
	if i, ok := arg[root]; ok {
		return function.NewArgumentFuncError(i, msg)
	}
	return function.NewFuncError(msg)
}
