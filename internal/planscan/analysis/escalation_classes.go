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
//     policy variable or principal condition key, ask the same questions
//     with the same answers: their edges are computed once for the class
//     and copied, except the edges that depend on who the principal is
//     (itself as a target, trusts that name it, its own policies).

import (
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
)

// principalPolicies are the parsed statements that decide for one
// principal; opaque when a document is unknown or does not parse.
type principalPolicies struct {
	stmts  []*evaluator.Statement
	opaque bool
	// allow patterns (lower case) of the identity policies' Allow
	// statements; anyAllow when a NotAction Allow or an opaque document
	// makes them unknowable.
	allow    []string
	anyAllow bool
	// principalBound: a statement uses a policy variable or a condition
	// key about the caller, so answers may differ between principals with
	// the same policies.
	principalBound bool
}

// policiesOf parses the principal's policy set once.
func (e *escEnv) policiesOf(id *iammodel.Identity) *principalPolicies {
	set := e.s.PolicySet(id)
	pp := &principalPolicies{}
	add := func(d evaluator.PolicyDoc, typ evaluator.PolicyType, identity bool) {
		if d.Unknown != nil {
			pp.opaque = true
			if identity {
				pp.anyAllow = true
			}
			return
		}
		tree, _ := evaluator.ParsePolicy(d.JSON, typ)
		if tree == nil {
			pp.opaque = true
			if identity {
				pp.anyAllow = true
			}
			return
		}
		if strings.Contains(string(d.JSON), "${") {
			pp.principalBound = true
		}
		for i := range tree.Statements {
			st := &tree.Statements[i]
			pp.stmts = append(pp.stmts, st)
			for _, c := range st.Conditions {
				if k := strings.ToLower(c.Key); strings.HasPrefix(k, "aws:principal") || strings.HasPrefix(k, "aws:user") ||
					k == "aws:sourceidentity" || strings.HasPrefix(k, "aws:federatedprovider") {
					pp.principalBound = true
				}
			}
			if !identity || st.Effect != evaluator.EffectAllow {
				continue
			}
			if st.NotAction {
				pp.anyAllow = true
				continue
			}
			for _, v := range st.Actions {
				pp.allow = append(pp.allow, strings.ToLower(v.Text))
			}
		}
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

// resourceFree: every statement that may match the action has Resource
// "*" and no condition on a resource key.
func (pp *principalPolicies) resourceFree(action string) bool {
	if pp.opaque {
		return false
	}
	a := strings.ToLower(action)
	for _, st := range pp.stmts {
		match := false
		for _, v := range st.Actions {
			match = match || globMatchAll(strings.ToLower(v.Text), a)
		}
		if st.NotAction {
			match = !match
		}
		if !match {
			continue
		}
		if st.NotResource || len(st.Resources) != 1 || st.Resources[0].Text != "*" {
			return false
		}
		for _, c := range st.Conditions {
			if strings.Contains(strings.ToLower(c.Key), "resource") {
				return false
			}
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
	class string // principal class, or the principal's own key
	free  map[string]bool
}

func (e *escEnv) askerFor(sub *Subject) *asker {
	pp := e.policiesOf(sub.Identity)
	class := principalClass(e.s, sub.Identity, pp)
	if class == "" {
		class = "\x02" + sub.Identity.Address
	}
	return &asker{e: e, sub: sub, pp: pp, class: class, free: map[string]bool{}}
}

// may: some Allow statement of the principal's identity policies names
// the action (a cheap filter before the engine is asked).
func (q *asker) may(action string) bool { return mayAllow(q.pp.allow, q.pp.anyAllow, action) }

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
func principalClass(s *SideAnalysis, id *iammodel.Identity, pp *principalPolicies) string {
	if pp.opaque || pp.principalBound || !id.Account.Set() {
		return ""
	}
	var b strings.Builder
	b.WriteString(string(id.Kind) + "\x00" + id.Account.Value)
	set := s.PolicySet(id)
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
	set := s.PolicySet(sub.Identity)
	docs := append(append([]evaluator.PolicyDoc{}, set.Identity...), set.Boundaries...)
	for _, l := range append(append([][]evaluator.PolicyDoc{}, set.SCPs...), set.RCPs...) {
		docs = append(docs, l...)
	}
	if d := s.resourceDoc(action, t); d != nil {
		docs = append(docs, *d)
	}
	for _, d := range docs {
		if d.Unknown != nil || strings.Contains(string(d.JSON), "Condition") || strings.Contains(string(d.JSON), "${") {
			return true
		}
	}
	return false
}
