package evaluator

import (
	"sort"
	"strings"
)

// ReasonKind says what a Reason is. Reasons are what an unknown decision
// depends on (Result.Unknowns, Quantified.Unknowns) and the remarks that
// hold for an answer (Result.Notes); the kind keeps the caller's names of
// values (Terraform addresses) apart from the engine's codes and prose.
type ReasonKind uint8

const (
	// ReasonValue: a value known only after apply that the caller named
	// (Unknown.Reason: a Terraform address such as aws_iam_role.web.arn, a
	// context key). Prints Ref as given.
	ReasonValue ReasonKind = iota + 1
	// ReasonInput: an input known only after apply that the caller did not
	// name. Prints Ref, the engine's name for it: resource,
	// resource-account, unknown-context-value, kms-grants (EV-15), or the
	// context key the engine could not derive (aws:PrincipalArn).
	ReasonInput
	// ReasonPrincipal: what matching the principal depends on and the
	// request does not say. Prints "principal", or "principal:" followed by
	// Rule (PR-8, PR-10) or Ref (session-name, federated-provider).
	ReasonPrincipal
	// ReasonPolicy: a policy known only after apply that the caller did not
	// name. Prints "policy:" + Ref, the policy's name.
	ReasonPolicy
	// ReasonAmbiguous: AWS's documentation leaves the answer open (AMB-1).
	// Prints "ambiguous:" + Rule.
	ReasonAmbiguous
	// ReasonInvalid: a condition the engine cannot evaluate (an operator
	// name IAM does not have, CO-17). Prints "invalid:" + Rule.
	ReasonInvalid
	// ReasonLimit: a work limit of the engine was reached (a wildcard
	// pattern too costly to match exactly). Prints "limit:" + Ref.
	ReasonLimit
	// ReasonBound: a bound of context quantification made the enumeration
	// incomplete. Prints "bound:" + Ref: contexts, "variable KEY", or why a
	// key's representative values may miss a class.
	ReasonBound
	// ReasonCode: a remark with a stable code (kms-grants-not-modelled,
	// no-trust-policy-given, no-key-policy-given). Prints Ref.
	ReasonCode
	// ReasonNote: a remark in prose. Prints "Rule: Ref" when it cites a
	// rule (EV-22, EV-15), else Ref.
	ReasonNote
)

// Reason is one typed reason or remark (modelled on cedar-go's
// DiagnosticReason). Rule is the semantics rule id it rests on, if any
// (iam-semantics.md: CO-5, PR-10, EV-22); Ref is what it names: the
// caller's name of a value, a policy or key, a code, or prose. String
// prints the text planscan, the provider and planscan eval have always
// printed for it. The zero Reason is "no reason" and prints "".
type Reason struct {
	Kind ReasonKind
	Rule string
	Ref  string
}

// ValueReason is the reason of a value known only after apply that the
// caller named (Unknown.Reason).
func ValueReason(ref string) Reason { return Reason{Kind: ReasonValue, Ref: ref} }

// AmbiguousReason is an ambiguity of AWS's documentation (AMB-1).
func AmbiguousReason(rule string) Reason { return Reason{Kind: ReasonAmbiguous, Rule: rule} }

// NoteReason is a remark in prose, citing rule when it is not "".
func NoteReason(rule, text string) Reason { return Reason{Kind: ReasonNote, Rule: rule, Ref: text} }

// String renders the reason as text (see ReasonKind).
func (r Reason) String() string {
	head, sep, tail := r.parts()
	if head == "" && sep == "" {
		return tail
	}
	return head + sep + tail
}

// MarshalText renders the reason as its String, so that JSON holds the
// text.
func (r Reason) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// IsZero reports whether r is the zero Reason ("no reason").
func (r Reason) IsZero() bool { return r == Reason{} }

// parts splits the text into head + sep + tail without building it.
func (r Reason) parts() (head, sep, tail string) {
	switch r.Kind {
	case ReasonPrincipal:
		switch {
		case r.Rule != "":
			return "principal", ":", r.Rule
		case r.Ref != "":
			return "principal", ":", r.Ref
		}
		return "principal", "", ""
	case ReasonPolicy:
		return "policy", ":", r.Ref
	case ReasonAmbiguous:
		return "ambiguous", ":", r.Rule
	case ReasonInvalid:
		return "invalid", ":", r.Rule
	case ReasonLimit:
		return "limit", ":", r.Ref
	case ReasonBound:
		return "bound", ":", r.Ref
	case ReasonNote:
		if r.Rule != "" {
			return r.Rule, ": ", r.Ref
		}
	}
	return "", "", r.Ref
}

// sameText reports whether r and o print the same text, without building
// it: reasons are told apart by their text, as they always were (a
// caller's value named "principal" is the engine's "principal").
func (r Reason) sameText(o Reason) bool {
	if r == o {
		return true
	}
	a1, b1, c1 := r.parts()
	a2, b2, c2 := o.parts()
	if len(a1)+len(b1)+len(c1) != len(a2)+len(b2)+len(c2) {
		return false
	}
	x, y := [3]string{a1, b1, c1}, [3]string{a2, b2, c2}
	i, j, pi, pj := 0, 0, 0, 0 // piece and offset in x and y
	for {
		for pi < 3 && i == len(x[pi]) {
			pi, i = pi+1, 0
		}
		for pj < 3 && j == len(y[pj]) {
			pj, j = pj+1, 0
		}
		if pi == 3 || pj == 3 {
			return pi == pj
		}
		if x[pi][i] != y[pj][j] {
			return false
		}
		i, j = i+1, j+1
	}
}

// ReasonStrings renders reasons as text (nil for none).
func ReasonStrings(rs []Reason) []string {
	if len(rs) == 0 {
		return nil
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.String()
	}
	return out
}

// JoinReasons renders reasons as text joined by sep.
func JoinReasons(rs []Reason, sep string) string {
	return strings.Join(ReasonStrings(rs), sep)
}

// sortedUniqueReasons sorts reasons by their text and drops repeated texts.
func sortedUniqueReasons(rs []Reason) []Reason {
	if len(rs) == 0 {
		return nil
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].String() < rs[j].String() })
	out := rs[:1]
	for _, r := range rs[1:] {
		if !r.sameText(out[len(out)-1]) {
			out = append(out, r)
		}
	}
	return out
}

// reasonOr is what a result that depends on u names: the engine's own
// reason for a value it derived (CTX-5), else the caller's Reason, else def.
func (u *Unknown) reasonOr(def Reason) Reason {
	switch {
	case !u.why.IsZero():
		return u.why
	case u.Reason != "":
		return ValueReason(u.Reason)
	}
	return def
}
