package evaluator

import "strings"

// boolValue is a compiled Bool (CO-9) or Null (CO-5) policy value.
type boolValue struct {
	val  bool
	form boolForm
}

type boolForm uint8

const (
	boolExact  boolForm = iota // "true" / "false", or a JSON boolean
	boolFolded                 // another spelling of true/false ("True"): AMB-1
	boolOther                  // not a boolean: AMB-1
	boolVar                    // a policy variable ([conflict], CO-9): AMB-1
)

func compileBoolValue(text string, varsEnabled bool) boolValue {
	switch {
	case varsEnabled && strings.Contains(text, "${"):
		return boolValue{form: boolVar}
	case text == "true":
		return boolValue{val: true}
	case text == "false":
		return boolValue{}
	case equalFoldASCII(text, "true"):
		return boolValue{val: true, form: boolFolded}
	case equalFoldASCII(text, "false"):
		return boolValue{form: boolFolded}
	}
	return boolValue{form: boolOther}
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// matchBool compares the request value v with the policy value (CO-9).
// An exact "true"/"false" on both sides is definite; another spelling on
// either side is true under a case-insensitive reading and false under a
// strict one, so AMB-1 when the case-insensitive reading matches.
func (p *boolValue) matchBool(v string, notes *triNotes) Tri {
	switch p.form {
	case boolVar, boolOther:
		notes.add(reasonCO9)
		return TriUnknown
	}
	canon := boolText(p.val)
	if p.form == boolExact && v == canon {
		return TriTrue
	}
	if equalFoldASCII(v, canon) {
		notes.add(reasonCO9)
		return TriUnknown
	}
	return TriFalse
}
