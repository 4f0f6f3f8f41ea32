package evalcli

import (
	"strconv"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// Batch is a batch document: one policy set, resource policies chosen per
// request by resource pattern, and the requests (decoded one at a time).
type Batch struct {
	src              []byte
	firstLine        int       // input line of src[0]
	top              jsonValue // built, except the "requests" value
	marks            elementMarks
	Set              evaluator.PolicySet
	ResourcePolicies []ResourcePolicy
}

// ResourcePolicy is a batch document's resource policy: it applies to the
// requests whose resource equals one of Patterns, or starts with a pattern
// ending in '*' without that '*'. Account is their resource account unless
// a request gives one.
type ResourcePolicy struct {
	Patterns []string
	Account  string
	Doc      evaluator.PolicyDoc
}

// BatchRequest is one decoded request of a batch document. Policy is the
// index of the ResourcePolicy that applies, or -1.
type BatchRequest struct {
	ID      []byte
	Request evaluator.Request
	Policy  int
}

// ParseBatch reads a batch document. The Batch and its requests point into
// src, which must not be modified while they are in use. Syntax errors are wrapped in
// ErrUnreadable (the document cannot be read at all); a problem in the
// shared policy fields is returned as an *InputError.
func ParseBatch(src []byte) (*Batch, error) {
	top, marks, err := parseJSONMarking(src, "requests")
	if err != nil {
		return nil, unreadable(lineMap{src: src, firstLine: 1}.inputError(err))
	}
	return newBatch(src, 1, top, marks)
}

// newBatch decodes the shared part of a batch document parsed with
// parseJSONMarking(src, "requests"); firstLine is the input line of src[0].
func newBatch(src []byte, firstLine int, top jsonValue, marks elementMarks) (*Batch, error) {
	b := &Batch{src: src, firstLine: firstLine, top: top, marks: marks}
	m := b.lines()
	if top.kind != jsonObject {
		return nil, unreadable(m.inputError(newFieldError(&top, "", "a batch document must be a JSON object, not %s", top.kind)))
	}
	if r := b.top.get("requests"); r == nil || r.kind != jsonArray {
		at := &b.top
		if r != nil {
			at = r
		}
		return nil, unreadable(m.inputError(newFieldError(at, "/requests", "a batch document needs a \"requests\" array")))
	}
	if err := decodePolicySet(src, &b.top, &b.Set); err != nil {
		return b, m.inputError(err)
	}
	if v := present(&b.top, "resourcePolicies"); v != nil {
		rps, err := decodeResourcePolicies(src, v)
		if err != nil {
			return b, m.inputError(err)
		}
		b.ResourcePolicies = rps
	}
	return b, nil
}

func decodeResourcePolicies(src []byte, v *jsonValue) ([]ResourcePolicy, error) {
	const ptr = "/resourcePolicies"
	if v.kind != jsonArray {
		return nil, newFieldError(v, ptr, "must be an array of {\"resources\", \"account\", \"policy\"}, not %s", v.kind)
	}
	out := make([]ResourcePolicy, 0, len(v.elems))
	for i := range v.elems {
		e, eptr := &v.elems[i], pointerIndex(ptr, i)
		if e.kind != jsonObject {
			return nil, newFieldError(e, eptr, "must be an object, not %s", e.kind)
		}
		var rp ResourcePolicy
		switch r := present(e, "resources"); {
		case r == nil:
			return nil, newFieldError(e, eptr, "missing \"resources\"")
		case r.kind == jsonString:
			rp.Patterns = []string{r.text}
		case r.kind == jsonArray:
			for j := range r.elems {
				if r.elems[j].kind != jsonString {
					return nil, newFieldError(&r.elems[j], pointerIndex(pointerAppend(eptr, "resources"), j), "must be a string, not %s", r.elems[j].kind)
				}
				rp.Patterns = append(rp.Patterns, r.elems[j].text)
			}
		default:
			return nil, newFieldError(r, pointerAppend(eptr, "resources"), "must be an array of ARN patterns, not %s", r.kind)
		}
		if a := present(e, "account"); a != nil {
			if a.kind != jsonString {
				return nil, newFieldError(a, pointerAppend(eptr, "account"), "must be an account id string, not %s", a.kind)
			}
			rp.Account = a.text
		}
		name := resourcePolicyName
		if len(v.elems) > 1 {
			name += "-" + strconv.Itoa(i)
		}
		if n := present(e, "name"); n != nil && n.kind == jsonString {
			name = n.text
		}
		p := present(e, "policy")
		if p == nil {
			return nil, newFieldError(e, eptr, "missing \"policy\"")
		}
		doc, err := decodePolicy(src, p, pointerAppend(eptr, "policy"), name)
		if err != nil {
			return nil, err
		}
		rp.Doc = doc
		out = append(out, rp)
	}
	return out, nil
}

func (b *Batch) lines() lineMap { return lineMap{src: b.src, firstLine: b.firstLine} }

// policyFor returns the index of the first resource policy whose patterns
// cover resource, or -1.
func (b *Batch) policyFor(resource string) int {
	for i := range b.ResourcePolicies {
		for _, p := range b.ResourcePolicies[i].Patterns {
			if p == resource || (strings.HasSuffix(p, "*") && strings.HasPrefix(resource, p[:len(p)-1])) {
				return i
			}
		}
	}
	return -1
}

// EachRequest decodes the requests in order and calls fn for each; a
// request that cannot be decoded is passed with a non-nil *InputError (and
// its id when readable). It stops at the first error fn returns.
//
// r is valid only during fn: its context's storage is reused for the next
// request (evaluator.Context.Reset), so fn must not keep r.Request.Context
// or its values' slices (strings may be kept).
func (b *Batch) EachRequest(fn func(r *BatchRequest, inputErr error) error) error {
	return b.eachRequestFrom(b.top.get("requests").start+1, 0, -1, fn)
}

// chunks returns the start offsets of the chunks of the requests array
// (elements 0, chunkElements, ...), or nil when they were not marked.
func (b *Batch) chunks() []int {
	if arr := b.top.get("requests"); arr == nil || arr.kind != jsonArray || b.marks.of != arr.start {
		return nil
	}
	return b.marks.at
}

// eachRequestFrom is EachRequest from the request at offset pos (index
// first), for at most n requests (all when n < 0). Calls on different
// goroutines may run at once: each has its own decoding state.
func (b *Batch) eachRequestFrom(pos, first, n int, fn func(r *BatchRequest, inputErr error) error) error {
	m := b.lines()
	var r BatchRequest
	var pc principalCache
	return forEachElementFrom(b.src, b.top.get("requests"), pos, first, n, func(i int, v *jsonValue) error {
		ctx := r.Request.Context
		ctx.Reset()
		r = BatchRequest{Policy: -1}
		r.Request.Context = ctx
		if v.kind == jsonObject {
			r.ID = rawID(b.src, v)
		}
		// The request's JSON pointer is built only for an error: decoding
		// again with it gives the same error, located.
		if err := decodeRequestFieldsCached(v, "", &r.Request, &pc); err != nil {
			ctx.Reset()
			r = BatchRequest{Policy: -1, ID: r.ID}
			r.Request.Context = ctx
			err = decodeRequestFieldsCached(v, pointerIndex("/requests", i), &r.Request, &pc)
			return fn(&r, m.inputError(err))
		}
		fallback := ""
		if r.Request.ResourceUnknown == nil {
			if r.Policy = b.policyFor(r.Request.Resource); r.Policy >= 0 {
				fallback = b.ResourcePolicies[r.Policy].Account
			}
		}
		defaultResourceAccount(&r.Request, fallback)
		return fn(&r, nil)
	})
}
