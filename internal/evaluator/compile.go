package evaluator

import (
	"strconv"
	"strings"
)

// CompiledPolicy is one policy document ready for decisions: its statements
// with compiled matchers, an index by service prefix, and the findings of
// parsing (and validating, when a Catalog is given). A document with an E1/E2
// finding is invalid: a decision that uses it is an error (EV-21). An
// unknown document (PT-5) compiles to a marker that may hold any Allow and
// any Deny.
type CompiledPolicy struct {
	name     string
	typ      PolicyType
	findings []Finding
	invalid  bool
	// unknown is set for a document known only after apply (PT-5);
	// unknownReason is what the result names.
	unknown       *Unknown
	unknownReason Reason
	stmts         []compiledStatement
	index         statementIndex
	// alt is the first-wins reading of a document with duplicate keys (GR-2).
	alt *CompiledPolicy
	// acts caches, per request action, the statements it admits
	// (action_plan.go); nil for big policies, which use their index.
	acts *actionLists
	// endpoint and sidePrincipals say, once, what evalStatement would
	// otherwise compare typ for on every statement: a VPC endpoint policy,
	// and a policy type whose statements name principals (resource, trust,
	// RCP, endpoint).
	endpoint, sidePrincipals bool
}

func newCompiledPolicy(name string, typ PolicyType) *CompiledPolicy {
	return &CompiledPolicy{
		name: name, typ: typ,
		endpoint:       typ == PolicyEndpoint,
		sidePrincipals: typ == PolicyResource || typ == PolicyTrust || typ == PolicyRCP || typ == PolicyEndpoint,
	}
}

// Name is the policy's name as results show it.
func (p *CompiledPolicy) Name() string { return p.name }

// Type is the policy type the document was compiled as.
func (p *CompiledPolicy) Type() PolicyType { return p.typ }

// Findings are the parse and validation findings of the document.
func (p *CompiledPolicy) Findings() []Finding { return p.findings }

// Invalid reports whether the document has an E1/E2 finding (EV-21).
func (p *CompiledPolicy) Invalid() bool { return p.invalid }

// Unknown returns the Unknown of a document known only after apply (PT-5).
func (p *CompiledPolicy) Unknown() *Unknown { return p.unknown }

// compiledStatement is one statement with its matchers (EV-1).
type compiledStatement struct {
	label     string
	effect    Effect
	notAction bool
	actions   actionMatcher
	// hasResource is false in trust policies (RS-1): the element is absent.
	hasResource bool
	notResource bool
	resources   resourceMatcher
	// resourceAll: Resource (not NotResource) whose first entry is "*"
	// with no policy variable in any entry, which matches every request
	// resource (RS-4) without running the matcher (matchesEverything).
	resourceAll bool
	hasConds    bool
	conds       conditionMatcher
	// principal / notPrincipal are nil when the element is absent.
	principal    *principalMatcher
	notPrincipal *principalMatcher
	// principalArnCond: the statement has an aws:PrincipalArn condition,
	// which lets a "*" grant skip PBs and session policies (EV-8).
	principalArnCond bool
}

// statementIndex lists, per lower-case service prefix, the statements whose
// action patterns can match an action of that service, in document order;
// catchAll holds those that can match any service ("*", wildcards in the
// prefix, NotAction), used for prefixes the document never names.
type statementIndex struct {
	byService map[string][]int32
	// services holds byService by interned service id (action_service_ids.go).
	services serviceLists
	catchAll []int32
	// big and bigCatchAll split byService and catchAll further by exact
	// action and resource key (statement_index.go); nil below
	// bigPolicyStatements statements.
	big         map[string]*serviceIndex
	bigCatchAll *serviceIndex
}

// CompilePolicy parses and compiles one document. The name defaults to the
// policy type when doc.Name is empty; Compile gives the oracle's names.
func CompilePolicy(doc PolicyDoc, typ PolicyType, opts Options) *CompiledPolicy {
	name := doc.Name
	if name == "" {
		name = string(typ)
	}
	return compilePolicy(doc, typ, opts, name)
}

func compilePolicy(doc PolicyDoc, typ PolicyType, opts Options, name string) *CompiledPolicy {
	cp := newCompiledPolicy(name, typ)
	if doc.Unknown != nil {
		u := *doc.Unknown
		cp.unknown = &u
		cp.unknownReason = u.reasonOr(Reason{Kind: ReasonPolicy, Ref: name})
		return cp
	}
	if doc.ImpliedResource {
		opts.ImpliedResource = true
	}
	// The tree does not depend on TrustPolicyQuota, only the findings do:
	// one parse gives both (as Validate would), or none when the caller
	// parsed the document already (ParseDocument).
	tree, findings := parsedFor(&doc, typ, opts)
	cp.findings = findings
	if tree == nil || HasErrors(findings) {
		cp.invalid = true
		if !HasErrors(findings) {
			cp.findings = append(cp.findings, Finding{Severity: SeverityError, Code: "GR-1", Message: "the document is not a JSON object"})
		}
		return cp
	}
	cp.compileTree(tree)
	if tree.Alternate != nil {
		alt := newCompiledPolicy(name, typ)
		alt.compileTree(tree.Alternate)
		cp.alt = alt
	} else if cp.acts != nil {
		cp.acts.oneReading = true
	}
	return cp
}

func (cp *CompiledPolicy) compileTree(tree *Policy) {
	varsEnabled := tree.Version == "2012-10-17" // VA-1
	cp.stmts = make([]compiledStatement, len(tree.Statements))
	for i := range tree.Statements {
		st := &tree.Statements[i]
		cs := &cp.stmts[i]
		cs.label = st.Label()
		cs.effect = st.Effect
		cs.notAction = st.NotAction
		cs.actions = compileActionMatcher(st.Actions)
		cs.hasResource = st.HasResource
		cs.notResource = st.NotResource
		if st.HasResource {
			cs.resources = compileResourceMatcher(st.Resources, varsEnabled)
			cs.resourceAll = !st.NotResource && cs.resources.matchesEverything()
		}
		if len(st.Conditions) > 0 {
			cs.hasConds = true
			cs.conds = compileConditionMatcher(st.Conditions, varsEnabled)
			for _, c := range st.Conditions {
				if strings.EqualFold(c.Key, "aws:PrincipalArn") {
					cs.principalArnCond = true
				}
			}
		}
		cs.principal = compilePrincipalMatcher(st.Principal)
		cs.notPrincipal = compilePrincipalMatcher(st.NotPrincipal)
	}
	cp.index = buildStatementIndex(tree.Statements)
	if cp.index.big == nil {
		cp.acts = &actionLists{}
	}
}

// statementServices returns the lower-case service prefixes a statement's
// action patterns name, or all=true when it can match any service.
func statementServices(st *Statement) (prefixes []string, all bool) {
	if st.NotAction || !st.HasAction {
		return nil, true
	}
	for _, v := range st.Actions {
		colon := strings.IndexByte(v.Text, ':')
		if colon < 0 {
			return nil, true // "*", or malformed: let the matcher decide
		}
		svc := strings.ToLower(v.Text[:colon])
		if strings.ContainsAny(svc, "*?") {
			return nil, true
		}
		prefixes = append(prefixes, svc)
	}
	return prefixes, false
}

func buildStatementIndex(stmts []Statement) statementIndex {
	ix := statementIndex{byService: map[string][]int32{}}
	per := make([][]string, len(stmts))
	catch := make([]bool, len(stmts))
	for i := range stmts {
		per[i], catch[i] = statementServices(&stmts[i])
		if catch[i] {
			ix.catchAll = append(ix.catchAll, int32(i))
		}
		for _, s := range per[i] {
			ix.byService[s] = nil
		}
	}
	for svc := range ix.byService {
		var list []int32
		for i := range stmts {
			if catch[i] || listHasString(per[i], svc) {
				list = append(list, int32(i))
			}
		}
		ix.byService[svc] = list
	}
	ix.services = buildServiceLists(ix.byService)
	if len(stmts) >= bigPolicyStatements {
		ix.big = make(map[string]*serviceIndex, len(ix.byService))
		for svc, list := range ix.byService {
			ix.big[svc] = buildServiceIndex(stmts, list, svc)
		}
		ix.bigCatchAll = buildServiceIndex(stmts, ix.catchAll, "")
	}
	return ix
}

func listHasString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// actionServiceKey is the request action's service prefix, lower-cased without
// allocating (AC-1).
type actionServiceKey struct {
	s     string // the prefix as written
	lower bool   // s is already lower-case
	buf   [48]byte
	n     int
	// tooLong: a prefix longer than buf with upper case, which matches no
	// entry of byService (and must not match by service id either).
	tooLong bool
}

func (k *actionServiceKey) set(action string) {
	colon := strings.IndexByte(action, ':')
	if colon < 0 {
		colon = len(action)
	}
	k.s, k.lower, k.n, k.tooLong = action[:colon], true, 0, false
	for i := 0; i < len(k.s); i++ {
		if c := k.s[i]; c >= 'A' && c <= 'Z' {
			k.lower = false
			break
		}
	}
	if !k.lower {
		if len(k.s) > len(k.buf) {
			k.lower, k.tooLong = true, true // too long to be a service; no entry will match
			return
		}
		for i := 0; i < len(k.s); i++ {
			c := k.s[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			k.buf[i] = c
		}
		k.n = len(k.s)
	}
}

// equal reports whether the prefix equals the lower-case string s.
func (k *actionServiceKey) equal(s string) bool {
	if k.lower {
		return k.s == s
	}
	return string(k.buf[:k.n]) == s
}

// statements returns the statements of the policy that can match the key;
// sid is the interned id of the key's service (0: not interned).
func (ix *statementIndex) statements(k *actionServiceKey, sid uint32) []int32 {
	if sid != 0 && !ix.services.byMap && !k.tooLong {
		for i, id := range ix.services.ids {
			if id == sid {
				return ix.services.lists[i]
			}
		}
		return ix.catchAll
	}
	var list []int32
	var ok bool
	if k.lower {
		list, ok = ix.byService[k.s]
	} else {
		list, ok = ix.byService[string(k.buf[:k.n])]
	}
	if ok {
		return list
	}
	return ix.catchAll
}

// CompiledSet is a PolicySet compiled once for many decisions (EV-2).
type CompiledSet struct {
	opts       Options
	identity   []*CompiledPolicy
	boundaries []*CompiledPolicy
	session    []*CompiledPolicy
	hasSession bool
	// resource and trust are the same resource document compiled as a
	// resource policy and as a trust policy (which has no Resource element);
	// the request decides which one is used.
	resource *CompiledPolicy
	trust    *CompiledPolicy
	scps     [][]*CompiledPolicy
	rcps     [][]*CompiledPolicy
	endpoint []*CompiledPolicy
	// someInvalid: a document other than the resource document is invalid
	// (EV-21); when false, a decision checks only the resource document.
	someInvalid bool
}

// Compile compiles every document of the set. Documents without a name get
// the oracle's names: identity-<i>, pb-<i>, session-policy, resource-policy,
// scp-<level>-<i>, rcp-<level>-<i>, vpce-<i> (0-based).
func Compile(set PolicySet, opts Options) *CompiledSet { return CompileCached(set, opts, nil) }

// CompileCached is Compile with the identity, boundary, SCP and RCP
// documents taken from cache when an earlier set of the same options
// compiled them (nil: none).
func CompileCached(set PolicySet, opts Options, cache *PolicyCache) *CompiledSet {
	c := &CompiledSet{opts: opts, hasSession: set.HasSession || len(set.Session) > 0}
	for i, d := range set.Identity {
		c.identity = append(c.identity, cache.compile(d, PolicyIdentity, opts, policyNameOr(d, "identity-"+strconv.Itoa(i))))
	}
	for i, d := range set.Boundaries {
		c.boundaries = append(c.boundaries, cache.compile(d, PolicyBoundary, opts, policyNameOr(d, "pb-"+strconv.Itoa(i))))
	}
	for _, d := range set.Session {
		c.session = append(c.session, compilePolicy(d, PolicySession, opts, policyNameOr(d, "session-policy")))
	}
	c.setResource(set.Resource)
	for lvl, docs := range set.SCPs {
		level := []*CompiledPolicy{}
		for i, d := range docs {
			level = append(level, cache.compile(d, PolicySCP, opts, policyNameOr(d, "scp-"+strconv.Itoa(lvl)+"-"+strconv.Itoa(i))))
		}
		c.scps = append(c.scps, level)
	}
	for lvl, docs := range set.RCPs {
		level := []*CompiledPolicy{}
		for i, d := range docs {
			level = append(level, cache.compile(d, PolicyRCP, opts, policyNameOr(d, "rcp-"+strconv.Itoa(lvl)+"-"+strconv.Itoa(i))))
		}
		c.rcps = append(c.rcps, level)
	}
	for i, d := range set.Endpoint {
		c.endpoint = append(c.endpoint, compilePolicy(d, PolicyEndpoint, opts, policyNameOr(d, "vpce-"+strconv.Itoa(i))))
	}
	for _, p := range c.Policies() {
		if p.invalid && p != c.resource {
			c.someInvalid = true
		}
	}
	return c
}

func policyNameOr(d PolicyDoc, def string) string {
	if d.Name != "" {
		return d.Name
	}
	return def
}

func (c *CompiledSet) setResource(doc *PolicyDoc) {
	c.resource, c.trust = nil, nil
	if doc == nil {
		return
	}
	name := policyNameOr(*doc, "resource-policy")
	c.resource = compilePolicy(*doc, PolicyResource, c.opts, name)
	c.trust = compilePolicy(*doc, PolicyTrust, c.opts, name)
}

// WithResource returns the same set with another resource policy (nil: none).
// The other documents are shared, so this is cheap in batches over many
// resources.
func (c *CompiledSet) WithResource(doc *PolicyDoc) *CompiledSet {
	n := *c
	n.setResource(doc)
	return &n
}

// WithOptions returns the same compiled documents decided with other
// options: opts.Catalog turns the reference data on or off (AC-5, RS-10: a
// request whose resource is not a resource type of the action is an error;
// EV-4, EV-15), opts.FittedRequests skips its per-request checks (AC-5,
// RS-10) and keeps the rest. The other fields only take part in parsing
// and validation, which are done.
func (c *CompiledSet) WithOptions(opts Options) *CompiledSet {
	n := *c
	n.opts = opts
	return &n
}

// Policies returns every compiled document of the set (the resource
// document once, as a resource policy), for callers that list findings.
func (c *CompiledSet) Policies() []*CompiledPolicy {
	var out []*CompiledPolicy
	out = append(out, c.identity...)
	out = append(out, c.boundaries...)
	out = append(out, c.session...)
	if c.resource != nil {
		out = append(out, c.resource)
	}
	for _, l := range c.scps {
		out = append(out, l...)
	}
	for _, l := range c.rcps {
		out = append(out, l...)
	}
	out = append(out, c.endpoint...)
	return out
}
