package evaluator

// conditionMatcher evaluates the Condition block of one statement
// (CO-1..CO-18): operators AND, keys AND, values OR (NOR for negated
// operators), with missing keys (CO-3), IfExists (CO-4), set qualifiers
// (CO-13, CO-14, CO-16), single-valued operators on lists (CO-15), policy
// variables (VA-*), unknown context values (PT-1) and the AMB-1 readings
// of each family. Policy values are parsed at compile time; evaluation does
// not allocate (except noteMissing/noteUnknown on the Result).
type conditionMatcher struct {
	conds []compiledCond
	vars  varSlots
}

type compiledCond struct {
	// The fields every evaluation reads come first, in the struct's first
	// cache line (flags, operator, key, then the String values).
	hasFixed bool // fixed is set (see fixed)
	negated  bool
	// plainStr: a String operator that compares case-sensitively (Equals,
	// Like and their negations), no value holding a policy variable, and
	// no index: matchAny compares directly and notes nothing. plainLike
	// says the comparison is a glob (Like, NotLike).
	plainStr, plainLike bool
	// exactBools: a Bool operator whose every value is exactly "true" or
	// "false" (boolExact).
	exactBools bool
	family     OperatorFamily
	op         Operator
	keyID      uint32 // internCondKey(key)
	keyFold    uint64 // foldHash(key)
	key        string
	// One slice is filled, by family.
	strs  []strValue
	nvals int
	bools []boolValue
	ips   []ipValue
	nums  []decValue
	dates []dateValue
	bins  []binValue
	arns  []arnValue
	// sidx indexes many String values (nil below strIndexMin values).
	sidx *strIndex
	// fixed is set when the operator cannot be evaluated: an invalid name
	// (CO-17) or a name in the wrong case (AMB-1 against "invalid");
	// hasFixed says so without comparing the Reason.
	fixed Reason
}

// AMB-1 and other reasons of condition evaluation.
var (
	reasonCO5        = AmbiguousReason("CO-5")
	reasonCO6        = AmbiguousReason("CO-6")
	reasonCO7        = AmbiguousReason("CO-7")
	reasonCO8        = AmbiguousReason("CO-8")
	reasonCO9        = AmbiguousReason("CO-9")
	reasonCO10       = AmbiguousReason("CO-10")
	reasonCO11       = AmbiguousReason("CO-11")
	reasonCO12       = AmbiguousReason("CO-12")
	reasonCO14       = AmbiguousReason("CO-14")
	reasonCO15       = AmbiguousReason("CO-15")
	reasonCO17       = AmbiguousReason("CO-17")
	reasonInvalidOp  = Reason{Kind: ReasonInvalid, Rule: "CO-17"}
	reasonUnknownKey = Reason{Kind: ReasonInput, Ref: "unknown-context-value"}
)

func compileConditionMatcher(conds []Condition, varsEnabled bool) conditionMatcher {
	var m conditionMatcher
	for i := range conds {
		m.conds = append(m.conds, compileCond(&conds[i], varsEnabled, &m.vars))
	}
	return m
}

func compileCond(c *Condition, varsEnabled bool, vs *varSlots) compiledCond {
	cc := compiledCond{key: c.Key, keyFold: foldHash(c.Key), keyID: internCondKey(c.Key), op: c.Op, family: c.Op.Base.Family(), negated: c.Op.Base.Negated(), nvals: len(c.Values)}
	switch {
	case !c.Op.Valid:
		cc.fixed, cc.hasFixed = reasonInvalidOp, true
		return cc
	case c.Op.CaseMismatch:
		// CO-17: a known name in the wrong case is either that operator or
		// an invalid one (the policy is rejected): the readings always differ.
		cc.fixed, cc.hasFixed = reasonCO17, true
		return cc
	}
	if cc.family != FamilyString && cc.family != FamilyARN {
		if id := symbolOfValues(c.Values); id != "" {
			// a symbol where a number, date, address or boolean is read:
			// unknown, naming it (condition_symbol.go)
			cc.fixed, cc.hasFixed = ValueReason(id), true
			return cc
		}
	}
	switch cc.family {
	case FamilyString:
		cc.strs = make([]strValue, 0, len(c.Values))
	case FamilyARN:
		cc.arns = make([]arnValue, 0, len(c.Values))
	}
	for _, v := range c.Values {
		switch cc.family {
		case FamilyString:
			cc.strs = append(cc.strs, compileStrValue(v, c.Op.Base, varsEnabled, vs))
		case FamilyARN:
			cc.arns = append(cc.arns, compileArnValue(v, varsEnabled, vs))
		case FamilyNumeric:
			cc.nums = append(cc.nums, compileDecValue(v.Text))
		case FamilyDate:
			cc.dates = append(cc.dates, parseDateValue(v.Text))
		case FamilyIP:
			cc.ips = append(cc.ips, compileIPValue(v.Text))
		case FamilyBinary:
			cc.bins = append(cc.bins, compileBinValue(v.Text))
		case FamilyBool, FamilyNull:
			cc.bools = append(cc.bools, compileBoolValue(v.Text, varsEnabled && cc.family == FamilyBool))
		}
	}
	if cc.family == FamilyString {
		cc.sidx = buildStrIndex(cc.strs, c.Op.Base)
		cc.plainStr = cc.sidx == nil && plainStrValues(cc.strs, c.Op.Base)
		cc.plainLike = c.Op.Base == OpStringLike || c.Op.Base == OpStringNotLike
	}
	if cc.family == FamilyBool {
		cc.exactBools = true
		for i := range cc.bools {
			cc.exactBools = cc.exactBools && cc.bools[i].form == boolExact
		}
	}
	return cc
}

// eval evaluates the whole block: the AND of its conditions (CO-1).
func (m *conditionMatcher) eval(e *evalEnv) Tri {
	b := m.vars.bindings(e)
	notes, local := e.notes.take(2)
	out := TriTrue
	for i := range m.conds {
		local.n = 0
		t := m.conds[i].eval(e, b, local)
		switch t {
		case TriFalse:
			return TriFalse
		case TriUnknown:
			notes.merge(local)
			out = TriUnknown
		}
	}
	if out == TriUnknown {
		notes.flush(e)
	}
	return out
}

func (c *compiledCond) eval(e *evalEnv, b *varBinds, notes *triNotes) Tri {
	if c.hasFixed {
		notes.add(c.fixed)
		return TriUnknown
	}
	if c.family == FamilyNull {
		return c.evalNull(e, notes)
	}
	cv := e.lookupKey(c.key, c.keyFold, c.keyID)
	if cv == nil {
		e.noteMissing(c.key)
		return c.missing()
	}
	if cv.Unknown != nil {
		return c.evalUnknown(cv.Unknown, b, notes)
	}
	vals := cv.Values
	if c.nvals == 0 {
		return c.evalEmptyArray(vals, cv.Multi, notes)
	}
	switch c.op.Set {
	case SetForAllValues:
		if isNullDataSet(vals) {
			return TriTrue // CO-13: true on ∅
		}
		out := TriTrue
		for _, v := range vals {
			var local triNotes
			t := c.base(v, b, &local)
			if t == TriFalse {
				return TriFalse
			}
			if t == TriUnknown {
				notes.merge(&local)
				out = TriUnknown
			}
		}
		return out
	case SetForAnyValue:
		if isNullDataSet(vals) {
			return TriFalse // CO-13: false on ∅
		}
		out := TriFalse
		for _, v := range vals {
			var local triNotes
			t := c.base(v, b, &local)
			if t == TriTrue {
				return TriTrue
			}
			if t == TriUnknown {
				notes.merge(&local)
				out = TriUnknown
			}
		}
		return out
	}
	switch len(vals) {
	case 0:
		// CO-15 with |V| = 0: as a missing key (CO-3, CO-4).
		return c.missing()
	case 1:
		return c.base(vals[0], b, notes)
	}
	// CO-15, |V| ≥ 2: the ForAnyValue-like and ForAllValues-like readings.
	var local triNotes
	anyT, allT := TriFalse, TriTrue
	for _, v := range vals {
		t := c.base(v, b, &local)
		anyT = anyT.Or(t)
		allT = allT.And(t)
	}
	if anyT == allT {
		if anyT == TriUnknown {
			notes.merge(&local)
		}
		return anyT
	}
	notes.merge(&local)
	notes.add(reasonCO15)
	return TriUnknown
}

// missing is CO-3/CO-4/CO-13 for an absent key.
func (c *compiledCond) missing() Tri {
	switch {
	case c.op.IfExists:
		return TriTrue
	case c.op.Set == SetForAllValues:
		return TriTrue
	case c.op.Set == SetForAnyValue:
		return TriFalse
	}
	return TriOf(c.negated)
}

// isNullDataSet: "a null data set, such as an empty string" (CO-13).
func isNullDataSet(vals []string) bool {
	return len(vals) == 0 || len(vals) == 1 && vals[0] == ""
}

// evalEmptyArray is CO-14: the condition was written with `[]`.
func (c *compiledCond) evalEmptyArray(vals []string, multi bool, notes *triNotes) Tri {
	switch c.op.Set {
	case SetForAllValues:
		if isNullDataSet(vals) {
			return TriTrue
		}
		if !c.negated {
			return TriFalse
		}
	case SetForAnyValue:
		if !c.negated || isNullDataSet(vals) {
			return TriFalse
		}
	default:
		if multi && len(vals) == 0 {
			return c.missing()
		}
		if !c.negated {
			return TriFalse
		}
	}
	// A negated operator with no values on a present key: [silent].
	notes.add(reasonCO14)
	return TriUnknown
}

// evalUnknown: the key is present with a value known only after apply.
// The result is definite only when no value could change it.
func (c *compiledCond) evalUnknown(u *Unknown, b *varBinds, notes *triNotes) Tri {
	m := TriUnknown
	symbolic := u.Symbol != "" && c.nvals > 0 && (c.family == FamilyString || c.family == FamilyARN)
	if c.nvals == 0 || !c.canMatch(b) {
		m = TriFalse
	} else if symbolic {
		// one value, a symbol: compared as itself (condition_symbol.go)
		var local triNotes
		m = c.matchSymbolRequest(u, &local)
		if m == TriUnknown {
			notes.merge(&local)
		}
	}
	base := m
	if c.negated {
		base = m.Not()
	}
	if c.nvals == 0 && c.negated {
		base = TriUnknown
	}
	var t Tri
	switch {
	case symbolic:
		t = base // the set is the one symbol value (CO-13, CO-16)
	case c.op.Set == SetForAllValues:
		// The set may be empty (true) or hold values failing base.
		t = TriUnknown
		if base == TriTrue {
			t = TriTrue
		}
	case c.op.Set == SetForAnyValue:
		t = TriUnknown
		if base == TriFalse {
			t = TriFalse
		}
	default:
		t = base
	}
	if t == TriUnknown {
		notes.add(u.reasonOr(reasonUnknownKey))
	}
	return t
}

// canMatch reports whether some policy value could match some request
// value: false when every value is a variable without value or default
// (VA-5), which then matches nothing.
func (c *compiledCond) canMatch(b *varBinds) bool {
	switch c.family {
	case FamilyString:
		for i := range c.strs {
			if !c.strs[i].unset(b) {
				return true
			}
		}
		return false
	case FamilyARN:
		for i := range c.arns {
			if !c.arns[i].unset(b) {
				return true
			}
		}
		return false
	}
	return c.nvals > 0
}

// base is base(v) of CO-13: for a positive operator "v matches some policy
// value", for a negated one "v matches none" (CO-1 NOR).
func (c *compiledCond) base(v string, b *varBinds, notes *triNotes) Tri {
	t := c.matchAny(v, b, notes)
	if c.negated {
		return t.Not()
	}
	return t
}

// plainStrValues reports whether strValue.match compares every value
// without pieces and without notes: StringEquals, StringLike and their
// negations on values without policy variables (CO-6).
func plainStrValues(strs []strValue, op BaseOperator) bool {
	switch op {
	case OpStringEquals, OpStringNotEquals, OpStringLike, OpStringNotLike:
	default:
		return false
	}
	for i := range strs {
		if strs[i].pieces != nil || strs[i].sym != nil {
			return false
		}
	}
	return true
}

// matchAny ORs the match of request value v over the policy values.
func (c *compiledCond) matchAny(v string, b *varBinds, notes *triNotes) Tri {
	if c.plainStr {
		// strValue.match without pieces: equal strings, or globMatch.
		if c.plainLike {
			for i := range c.strs {
				if sv := &c.strs[i]; globMatchSpan(sv.text, sv.glob, v, false) {
					return TriTrue
				}
			}
			return TriFalse
		}
		for i := range c.strs {
			// the first and last bytes tell most unequal values of one
			// length apart without a call to compare them all
			if t := c.strs[i].text; len(t) == len(v) && (t == "" || t[0] == v[0] && t[len(t)-1] == v[len(v)-1] && t == v) {
				return TriTrue
			}
		}
		return TriFalse
	}
	if c.exactBools && (v == "true" || v == "false") {
		// matchBool with exact spellings on both sides: no other spelling
		// to read case-insensitively (CO-9), so equal or not.
		for i := range c.bools {
			if boolText(c.bools[i].val) == v {
				return TriTrue
			}
		}
		return TriFalse
	}
	out := TriFalse
	var local triNotes
	add := func(t Tri) bool {
		if t == TriUnknown {
			out = TriUnknown
		}
		return t == TriTrue
	}
	switch c.family {
	case FamilyString:
		if ix := c.sidx; ix != nil && ix.usable(v) {
			if ix.hit(v, c.strs) {
				return TriTrue
			}
			for _, i := range ix.rest {
				if add(c.strs[i].match(c.op.Base, v, b, &local)) {
					return TriTrue
				}
			}
			break
		}
		for i := range c.strs {
			if add(c.strs[i].match(c.op.Base, v, b, &local)) {
				return TriTrue
			}
		}
	case FamilyARN:
		for i := range c.arns {
			if add(c.arns[i].match(v, b, &local)) {
				return TriTrue
			}
		}
	case FamilyNumeric:
		rv, ok := parseDecimal(v)
		for i := range c.nums {
			if add(c.nums[i].match(c.op.Base, rv, ok, &local)) {
				return TriTrue
			}
		}
	case FamilyDate:
		rv := parseDateValue(v)
		for i := range c.dates {
			if add(compareDates(c.op.Base, &rv, &c.dates[i], &local)) {
				return TriTrue
			}
		}
	case FamilyIP:
		rv := parseRequestIP(v)
		for i := range c.ips {
			if add(c.ips[i].match(&rv, &local)) {
				return TriTrue
			}
		}
	case FamilyBinary:
		for i := range c.bins {
			if add(c.bins[i].match(v, &local)) {
				return TriTrue
			}
		}
	case FamilyBool:
		for i := range c.bools {
			if add(c.bools[i].matchBool(v, &local)) {
				return TriTrue
			}
		}
	}
	if out == TriUnknown {
		notes.merge(&local)
	}
	return out
}

// triNotes collects the reasons of an unknown result on the stack; they
// reach the Result only if the final answer is unknown.
type triNotes struct {
	n int
	r [6]Reason
}

func (t *triNotes) add(reason Reason) {
	for i := 0; i < t.n; i++ {
		if t.r[i].sameText(reason) {
			return
		}
	}
	if t.n < len(t.r) {
		t.r[t.n] = reason
		t.n++
	}
}

func (t *triNotes) merge(o *triNotes) {
	for i := 0; i < o.n; i++ {
		t.add(o.r[i])
	}
}

func (t *triNotes) flush(e *evalEnv) {
	for i := 0; i < t.n; i++ {
		e.noteUnknown(t.r[i])
	}
}
