package analysis

import (
	"bytes"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// OU rows of the diff with everyone (issue 9): each organizational unit
// that a resource or trust policy of the plan names in aws:PrincipalOrgPaths
// (o-.../r-.../ou-.../, with or without a trailing *) is a row of its own,
// labelled as the gate names it (ou:PATH, check_org.go): a caller from some
// account of that OU that no policy names otherwise, whose
// aws:PrincipalOrgID is the path's organization and whose
// aws:PrincipalOrgPaths lie under the path (CTX-9). Paths with a wildcard
// before their last unit name no one OU and get no row.

// ouSubjects lists the OU callers, with p (the "any AWS account" caller)
// as their principal.
func (a *Analysis) ouSubjects(p evaluator.Principal) []member {
	seen := map[string]bool{}
	var out []member
	for _, s := range []*SideAnalysis{a.Before, a.After} {
		for _, d := range s.resourceDocs() {
			if d.doc.Unknown != nil || !bytes.Contains(bytes.ToLower(d.doc.JSON), []byte("principalorgpaths")) {
				continue
			}
			tree, _ := evaluator.ParsePolicy(d.doc.JSON, d.typ)
			if tree == nil {
				continue
			}
			for _, st := range tree.Statements {
				for _, c := range st.Conditions {
					if !strings.EqualFold(c.Key, keyPrincipalOrgPaths) {
						continue
					}
					for _, v := range c.Values {
						o, ok, err := parseOrgPrincipal("ou:" + strings.TrimSuffix(v.Text, "*"))
						if !ok || err != nil || seen[o.path] {
							continue
						}
						seen[o.path] = true
						label := "ou:" + o.path
						out = append(out, member{sub: &Subject{Ref: label, Principal: p, scope: knownOrgScope(o.id, o)}, label: label})
					}
				}
			}
		}
	}
	return out
}
