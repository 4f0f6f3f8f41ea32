package analysis

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// ChangeKind is how a principal's access to (action, resource) changes.
type ChangeKind string

const (
	Gained ChangeKind = "gained" // not allowed before, allowed after
	Lost   ChangeKind = "lost"   // allowed before, not allowed after
	// BecameUnknown: a definite decision before, unknown after (PT-8: its
	// own kind, neither a grant nor a revocation).
	BecameUnknown ChangeKind = "unknown"
	// Resolved: unknown before, definite after (PT-8).
	Resolved ChangeKind = "resolved"
)

// SupportedChangeKinds lists the kinds in report order.
func SupportedChangeKinds() []ChangeKind { return []ChangeKind{Gained, Lost, BecameUnknown, Resolved} }

// AccessChange is a group of changes of one kind, service and access level.
type AccessChange struct {
	Kind        ChangeKind `json:"kind"`
	Service     string     `json:"service"`
	AccessLevel string     `json:"accessLevel"`
	Actions     []string   `json:"actions"`
	Resources   []string   `json:"resources"`
	// Transitions lists before->after decisions ("implicitDeny->allowed").
	Transitions []string `json:"transitions"`
	// DependsOn names what unknown decisions depend on.
	DependsOn []string `json:"dependsOn,omitempty"`
	// When: the context conditions a grant needs (issue 9): for rows of
	// principals outside the plan (diff_external.go) and for the cells of
	// principals of the plan that depend on the context
	// (matrix_context.go). "unless ..." on a lost grant: it is still
	// allowed when those conditions hold.
	When string `json:"when,omitempty"`
	// Statement is "POLICY#SID" of the statement that grants a gained
	// access, for one representative cell (its first action on its first
	// resource, in a context that allows it); "" when not found or when
	// the analysis has no configuration source. The reports give its line
	// (issue 8 item 4).
	Statement string `json:"-"`
}

// PrincipalDiff is the access change of one principal, paired by address.
type PrincipalDiff struct {
	Principal string         `json:"principal"`
	Kind      string         `json:"kind"`
	ARN       string         `json:"arn"`
	Change    string         `json:"change"` // created, deleted, exists
	Changes   []AccessChange `json:"changes"`
}

// Diff is the permission diff of a plan.
type Diff struct {
	Principals []PrincipalDiff `json:"principals"`
	// Unchanged counts principals whose access does not change.
	Unchanged int `json:"unchanged"`
}

func category(d evaluator.Decision) int {
	switch d {
	case evaluator.Allowed:
		return 2
	case evaluator.ExplicitDeny, evaluator.ImplicitDeny:
		return 1
	}
	return 0 // unknown, error
}

func changeKind(b, a evaluator.Decision) (ChangeKind, bool) {
	return changeKind2(category(b), category(a))
}

// Diff computes who gains and who loses which access (all principals, every
// action of the reference data, every resource the model knows and "*").
func (a *Analysis) Diff() *Diff {
	m := a.matrix()
	out := &Diff{Principals: []PrincipalDiff{}}
	pds := make([]PrincipalDiff, len(m.addrs))
	parallel(len(m.addrs), func(i int) {
		pds[i] = m.principalDiff(m.addrs[i], m.acc[i])
		if a.source != nil {
			// the granting statement is for the reports' .tf locations:
			// one more decision over every context per gained group, a
			// fifth of the diff's CPU on the 4,600-resource plan
			a.After.grantStatements(&pds[i])
		}
	})
	for _, pd := range pds {
		if len(pd.Changes) == 0 {
			out.Unchanged++
			continue
		}
		out.Principals = append(out.Principals, pd)
	}
	out.Principals = append(out.Principals, a.externalRows()...)
	return out
}

type changeAcc struct {
	actions map[int32]bool          // indexes into universe.actions
	tsets   map[int][]*matrixTarget // target lists by id (each sorted)
	trans   map[string]bool
	depends map[string]bool
}

func (m *matrix) principalDiff(addr string, pair [2]*principalAccess) PrincipalDiff {
	u := m.u
	pd := PrincipalDiff{Principal: addr, Change: "exists"}
	switch {
	case pair[0].absent:
		pd.Change = "created"
	case pair[1].absent:
		pd.Change = "deleted"
	}
	for _, p := range pair {
		if !p.absent {
			pd.Kind = string(p.sub.Identity.Kind)
			pd.ARN = p.sub.Identity.ARN.String()
		}
	}
	local := func(p *principalAccess, c int32) int32 {
		if p.absent {
			return 0
		}
		return p.local[c]
	}
	// Pair the local classes of both sides; per pair, the target groups.
	classPairs := map[[2]int32][]*actionClass{}
	var cpKeys [][2]int32
	for _, c := range u.classes {
		k := [2]int32{local(pair[0], c.id), local(pair[1], c.id)}
		if _, ok := classPairs[k]; !ok {
			cpKeys = append(cpKeys, k)
		}
		classPairs[k] = append(classPairs[k], c)
	}
	accs := map[[4]string]*changeAcc{}
	next := 0 // numbers the target lists that are not shared
	for _, ck := range cpKeys {
		classes := classPairs[ck]
		for _, g := range m.targetPairs(pair, ck, &next) {
			// decisions are the same for every class of the pair and
			// every target of the group (of one kind); classOn filters
			// by service.
			rep := g.rep
			for _, c := range classes {
				if !classOn(c, rep) {
					continue
				}
				b, a := viewOf(m.decision(pair[0], c.id, rep)), viewOf(m.decision(pair[1], c.id, rep))
				kindC, when, changed := contextChange(b, a)
				if !changed {
					continue
				}
				fit := u.fitting(c, rep)
				if len(fit) == 0 {
					continue
				}
				touched := map[[4]string]*changeAcc{}
				for _, mi := range fit {
					key := [4]string{string(kindC), u.svc[mi], string(u.level[mi]), when}
					acc := accs[key]
					if acc == nil {
						acc = &changeAcc{actions: map[int32]bool{}, tsets: map[int][]*matrixTarget{}, trans: map[string]bool{}, depends: map[string]bool{}}
						accs[key] = acc
					}
					acc.actions[mi] = true
					touched[key] = acc
				}
				ts := g.list()
				for _, acc := range touched {
					acc.tsets[g.key] = ts
					acc.trans[string(b.dec)+"->"+string(a.dec)] = true
					for _, r := range b.reasons {
						acc.depends[r] = true
					}
					for _, r := range a.reasons {
						acc.depends[r] = true
					}
				}
			}
		}
	}
	shared := map[string][]string{}
	for key, acc := range accs {
		ch := AccessChange{
			Kind: ChangeKind(key[0]), Service: key[1], AccessLevel: key[2],
			Actions: u.actionNames(acc.actions), Resources: sharedLabels(shared, acc.tsets, len(u.targets)),
			Transitions: sortedKeys(acc.trans), DependsOn: sortedKeys(acc.depends), When: key[3],
		}
		if ServiceRanked(ch.Service) { // other services' actions are all rank 2: already in order
			SortBySecurity(ch.Actions)
		}
		pd.Changes = append(pd.Changes, ch)
	}
	sortChanges(pd.Changes)
	return pd
}

// targetPair is the targets of one kind that get the same decisions on
// both sides for a pair of local classes.
type targetPair struct {
	key     int // identifies the list in a principal's diff (shared lists: their index)
	rep     *matrixTarget
	members []*matrixTarget // nil: filter from, else the members
	from    []*matrixTarget
	skip    map[*matrixTarget]bool
}

// list returns the members in target order.
func (g *targetPair) list() []*matrixTarget {
	if g.members == nil {
		for _, t := range g.from {
			if !g.skip[t] {
				g.members = append(g.members, t)
			}
		}
	}
	return g.members
}

// targetPairs groups the targets for a pair of local classes (ck) of a
// principal's two sides: the targets decided one by one or named by the
// principal's documents on either side, paired by their groups; the
// others by the universe's generic group pairs (shared, not copied, when
// none of their members is singled out).
func (m *matrix) targetPairs(pair [2]*principalAccess, ck [2]int32, next *int) []*targetPair {
	u := m.u
	var rows [2]*accessRow
	for si, p := range pair {
		if !p.absent {
			rows[si] = &p.rows[ck[si]]
		}
	}
	keyOf := func(si int, t *matrixTarget) int64 {
		p := pair[si]
		switch {
		case p.absent:
			return 0
		case rows[si].ind(t) >= 0:
			return -int64(t.id) - 1
		}
		return int64(p.group(u, t))
	}
	special := map[*matrixTarget]bool{}
	for si, p := range pair {
		if p.absent {
			continue
		}
		for _, t := range rows[si].indT {
			special[t] = true
		}
		for _, l := range p.extra {
			for _, t := range l {
				special[t] = true
			}
		}
	}
	var out []*targetPair
	byKey := map[[2]int64]*targetPair{}
	for t := range special {
		k := [2]int64{keyOf(0, t), keyOf(1, t)}
		g := byKey[k]
		if g == nil {
			g = &targetPair{key: 1<<30 + *next}
			*next++
			byKey[k] = g
			out = append(out, g)
		}
		g.members = append(g.members, t)
	}
	for _, g := range out {
		sort.Slice(g.members, func(i, j int) bool { return g.members[i].id < g.members[j].id })
		g.rep = g.members[0]
	}
	// generic lists, minus the special targets
	var lists [][]*matrixTarget
	switch {
	case pair[0].absent:
		lists = u.ix.gens[1]
	case pair[1].absent:
		lists = u.ix.gens[0]
	default:
		for _, k := range u.ix.gpairKeys {
			lists = append(lists, u.ix.gpairs[k])
		}
	}
	excluded := map[int]bool{}
	for t := range special {
		switch {
		case pair[0].absent:
			excluded[int(u.ix.gsig[1][t.id])] = true
		case pair[1].absent:
			excluded[int(u.ix.gsig[0][t.id])] = true
		}
	}
	if !pair[0].absent && !pair[1].absent && len(special) > 0 {
		for t := range special {
			excluded[u.ix.gpairIdx[[2]int32{u.ix.gsig[0][t.id], u.ix.gsig[1][t.id]}]] = true
		}
	}
	for i, l := range lists {
		g := &targetPair{key: i}
		if !excluded[i] {
			g.members, g.rep = l, l[0]
		} else {
			g.key = 1<<30 + *next
			*next++
			g.from, g.skip = l, special
			for _, t := range l {
				if !special[t] {
					g.rep = t
					break
				}
			}
			if g.rep == nil {
				continue
			}
		}
		out = append(out, g)
	}
	return out
}

// actionNames lists the names of a set of actions in string order (the
// order sortedKeys gives names), sorting their ranks rather than strings.
func (u *universe) actionNames(set map[int32]bool) []string {
	u.rankOnce.Do(func() {
		order := make([]int32, len(u.actions))
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortStableFunc(order, func(a, b int32) int { return strings.Compare(u.actions[a], u.actions[b]) })
		u.rank = make([]int32, len(u.actions))
		for r, i := range order {
			u.rank[i] = int32(r)
		}
	})
	ids := make([]int32, 0, len(set))
	for i := range set {
		ids = append(ids, i)
	}
	slices.SortFunc(ids, func(a, b int32) int { return int(u.rank[a]) - int(u.rank[b]) })
	out := make([]string, 0, len(ids))
	for _, i := range ids {
		if n := len(out); n == 0 || out[n-1] != u.actions[i] { // a name listed twice in the catalog: once, as a set of names
			out = append(out, u.actions[i])
		}
	}
	return out
}

// sharedLabels is labels, one list per principal for the changes over the
// same target lists (a principal with ReadOnlyAccess has hundreds of
// changes, most over the same targets): the lists are read, never written.
func sharedLabels(shared map[string][]string, sets map[int][]*matrixTarget, universe int) []string {
	keys := make([]int, 0, len(sets))
	for k := range sets {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var kb strings.Builder
	for _, k := range keys {
		kb.WriteString(strconv.Itoa(k))
		kb.WriteByte(',')
	}
	if l, ok := shared[kb.String()]; ok {
		return l
	}
	l := labels(sets, universe)
	shared[kb.String()] = l
	return l
}

// labels lists the targets of some sorted lists, in the universe's order
// (by label, "*" first); universe is the number of targets.
func labels(sets map[int][]*matrixTarget, universe int) []string {
	if len(sets) == 1 {
		for _, ts := range sets {
			out := make([]string, len(ts))
			for i, t := range ts {
				out[i] = t.Label
			}
			return out
		}
	}
	n := 0
	for _, ts := range sets {
		n += len(ts)
	}
	var all []*matrixTarget
	if n > universe/8 {
		// many: mark the ids, then read them in order
		in := make([]*matrixTarget, universe)
		for _, ts := range sets {
			for _, t := range ts {
				in[t.id] = t
			}
		}
		all = make([]*matrixTarget, 0, n)
		for _, t := range in {
			if t != nil {
				all = append(all, t)
			}
		}
	} else {
		all = make([]*matrixTarget, 0, n)
		for _, ts := range sets {
			all = append(all, ts...)
		}
		slices.SortFunc(all, func(a, b *matrixTarget) int { return a.id - b.id })
		all = slices.Compact(all)
	}
	out := make([]string, len(all))
	for i, t := range all {
		out[i] = t.Label
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

var kindOrder = map[ChangeKind]int{Gained: 0, Lost: 1, BecameUnknown: 2, Resolved: 3}

// serviceRank puts the groups holding escalation techniques, then IAM,
// STS and Organizations, before the other services (diff_order.go).
// Actions are in security order (SortBySecurity), so the first decides.
func serviceRank(c AccessChange) int {
	if len(c.Actions) == 0 {
		return 2
	}
	return actionRank(c.Actions[0])
}

func sortChanges(cs []AccessChange) {
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.Kind != b.Kind {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		// security-relevant first (diff_order.go)
		if sa, sb := serviceRank(a), serviceRank(b); sa != sb {
			return sa < sb
		}
		if la, lb := securityLevelOrder(a.AccessLevel), securityLevelOrder(b.AccessLevel); la != lb {
			return la < lb
		}
		if a.Service != b.Service {
			return a.Service < b.Service
		}
		if a.When != b.When { // rows outside the plan: one group per condition
			return a.When < b.When
		}
		return strings.Join(a.Resources, ",") < strings.Join(b.Resources, ",")
	})
}

// kindVerbs name each kind of change in messages and reports.
var kindVerbs = map[ChangeKind]string{
	Gained: "gains", Lost: "loses", BecameUnknown: "becomes unknown for", Resolved: "becomes known for",
}

// Verb is the kind of change as a verb phrase ("gains", "becomes unknown for").
func (k ChangeKind) Verb() string { return kindVerbs[k] }

// abbreviate joins up to n items and says how many more there are.
func Abbreviate(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:n], ", ") + fmt.Sprintf(", … (%d more)", len(items)-n)
}
