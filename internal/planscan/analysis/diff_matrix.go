package analysis

// The access matrix: every principal's decisions over every action the
// reference data knows and every resource the model knows, computed without
// deciding 22,000 actions one by one.
//
// Actions: two actions that every action pattern of every policy in the
// plan matches alike (and that share a service, since RCP support and key
// policies depend on it) get the same decision from the engine (EV-1: an
// action takes part only through Action/NotAction patterns). So the
// catalog is partitioned once by "which patterns match" (global classes),
// and per principal the classes are merged further by the patterns of the
// policies that can apply to it (local classes). One representative action
// per local class is decided.
//
// Resources: a resource that no Resource/NotResource pattern of the
// principal's policies can match (the pattern's literal prefix is not a
// prefix of the ARN) is matched by exactly the universal patterns, so such
// resources of one kind, account and resource-policy situation get the same
// decision; one of them is decided. Resources a pattern may match are
// decided one by one.

import (
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

// parsedDoc is what the matrix needs from a known policy document.
type parsedDoc struct {
	pats      []int32  // Action / NotAction pattern ids
	resources []string // Resource / NotResource patterns
	// principals: AWS principal values of Allow and Deny statements
	awsPrincipals []string
	anyPrincipal  bool // "*", NotPrincipal, or an element the matrix cannot read
}

// actionClass is a set of catalog actions the policies treat alike.
type actionClass struct {
	id      int32
	rep     int32 // index of the representative action
	service string
	pats    []int32
	members []int32
	// special: a trust action or sts:GetCallerIdentity, decided on its own
	special bool
}

// matrixTarget is a resource of the matrix: a known resource of either
// side, an S3 bucket's objects, or "*".
type matrixTarget struct {
	id      int
	ARN     string
	Unknown *evaluator.Unknown
	Label   string // ARN, or the address-based label of an unknown ARN
	Service string
	Kind    string // s3-bucket, s3-object, kms-key, iam-role, ..., "*"
	// per side (0 before, 1 after): the model's entries
	policy [2]*iammodel.ResourcePolicy
	role   [2]*iammodel.Identity
	// precomputed per side: sanitized documents and their parse
	resDoc, trustDoc   [2]*evaluator.PolicyDoc
	resPars, trustPars [2]*parsedDoc
	lower              string // lower-case ARN
	account            [2]string
	slr                bool
}

// universe is the shared part of the matrix for one plan.
type universe struct {
	a       *Analysis
	cat     *iamdata.Catalog
	actions []string
	level   []iamdata.AccessLevel
	svc     []string
	index   map[string]int32 // lower-case action -> index

	patterns [][]string // distinct sets of action patterns (one per statement)
	patID    map[string]int32
	actPats  [][]int32
	classOf  []int32
	classes  []*actionClass

	mu   sync.Mutex
	docs map[string]*parsedDoc

	targets []*matrixTarget
	star    *matrixTarget

	fitMu sync.RWMutex
	fit   map[[2]int32][]int32 // (class, kind id) -> members that fit
	kinds map[string]int32
}

var sides = [2]func(*Analysis) *SideAnalysis{
	func(a *Analysis) *SideAnalysis { return a.Before },
	func(a *Analysis) *SideAnalysis { return a.After },
}

// universe builds (once) the classes and targets of the analysis.
func (a *Analysis) universe() *universe {
	a.uOnce.Do(func() { a.u = buildUniverse(a) })
	return a.u
}

// policyControlledActions drops the actions no policy can grant or take away
// (EV-22: sts:GetCallerIdentity is always allowed), so that a new principal
// does not "gain" them in the diff. It returns a new slice: the catalog's is
// shared.
func policyControlledActions(all []string) []string {
	out := make([]string, 0, len(all))
	for _, name := range all {
		if strings.EqualFold(name, "sts:GetCallerIdentity") {
			continue
		}
		out = append(out, name)
	}
	return out
}

func buildUniverse(a *Analysis) *universe {
	u := &universe{a: a, cat: a.catalog, index: map[string]int32{}, patID: map[string]int32{}, docs: map[string]*parsedDoc{},
		fit: map[[2]int32][]int32{}, kinds: map[string]int32{}}
	u.actions = policyControlledActions(a.catalog.AllActions())
	u.level = make([]iamdata.AccessLevel, len(u.actions))
	u.svc = make([]string, len(u.actions))
	for i, name := range u.actions {
		u.index[strings.ToLower(name)] = int32(i)
		if act, ok := a.catalog.LookupAction(name); ok {
			u.level[i] = act.AccessLevel
			u.svc[i] = act.Service
		}
	}
	// Parse every known document of both sides: this registers the patterns.
	for si, get := range sides {
		s := get(a)
		for _, id := range s.Model.Principals() {
			set := s.PolicySet(id)
			u.parseAll(set.Identity, evaluator.PolicyIdentity)
			u.parseAll(set.Boundaries, evaluator.PolicyBoundary)
			for _, l := range set.SCPs {
				u.parseAll(l, evaluator.PolicySCP)
			}
			for _, l := range set.RCPs {
				u.parseAll(l, evaluator.PolicyRCP)
			}
			if id.Trust != nil {
				u.doc(s.sanitize(*id.Trust, evaluator.PolicyTrust), evaluator.PolicyTrust)
			}
		}
		for _, rp := range s.Model.ResourcePolicies {
			if rp.Doc != nil && rp.Type == evaluator.PolicyResource {
				u.doc(s.sanitize(*rp.Doc, evaluator.PolicyResource), evaluator.PolicyResource)
			}
		}
		_ = si
	}
	u.buildClasses()
	u.buildTargets()
	return u
}

func (u *universe) parseAll(ds []evaluator.PolicyDoc, typ evaluator.PolicyType) {
	for _, d := range ds {
		u.doc(d, typ)
	}
}

// doc parses a known document once (nil for an unknown one).
func (u *universe) doc(d evaluator.PolicyDoc, typ evaluator.PolicyType) *parsedDoc {
	if d.Unknown != nil {
		return nil
	}
	key := string(typ) + "\x00" + string(d.JSON)
	u.mu.Lock()
	defer u.mu.Unlock()
	if p, ok := u.docs[key]; ok {
		return p
	}
	p := &parsedDoc{}
	tree, _ := evaluator.ParsePolicy(d.JSON, typ)
	if tree == nil {
		p.anyPrincipal = true
		u.docs[key] = p
		return p
	}
	for _, st := range tree.Statements {
		// One id per distinct set of action patterns: what decides is
		// which statements match an action, not which of their patterns.
		lps := make([]string, 0, len(st.Actions))
		for _, v := range st.Actions {
			lps = append(lps, strings.ToLower(v.Text))
		}
		sort.Strings(lps)
		setKey := strings.Join(lps, "\x00")
		id, ok := u.patID[setKey]
		if !ok {
			if u.classes != nil {
				// registered after the classes were built: cannot happen
				// for documents of the model; be safe.
				p.anyPrincipal = true
				continue
			}
			id = int32(len(u.patterns))
			u.patterns = append(u.patterns, lps)
			u.patID[setKey] = id
		}
		p.pats = append(p.pats, id)
		for _, v := range st.Resources {
			p.resources = append(p.resources, v.Text)
		}
		if st.NotPrincipal != nil {
			p.anyPrincipal = true
		}
		if pr := st.Principal; pr != nil {
			if pr.Wildcard {
				p.anyPrincipal = true
			}
			for _, v := range pr.AWS {
				p.awsPrincipals = append(p.awsPrincipals, v.Text)
			}
		}
	}
	u.docs[key] = p
	return p
}

func (u *universe) buildClasses() {
	u.actPats = make([][]int32, len(u.actions))
	mark := make([]int32, len(u.actions))
	for i := range mark {
		mark[i] = -1
	}
	for id, set := range u.patterns {
		for _, p := range set {
			for _, name := range u.cat.ExpandActions(p) {
				if i, ok := u.index[strings.ToLower(name)]; ok && mark[i] != int32(id) {
					mark[i] = int32(id)
					u.actPats[i] = append(u.actPats[i], int32(id))
				}
			}
		}
	}
	u.classOf = make([]int32, len(u.actions))
	bySig := map[string]int32{}
	var sb strings.Builder
	for i := range u.actions {
		special := isTrustRequest(u.actions[i]) || strings.EqualFold(u.actions[i], "sts:GetCallerIdentity")
		sb.Reset()
		sb.WriteString(u.svc[i])
		sb.WriteByte('|')
		if special {
			sb.WriteString(u.actions[i])
		}
		for _, p := range u.actPats[i] {
			sb.WriteString(strconv.Itoa(int(p)))
			sb.WriteByte(',')
		}
		sig := sb.String()
		c, ok := bySig[sig]
		if !ok {
			c = int32(len(u.classes))
			bySig[sig] = c
			u.classes = append(u.classes, &actionClass{id: c, rep: int32(i), service: u.svc[i], pats: u.actPats[i], special: special})
		}
		u.classOf[i] = c
		u.classes[c].members = append(u.classes[c].members, int32(i))
	}
}

func (u *universe) buildTargets() {
	byKey := map[string]*matrixTarget{}
	add := func(side int, key, arn string, unk *evaluator.Unknown, label, service, kind string) *matrixTarget {
		t := byKey[key]
		if t == nil {
			t = &matrixTarget{id: len(u.targets), ARN: arn, Unknown: unk, Label: label, Service: service, Kind: kind}
			byKey[key] = t
			u.targets = append(u.targets, t)
		}
		return t
	}
	kindOf := map[string]string{"s3": "s3-bucket", "kms": "kms-key", "sqs": "sqs-queue", "sns": "sns-topic", "lambda": "lambda-function",
		"ecr": "ecr-repository", "secretsmanager": "secretsmanager-secret"}
	for si, get := range sides {
		m := get(u.a).Model
		for _, rp := range m.ResourcePolicies {
			if rp.Type != evaluator.PolicyResource {
				continue
			}
			kind := kindOf[rp.Service]
			if kind == "" {
				kind = rp.Service
			}
			var t *matrixTarget
			if rp.ARN.Set() {
				t = add(si, "arn:"+rp.ARN.Value, rp.ARN.Value, nil, rp.ARN.Value, rp.Service, kind)
			} else if !rp.ARN.Known() {
				t = add(si, "addr:"+rp.Address, rp.ARN.Unknown.Prefix, rp.ARN.Unknown, "${"+rp.Address+".arn}", rp.Service, kind)
			} else {
				continue
			}
			t.policy[si] = rp
			if rp.Service == "s3" {
				var o *matrixTarget
				if t.Unknown == nil {
					o = add(si, "arn:"+rp.ARN.Value+"/*", rp.ARN.Value+"/*", nil, rp.ARN.Value+"/*", "s3", "s3-object")
				} else {
					o = add(si, "addr:"+rp.Address+"/*", t.ARN, t.Unknown, "${"+rp.Address+".arn}/*", "s3", "s3-object")
				}
				o.policy[si] = rp
			}
		}
		for _, id := range m.Principals() {
			kind := "iam-" + string(id.Kind)
			var t *matrixTarget
			if id.ARN.Set() {
				t = add(si, "arn:"+id.ARN.Value, id.ARN.Value, nil, id.ARN.Value, "iam", kind)
			} else if !id.ARN.Known() {
				t = add(si, "addr:"+id.Address, id.ARN.Unknown.Prefix, id.ARN.Unknown, "${"+id.Address+".arn}", "iam", kind)
			} else {
				continue
			}
			if id.Kind == iammodel.KindRole {
				t.role[si] = id
			}
		}
		for _, p := range m.Policies {
			if p.ARN.Set() {
				add(si, "arn:"+p.ARN.Value, p.ARN.Value, nil, p.ARN.Value, "iam", "iam-policy")
			}
		}
		for _, g := range m.Groups {
			if g.ARN.Set() {
				add(si, "arn:"+g.ARN.Value, g.ARN.Value, nil, g.ARN.Value, "iam", "iam-group")
			}
		}
	}
	// Resources the policies name literally (or with one trailing "*",
	// which then stands for itself): an identity grant on a resource
	// outside the plan shows in the diff too.
	var named []string
	for _, pd := range u.docs {
		for _, r := range pd.resources {
			if !strings.HasPrefix(r, "arn:") || strings.Contains(r, "${") || strings.ContainsAny(strings.TrimSuffix(r, "*"), "*?") {
				continue
			}
			named = append(named, r)
		}
	}
	sort.Strings(named)
	for _, r := range named {
		service := evaluator.ARNField(r, 2)
		res := evaluator.ARNField(r, 5)
		kind := service + ":" + strings.FieldsFunc(res, func(c rune) bool { return c == '/' || c == ':' })[0]
		if service == "s3" {
			kind = "s3-bucket"
			if strings.Contains(res, "/") {
				kind = "s3-object"
			}
		}
		if _, ok := byKey["arn:"+r]; !ok {
			add(1, "arn:"+r, r, nil, r, service, kind)
		}
	}
	sort.SliceStable(u.targets, func(i, j int) bool { return u.targets[i].Label < u.targets[j].Label })
	u.star = &matrixTarget{ARN: "*", Label: "*", Kind: "*"}
	u.targets = append([]*matrixTarget{u.star}, u.targets...)
	for i, t := range u.targets {
		t.id = i
		t.lower = strings.ToLower(t.ARN)
		t.slr = strings.Contains(t.ARN, ":role/aws-service-role/")
		for si, get := range sides {
			s := get(u.a)
			t.account[si] = evaluator.ARNField(t.ARN, 4)
			if rp := t.policy[si]; rp != nil {
				t.account[si] = rp.Account.String()
				if rp.Doc != nil {
					d := s.sanitize(*rp.Doc, evaluator.PolicyResource)
					t.resDoc[si] = &d
					t.resPars[si] = u.doc(d, evaluator.PolicyResource)
				}
			}
			if r := t.role[si]; r != nil && r.Trust != nil {
				d := s.sanitize(*r.Trust, evaluator.PolicyTrust)
				t.trustDoc[si] = &d
				t.trustPars[si] = u.doc(d, evaluator.PolicyTrust)
			}
		}
	}
}

// kindID numbers target kinds for the fit cache.
func (u *universe) kindID(kind string) int32 {
	u.fitMu.RLock()
	id, ok := u.kinds[kind]
	u.fitMu.RUnlock()
	if ok {
		return id
	}
	u.fitMu.Lock()
	defer u.fitMu.Unlock()
	id, ok = u.kinds[kind]
	if !ok {
		id = int32(len(u.kinds))
		u.kinds[kind] = id
	}
	return id
}

// fitting returns the members of a class that can act on a target of the
// target's kind (RS-9, RS-10): wildcard-only actions only on "*", others on
// resources of one of their resource types (and on "*").
func (u *universe) fitting(c *actionClass, t *matrixTarget) []int32 {
	k := [2]int32{c.id, u.kindID(t.Kind)}
	u.fitMu.RLock()
	f, ok := u.fit[k]
	u.fitMu.RUnlock()
	if ok {
		return f
	}
	f = make([]int32, 0, len(c.members))
	for _, m := range c.members {
		if t.Kind == "*" {
			f = append(f, m)
			continue
		}
		if !serviceOn(u.svc[m], t) {
			continue
		}
		sample := t.ARN
		if t.Unknown != nil {
			sample = t.Unknown.Prefix + "x" // a shape check only
		}
		if fits, ok := u.cat.Engine().ResourceFits(u.actions[m], sample); !ok || fits {
			f = append(f, m)
		}
	}
	u.fitMu.Lock()
	u.fit[k] = f
	u.fitMu.Unlock()
	return f
}

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

// decisionServices are the services whose name changes a decision beyond
// the action patterns: RCP support (EV-4) and key policies (EV-9).
var decisionServices = map[string]bool{
	"s3": true, "sts": true, "sqs": true, "secretsmanager": true, "kms": true, "dynamodb": true,
	"ecr": true, "cognito-identity": true, "logs": true, "s3tables": true, "aoss": true,
}

func serviceSignature(service string) string {
	if decisionServices[service] {
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

// parallel runs f(0..n-1) on GOMAXPROCS workers.
func parallel(n int, f func(int)) {
	work := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		work <- i
	}
	close(work)
	wg.Wait()
}
