package evaluator

// Decision is the answer to a request, in AWS simulator words plus unknown
// and error (architecture.md, decision vocabulary).
type Decision string

const (
	Allowed      Decision = "allowed"
	ExplicitDeny Decision = "explicitDeny"
	ImplicitDeny Decision = "implicitDeny"
	// DecisionUnknown: the answer depends on a value known only after apply,
	// or on an ambiguity of AWS's documentation (AMB-1).
	DecisionUnknown Decision = "unknown"
	// DecisionError: the request or a policy it uses is invalid (EV-21).
	DecisionError Decision = "error"
)

// SupportedDecisions lists the five decisions.
func SupportedDecisions() []string {
	return []string{string(Allowed), string(ExplicitDeny), string(ImplicitDeny), string(DecisionUnknown), string(DecisionError)}
}

// Guardrail names, as used in Result.BlockedBy.
const (
	BlockedBySCP      = "scp"
	BlockedByRCP      = "rcp"
	BlockedByBoundary = "boundary"
	BlockedBySession  = "session"
	BlockedByVPCE     = "vpce"
	BlockedByResource = "resource"
	BlockedByIdentity = "identity"
)

// MatchedStatement names a statement that applied to the request.
type MatchedStatement struct {
	Policy     string     // policy name
	PolicyType PolicyType // identity, boundary, scp, ...
	Sid        string     // the Sid, or the 1-based index when it has none
	Effect     Effect
	// Level is the org level (0 = root) for SCP and RCP statements, else -1.
	Level int
	// Applies is TriTrue, or TriUnknown when the statement may apply.
	Applies Tri
	// Delegates is set on a resource-side Allow that names the caller only
	// through its account (a 12-digit ID or arn:...:root): it grants nothing
	// by itself but lets that account's IAM policies grant (EV-7, EV-9, EV-10).
	Delegates bool
}

// Result is a decision with its reasons.
type Result struct {
	Decision Decision
	// MatchedStatements are the statements that applied (or may apply).
	MatchedStatements []MatchedStatement
	// BlockedBy names the guardrails that stopped an otherwise granted request.
	BlockedBy []string
	// MissingContextKeys are keys a condition needed that the request lacks (CTX-1).
	MissingContextKeys []string
	// Unknowns names what an unknown decision depends on: unknown values
	// (ReasonValue: their Reason) and ambiguities (ReasonAmbiguous, printed
	// "ambiguous:RS-3").
	Unknowns []Reason
	// Possible lists the decisions still possible when Decision is unknown,
	// or implicitDeny with explicitDeny possible (PT-2).
	Possible []Decision
	// Notes are remarks that hold for the answer (ReasonCode
	// kms-grants-not-modelled, ReasonNote "EV-22: ...").
	Notes []Reason
	// Error explains a DecisionError (nil for every other decision).
	Error *DecideError
	// Findings are the validation errors behind a DecisionError (EV-21).
	Findings []Finding
}

// Reset empties r, keeping its buffers for reuse.
func (r *Result) Reset() {
	r.Decision = ""
	r.MatchedStatements = r.MatchedStatements[:0]
	r.BlockedBy = r.BlockedBy[:0]
	r.MissingContextKeys = r.MissingContextKeys[:0]
	r.Unknowns = r.Unknowns[:0]
	r.Possible = r.Possible[:0]
	r.Notes = r.Notes[:0]
	r.Error = nil
	r.Findings = r.Findings[:0]
}

// ErrorKind says where a DecisionError comes from.
type ErrorKind uint8

const (
	// ErrorInPolicy: a policy the request uses is invalid (EV-21); the
	// Result's Findings hold its errors.
	ErrorInPolicy ErrorKind = iota + 1
	// ErrorInRequest: the request itself is wrong (an unknown action, a
	// resource of the wrong type, a caller that cannot call the action:
	// AC-5, RS-10, EV-14): an input error of the question.
	ErrorInRequest
)

// DecideError explains a DecisionError (modelled on cedar-go's
// DiagnosticError): where it comes from and the message.
type DecideError struct {
	Kind    ErrorKind
	Message string
}

// Error returns the message ("" for a nil error, so that renderers of a
// result need not check).
func (e *DecideError) Error() string {
	if e == nil {
		return ""
	}
	return e.Message
}

// InRequest reports whether the error is in the request itself (false for
// nil).
func (e *DecideError) InRequest() bool { return e != nil && e.Kind == ErrorInRequest }
