package analysis

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/iamdata"
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
	cb, ca := category(b), category(a)
	switch {
	case cb == ca:
		return "", false
	case cb == 0:
		return Resolved, true
	case ca == 0:
		return BecameUnknown, true
	case ca == 2:
		return Gained, true
	}
	return Lost, true
}

// Diff computes who gains and who loses which access (all principals, every
// action of the reference data, every resource the model knows and "*").
func (a *Analysis) Diff() *Diff {
	m := a.matrix()
	out := &Diff{Principals: []PrincipalDiff{}}
	pds := make([]PrincipalDiff, len(m.addrs))
	parallel(len(m.addrs), func(i int) { pds[i] = m.principalDiff(m.addrs[i], m.acc[i]) })
	for _, pd := range pds {
		if len(pd.Changes) == 0 {
			out.Unchanged++
			continue
		}
		out.Principals = append(out.Principals, pd)
	}
	return out
}

type changeAcc struct {
	actions map[string]bool
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
	group := func(p *principalAccess, t int) int32 {
		if p.absent {
			return 0
		}
		return p.groupOf[t]
	}
	// Pair the local classes and the target groups of both sides.
	classPairs := map[[2]int32][]*actionClass{}
	var cpKeys [][2]int32
	for _, c := range u.classes {
		k := [2]int32{local(pair[0], c.id), local(pair[1], c.id)}
		if _, ok := classPairs[k]; !ok {
			cpKeys = append(cpKeys, k)
		}
		classPairs[k] = append(classPairs[k], c)
	}
	type tgroup struct {
		id     int
		rep    *matrixTarget
		byKind map[string][]*matrixTarget
		kinds  []string
	}
	targetPairs := map[[2]int32]*tgroup{}
	var tpKeys [][2]int32
	for _, t := range u.targets {
		k := [2]int32{group(pair[0], t.id), group(pair[1], t.id)}
		g := targetPairs[k]
		if g == nil {
			g = &tgroup{id: len(tpKeys), rep: t, byKind: map[string][]*matrixTarget{}}
			targetPairs[k] = g
			tpKeys = append(tpKeys, k)
		}
		if _, ok := g.byKind[t.Kind]; !ok {
			g.kinds = append(g.kinds, t.Kind)
		}
		g.byKind[t.Kind] = append(g.byKind[t.Kind], t)
	}
	accs := map[[3]string]*changeAcc{}
	for _, ck := range cpKeys {
		classes := classPairs[ck]
		for _, tk := range tpKeys {
			g := targetPairs[tk]
			for kindIdx, kind := range g.kinds {
				ts := g.byKind[kind]
				// decisions are the same for every class of the pair and
				// every target of the group; classOn filters by service.
				for _, c := range classes {
					if !classOn(c, ts[0]) {
						continue
					}
					b, a := pair[0].decision(c.id, ts[0]), pair[1].decision(c.id, ts[0])
					kindC, changed := changeKind(b.dec, a.dec)
					if !changed {
						continue
					}
					fit := u.fitting(c, ts[0])
					if len(fit) == 0 {
						continue
					}
					touched := map[[3]string]*changeAcc{}
					for _, mi := range fit {
						key := [3]string{string(kindC), u.svc[mi], string(u.level[mi])}
						acc := accs[key]
						if acc == nil {
							acc = &changeAcc{actions: map[string]bool{}, tsets: map[int][]*matrixTarget{}, trans: map[string]bool{}, depends: map[string]bool{}}
							accs[key] = acc
						}
						acc.actions[u.actions[mi]] = true
						touched[key] = acc
					}
					for _, acc := range touched {
						acc.tsets[g.id*64+kindIdx] = ts
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
	}
	for key, acc := range accs {
		pd.Changes = append(pd.Changes, AccessChange{
			Kind: ChangeKind(key[0]), Service: key[1], AccessLevel: key[2],
			Actions: sortedKeys(acc.actions), Resources: labels(acc.tsets),
			Transitions: sortedKeys(acc.trans), DependsOn: sortedKeys(acc.depends),
		})
	}
	sortChanges(pd.Changes)
	return pd
}

// labels lists the targets of some sorted lists, in the universe's order
// (by label, "*" first).
func labels(sets map[int][]*matrixTarget) []string {
	if len(sets) == 1 {
		for _, ts := range sets {
			out := make([]string, len(ts))
			for i, t := range ts {
				out[i] = t.Label
			}
			return out
		}
	}
	var all []*matrixTarget
	for _, ts := range sets {
		all = append(all, ts...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].id < all[j].id })
	out := make([]string, 0, len(all))
	for i, t := range all {
		if i > 0 && all[i-1] == t {
			continue
		}
		out = append(out, t.Label)
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

func levelOrder(l string) int {
	for i, x := range iamdata.AccessLevels() {
		if string(x) == l {
			return i
		}
	}
	return len(iamdata.AccessLevels())
}

func sortChanges(cs []AccessChange) {
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.Kind != b.Kind {
			return kindOrder[a.Kind] < kindOrder[b.Kind]
		}
		if a.Service != b.Service {
			return a.Service < b.Service
		}
		return levelOrder(a.AccessLevel) < levelOrder(b.AccessLevel)
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
