package evaluator

import "strings"

// evalEnv is the per-decision state the compiled matchers read: the request,
// its context (given keys first, then the keys derived from the principal,
// CTX-1), and the Result where missing keys and unknown reasons are noted.
// Matchers must not allocate on the common path.
type evalEnv struct {
	req *Request
	// derived holds the principal keys the request did not supply (CTX-1),
	// computed from keys on the first lookup the request context misses
	// (keys nil: none).
	derived *Context
	keys    *derivedKeys
	res     *Result
	// shape is the request resource split once (resourceShape).
	shape arnShape
	// binds holds the variable bindings of the matcher being evaluated;
	// bound says some matcher of this decision used it.
	binds varBinds
	bound bool
	// memo holds the context lookups of this decision (context_keymemo.go).
	memo keyMemo
	// notes are the outermost notes of the Resource and Condition
	// matchers (notesScratch).
	notes notesScratch
	// warmSink keeps Context.warm's reads from being optimised away.
	warmSink uint
	// slr remembers, across the decisions of one pooled scratch, whether
	// the last role ARN asked about is a service-linked role's (EV-19):
	// consecutive requests usually come from one caller.
	slr slrMemo
}

// slrMemo is the last answer of isServiceLinkedRoleARN and its argument.
type slrMemo struct {
	arn     string
	is, set bool
}

// serviceLinked is isServiceLinkedRoleARN(arn), remembered for the next call.
func (m *slrMemo) serviceLinked(arn string) bool {
	if !m.set || m.arn != arn {
		m.arn, m.is, m.set = arn, isServiceLinkedRoleARN(arn), true
	}
	return m.is
}

// notesScratch holds the triNotes of the top-level matchers of a
// statement, which run one at a time and do not nest: reusing them saves
// zeroing a fresh triNotes (six Reasons) per matcher call.
type notesScratch struct {
	r [2]triNotes
}

// take empties the first n notes (n ≤ 2) and returns the first two; a
// matcher owns them until it returns.
func (s *notesScratch) take(n int) (*triNotes, *triNotes) {
	s.r[0].n = 0
	if n > 1 {
		s.r[1].n = 0
	}
	return &s.r[0], &s.r[1]
}

// reset prepares e for a decision (nil arguments: none, dropping the
// references of the last one). It clears the bindings only when they were
// used, instead of zeroing the whole array per decision.
func (e *evalEnv) reset(req *Request, res *Result, keys *derivedKeys) {
	e.req, e.res, e.keys, e.derived = req, res, keys, nil
	e.shape = arnShape{}
	e.memo.clear()
	if e.bound {
		e.binds = varBinds{}
		e.bound = false
	}
}

// lookupFold finds a context key case-insensitively (CO-2), h being its
// foldHash: a key the request gives wins over a derived one (CTX-1). Nil
// means absent (CO-3).
func (e *evalEnv) lookupFold(key string, h uint64) *ContextValue {
	if v := e.req.Context.lookupFold(key, h); v != nil || e.keys == nil {
		return v
	}
	return e.derivedContext().lookupFold(key, h)
}

// derivedContext returns the principal's keys (keys must be set).
func (e *evalEnv) derivedContext() *Context {
	if e.derived == nil {
		e.derived = e.keys.context(&e.req.Principal)
	}
	return e.derived
}

// noteMissing records a key a condition needed but the request lacks.
func (e *evalEnv) noteMissing(key string) {
	for _, k := range e.res.MissingContextKeys {
		if strings.EqualFold(k, key) {
			return
		}
	}
	e.res.MissingContextKeys = append(e.res.MissingContextKeys, key)
}

// noteUnknown records what an unknown result depends on: an Unknown's
// Reason, or an ambiguity (AMB-1), once per text.
func (e *evalEnv) noteUnknown(reason Reason) {
	for _, r := range e.res.Unknowns {
		if r.sameText(reason) {
			return
		}
	}
	e.res.Unknowns = append(e.res.Unknowns, reason)
}
