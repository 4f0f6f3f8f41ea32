package analysis

// The access matrix, second half: the decisions of one principal over the
// universe (matrix_universe.go), and the matrix of every principal.

import (
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// principalAccess is a principal's decisions on one side. Targets fall
// into principal groups: the universe's generic groups of the side (ids
// below len(u.ix.gens[side])) and, after them, explicit groups of the
// targets whose documents name the principal. Per local class, the targets
// a statement of that class may match by its resource patterns are decided
// one by one (rows[l].ind); every other target gets the decision of its
// principal group (rows[l].gen).
type principalAccess struct {
	side   int
	sub    *Subject
	absent bool
	*localClasses
	explicit explicitIndex // target id -> explicit principal group
	extra    [][]*matrixTarget
	// rest: the members of the generic groups that hold explicit targets,
	// without them (the others are all in u.ix.gens)
	rest map[int32][]*matrixTarget
	rows []accessRow
}

// localClasses is the per-principal partition of the global classes,
// shared by the principals with the same relevant patterns.
type localClasses struct {
	local     []int32 // global class -> local class (index into locals)
	locals    []*actionClass
	localPats [][]int32         // relevant patterns of each local class
	services  []map[string]bool // services of each local class's members
}

// actsOn reports whether a member of local class l acts on the target
// (serviceOn): the other pairs are never asked for, so not decided.
func (lc *localClasses) actsOn(l int, t *matrixTarget) bool {
	s := lc.services[l]
	return t.Kind == "*" || s[t.Service] || s["sts"] && t.Kind == "iam-role"
}

// accessRow is one local class's decisions.
type accessRow struct {
	gen   []cellResult    // per principal group
	indT  []*matrixTarget // targets decided one by one, by id
	cells []cellResult    // their decisions
}

// group is the principal group of a target.
func (p *principalAccess) group(u *universe, t *matrixTarget) int32 {
	if g, ok := p.explicit.get(t.id); ok {
		return g
	}
	return u.ix.gsig[p.side][t.id]
}

// ind returns the index of a target decided one by one in a row, or -1.
func (r *accessRow) ind(t *matrixTarget) int {
	i := sort.Search(len(r.indT), func(i int) bool { return r.indT[i].id >= t.id })
	if i < len(r.indT) && r.indT[i] == t {
		return i
	}
	return -1
}

// decision returns the decision of a global class on a target.
func (m *matrix) decision(p *principalAccess, class int32, t *matrixTarget) *cellResult {
	if p.absent {
		return &absentResult
	}
	row := &p.rows[p.local[class]]
	if i := row.ind(t); i >= 0 {
		return &row.cells[i]
	}
	return &row.gen[p.group(m.u, t)]
}

var absentResult = newCellResult(evaluator.ImplicitDeny, nil, nil)

// classOn reports whether a class's service can act on a target.
func classOn(c *actionClass, t *matrixTarget) bool { return serviceOn(c.service, t) }

// serviceOn: actions of a service act on its resources; STS acts on roles.
func serviceOn(service string, t *matrixTarget) bool {
	return t.Kind == "*" || service == t.Service || service == "sts" && t.Kind == "iam-role"
}

// restOfGroups lists, once per principal, the members of the generic
// groups that are mostly explicit targets, without them (a generic group of
// 1,000 buckets that all name the principal was walked for every class).
// A group with few explicit members is not copied (20,000 roles, each
// explicit for its own trust, would copy the 20,000-role group per
// principal): groupMembers skips its explicit members as it walks.
func (p *principalAccess) restOfGroups(u *universe) {
	if p.explicit.len() == 0 {
		return
	}
	count := map[int32]int{}
	p.explicit.each(func(id int, _ int32) {
		count[u.ix.gsig[p.side][id]]++
	})
	for g, n := range count {
		members := u.ix.gens[p.side][g]
		if 2*n < len(members) {
			continue
		}
		r := make([]*matrixTarget, 0, len(members)-n)
		for _, t := range members {
			if !p.explicit.has(t.id) {
				r = append(r, t)
			}
		}
		if p.rest == nil {
			p.rest = map[int32][]*matrixTarget{}
		}
		p.rest[g] = r
	}
}

// groupMembers calls visit for the members of a principal group that are
// not decided one by one in the row, in target order, until visit returns
// false.
func (u *universe) groupMembers(p *principalAccess, row *accessRow, g int32, visit func(*matrixTarget) bool) {
	gens := u.ix.gens[p.side]
	var list []*matrixTarget
	skipExplicit := false
	if int(g) < len(gens) {
		list = gens[g]
		if r, ok := p.rest[g]; ok {
			list = r
		} else {
			skipExplicit = p.explicit.len() > 0
		}
	} else {
		list = p.extra[int(g)-len(gens)]
	}
	for _, t := range list {
		if skipExplicit {
			if p.explicit.has(t.id) {
				continue
			}
		}
		if row != nil && row.ind(t) >= 0 {
			continue
		}
		if !visit(t) {
			return
		}
	}
}

// localClassesFor merges the global classes by the relevant patterns
// (cached: principals with the same relevant patterns share the result).
func (u *universe) localClassesFor(relevant map[int32]bool) *localClasses {
	ids := make([]int, 0, len(relevant))
	for id := range relevant {
		ids = append(ids, int(id))
	}
	sort.Ints(ids)
	var kb strings.Builder
	for _, id := range ids {
		kb.WriteString(strconv.Itoa(id))
		kb.WriteByte(',')
	}
	key := kb.String()
	u.localMu.Lock()
	lc := u.locals[key]
	u.localMu.Unlock()
	if lc != nil {
		return lc
	}
	lc = &localClasses{local: make([]int32, len(u.classes))}
	bySig := map[string]int32{}
	var sb strings.Builder
	var pats []int32
	for _, c := range u.classes {
		sb.Reset()
		sb.WriteString(serviceSignature(c.service))
		sb.WriteByte('|')
		if c.special {
			sb.WriteString(u.actions[c.rep])
		}
		sb.WriteString(c.traits)
		sb.WriteByte('|')
		pats = pats[:0]
		for _, p := range c.pats {
			if relevant[p] {
				sb.WriteString(strconv.Itoa(int(p)))
				sb.WriteByte(',')
				pats = append(pats, p)
			}
		}
		sig := sb.String()
		l, ok := bySig[sig]
		if !ok {
			l = int32(len(lc.locals))
			bySig[sig] = l
			lc.locals = append(lc.locals, c)
			lc.localPats = append(lc.localPats, append([]int32(nil), pats...))
			lc.services = append(lc.services, map[string]bool{})
		}
		lc.local[c.id] = l
		lc.services[l][c.service] = true
	}
	u.localMu.Lock()
	if u.locals == nil {
		u.locals = map[string]*localClasses{}
	}
	if prev := u.locals[key]; prev != nil {
		lc = prev
	} else {
		u.locals[key] = lc
	}
	u.localMu.Unlock()
	return lc
}

// access computes a principal's matrix on one side: what applies to it
// (principalScope), then, per local class, the targets decided one by one
// and one representative per principal group (cellDecider).
func (u *universe) access(si int, id *iammodel.Identity) *principalAccess {
	pa := &principalAccess{side: si}
	if id == nil {
		pa.absent = true
		return pa
	}
	s := sides[si](u.a)
	pa.sub = &Subject{Ref: id.Address, Identity: id, Principal: s.Model.PrincipalOf(id)}
	sc := u.scopeOf(si, s.PolicySet(id), &pa.sub.Principal)
	u.explicitGroups(pa, sc)
	pa.localClasses = u.localClassesFor(sc.relevant)
	d := &cellDecider{u: u, si: si, sc: sc, base: s.compiled(id).WithOptions(s.fitted),
		withDoc: map[*evaluator.CompiledResource]*evaluator.CompiledSet{}, cellSide: cellSide{side: s, id: id}}
	d.req.Principal = *sc.prin
	u.decideRows(pa, sc, d)
	return pa
}

// principalScope is what applies to one principal on one side, computed
// once: its own documents and the targets their resource patterns may
// match, and the patterns that can tell its decisions apart.
type principalScope struct {
	prin *evaluator.Principal
	// withBoundary: the principal has a permissions boundary (EV-20)
	withBoundary bool
	// own: the principal's identity, boundary, SCP and RCP documents
	own []*parsedDoc
	// relevant: the pattern ids of own and of the resource and trust
	// documents that may name the principal (explicitGroups adds these)
	relevant map[int32]bool
	// involved: the targets a statement's resource patterns may match, by
	// pattern set; involvedAll: those of NotAction statements (every class)
	involved    map[int32][]*matrixTarget
	involvedAll []*matrixTarget
}

func (u *universe) scopeOf(si int, set evaluator.PolicySet, prin *evaluator.Principal) *principalScope {
	sc := &principalScope{prin: prin, withBoundary: len(set.Boundaries) > 0, relevant: map[int32]bool{}, involved: map[int32][]*matrixTarget{}}
	collect := func(ds []evaluator.PolicyDoc, typ evaluator.PolicyType) {
		for _, d := range ds {
			if p := u.doc(d, typ); p != nil {
				sc.own = append(sc.own, p)
			}
		}
	}
	collect(set.Identity, evaluator.PolicyIdentity)
	collect(set.Boundaries, evaluator.PolicyBoundary)
	for _, l := range set.SCPs {
		collect(l, evaluator.PolicySCP)
	}
	for _, l := range set.RCPs {
		collect(l, evaluator.PolicyRCP)
	}
	for _, p := range sc.own {
		for _, id := range p.pats {
			sc.relevant[id] = true
		}
		for _, st := range p.stmts {
			for _, pre := range st.prefixes {
				u.ix.involvedBy(pre, func(t *matrixTarget) {
					if !st.mayMatch(t) {
						return
					}
					if st.not {
						sc.involvedAll = append(sc.involvedAll, t)
					} else {
						sc.involved[st.pat] = append(sc.involved[st.pat], t)
					}
				})
			}
		}
	}
	return sc
}

// explicitGroups puts the targets whose documents may name the principal
// into explicit groups: by document content when the documents decide
// alike on every resource of a kind and account, else one by one. Their
// documents' patterns become relevant.
func (u *universe) explicitGroups(pa *principalAccess, sc *principalScope) {
	si := pa.side
	ngen := int32(len(u.ix.gens[si]))
	ntargets := len(u.ix.gsig[si])
	var exBySig map[explicitSig]int32
	var seenPats []bool // parsed document id -> its patterns are relevant
	// consecutive targets (a for_each's buckets, and their objects) mostly
	// share the signatures of the targets before them: the last two are
	// compared before the map is hashed
	var recent [2]recentGroup
	recent[0].sig.id, recent[1].sig.id = -1, -1
	callerKeys := map[string]bool{}
	for _, k := range evaluator.CallerKeys(sc.prin) {
		callerKeys[k] = true
	}
	u.ix.mention[si].candidates(sc.prin, func(t *matrixTarget) {
		if pa.explicit.has(t.id) {
			return
		}
		res, trust := u.mentioning(si, t, sc.prin, sc.withBoundary)
		if res == nil && trust == nil {
			return
		}
		sig := explicitSig{id: t.id + 1}
		resState, resOK := "", res == nil || res.resourceFree
		if resOK {
			resState = contentState(t.resDoc[si], res)
		} else {
			resState, resOK = relativeState(si, t, res, callerKeys)
		}
		if resOK && (trust == nil || trust.resourceFree) {
			sig = explicitSig{kind: t.Kind, account: t.account[si], res: resState, trust: contentState(t.trustDoc[si], trust),
				slr: t.slr, unknown: t.Unknown != nil}
		}
		if exBySig == nil {
			exBySig = map[explicitSig]int32{}
		}
		for _, pd := range [2]*parsedDoc{res, trust} {
			if pd == nil {
				continue
			}
			if pd.id >= len(seenPats) {
				seenPats = append(seenPats, make([]bool, pd.id+1-len(seenPats))...)
			}
			if !seenPats[pd.id] {
				seenPats[pd.id] = true
				for _, id := range pd.pats {
					sc.relevant[id] = true
				}
			}
		}
		var g int32
		switch {
		case sig == recent[0].sig:
			g = recent[0].g
		case sig == recent[1].sig:
			g = recent[1].g
			recent[0], recent[1] = recent[1], recent[0]
		default:
			var ok bool
			if g, ok = exBySig[sig]; !ok {
				g = ngen + int32(len(pa.extra))
				exBySig[sig] = g
				pa.extra = append(pa.extra, nil)
			}
			recent[1], recent[0] = recent[0], recentGroup{sig: sig, g: g}
		}
		pa.explicit.set(t.id, g, ntargets)
		pa.extra[g-ngen] = append(pa.extra[g-ngen], t)
	})
	for _, l := range pa.extra {
		sort.Slice(l, func(i, j int) bool { return l[i].id < l[j].id })
	}
	pa.restOfGroups(u)
}

// recentGroup is an explicit group whose signature was met recently.
type recentGroup struct {
	sig explicitSig
	g   int32
}

// explicitSig is the signature of an explicit group: id (1-based) for a
// target decided on its own, else what its documents decide by.
type explicitSig struct {
	id                        int
	kind, account, res, trust string
	slr, unknown              bool
}

// decideRows decides, per local class, the targets its patterns may match
// one by one and one representative per principal group.
func (u *universe) decideRows(pa *principalAccess, sc *principalScope, d *cellDecider) {
	ngroups := len(u.ix.gens[pa.side]) + len(pa.extra)
	pa.rows = make([]accessRow, len(pa.locals))
	gens := make([]cellResult, ngroups*len(pa.locals)) // one allocation for the rows' groups
	for li, c := range pa.locals {
		// A pair is decided when a member class's service acts on the
		// target: the diff and the findings ask for a global class only
		// where classOn holds, and the decision of a local class does not
		// depend on which member stands for it.
		row := &pa.rows[li]
		seen := map[*matrixTarget]bool{}
		add := func(ts []*matrixTarget) {
			for _, t := range ts {
				if !seen[t] {
					seen[t] = true
					row.indT = append(row.indT, t)
				}
			}
		}
		add(sc.involvedAll)
		for _, p := range pa.localPats[li] {
			add(sc.involved[p])
		}
		sort.Slice(row.indT, func(i, j int) bool { return row.indT[i].id < row.indT[j].id })
		row.cells = make([]cellResult, len(row.indT))
		for i, t := range row.indT {
			if pa.actsOn(li, t) {
				row.cells[i] = d.decide(c, t)
			}
		}
		row.gen = gens[li*ngroups : (li+1)*ngroups : (li+1)*ngroups]
		for g := range ngroups {
			u.groupMembers(pa, row, int32(g), func(t *matrixTarget) bool {
				if pa.actsOn(li, t) {
					row.gen[g] = d.decide(c, t)
				}
				return false
			})
		}
	}
}

// cellDecider decides the cells of one principal on one side: its compiled
// set, with a target's resource or trust document attached when the
// document may name it (or is unknown).
type cellDecider struct {
	u       *universe
	si      int
	sc      *principalScope
	base    *evaluator.CompiledSet
	withDoc map[*evaluator.CompiledResource]*evaluator.CompiledSet
	req     evaluator.Request
	res     evaluator.Result
	cellSide
	// tagged: req.Context holds a tagged target's keys
	tagged bool
}

func (d *cellDecider) decide(c *actionClass, t *matrixTarget) cellResult {
	si := d.si
	cs := d.base
	if t.docApplies(si, c.special, d.sc.prin, d.sc.withBoundary) {
		cr := t.resComp[si]
		if c.special {
			cr = t.trustComp[si]
		}
		cs = d.withDoc[cr]
		if cs == nil {
			cs = d.base.WithCompiledResource(cr)
			d.withDoc[cr] = cs
		}
	}
	req := &d.req
	req.Action = d.u.actions[c.rep]
	req.Resource, req.ResourceUnknown = t.ARN, t.Unknown
	req.ResourceAccount, req.ResourceAccountUnknown = "", nil
	if rp := t.policy[si]; rp != nil && rp.Account.Set() {
		req.ResourceAccount = rp.Account.Value
	} else if rp != nil && !rp.Account.Known() {
		req.ResourceAccountUnknown = rp.Account.Unknown
	}
	if t.tagged[si] != nil || d.tagged {
		// the target's resource tags (matrix_tags.go); reset after a tagged one
		req.Context, d.tagged = d.u.tagContext(si, req.Action, t), t.tagged[si] != nil
	}
	cs.DecideInto(req, &d.res)
	if rp := t.policy[si]; rp != nil && rp.GrantsDoc != nil {
		sides[si](d.u.a).settleGrant(d.id, rp, d.base, req, &d.res) // kms_grants.go
	}
	var reasons []string
	if d.res.Decision == evaluator.DecisionUnknown || d.res.Decision == evaluator.DecisionError {
		reasons = evaluator.ReasonStrings(d.res.Unknowns)
		if d.res.Error != nil {
			reasons = append(reasons, d.res.Error.Message)
		}
	}
	var ctx *cellContext
	if len(d.res.MissingContextKeys) > 0 && d.res.Decision != evaluator.DecisionError {
		ctx = d.quantify(cs, t, c.special)
	}
	return newCellResult(d.res.Decision, reasons, ctx)
}

// mentioning returns the known resource and trust documents of a target
// that may name the principal (nil: none).
func (u *universe) mentioning(si int, t *matrixTarget, prin *evaluator.Principal, withBoundary bool) (res, trust *parsedDoc) {
	if pd := knownPars(t.resDoc[si], t.resPars[si]); pd != nil && t.docApplies(si, false, prin, withBoundary) {
		res = pd
	}
	if pd := knownPars(t.trustDoc[si], t.trustPars[si]); pd != nil && t.docApplies(si, true, prin, withBoundary) {
		trust = pd
	}
	return res, trust
}

// docApplies asks the engine whether the target's resource document (or,
// for trust, its trust document) can apply to the caller by its Principal
// or NotPrincipal element (yes when it cannot tell: PT-6; no when the
// target has no such document).
func (t *matrixTarget) docApplies(si int, trust bool, prin *evaluator.Principal, withBoundary bool) bool {
	cr, typ := t.resComp[si], evaluator.PolicyResource
	if trust {
		cr, typ = t.trustComp[si], evaluator.PolicyTrust
	}
	return cr != nil && cr.Policy(typ).PrincipalApplies(prin, withBoundary) != evaluator.TriFalse
}

// contentState names a document in an explicit group's signature: as in
// docState, and a document that names the principal by its content.
func contentState(d *evaluator.PolicyDoc, named *parsedDoc) string {
	if named != nil {
		return "C" + strconv.Itoa(named.id)
	}
	return docState(d)
}

func serviceSignature(service string) string {
	if evaluator.SupportsRCPs(service) { // RCP support (EV-4) and key policies (EV-9) change the decision
		return service
	}
	return ""
}

// literalPrefixes returns the lower-case literal prefixes (before the first
// wildcard or variable) of resource patterns, skipping the universal "*".
func literalPrefixes(patterns []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range patterns {
		if p == "*" {
			continue
		}
		lit := p
		if i := strings.IndexAny(p, "*?$"); i >= 0 {
			lit = p[:i]
		}
		lit = strings.ToLower(lit)
		if !seen[lit] {
			seen[lit] = true
			out = append(out, lit)
		}
	}
	return out
}

// matrix is every principal's access on both sides, paired by address.
type matrix struct {
	u     *universe
	addrs []string
	// acc[i][side]
	acc [][2]*principalAccess
	// users of the model per side (planUsers)
	usersOnce [2]sync.Once
	users     [2]map[string]bool
}

// Matrix computes (once) the access matrix of the analysis, in parallel.
func (a *Analysis) matrix() *matrix {
	a.mOnce.Do(func() {
		u := a.universe()
		ids := map[string][2]*iammodel.Identity{}
		for si, get := range sides {
			for _, id := range get(a).Model.Principals() {
				v := ids[id.Address]
				v[si] = id
				ids[id.Address] = v
			}
		}
		m := &matrix{u: u}
		for addr := range ids {
			m.addrs = append(m.addrs, addr)
		}
		sort.Strings(m.addrs)
		m.acc = make([][2]*principalAccess, len(m.addrs))
		parallel(len(m.addrs), func(i int) {
			pair := ids[m.addrs[i]]
			for si := range 2 {
				m.acc[i][si] = u.access(si, pair[si])
			}
		})
		a.m = m
	})
	return a.m
}
