package evaluator

import "math/bits"

// A decision looks the same context keys up many times: aws:SecureTransport
// in an identity policy, the bucket policy and an SCP, a policy variable in
// every Resource pattern that names it. The request context is usually cold
// (each request is read once), so a lookup costs cache misses on the entry,
// its key and its values. Condition and variable keys are therefore
// interned when a policy is compiled (condKeyIDs: the ASCII-lowered key ->
// a small id), and a decision remembers the entry each id resolved to
// (evalEnv.keyMemo), so that every key is looked up once per decision.
// Keys with non-ASCII bytes, whose case folding only strings.EqualFold
// knows (CO-2), and keys past the table's bound get id 0 and are looked up
// every time: answers never depend on the table.

// maxInternedCondKeys bounds the process-wide key table.
const maxInternedCondKeys = 1 << 16

// maxInternedCondKeyLen is the longest key interned (longer keys are looked
// up every time).
const maxInternedCondKeyLen = 256

// condKeyIDs interns condition keys by their ASCII-lowered form.
var condKeyIDs idTable

// internCondKey returns the id of key (0 when it is not interned). Two keys
// have the same id exactly when they are equal under ASCII case folding;
// for ASCII keys that is when strings.EqualFold says so, so a lookup of
// either finds the same entry of any context (CO-2).
func internCondKey(key string) uint32 {
	if len(key) > maxInternedCondKeyLen || !isASCII(key) {
		return 0
	}
	return condKeyIDs.intern(asciiLowerString(key), maxInternedCondKeys)
}

// keyMemoSlots is the size of a decision's direct-mapped key memo (one bit
// of keyMemo.used per slot).
const keyMemoSlots = 32

// keyMemoEntry is what key id resolved to in this decision (cv nil: the
// key is absent; id 0: the slot is empty).
type keyMemoEntry struct {
	id uint32
	cv *ContextValue
}

// keyMemo remembers the lookups of one decision. used marks the slots
// written, so that forgetting them (clear, at the start and the end of
// every decision) touches only those and drops the references to the
// request's context.
type keyMemo struct {
	used    uint32
	entries [keyMemoSlots]keyMemoEntry
}

func (m *keyMemo) clear() {
	for u := m.used; u != 0; u &= u - 1 {
		m.entries[bits.TrailingZeros32(u)] = keyMemoEntry{}
	}
	m.used = 0
}

// lookupKey is lookupFold for a key with id (internCondKey), answered from
// the decision's memo when the key was looked up before.
func (e *evalEnv) lookupKey(key string, h uint64, id uint32) *ContextValue {
	if id == 0 {
		return e.lookupFold(key, h)
	}
	slot := id % keyMemoSlots
	m := &e.memo.entries[slot]
	if m.id == id {
		return m.cv
	}
	cv := e.lookupFold(key, h)
	*m = keyMemoEntry{id: id, cv: cv}
	e.memo.used |= 1 << slot
	return cv
}
