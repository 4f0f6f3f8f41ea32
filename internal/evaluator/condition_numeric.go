package evaluator

// Numeric operators (CO-7) compare exact decimals: both sides are parsed
// as [sign] digits [. digits] and compared digit by digit, never through
// binary floats. A value that does not parse ("10abc", "", "1e3") is
// [silent]: AMB-1. Request values are parsed without allocating.

// decimal is a parsed decimal: integer digits without leading zeros,
// fraction digits without trailing zeros; zero is never negative.
type decimal struct {
	neg  bool
	intg string
	frac string
}

type decValue struct {
	d  decimal
	ok bool
}

func compileDecValue(s string) decValue {
	d, ok := parseDecimal(s)
	return decValue{d: d, ok: ok}
}

func parseDecimal(s string) (decimal, bool) {
	var d decimal
	if s != "" && (s[0] == '-' || s[0] == '+') {
		d.neg = s[0] == '-'
		s = s[1:]
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return decimal{}, false
	}
	d.intg = s[:i]
	if i < len(s) {
		if s[i] != '.' {
			return decimal{}, false
		}
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i+1 || j != len(s) {
			return decimal{}, false
		}
		d.frac = s[i+1:]
	}
	for len(d.intg) > 0 && d.intg[0] == '0' {
		d.intg = d.intg[1:]
	}
	for len(d.frac) > 0 && d.frac[len(d.frac)-1] == '0' {
		d.frac = d.frac[:len(d.frac)-1]
	}
	if d.intg == "" && d.frac == "" {
		d.neg = false
	}
	return d, true
}

// cmpDecimal returns -1, 0 or +1.
func cmpDecimal(a, b decimal) int {
	if a.neg != b.neg {
		if a.neg {
			return -1
		}
		return 1
	}
	m := cmpMagnitude(a, b)
	if a.neg {
		return -m
	}
	return m
}

func cmpMagnitude(a, b decimal) int {
	if len(a.intg) != len(b.intg) {
		if len(a.intg) < len(b.intg) {
			return -1
		}
		return 1
	}
	if c := cmpDigits(a.intg, b.intg); c != 0 {
		return c
	}
	return cmpDigits(a.frac, b.frac) // trailing zeros trimmed: lexicographic works
}

func cmpDigits(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// cmpHolds applies a comparison operator to cmp(request, policy).
func cmpHolds(op BaseOperator, c int) bool {
	switch op {
	case OpNumericLessThan, OpDateLessThan:
		return c < 0
	case OpNumericLessThanEquals, OpDateLessThanEquals:
		return c <= 0
	case OpNumericGreaterThan, OpDateGreaterThan:
		return c > 0
	case OpNumericGreaterThanEquals, OpDateGreaterThanEquals:
		return c >= 0
	}
	return c == 0 // Equals; NotEquals is its negation (CO-1)
}

func (p *decValue) match(op BaseOperator, rv decimal, rok bool, notes *triNotes) Tri {
	if !p.ok || !rok {
		notes.add(reasonCO7)
		return TriUnknown
	}
	return TriOf(cmpHolds(op, cmpDecimal(rv, p.d)))
}
