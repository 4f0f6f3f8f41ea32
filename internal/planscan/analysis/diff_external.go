package analysis

import (
	"bytes"
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
)

// The diff with everyone (issue 9): principals outside the plan get rows of
// their own: anonymous callers, "any AWS account" (an account no policy of
// the plan names), each account the plan's policies name, the organization
// (any account, when the grant's only conditions are on aws:PrincipalOrgID
// or aws:PrincipalOrgPaths) and each federated identity provider that a
// trust policy names. Their access comes from the resource and trust
// policies of both sides, asked over every context: a grant that needs
// context conditions is a group of its own, with them (AccessChange.When).

// External principal rows use these kinds.
const (
	externalKind    = "external"
	anyAccountLabel = "any AWS account"
	orgLabel        = "organization"
)

// externalCell is one (principal, action, resource) answer on each side.
type externalCell struct {
	principal, action, resource string
	q                           [2]*evaluator.Quantified
}

// externalRows computes the rows of principals outside the plan.
func (a *Analysis) externalRows() []PrincipalDiff {
	found := false
	for _, s := range []*SideAnalysis{a.Before, a.After} {
		for _, d := range s.resourceDocs() {
			found = found || d.doc.Unknown == nil && mayNameOutsidersText(d.doc.JSON)
		}
	}
	if !found {
		return nil // only service principals: nothing to ask
	}
	subs := a.externalSubjects()
	cells := map[[3]string]*externalCell{}
	for si, s := range []*SideAnalysis{a.Before, a.After} {
		for _, d := range s.resourceDocs() {
			if d.doc.Unknown != nil || !mayNameOutsidersText(d.doc.JSON) {
				continue // unknown: reported by public-access (PT-5)
			}
			tree := s.tree(d.doc, d.typ)
			if tree == nil {
				continue
			}
			for _, st := range tree.Statements {
				if st.Effect != evaluator.EffectAllow || st.NotResource || !mayNameOutsiders(&st) {
					continue
				}
				actions := a.statementActions(&st, d.resource)
				entries := []string{d.resource}
				if d.typ == evaluator.PolicyResource && len(st.Resources) > 0 {
					entries = entries[:0]
					for _, r := range st.Resources {
						// a symbol (evaluator/symbol.go) scopes as any string
						entries = append(entries, evaluator.SymbolsAsWildcards(r.Text))
					}
				}
				scope, err := s.blockScope(entries, actions)
				if err != nil {
					continue
				}
				for _, m := range subs {
					// a federated row asks only AssumeRoleWith* (PR-9; cognito-identity.amazonaws.com
					// parses as a service principal and becomes the caller there, CallerFor)
					federated := strings.HasPrefix(m.label, "federated:")
					for _, act := range actions {
						if federated != strings.HasPrefix(strings.ToLower(act), "sts:assumerolewith") {
							continue
						}
						for _, t := range scope[act] {
							if !t.owned() {
								continue // the resource's account is not known: cross-account is undecidable
							}
							key := [3]string{m.label, act, t.label()}
							c := cells[key]
							if c == nil {
								c = &externalCell{principal: m.label, action: act, resource: t.label()}
								cells[key] = c
							}
							if c.q[si] != nil {
								continue
							}
							qa := s.DecideAnyContext(m.sub, act, t.Target, evaluator.Context{})
							c.q[si] = &qa.Q
						}
					}
				}
			}
		}
	}
	return a.externalChanges(cells)
}

// statementActions are the actions a statement of a resource or trust
// policy grants, on the resource's service.
func (a *Analysis) statementActions(st *evaluator.Statement, resource string) []string {
	return statementActionsOf(a.catalog, st, resource)
}

// statementActionsOf is statementActions with the catalog given.
func statementActionsOf(cat *iamdata.Catalog, st *evaluator.Statement, resource string) []string {
	service := evaluator.ARNField(resource, 2)
	if service == "iam" {
		service = "sts" // a role's trust policy
	}
	var patterns []string
	if st.NotAction {
		patterns = []string{service + ":*"}
	} else {
		for _, v := range st.Actions {
			patterns = append(patterns, v.Text)
		}
	}
	var out []string
	for _, act := range expandActionPatterns(cat, patterns) {
		if strings.EqualFold(strings.SplitN(act, ":", 2)[0], service) {
			out = append(out, act)
		}
	}
	if st.NotAction {
		var keep []string
		for _, act := range out {
			excluded := false
			for _, v := range st.Actions {
				excluded = excluded || actionMatchesAny([]string{v.Text}, act)
			}
			if !excluded {
				keep = append(keep, act)
			}
		}
		out = keep
	}
	return out
}

// externalSubjects are anonymous callers, any AWS account, the accounts
// the plan names and the federated providers its trust policies name.
func (a *Analysis) externalSubjects() []member {
	named := map[string]bool{}
	refs := []string{"anonymous"}
	for _, s := range []*SideAnalysis{a.Before, a.After} {
		for _, ref := range s.otherAccounts() {
			if !named[ref] {
				named[ref] = true
				refs = append(refs, ref)
			}
		}
	}
	var out []member
	for _, ref := range refs {
		if p, _, err := externalPrincipal(ref); err == nil {
			out = append(out, member{sub: &Subject{Ref: ref, Principal: p}, label: ref})
		}
	}
	// A fresh account stands for every account the plan does not name.
	named["account:"+a.After.repAccount()], named["account:"+a.Before.repAccount()] = true, true
	fresh := freshAccount(named)
	if p, _, err := externalPrincipal("account:" + fresh); err == nil {
		out = append(out, member{sub: &Subject{Ref: anyAccountLabel, Principal: p}, label: anyAccountLabel})
		out = append(out, a.ouSubjects(p)...) // diff_external_ou.go
	}
	seen := map[string]bool{}
	for _, s := range []*SideAnalysis{a.Before, a.After} {
		for _, d := range s.resourceDocs() {
			if d.typ != evaluator.PolicyTrust || d.doc.Unknown != nil || !bytes.Contains(d.doc.JSON, []byte("Federated")) {
				continue
			}
			tree := s.tree(d.doc, d.typ)
			if tree == nil {
				continue
			}
			for _, st := range tree.Statements {
				if st.Principal == nil {
					continue
				}
				for _, f := range st.Principal.Federated {
					if seen[f.Text] {
						continue
					}
					seen[f.Text] = true
					if sub, err := s.Subject(f.Text); err == nil && !sub.Absent {
						out = append(out, member{sub: sub, label: "federated:" + f.Text})
					}
				}
			}
		}
	}
	return out
}

// externalChanges turns the answers into rows: gained and lost access over
// every context, and changes between a definite answer and unknown (PT-8).
func (a *Analysis) externalChanges(cells map[[3]string]*externalCell) []PrincipalDiff {
	type groupKey struct{ principal, kind, service, level, when string }
	type extAcc struct{ actions, resources, trans, depends map[string]bool }
	groups := map[groupKey]*extAcc{}
	never := &evaluator.Quantified{Outcome: evaluator.OutcomeNever}
	for _, c := range cells {
		b, af := c.q[0], c.q[1]
		if b == nil {
			b = never
		}
		if af == nil {
			af = never
		}
		var kind ChangeKind
		var from *evaluator.Quantified
		switch {
		case af.HasAllowed && b.Outcome == evaluator.OutcomeNever:
			kind, from = Gained, af
		case b.HasAllowed && af.Outcome == evaluator.OutcomeNever:
			kind, from = Lost, b
		case af.Outcome == evaluator.OutcomeUnknown && !af.HasAllowed && b.Outcome == evaluator.OutcomeNever:
			kind, from = BecameUnknown, af
		case b.Outcome == evaluator.OutcomeUnknown && !b.HasAllowed && af.Outcome == evaluator.OutcomeNever:
			kind, from = Resolved, b
		default:
			continue
		}
		principal, when := c.principal, strings.TrimPrefix(allowedWhen(from), " when ")
		if principal == anyAccountLabel && orgOnly(from) {
			principal = orgLabel
		}
		svc, level := "", ""
		if act, ok := a.catalog.LookupAction(c.action); ok {
			svc, level = act.Service, string(act.AccessLevel)
		}
		k := groupKey{principal, string(kind), svc, level, when}
		acc := groups[k]
		if acc == nil {
			acc = &extAcc{actions: map[string]bool{}, resources: map[string]bool{}, trans: map[string]bool{}, depends: map[string]bool{}}
			groups[k] = acc
		}
		acc.actions[c.action] = true
		acc.trans[string(b.Outcome)+"->"+string(af.Outcome)] = true
		acc.resources[c.resource] = true
		for _, u := range from.Unknowns {
			acc.depends[u.String()] = true
		}
	}
	rows := map[string]*PrincipalDiff{}
	for k, acc := range groups {
		row := rows[k.principal]
		if row == nil {
			row = &PrincipalDiff{Principal: k.principal, Kind: externalKind, Change: "outside the plan"}
			rows[k.principal] = row
		}
		ch := AccessChange{Kind: ChangeKind(k.kind), Service: k.service, AccessLevel: k.level, When: k.when,
			Actions: sortedKeys(acc.actions), Resources: sortedKeys(acc.resources),
			Transitions: sortedKeys(acc.trans), DependsOn: sortedKeys(acc.depends)}
		SortBySecurity(ch.Actions)
		row.Changes = append(row.Changes, ch)
	}
	out := make([]PrincipalDiff, 0, len(rows))
	for _, r := range rows {
		sortChanges(r.Changes)
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return externalOrder(out[i].Principal) < externalOrder(out[j].Principal) })
	return out
}

// externalOrder: anonymous, any AWS account, the organization, its OUs,
// accounts, federated providers.
func externalOrder(p string) string {
	switch {
	case p == "anonymous":
		return "0"
	case p == anyAccountLabel:
		return "1"
	case p == orgLabel:
		return "2"
	case strings.HasPrefix(p, "ou:"):
		return "2" + p
	case strings.HasPrefix(p, "account:"):
		return "3" + p
	}
	return "4" + p
}

// orgOnly: every conjunction of a conditional grant names the caller's
// organization (aws:PrincipalOrgID, aws:PrincipalOrgPaths equal to values).
func orgOnly(q *evaluator.Quantified) bool {
	if q.Outcome != evaluator.OutcomeConditional || len(q.When) == 0 {
		return false
	}
	for _, conj := range q.When {
		if len(conj) == 0 {
			return false
		}
		for _, c := range conj {
			if k := strings.ToLower(c.Key); k != "aws:principalorgid" && k != "aws:principalorgpaths" {
				return false
			}
			// a pattern (o-*), a negation or absence names no organization
			if strings.Contains(c.Text, " like ") || strings.Contains(c.Text, "!=") || strings.Contains(c.Text, "absent") {
				return false
			}
		}
	}
	return true
}

// mayNameOutsiders: the statement's principals may include callers outside
// the plan (not only AWS service principals).
func mayNameOutsiders(st *evaluator.Statement) bool {
	if st.NotPrincipal != nil {
		return true
	}
	p := st.Principal
	return p != nil && (p.Wildcard || len(p.AWS) > 0 || len(p.Federated) > 0 || len(p.CanonicalUser) > 0)
}

// mayNameOutsidersText is a cheap filter before parsing: a document whose
// text names no AWS, federated or canonical principal, no "*" and no
// NotPrincipal names only service principals.
func mayNameOutsidersText(doc []byte) bool {
	for _, w := range []string{`"AWS"`, `"Federated"`, `"CanonicalUser"`, `"*"`, `NotPrincipal`} {
		if bytes.Contains(doc, []byte(w)) {
			return true
		}
	}
	return false
}
