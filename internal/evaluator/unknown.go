package evaluator

// Unknown marks a value known only after apply (PT-1). Reason names what it
// depends on (a Terraform address such as aws_iam_role.web.arn, or a
// context key); Prefix is a known leading part of a string value, when
// Terraform's refinements or ARN synthesis give one (PT-4).
type Unknown struct {
	Reason string
	Prefix string
	// why is the engine's own reason for a value it derives (CTX-5's
	// aws:PrincipalArn of a service caller); see reasonOr.
	why Reason
}
