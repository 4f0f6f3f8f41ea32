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
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

// parsedDoc is what the matrix needs from a known policy document.
type parsedDoc struct {
	id        int      // content id (one per type and JSON)
	pats      []int32  // Action / NotAction pattern ids
	resources []string // Resource / NotResource patterns
	stmts     []parsedStmt
	// resourceFree: no Resource pattern but "*" and no condition on a
	// resource key, so the document decides alike on every resource of a
	// kind and account (trust policies).
	resourceFree bool
	// the statements as the relative comparison sees them (matrix_relative.go);
	// relOK: every statement is there and the document repeats no key (GR-2)
	rel     []relStmt
	relOK   bool
	version string
}

// parsedStmt is a statement's pattern set and the literal prefixes of its
// Resource / NotResource patterns.
type parsedStmt struct {
	pat      int32
	not      bool // NotAction: applies to the classes its patterns do not match
	prefixes []string
	// patterns: the lower-case Resource / NotResource patterns, nil when
	// one holds a policy variable (then only the prefixes tell)
	patterns []string
}

// mayMatch: some Resource pattern of the statement may match a target
// with a known ARN (RS-3, read loosely and without case: never fewer
// matches than the engine), so the target is decided on its own. A
// representative of an inner-wildcard pattern (arn:aws:logs:*:...) shares
// its literal prefix with every target of the service; the patterns tell
// them apart.
func (st *parsedStmt) mayMatch(t *matrixTarget) bool {
	if st.patterns == nil || t.Unknown != nil || strings.Count(t.ARN, ":") < 5 {
		return true // a partial ARN: the prefixes decide (matrix_index.go)
	}
	for _, p := range st.patterns {
		if arnPatternMatch(p, t.lower) {
			return true
		}
	}
	return false
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
	// traits: what the reference data decides about the members beyond
	// the patterns that match them (decisionTraits), the same for each
	traits string
}

// decisionTraits is what the engine reads of an action from the reference
// data at decision time (fittedDecisions): "x" for a KMS action that is not
// a cross-account operation (EV-15: it has no effect on a key of another
// account), "w" for an action without a resource type (EV-4: RCPs read
// ambiguously for it, AMB-1). Actions that differ in them never share a
// class: the representative's decision would not be theirs. kms and rcp
// say whether the plan has a key policy and an RCP: without them the
// traits cannot change a decision, and classes are not split for them.
func decisionTraits(cat evaluator.Catalog, action string, kms, rcp bool) string {
	t := ""
	if k, ok := cat.(evaluator.KMSCrossAccountCatalog); ok && kms && len(action) > 4 && strings.EqualFold(action[:4], "kms:") && !k.KMSCrossAccount(action) {
		t += "x"
	}
	if cat != nil && rcp {
		if _, wildcardOnly := cat.Action(action); wildcardOnly {
			t += "w"
		}
	}
	return t
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

	mu sync.Mutex
	// docs: JSON -> type -> its parse (keyed by the JSON first: a lookup
	// copies no document into a key); docList: every parse, by id
	docs    map[string]map[evaluator.PolicyType]*parsedDoc
	docList []*parsedDoc

	// tagKeys: the aws:ResourceTag/ keys the documents read (matrix_tags.go)
	tagKeysOnce sync.Once
	tagKeys     []string

	targets []*matrixTarget
	star    *matrixTarget

	ix indexes

	localMu sync.Mutex
	locals  map[string]*localClasses

	// rank: the position of each action in string order (diff.go, actionNames)
	rankOnce sync.Once
	rank     []int32

	fitMu sync.RWMutex
	fit   map[fitKey][]int32 // (class, target) -> members that fit
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
		if evaluator.NeedsNoPermission(name) {
			continue
		}
		out = append(out, name)
	}
	return out
}

func buildUniverse(a *Analysis) *universe {
	u := &universe{a: a, cat: a.catalog, index: map[string]int32{}, patID: map[string]int32{}, docs: map[string]map[evaluator.PolicyType]*parsedDoc{},
		fit: map[fitKey][]int32{}, kinds: map[string]int32{}}
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
	u.buildIndexes()
	u.buildRelative()
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
	u.mu.Lock()
	defer u.mu.Unlock()
	if p, ok := u.docs[string(d.JSON)][typ]; ok {
		return p
	}
	p := &parsedDoc{id: len(u.docList), resourceFree: true}
	byType := u.docs[string(d.JSON)]
	if byType == nil {
		byType = map[evaluator.PolicyType]*parsedDoc{}
		u.docs[string(d.JSON)] = byType
	}
	byType[typ] = p
	u.docList = append(u.docList, p)
	var tree *evaluator.Policy
	if d.Parsed != nil && d.Parsed.Type() == typ {
		tree = d.Parsed.Tree() // sanitized (PolicySet, sanitize): parsed once
	} else {
		tree, _ = evaluator.ParsePolicy(d.JSON, typ)
	}
	if tree == nil {
		return p
	}
	p.relOK, p.version = tree.Alternate == nil, tree.Version
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
				// for documents of the model
				p.relOK = false
				continue
			}
			id = int32(len(u.patterns))
			u.patterns = append(u.patterns, lps)
			u.patID[setKey] = id
		}
		p.pats = append(p.pats, id)
		p.rel = append(p.rel, relStatement(&st))
		ps := parsedStmt{pat: id, not: st.NotAction}
		for _, v := range st.Resources {
			// a symbol (evaluator/symbol.go) is any string to the filters
			text := evaluator.SymbolsAsWildcards(v.Text)
			p.resources = append(p.resources, text)
			ps.prefixes = append(ps.prefixes, text)
			if v.Text != "*" || st.NotResource {
				p.resourceFree = false
			}
		}
		for _, r := range ps.prefixes {
			if strings.Contains(r, "$") {
				ps.patterns = nil
				break
			}
			ps.patterns = append(ps.patterns, strings.ToLower(r))
		}
		ps.prefixes = literalPrefixes(ps.prefixes)
		p.stmts = append(p.stmts, ps)
		for _, c := range st.Conditions {
			if strings.Contains(strings.ToLower(c.Key), "resource") {
				p.resourceFree = false
			}
		}
	}
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
	engine := u.a.After.fitted.Catalog
	kms, rcp := false, false
	for si := range sides {
		m := sides[si](u.a).Model
		for _, rp := range m.ResourcePolicies {
			kms = kms || rp.Service == "kms"
		}
		for _, op := range m.Org.Policies {
			rcp = rcp || op.Type == "RESOURCE_CONTROL_POLICY"
		}
	}
	bySig := map[string]int32{}
	var sb strings.Builder
	for i := range u.actions {
		special := evaluator.IsTrustAction(u.actions[i]) || evaluator.NeedsNoPermission(u.actions[i])
		traits := decisionTraits(engine, u.actions[i], kms, rcp)
		sb.Reset()
		sb.WriteString(u.svc[i])
		sb.WriteByte('|')
		if special {
			sb.WriteString(u.actions[i])
		}
		sb.WriteString(traits)
		sb.WriteByte('|')
		for _, p := range u.actPats[i] {
			sb.WriteString(strconv.Itoa(int(p)))
			sb.WriteByte(',')
		}
		sig := sb.String()
		c, ok := bySig[sig]
		if !ok {
			c = int32(len(u.classes))
			bySig[sig] = c
			u.classes = append(u.classes, &actionClass{id: c, rep: int32(i), service: u.svc[i], pats: u.actPats[i], special: special, traits: traits})
		}
		u.classOf[i] = c
		u.classes[c].members = append(u.classes[c].members, int32(i))
	}
}
