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
	if i < 0 || i > 5 {
		return ""
	}
	// as strings.SplitN(s, ":", 6)[i], without the slice: the access
	// matrix asks this for every principal a document names
	start, field := 0, ""
	for n := 0; n < 5; n++ {
		j := strings.IndexByte(s[start:], ':')
		if j < 0 {
			return ""
		}
		if n == i {
			field = s[start : start+j]
		}
		start += j + 1
	}
	if i == 5 {
		return s[start:]
	}
	return field
}
