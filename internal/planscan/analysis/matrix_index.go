package analysis

// Indexes of the universe that keep the access matrix near-linear in the
// plan: targets by ARN prefix (which targets a principal's own resource
// patterns may match), resource documents by the principals they name
// (which targets a principal is named by), the generic target groups (what
// the targets a principal's patterns do not single out share), and the
// compiled resource documents (compiled once, not once per principal).

import (
	"sort"
	"strconv"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// mentionIndex lists the targets of one side whose resource or trust
// document names principals, by what it names.
type mentionIndex struct {
	all       []*matrixTarget            // "*", wildcards, NotPrincipal, unreadable: every principal
	any       []*matrixTarget            // any AWS principal: a principal of unknown ARN or account
	byAccount map[string][]*matrixTarget // account ids (and ARNs, by their account, for :root)
	byARN     map[string][]*matrixTarget
	bySession map[string][]*matrixTarget // assumed-role/<name>/
}

type indexes struct {
	sorted  []*matrixTarget            // known targets but "*", by lower-case ARN
	partial map[string][]*matrixTarget // unknown ARNs by lower-case known prefix
	// generic groups per side: targets alike for every principal that
	// neither names them in its resource patterns nor is named by them.
	gsig [2][]int32           // target id -> generic group
	gens [2][][]*matrixTarget // members, in target order
	// gpairs: the targets of each (before, after) pair of generic groups.
	gpairKeys  [][2]int32
	gpairs     map[[2]int32][]*matrixTarget
	gpairIdx   map[[2]int32]int // index in gpairKeys
	mention    [2]mentionIndex
	roleTarget [2]map[*iammodel.Identity]*matrixTarget
}

func (u *universe) buildIndexes() {
	ix := &u.ix
	ix.partial = map[string][]*matrixTarget{}
	for _, t := range u.targets {
		if t.Kind == "*" {
			continue
		}
		ix.sorted = append(ix.sorted, t)
		if t.Unknown != nil {
			ix.partial[t.lower] = append(ix.partial[t.lower], t)
		}
	}
	sort.SliceStable(ix.sorted, func(i, j int) bool { return ix.sorted[i].lower < ix.sorted[j].lower })
	ix.gpairs, ix.gpairIdx = map[[2]int32][]*matrixTarget{}, map[[2]int32]int{}
	for si := range 2 {
		ix.gsig[si] = make([]int32, len(u.targets))
		bySig := map[string]int32{}
		ix.roleTarget[si] = map[*iammodel.Identity]*matrixTarget{}
		mi := &ix.mention[si]
		mi.byAccount, mi.byARN, mi.bySession = map[string][]*matrixTarget{}, map[string][]*matrixTarget{}, map[string][]*matrixTarget{}
		for _, t := range u.targets {
			sig := t.Kind + "|" + t.account[si] + "|" + docState(t.resDoc[si]) + "|" + docState(t.trustDoc[si]) + "|" + strconv.FormatBool(t.slr) + "|" + strconv.FormatBool(t.Unknown != nil)
			if t.Kind == "*" {
				sig = "#" + strconv.Itoa(t.id)
			}
			g, ok := bySig[sig]
			if !ok {
				g = int32(len(ix.gens[si]))
				bySig[sig] = g
				ix.gens[si] = append(ix.gens[si], nil)
			}
			ix.gsig[si][t.id] = g
			ix.gens[si][g] = append(ix.gens[si][g], t)
			if r := t.role[si]; r != nil {
				ix.roleTarget[si][r] = t
			}
			seen := map[string]bool{}
			for _, pd := range []*parsedDoc{knownPars(t.resDoc[si], t.resPars[si]), knownPars(t.trustDoc[si], t.trustPars[si])} {
				if pd != nil {
					mi.add(t, pd, seen)
				}
			}
		}
	}
	for _, t := range u.targets {
		k := [2]int32{ix.gsig[0][t.id], ix.gsig[1][t.id]}
		if _, ok := ix.gpairs[k]; !ok {
			ix.gpairIdx[k] = len(ix.gpairKeys)
			ix.gpairKeys = append(ix.gpairKeys, k)
		}
		ix.gpairs[k] = append(ix.gpairs[k], t)
	}
}

// docState is the principal-independent part of a target's document in
// its group signature: none, unknown, or known (it names the principal or
// not: that is decided per principal).
func docState(d *evaluator.PolicyDoc) string {
	switch {
	case d == nil:
		return ""
	case d.Unknown != nil:
		return "U"
	}
	return "N"
}

func knownPars(d *evaluator.PolicyDoc, pd *parsedDoc) *parsedDoc {
	if d == nil || d.Unknown != nil {
		return nil
	}
	return pd
}

func (mi *mentionIndex) add(t *matrixTarget, pd *parsedDoc, seen map[string]bool) {
	put := func(m map[string][]*matrixTarget, k string) {
		if !seen[k] {
			seen[k] = true
			m[k] = append(m[k], t)
		}
	}
	if pd.anyPrincipal {
		if !seen["*all"] {
			seen["*all"] = true
			mi.all = append(mi.all, t)
		}
		return
	}
	if len(pd.awsPrincipals) > 0 && !seen["*any"] {
		seen["*any"] = true
		mi.any = append(mi.any, t)
	}
	for _, v := range pd.awsPrincipals {
		switch {
		case v == "*", strings.ContainsAny(v, "*?"):
			if !seen["*all"] {
				seen["*all"] = true
				mi.all = append(mi.all, t)
			}
		case evaluator.IsAccountID(v):
			put(mi.byAccount, v)
		case strings.HasPrefix(v, "arn:"):
			put(mi.byARN, v)
			if strings.HasSuffix(v, ":root") {
				put(mi.byAccount, evaluator.ARNField(v, 4))
			}
			if _, rest, ok := strings.Cut(v, ":assumed-role/"); ok {
				name, _, _ := strings.Cut(rest, "/")
				put(mi.bySession, name)
			}
		default:
			if !seen["*all"] {
				seen["*all"] = true
				mi.all = append(mi.all, t)
			}
		}
	}
}

// candidates lists the targets whose documents may name the principal (a
// superset: mentions decides).
func (mi *mentionIndex) candidates(p evaluator.Principal, visit func(*matrixTarget)) {
	lists := [][]*matrixTarget{mi.all}
	if p.ARN == "" || p.Account == "" {
		lists = append(lists, mi.any)
	} else {
		lists = append(lists, mi.byAccount[p.Account], mi.byARN[p.ARN])
		if p.RoleARN != "" && p.RoleARN != p.ARN {
			lists = append(lists, mi.byARN[p.RoleARN])
		}
		if p.Kind == evaluator.PrincipalRoleSession {
			lists = append(lists, mi.bySession[p.Name])
		}
	}
	for _, l := range lists {
		for _, t := range l {
			visit(t)
		}
	}
}

// involvedBy calls visit for every target a pattern with this literal
// prefix may match: the target ARN starts with the prefix, or the prefix
// starts with the ARN when the pattern may match a partial ARN.
func (ix *indexes) involvedBy(prefix string, visit func(*matrixTarget)) {
	i := sort.Search(len(ix.sorted), func(i int) bool { return ix.sorted[i].lower >= prefix })
	for ; i < len(ix.sorted) && strings.HasPrefix(ix.sorted[i].lower, prefix); i++ {
		visit(ix.sorted[i])
	}
	if len(ix.partial) == 0 {
		return
	}
	for n := 0; n <= len(prefix); n++ {
		for _, t := range ix.partial[prefix[:n]] {
			if n < len(prefix) || !strings.HasPrefix(t.lower, prefix) {
				visit(t) // the exact case is found above
			}
		}
	}
}
