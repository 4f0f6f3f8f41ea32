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
	gpairIdx   map[[2]int32]int                 // index in gpairKeys
	mention    [2]principalIndex[*matrixTarget] // targets by the principals their known documents may name
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
		s := sides[si](u.a)
		for _, t := range u.targets {
			sig := t.Kind + "|" + t.account[si] + "|" + docState(t.resDoc[si]) + "|" + docState(t.trustDoc[si]) + "|" + strconv.FormatBool(t.slr) + "|" + strconv.FormatBool(t.Unknown != nil) + "|" + tagSig(t.tagged[si])
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
			if d := t.resDoc[si]; d != nil {
				t.resComp[si] = s.compiledResource(d)
				if d.Unknown == nil {
					ix.mention[si].add(t, t.resComp[si].Policy(evaluator.PolicyResource))
				}
			}
			if d := t.trustDoc[si]; d != nil {
				t.trustComp[si] = s.compiledResource(d)
				if d.Unknown == nil {
					ix.mention[si].add(t, t.trustComp[si].Policy(evaluator.PolicyTrust))
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
