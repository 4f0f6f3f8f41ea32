package evaluator

import "strings"

// OperatorFamily is the base family of a condition operator (CO-17).
type OperatorFamily uint8

const (
	FamilyInvalid OperatorFamily = iota
	FamilyString
	FamilyNumeric
	FamilyDate
	FamilyBool
	FamilyBinary
	FamilyIP
	FamilyARN
	FamilyNull
)

// BaseOperator is the operator without IfExists and set qualifiers.
type BaseOperator uint8

const (
	OpInvalid BaseOperator = iota
	OpStringEquals
	OpStringNotEquals
	OpStringEqualsIgnoreCase
	OpStringNotEqualsIgnoreCase
	OpStringLike
	OpStringNotLike
	OpNumericEquals
	OpNumericNotEquals
	OpNumericLessThan
	OpNumericLessThanEquals
	OpNumericGreaterThan
	OpNumericGreaterThanEquals
	OpDateEquals
	OpDateNotEquals
	OpDateLessThan
	OpDateLessThanEquals
	OpDateGreaterThan
	OpDateGreaterThanEquals
	OpBool
	OpBinaryEquals
	OpIPAddress
	OpNotIPAddress
	OpArnEquals
	OpArnLike
	OpArnNotEquals
	OpArnNotLike
	OpNull
)

type baseOperatorInfo struct {
	name    string
	family  OperatorFamily
	negated bool
}

var baseOperators = [...]baseOperatorInfo{
	OpStringEquals:              {"StringEquals", FamilyString, false},
	OpStringNotEquals:           {"StringNotEquals", FamilyString, true},
	OpStringEqualsIgnoreCase:    {"StringEqualsIgnoreCase", FamilyString, false},
	OpStringNotEqualsIgnoreCase: {"StringNotEqualsIgnoreCase", FamilyString, true},
	OpStringLike:                {"StringLike", FamilyString, false},
	OpStringNotLike:             {"StringNotLike", FamilyString, true},
	OpNumericEquals:             {"NumericEquals", FamilyNumeric, false},
	OpNumericNotEquals:          {"NumericNotEquals", FamilyNumeric, true},
	OpNumericLessThan:           {"NumericLessThan", FamilyNumeric, false},
	OpNumericLessThanEquals:     {"NumericLessThanEquals", FamilyNumeric, false},
	OpNumericGreaterThan:        {"NumericGreaterThan", FamilyNumeric, false},
	OpNumericGreaterThanEquals:  {"NumericGreaterThanEquals", FamilyNumeric, false},
	OpDateEquals:                {"DateEquals", FamilyDate, false},
	OpDateNotEquals:             {"DateNotEquals", FamilyDate, true},
	OpDateLessThan:              {"DateLessThan", FamilyDate, false},
	OpDateLessThanEquals:        {"DateLessThanEquals", FamilyDate, false},
	OpDateGreaterThan:           {"DateGreaterThan", FamilyDate, false},
	OpDateGreaterThanEquals:     {"DateGreaterThanEquals", FamilyDate, false},
	OpBool:                      {"Bool", FamilyBool, false},
	OpBinaryEquals:              {"BinaryEquals", FamilyBinary, false},
	OpIPAddress:                 {"IpAddress", FamilyIP, false},
	OpNotIPAddress:              {"NotIpAddress", FamilyIP, true},
	OpArnEquals:                 {"ArnEquals", FamilyARN, false},
	OpArnLike:                   {"ArnLike", FamilyARN, false},
	OpArnNotEquals:              {"ArnNotEquals", FamilyARN, true},
	OpArnNotLike:                {"ArnNotLike", FamilyARN, true},
	OpNull:                      {"Null", FamilyNull, false},
}

// Name is the canonical spelling of the base operator.
func (b BaseOperator) Name() string {
	if int(b) < len(baseOperators) {
		return baseOperators[b].name
	}
	return ""
}

// Family is the operator family.
func (b BaseOperator) Family() OperatorFamily {
	if int(b) < len(baseOperators) {
		return baseOperators[b].family
	}
	return FamilyInvalid
}

// Negated reports whether the operator is one of the negated operators of
// CO-1 (values combine by NOR, a missing key makes it true).
func (b BaseOperator) Negated() bool {
	if int(b) < len(baseOperators) {
		return baseOperators[b].negated
	}
	return false
}

// SetQualifier is the ForAllValues/ForAnyValue prefix (CO-13).
type SetQualifier uint8

const (
	SetNone SetQualifier = iota
	SetForAllValues
	SetForAnyValue
)

// Operator is a parsed condition operator name.
type Operator struct {
	Base     BaseOperator
	IfExists bool
	Set      SetQualifier
	// Valid is false when the name is not a known operator (CO-17, E2) or is
	// NullIfExists (CO-4, E2).
	Valid bool
	// CaseMismatch is true when the name matches a known operator only
	// case-insensitively (CO-17: W and AMB-1).
	CaseMismatch bool
}

// ParseOperator parses a condition operator name such as
// "ForAnyValue:StringLikeIfExists".
func ParseOperator(name string) Operator {
	var op Operator
	rest := name
	if p, ok := cutPrefixFold(rest, "ForAllValues:"); ok {
		op.Set = SetForAllValues
		op.CaseMismatch = !strings.HasPrefix(rest, "ForAllValues:")
		rest = p
	} else if p, ok := cutPrefixFold(rest, "ForAnyValue:"); ok {
		op.Set = SetForAnyValue
		op.CaseMismatch = !strings.HasPrefix(rest, "ForAnyValue:")
		rest = p
	}
	if p, ok := cutSuffixFold(rest, "IfExists"); ok && p != "" {
		op.IfExists = true
		if !strings.HasSuffix(rest, "IfExists") {
			op.CaseMismatch = true
		}
		rest = p
	}
	for i := 1; i < len(baseOperators); i++ {
		info := baseOperators[i]
		if rest == info.name {
			op.Base = BaseOperator(i)
			break
		}
		if strings.EqualFold(rest, info.name) {
			op.Base = BaseOperator(i)
			op.CaseMismatch = true
			break
		}
	}
	op.Valid = op.Base != OpInvalid && !(op.Base == OpNull && op.IfExists)
	return op
}

// String renders the operator canonically.
func (o Operator) String() string {
	var b strings.Builder
	switch o.Set {
	case SetForAllValues:
		b.WriteString("ForAllValues:")
	case SetForAnyValue:
		b.WriteString("ForAnyValue:")
	}
	b.WriteString(o.Base.Name())
	if o.IfExists {
		b.WriteString("IfExists")
	}
	return b.String()
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

func cutSuffixFold(s, suffix string) (string, bool) {
	if len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix) {
		return s[:len(s)-len(suffix)], true
	}
	return s, false
}
