package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// findingModel is one validation finding as data sources and functions
// return it.
type findingModel struct {
	Severity string `tfsdk:"severity"`
	Code     string `tfsdk:"code"`
	Message  string `tfsdk:"message"`
	Pointer  string `tfsdk:"pointer"`
	Line     int64  `tfsdk:"line"`
	Column   int64  `tfsdk:"column"`
}

var findingAttrTypes = map[string]attr.Type{
	"severity": types.StringType,
	"code":     types.StringType,
	"message":  types.StringType,
	"pointer":  types.StringType,
	"line":     types.Int64Type,
	"column":   types.Int64Type,
}

var findingObjectType = types.ObjectType{AttrTypes: findingAttrTypes}

const (
	descFindingSeverity = "How serious the finding is: `error` (IAM rejects the policy), `warning` (IAM accepts it, but it is almost certainly a mistake) or `suggestion`."
	descFindingCode     = "The rule the finding is about, e.g. `GR-5` or `AC-4`."
	descFindingMessage  = "What is wrong, in words."
	descFindingPointer  = "Where in the document, as a JSON pointer (RFC 6901), e.g. `/Statement/0/Action`; empty for the whole document."
	descFindingLine     = "The 1-based line of the element in `policy_json`."
	descFindingColumn   = "The 1-based column (in bytes) of the element in `policy_json`."
)

func findingModels(fs []evaluator.Finding) []findingModel {
	out := make([]findingModel, 0, len(fs))
	for _, f := range fs {
		out = append(out, findingModel{
			Severity: string(f.Severity), Code: f.Code, Message: f.Message,
			Pointer: f.Pointer, Line: int64(f.Line), Column: int64(f.Column),
		})
	}
	return out
}

// validatePolicy validates a document with the reference data.
func validatePolicy(ref *referenceData, doc string, typ evaluator.PolicyType) []evaluator.Finding {
	return evaluator.Validate([]byte(doc), typ, ref.options())
}

// parsePolicyType reads a policy type, "" meaning identity.
func parsePolicyType(s string) (evaluator.PolicyType, bool) {
	if s == "" {
		return evaluator.PolicyIdentity, true
	}
	for _, t := range evaluator.SupportedPolicyTypes() {
		if string(t) == s {
			return t, true
		}
	}
	return "", false
}
