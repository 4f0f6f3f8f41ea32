package evaluator

// Unknown marks a value known only after apply (PT-1). Reason names what it
// depends on (a Terraform address such as aws_iam_role.web.arn, or a
// context key); Prefix is a known leading part of a string value, when
// Terraform's refinements or ARN synthesis give one (PT-4).
type Unknown struct {
	Reason string
	Prefix string
	// Symbol, when set, names the part of the value after Prefix that is
	// generated at apply (a KMS key id, the unique suffix of a
	// bucket_prefix), by the Terraform address of the object it belongs
	// to: two Unknowns with the same Symbol have the same text after
	// their prefixes. SymbolText writes it into a policy's Resource
	// (symbol.go).
	Symbol string
	// Fresh says the generated part is unique to its object (AWS or
	// Terraform makes it unique): two Fresh symbols of different objects
	// never have the same text.
	Fresh bool
	// Suffix, with Symbol, is known text that follows the generated part
	// (an object key after a bucket's ARN: "${aws_s3_bucket.b.arn}/key");
	// the value is Prefix, the generated part, then Suffix.
	Suffix string
	// why is the engine's own reason for a value it derives (CTX-5's
	// aws:PrincipalArn of a service caller); see reasonOr.
	why Reason
}
