package evaluator

// Tri is a strong-Kleene truth value (PT-2): TriTrue, TriFalse or Unknown.
type Tri uint8

const (
	TriFalse Tri = iota
	TriTrue
	TriUnknown
)

// TriOf converts a bool.
func TriOf(b bool) Tri {
	if b {
		return TriTrue
	}
	return TriFalse
}

// And is Kleene conjunction.
func (t Tri) And(u Tri) Tri {
	return triAnd[(t&3)<<2|u&3]
}

// Or is Kleene disjunction.
func (t Tri) Or(u Tri) Tri {
	return triOr[(t&3)<<2|u&3]
}

// triAnd and triOr are the Kleene tables, indexed by t<<2|u (the values
// are 0..2; index 3 of each row is never read), triNot by t.
var (
	triNot = [4]Tri{TriTrue, TriFalse, TriUnknown, TriUnknown}
	triAnd = [16]Tri{
		TriFalse, TriFalse, TriFalse, TriFalse,
		TriFalse, TriTrue, TriUnknown, TriFalse,
		TriFalse, TriUnknown, TriUnknown, TriFalse,
	}
	triOr = [16]Tri{
		TriFalse, TriTrue, TriUnknown, TriFalse,
		TriTrue, TriTrue, TriTrue, TriFalse,
		TriUnknown, TriTrue, TriUnknown, TriFalse,
	}
)

// Not is Kleene negation.
func (t Tri) Not() Tri {
	return triNot[t&3]
}

func (t Tri) String() string {
	switch t {
	case TriTrue:
		return "true"
	case TriFalse:
		return "false"
	}
	return "unknown"
}
