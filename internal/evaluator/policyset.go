package evaluator

// PolicyDoc is one policy document given to the engine: JSON text, or
// unknown (PT-5: "known after apply", never treated as empty).
type PolicyDoc struct {
	Name    string
	JSON    []byte
	Unknown *Unknown
	// ImpliedResource is Options.ImpliedResource for this document alone
	// (an ECR repository policy given as a PolicySet's Resource).
	ImpliedResource bool
	// Parsed, when set, is this document's JSON already parsed and
	// validated (ParseDocument): compiling the document as that type parses
	// nothing; its findings are those of ParseDocument's options.
	Parsed *ParsedPolicy
}

// PolicySet is every policy that can take part in a decision (EV-2).
// Which of them apply depends on the request's principal (EV-2 table).
type PolicySet struct {
	// Identity policies of the user (with its groups) or role.
	Identity []PolicyDoc
	// Boundaries are the statements of the one permissions boundary (EV-12);
	// empty means no boundary.
	Boundaries []PolicyDoc
	// Session policies (EV-11); HasSession says a session policy was passed
	// (an empty list with HasSession set means a session policy set that
	// grants nothing).
	Session    []PolicyDoc
	HasSession bool
	// Resource is the resource's own policy: bucket, queue, trust or key
	// policy. Nil when the resource has none.
	Resource *PolicyDoc
	// SCPs and RCPs hold one slice per org level, root first (EV-4, EV-5).
	SCPs [][]PolicyDoc
	RCPs [][]PolicyDoc
	// Endpoint holds the VPC endpoint policies when the call goes through an
	// endpoint (EV-6); empty means no endpoint.
	Endpoint []PolicyDoc
}
