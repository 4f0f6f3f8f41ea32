package analysis

// Fewer questions for the escalation graph (issue 10). A principal that may
// pass roles, create other users' keys or rewrite trust policies is asked
// about every role or user of the plan: on plans with thousands of roles,
// one quantified question per (principal, role) dominated the check. Two
// equivalence classes keep the answers exact while asking less:
//
//   - targets: when every statement of the principal's policies (identity,
//     boundary, SCPs, RCPs) that may match the action has Resource "*"
//     and no condition on a resource key, and the target has no resource
//     policy for the action, the answer is the same for every target of
//     an account: asked once per (action, context, account), the grant's
//     text then names each target;
//   - principals: principals with the same policy set (the same documents,
//     by name and content), kind and account, whose policies use no
//     policy variable or principal condition key, get the same answers:
//     each question is answered once per class (the memo is keyed by the
//     class). Questions whose answer depends on who the principal is are
//     asked per principal: a target with a resource or trust policy for
//     the action (it may name the principal), and its own ARN as a target
//     is a key of its own.
//
// The asker here is how edgesOf (escalation_edges.go) asks every question
// of one principal: the allow filter, the memo, the best grant of a group
// of actions on a list of targets, and the targets of an action on "*"
// (computed once per side and action).

import (
	"strconv"
	"strings"
	"sync"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
)

// principalPolicies are the documents that decide for one principal;
// opaque when one is unknown or does not parse.
type principalPolicies struct {
	docs     []*docView // every document of the set
	identity []*docView // the identity documents
	opaque   bool
	// anyAllow: an opaque identity document makes the allow filter
	// unknowable.
	anyAllow bool
	// principalBound: a statement uses a policy variable or a condition
	// key about the caller, so answers may differ between principals with
	// the same policies.
	principalBound bool
}

// docView is one parsed document, shared by every principal it applies
// to (managed policies are attached to many).
type docView struct {
	tree *evaluator.Policy
	// allow: lower-case action patterns of its Allow statements;
	// anyAllow when a NotAction Allow makes them unknowable.
	allow    []string
	anyAllow bool
	bound    bool
	mu       sync.Mutex
	may      map[string]bool
}

// mayAllow: an Allow statement of the document may name the action
// (answered once per document and action).
func (v *docView) mayAllow(action string) bool {
	if v.anyAllow {
		return true
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if ok, seen := v.may[action]; seen {
		return ok
	}
	ok := mayAllow(v.allow, false, action)
	if v.may == nil {
		v.may = map[string]bool{}
	}
	v.may[action] = ok
	return ok
}

// policiesOf gathers the principal's documents, each parsed once per side.
func (e *escEnv) policiesOf(set evaluator.PolicySet) *principalPolicies {
	pp := &principalPolicies{}
	add := func(d evaluator.PolicyDoc, typ evaluator.PolicyType, identity bool) {
		var v *docView
		if d.Unknown == nil {
			v = e.view(d, typ)
		}
		if v == nil {
			pp.opaque = true
			pp.anyAllow = pp.anyAllow || identity
			return
		}
		pp.docs = append(pp.docs, v)
		if identity {
			pp.identity = append(pp.identity, v)
		}
		pp.principalBound = pp.principalBound || v.bound
	}
	for _, d := range set.Identity {
		add(d, evaluator.PolicyIdentity, true)
	}
	for _, d := range set.Boundaries {
		add(d, evaluator.PolicyBoundary, false)
	}
	for _, l := range set.SCPs {
		for _, d := range l {
			add(d, evaluator.PolicySCP, false)
		}
	}
	for _, l := range set.RCPs {
		for _, d := range l {
			add(d, evaluator.PolicyRCP, false)
		}
	}
	return pp
}

// may: an Allow statement of the identity documents may name the action.
func (pp *principalPolicies) may(action string) bool {
	if pp.anyAllow {
		return true
	}
	for _, v := range pp.identity {
		if v.mayAllow(action) {
			return true
		}
	}
	return false
}

// view reads a document once per side (its parse is the side's:
// SideAnalysis.tree); nil when it does not parse.
func (e *escEnv) view(d evaluator.PolicyDoc, typ evaluator.PolicyType) *docView {
	doc := d.JSON
	e.memoMu.Lock()
	v, ok := e.views[string(doc)][typ]
	e.memoMu.Unlock()
	if ok {
		return v
	}
	if tree := e.s.tree(d, typ); tree != nil {
		v = &docView{tree: tree, bound: strings.Contains(string(doc), "${")}
		for i := range tree.Statements {
			st := &tree.Statements[i]
			for _, c := range st.Conditions {
				if k := strings.ToLower(c.Key); strings.HasPrefix(k, "aws:principal") || strings.HasPrefix(k, "aws:user") ||
					k == "aws:sourceidentity" || strings.HasPrefix(k, "aws:federatedprovider") {
					v.bound = true
				}
			}
			if st.Effect != evaluator.EffectAllow {
				continue
			}
			if st.NotAction {
				v.anyAllow = true
				continue
			}
			for _, a := range st.Actions {
				v.allow = append(v.allow, strings.ToLower(a.Text))
			}
		}
	}
	e.memoMu.Lock()
	if e.views == nil {
		e.views = map[string]map[evaluator.PolicyType]*docView{}
	}
	byType := e.views[string(doc)]
	if byType == nil {
		byType = map[evaluator.PolicyType]*docView{}
		e.views[string(doc)] = byType
	}
	byType[typ] = v
	e.memoMu.Unlock()
	return v
}

// resourceFree: every statement that may match the action has Resource
// "*" and no condition on a resource key.
func (pp *principalPolicies) resourceFree(action string) bool {
	if pp.opaque {
		return false
	}
	a := strings.ToLower(action)
	for _, v := range pp.docs {
		for i := range v.tree.Statements {
			if !statementResourceFree(&v.tree.Statements[i], a) {
				return false
			}
		}
	}
	return true
}

// statementResourceFree: the statement does not match the (lower-case)
// action, or it has Resource "*" and no condition on a resource key.
func statementResourceFree(st *evaluator.Statement, a string) bool {
	match := false
	for _, v := range st.Actions {
		match = match || globMatchAll(strings.ToLower(v.Text), a)
	}
	if st.NotAction {
		match = !match
	}
	if !match {
		return true
	}
	if st.NotResource || len(st.Resources) != 1 || st.Resources[0].Text != "*" {
		return false
	}
	for _, c := range st.Conditions {
		if strings.Contains(strings.ToLower(c.Key), "resource") {
			return false
		}
	}
	return true
}

// asker asks one principal's questions of the escalation graph through
// the memo of the side.
type asker struct {
	e     *escEnv
	sub   *Subject
	pp    *principalPolicies
	class string // id of the principal class, or of the principal's own key (classID)
	free  map[string]bool
}

func (e *escEnv) askerFor(sub *Subject) *asker {
	set := e.s.PolicySet(sub.Identity)
	pp := e.policiesOf(set)
	class := principalClass(sub.Identity, set, pp)
	if class == "" {
		class = "\x02" + sub.Identity.Address
	}
	return &asker{e: e, sub: sub, pp: pp, class: e.classID(class), free: map[string]bool{}}
}

// classID returns the short id of a principal class, the same for equal
// classes.
func (e *escEnv) classID(class string) string {
	e.memoMu.Lock()
	defer e.memoMu.Unlock()
	id, ok := e.classIDs[class]
	if !ok {
		if e.classIDs == nil {
			e.classIDs = map[string]string{}
		}
		id = strconv.Itoa(len(e.classIDs))
		e.classIDs[class] = id
	}
	return id
}

// may: some Allow statement of the principal's identity policies names
// the action (a cheap filter before the engine is asked).
func (q *asker) may(action string) bool { return q.pp.may(action) }

type memoGrant struct {
	g     grant
	label string
}

// ask answers one question, or reuses the answer given to the principal's
// class, for this target or (resource-free) any target of its account.
func (q *asker) ask(action string, t *Target, ctx evaluator.Context) grant {
	if t == nil {
		return grant{}
	}
	e := q.e
	if t.Unknown != nil || e.s.resourceDoc(action, t) != nil {
		return e.decideGrant(q.sub, action, t, ctx)
	}
	free, ok := q.free[action]
	if !ok {
		free = q.pp.resourceFree(action)
		q.free[action] = free
	}
	where := "arn\x00" + t.ARN
	if acct := evaluator.ARNField(t.ARN, 4); free && evaluator.IsAccountID(acct) {
		where = "acct\x00" + acct + "\x00" + evaluator.ARNField(t.ARN, 2)
	}
	key := q.class + "\x01" + action + "\x00" + contextText(ctx) + "\x00" + where
	e.memoMu.Lock()
	mg, ok := e.memo[key]
	e.memoMu.Unlock()
	if ok {
		g := mg.g
		g.text = strings.Replace(g.text, mg.label, t.Label(), 1)
		return g
	}
	g := e.decideGrant(q.sub, action, t, ctx)
	e.memoMu.Lock()
	if e.memo == nil {
		e.memo = map[string]memoGrant{}
	}
	e.memo[key] = memoGrant{g: g, label: t.Label()}
	e.memoMu.Unlock()
	return g
}

// principalClass is the key of the principal's class: "" when it must be
// asked on its own.
func principalClass(id *iammodel.Identity, set evaluator.PolicySet, pp *principalPolicies) string {
	if pp.opaque || pp.principalBound || !id.Account.Set() {
		return ""
	}
	var b strings.Builder
	b.WriteString(string(id.Kind) + "\x00" + id.Account.Value)
	for _, ds := range [][]evaluator.PolicyDoc{set.Identity, set.Boundaries} {
		b.WriteString("\x01")
		for _, d := range ds {
			b.WriteString(d.Name + "\x00" + string(d.JSON) + "\x00")
		}
	}
	return b.String()
}

// contextMatters: some document that decides whether sub may perform the
// action on t (its identity policies, boundaries, SCPs and RCPs, and the
// target's resource or trust policy) has a condition or a policy variable,
// or is known only after apply. When none does, the answer is the same in
// every request context, and a question the empty context denied need not
// be asked over every context.
func contextMatters(s *SideAnalysis, sub *Subject, action string, t *Target) bool {
	if sub.Identity == nil {
		return true
	}
	if d := s.resourceDoc(action, t); d != nil && docHasContext(*d) {
		return true
	}
	if v, ok := s.caches.conditionFree.Load(sub.Identity); ok {
		return !v.(bool)
	}
	set := s.Model.PolicySetFor(sub.Identity)
	free := true
	for _, ds := range append([][]evaluator.PolicyDoc{set.Identity, set.Boundaries}, append(set.SCPs, set.RCPs...)...) {
		for _, d := range ds {
			free = free && !docHasContext(d)
		}
	}
	s.caches.conditionFree.Store(sub.Identity, free)
	return !free
}

func docHasContext(d evaluator.PolicyDoc) bool {
	return d.Unknown != nil || strings.Contains(string(d.JSON), "Condition") || strings.Contains(string(d.JSON), "${")
}

// anyTargets are the resources an action on "*" may act on (plan resources
// and representatives of the policies' patterns: check_scope.go), once per
// side and action.
func (e *escEnv) anyTargets(action string) []*Target {
	e.memoMu.Lock()
	ts, ok := e.scope[action]
	e.memoMu.Unlock()
	if ok {
		return ts
	}
	sts, err := e.s.scopeTargets("*", action)
	if err == nil {
		ts = make([]*Target, 0, len(sts))
		for _, st := range sts {
			ts = append(ts, st.Target)
		}
	}
	e.memoMu.Lock()
	if e.scope == nil {
		e.scope = map[string][]*Target{}
	}
	e.scope[action] = ts
	e.memoMu.Unlock()
	return ts
}

// allGroups decides the non-PassRole actions of a technique, each on any
// resource it may act on (plan resources and representatives of the
// policies' patterns, wildcards anywhere: check_scope.go).
func (q *asker) allGroups(t EscalationTechnique) ([]grant, bool) {
	e := q.e
	var out []grant
	for _, group := range t.AllOf {
		var g grant
		for _, a := range group {
			targets := e.anyTargets(a)
			if g = q.firstGrant([]string{a}, targets); g.ok {
				break
			}
		}
		if !g.ok {
			return nil, false
		}
		out = append(out, g)
	}
	return out, true
}

// firstGrant returns the best grant of any action of the group on any of
// the targets: always first, then conditional, then unknown.
func (q *asker) firstGrant(group []string, targets []*Target) grant {
	var best grant
	rank := func(g grant) int {
		switch {
		case !g.ok:
			return 0
		case g.status == StatusUnknown:
			return 1
		case g.conditions != "":
			return 2
		}
		return 3
	}
	for _, a := range group {
		for _, t := range targets {
			if t == nil {
				continue
			}
			g := q.ask(a, t, evaluator.Context{})
			if rank(g) > rank(best) {
				best = g
			}
			if rank(best) == 3 {
				return best
			}
		}
	}
	return best
}
