package evaluator

import "sync/atomic"

// A small policy's statements are listed per service prefix (byService).
// Looking the request's service up in each policy's map cost a string hash
// per policy and decision; instead, services are interned process-wide
// (serviceIDs, the lower-case prefix -> a small id): the request's service
// id comes with its interned action (actionKey), and each policy keeps
// its services' ids in a short slice that a decision scans. A service that
// cannot be interned (the table is full) makes its policy, or the request,
// use the map as before, so answers never depend on the table.

// maxInternedServices bounds the process-wide service table (the
// reference data has about 450 services).
const maxInternedServices = 1 << 14

// idTable interns strings as small ids, from 1, up to a bound.
type idTable struct {
	m    promotingMap[string, uint32]
	next atomic.Uint32
}

// intern returns the id of s (0 when the table holds limit entries and s
// is not one of them). The fast path is one map lookup.
func (t *idTable) intern(s string, limit int) uint32 {
	if id, ok := t.m.load(s); ok {
		return id
	}
	id, ok := t.m.loadOrStore(s, limit, func() uint32 { return t.next.Add(1) })
	if !ok {
		return 0
	}
	return id
}

// serviceIDs interns lower-case service prefixes.
var serviceIDs idTable

// internService returns the id of the lower-case service prefix svc (0 when
// the table is full).
func internService(svc string) uint32 { return serviceIDs.intern(svc, maxInternedServices) }

// serviceLists is byService as parallel slices of service ids and
// statement lists, for the scan; byMap is set when some service of the
// policy has no id.
type serviceLists struct {
	ids   []uint32
	lists [][]int32
	byMap bool
}

func buildServiceLists(byService map[string][]int32) serviceLists {
	var sl serviceLists
	for svc, list := range byService {
		id := internService(svc)
		if id == 0 {
			return serviceLists{byMap: true}
		}
		sl.ids = append(sl.ids, id)
		sl.lists = append(sl.lists, list)
	}
	return sl
}
