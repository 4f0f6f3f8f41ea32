package analysis

// The principals a gate block names (issue 13): a group stands for its
// members, a role for its sessions, an ARN for that principal; "anonymous"
// (EV-16) and "account:ID" (PR-4, its root user, EV-18) name principals
// outside the plan.

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
	"github.com/iamsim/terraform-provider-iamsim/internal/planscan/iammodel"
)

// member is one principal a config principal stands for; "organization",
// "organization:o-..." and "ou:..." stand for a caller of that
// organization (check_org.go).
type member struct {
	sub   *Subject
	label string // address or external name
}

// externalPrincipal reads the names of principals outside the plan:
// "anonymous" and "account:ID".
func externalPrincipal(ref string) (evaluator.Principal, bool, error) {
	if ref == "anonymous" {
		p, err := evaluator.ParsePrincipal("anonymous")
		return p, true, err
	}
	if id, ok := strings.CutPrefix(ref, "account:"); ok {
		if !evaluator.IsAccountID(id) {
			return evaluator.Principal{}, true, fmt.Errorf("principal %q: want account:<12-digit account id>", ref)
		}
		p, err := evaluator.ParsePrincipal(id)
		return p, true, err
	}
	return evaluator.Principal{}, false, nil
}

// groupByRef finds a group by address or ARN.
func (s *SideAnalysis) groupByRef(ref string) *iammodel.Group {
	for _, g := range s.Model.Groups {
		if g.Address == ref || (g.ARN.Set() && g.ARN.Value == ref) {
			return g
		}
	}
	return nil
}

// isGroupRef: the reference names a group of either side of the plan.
func (a *Analysis) isGroupRef(ref string) bool {
	return a.Before.groupByRef(ref) != nil || a.After.groupByRef(ref) != nil || strings.HasPrefix(ref, "aws_iam_group.") ||
		strings.Contains(ref, ".aws_iam_group.")
}

// members expands a config principal on this side: a group's members (none
// when the group does not exist on this side), else the one principal.
func (s *SideAnalysis) members(ref string) ([]member, error) {
	if o, ok, err := parseOrgPrincipal(ref); ok {
		if err != nil {
			return nil, err
		}
		sub, err := s.orgSubject(o)
		if err != nil {
			return nil, err
		}
		return []member{{sub: sub, label: ref}}, nil
	}
	if p, ok, err := externalPrincipal(ref); ok {
		if err != nil {
			return nil, err
		}
		return []member{{sub: &Subject{Ref: ref, Principal: p}, label: ref}}, nil
	}
	if g := s.groupByRef(ref); g != nil {
		var out []member
		for _, id := range g.Members {
			out = append(out, member{sub: &Subject{Ref: id.Address, Identity: id, Principal: s.Model.PrincipalOf(id)}, label: id.Address})
		}
		sort.Slice(out, func(i, j int) bool { return out[i].label < out[j].label })
		return out, nil
	}
	sub, err := s.Subject(ref)
	if err != nil {
		return nil, err
	}
	return []member{{sub: sub, label: sub.Label()}}, nil
}

// externalPrincipals are the principals outside the plan that an only
// block also asks about: anonymous callers and the root user of every other
// account the plan names (the plan's own root can do everything, EV-18).
func (s *SideAnalysis) externalPrincipals() []member {
	out := []member{}
	for _, ref := range append([]string{"anonymous"}, s.otherAccounts()...) {
		p, _, err := externalPrincipal(ref)
		if err == nil {
			out = append(out, member{sub: &Subject{Ref: ref, Principal: p}, label: ref})
		}
	}
	return out
}

func (s *SideAnalysis) otherAccounts() []string {
	own := s.repAccount()
	var out []string
	s.planResources() // fills s.scopeAccts
	for _, acct := range s.scopeAccts {
		if acct != own && evaluator.IsAccountID(acct) {
			out = append(out, "account:"+acct)
		}
	}
	sort.Strings(out)
	return out
}
