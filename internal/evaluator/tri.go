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
	if t == TriFalse || u == TriFalse {
		return TriFalse
	}
	if t == TriTrue && u == TriTrue {
		return TriTrue
	}
	return TriUnknown
}

// Or is Kleene disjunction.
func (t Tri) Or(u Tri) Tri {
	if t == TriTrue || u == TriTrue {
		return TriTrue
	}
	if t == TriFalse && u == TriFalse {
		return TriFalse
	}
	return TriUnknown
}

// Not is Kleene negation.
func (t Tri) Not() Tri {
	switch t {
	case TriTrue:
		return TriFalse
	case TriFalse:
		return TriTrue
	}
	return TriUnknown
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
