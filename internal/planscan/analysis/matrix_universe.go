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

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"

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
	// and compiled once (buildIndexes)
	resComp, trustComp [2]*evaluator.CompiledResource
	lower              string        // lower-case ARN
	rel                [2]*relTarget // its resource document seen from it (matrix_relative.go)
	account            [2]string
	slr                bool
	// pattern: the policy pattern a representative target stands for
	pattern string
	// tagged: the target's tags per side (resource_tags.go), nil when it
	// is not a tagged resource of the plan
	tagged [2]*iammodel.TaggedResource
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
					// the objects keep the bucket's symbol, followed by
					// "/*" (evaluator.Unknown.Suffix), as a known bucket's
					// objects are its ARN then "/*"
					ou := *t.Unknown
					if ou.Symbol != "" {
						ou.Suffix = "/*"
					}
					o = add(si, "addr:"+rp.Address+"/*", t.ARN, &ou, "${"+rp.Address+".arn}/*", "s3", "s3-object")
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
	u.addTaggedTargets(add)
	// Resources the policies name literally (or with one trailing "*",
	// which then stands for itself): an identity grant on a resource
	// outside the plan shows in the diff too.
	var named []string
	for _, pd := range u.docList {
		for _, r := range pd.resources {
			if !strings.HasPrefix(r, "arn:") || strings.Contains(r, "${") || strings.ContainsAny(strings.TrimSuffix(r, "*"), "*?") {
				continue
			}
			named = append(named, r)
		}
	}
	sort.Strings(named)
	for _, r := range named {
		if _, ok := byKey["arn:"+r]; !ok {
			service, kind := namedKind(r)
			add(1, "arn:"+r, r, nil, r, service, kind)
		}
	}
	// Patterns with inner wildcards (arn:aws:ec2:*:*:instance/*,
	// arn:aws:s3:::logs-*/*) are represented by the pattern's
	// representative ARN, as the gate's blocks are (check_scope.go: its
	// wildcards filled with planscan-any, account and region the plan's),
	// labelled "(outside the plan)": the answer is that resource's, one of
	// the pattern's shape that no plan resource has, never a claim about
	// every resource the pattern matches (the plan's own resources are
	// targets of their own).
	for _, r := range u.innerPatterns() {
		reps := u.a.After.instantiate(r)
		if len(reps) == 0 || !arnPatternMatch(r, reps[0]) {
			continue
		}
		if _, ok := byKey["arn:"+reps[0]]; !ok {
			service, kind := namedKind(reps[0])
			add(1, "arn:"+reps[0], reps[0], nil, reps[0]+" (outside the plan)", service, kind).pattern = r
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

// representatives maps the label of each representative target to the
// policy pattern it stands for.
func (u *universe) representatives() map[string]string {
	out := map[string]string{}
	for _, t := range u.targets {
		if t.pattern != "" {
			out[t.Label] = t.pattern
		}
	}
	return out
}

// innerPatterns are the ARN patterns of the policies with a wildcard
// before their end, sorted.
func (u *universe) innerPatterns() []string {
	seen := map[string]bool{}
	var out []string
	for _, pd := range u.docList {
		for _, r := range pd.resources {
			if strings.HasPrefix(r, "arn:") && !strings.Contains(r, "${") && strings.ContainsAny(strings.TrimSuffix(r, "*"), "*?") && !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	sort.Strings(out)
	return out
}

// namedKind is the service and kind of a resource the policies name.
func namedKind(r string) (service, kind string) {
	service = evaluator.ARNField(r, 2)
	res := evaluator.ARNField(r, 5)
	kind = service + ":" + resourceTypeWord(res)
	if !strings.ContainsAny(res, "/:") {
		// a bare name (SQS queues, SNS topics): one kind for all, not
		// one per name, so that they group
		kind = service + ":"
	}
	if service == "s3" {
		kind = "s3-bucket"
		if strings.Contains(res, "/") {
			kind = "s3-object"
		}
	}
	return service, kind
}

// resourceTypeWord is the first word of an ARN's resource part ("role" of
// "role/app"); "" when the part is empty ("arn:aws:s3:::", named by a
// public Checkov plan) or holds only separators.
func resourceTypeWord(res string) string {
	if w := strings.FieldsFunc(res, func(c rune) bool { return c == '/' || c == ':' }); len(w) > 0 {
		return w[0]
	}
	return ""
}

// fitKey is an entry of the fit cache.
type fitKey struct {
	class int32
	t     *matrixTarget
}

// fitting returns the members of a class that can act on a target of the
// target's kind (RS-9, RS-10): wildcard-only actions only on "*", others on
// resources of one of their resource types (and on "*").
func (u *universe) fitting(c *actionClass, t *matrixTarget) []int32 {
	// Keyed by target, not by kind: targets of one kind may be of different
	// resource types (a DynamoDB table and its index/* pattern), and a cache
	// by kind answered for whichever target came first (nondeterministic).
	k := fitKey{c.id, t}
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
			sample = unknownSample(t) // a shape check only
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

// kindSamples are ARNs of each kind of plan resource, for the shape check
// of a target whose ARN is known only in part.
var kindSamples = map[string]string{
	"kms-key":   "arn:aws:kms:us-east-1:000000000000:key/x",
	"iam-role":  "arn:aws:iam::000000000000:role/x",
	"iam-user":  "arn:aws:iam::000000000000:user/x",
	"s3-bucket": "arn:aws:s3:::x",
	"s3-object": "arn:aws:s3:::x/x",
}

// unknownSample is an ARN of the target's shape consistent with its known
// prefix: the prefix completed with the kind's sample fields after it
// (arn:aws:kms:us-west-2: + 000000000000:key/x). A new KMS key known as
// arn:aws:kms:REGION: (account unknown) or an IAM role as arn:aws:iam::
// is then still a target of key and role actions, never dropped from the
// diff (issue 8). A prefix into the resource part tells the shape itself.
func unknownSample(t *matrixTarget) string {
	p := t.Unknown.Prefix
	s, ok := kindSamples[t.Kind]
	n := strings.Count(p, ":")
	if !ok || n >= 5 || !strings.HasSuffix(p, ":") && p != "" {
		return p + "x"
	}
	fields := strings.SplitN(s, ":", 6)
	pf := strings.Split(p, ":")
	for i := 0; i < n && i < 3; i++ {
		if i != 1 && pf[i] != fields[i] { // the partition may differ
			return p + "x"
		}
	}
	return p + strings.Join(fields[n:], ":")
}
