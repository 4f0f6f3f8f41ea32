package evaluator

import "sync"

// PolicyCache holds compiled documents for CompileCached, so that a
// document many sets share (an AWS managed policy attached to a hundred
// roles, an SCP over every account) is parsed and compiled once. A
// compiled policy is not changed after compilation, so sets share it as
// they share a CompiledResource. Safe for concurrent use; use one cache per
// Options (the compilation depends on them).
type PolicyCache struct {
	mu sync.Mutex
	m  map[policyKey]*CompiledPolicy
}

type policyKey struct {
	typ     PolicyType
	name    string
	implied bool
	json    string
}

// compile is compilePolicy through the cache (a nil cache, or a document
// known only after apply, compiles directly).
func (pc *PolicyCache) compile(d PolicyDoc, typ PolicyType, opts Options, name string) *CompiledPolicy {
	if pc == nil || d.Unknown != nil {
		return compilePolicy(d, typ, opts, name)
	}
	k := policyKey{typ: typ, name: name, implied: d.ImpliedResource, json: string(d.JSON)}
	pc.mu.Lock()
	cp := pc.m[k]
	pc.mu.Unlock()
	if cp != nil {
		return cp
	}
	cp = compilePolicy(d, typ, opts, name)
	pc.mu.Lock()
	if pc.m == nil {
		pc.m = map[policyKey]*CompiledPolicy{}
	}
	if prev := pc.m[k]; prev != nil {
		cp = prev
	} else {
		pc.m[k] = cp
	}
	pc.mu.Unlock()
	return cp
}
