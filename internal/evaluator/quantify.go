package evaluator

import (
	"sort"
	"strings"
)

// Context quantification: the answer to a request over every value of the
// context keys the request does not pin (QUANTIFICATION.md). The decision
// depends on a free key only through the policy values its conditions
// compare it with, so a finite set of representative values per key
// (quantify_witness.go) decides "allowed for every context" and "allowed
// for some context" exactly; the combinations of the keys are enumerated up
// to a bound, and a bound that is hit makes "every" and "none" unknown,
// never a guess.

// ContextOutcome is the answer over every request context (architecture.md,
// decision vocabulary).
type ContextOutcome string

const (
	// OutcomeAlways: allowed for every value of the free keys.
	OutcomeAlways ContextOutcome = "always"
	// OutcomeConditional: allowed for some values and denied for others;
	// Quantified.When says for which.
	OutcomeConditional ContextOutcome = "conditional"
	// OutcomeNever: denied for every value of the free keys.
	OutcomeNever ContextOutcome = "never"
	// OutcomeUnknown: the answer depends on a value known only after apply,
	// on an ambiguity of the documentation (AMB-1), or a bound was hit.
	OutcomeUnknown ContextOutcome = "unknown"
	// OutcomeError: the request or a policy it uses is invalid (EV-21).
	OutcomeError ContextOutcome = "error"
)

// SupportedContextOutcomes lists the outcomes, for docs and validators.
func SupportedContextOutcomes() []string {
	return []string{string(OutcomeAlways), string(OutcomeConditional), string(OutcomeNever), string(OutcomeUnknown), string(OutcomeError)}
}

// DefaultMaxContexts bounds the contexts one quantification decides.
const DefaultMaxContexts = 4096

// QuantifyOptions configure CompiledSet.Quantify.
type QuantifyOptions struct {
	// MaxContexts bounds the combinations of representative values that are
	// decided; 0 means DefaultMaxContexts.
	MaxContexts int
	// FixedKeys are keys the caller knows beyond the request's context: a
	// fixed key the request does not give is absent, not free. A key ending
	// in "/" fixes every key with that prefix (aws:PrincipalTag/ when the
	// principal's tags are all known).
	FixedKeys []string
	// Ranges narrow the values of free string keys to those a kind of
	// caller can send (quantify_range.go).
	Ranges []KeyRange
}

// KeyCondition is one condition on one key of a conjunction, as text
// ("aws:MultiFactorAuthPresent = true", "aws:SourceIp in 10.0.0.0/8").
type KeyCondition struct {
	Key  string `json:"key"`
	Text string `json:"text"`
}

// SampleKey is one key of a sample context: absent, or its values.
type SampleKey struct {
	Key    string   `json:"key"`
	Absent bool     `json:"absent,omitempty"`
	Values []string `json:"values,omitempty"`
	Multi  bool     `json:"multi,omitempty"`
	// Symbol: the value is a symbol of a policy value (quantify_symbol.go),
	// Values then hold that policy value's text.
	Symbol *Unknown `json:"-"`
}

// ContextSample is a complete assignment of the free keys.
type ContextSample []SampleKey

// String renders "k=v, k2 absent"; an empty sample reads "(no free keys)".
func (s ContextSample) String() string {
	if len(s) == 0 {
		return "(no free keys)"
	}
	parts := make([]string, len(s))
	for i, k := range s {
		switch {
		case k.Absent:
			parts[i] = k.Key + " absent"
		case k.Multi:
			parts[i] = k.Key + "=[" + strings.Join(k.Values, ", ") + "]"
		default:
			parts[i] = k.Key + "=" + strings.Join(k.Values, ",")
		}
	}
	return strings.Join(parts, ", ")
}

// Context returns base extended with the sample's present keys.
func (s ContextSample) Context(base *Context) Context {
	ctx := base.Clone()
	for _, k := range s {
		switch {
		case k.Absent:
		case k.Symbol != nil:
			ctx.SetUnknown(k.Key, *k.Symbol)
		case k.Multi:
			ctx.SetList(k.Key, k.Values)
		default:
			ctx.Set(k.Key, k.Values[0])
		}
	}
	return ctx
}

// Quantified is the answer to a request over every context of its free keys.
type Quantified struct {
	Outcome ContextOutcome
	// Keys are the free keys that were ranged over (sorted).
	Keys []string
	// When: allowed iff one of these conjunctions holds (conditional only).
	// Truncated says the list was cut.
	When      [][]KeyCondition
	Truncated bool
	// Allowed is a context under which the request is allowed (the one with
	// the fewest present keys); Denied one under which it is denied, with
	// its decision.
	Allowed        ContextSample
	Denied         ContextSample
	DeniedDecision Decision
	HasAllowed     bool
	HasDenied      bool
	// ExplicitDenies and ImplicitDenies count the denied contexts by kind.
	ExplicitDenies int
	ImplicitDenies int
	// Unknowns: what "every"/"none" depend on: the reasons of unknown
	// decisions (values known only after apply, ambiguities) and
	// ReasonBound ("bound:<what>") when a bound made the enumeration
	// incomplete; sorted by text.
	Unknowns []Reason
	// Contexts is the number of contexts decided.
	Contexts int
	// Error explains an OutcomeError (nil for every other outcome).
	Error *DecideError
	// First is the decision of the first context decided (every free key
	// absent, or its first representative when AWS always sends it).
	First Result
}

// Condition renders the When conjunctions: "a and b; or c".
func (q *Quantified) Condition() string {
	var ors []string
	for _, conj := range q.When {
		parts := make([]string, len(conj))
		for i, c := range conj {
			parts[i] = c.Text
		}
		if len(parts) == 0 {
			parts = []string{"any context"}
		}
		ors = append(ors, strings.Join(parts, " and "))
	}
	s := strings.Join(ors, "; or ")
	if q.Truncated {
		s += "; or ..."
	}
	return s
}

// Possible reports whether the request is allowed for some context.
func (q *Quantified) Possible() bool {
	return q.Outcome == OutcomeAlways || q.Outcome == OutcomeConditional
}

// principalKeys are determined by the caller (CTX-1): fixed, present or absent.
var principalKeys = []string{"aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalType", "aws:userid", "aws:username",
	"aws:PrincipalIsAWSService", "aws:PrincipalServiceName"}

// Quantify answers req for every value of the context keys that occur in
// the conditions of the statements that can apply to its action and that
// neither the request, the principal (CTX-1) nor opts fix.
func (c *CompiledSet) Quantify(req *Request, opts QuantifyOptions) Quantified {
	max := opts.MaxContexts
	if max <= 0 {
		max = DefaultMaxContexts
	}
	var q Quantified
	keys, varKeys := c.freeKeyAtoms(req, &opts)
	for _, vk := range varKeys {
		q.Unknowns = append(q.Unknowns, Reason{Kind: ReasonBound, Ref: "variable " + vk})
	}
	doms := make([]*keyDomain, 0, len(keys))
	total := 1
	for _, k := range keys {
		d := c.domainOf(k, &req.Principal, rangeFor(opts.Ranges, k.key))
		if d.inexact != "" {
			q.Unknowns = append(q.Unknowns, Reason{Kind: ReasonBound, Ref: d.inexact})
		}
		doms = append(doms, d)
		q.Keys = append(q.Keys, d.key)
		if total <= max {
			total *= len(d.vals)
		}
	}
	if total > max {
		q.Unknowns = append(q.Unknowns, Reason{Kind: ReasonBound, Ref: "contexts"})
	}
	e := enumerator{c: c, req: req, doms: doms, max: max}
	e.run(&q)
	q.classify(&e)
	if q.Outcome == OutcomeConditional {
		q.When, q.Truncated = describeAllowed(doms, e.decided, e.allowed)
	}
	q.Unknowns = sortedUniqueReasons(q.Unknowns)
	return q
}

// enumerator decides the combinations of representative values.
type enumerator struct {
	c    *CompiledSet
	req  *Request
	doms []*keyDomain
	max  int
	// decided and allowed hold, per decided combination, the value index of
	// each key and whether it was allowed.
	decided [][]int
	allowed []bool
	nAllow  int
	nDeny   int
	nUnk    int
	err     *DecideError
}

func (e *enumerator) run(q *Quantified) {
	idx := make([]int, len(e.doms))
	r := *e.req
	var res Result
	bestAllow := -1
	for n := 0; n < e.max; n++ {
		ctx := e.req.Context.Clone()
		for i, d := range e.doms {
			d.vals[idx[i]].set(&ctx, d.key, d.multi)
		}
		r.Context = ctx
		e.c.DecideInto(&r, &res)
		if n == 0 {
			q.First = cloneResult(&res)
		}
		q.Contexts++
		combo := append([]int(nil), idx...)
		switch res.Decision {
		case Allowed:
			e.nAllow++
			e.decided, e.allowed = append(e.decided, combo), append(e.allowed, true)
			if p := presentCount(e.doms, combo); bestAllow < 0 || p < bestAllow {
				bestAllow = p
				q.Allowed, q.HasAllowed = sampleOf(e.doms, combo), true
			}
		case ExplicitDeny, ImplicitDeny:
			e.nDeny++
			if res.Decision == ExplicitDeny {
				q.ExplicitDenies++
			} else {
				q.ImplicitDenies++
			}
			e.decided, e.allowed = append(e.decided, combo), append(e.allowed, false)
			if !q.HasDenied {
				q.Denied, q.HasDenied, q.DeniedDecision = sampleOf(e.doms, combo), true, res.Decision
			}
		case DecisionError:
			e.err = res.Error
			return
		default:
			e.nUnk++
			q.Unknowns = append(q.Unknowns, res.Unknowns...)
		}
		// next combination (the last key varies fastest)
		i := len(idx) - 1
		for ; i >= 0; i-- {
			idx[i]++
			if idx[i] < len(e.doms[i].vals) {
				break
			}
			idx[i] = 0
		}
		if i < 0 {
			return
		}
	}
}

func (q *Quantified) classify(e *enumerator) {
	exact := true
	for _, u := range q.Unknowns {
		if u.Kind == ReasonBound {
			exact = false
		}
	}
	switch {
	case e.err != nil:
		q.Outcome, q.Error = OutcomeError, e.err
	case e.nAllow > 0 && e.nDeny > 0:
		// Both are witnessed by real contexts: exact whatever else is open.
		q.Outcome = OutcomeConditional
	case e.nUnk == 0 && exact && e.nAllow > 0:
		q.Outcome = OutcomeAlways
	case e.nUnk == 0 && exact && e.nDeny > 0:
		q.Outcome = OutcomeNever
	default:
		q.Outcome = OutcomeUnknown
	}
}

func presentCount(doms []*keyDomain, combo []int) int {
	n := 0
	for i, d := range doms {
		if !d.vals[combo[i]].absent {
			n++
		}
	}
	return n
}

func sampleOf(doms []*keyDomain, combo []int) ContextSample {
	out := make(ContextSample, len(doms))
	for i, d := range doms {
		v := &d.vals[combo[i]]
		out[i] = SampleKey{Key: d.key, Absent: v.absent, Values: v.values, Multi: d.multi, Symbol: v.sym}
	}
	return out
}

func cloneResult(r *Result) Result {
	c := *r
	c.MatchedStatements = append([]MatchedStatement(nil), r.MatchedStatements...)
	c.BlockedBy = append([]string(nil), r.BlockedBy...)
	c.MissingContextKeys = append([]string(nil), r.MissingContextKeys...)
	c.Unknowns = append([]Reason(nil), r.Unknowns...)
	c.Possible = append([]Decision(nil), r.Possible...)
	c.Notes = append([]Reason(nil), r.Notes...)
	c.Findings = append([]Finding(nil), r.Findings...)
	return c
}

// keyAtoms are the conditions that compare one free key, across the set.
type keyAtoms struct {
	key   string
	conds []*compiledCond
}

// freeKeyAtoms collects the conditions of the statements that can apply to
// the request's action, per key that is free: not given by the request, not
// determined by the principal (CTX-1), not fixed by opts. varKeys are free
// keys used as policy variables (their dependence is not enumerated).
func (c *CompiledSet) freeKeyAtoms(req *Request, opts *QuantifyOptions) (keys []*keyAtoms, varKeys []string) {
	byKey := map[string]*keyAtoms{}
	vars := map[string]string{}
	fixed := func(k string) bool {
		if req.Context.Has(k) {
			return true
		}
		for _, pk := range principalKeys {
			if strings.EqualFold(pk, k) {
				return true
			}
		}
		for _, f := range opts.FixedKeys {
			if strings.EqualFold(f, k) || strings.HasSuffix(f, "/") && len(k) >= len(f) && strings.EqualFold(k[:len(f)], f) {
				return true
			}
		}
		return false
	}
	pols := c.Policies()
	if c.trust != nil {
		pols = append(pols, c.trust)
	}
	for _, p := range pols {
		for _, pp := range []*CompiledPolicy{p, p.alt} {
			if pp == nil {
				continue
			}
			for si := range pp.stmts {
				st := &pp.stmts[si]
				if st.actions.match(req.Action) == st.notAction {
					continue
				}
				if st.hasResource {
					for _, vk := range st.resources.vars.keys {
						if !fixed(vk) {
							vars[strings.ToLower(vk)] = vk
						}
					}
				}
				if !st.hasConds {
					continue
				}
				for _, vk := range st.conds.vars.keys {
					if !fixed(vk) {
						vars[strings.ToLower(vk)] = vk
					}
				}
				for ci := range st.conds.conds {
					cc := &st.conds.conds[ci]
					if fixed(cc.key) {
						continue
					}
					lk := strings.ToLower(cc.key)
					ka := byKey[lk]
					if ka == nil {
						ka = &keyAtoms{key: cc.key}
						byKey[lk] = ka
						keys = append(keys, ka)
					}
					ka.conds = append(ka.conds, cc)
				}
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool { return strings.ToLower(keys[i].key) < strings.ToLower(keys[j].key) })
	for _, v := range vars {
		varKeys = append(varKeys, v)
	}
	sort.Strings(varKeys)
	return keys, varKeys
}
