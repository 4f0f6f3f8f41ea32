package analysis

// The access matrix, second half: the decisions of one principal over the
// universe (matrix_universe.go), and the matrix of every principal.

import (
	"sort"
	"strconv"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// principalAccess is a principal's decisions on one side: for every global
// class and target, the decision of its local class and target group.
type principalAccess struct {
	side    int
	sub     *Subject
	absent  bool
	local   []int32 // global class -> local class (index into locals)
	locals  []*actionClass
	groupOf []int32 // target -> group
	groups  []*matrixTarget
	// dec[local][group]
	dec [][]cellResult
}

type cellResult struct {
	dec     evaluator.Decision
	reasons []string
	stmts   []evaluator.MatchedStatement
}

// decision returns the decision of a global class on a target.
func (p *principalAccess) decision(class int32, t *matrixTarget) *cellResult {
	if p.absent {
		return &absentResult
	}
	return &p.dec[p.local[class]][p.groupOf[t.id]]
}

var absentResult = cellResult{dec: evaluator.ImplicitDeny}

// classOn reports whether a class's service can act on a target.
func classOn(c *actionClass, t *matrixTarget) bool { return serviceOn(c.service, t) }

// serviceOn: actions of a service act on its resources; STS acts on roles.
func serviceOn(service string, t *matrixTarget) bool {
	return t.Kind == "*" || service == t.Service || service == "sts" && t.Kind == "iam-role"
}

// access computes a principal's matrix on one side.
func (u *universe) access(si int, id *iammodel.Identity) *principalAccess {
	s := sides[si](u.a)
	pa := &principalAccess{side: si}
	if id == nil {
		pa.absent = true
		return pa
	}
	pa.sub = &Subject{Ref: id.Address, Identity: id, Principal: s.Model.PrincipalOf(id)}
	set := s.PolicySet(id)
	var own []*parsedDoc
	collect := func(ds []evaluator.PolicyDoc, typ evaluator.PolicyType) {
		for _, d := range ds {
			if p := u.doc(d, typ); p != nil {
				own = append(own, p)
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
	prin := pa.sub.Principal

	// Resource documents per target, and whether they name this principal.
	type rdoc struct {
		key  string
		doc  *evaluator.PolicyDoc
		pdoc *parsedDoc
	}
	resDoc := func(t *matrixTarget, trust bool) rdoc {
		d, pd := t.resDoc[si], t.resPars[si]
		if trust {
			d, pd = t.trustDoc[si], t.trustPars[si]
		}
		switch {
		case d == nil:
			return rdoc{}
		case d.Unknown != nil:
			return rdoc{key: "U", doc: d}
		case !mentions(pd, prin):
			return rdoc{key: "N", pdoc: pd}
		}
		return rdoc{key: "D" + strconv.Itoa(t.id) + strconv.FormatBool(trust), doc: d, pdoc: pd}
	}

	// Relevant patterns: the principal's own documents and the resource
	// documents that name it.
	relevant := map[int32]bool{}
	var ownRes []string
	for _, p := range own {
		for _, id := range p.pats {
			relevant[id] = true
		}
		ownRes = append(ownRes, p.resources...)
	}
	prefixes := literalPrefixes(ownRes)
	type tinfo struct{ res, trust rdoc }
	infos := make([]tinfo, len(u.targets))
	for _, t := range u.targets {
		in := tinfo{res: resDoc(t, false), trust: resDoc(t, true)}
		for _, r := range []rdoc{in.res, in.trust} {
			if r.doc != nil && r.pdoc != nil {
				for _, id := range r.pdoc.pats {
					relevant[id] = true
				}
			}
		}
		infos[t.id] = in
	}

	// Local classes.
	pa.local = make([]int32, len(u.classes))
	bySig := map[string]int32{}
	var sb strings.Builder
	for _, c := range u.classes {
		sb.Reset()
		sb.WriteString(serviceSignature(c.service))
		sb.WriteByte('|')
		if c.special {
			sb.WriteString(u.actions[c.rep])
		}
		for _, p := range c.pats {
			if relevant[p] {
				sb.WriteString(strconv.Itoa(int(p)))
				sb.WriteByte(',')
			}
		}
		sig := sb.String()
		l, ok := bySig[sig]
		if !ok {
			l = int32(len(pa.locals))
			bySig[sig] = l
			pa.locals = append(pa.locals, c)
		}
		pa.local[c.id] = l
	}

	// Target groups.
	pa.groupOf = make([]int32, len(u.targets))
	gBySig := map[string]int32{}
	for _, t := range u.targets {
		var sig string
		switch {
		case t.Kind == "*" || involved(prefixes, t.lower, t.Unknown != nil):
			sig = "#" + strconv.Itoa(t.id)
		default:
			// An unknown ARN that no pattern's literal prefix is compatible
			// with is matched by the universal patterns only, like a known
			// one (PT-4); the Unknown's reason only names it.
			in := infos[t.id]
			sig = t.Kind + "|" + t.account[si] + "|" + in.res.key + "|" + in.trust.key + "|" + strconv.FormatBool(t.slr) + "|" + strconv.FormatBool(t.Unknown != nil)
		}
		g, ok := gBySig[sig]
		if !ok {
			g = int32(len(pa.groups))
			gBySig[sig] = g
			pa.groups = append(pa.groups, t)
		}
		pa.groupOf[t.id] = g
	}

	// Decide one representative per (local class, group).
	base := s.compiled(id, true)
	withDoc := map[string]*evaluator.CompiledSet{}
	csFor := func(r rdoc) *evaluator.CompiledSet {
		if r.doc == nil {
			return base
		}
		k := r.key
		if k == "U" {
			k = "U" + r.doc.Unknown.Reason
		}
		cs := withDoc[k]
		if cs == nil {
			cs = base.WithResource(r.doc)
			withDoc[k] = cs
		}
		return cs
	}
	pa.dec = make([][]cellResult, len(pa.locals))
	var res evaluator.Result
	req := evaluator.Request{Principal: prin}
	for li, c := range pa.locals {
		row := make([]cellResult, len(pa.groups))
		for gi, t := range pa.groups {
			// Every (class, target) pair is decided, whether or not the
			// service acts on the target: the diff filters by service
			// (classOn) per global class, and the decision of a local
			// class does not depend on which member stands for it.
			in := infos[t.id]
			r := in.res
			if c.special {
				r = in.trust
			}
			cs := csFor(r)
			req.Action = u.actions[c.rep]
			req.Resource, req.ResourceUnknown = t.ARN, t.Unknown
			req.ResourceAccount, req.ResourceAccountUnknown = "", nil
			if rp := t.policy[si]; rp != nil && rp.Account.Set() {
				req.ResourceAccount = rp.Account.Value
			} else if rp != nil && !rp.Account.Known() {
				req.ResourceAccountUnknown = rp.Account.Unknown
			}
			cs.DecideInto(&req, &res)
			cr := cellResult{dec: res.Decision}
			if res.Decision == evaluator.DecisionUnknown || res.Decision == evaluator.DecisionError {
				cr.reasons = append([]string(nil), res.Unknowns...)
				if res.Error != "" {
					cr.reasons = append(cr.reasons, res.Error)
				}
			}
			if len(res.MatchedStatements) > 0 && res.Decision != evaluator.ImplicitDeny {
				cr.stmts = append([]evaluator.MatchedStatement(nil), res.MatchedStatements...)
			}
			row[gi] = cr
		}
		pa.dec[li] = row
	}
	return pa
}

func serviceSignature(service string) string {
	if evaluator.SupportsRCPs(service) { // RCP support (EV-4) and key policies (EV-9) change the decision
		return service
	}
	return ""
}

// mentions reports whether a resource document may name the principal in
// a Principal element (conservatively true when it cannot tell).
func mentions(pd *parsedDoc, p evaluator.Principal) bool {
	if pd == nil || pd.anyPrincipal {
		return true
	}
	for _, v := range pd.awsPrincipals {
		switch {
		case v == "*", strings.ContainsAny(v, "*?"):
			return true
		case p.ARN == "" || p.Account == "":
			return true // the caller's ARN is unknown (PT-6)
		case evaluator.IsAccountID(v):
			if v == p.Account {
				return true
			}
		case strings.HasPrefix(v, "arn:"):
			if v == p.ARN || v == p.RoleARN {
				return true
			}
			if evaluator.ARNField(v, 4) == p.Account && strings.HasSuffix(v, ":root") {
				return true
			}
			if p.Kind == evaluator.PrincipalRoleSession && strings.Contains(v, ":assumed-role/"+p.Name+"/") {
				return true
			}
		default:
			return true // unique ids and the like
		}
	}
	return false
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

// involved reports whether a pattern with one of these literal prefixes
// may match the (lower-case) ARN. A resource no pattern may match is
// matched by the universal patterns only (ignoring case errs on the safe
// side: more resources are decided one by one).
// For an ARN known only by a prefix, a pattern is compatible when either
// prefix extends the other.
func involved(prefixes []string, lowerARN string, partial bool) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(lowerARN, p) || partial && strings.HasPrefix(p, lowerARN) {
			return true
		}
	}
	return false
}

// matrix is every principal's access on both sides, paired by address.
type matrix struct {
	u     *universe
	addrs []string
	// acc[i][side]
	acc [][2]*principalAccess
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
