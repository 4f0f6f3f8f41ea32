package analysis

import (
	"strings"

	"github.com/iamsim/terraform-provider-iamsim/internal/evaluator"
)

// contextGains are the grants of a deny_new block's actions that the plan
// adds under some request context (issue 9) and that the permission diff,
// which decides one request per cell with the context keys absent, does
// not show: a principal that may act after the plan when MFA is present,
// from a network, with a tag, and could not act under any context before.
// Each line names the conditions. The block's named actions (and action
// patterns) are asked for every principal of the after state, anonymous
// callers and the other accounts the plan names, on every resource its
// entries match (every resource without entries); access levels read the
// diff only. seen holds "principal\x00action" lines the diff already
// reports. The organization principals the block names (orgs, which the
// diff has no row for) are asked too, on the named actions and on
// levelActs, the actions of the block's access levels that resource and
// trust policies grant to outsiders (check_org.go).
func (a *Analysis) contextGains(c *ConfigDenyNew, principals, seen map[string]bool, orgs, levelActs []string) (gained, unknown, depends []string, err error) {
	if len(c.Actions) == 0 && len(levelActs) == 0 {
		return nil, nil, nil, nil
	}
	actions := a.expandActions(c.Actions)
	orgActions := a.expandActions(append(append([]string{}, c.Actions...), levelActs...))
	entries := c.Resources
	if len(entries) == 0 {
		entries = []string{"*"}
	}
	after, before := a.After, a.Before
	scopeAfter, err := after.blockScope(entries, orgActions)
	if err != nil {
		return nil, nil, nil, err
	}
	scopeBefore, err := before.blockScope(entries, orgActions)
	if err != nil {
		return nil, nil, nil, err
	}
	beforeTargets := map[string]map[string]*Target{}
	for act, ts := range scopeBefore {
		m := map[string]*Target{}
		for _, t := range ts {
			m[t.Ref+"\x00"+t.ARN] = t.Target
		}
		beforeTargets[act] = m
	}
	candidates := []member{}
	for _, id := range after.Model.Principals() {
		candidates = append(candidates, member{sub: &Subject{Ref: id.Address, Identity: id, Principal: after.Model.PrincipalOf(id)}, label: id.Address})
	}
	candidates = append(candidates, after.externalPrincipals()...)
	for _, ref := range orgs {
		mems, err := after.members(ref)
		if err != nil {
			return nil, nil, nil, err
		}
		candidates = append(candidates, mems...)
	}
	for _, m := range candidates {
		if len(principals) > 0 && !principals[m.label] {
			continue
		}
		prior := m.sub
		if m.sub.Identity != nil {
			if prior, err = before.Subject(m.label); err != nil {
				return nil, nil, nil, err
			}
		}
		acts := actions
		if m.sub.scope != nil {
			acts = orgActions
		}
		for _, act := range acts {
			if seen[m.label+"\x00"+strings.ToLower(act)] {
				continue
			}
			line, maybe := "", ""
			for _, t := range scopeAfter[act] {
				if m.sub.Identity == nil && !t.owned() {
					continue // outside principals act on their own account's resources
				}
				qa := after.DecideAnyContext(m.sub, act, t.Target, evaluator.Context{})
				if !qa.Q.HasAllowed {
					continue
				}
				var qb evaluator.Quantified
				if bt := beforeTargets[act][t.Ref+"\x00"+t.ARN]; bt != nil {
					qb = before.DecideAnyContext(prior, act, bt, evaluator.Context{}).Q
				} else {
					qb.Outcome = evaluator.OutcomeNever // the resource does not exist before
				}
				switch {
				case qb.HasAllowed:
				case qb.Outcome == evaluator.OutcomeNever:
					line = m.label + " gained " + act + " on " + t.label() + allowedWhen(&qa.Q)
				case maybe == "":
					maybe = m.label + " may gain " + act + " on " + t.label() + allowedWhen(&qa.Q)
					depends = append(depends, evaluator.ReasonStrings(qb.Unknowns)...)
				}
				if line != "" {
					break
				}
			}
			switch {
			case line != "":
				gained = append(gained, line)
			case maybe != "":
				unknown = append(unknown, maybe)
			}
		}
	}
	return gained, unknown, depends, nil
}
