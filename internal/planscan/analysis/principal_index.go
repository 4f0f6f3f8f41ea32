package analysis

import "github.com/iamsim/terraform-provider-iamsim/internal/evaluator"

// principalIndex finds the items (targets of the access matrix, roles of
// the escalation graph) whose resource or trust documents may name a
// caller, without asking every document for every caller (quadratic on
// plans with thousands of them). It is keyed by the engine's index keys
// (evaluator.PrincipalKeys, CallerKeys): an item it leaves out is one whose
// documents cannot apply to the caller (§2), and the caller still asks the
// engine (PrincipalApplies) about each candidate.
type principalIndex[T any] struct {
	any   []T // a document may apply to every caller
	byKey map[string][]T
}

// add indexes an item under the keys of one of its documents.
func (ix *principalIndex[T]) add(item T, doc *evaluator.CompiledPolicy) {
	keys, any := doc.PrincipalKeys()
	if any {
		ix.any = append(ix.any, item)
		return
	}
	if ix.byKey == nil {
		ix.byKey = map[string][]T{}
	}
	for _, k := range keys {
		ix.byKey[k] = append(ix.byKey[k], item)
	}
}

// candidates calls visit for every item whose documents may name the
// caller; an item may be visited more than once.
func (ix *principalIndex[T]) candidates(p *evaluator.Principal, visit func(T)) {
	lists := [][]T{ix.any}
	for _, k := range evaluator.CallerKeys(p) {
		lists = append(lists, ix.byKey[k])
	}
	for _, l := range lists {
		for _, item := range l {
			visit(item)
		}
	}
}
