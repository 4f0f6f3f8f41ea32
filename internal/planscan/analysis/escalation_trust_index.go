package analysis

import (
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
)

// trustIndex finds the roles whose trust policy may name a principal
// without scanning every role for every principal (quadratic on plans with
// thousands of roles). It over-approximates mentions: every role it leaves
// out is one that mentions rejects, and the caller still asks trustNames
// (and then the engine) for each candidate.
type trustIndex struct {
	order     map[*iammodel.Identity]int // position in Model.Roles
	any       []*iammodel.Identity       // "*", wildcards, NotPrincipal, unique ids
	byARN     map[string][]*iammodel.Identity
	byAccount map[string][]*iammodel.Identity // account id or the account's root
	bySession map[string][]*iammodel.Identity // assumed-role/NAME/... entries, by NAME
}

func newTrustIndex(roles []*iammodel.Identity, docs map[*iammodel.Identity]*parsedDoc) *trustIndex {
	ix := &trustIndex{order: map[*iammodel.Identity]int{}, byARN: map[string][]*iammodel.Identity{},
		byAccount: map[string][]*iammodel.Identity{}, bySession: map[string][]*iammodel.Identity{}}
	for i, r := range roles {
		ix.order[r] = i
		pd, ok := docs[r]
		if !ok {
			continue
		}
		if pd == nil || pd.anyPrincipal {
			ix.any = append(ix.any, r)
			continue
		}
		for _, v := range pd.awsPrincipals {
			switch {
			case v == "*", strings.ContainsAny(v, "*?"):
				ix.any = append(ix.any, r)
			case evaluator.IsAccountID(v):
				ix.byAccount[v] = append(ix.byAccount[v], r)
			case strings.HasPrefix(v, "arn:"):
				ix.byARN[v] = append(ix.byARN[v], r)
				if strings.HasSuffix(v, ":root") {
					ix.byAccount[evaluator.ARNField(v, 4)] = append(ix.byAccount[evaluator.ARNField(v, 4)], r)
				}
				if _, rest, ok := strings.Cut(v, ":assumed-role/"); ok {
					name, _, _ := strings.Cut(rest, "/")
					ix.bySession[name] = append(ix.bySession[name], r)
				}
			default:
				ix.any = append(ix.any, r)
			}
		}
	}
	return ix
}

// candidates are the roles whose trust may name p, in Model.Roles order;
// all is every role, for a caller whose ARN or account is unknown (PT-6).
func (ix *trustIndex) candidates(p evaluator.Principal, all []*iammodel.Identity) []*iammodel.Identity {
	if p.ARN == "" || p.Account == "" {
		return all
	}
	seen := map[*iammodel.Identity]bool{}
	var out []*iammodel.Identity
	add := func(rs []*iammodel.Identity) {
		for _, r := range rs {
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	add(ix.any)
	add(ix.byARN[p.ARN])
	if p.RoleARN != "" {
		add(ix.byARN[p.RoleARN])
	}
	add(ix.byAccount[p.Account])
	if p.Kind == evaluator.PrincipalRoleSession {
		add(ix.bySession[p.Name])
	}
	sort.Slice(out, func(i, j int) bool { return ix.order[out[i]] < ix.order[out[j]] })
	return out
}
