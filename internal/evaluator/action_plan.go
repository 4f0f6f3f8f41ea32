package evaluator

import (
	"strings"
	"sync"
	"sync/atomic"
)

// A decision visits, in each policy, only the statements whose Action or
// NotAction admits the request action (EV-1, AC-1..AC-3). Which statements
// those are depends on the lower-case action alone, so each policy
// remembers the list per action: the request action is interned once per
// decision (actionIDs, a process-wide table), and each policy of fewer
// than bigPolicyStatements statements keeps the list of every action id it
// was asked about (actionLists). Big policies keep their own index by
// exact action and resource key (statement_index.go). Both tables are
// bounded; past the bound, or for an action too long to intern, a decision
// matches the actions as before, so answers never depend on the caches.

// maxInternedActions bounds the process-wide action table (the reference
// data has about 22,000 actions; made-up ones beyond the bound go uncached).
const maxInternedActions = 1 << 16

// maxCachedActionsPerPolicy bounds each policy's table.
const maxCachedActionsPerPolicy = 4096

// promotingMap is a map read without locks: lookups use an immutable
// snapshot; insertions go to a locked copy that replaces the snapshot once
// it has been missed as often as it has entries (sync.Map's promotion),
// so that n insertions copy O(n) entries in all.
type promotingMap[K comparable, V any] struct {
	read   atomic.Pointer[map[K]V]
	mu     sync.Mutex
	dirty  map[K]V // nil, or a superset of *read
	misses int
	full   atomic.Bool // limit reached: read holds every entry, no more are added
}

// load looks k up in the snapshot.
func (m *promotingMap[K, V]) load(k K) (V, bool) {
	if r := m.read.Load(); r != nil {
		v, ok := (*r)[k]
		return v, ok
	}
	var zero V
	return zero, false
}

// loadOrStore returns the value of k, storing mk()'s when k is absent and
// the map holds fewer than limit entries (ok is false when it is full).
// Called on a miss of load; mk runs under the lock.
func (m *promotingMap[K, V]) loadOrStore(k K, limit int, mk func() V) (V, bool) {
	if m.full.Load() {
		if v, ok := m.load(k); ok {
			return v, true
		}
		var zero V
		return zero, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.dirty == nil {
		m.dirty = map[K]V{}
		if r := m.read.Load(); r != nil {
			for rk, rv := range *r {
				m.dirty[rk] = rv
			}
		}
	}
	v, ok := m.dirty[k]
	if !ok {
		if len(m.dirty) >= limit {
			m.full.Store(true)
			d := m.dirty
			m.read.Store(&d)
			m.dirty, m.misses = nil, 0
			return v, false
		}
		v = mk()
		m.dirty[k] = v
	}
	if m.misses++; m.misses >= len(m.dirty) {
		d := m.dirty
		m.read.Store(&d)
		m.dirty, m.misses = nil, 0
	}
	return v, true
}

// actionIDs interns actions: every key maps to the id of its lower-case
// form (AC-1), so that an action is looked up as the request writes it,
// without lower-casing it first. Ids start at 1; 0 means "not interned"
// (the table is full).
var actionIDs struct {
	m    promotingMap[string, actionKey]
	next atomic.Uint32
}

// actionKey is an interned action: its id and the id of its service
// (internService; 0 when the service table is full).
type actionKey struct {
	id, svc uint32
}

// internAction returns the id of action a (0 when it cannot be interned).
func internAction(a string) uint32 { return internActionKey(a).id }

// internActionKey returns the interned action a (id 0 when it cannot be
// interned). The fast path is one map lookup and does not allocate.
func internActionKey(a string) actionKey {
	if len(a) > maxIndexedAction {
		return actionKey{} // no action is that long; do not keep such text
	}
	if k, ok := actionIDs.m.load(a); ok {
		return k
	}
	lower := asciiLowerString(a)
	k, ok := actionIDs.m.loadOrStore(lower, maxInternedActions, func() actionKey {
		svc := lower
		if colon := strings.IndexByte(lower, ':'); colon >= 0 {
			svc = lower[:colon]
		}
		return actionKey{id: actionIDs.next.Add(1), svc: internService(svc)}
	})
	if !ok {
		return actionKey{}
	}
	if lower != a {
		if _, ok := actionIDs.m.loadOrStore(a, maxInternedActions, func() actionKey { return k }); !ok {
			return k // full: this spelling is found through its lower-case form next time
		}
	}
	return k
}

// actionSlots is the size of each policy's direct-mapped table in front of
// its map: a decision usually finds its list there with one atomic load.
// 64 slots (512 bytes per policy that is decided) keep the few dozen
// actions a workload asks a policy about from evicting each other.
const actionSlots = 64

// noneSlots is the size of each policy's direct-mapped record of actions
// it admits nothing for (256 bytes; a miss costs the service lookup). 16
// slots collide on the realistic set's few dozen actions (measured: 2%
// more instructions per decision).
const noneSlots = 64

// actionLists holds one policy's table, allocated when the policy is
// first decided (many compiled policies never are).
type actionLists struct {
	table atomic.Pointer[actionTable]
	// oneReading: the document has no GR-2 alternate, so evalGroup may
	// evaluate it from table directly (cachedStatements).
	oneReading bool
}

// actionTable maps action id -> the statements (in document order) whose
// Action/NotAction admits the action.
type actionTable struct {
	slots [actionSlots]atomic.Pointer[actionList]
	// none is the direct-mapped record of actions the policy admits
	// nothing for because none of its statements names their service
	// (statementsFor keeps no list for them): ^id of the action (so that
	// the zero value, and id 0, match nothing), or 0.
	none [noneSlots]atomic.Uint32
	m    promotingMap[uint32, *actionList]
}

func (a *actionLists) get() *actionTable {
	if t := a.table.Load(); t != nil {
		return t
	}
	a.table.CompareAndSwap(nil, new(actionTable))
	return a.table.Load()
}

type actionList struct {
	id    uint32
	stmts []int32
}

// cachedStatements is statementsFor's cache hit, small enough to inline
// (evalGroup): the statements the action with interned id admits, for a
// known document with one reading (no unknown, no GR-2 alternate). ok is
// false when that is not what cp holds for id; statementsFor then decides.
func (cp *CompiledPolicy) cachedStatements(id uint32) (stmts []int32, ok bool) {
	if cp.acts == nil || !cp.acts.oneReading {
		return
	}
	if a := cp.acts.table.Load(); a != nil {
		// id 0 (not interned) matches neither table
		if l := a.slots[id%actionSlots].Load(); l != nil && l.id == id {
			return l.stmts, true
		}
		ok = a.none[id%noneSlots].Load() == ^id
	}
	return
}

// statementsFor returns the statements of cp the action admits; ok is false
// when the list is not cached (the caller then matches actions itself).
// A policy none of whose statements names the action's service (nor every
// service) admits nothing and keeps no list (in planscan's access matrix
// most policies are asked about most actions of other services), only the
// action's id in the direct-mapped none table, which cachedStatements reads.
func (cp *CompiledPolicy) statementsFor(key actionKey, action string, svc *actionServiceKey) ([]int32, bool) {
	id := key.id
	if id == 0 || cp.acts == nil {
		return nil, false
	}
	// The direct-mapped slot first: a list is cached only for an action
	// whose service the policy names, so a hit needs no service lookup.
	var a *actionTable
	if a = cp.acts.table.Load(); a != nil {
		if l := a.slots[id%actionSlots].Load(); l != nil && l.id == id {
			return l.stmts, true
		}
	}
	if a == nil {
		a = cp.acts.get()
	}
	if len(cp.index.statements(svc, key.svc)) == 0 {
		a.none[id%noneSlots].Store(^id)
		return nil, true
	}
	slot := &a.slots[id%actionSlots]
	l, ok := a.m.load(id)
	if !ok {
		l, ok = a.m.loadOrStore(id, maxCachedActionsPerPolicy, func() *actionList {
			return &actionList{id: id, stmts: cp.matchActions(action)}
		})
		if !ok {
			return nil, false
		}
	}
	slot.Store(l)
	return l.stmts, true
}

// matchActions lists the statements whose Action/NotAction admits action
// (EV-1: Action matches, or NotAction does not).
func (cp *CompiledPolicy) matchActions(action string) []int32 {
	var out []int32
	for i := range cp.stmts {
		st := &cp.stmts[i]
		if st.actions.match(action) != st.notAction {
			out = append(out, int32(i))
		}
	}
	return out
}
