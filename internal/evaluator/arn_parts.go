package evaluator

import "strings"

// IsAccountID reports whether s is an AWS account id: exactly twelve ASCII
// digits (PR-4).
func IsAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ARNField returns field i (0 = "arn", 1 = partition, 2 = service,
// 3 = region, 4 = account, 5 = resource) of an ARN, or "" when s does not
// have the six colon-separated fields of an ARN.
func ARNField(s string, i int) string {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || i < 0 || i > 5 {
		return ""
	}
	return parts[i]
}
