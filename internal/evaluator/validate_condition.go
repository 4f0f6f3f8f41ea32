package evaluator

import (
	"encoding/base64"
	"net/netip"
	"strconv"
	"strings"
)

// validate_condition.go checks condition operators (CO-4, CO-5, CO-17) and
// condition values per operator family (CO-6..CO-12, VA-2, VA-3, PR-14).

func (b *policyBuilder) checkOperator(name string, op Operator, key int32) {
	switch {
	case op.Base == OpNull && op.IfExists:
		b.add(SeverityError, "CO-4", key, "%q is not a valid operator: Null cannot take IfExists (Null already tests whether the key exists)", name)
	case !op.Valid:
		b.add(SeverityError, "CO-17", key, "%q is not a condition operator; IAM rejects unknown operators (use a String, Numeric, Date, Bool, Binary, IpAddress, Arn or Null operator, optionally with IfExists and a ForAllValues:/ForAnyValue: prefix)", name)
		return
	case op.CaseMismatch:
		b.add(SeverityWarning, "CO-17", key, "operator %q differs from %q only by case; AWS does not document case-insensitive operator names, so write %q", name, op.String(), op.String())
	}
	if op.Base == OpNull && op.Set != SetNone {
		what := "always true"
		if op.Set == SetForAnyValue {
			what = "always false"
		}
		b.add(SeverityWarning, "CO-5", key, "%q is %s; use Null without a ForAllValues:/ForAnyValue: prefix", name, what)
	}
	if strings.Contains(name, "${") && b.varsEnabled {
		b.add(SeverityError, "VA-2", key, "policy variables are not allowed in condition operator names")
	}
}

// checkCondition checks one (operator, key) pair and its values.
func (b *policyBuilder) checkCondition(c *Condition) {
	if strings.Contains(c.Key, "${") && b.varsEnabled {
		b.addAt(SeverityError, "VA-2", c.KeyPos, "condition key %q contains a policy variable; variables are allowed only in condition values of String and ARN operators", c.Key)
	}
	if strings.Contains(c.Key, "&{") || strings.Contains(c.Key, "$${") {
		kv := Value{Text: c.Key, Pos: c.KeyPos}
		b.checkText(&kv, "condition key", false, "VA-2")
	}
	op := c.Op
	fam := op.Base.Family()
	for i := range c.Values {
		v := &c.Values[i]
		if v.Kind == KindNumber && (lintContainsFold(c.Key, "account") || (len(v.Text) >= 10 && len(v.Text) <= 12 && !strings.ContainsAny(v.Text, ".eE-"))) {
			b.addAt(SeverityWarning, "GR-13", v.Pos, "%s looks like an account ID written as a JSON number; write it as a string (\"%s\"): as a number it loses leading zeros", v.Text, v.Text)
		}
	}
	if !op.Valid {
		for i := range c.Values {
			b.checkText(&c.Values[i], "a condition value", true, "VA-2")
		}
		return
	}
	opName := c.Operator
	if fam == FamilyBool && len(c.Values) > 1 {
		b.addAt(SeverityError, "CO-9", c.Pos, "%s on %s has %d values; a Bool condition takes exactly one value, true or false", opName, c.Key, len(c.Values))
	}
	wildcardReported := false
	for i := range c.Values {
		v := &c.Values[i]
		where := opName + " value"
		switch fam {
		case FamilyString:
			b.checkText(v, where, true, "VA-2")
			switch op.Base {
			case OpStringLike, OpStringNotLike:
				b.endpointWildcardRun(v, opName)
			default:
				if !wildcardReported && v.Kind == KindString && b.hasWildcard(v.Text) {
					wildcardReported = true
					b.addAt(SeverityWarning, "CO-6", v.Pos, "%s compares %q literally: * and ? are wildcards only in StringLike/StringNotLike; use %s if you meant a pattern", opName, v.Text, lintLikeFor(op))
				}
			}
		case FamilyARN:
			b.checkText(v, where, true, "VA-2")
			if _, nf, _ := lintSplitARN(v.Text, b.varsEnabled); v.Kind != KindString || nf < 6 {
				b.addAt(SeverityWarning, "CO-12", v.Pos, "%s value %q is not a 6-part ARN pattern: ARN operators compare the six colon-separated fields one by one, and AWS does not document how a shorter pattern matches", opName, v.Text)
			}
			b.endpointWildcardRun(v, opName)
		case FamilyNumeric:
			if b.forbiddenVariable(v, where) {
				continue
			}
			if !lintPlainDecimal(v.Text) {
				b.addAt(SeverityWarning, "CO-7", v.Pos, "%s value %q is not a plain integer or decimal number (such as 10 or 2.5); AWS does not document how it is read", opName, v.Text)
			}
		case FamilyDate:
			if b.forbiddenVariable(v, where) {
				continue
			}
			if problem := lintDateValue(v.Text, v.Kind); problem != "" {
				b.addAt(SeverityWarning, "CO-8", v.Pos, "%s value %q %s", opName, v.Text, problem)
			}
		case FamilyBool:
			if b.forbiddenVariableCode(v, where, "CO-9") {
				continue
			}
			if v.Kind != KindBool && v.Text != "true" && v.Text != "false" {
				b.addAt(SeverityWarning, "CO-9", v.Pos, "%s value %q is not true or false; AWS does not document how other spellings are read", opName, v.Text)
			}
		case FamilyBinary:
			if b.forbiddenVariable(v, where) {
				continue
			}
			if !lintValidBase64(v.Text) {
				b.addAt(SeverityError, "CO-10", v.Pos, "%s value %q is not valid base64; BinaryEquals compares the base64-decoded bytes", opName, v.Text)
			}
		case FamilyIP:
			if b.forbiddenVariable(v, where) {
				continue
			}
			b.checkCIDR(v, opName)
		case FamilyNull:
			if b.forbiddenVariable(v, where) {
				continue
			}
			if v.Kind != KindBool && v.Text != "true" && v.Text != "false" {
				b.addAt(SeverityWarning, "CO-5", v.Pos, "Null value %q is not true (the key is absent) or false (the key is present)", v.Text)
			}
		}
	}
}

func lintLikeFor(op Operator) string {
	if op.Base.Negated() {
		return "StringNotLike"
	}
	return "StringLike"
}

// forbiddenVariable reports a variable in a value whose operator takes none
// (VA-2) and says whether it did.
func (b *policyBuilder) forbiddenVariable(v *Value, where string) bool {
	return b.forbiddenVariableCode(v, where, "VA-2")
}

func (b *policyBuilder) forbiddenVariableCode(v *Value, where, code string) bool {
	n := len(b.findings)
	b.checkText(v, where, false, code)
	return b.varsEnabled && strings.Contains(v.Text, "${") && len(b.findings) > n
}

// lintPlainDecimal accepts [+-]digits[.digits] (CO-7).
func lintPlainDecimal(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if !lintAllDigits(intPart) || intPart == "" {
		return false
	}
	return !hasDot || (frac != "" && lintAllDigits(frac))
}

func lintAllDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// lintDateValue checks a Date operator value against CO-8: the W3C ISO 8601
// profiles or integer epoch seconds. It returns "" when the value is fine,
// else the rest of a sentence saying what is wrong.
func lintDateValue(s string, kind ValueKind) string {
	if kind == KindBool {
		return "is not a date"
	}
	if lintAllDigits(s) && s != "" {
		// Four digits read as a year (YYYY) or as epoch seconds in 1970:
		// both profiles allow it. Above 10^11 it looks like milliseconds.
		if n, err := strconv.ParseUint(s, 10, 64); err != nil || n > 1e11 {
			return "looks like epoch milliseconds; AWS epoch values are seconds, so it is read as a date far in the future"
		}
		return ""
	}
	if strings.ContainsAny(s, "*?") {
		return "has a wildcard; Date operators do not allow wildcards"
	}
	date, rest, hasTime := strings.Cut(s, "T")
	if !lintValidISODate(date) {
		return "is not a date: use an ISO 8601 form such as 2026-01-31 or 2026-01-31T12:00:00Z, or epoch seconds"
	}
	if !hasTime {
		return ""
	}
	if len(date) != 10 {
		return "has a time but an incomplete date; write YYYY-MM-DDThh:mm:ssZ"
	}
	// hh:mm[:ss[.s+]] then TZD (Z or ±hh:mm)
	tz := ""
	clock := rest
	if i := strings.IndexAny(rest, "Z+-"); i >= 0 {
		clock, tz = rest[:i], rest[i:]
	}
	if !lintValidClock(clock) {
		return "has a malformed time; write hh:mm, hh:mm:ss or hh:mm:ss.s followed by Z or ±hh:mm"
	}
	switch {
	case tz == "":
		return "has no time zone (Z or ±hh:mm); AWS does not document which zone it assumes"
	case tz == "Z":
		return ""
	case len(tz) == 6 && tz[3] == ':' && lintAllDigits(tz[1:3]) && lintAllDigits(tz[4:]) && tz[1:3] <= "14" && tz[4:] <= "59":
		return ""
	}
	return "has a malformed time zone; write Z or ±hh:mm"
}

func lintValidISODate(s string) bool {
	switch len(s) {
	case 4:
		return lintAllDigits(s)
	case 7:
		return lintAllDigits(s[:4]) && s[4] == '-' && lintValidRange(s[5:7], 1, 12)
	case 10:
		return lintAllDigits(s[:4]) && s[4] == '-' && lintValidRange(s[5:7], 1, 12) && s[7] == '-' && lintValidRange(s[8:10], 1, 31)
	}
	return false
}

func lintValidRange(s string, lo, hi int) bool {
	if len(s) != 2 || !lintAllDigits(s) {
		return false
	}
	n := int(s[0]-'0')*10 + int(s[1]-'0')
	return n >= lo && n <= hi
}

func lintValidClock(s string) bool {
	if len(s) < 5 || !lintValidRange(s[0:2], 0, 23) || s[2] != ':' || !lintValidRange(s[3:5], 0, 59) {
		return false
	}
	if len(s) == 5 {
		return true
	}
	if len(s) < 8 || s[5] != ':' || !lintValidRange(s[6:8], 0, 60) {
		return false
	}
	if len(s) == 8 {
		return true
	}
	return s[8] == '.' && len(s) > 9 && lintAllDigits(s[9:])
}

func lintValidBase64(s string) bool {
	if _, err := base64.StdEncoding.DecodeString(s); err == nil {
		return true
	}
	_, err := base64.RawStdEncoding.DecodeString(s)
	return err == nil
}

// checkCIDR applies CO-11: an IPv4 or IPv6 address or CIDR; host bits set
// are masked, with a warning.
func (b *policyBuilder) checkCIDR(v *Value, opName string) {
	s := v.Text
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			b.addAt(SeverityWarning, "CO-11", v.Pos, "%s value %q is not an IPv4 or IPv6 CIDR such as 203.0.113.0/24", opName, s)
			return
		}
		if p.Masked() != p {
			b.addAt(SeverityWarning, "CO-11", v.Pos, "%s value %q has host bits set; it is read as %s", opName, s, p.Masked().String())
		}
		return
	}
	if a, err := netip.ParseAddr(s); err != nil || a.Zone() != "" {
		b.addAt(SeverityWarning, "CO-11", v.Pos, "%s value %q is not an IPv4 or IPv6 address or CIDR such as 203.0.113.0/24", opName, s)
	}
}

// endpointWildcardRun applies PR-14's last quirk: in a VPC endpoint policy
// each wildcard of a string pattern needs at least six consecutive
// non-wildcard characters before or after it.
func (b *policyBuilder) endpointWildcardRun(v *Value, opName string) {
	if b.typ != PolicyEndpoint || v.Kind != KindString {
		return
	}
	s := v.Text
	for i := 0; i < len(s); i++ {
		if s[i] != '*' && s[i] != '?' {
			continue
		}
		before, after := 0, 0
		for j := i - 1; j >= 0 && s[j] != '*' && s[j] != '?'; j-- {
			before++
		}
		for j := i + 1; j < len(s) && s[j] != '*' && s[j] != '?'; j++ {
			after++
		}
		if before < 6 && after < 6 {
			b.addAt(SeverityWarning, "PR-14", v.Pos, "%s value %q: VPC endpoint policies need at least six consecutive characters before or after each wildcard", opName, s)
			return
		}
	}
}

// lintContainsFold is an ASCII case-insensitive strings.Contains.
func lintContainsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}
