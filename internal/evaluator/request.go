package evaluator

// Request is one authorization question: can Principal perform Action on
// Resource (EV-0)?
type Request struct {
	Principal Principal
	Action    string // service:Action, case-insensitive (AC-1)
	// Resource is an ARN, or "*" matched literally (RS-0, RS-9).
	Resource        string
	ResourceUnknown *Unknown // set when the resource ARN is known only after apply
	// ResourceAccount is RA. When empty it defaults to the resource ARN's
	// account field, else to the principal's account: a resource that
	// carries no account ("*", an S3 ARN) is then in the caller's account
	// even when that account is unknown (PT-6). Set ResourceAccount or
	// ResourceAccountUnknown when the resource lives elsewhere.
	ResourceAccount        string
	ResourceAccountUnknown *Unknown
	// ResourceManagementAccount says RA is the org's management account (EV-4).
	ResourceManagementAccount bool
	// ViaEndpoint says the call goes through a VPC endpoint; implied when the
	// policy set has endpoint policies.
	ViaEndpoint bool
	// AWSManagedKMSKey marks a KMS key that AWS manages (exempt from RCPs, EV-4).
	AWSManagedKMSKey bool
	// UnknownKMSGrants declares that KMS grants may exist (EV-15).
	UnknownKMSGrants bool
	Context          Context
}
