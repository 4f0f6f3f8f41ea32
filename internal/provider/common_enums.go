package provider

import (
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// supportedExpectations are the values of an iamsim_assertion's expect
// (held over every context, issue 9).
func supportedExpectations() []string { return evaluator.SupportedContextExpectations() }

// Context value types, as in the AWS provider's
// aws_iam_principal_policy_simulation and the IAM SimulatePrincipalPolicy API.
const (
	contextString      = "string"
	contextStringList  = "stringList"
	contextNumeric     = "numeric"
	contextNumericList = "numericList"
	contextBoolean     = "boolean"
	contextBooleanList = "booleanList"
	contextIP          = "ip"
	contextIPList      = "ipList"
	contextBinary      = "binary"
	contextBinaryList  = "binaryList"
	contextDate        = "date"
	contextDateList    = "dateList"
)

func supportedContextTypes() []string {
	return []string{
		contextString, contextStringList, contextNumeric, contextNumericList,
		contextBoolean, contextBooleanList, contextIP, contextIPList,
		contextBinary, contextBinaryList, contextDate, contextDateList,
	}
}

// isListContextType says whether a context type is a list (multivalued key).
func isListContextType(t string) bool { return strings.HasSuffix(t, "List") }

func supportedPolicyTypes() []string {
	var out []string
	for _, t := range evaluator.SupportedPolicyTypes() {
		out = append(out, string(t))
	}
	return out
}

func supportedPartitions() []string {
	return []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}
}

func supportedDecisions() []string { return evaluator.SupportedDecisions() }

func supportedSeverities() []string {
	return []string{string(evaluator.SeverityError), string(evaluator.SeverityWarning), string(evaluator.SeveritySuggestion)}
}

// quotedList renders values as `a`, `b`, `c` for Markdown descriptions.
func quotedList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	return strings.Join(q, ", ")
}
