package evaluator

import "strings"

// bigPolicyStatements is the number of statements from which a policy also
// indexes its statements by exact action and by resource key: a decision on
// a policy with 20,000 statements then visits the statements that can match
// its action and resource, not every statement of the action's service.
const bigPolicyStatements = 64

// maxIndexedAction is the longest request action looked up in the exact
// action index (lower-cased on the stack); longer actions use the service
// lists.
const maxIndexedAction = 128

// serviceIndex splits the statements of one service list (byService, or
// catchAll) of a big policy: exact holds, per lower-case action, the
// statements whose every pattern of the service is that exact action
// (AC-1); wild the others (wildcards, "*", NotAction, other services'
// catch-alls). Every list is in document order.
type serviceIndex struct {
	all   []int32
	exact map[string]*resIndex
	wild  resIndex
}

// resIndex splits statements by resource key (resourceKey): byKey holds the
// statements all of whose Resource patterns begin with a literal resource
// key, under each of their keys; generic the others (NotResource, no
// Resource, "*", a wildcard or variable before the key ends, upper case
// before the 5th colon, RS-6).
type resIndex struct {
	all     []int32
	generic []int32
	byKey   map[string][]int32
	// genericPre and keyPre refine generic and the long byKey lists by
	// literal prefix (statement_prefix_index.go); nil: not refined
	genericPre *prefixIndex
	keyPre     map[string]*prefixIndex
}

// refine builds the prefix indexes of ri's lists.
func (ri *resIndex) refine(stmts []Statement) {
	ri.genericPre = buildPrefixIndex(stmts, ri.generic)
	for k, l := range ri.byKey {
		if px := buildPrefixIndex(stmts, l); px != nil {
			if ri.keyPre == nil {
				ri.keyPre = map[string]*prefixIndex{}
			}
			ri.keyPre[k] = px
		}
	}
}

// resourceKey is the part of an ARN up to its first `/` after the 5th colon
// (the whole ARN when there is none); ok is false for a string with fewer
// than five colons.
func resourceKey(r string) (string, bool) {
	fifth := nthColon(r, 5)
	if fifth < 0 {
		return "", false
	}
	if j := strings.IndexByte(r[fifth+1:], '/'); j >= 0 {
		return r[:fifth+1+j], true
	}
	return r, true
}

// patternResourceKey is the resource key every resource matching the
// pattern has, or ok=false when there is none: the pattern's literal text
// (before any `*`, `?` or `$`) must reach a `/` after the 5th colon, or be
// the whole pattern. A head with upper case may match case-insensitively
// (RS-6), so it has no key.
func patternResourceKey(text string) (string, bool) {
	lit := text
	if i := strings.IndexAny(text, "*?${"); i >= 0 { // "{": a symbol (symbol.go) has no literal key
		lit = text[:i]
	}
	fifth := nthColon(lit, 5)
	if fifth < 0 || hasASCIIUpper(lit[:fifth]) {
		return "", false
	}
	if j := strings.IndexByte(lit[fifth+1:], '/'); j >= 0 {
		return lit[:fifth+1+j], true
	}
	if lit == text {
		return text, true
	}
	return "", false
}

// statementResourceKeys returns the distinct resource keys of a statement,
// or ok=false when it must be visited for every resource.
func statementResourceKeys(st *Statement) ([]string, bool) {
	return statementPatternKeys(st, patternResourceKey)
}

// statementPatternKeys returns the distinct keys of a statement's Resource
// patterns (resource keys, or literal prefixes: statement_prefix_index.go),
// or ok=false when one has none or the statement must be visited for every
// resource (NotResource, no Resource).
func statementPatternKeys(st *Statement, key func(string) (string, bool)) ([]string, bool) {
	if !st.HasResource || st.NotResource || len(st.Resources) == 0 {
		return nil, false
	}
	var keys []string
	for _, v := range st.Resources {
		k, ok := key(v.Text)
		if !ok {
			return nil, false
		}
		if !listHasString(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys, true
}

func (ri *resIndex) add(i int32, keys []string, keyed bool) {
	ri.all = append(ri.all, i)
	if !keyed {
		ri.generic = append(ri.generic, i)
		return
	}
	if ri.byKey == nil {
		ri.byKey = map[string][]int32{}
	}
	for _, k := range keys {
		ri.byKey[k] = append(ri.byKey[k], i)
	}
}

// exactActions returns the lower-case actions of svc a statement names, or
// ok=false when one of its patterns of svc has a wildcard (or the
// statement matches any service).
func exactActions(st *Statement, svc string) ([]string, bool) {
	if st.NotAction || !st.HasAction {
		return nil, false
	}
	var out []string
	for _, v := range st.Actions {
		p := asciiLowerString(v.Text)
		colon := strings.IndexByte(p, ':')
		if colon < 0 || hasGlobMeta(p[:colon]) {
			return nil, false
		}
		if p[:colon] != svc {
			continue
		}
		if hasGlobMeta(p) {
			return nil, false
		}
		if !listHasString(out, p) {
			out = append(out, p)
		}
	}
	return out, true
}

// buildServiceIndex splits one service list (svc "" for catchAll).
func buildServiceIndex(stmts []Statement, list []int32, svc string) *serviceIndex {
	si := &serviceIndex{all: list}
	for _, i := range list {
		st := &stmts[i]
		keys, keyed := statementResourceKeys(st)
		var acts []string
		exact := false
		if svc != "" {
			acts, exact = exactActions(st, svc)
		}
		if !exact || len(acts) == 0 {
			si.wild.add(i, keys, keyed)
			continue
		}
		if si.exact == nil {
			si.exact = map[string]*resIndex{}
		}
		for _, a := range acts {
			ri := si.exact[a]
			if ri == nil {
				ri = &resIndex{}
				si.exact[a] = ri
			}
			ri.add(i, keys, keyed)
		}
	}
	si.wild.refine(stmts)
	for _, ri := range si.exact {
		ri.refine(stmts)
	}
	return si
}

// stmtCursor yields statement numbers in document order, each once, from
// up to sixteen sorted lists, without allocating (a statement with two
// Resource patterns can be in two lists of a prefix index).
type stmtCursor struct {
	lists [16][]int32
	n     int
	last  int32 // the number returned last, or -1
}

func (c *stmtCursor) push(l []int32) {
	if len(l) > 0 {
		c.lists[c.n] = l
		c.n++
	}
}

func (c *stmtCursor) next() (int32, bool) {
	for {
		best := -1
		for i := 0; i < c.n; i++ {
			if l := c.lists[i]; len(l) > 0 && (best < 0 || l[0] < c.lists[best][0]) {
				best = i
			}
		}
		if best < 0 {
			return 0, false
		}
		v := c.lists[best][0]
		c.lists[best] = c.lists[best][1:]
		if v != c.last {
			c.last = v
			return v, true
		}
	}
}

// pushRes adds the statements of ri that can match the request resource
// (rk its key, r the resource).
func (c *stmtCursor) pushRes(ri *resIndex, rk, r string, keyed bool) {
	if !keyed {
		c.push(ri.all)
		return
	}
	if px := ri.genericPre; px == nil || !px.push(c, r) {
		c.push(ri.generic)
	}
	l := ri.byKey[rk]
	if len(l) == 0 {
		return
	}
	if px := ri.keyPre[rk]; px == nil || !px.push(c, r) {
		c.push(l)
	}
}

// requestKeys are the request's lower-case action and resource key, looked
// up in the indexes of big policies; computed once per decision.
type requestKeys struct {
	action   string // the action as written, when it has no upper case
	actBuf   [maxIndexedAction]byte
	actN     int    // else its lower-case form is actBuf[:actN]
	actOK    bool   // false: too long to look up
	resource string // the request resource's key
	keyed    bool   // resource holds a usable key
	// req is the request; the keys are computed on first use (done).
	req  *Request
	done bool
	// id is the interned lower-case action and its service
	// (action_plan.go), computed on first use (idDone); 0 when they cannot
	// be interned.
	id     actionKey
	idDone bool
}

func (k *requestKeys) set(req *Request) {
	k.req, k.done, k.idDone = req, false, false
}

// serviceID returns the interned id of the request action's service (0:
// not interned).
func (k *requestKeys) serviceID() uint32 { return k.interned().svc }

func (k *requestKeys) interned() actionKey {
	if !k.idDone {
		k.idDone, k.id = true, internActionKey(k.req.Action)
	}
	return k.id
}

func (k *requestKeys) compute() {
	req := k.req
	k.done = true
	a := req.Action
	k.action, k.actN, k.actOK = a, -1, true
	if hasASCIIUpper(a) {
		if len(a) > len(k.actBuf) {
			k.actOK = false
		} else {
			for i := 0; i < len(a); i++ {
				k.actBuf[i] = asciiLower(a[i])
			}
			k.actN = len(a)
		}
	}
	k.resource, k.keyed = "", false
	if req.ResourceUnknown == nil && !headHasUpper(req.Resource) {
		k.resource, k.keyed = resourceKey(req.Resource)
	}
}

// exact looks the action up in an exact-action index, without allocating.
func (k *requestKeys) exact(m map[string]*resIndex) *resIndex {
	if k.actN >= 0 {
		return m[string(k.actBuf[:k.actN])]
	}
	return m[k.action]
}

// cursor sets c to the statements of the policy that can match the request.
func (ix *statementIndex) cursor(svc *actionServiceKey, rk *requestKeys, c *stmtCursor) {
	c.n, c.last = 0, -1
	if ix.big == nil {
		c.push(ix.statements(svc, rk.serviceID()))
		return
	}
	var si *serviceIndex
	if svc.lower {
		si = ix.big[svc.s]
	} else {
		si = ix.big[string(svc.buf[:svc.n])]
	}
	if si == nil {
		si = ix.bigCatchAll
	}
	if !rk.done {
		rk.compute()
	}
	if !rk.actOK {
		c.push(si.all)
		return
	}
	if si.exact != nil {
		if ri := rk.exact(si.exact); ri != nil {
			c.pushRes(ri, rk.resource, rk.req.Resource, rk.keyed)
		}
	}
	c.pushRes(&si.wild, rk.resource, rk.req.Resource, rk.keyed)
}
