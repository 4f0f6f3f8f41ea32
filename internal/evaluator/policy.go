package evaluator

// PolicyType says which kind of policy a document is; it decides which
// elements are allowed (GR-9), the size limit (GR-11) and how the document
// takes part in a decision (EV-2).
type PolicyType string

const (
	PolicyIdentity PolicyType = "identity" // inline or managed identity policy (user, group, role)
	PolicyResource PolicyType = "resource" // resource-based policy (bucket, queue, key, ...)
	PolicyTrust    PolicyType = "trust"    // role trust policy (resource policy of sts:AssumeRole*)
	PolicyBoundary PolicyType = "boundary" // permissions boundary
	PolicySCP      PolicyType = "scp"      // service control policy
	PolicyRCP      PolicyType = "rcp"      // resource control policy
	PolicySession  PolicyType = "session"  // session policy
	PolicyEndpoint PolicyType = "endpoint" // VPC endpoint policy
)

// SupportedPolicyTypes lists every PolicyType, in the order used by flags and docs.
func SupportedPolicyTypes() []PolicyType {
	return []PolicyType{PolicyIdentity, PolicyResource, PolicyTrust, PolicyBoundary, PolicySCP, PolicyRCP, PolicySession, PolicyEndpoint}
}

// Effect is a statement's Effect.
type Effect uint8

const (
	EffectAllow Effect = iota + 1
	EffectDeny
)

func (e Effect) String() string {
	switch e {
	case EffectAllow:
		return "Allow"
	case EffectDeny:
		return "Deny"
	}
	return "Invalid"
}

// Position locates an element of a policy document: a JSON pointer
// (RFC 6901) and the byte offset, line and column (1-based) of its first byte.
type Position struct {
	Pointer string
	Offset  int
	Line    int
	Column  int
}

// ValueKind is the JSON kind a scalar policy value was written as.
type ValueKind uint8

const (
	KindString ValueKind = iota
	KindNumber
	KindBool
)

// Value is a scalar from a policy document. Text holds the string, or the
// JSON text of a number or boolean (CO-18: they compare as their JSON text).
type Value struct {
	Text string
	Kind ValueKind
	Pos  Position
}

// Policy is a parsed policy document: the syntax tree the compiler and the
// validator work on. Parsing never evaluates anything.
type Policy struct {
	Type       PolicyType
	Version    string // "" when absent
	HasVersion bool
	ID         string
	HasID      bool
	Statements []Statement
	// Alternate is set when the document repeats a JSON key (GR-2): the tree
	// built with the first occurrence winning. The main tree keeps the last
	// occurrence, as encoding/json and JSON.parse do. Evaluation decides both
	// and answers unknown (ambiguous:GR-2) when they differ.
	Alternate *Policy
	// Size counts for GR-11: all bytes, and bytes other than JSON whitespace
	// outside strings (the lower bound), and outside and inside strings (the
	// minimum any reading could give).
	Size PolicySize
}

// PolicySize holds the character counts that size limits are checked against.
type PolicySize struct {
	Total           int // every character, whitespace included
	NoWhitespace    int // whitespace between JSON tokens removed
	NoAnyWhitespace int // all whitespace removed, inside strings too
}

// Statement is one statement of a policy.
type Statement struct {
	Index  int // 1-based position in the Statement array
	Sid    string
	HasSid bool
	Effect Effect
	// Principal and NotPrincipal are nil when the element is absent.
	Principal    *Principals
	NotPrincipal *Principals
	// Actions holds the Action or NotAction patterns; NotAction says which.
	Actions   []Value
	NotAction bool
	HasAction bool
	// Resources holds the Resource or NotResource patterns.
	Resources   []Value
	NotResource bool
	HasResource bool
	Conditions  []Condition
	Pos         Position
}

// Label is how results and messages name a statement: its Sid, or its
// 1-based index when it has none.
func (s *Statement) Label() string {
	if s.HasSid && s.Sid != "" {
		return s.Sid
	}
	return itoa(s.Index)
}

// Principals is a Principal or NotPrincipal element (PR-2).
type Principals struct {
	Wildcard      bool // the bare string "*"
	AWS           []Value
	Service       []Value
	Federated     []Value
	CanonicalUser []Value
	Pos           Position
}

// Condition is one (operator, key) pair of a Condition block with its values.
type Condition struct {
	Operator string   // as written
	Op       Operator // parsed; Op.Valid is false for an unknown operator (CO-17)
	Key      string   // as written
	KeyPos   Position
	Values   []Value
	// EmptyArray is true when the value was written as [] (CO-14).
	EmptyArray bool
	Pos        Position
}

func itoa(n int) string {
	if n >= 0 && n < 10 {
		return string(rune('0' + n))
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
