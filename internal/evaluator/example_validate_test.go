package evaluator_test

import (
	"fmt"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Validate reports every problem with its rule id and position; errors are
// what IAM rejects (they make a simulation answer "error", EV-21).
func ExampleValidate() {
	doc := []byte(`{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "read-logs",
    "Effect": "Allow",
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::logs/${aws:username",
    "Condition": {"StringEquals": {"aws:PrincipalTag/team": "ops-*"}}
  }]
}`)
	findings := evaluator.Validate(doc, evaluator.PolicyIdentity, evaluator.Options{})
	for _, f := range findings {
		fmt.Println(f)
	}
	fmt.Println("has errors:", evaluator.HasErrors(findings))
	// Output:
	// 4:12: error GR-5: Sid "read-logs" contains '-'; IAM accepts only ASCII letters (A-Z, a-z) and digits (0-9) (/Statement/0/Sid)
	// 7:17: error VA-3: malformed policy variable "${aws:username" in Resource: it has no closing brace (/Statement/0/Resource)
	// 8:61: warning CO-6: StringEquals compares "ops-*" literally: * and ? are wildcards only in StringLike/StringNotLike; use StringLike if you meant a pattern (/Statement/0/Condition/StringEquals/aws:PrincipalTag~1team)
	// has errors: true
}
