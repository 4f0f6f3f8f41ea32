package evaluator

// Unknown marks a value known only after apply (PT-1). Reason names what it
// depends on (a Terraform address such as aws_iam_role.web.arn, or a
// context key); Prefix is a known leading part of a string value, when
// Terraform's refinements or ARN synthesis give one (PT-4).
type Unknown struct {
	Reason string
	Prefix string
	// Symbol, when set, is the value's identity (a Terraform address such
	// as aws_kms_key.app.arn): two Unknowns with the same Symbol are the
	// same value, and SymbolText writes it into a policy's Resource
	// (symbol.go).
	Symbol string
	// Fresh says the value is the ARN of an object the plan creates, with
	// a known prefix (the ARN's head at least): two Fresh symbols with
	// different identities are different ARNs.
	Fresh bool
	// why is the engine's own reason for a value it derives (CTX-5's
	// aws:PrincipalArn of a service caller); see reasonOr.
	why Reason
}
