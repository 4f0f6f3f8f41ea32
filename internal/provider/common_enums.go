package provider

import (
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Expectations of an iamsim_assertion.
const (
	expectAllowed      = "allowed"
	expectDenied       = "denied" // any deny: explicit or implicit
	expectExplicitDeny = "explicitDeny"
	expectImplicitDeny = "implicitDeny"
)

func supportedExpectations() []string {
	return []string{expectAllowed, expectDenied, expectExplicitDeny, expectImplicitDeny}
}

// satisfies reports whether a decision meets an expectation. Unknown and
// error never do (fail closed).
func satisfies(expect string, d evaluator.Decision) bool {
	switch expect {
	case expectAllowed:
		return d == evaluator.Allowed
	case expectDenied:
		return d == evaluator.ExplicitDeny || d == evaluator.ImplicitDeny
	case expectExplicitDeny:
		return d == evaluator.ExplicitDeny
	case expectImplicitDeny:
		return d == evaluator.ImplicitDeny
	}
	return false
}

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
