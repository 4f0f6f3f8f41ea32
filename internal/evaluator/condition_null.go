package evaluator

// evalNull is the Null operator (CO-5): "true" means the key is absent,
// "false" that it is present. ForAllValues:Null is always true and
// ForAnyValue:Null always false. A key sent with an empty value is
// [silent]: both readings (absent, present) are evaluated (AMB-1). An
// unknown value is present. Absence is the answer here, so the key is not
// noted as missing.
func (c *compiledCond) evalNull(e *evalEnv, notes *triNotes) Tri {
	switch c.op.Set {
	case SetForAllValues:
		return TriTrue
	case SetForAnyValue:
		return TriFalse
	}
	cv := e.lookupKey(c.key, c.keyFold, c.keyID)
	switch {
	case cv == nil:
		return c.nullReading(true, notes)
	case cv.Unknown != nil || !isNullDataSet(cv.Values):
		return c.nullReading(false, notes)
	}
	var local triNotes
	asAbsent := c.nullReading(true, &local)
	asPresent := c.nullReading(false, &local)
	if asAbsent == asPresent {
		if asAbsent == TriUnknown {
			notes.merge(&local)
		}
		return asAbsent
	}
	notes.merge(&local)
	notes.add(reasonCO5)
	return TriUnknown
}

// nullReading ORs the policy values for a key that is absent or present.
func (c *compiledCond) nullReading(absent bool, notes *triNotes) Tri {
	out := TriFalse
	for i := range c.bools {
		p := &c.bools[i]
		var t Tri
		switch p.form {
		case boolExact:
			t = TriOf(p.val == absent)
		case boolFolded:
			// Case-insensitive reading versus a value that never matches.
			if p.val == absent {
				t = TriUnknown
			}
		default:
			t = TriUnknown
		}
		if t == TriTrue {
			return TriTrue
		}
		if t == TriUnknown {
			notes.add(reasonCO5)
			out = TriUnknown
		}
	}
	return out
}
