package evaluator

import "strings"

// evalEnv is the per-decision state the compiled matchers read: the request,
// its context (given keys first, then the keys derived from the principal,
// CTX-1), and the Result where missing keys and unknown reasons are noted.
// Matchers must not allocate on the common path.
type evalEnv struct {
	req *Request
	// derived holds the principal keys the request did not supply (CTX-1);
	// filled by the decision code before any matcher runs.
	derived Context
	res     *Result
}

// lookup finds a context key case-insensitively: a key the request gives
// wins over a derived one. Nil means absent (CO-3).
func (e *evalEnv) lookup(key string) *ContextValue {
	if v := e.req.Context.Lookup(key); v != nil {
		return v
	}
	return e.derived.Lookup(key)
}

// lookupFold is lookup for a key whose foldHash is h.
func (e *evalEnv) lookupFold(key string, h uint64) *ContextValue {
	if v := e.req.Context.lookupFold(key, h); v != nil {
		return v
	}
	return e.derived.lookupFold(key, h)
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
